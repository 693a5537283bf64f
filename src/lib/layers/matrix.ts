/**
 * Small float64 reference operations on plain matrices (number[][]), used to check what tfjs
 * computes on the backend and to state worked examples exactly.
 */

export type Matrix = number[][];

/**
 * Parse a matrix typed as rows separated by newlines or ';', entries by spaces or commas.
 * Throws a readable message on ragged rows or non-numbers.
 */
export function parseMatrix(text: string, what = 'matrix'): Matrix {
  const rows = text
    .split(/[\n;]+/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0)
    .map((r) => r.split(/[\s,]+/).map(Number));
  if (rows.length === 0) throw new Error(`The ${what} is empty.`);
  const w = rows[0]!.length;
  rows.forEach((r, i) => {
    if (r.length !== w)
      throw new Error(`The ${what}'s row ${i + 1} has ${r.length} entries, but row 1 has ${w}.`);
    if (r.some((v) => !Number.isFinite(v)))
      throw new Error(`The ${what}'s row ${i + 1} contains something that is not a number.`);
  });
  return rows;
}

/** Deep-learning "convolution" = cross-correlation (no kernel flip), stride s, zero padding p. */
export function crossCorrelate(x: Matrix, k: Matrix, s = 1, p = 0): Matrix {
  const H = x.length + 2 * p;
  const W = x[0]!.length + 2 * p;
  const kh = k.length;
  const kw = k[0]!.length;
  if (kh > H || kw > W)
    throw new Error(`The ${kh}×${kw} filter is larger than the ${H}×${W} (padded) input.`);
  const at = (i: number, j: number) =>
    i < p || j < p || i >= H - p || j >= W - p ? 0 : x[i - p]![j - p]!;
  const out: Matrix = [];
  for (let i = 0; i + kh <= H; i += s) {
    const row: number[] = [];
    for (let j = 0; j + kw <= W; j += s) {
      let acc = 0;
      for (let a = 0; a < kh; a++) for (let b = 0; b < kw; b++) acc += k[a]![b]! * at(i + a, j + b);
      row.push(acc);
    }
    out.push(row);
  }
  return out;
}

/** The kernel rotated by 180°: true convolution = cross-correlation with the flipped kernel. */
export function flip(k: Matrix): Matrix {
  return [...k].reverse().map((r) => [...r].reverse());
}

export function relu(x: Matrix): Matrix {
  return x.map((r) => r.map((v) => Math.max(0, v)));
}

/** Max-pooling with a k×k window and stride s, no padding, floor mode (PyTorch's default). */
export function maxPool(x: Matrix, k = 2, s = k): Matrix {
  const out: Matrix = [];
  for (let i = 0; i + k <= x.length; i += s) {
    const row: number[] = [];
    for (let j = 0; j + k <= x[0]!.length; j += s) {
      let m = -Infinity;
      for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) m = Math.max(m, x[i + a]![j + b]!);
      row.push(m);
    }
    out.push(row);
  }
  return out;
}

export function maxAbsDiff(a: Matrix, b: Matrix): number {
  if (a.length !== b.length || a[0]?.length !== b[0]?.length) return Infinity;
  let m = 0;
  a.forEach((r, i) => r.forEach((v, j) => (m = Math.max(m, Math.abs(v - b[i]![j]!)))));
  return m;
}
