import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  betaPdf,
  betaPosterior,
  logGamma,
  posteriorCurve,
  posteriorMonteCarlo,
} from '../../src/lib/layers/beta.ts';
import {
  activationOrder,
  combinedRate,
  dropoutScaling,
  stackedDropout,
} from '../../src/lib/layers/dropout.ts';

describe('layers: dropout posterior, stacked dropout, scaling and order', async () => {
  const { tf } = await nodeTf('cpu');

  it('Beta posterior after 4 of 4 units dropped: Beta(5, 1) = 5θ⁴', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    for (const t of [0.1, 0.5, 0.9]) expect(betaPdf(t, 5, 1)).toBeCloseTo(5 * t ** 4, 12);
    expect(betaPdf(0.3, 1, 1)).toBeCloseTo(1, 12);
    const post = betaPosterior(4, 4);
    expect([post.a, post.b]).toEqual([5, 1]);
    expect(post.mean).toBeCloseTo(5 / 6, 12);
    expect(post.mode).toBe(1);
    expect(post.probAboveHalf).toBeCloseTo(1 - 0.5 ** 5, 6);
    // Central 95 % interval of 5θ⁴: CDF θ⁵, so the quantiles are 0.025^(1/5) and 0.975^(1/5).
    expect(post.interval[0]).toBeCloseTo(0.025 ** 0.2, 3);
    expect(post.interval[1]).toBeCloseTo(0.975 ** 0.2, 3);
    const curve = posteriorCurve(4, 4, 101);
    const area =
      curve.density.reduce((s, d, i) => s + (i === 0 || i === 100 ? 0.5 : 1) * d, 0) / 100;
    expect(area).toBeCloseTo(1, 3);
    expect(betaPosterior(10, 2).mode).toBeCloseTo(0.2, 12);
    expect(() => betaPosterior(3, 4)).toThrow();
  });

  it('rejection sampling on the backend reproduces the posterior', async () => {
    const before = tf.memory().numTensors;
    const mc = await posteriorMonteCarlo(tf, 4, 4, 100_000, 10, 3);
    // Uniform prior: P(all 4 dropped) = ∫θ⁴dθ = 1/5.
    const rate = mc.accepted / mc.samples;
    expect(Math.abs(rate - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / mc.samples));
    expect(Math.abs(mc.mean - 5 / 6)).toBeLessThan(4 * (0.1409 / Math.sqrt(mc.accepted)));
    mc.centres.forEach((c, i) =>
      expect(Math.abs(mc.density[i]! - 5 * c ** 4)).toBeLessThan(0.25 + 0.05 * 5 * c ** 4),
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it('two dropout layers equal one with rate P + Q − PQ (Monte Carlo with tf.dropout)', async () => {
    expect(combinedRate(0.2, 0.5)).toBeCloseTo(0.6, 12);
    expect(combinedRate(0, 0.3)).toBeCloseTo(0.3, 12);
    const before = tf.memory().numTensors;
    for (const [p, q] of [
      [0.2, 0.5],
      [0.1, 0.1],
      [0.7, 0.3],
    ] as const) {
      const r = await stackedDropout(tf, p, q, 200_000, 11);
      const keep = (1 - p) * (1 - q);
      expect(r.expected.keep).toBeCloseTo(keep, 12);
      expect(r.zKeep).toBeLessThan(4);
      for (const s of [r.two, r.one]) {
        expect(Math.abs(s.keep - keep)).toBeLessThan(
          4 * Math.sqrt((keep * (1 - keep)) / r.samples),
        );
        expect(s.minNonZero).toBeCloseTo(1 / keep, 4);
        expect(s.maxNonZero).toBeCloseTo(1 / keep, 4);
        expect(Math.abs(s.variance - r.expected.variance) / r.expected.variance).toBeLessThan(0.05);
      }
    }
    await expect(stackedDropout(tf, 1, 0.2)).rejects.toThrow(/\[0, 1\)/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('1/(1 − p) keeps the expected activation; the literal Bernoulli(p) mask gives p/(1 − p)', async () => {
    const before = tf.memory().numTensors;
    for (const p of [0.2, 0.5]) {
      const s = await dropoutScaling(tf, p, 500, 400, 2);
      expect(s.unscaled).toBeCloseTo(1 - p, 1);
      expect(Math.abs(s.inverted - 1)).toBeLessThan(0.02);
      expect(Math.abs(s.tfDropout - 1)).toBeLessThan(0.02);
      expect(Math.abs(s.literal - p / (1 - p))).toBeLessThan(0.02);
      expect(Math.abs(s.relVariance - p / (1 - p)) / (p / (1 - p))).toBeLessThan(0.1);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('activation before or after dropout: same for ReLU and leaky ReLU, different for tanh and sigmoid', async () => {
    const r = await activationOrder(tf, 0.3);
    expect(r.relu).toBe(0);
    expect(r.leakyRelu).toBeLessThan(1e-6);
    expect(r.tanh).toBeGreaterThan(0.1);
    expect(r.sigmoid).toBeCloseTo(0.5, 5); // dropped units: sigmoid(0) = 0.5 versus 0
  });
});
