/**
 * Comparing two methods measured on the same seeds (each seed trains both, so the runs pair up):
 * the per-seed difference, and whether it is clear of the seed-to-seed spread. We call a difference
 * clear when it has the same sign at every seed and its mean exceeds twice the standard deviation of
 * the per-seed differences; anything else is "within the spread".
 */
import { summarize, type Stat } from '../robustness/stats.ts';

/** a − b seed by seed (the values of both Stats are in the order of the same seeds). */
export function pairedDifference(a: Stat, b: Stat): Stat {
  if (a.values.length !== b.values.length || a.values.length === 0)
    throw new Error('pairedDifference: both need the same, non-zero number of seeds');
  return summarize(a.values.map((v, i) => v - b.values[i]!));
}

export type Verdict = 'lower' | 'higher' | 'within the spread';

/** Whether a is clearly lower or higher than b, or within the spread. */
export function compareOverSeeds(a: Stat, b: Stat): Verdict {
  const d = pairedDifference(a, b);
  const sameSign = d.values.every((v) => v < 0) || d.values.every((v) => v > 0);
  if (!sameSign || Math.abs(d.mean) <= 2 * d.sd) return 'within the spread';
  return d.mean < 0 ? 'lower' : 'higher';
}

/** The verdict as words before the other method: "lower than", "higher than", "within the spread of". */
export function verdictPhrase(v: Verdict): string {
  return v === 'within the spread' ? 'within the spread of' : `${v} than`;
}
