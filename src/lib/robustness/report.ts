/** Formatting of the lab's numbers for pages and demos (one place, so page and test agree). */
import type { Results } from './merge.ts';
import { isStat, type Stat } from './stats.ts';

/** A fraction as a percentage with `digits` decimals, e.g. 0.9731 → "97.31 %"; "—" when missing. */
export function pct(x: number | undefined | null, digits = 1): string {
  return typeof x === 'number' && Number.isFinite(x) ? `${(100 * x).toFixed(digits)}\u00a0%` : '—';
}

/** Seconds as "12 s" or "3.4 min". */
export function duration(s: number | undefined): string {
  if (typeof s !== 'number') return '—';
  return s < 120 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`;
}

/** Read a dotted path (e.g. "baseline.eval.clean.accuracy") from the results. */
export function at(results: Partial<Results>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      results,
    );
}

/** A spread over seeds as "mean ± sd" with the unit once, e.g. "97.12 ± 0.08 %" or "12.3 ± 1.5". */
export function meanSd(s: Stat, digits: number, percent: boolean): string {
  const k = percent ? 100 : 1;
  return `${(k * s.mean).toFixed(digits)} ± ${(k * s.sd).toFixed(digits)}${percent ? '\u00a0%' : ''}`;
}

const isAccuracyPath = (path: string) =>
  /accuracy|fresh|\b(clean|t[1-4]|t1-unpermuted)$/i.test(path);

/**
 * The text a page shows for a results path: a percentage for accuracies, else the number; a spread
 * over seeds (mean, sd, values) as "mean ± sd".
 */
export function show(results: Partial<Results>, path: string, digits?: number): string {
  const v = at(results, path);
  if (isStat(v) && /Seconds$/.test(path)) return `${duration(v.mean)} ± ${duration(v.sd)}`;
  if (isStat(v)) return meanSd(v, digits ?? 1, isAccuracyPath(path));
  if (typeof v !== 'number') return '—';
  if (isAccuracyPath(path)) return pct(v, digits ?? 1);
  if (/Seconds$/.test(path)) return duration(v);
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(digits ?? 2);
}
