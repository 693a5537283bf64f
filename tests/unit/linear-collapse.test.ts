import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  decisionGrid,
  fitToy,
  linearCollapse,
  matrixRank,
  reluNetAsLinear,
  toyData,
} from '../../src/lib/experiments/linear-collapse.ts';

describe('two linear layers collapse; ReLU nets and linear classifiers', async () => {
  const { tf } = await nodeTf('cpu');

  it('the composite single layer reproduces the two-layer output to float32 precision', async () => {
    const before = tf.memory().numTensors;
    const r = await linearCollapse(tf, { d: 3, h: 4, k: 2, seed: 7 });
    expect(r.w).toHaveLength(3);
    expect(r.w[0]).toHaveLength(2);
    expect(r.maxAbsOutput).toBeGreaterThan(0.5);
    expect(r.maxAbsDiff).toBeLessThan(1e-5 * r.maxAbsOutput);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a narrow middle layer caps the rank of the composite map', async () => {
    expect((await linearCollapse(tf, { d: 5, h: 1, k: 4, seed: 3 })).rank).toBe(1);
    expect((await linearCollapse(tf, { d: 5, h: 6, k: 4, seed: 3 })).rank).toBe(4);
    expect(
      matrixRank([
        [1, 2],
        [2, 4],
      ]),
    ).toBe(1);
    expect(
      matrixRank([
        [1, 0],
        [0, 1],
      ]),
    ).toBe(2);
  });

  it('relu(z) − relu(−z) = z: a ReLU network computes a linear score exactly', async () => {
    const { x } = toyData('blobs', 200, 1);
    expect(await reluNetAsLinear(tf, [0.7, -1.3], 0.2, x)).toBeLessThan(1e-6);
  });

  it('on rings, a linear model stays near chance while a small ReLU net separates them', async () => {
    const data = toyData('rings', 400, 2);
    const before = tf.memory().numTensors;
    const lin = await fitToy(tf, [2, 2], data, { epochs: 20, seed: 1 });
    const relu = await fitToy(tf, [2, 16, 16, 2], data, { epochs: 20, seed: 1 });
    expect(lin.accuracy).toBeLessThan(0.7);
    expect(relu.accuracy).toBeGreaterThan(0.95);
    const grid = await decisionGrid(tf, relu.model, 16);
    // The centre of the rings is class 0, a corner is class 1.
    expect(grid[8 * 16 + 8]).toBeLessThan(0.5);
    lin.model.dispose();
    relu.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
