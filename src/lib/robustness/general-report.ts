/**
 * The generalise page's verdict, computed from the results: the general model against the best
 * specialist of each column, as a difference of means with the seed spread deciding what counts as
 * level (within two combined standard deviations, or half a point).
 */
import type { Results } from './merge.ts';
import type { Stat } from './stats.ts';

export interface ColumnVerdict {
  column: string;
  /** General minus specialist, in percentage points. */
  points: number;
  verdict: 'level' | 'behind' | 'ahead';
}

export function compareStats(column: string, general: Stat, specialist: Stat): ColumnVerdict {
  const points = 100 * (general.mean - specialist.mean);
  const spread = 100 * Math.hypot(general.sd, specialist.sd);
  const verdict =
    Math.abs(points) <= Math.max(0.5, 2 * spread) ? 'level' : points < 0 ? 'behind' : 'ahead';
  return { column, points, verdict };
}

/** Each column's general-versus-specialist verdict (columns with a missing result are left out). */
export function generalVerdicts(r: Partial<Results>): ColumnVerdict[] {
  const m = r.multiSeed ?? {};
  const g = m.general?.accuracy;
  const best = Object.values(r.sorted ?? {}).sort(
    (a, b) => (b.accuracy.t2?.mean ?? 0) - (a.accuracy.t2?.mean ?? 0),
  )[0];
  const pairs: [string, Stat | undefined, Stat | undefined][] = [
    ['clean', g?.clean, m.baseline?.accuracy.clean],
    ['t1', g?.t1, m.baseline?.accuracy['t1-unpermuted']],
    ['t2', g?.t2, best?.accuracy.t2],
    ['t3', g?.t3, m['t3-noise']?.accuracy.t3],
    ['t4', g?.t4, m['t4-adversarial']?.accuracy.t4],
    ['fresh PGD', g?.fresh, m['t4-adversarial']?.accuracy.fresh],
  ];
  return pairs.flatMap(([c, a, b]) => (a && b ? [compareStats(c, a, b)] : []));
}

const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(1)}`;

/** One paragraph for the page: the differences, then which columns are level, behind or ahead. */
export function generalComparison(r: Partial<Results>): string {
  const v = generalVerdicts(r);
  if (!v.length) return '';
  const list = (k: ColumnVerdict['verdict']) =>
    v
      .filter((x) => x.verdict === k)
      .map((x) => x.column)
      .join(', ');
  const parts = [
    `Against the best specialist of each column, the general model's mean accuracy differs by ${v
      .map((x) => `${signed(x.points)} points on ${x.column}`)
      .join(', ')}.`,
  ];
  const level = list('level');
  const behind = list('behind');
  const ahead = list('ahead');
  if (level)
    parts.push(
      `Within the spread over seeds (two standard deviations, or half a point) it is level on ${level}.`,
    );
  if (behind) parts.push(`It is behind on ${behind}.`);
  if (ahead) parts.push(`It is ahead on ${ahead}.`);
  return parts.join(' ');
}
