/**
 * The KL term of a Gaussian VAE: KL[N(μ, diag σ²) ‖ N(0, I)], in closed form (float64 and tfjs) and
 * as a Monte-Carlo estimate, so that tests can check one against the other.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Rng } from '../util/random.ts';

/** ½ Σᵢ (μᵢ² + σᵢ² − 1 − log σᵢ²), with log σ² given (float64). */
export function klToStdNormal(mu: ArrayLike<number>, logvar: ArrayLike<number>): number {
  if (mu.length !== logvar.length) throw new Error('klToStdNormal: mu and logvar differ in length');
  let s = 0;
  for (let i = 0; i < mu.length; i++) s += mu[i]! * mu[i]! + Math.exp(logvar[i]!) - 1 - logvar[i]!;
  return 0.5 * s;
}

/**
 * Monte-Carlo estimate of the same KL: the mean over `samples` draws z = μ + σ ε of
 * log q(z) − log p(z) = Σᵢ [−½ log σᵢ² − ½ εᵢ² + ½ zᵢ²] (the 2π terms cancel).
 * Returns the estimate and its standard error.
 */
export function klMonteCarlo(
  mu: ArrayLike<number>,
  logvar: ArrayLike<number>,
  samples: number,
  r: Rng,
): { mean: number; stderr: number } {
  let sum = 0;
  let sumSq = 0;
  for (let s = 0; s < samples; s++) {
    let v = 0;
    for (let i = 0; i < mu.length; i++) {
      const eps = r.normal();
      const z = mu[i]! + Math.exp(0.5 * logvar[i]!) * eps;
      v += -0.5 * logvar[i]! - 0.5 * eps * eps + 0.5 * z * z;
    }
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / samples;
  const variance = Math.max(0, sumSq / samples - mean * mean);
  return { mean, stderr: Math.sqrt(variance / samples) };
}

/** Closed-form KL per row of [n, L] means and log-variances → [n]. */
export function klTerm(tf: typeof TF, mu: TF.Tensor2D, logvar: TF.Tensor2D): TF.Tensor1D {
  return tf.tidy(
    () =>
      tf.mul(
        0.5,
        tf.sum(tf.sub(tf.add(tf.square(mu), tf.exp(logvar)), tf.add(1, logvar)), 1),
      ) as TF.Tensor1D,
  );
}
