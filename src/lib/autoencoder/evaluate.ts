/** Measurements of a trained autoencoder: held-out reconstruction error and how sparse its codes are. */
import type * as TF from '@tensorflow/tfjs';
import type { Autoencoder } from './model.ts';
import { encodeAll } from './generate.ts';

/** Mean over rows and pixels of (x̂ − x)² on `xs` — the reconstruction error reported whatever the training loss. */
export async function reconstructionMse(
  tf: typeof TF,
  ae: Autoencoder,
  xs: TF.Tensor2D,
  batchSize = 500,
): Promise<number> {
  const n = xs.shape[0];
  let sum = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const s = tf.tidy(() => {
      const x = tf.slice(xs, [start, 0], [size, -1]);
      return tf.sum(tf.squaredDifference(ae.reconstruct(x), x));
    });
    sum += (await s.data())[0]!;
    s.dispose();
  }
  return sum / (n * xs.shape[1]);
}

/** Per-pixel MSE of the trivial "reconstruction" that outputs the mean image of `ref` for every row of `xs`. */
export async function meanImageMse(
  tf: typeof TF,
  ref: TF.Tensor2D,
  xs: TF.Tensor2D,
): Promise<number> {
  const s = tf.tidy(() => tf.mean(tf.squaredDifference(xs, tf.mean(ref, 0, true))));
  const v = (await s.data())[0]!;
  s.dispose();
  return v;
}

export interface Sparsity {
  /** Mean Hoyer sparsity of the code vectors: 0 = all units equal in size, 1 = a single non-zero unit. */
  hoyer: number;
  /** Fraction of code entries smaller than 10 % of the largest |entry| of their own code vector. */
  nearZero: number;
  /** Mean |z| over all entries. */
  meanAbs: number;
}

/**
 * Sparsity of n codes of size d (row-major). Both `hoyer` (Hoyer, 2004: (√d − ‖z‖₁/‖z‖₂)/(√d − 1))
 * and `nearZero` are scale-invariant per code vector, so shrinking all codes uniformly does not
 * count as sparsity — only concentrating each code on fewer units does.
 */
export function codeSparsity(codes: ArrayLike<number>, n: number, d: number): Sparsity {
  if (d < 2) return { hoyer: 0, nearZero: 0, meanAbs: n ? meanAbsOf(codes) : 0 };
  let hoyer = 0;
  let near = 0;
  const sd = Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    let l1 = 0;
    let l2 = 0;
    let max = 0;
    for (let j = 0; j < d; j++) {
      const a = Math.abs(codes[i * d + j]!);
      l1 += a;
      l2 += a * a;
      if (a > max) max = a;
    }
    l2 = Math.sqrt(l2);
    hoyer += l2 > 0 ? (sd - l1 / l2) / (sd - 1) : 1;
    for (let j = 0; j < d; j++) if (Math.abs(codes[i * d + j]!) < 0.1 * max || max === 0) near++;
  }
  return { hoyer: hoyer / n, nearZero: near / (n * d), meanAbs: meanAbsOf(codes) };
}

function meanAbsOf(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i]!);
  return v.length ? s / v.length : 0;
}

/** Codes of `xs` and their sparsity. */
export async function sparsityOf(
  tf: typeof TF,
  ae: Autoencoder,
  xs: TF.Tensor2D,
): Promise<Sparsity> {
  return codeSparsity(await encodeAll(tf, ae, xs), xs.shape[0], ae.config.latent);
}
