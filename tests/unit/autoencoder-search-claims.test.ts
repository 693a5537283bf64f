/**
 * The ae-q1 page's prose about the committed multi-seed search (src/data/autoencoder-search.json)
 * that is not computed in the page, checked against the numbers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StudyResult } from '../../src/lib/autoencoder/study.ts';
import { meanCurve } from '../../src/lib/autoencoder/search-study.ts';

const study = JSON.parse(readFileSync('src/data/autoencoder-search.json', 'utf8')) as StudyResult;

describe('ae-q1: the committed search says what the page says', () => {
  it('both arms spent the same, larger-than-before budget at ≥ 3 seeds; random search had more than 3 trials', () => {
    const { plan, seeds } = study.search;
    expect(seeds.length).toBeGreaterThanOrEqual(3);
    expect(plan.randomCost).toBe(plan.halvingCost);
    expect(plan.randomCost).toBeGreaterThan(24);
    expect(plan.randomTrials).toBeGreaterThan(3);
  });

  it("halving's best-so-far starts higher than random search's (short first trials) and ends lower than its own start", () => {
    const random = meanCurve(study.search.runs, 'random');
    const halving = meanCurve(study.search.runs, 'halving');
    expect(halving[0]!.best).toBeGreaterThan(random[0]!.best);
    expect(halving.at(-1)!.best).toBeLessThan(halving[0]!.best);
  });
});
