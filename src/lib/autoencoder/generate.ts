/**
 * Generation with a plain autoencoder: fit a Gaussian N(μ, Σ) to the codes of the training images,
 * draw codes from it with the project's seeded RNG, and decode them. (A plain autoencoder has no
 * prior over codes; the fitted Gaussian stands in for one. A VAE trains the encoder so that such a
 * prior fits by construction — see the answer page.)
 */
import type * as TF from '@tensorflow/tfjs';
import { fitGaussian, type Gaussian } from '../metrics/frechet.ts';
import { rng } from '../util/random.ts';
import type { Autoencoder } from './model.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

/** Run `f` over the rows of `xs` in batches and collect its [size, k] outputs as one Float32Array. */
export async function mapRows(
  tf: typeof TF,
  xs: TF.Tensor2D,
  k: number,
  f: (x: TF.Tensor2D) => TF.Tensor2D,
  batchSize = 500,
): Promise<Float32Array> {
  const n = xs.shape[0];
  const out = new Float32Array(n * k);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const y = tf.tidy(() => f(tf.slice(xs, [start, 0], [size, -1])));
    try {
      out.set((await y.data()) as Float32Array, start * k);
    } finally {
      y.dispose();
    }
  }
  return out;
}

/**
 * mapRows for images given as a flat [n × 784] array (values in [0, 1]): each batch is made a tensor
 * inside the same tidy as `f`, so only the collected outputs outlive it.
 */
export async function mapImageRows(
  tf: typeof TF,
  images: Float32Array,
  k: number,
  f: (x: TF.Tensor2D) => TF.Tensor,
  batchSize = 500,
): Promise<Float32Array> {
  const n = images.length / PIXELS;
  const out = new Float32Array(n * k);
  for (let s = 0; s < n; s += batchSize) {
    const size = Math.min(batchSize, n - s);
    const y = tf.tidy(() =>
      f(tf.tensor2d(images.subarray(s * PIXELS, (s + size) * PIXELS), [size, PIXELS])),
    );
    out.set((await y.data()) as Float32Array, s * k);
    y.dispose();
  }
  return out;
}

/** Codes of every row of `xs`, [n × latent] row-major. */
export function encodeAll(tf: typeof TF, ae: Autoencoder, xs: TF.Tensor2D): Promise<Float32Array> {
  return mapRows(tf, xs, ae.config.latent, (x) => ae.encode(x));
}

/** Reconstructions of every row of `xs`, [n × inputSize] row-major, values in (0, 1). */
export function reconstructAll(
  tf: typeof TF,
  ae: Autoencoder,
  xs: TF.Tensor2D,
): Promise<Float32Array> {
  return mapRows(tf, xs, ae.config.inputSize, (x) => ae.reconstruct(x));
}

/** A Gaussian fitted to codes, with the Cholesky factor of its covariance for sampling. */
export interface CodeGaussian extends Gaussian {
  /** Lower-triangular L with L Lᵀ = Σ + εI (row-major). */
  chol: Float64Array;
}

/** Cholesky factor of a symmetric positive-definite d×d matrix (row-major, float64). */
export function cholesky(a: ArrayLike<number>, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error('cholesky: matrix is not positive definite');
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j]!;
    }
  return l;
}

/**
 * Fit N(μ, Σ) to n codes of size d. A ridge ε = 1e-6 · (mean variance) + 1e-12 is added to the
 * diagonal before factorising, so that collapsed code units (variance 0, e.g. under a strong L1
 * penalty) do not break the Cholesky factorisation.
 */
export function fitCodeGaussian(codes: ArrayLike<number>, n: number, d: number): CodeGaussian {
  const g = fitGaussian(codes, n, d);
  let meanVar = 0;
  for (let i = 0; i < d; i++) meanVar += g.cov[i * d + i]! / d;
  const eps = 1e-6 * meanVar + 1e-12;
  const reg = Float64Array.from(g.cov);
  for (let i = 0; i < d; i++) reg[i * d + i]! += eps;
  return { ...g, chol: cholesky(reg, d) };
}

/** k codes drawn from the fitted Gaussian: z = μ + L ε with ε ~ N(0, I) from the seeded RNG. */
export function sampleCodes(g: CodeGaussian, k: number, seed: number): Float32Array {
  const { d, mean, chol } = g;
  const r = rng(seed);
  const out = new Float32Array(k * d);
  const e = new Float64Array(d);
  for (let s = 0; s < k; s++) {
    for (let i = 0; i < d; i++) e[i] = r.normal();
    for (let i = 0; i < d; i++) {
      let v = mean[i]!;
      for (let j = 0; j <= i; j++) v += chol[i * d + j]! * e[j]!;
      out[s * d + i] = v;
    }
  }
  return out;
}

/** Decode k sampled codes into images, [k × inputSize] row-major in (0, 1). */
export async function generate(
  tf: typeof TF,
  ae: Autoencoder,
  g: CodeGaussian,
  k: number,
  seed: number,
): Promise<Float32Array> {
  if (g.d !== ae.config.latent)
    throw new Error(
      `generate: the Gaussian has ${g.d} dimensions, the code has ${ae.config.latent}`,
    );
  const z = tf.tensor2d(sampleCodes(g, k, seed), [k, g.d]);
  try {
    return await mapRows(tf, z, ae.config.inputSize, (b) => ae.decode(b));
  } finally {
    z.dispose();
  }
}
