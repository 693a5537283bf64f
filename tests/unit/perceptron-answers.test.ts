import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { createMLP } from '../../src/lib/models/mlp.ts';
import { trainXor } from '../../src/lib/experiments/perceptron.ts';
import {
  denseParameterCount,
  NN027_SIZES,
  perceptronAnswers,
} from '../../src/lib/experiments/perceptron-answers.ts';
describe('the Perceptron answers the pages print', async () => {
  const { tf } = await nodeTf('cpu');
  const a = perceptronAnswers();

  it('nn-008/009: the sum is negative (the page argues it by signs alone) and ReLU clamps it', () => {
    expect(a.nn008.sum).toBeLessThan(-0.9 * 0.15);
    expect(a.nn009.relu).toBe(0);
  });

  it('nn-014: only H3 is active; the two biases differ by less than 0.001 in every printed loss', () => {
    for (const r of [a.nn014.textBias, a.nn014.codeBias]) {
      expect(r.hidden.slice(0, 2)).toEqual([0, 0]);
      expect(r.probs[0]).toBeCloseTo(1 / (1 + Math.exp(-(0.59 + 0.79) * r.hidden[2]!)), 12); // σ(γ1 − γ2)
      // Entropy is the model-weighted average of the two cross-entropies, so it lies between them.
      expect(r.entropy).toBeGreaterThan(r.crossEntropyIfTarget[0]!);
      expect(r.entropy).toBeLessThan(Math.min(r.crossEntropyIfTarget[1]!, Math.log(2)));
    }
    const t = a.nn014.textBias;
    const c = a.nn014.codeBias;
    for (const [x, y] of [
      [t.probs[0], c.probs[0]],
      [t.entropy, c.entropy],
      ...t.crossEntropyIfTarget.map((v, i) => [v, c.crossEntropyIfTarget[i]]),
    ]) {
      expect(Math.abs(x! - y!)).toBeLessThan(1e-3);
    }
  });

  it('nn-019/020: the sums are the bias plus the number of active inputs', () => {
    for (const [rows, b] of [
      [a.nn019, -2.5],
      [a.nn020, -0.25],
    ] as const) {
      rows.forEach((r) => expect(r.sum).toBeCloseTo(b + r.x1 + r.x2, 12));
    }
    expect(a.nn019.every((r) => r.out === 0)).toBe(true);
    expect(a.nn020.map((r) => r.out)).toEqual([0, 1, 1, 1]);
  });

  it('nn-025/026: values agree with the closed forms (a_k is the sigmoid of slope k ln 2; tanh = 2σ(2x) − 1)', () => {
    for (const r of a.nn025)
      expect(r.approx15).toBeCloseTo(1 / (1 + Math.exp(-a.nn025Slopes['k1.5'] * r.v)), 12);
    a.nn026.forEach((y, i) => {
      const x = [0.37, 0.192, 0.571][i]!;
      expect(y).toBeCloseTo(2 / (1 + Math.exp(-2 * x)) - 1, 12);
      expect(y).toBeLessThan(x);
    });
  });

  it('nn-027: the counted parameters equal the variables of the same MLP built with tfjs', () => {
    const model = createMLP(tf, NN027_SIZES, { seed: 0 });
    const sizes = model.variables.reduce((s, v) => s + v.size, 0);
    model.dispose();
    expect(a.nn027.parameters).toBe(sizes);
    expect(a.nn027.perLayer.reduce((s, n) => s + n, 0)).toBe(a.nn027.parameters);
    expect(denseParameterCount([3, 2])).toBe(8);
  });
});

describe('the XOR claims on the threshold-units page', async () => {
  const { tf } = await nodeTf('cpu');
  it('on the cpu backend seed 1 solves XOR and seed 2 stalls with two outputs near ½ and loss near ½ ln 2', async () => {
    const before = tf.memory().numTensors;
    const [one, two] = [await trainXor(tf, { seed: 1 }), await trainXor(tf, { seed: 2 })];
    one.model.dispose();
    two.model.dispose();
    expect(one.solved).toBe(true);
    expect(two.solved).toBe(false);
    expect(two.outputs.filter((o) => Math.abs(o - 0.5) < 0.1)).toHaveLength(2);
    expect(two.losses.at(-1)).toBeCloseTo(Math.log(2) / 2, 1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
