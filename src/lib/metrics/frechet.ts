/**
 * Fréchet distance between two Gaussians, and between two sets of feature vectors through the
 * Gaussians fitted to them — the quantity behind FID (Heusel et al., 2017), here computed in float64
 * in plain TypeScript so that it runs anywhere and can be checked against closed forms.
 *
 *   d²(N(μ₁, Σ₁), N(μ₂, Σ₂)) = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2})
 *
 * The matrix square roots use a symmetric eigendecomposition (cyclic Jacobi), so every matrix the
 * formula takes a root of is symmetric positive semi-definite by construction; tiny negative
 * eigenvalues from rounding are clipped to zero. Like the usual FID code, `frechetDistance` returns
 * the *squared* distance d².
 */

/** Mean and covariance of n feature vectors of dimension d (row-major), in float64. */
export interface Gaussian {
  d: number;
  mean: Float64Array;
  /** d×d, row-major. */
  cov: Float64Array;
}

/**
 * Fit a Gaussian to the rows of `x` (n×d, row-major): sample mean and covariance with the unbiased
 * 1/(n−1) normalisation (n ≥ 2).
 */
export function fitGaussian(x: ArrayLike<number>, n: number, d: number): Gaussian {
  if (n < 2) throw new Error('fitGaussian: need at least 2 samples');
  if (x.length !== n * d)
    throw new Error(`fitGaussian: expected ${n}×${d} values, got ${x.length}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x[i * d + j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  const cov = new Float64Array(d * d);
  const c = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) c[j] = x[i * d + j]! - mean[j]!;
    for (let a = 0; a < d; a++) {
      const ca = c[a]!;
      if (ca === 0) continue;
      const row = a * d;
      for (let b = a; b < d; b++) cov[row + b]! += ca * c[b]!;
    }
  }
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      const v = cov[a * d + b]! / (n - 1);
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  return { d, mean, cov };
}

/**
 * Eigendecomposition of a symmetric d×d matrix (row-major) by cyclic Jacobi rotations.
 * Returns eigenvalues and eigenvectors (columns of `vectors`, row-major d×d): A = V diag(λ) Vᵀ.
 */
export function symmetricEigen(
  a: ArrayLike<number>,
  d: number,
  maxSweeps = 60,
): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a as ArrayLike<number>);
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < d; p++) {
      diag += m[p * d + p]! ** 2;
      for (let q = p + 1; q < d; q++) off += m[p * d + q]! ** 2;
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = m[p * d + p]!;
        const aqq = m[q * d + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p]!;
          const mkq = m[k * d + q]!;
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k]!;
          const mqk = m[q * d + k]!;
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p]!;
          const vkq = v[k * d + q]!;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(d);
  for (let i = 0; i < d; i++) values[i] = m[i * d + i]!;
  return { values, vectors: v };
}

/** Principal square root of a symmetric positive semi-definite matrix (negative eigenvalues from rounding → 0). */
export function sqrtPsd(a: ArrayLike<number>, d: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, d);
  const out = new Float64Array(d * d);
  for (let k = 0; k < d; k++) {
    const s = Math.sqrt(Math.max(values[k]!, 0));
    if (s === 0) continue;
    for (let i = 0; i < d; i++) {
      const vik = vectors[i * d + k]! * s;
      if (vik === 0) continue;
      for (let j = 0; j < d; j++) out[i * d + j]! += vik * vectors[j * d + k]!;
    }
  }
  return out;
}

/** C = A·B for d×d row-major matrices. */
export function matMul(a: ArrayLike<number>, b: ArrayLike<number>, d: number): Float64Array {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < d; j++) c[i * d + j]! += aik * b[k * d + j]!;
    }
  return c;
}

/** tr((Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}) = Σ √λᵢ of the symmetric PSD matrix Σ₁^{1/2} Σ₂ Σ₁^{1/2}. */
export function traceSqrtProduct(c1: ArrayLike<number>, c2: ArrayLike<number>, d: number): number {
  const s = sqrtPsd(c1, d);
  const m = matMul(matMul(s, c2, d), s, d);
  for (let i = 0; i < d; i++)
    for (let j = i + 1; j < d; j++) {
      const avg = (m[i * d + j]! + m[j * d + i]!) / 2; // symmetrise away rounding
      m[i * d + j] = m[j * d + i] = avg;
    }
  const { values } = symmetricEigen(m, d);
  let t = 0;
  for (const v of values) t += Math.sqrt(Math.max(v, 0));
  return t;
}

/** Squared Fréchet (2-Wasserstein) distance between two Gaussians. */
export function frechetDistance(g1: Gaussian, g2: Gaussian): number {
  const d = g1.d;
  if (g2.d !== d) throw new Error(`frechetDistance: dimensions differ (${d} vs ${g2.d})`);
  let meanTerm = 0;
  for (let i = 0; i < d; i++) meanTerm += (g1.mean[i]! - g2.mean[i]!) ** 2;
  let tr = 0;
  for (let i = 0; i < d; i++) tr += g1.cov[i * d + i]! + g2.cov[i * d + i]!;
  const value = meanTerm + tr - 2 * traceSqrtProduct(g1.cov, g2.cov, d);
  return Math.max(value, 0);
}

/** Squared Fréchet distance between two sets of feature vectors (rows of n₁×d and n₂×d arrays). */
export function frechetDistanceOfFeatures(
  a: ArrayLike<number>,
  na: number,
  b: ArrayLike<number>,
  nb: number,
  d: number,
): number {
  return frechetDistance(fitGaussian(a, na, d), fitGaussian(b, nb, d));
}
