import { describe, expect, it } from 'vitest';
import { partSpan, stepFraction } from '../../src/lib/train/progress.ts';

describe('stepFraction', () => {
  const at = (epoch: number, batch: number) => ({ epoch, batch, epochs: 3, batches: 4 });

  it('counts finished steps over all steps of the run', () => {
    // 3 epochs × 4 batches = 12 steps; the first step done is 1/12, epoch 1 batch 2 is step 7.
    expect(stepFraction(at(0, 0))).toBeCloseTo(1 / 12, 12);
    expect(stepFraction(at(1, 2))).toBeCloseTo(7 / 12, 12);
    expect(stepFraction(at(2, 3))).toBe(1);
  });

  it('grows by the same amount at every step, across epoch boundaries', () => {
    const all = [0, 1, 2].flatMap((e) => [0, 1, 2, 3].map((b) => stepFraction(at(e, b))));
    const gaps = all.slice(1).map((v, i) => v - all[i]!);
    for (const g of gaps) expect(g).toBeCloseTo(1 / 12, 12);
  });

  it('maps into a span: a run that is the second half of a job starts after 0.5', () => {
    expect(stepFraction(at(0, 0), [0.5, 1])).toBeCloseTo(0.5 + 0.5 / 12, 12);
    expect(stepFraction(at(2, 3), [0.5, 1])).toBe(1);
    expect(stepFraction(at(2, 3), [0, 0.5])).toBe(0.5);
  });
});

describe('partSpan', () => {
  it('splits a job into equal consecutive parts that cover 0–1', () => {
    const spans = [0, 1, 2].map((i) => partSpan(i, 3));
    expect(spans[0]![0]).toBe(0);
    expect(spans[2]![1]).toBe(1);
    expect(spans[1]![0]).toBe(spans[0]![1]);
    expect(spans[1]![1] - spans[1]![0]).toBeCloseTo(1 / 3, 12);
  });
});
