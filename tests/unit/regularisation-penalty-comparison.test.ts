import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  lassoCD,
  makeRegression,
  ridge,
} from '../../src/lib/regularisation/penalised-regression.ts';
import { comparePenalties, exactZeros } from '../../src/lib/regularisation/penalty-comparison.ts';

describe('L1 against L2 at one α: float64 references and backend fits side by side', async () => {
  const { tf } = await nodeTf('cpu');
  const D = makeRegression({ seed: 1 });
  const alpha = 0.2;

  it('the backend fits reach their references; only ISTA reproduces the lasso zeros', async () => {
    const before = tf.memory().numTensors;
    const fractions: number[] = [];
    const r = await comparePenalties(tf, D, {
      alpha,
      steps: 300,
      onProgress: (f) => fractions.push(f),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.status).toBe('done');
    expect(r.columns.map((c) => c.label)).toEqual([
      'true',
      'least squares',
      'ridge, closed form',
      'ridge, gradient descent',
      'lasso, coordinate descent',
      'lasso, ISTA',
      'lasso, subgradient',
    ]);
    // The reference columns are the float64 solutions themselves.
    expect(Array.from(r.columns[2]!.w)).toEqual(ridge(D.X, D.y, alpha));
    expect(Array.from(r.columns[4]!.w)).toEqual(Array.from(lassoCD(D.X, D.y, alpha).w));
    expect(r.ridgeGap).toBeLessThan(1e-3);
    expect(r.istaGap).toBeLessThan(1e-3);
    expect(r.zeros.reference).toBeGreaterThanOrEqual(3);
    expect(r.zeros.ista).toBe(r.zeros.reference);
    expect(r.zeros.subgradient).toBe(0);
    // Progress runs through the three fits in order and ends at 1.
    expect(fractions).toHaveLength(3 * 300);
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1]!)).toBe(true);
    expect(fractions.at(-1)).toBeCloseTo(1, 12);
  });

  it('stops when cancelled and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const r = await comparePenalties(tf, D, {
      alpha,
      steps: 2000,
      signal: ctl.signal,
      onProgress: (f) => f > 0.4 && ctl.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('counts exact zeros only', () => {
    expect(exactZeros([0, 1e-12, -0, 3])).toBe(2);
  });
});
