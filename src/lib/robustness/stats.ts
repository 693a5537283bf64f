/** Spread of a result over seeds: mean, sample standard deviation and the per-seed values. */
export interface Stat {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); 0 for a single value. */
  sd: number;
  n: number;
  /** The per-seed values, in the order of `seeds` where the stat sits. */
  values: number[];
}

export function summarize(values: readonly number[]): Stat {
  const n = values.length;
  if (n === 0) throw new Error('summarize: no values');
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n, values: [...values] };
}

export function isStat(x: unknown): x is Stat {
  return (
    !!x &&
    typeof x === 'object' &&
    typeof (x as Stat).mean === 'number' &&
    typeof (x as Stat).sd === 'number' &&
    Array.isArray((x as Stat).values)
  );
}
