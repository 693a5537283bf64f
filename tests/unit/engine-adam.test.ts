import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { createAdam } from '../../src/lib/train/adam.ts';
import {
  disposeOptimizer,
  makeOptimizer,
  setLearningRate,
} from '../../src/lib/train/optimizers.ts';
import { normalArray, rng } from '../../src/lib/util/random.ts';

describe('Adam with folded bias correction', async () => {
  const { tf } = await nodeTf('wasm');

  /** Adam in float64, written from Kingma & Ba's Algorithm 1 (bias-corrected m̂ and v̂). */
  function adam64(
    w0: number[],
    grads: number[][],
    lr: number[],
    b1 = 0.9,
    b2 = 0.999,
    eps = 1e-7,
  ): number[] {
    const w = [...w0];
    const m = w.map(() => 0);
    const v = w.map(() => 0);
    grads.forEach((g, t) => {
      for (let i = 0; i < w.length; i++) {
        m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
        v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
        const mHat = m[i]! / (1 - b1 ** (t + 1));
        const vHat = v[i]! / (1 - b2 ** (t + 1));
        w[i] = w[i]! - (lr[t]! * mHat) / (Math.sqrt(vHat) + eps);
      }
    });
    return w;
  }

  const r = rng(3);
  const size = 50;
  const steps = 12;
  const w0 = Array.from(normalArray(size, 1, r));
  // Gradients of very different scales, including tiny ones where ε matters.
  const grads = Array.from({ length: steps }, (_, t) =>
    Array.from(normalArray(size, 10 ** ((t % 4) - 5), r)),
  );
  const lrs = Array.from({ length: steps }, (_, t) => (t < 6 ? 0.01 : 0.003));

  async function run(optimizer: import('@tensorflow/tfjs').Optimizer): Promise<number[]> {
    const w = tf.tidy(() => tf.variable(tf.tensor1d(w0), true, `adam-test-${Math.random()}`));
    for (let t = 0; t < steps; t++) {
      setLearningRate(optimizer, lrs[t]!);
      tf.tidy(() => optimizer.applyGradients({ [w.name]: tf.tensor1d(grads[t]!) }));
    }
    const out = Array.from(await w.data());
    w.dispose();
    return out;
  }

  it('follows Algorithm 1 (float64 reference), with a learning rate that changes mid-run', async () => {
    const before = tf.memory().numTensors;
    const opt = createAdam(tf, { learningRate: 0.01 });
    const ours = await run(opt);
    disposeOptimizer(opt);
    expect(tf.memory().numTensors).toBe(before);
    const ref = adam64(w0, grads, lrs);
    const moved = Math.max(...ref.map((v, i) => Math.abs(v - w0[i]!)));
    expect(moved).toBeGreaterThan(0.01); // the run really moves the weights
    expect(Math.max(...ours.map((v, i) => Math.abs(v - ref[i]!)))).toBeLessThan(1e-5);
  });

  it('matches tf.train.adam step for step', async () => {
    const theirs = await run(tf.train.adam(0.01));
    const opt = makeOptimizer(tf, { name: 'adam', learningRate: 0.01 });
    const ours = await run(opt);
    disposeOptimizer(opt);
    expect(Math.max(...ours.map((v, i) => Math.abs(v - theirs[i]!)))).toBeLessThan(1e-5);
  });

  it('minimize trains the variables it is given and leaves the others alone', () => {
    const a = tf.tidy(() => tf.variable(tf.scalar(3)));
    const b = tf.tidy(() => tf.variable(tf.scalar(3)));
    const opt = createAdam(tf, { learningRate: 0.1 });
    for (let i = 0; i < 5; i++)
      tf.tidy(
        () =>
          void opt.minimize(
            () => tf.add(tf.square(a), tf.square(b)) as import('@tensorflow/tfjs').Scalar,
            false,
            [a],
          ),
      );
    expect(a.dataSync()[0]).toBeLessThan(3 - 0.4);
    expect(b.dataSync()[0]).toBe(3);
    opt.dispose();
    tf.dispose([a, b]);
  });
});
