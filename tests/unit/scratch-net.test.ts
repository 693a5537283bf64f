import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  backward,
  dropoutBackward,
  dropoutForward,
  forward,
  initTwoLayer,
  mat,
  sgdStep,
} from '../../src/lib/calculus/scratch-net.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('nn-001: two-layer ReLU net and dropout from scratch', async () => {
  const { tf } = await nodeTf('cpu');
  const n = 6,
    d = 4,
    h = 5,
    k = 3;
  const r = rng(11);
  const x = mat(
    n,
    d,
    Array.from({ length: n * d }, () => r.normal()),
  );
  const labels = [0, 2, 1, 1, 0, 2];
  const p = initTwoLayer(d, h, k, 3);

  it('forward loss and backward gradients equal tfjs autodiff', async () => {
    const c = forward(p, x, labels);
    const g = backward(p, c, labels);
    const [loss, grads] = tf.tidy(() => {
      const X = tf.tensor2d(Array.from(x.data), [n, d]);
      const Y = tf.oneHot(tf.tensor1d(labels, 'int32'), k);
      const f = (w1: never, b1: never, w2: never, b2: never) =>
        tf.losses.softmaxCrossEntropy(
          Y,
          tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(X, w1), b1)), w2), b2),
        );
      const args = [
        tf.tensor2d(Array.from(p.w1.data), [d, h]),
        tf.tensor1d(Array.from(p.b1)),
        tf.tensor2d(Array.from(p.w2.data), [h, k]),
        tf.tensor1d(Array.from(p.b2)),
      ];
      const { value, grads } = tf.valueAndGrads(f as never)(args as never);
      return [value, grads];
    }) as unknown as [{ dataSync(): Float32Array }, { dataSync(): Float32Array }[]];
    expect(c.loss).toBeCloseTo(loss.dataSync()[0]!, 5);
    const mine = [g.w1.data, g.b1, g.w2.data, g.b2];
    grads.forEach((t, i) => t.dataSync().forEach((v, j) => expect(mine[i]![j]).toBeCloseTo(v, 5)));
    // there must be something to compare: some ReLUs are off, some on
    expect(c.z1.data.some((v) => v < 0) && c.z1.data.some((v) => v > 0)).toBe(true);
  });

  it('dropout keeps about 1 − p of the units, preserves the mean, and routes gradients through kept units only', () => {
    const a = mat(200, 50, new Float64Array(200 * 50).fill(2));
    const { out, mask } = dropoutForward(a, 0.3, rng(1));
    const kept = mask.filter((m) => m > 0).length / mask.length;
    expect(kept).toBeGreaterThan(0.67);
    expect(kept).toBeLessThan(0.73);
    expect(out.data.reduce((s, v) => s + v, 0) / out.data.length).toBeCloseTo(2, 1);
    const dOut = mat(200, 50, new Float64Array(200 * 50).fill(1));
    const dIn = dropoutBackward(dOut, mask);
    dIn.data.forEach((g, i) => expect(g).toBe(mask[i]! > 0 ? 1 / 0.7 : 0));
    expect(() => dropoutForward(a, 1, rng(1))).toThrow();
  });

  it('with dropout, backward equals the numerical gradient of the same masked network', () => {
    const c = forward(p, x, labels, { p: 0.4, rng: rng(5) });
    const g = backward(p, c, labels);
    const eps = 1e-6;
    for (const i of [0, 3, 7, 12]) {
      const orig = p.w1.data[i]!;
      p.w1.data[i] = orig + eps;
      const lp = forward(p, x, labels, { p: 0.4, rng: rng(5) }).loss;
      p.w1.data[i] = orig - eps;
      const lm = forward(p, x, labels, { p: 0.4, rng: rng(5) }).loss;
      p.w1.data[i] = orig;
      expect(g.w1.data[i]).toBeCloseTo((lp - lm) / (2 * eps), 6);
    }
  });

  it('gradient descent with these gradients drives the loss down', () => {
    const q = initTwoLayer(d, h, k, 3);
    const first = forward(q, x, labels).loss;
    for (let i = 0; i < 200; i++) sgdStep(q, backward(q, forward(q, x, labels), labels), 0.2);
    expect(forward(q, x, labels).loss).toBeLessThan(first * 0.2);
  });
});
