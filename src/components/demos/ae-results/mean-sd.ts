/** A committed mean ± sd over seeds with `d` decimals ("0.148 ± 0.004"), or a dash where none was recorded. */
import type { Stat } from '../../../lib/robustness/stats.ts';
import { orDash } from './or-dash.ts';

export function meanSd(s: Stat | null | undefined, d = 3): string {
  return s ? `${orDash(s.mean, d)} ± ${orDash(s.sd, d)}` : '—';
}
