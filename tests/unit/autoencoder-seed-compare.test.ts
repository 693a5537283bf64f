import { describe, expect, it } from 'vitest';
import { compareOverSeeds, pairedDifference } from '../../src/lib/autoencoder/seed-compare.ts';
import { summarize } from '../../src/lib/robustness/stats.ts';

describe('comparing two methods over the same seeds', () => {
  it('pairs the seeds: a constant offset is clear even when each method varies a lot across seeds', () => {
    const a = summarize([1.0, 2.0, 3.0]);
    const b = summarize([1.1, 2.1, 3.1]);
    const d = pairedDifference(a, b);
    expect(d.mean).toBeCloseTo(-0.1, 12);
    expect(d.sd).toBeCloseTo(0, 12);
    expect(compareOverSeeds(a, b)).toBe('lower');
    expect(compareOverSeeds(b, a)).toBe('higher');
  });

  it('a sign change at one seed, or a mean within two sd, is within the spread', () => {
    expect(compareOverSeeds(summarize([1, 2, 3]), summarize([1.5, 2.5, 2.9]))).toBe(
      'within the spread',
    );
    // differences −0.1, −0.1, −0.7: same sign, mean −0.3 < 2 × sd 0.35
    expect(compareOverSeeds(summarize([0.9, 0.9, 0.3]), summarize([1, 1, 1]))).toBe(
      'within the spread',
    );
    expect(() => pairedDifference(summarize([1, 2]), summarize([1, 2, 3]))).toThrow(/same/);
  });
});
