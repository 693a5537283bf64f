import { describe, expect, it } from 'vitest';
import { betaPosterior } from '../../src/lib/layers/beta.ts';

/** nn-039: the figure shows two dropped units, the text four; both posteriors against closed forms. */
describe('dropout-rate posterior for the figure (2 of 2 dropped) and the text (4 of 4)', () => {
  for (const n of [2, 4]) {
    it(`${n} of ${n} dropped under a uniform prior`, () => {
      const p = betaPosterior(n, n);
      expect([p.a, p.b]).toEqual([n + 1, 1]);
      // Density (n+1)θⁿ: mean ∫θ·(n+1)θⁿ = (n+1)/(n+2); P(θ > ½) = 1 − 2^−(n+1); quantile q at q^(1/(n+1)).
      expect(p.mean).toBeCloseTo((n + 1) / (n + 2), 12);
      expect(p.mode).toBe(1);
      expect(p.probAboveHalf).toBeCloseTo(1 - 2 ** -(n + 1), 6);
      expect(p.interval[0]).toBeCloseTo(0.025 ** (1 / (n + 1)), 3);
      expect(p.interval[1]).toBeCloseTo(0.975 ** (1 / (n + 1)), 3);
    });
  }
  it('the drawn case has mean three quarters', () => {
    expect(betaPosterior(2, 2).mean).toBe(0.75);
  });
});
