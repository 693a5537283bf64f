import { describe, expect, it } from 'vitest';
import {
  posteriorAfterRuns,
  readBayesFields,
  type BayesInput,
} from '../../src/lib/generative/bayes.ts';

const raw = { prior: '0.2', p1: '0.9', p0: '0.3', n: '1', k: '1', cost: '1' };

describe('the Bayes calculator reads its fields and draws the posterior after a run', () => {
  it('reads every field into the input, in its own units', () => {
    const r = readBayesFields({ ...raw, n: ' 3 ', k: '2', cost: '2.5' });
    expect(r).toEqual({
      ok: true,
      input: {
        priorUnderstands: 0.2,
        pCorrectIfUnderstands: 0.9,
        pCorrectIfNot: 0.3,
        n: 3,
        k: 2,
        costRatio: 2.5,
      },
    });
  });

  it('names the first field that is not a number, as the page says it', () => {
    expect(readBayesFields({ ...raw, p0: 'abc', k: '' })).toEqual({
      ok: false,
      field: 'p0',
      message:
        'P(correct | only English) is “abc”, which is not a number. Type a number such as 0.3.',
    });
    const empty = readBayesFields({ ...raw, cost: ' ' });
    expect(empty.ok === false && empty.field).toBe('cost');
  });

  it('after m correct in a row the posterior odds are the prior odds times (p₁/p₀)^m', () => {
    const x: BayesInput = {
      priorUnderstands: 0.2,
      pCorrectIfUnderstands: 0.9,
      pCorrectIfNot: 0.3,
      n: 1,
      k: 1,
    };
    const post = posteriorAfterRuns(x, 20);
    expect(post).toHaveLength(21);
    post.forEach((p, m) => {
      const odds = 0.25 * 3 ** m;
      expect(p).toBeCloseTo(odds / (1 + odds), 12);
    });
    // A rate of 0 under ¬U makes one correct translation conclusive; 0 under both makes it impossible.
    expect(posteriorAfterRuns({ ...x, pCorrectIfNot: 0 }, 2)).toEqual([0.2, 1, 1]);
    const impossible = posteriorAfterRuns({ ...x, pCorrectIfNot: 0, pCorrectIfUnderstands: 0 }, 2);
    expect(impossible[0]).toBe(0.2);
    expect(impossible.slice(1).every(Number.isNaN)).toBe(true);
  });
});
