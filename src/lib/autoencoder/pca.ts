/** Principal component analysis of small vectors (float64), for 2-D views of codes. */
import { fitGaussian, symmetricEigen } from '../metrics/frechet.ts';

export interface Pca {
  d: number;
  mean: Float64Array;
  /** k principal directions, row-major k×d, in order of decreasing variance. */
  components: Float64Array;
  /** Variance along each direction. */
  variances: Float64Array;
  /** Fraction of the total variance each direction explains. */
  explained: Float64Array;
}

/** Fit the top-k principal components of n rows of dimension d. */
export function fitPca(x: ArrayLike<number>, n: number, d: number, k = 2): Pca {
  const g = fitGaussian(x, n, d);
  const { values, vectors } = symmetricEigen(g.cov, d);
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!);
  const kk = Math.min(k, d);
  const components = new Float64Array(kk * d);
  const variances = new Float64Array(kk);
  const explained = new Float64Array(kk);
  let total = 0;
  for (const v of values) total += Math.max(v, 0);
  order.slice(0, kk).forEach((col, r) => {
    variances[r] = Math.max(values[col]!, 0);
    explained[r] = total > 0 ? variances[r]! / total : 0;
    // Fix the sign (largest |entry| positive) so the picture does not flip between runs or backends.
    let big = 0;
    for (let j = 0; j < d; j++)
      if (Math.abs(vectors[j * d + col]!) > Math.abs(big)) big = vectors[j * d + col]!;
    const s = big < 0 ? -1 : 1;
    for (let j = 0; j < d; j++) components[r * d + j] = s * vectors[j * d + col]!;
  });
  return { d, mean: g.mean, components, variances, explained };
}

/** Project n rows onto the fitted components: n×k row-major. */
export function projectPca(p: Pca, x: ArrayLike<number>, n: number): Float32Array {
  const { d } = p;
  const k = p.components.length / d;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < k; r++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += (x[i * d + j]! - p.mean[j]!) * p.components[r * d + j]!;
      out[i * k + r] = s;
    }
  return out;
}
