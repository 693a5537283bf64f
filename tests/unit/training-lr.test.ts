import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { makeSchedule } from '../../src/lib/hyperparameters/common.ts';
import { learningRateCurves } from '../../src/lib/hyperparameters/lr-curves.ts';

describe('learning-rate schedules (closed forms)', () => {
  it('linear warm-up rises to the peak, cosine decay falls to zero', () => {
    const s = makeSchedule({ lr: 0.2, warmupSteps: 4, cosine: true, totalSteps: 14 });
    expect([0, 1, 2, 3].map(s)).toEqual([0.05, 0.1, 0.15000000000000002, 0.2]);
    expect(s(4)).toBeCloseTo(0.2, 12);
    expect(s(9)).toBeCloseTo(0.1, 12); // half-way through the decay: cos(π/2) = 0
    expect(s(14)).toBeCloseTo(0, 12);
    expect(makeSchedule({ lr: 0.3 })(1000)).toBe(0.3);
  });
});

describe('learning-rate curves on the engine', async () => {
  const { tf } = await nodeTf('cpu');
  const chance = Math.log(3);

  it.each([1, 2])(
    'seed %i: too low crawls, good falls, too high blows up, warm-up removes the blow-up',
    async (seed) => {
      const before = tf.memory().numTensors;
      const { status, curves } = await learningRateCurves(tf, { seed });
      expect(status).toBe('done');
      expect(tf.memory().numTensors).toBe(before);
      const c = Object.fromEntries(curves.map((x) => [x.key, x]));
      const final = (k: string) => c[k]!.epochLoss.at(-1)!;
      for (const x of curves) expect(x.epochLoss).toHaveLength(20);
      // Too low: falls every epoch, but after 20 epochs is still most of the way to the start.
      const low = c.low!.epochLoss;
      expect(low.every((v, i) => i === 0 || v < low[i - 1]!)).toBe(true);
      expect(final('low')).toBeGreaterThan(0.6 * low[0]!);
      // About right: reaches a small loss, better than every constant alternative.
      expect(final('good')).toBeLessThan(0.1);
      expect(final('good')).toBeLessThan(final('low'));
      expect(final('good')).toBeLessThan(final('high'));
      // Too high: in the first epoch the loss shoots far above its starting value (≈ ln 3).
      expect(c.high!.firstEpochPeak).toBeGreaterThan(10 * chance);
      expect(c.high!.epochLoss[0]!).toBeGreaterThan(chance);
      // Decay alone starts with the same blow-up (same first steps).
      expect(c.decay!.firstEpochPeak).toBeGreaterThan(10 * chance);
      // Warm-up to the same peak: no blow-up, and a better end than the constant high rate.
      expect(c.warmup!.firstEpochPeak).toBeLessThan(1.5 * chance);
      expect(final('warmup')).toBeLessThan(final('high'));
    },
  );

  it('stops within a step when cancelled and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const r = await learningRateCurves(tf, {
      epochs: 3,
      signal: ac.signal,
      onProgress: (d) => d === 10 && ac.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(r.curves).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
