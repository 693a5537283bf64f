import { describe, expect, it } from 'vitest';
import type * as tf from '@tensorflow/tfjs';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { conv2dValid, filterGradient, hasFilterGradient } from '../../src/lib/labs/conv.ts';
import { createCnn, runCnn } from '../../src/lib/labs/cnn.ts';

describe('dl-52: portable convolution and the MNIST CNN', async () => {
  const { tf: t, name } = await nodeTf('wasm');

  it('the wasm backend lacks the filter-gradient kernel, which is why conv.ts exists', () => {
    expect(name).toBe('wasm');
    expect(hasFilterGradient(t)).toBe(false);
  });

  it("the portable backward pass equals tfjs's own conv2d gradients (computed on the cpu backend)", async () => {
    const x = Float32Array.from({ length: 2 * 7 * 6 * 3 }, (_, i) => Math.sin(i * 0.37));
    const k = Float32Array.from({ length: 3 * 2 * 3 * 4 }, (_, i) => Math.cos(i * 0.91));
    const w = Float32Array.from({ length: 2 * 5 * 5 * 4 }, (_, i) => Math.sin(i * 1.3)); // weights of the loss
    const grads = (backend: typeof tf, portable: boolean) =>
      backend.tidy(() => {
        const loss = (xi: tf.Tensor, ki: tf.Tensor) =>
          backend.sum(
            backend.mul(
              conv2dValid(backend, xi as tf.Tensor4D, ki as tf.Tensor4D, { portable }),
              backend.tensor4d(w, [2, 5, 5, 4]),
            ),
          );
        return backend
          .grads(loss)([backend.tensor4d(x, [2, 7, 6, 3]), backend.tensor4d(k, [3, 2, 3, 4])])
          .map((g) => g.dataSync());
      });
    const mine = grads(t, true);
    // The reference: tf.conv2d's own gradients on the cpu backend, which has every kernel.
    await t.setBackend('cpu');
    const ref = grads(t, false);
    await t.setBackend('wasm');
    expect(mine[0]!.length).toBe(2 * 7 * 6 * 3);
    expect(mine[1]!.length).toBe(3 * 2 * 3 * 4);
    ref.forEach((r, i) => r.forEach((v, j) => expect(mine[i]![j]).toBeCloseTo(v, 4)));
    // And the filter gradient alone equals its definition Σ x[n, i+a, j+b, ci] · g[n, i, j, co] at one entry.
    const fg = t.tidy(() =>
      filterGradient(t, t.tensor4d(x, [2, 7, 6, 3]), t.tensor4d(w, [2, 5, 5, 4])).dataSync(),
    );
    const [a, b, ci, co] = [2, 1, 2, 3];
    let s = 0;
    for (let n = 0; n < 2; n++)
      for (let i = 0; i < 5; i++)
        for (let j = 0; j < 5; j++)
          s += x[((n * 7 + i + a) * 6 + j + b) * 3 + ci]! * w[((n * 5 + i) * 5 + j) * 4 + co]!;
    expect(fg[((a * 2 + b) * 3 + ci) * 4 + co]).toBeCloseTo(s, 4);
  });

  it('the CNN maps [n, 784] to [n, 10] logits with the stated number of parameters', () => {
    const m = createCnn(t, { c1: 4, c2: 8, hidden: 16 }, 1);
    const out = t.tidy(() => m.predict(t.zeros([3, 784])).shape);
    expect(out).toEqual([3, 10]);
    expect(m.parameterCount).toBe(5 * 5 * 4 + 4 + 3 * 3 * 4 * 8 + 8 + 200 * 16 + 16 + 16 * 10 + 10);
    m.dispose();
  });

  it('trained on 1,000 images for one epoch it is far above chance on 1,000 test images, and frees its tensors', async () => {
    const before = t.memory().numTensors;
    const r = await runCnn(
      t,
      await nodeSource.load('train', { subset: { first: 1000 } }),
      await nodeSource.load('test', { subset: { first: 1000 } }),
      {
        shape: { c1: 8, c2: 16, hidden: 64 },
        epochs: 1,
        batchSize: 32,
        learningRate: 3e-3,
        seed: 1,
      },
    );
    expect(r.result.status).toBe('done');
    expect(r.testAccuracy[0]).toBeGreaterThan(0.7);
    expect(t.memory().numTensors).toBe(before);
  });
});
