/** Formatting of the lab's numbers for pages and demos (one place, so page and test agree). */
import type { Results } from './experiments.ts';

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

/** The text a page shows for a results path: a percentage for accuracies, else the number. */
export function show(results: Partial<Results>, path: string, digits?: number): string {
  const v = at(results, path);
  if (typeof v !== 'number') return '—';
  if (/accuracy|fresh|\b(clean|t[1-4])$/i.test(path)) return pct(v, digits ?? 1);
  if (/Seconds$/.test(path)) return duration(v);
  return Number.isInteger(v) ? v.toLocaleString('en') : v.toFixed(digits ?? 2);
}
