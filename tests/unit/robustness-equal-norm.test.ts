import { describe, expect, it } from 'vitest';
import results from '../../src/data/robustness-results.json';
import { accuracyStandardError, equalNormPair } from '../../src/lib/robustness/equal-norm.ts';

describe('noise versus PGD at equal perturbation size', () => {
  it('pairs the points whose mean L2 norms are closest in relative terms', () => {
    const random = [
      { l2: 1, accuracy: 0.9 },
      { l2: 4, accuracy: 0.5 },
    ];
    const adversarial = [
      { l2: 0.5, accuracy: 0.4 },
      { l2: 3.8, accuracy: 0 },
    ];
    const pair = equalNormPair(random, adversarial)!;
    expect(pair.random).toBe(random[1]);
    expect(pair.adversarial).toBe(adversarial[1]);
    expect(pair.relativeGap).toBeCloseTo(0.05, 12);
    expect(equalNormPair([], adversarial)).toBeNull();
  });

  it('the committed sweep holds a pair within 10 % in norm, and PGD is far more harmful at that size', () => {
    const pair = equalNormPair(results.sweep.random, results.sweep.adversarial)!;
    expect(pair.relativeGap).toBeLessThan(0.1);
    const se = Math.hypot(
      accuracyStandardError(pair.random.accuracy, results.config.sweep.count),
      accuracyStandardError(pair.adversarial.accuracy, results.config.sweep.count),
    );
    expect(pair.random.accuracy - pair.adversarial.accuracy).toBeGreaterThan(10 * se);
    // The page's "noise needs a far larger perturbation": the largest noise still beats PGD at the pair's size.
    expect(results.sweep.random.at(-1)!.accuracy).toBeGreaterThan(pair.adversarial.accuracy);
  });

  it('standard error of an accuracy: √(p(1−p)/n), zero at 0 and 1', () => {
    expect(accuracyStandardError(0.5, 100)).toBeCloseTo(0.05, 12);
    expect(accuracyStandardError(1, 100)).toBe(0);
  });
});
