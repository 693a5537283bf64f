/**
 * "Your run vs reference" (no DOM): a run's numbers against committed reference numbers (float64
 * from src/lib, or committed JSON), with the tolerance the run's precision allows. The rule: each
 * value may differ by at most `ops · u · max(1, |reference|)`, where u is the unit round-off of the
 * precision it ran at (2^−24 for float32, 2^−11 for float16) and `ops` bounds the number of
 * rounding steps behind one value (64 unless the caller knows better).
 */
import type { Precision } from './precision.ts';

export interface ReferenceComparison {
  /** Largest |run − reference| over all values. */
  maxAbsDiff: number;
  /** Index of that value. */
  worst: number;
  /** The allowed difference at that value. */
  tolerance: number;
  /** Every value within its tolerance. */
  within: boolean;
  /** The rule, in words. */
  rule: string;
}

export function compareWithReference(
  run: readonly number[],
  reference: readonly number[],
  precision: Pick<Precision, 'dtype' | 'unitRoundoff'>,
  ops = 64,
): ReferenceComparison {
  if (run.length !== reference.length || run.length === 0)
    throw new Error(`The run has ${run.length} values and the reference ${reference.length}.`);
  let maxAbsDiff = -1;
  let worst = 0;
  let within = true;
  run.forEach((v, i) => {
    const ref = reference[i]!;
    const diff = Math.abs(v - ref);
    if (!(diff <= ops * precision.unitRoundoff * Math.max(1, Math.abs(ref)))) within = false;
    if (diff > maxAbsDiff || Number.isNaN(diff)) {
      maxAbsDiff = Number.isNaN(diff) ? Infinity : diff;
      worst = i;
    }
  });
  const tolerance = ops * precision.unitRoundoff * Math.max(1, Math.abs(reference[worst]!));
  return {
    maxAbsDiff,
    worst,
    tolerance,
    within,
    rule: `each value within ${ops} · 2^${Math.round(Math.log2(precision.unitRoundoff))} · max(1, |reference|) (${precision.dtype})`,
  };
}
