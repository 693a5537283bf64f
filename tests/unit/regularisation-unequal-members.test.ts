import { describe, expect, it } from 'vitest';
import { ensembleMse } from '../../src/lib/regularisation/bagging.ts';
import {
  averagedError,
  compareWithMembers,
  covariance,
} from '../../src/lib/regularisation/unequal-members.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('ensemble versus its members when members differ (nn-124)', () => {
  it('equal variances: the general formula is v/k + (k−1)c/k and never exceeds v', () => {
    for (const [v, rho, k] of [
      [1, 0, 5],
      [2, 0.3, 4],
      [0.5, 1, 3],
      [1, -0.2, 4],
    ] as const) {
      const e = averagedError(covariance(Array(k).fill(v), rho));
      expect(e).toBeCloseTo(ensembleMse(v, rho * v, k), 12);
      expect(e).toBeLessThanOrEqual(v + 1e-12);
    }
  });

  it('matches a Monte Carlo average of independent members with unequal variances', () => {
    const vs = [0.1, 1, 1];
    const r = rng(3);
    let sum = 0;
    const trials = 200_000;
    for (let t = 0; t < trials; t++) {
      const mean = vs.reduce((s, v) => s + Math.sqrt(v) * r.normal(), 0) / vs.length;
      sum += mean * mean;
    }
    expect(sum / trials).toBeCloseTo(averagedError(covariance(vs)), 2);
  });

  it('unequal variances: below the average member, but the best member can win', () => {
    const c = compareWithMembers([0.1, 1, 1]);
    expect(c.ensemble).toBeLessThan(c.meanMember);
    expect(c.ensemble).toBeGreaterThan(c.best);
    // With equal members it cannot happen, for any correlation.
    for (const rho of [-0.4, 0, 0.5, 1]) {
      const e = compareWithMembers([1, 1, 1], rho);
      expect(e.ensemble).toBeLessThanOrEqual(e.best + 1e-12);
    }
  });
});
