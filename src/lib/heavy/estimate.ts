/**
 * How long a heavy run would take on this device, from a probe that timed a few of its steps, and
 * what it would download. The estimate is the median timed step times the run's steps: the median
 * ignores one step slowed by a garbage collection or a shader compile. Plain numbers in, plain
 * numbers and words out (no DOM, no tfjs).
 */

export interface Probe {
  /** Wall-clock seconds of each timed step (after warm-up). */
  stepSeconds: readonly number[];
  /** Steps the full run would take. */
  steps: number;
  /** Bytes the run would download (0 when nothing). */
  downloadBytes: number;
}

export interface Estimate {
  seconds: number;
  downloadBytes: number;
  /** "about 4 min of training on this device (median of 5 timed steps), and a download of up to 11.2 MB" (less when cached) */
  text: string;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('The probe timed no steps.');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A duration as a reader would say it: "under a second", "about 40 s", "about 4 min", "about 1.5 h". */
export function roughDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}

export function estimate(p: Probe): Estimate {
  if (!(p.steps >= 0) || !(p.downloadBytes >= 0)) throw new Error('Steps and bytes must be ≥ 0.');
  const seconds = median(p.stepSeconds) * p.steps;
  const n = p.stepSeconds.length;
  const time = `${roughDuration(seconds)} of training on this device (median of ${n} timed step${n === 1 ? '' : 's'})`;
  const text =
    p.downloadBytes > 0
      ? `${time}, and a download of up to ${(p.downloadBytes / 1e6).toFixed(1)} MB`
      : `${time}, with nothing to download`;
  return { seconds, downloadBytes: p.downloadBytes, text };
}
