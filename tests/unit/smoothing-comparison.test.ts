import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  compareLogitGaps,
  compareSmoothing,
  comparisonSummary,
  smoothingTable,
  type RowFormats,
} from '../../src/lib/regularisation/smoothing-comparison.ts';

const plain: RowFormats = { loss: String, fraction: String, points: String, gap: String };

describe('label-smoothing comparison: a cancel keeps what finished', async () => {
  const { tf } = await nodeTf('wasm');
  const trainSet = await nodeSource.load('train', { subset: { first: 128 } });
  const testSet = await nodeSource.load('test', { subset: { first: 200 } });
  const epochs = 4;

  /** Run the comparison, aborting at the first step whose overall fraction passes `at`. */
  async function cancelledAt(at: number) {
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const c = await compareSmoothing(tf, trainSet, testSet, {
      eps: 0.1,
      epochs,
      batchSize: 32,
      signal: controller.signal,
      onStep: (f) => f > at && controller.abort(),
    });
    expect(tf.memory().numTensors).toBe(before);
    return c;
  }

  it('uninterrupted: both arms complete, and the summary compares them', async () => {
    const c = await compareSmoothing(tf, trainSet, testSet, { eps: 0.1, epochs: 2 });
    expect(c.status).toBe('done');
    expect(c.arms.map((r) => [r.eps, r.epochsDone, r.epochs])).toEqual([
      [0, 2, 2],
      [0.1, 2, 2],
    ]);
    expect(comparisonSummary(c, 0.1, String)).toMatch(/^Smoothing moved/);
    expect(smoothingTable(c, plain).head).toEqual(['', 'hard targets', 'smoothed, ε = 0.1']);
  });

  it('cancelled in the second arm: the first arm whole, the second marked partial with its completed epochs', async () => {
    // Fraction (arm + share of its steps) / 2: 0.5 + 0.5 · 2.5/4 falls in the smoothed arm's third epoch.
    const c = await cancelledAt(0.5 + (0.5 * 2.5) / epochs);
    expect(c.status).toBe('cancelled');
    expect(c.arms.map((r) => [r.eps, r.epochsDone])).toEqual([
      [0, epochs],
      [0.1, 2],
    ]);
    // The partial network was evaluated (an untrained one would sit near 10 %).
    expect(c.arms[1]!.test.accuracy).toBeGreaterThan(0.3);
    expect(smoothingTable(c, plain).head).toEqual([
      '',
      'hard targets',
      `smoothed, ε = 0.1 (partial: 2 of ${epochs} epochs)`,
    ]);
    expect(comparisonSummary(c, 0.1, String)).toContain('Cancelled: partial results');
  });

  it('cancelled in the first arm: that arm kept as partial, the second reported as not trained', async () => {
    const c = await cancelledAt((0.5 * 1.5) / epochs);
    expect(c.arms.map((r) => [r.eps, r.epochsDone])).toEqual([[0, 1]]);
    const { head, rows } = smoothingTable(c, plain);
    expect(head).toEqual(['', `hard targets (partial: 1 of ${epochs} epochs)`]);
    rows.forEach((row) => expect(row).toHaveLength(2));
    expect(comparisonSummary(c, 0.1, String)).toContain('smoothed, ε = 0.1: not trained');
  });

  it('cancelled before any epoch completed: nothing to show', async () => {
    const c = await cancelledAt(0.01);
    expect(c.status).toBe('cancelled');
    expect(c.arms).toEqual([]);
  });

  it('one-example gaps: a cancel in the second arm keeps the first whole and pads the second with null', async () => {
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const g = await compareLogitGaps(tf, {
      eps: 0.1,
      steps: 40,
      signal: controller.signal,
      onStep: (f) => f > 0.75 && controller.abort(),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(g.status).toBe('cancelled');
    expect(g.gaps).toHaveLength(2);
    expect(g.gaps.every((y) => y.length === 41)).toBe(true);
    expect(g.gaps[0]!.every((v) => v !== null)).toBe(true);
    const taken = g.gaps[1]!.filter((v) => v !== null).length;
    expect(taken).toBeGreaterThan(1);
    expect(taken).toBeLessThan(41);
    expect(g.gaps[1]!.slice(taken).every((v) => v === null)).toBe(true);
  });
});
