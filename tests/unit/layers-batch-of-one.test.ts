import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { batchOfOne, normalise } from '../../src/lib/layers/batch-of-one.ts';

describe('batch norm with a batch of one (nn-073)', async () => {
  const { tf } = await nodeTf('cpu');

  /** Reference: a real tfjs batch-normalisation layer in training mode (γ = 1, β = 0). */
  const tfjsBn = (shape: number[], values: number[]) =>
    tf.tidy(() => {
      const layer = tf.layers.batchNormalization({ axis: -1, epsilon: 1e-5 });
      return Array.from(
        (
          layer.apply(tf.tensor(values, shape), {
            training: true,
          }) as import('@tensorflow/tfjs').Tensor
        ).dataSync(),
      );
    });

  it('plain features: every normalised value is zero, as tfjs computes it too', () => {
    const r = batchOfOne();
    expect(r.denseMaxAbs).toBe(0);
    const x = [3, -1, 7.5, 0.25];
    expect(tfjsBn([1, 4], x).every((v) => Math.abs(v) < 1e-6)).toBe(true);
    // With two examples the same layer does normalise: outputs ±1 (up to eps).
    expect(tfjsBn([2, 2], [0, 5, 2, 1]).map((v) => Math.round(v * 1e3) / 1e3)).toEqual([
      -1, 1, 1, -1,
    ]);
  });

  it('an image: each channel comes out with mean 0 and std 1 over H × W (instance norm), matching tfjs', () => {
    const r = batchOfOne({ h: 8, w: 8, channels: 3 });
    for (const m of r.imageChannels) {
      expect(Math.abs(m.mean)).toBeLessThan(1e-12);
      expect(m.std).toBeGreaterThan(0.99);
      expect(m.std).toBeLessThanOrEqual(1);
    }
    expect(r.instanceNormGap).toBeLessThan(1e-12);
    const h = 4,
      w = 4,
      c = 2;
    const values = Array.from(
      { length: h * w * c },
      (_, i) => Math.sin(i) * (1 + (i % c)) + (i % c),
    );
    const ours = [0, 1].map((ch) =>
      normalise(
        values.filter((_, i) => i % c === ch),
        1e-5,
      ),
    );
    const theirs = tfjsBn([1, h, w, c], values);
    theirs.forEach((v, i) => expect(v).toBeCloseTo(ours[i % c]![Math.floor(i / c)]!, 4));
  });

  it('layer norm of the single feature vector is well defined', () => {
    const { layerNorm } = batchOfOne();
    expect(Math.abs(layerNorm.mean)).toBeLessThan(1e-12);
    expect(layerNorm.std).toBeGreaterThan(0.99);
  });
});
