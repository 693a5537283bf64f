/**
 * Small float64 linear algebra for the regularisation experiments (closed forms and references).
 * Matrices are arrays of rows; data matrices are row-major Float64Arrays with explicit shape.
 */

/** A dense n×d data matrix stored row-major. */
export interface DataMatrix {
  data: Float64Array;
  n: number;
  d: number;
}

/** Xᵀ X / scale (d×d). */
export function gram(X: DataMatrix, scale = 1): number[][] {
  const { data, n, d } = X;
  const g = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const xa = data[i * d + a]!;
      if (xa === 0) continue;
      for (let b = a; b < d; b++) g[a]![b]! += xa * data[i * d + b]!;
    }
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      g[a]![b]! /= scale;
      g[b]![a] = g[a]![b]!;
    }
  return g;
}

/** Xᵀ y / scale (length d). */
export function xty(X: DataMatrix, y: ArrayLike<number>, scale = 1): number[] {
  const out = new Array<number>(X.d).fill(0);
  for (let i = 0; i < X.n; i++)
    for (let j = 0; j < X.d; j++) out[j]! += X.data[i * X.d + j]! * y[i]!;
  return out.map((v) => v / scale);
}

/** X w (length n). */
export function matVec(X: DataMatrix, w: ArrayLike<number>): Float64Array {
  const out = new Float64Array(X.n);
  for (let i = 0; i < X.n; i++) {
    let s = 0;
    for (let j = 0; j < X.d; j++) s += X.data[i * X.d + j]! * w[j]!;
    out[i] = s;
  }
  return out;
}

/** Solve A x = b for a square A by Gaussian elimination with partial pivoting. Throws if singular. */
export function solve(A: number[][], b: number[]): number[] {
  const n = A.length;
  const m = A.map((r, i) => [...r, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-14) throw new Error('solve: matrix is singular');
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      if (f !== 0) for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
 * Returns eigenvalues (descending) and eigenvectors as the columns of `vectors`.
 */
export function symmetricEigen(
  S: number[][],
  sweeps = 60,
): { values: number[]; vectors: number[][] } {
  const n = S.length;
  const a = S.map((r) => [...r]);
  const v: number[][] = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  );
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p]![q]! ** 2;
    if (off < 1e-26) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j]![j]! - a[i]![i]!);
  return {
    values: order.map((i) => a[i]![i]!),
    vectors: v.map((row) => order.map((i) => row[i]!)),
  };
}

/** Euclidean norm. */
export function norm2(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** max_i |a_i − b_i|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
