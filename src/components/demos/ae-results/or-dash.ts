/** A committed number with `d` decimals, or a dash where the run recorded none. */
export function orDash(v: number | null | undefined, d = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
}
