/**
 * Which part runs next, and how far the whole run is: pure bookkeeping for scripts/experiments.ts,
 * which starts each part as a child process (at most `slots` at once).
 */
import type { PartSpec } from './study.ts';

export interface RunState {
  done: Set<string>;
  /** id → fraction of that part finished (0–1). */
  running: Map<string, number>;
}

/**
 * The next part to start: among parts not started whose needs are done, the one that others wait
 * for first, then the higher priority, then the most expensive (longest first keeps both cores busy
 * until the end).
 */
export function nextPart(parts: readonly PartSpec[], state: RunState): PartSpec | undefined {
  const ready = parts.filter(
    (p) =>
      !state.done.has(p.id) && !state.running.has(p.id) && p.needs.every((n) => state.done.has(n)),
  );
  const needed = (p: PartSpec) => parts.some((q) => q.needs.includes(p.id));
  return ready.sort(
    (a, b) => Number(needed(b)) - Number(needed(a)) || b.priority - a.priority || b.cost - a.cost,
  )[0];
}

/** Fraction of the total cost finished (done parts plus the running parts' progress). */
export function fractionDone(parts: readonly PartSpec[], state: RunState): number {
  const total = parts.reduce((s, p) => s + p.cost, 0);
  if (total === 0) return 1;
  const finished = parts.reduce(
    (s, p) => s + p.cost * (state.done.has(p.id) ? 1 : (state.running.get(p.id) ?? 0)),
    0,
  );
  return Math.min(1, finished / total);
}

/**
 * Seconds left, extrapolating the rate of this run so far: `fractionNow` of the work was done in
 * `elapsed` seconds, starting from `fractionAtStart` (work reused from earlier runs costs no time).
 * Undefined until there is a rate to extrapolate.
 */
export function secondsLeft(
  fractionAtStart: number,
  fractionNow: number,
  elapsed: number,
): number | undefined {
  const progress = fractionNow - fractionAtStart;
  if (progress <= 0 || elapsed <= 0) return undefined;
  return ((1 - fractionNow) * elapsed) / progress;
}

/** "12 min", "45 s" or "—". */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  return seconds < 90 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`;
}

/** The line printed on each progress report, e.g. "[general seed 2] epoch 3/5, 41 % of all parts, ETA 12 min". */
export function progressLine(part: PartSpec, what: string, fraction: number, eta: string): string {
  return `[${part.model} seed ${part.seed}] ${what}, ${Math.floor(100 * fraction)} % of all parts, ETA ${eta}`;
}
