/**
 * The reparameterisation trick: z = μ + σ ⊙ ε with ε ~ N(0, I), so z is a differentiable function of
 * (μ, σ) and the noise carries no parameters. Also the experiment behind the page's claim that the
 * pathwise (reparameterised) gradient has a much smaller variance than the score-function one.
 */
import type * as TF from '@tensorflow/tfjs';
import { rng } from '../util/random.ts';

/** z = μ + exp(½ log σ²) ⊙ ε. */
export function reparameterise(
  tf: typeof TF,
  mu: TF.Tensor,
  logvar: TF.Tensor,
  eps: TF.Tensor,
): TF.Tensor {
  return tf.tidy(() => tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps)));
}

export interface EstimatorStats {
  /** Mean of the per-sample gradient estimates (→ the exact gradient as samples grow). */
  mean: number;
  /** Standard deviation of one per-sample estimate. */
  std: number;
}

export interface GradientComparison {
  mu: number;
  sigma: number;
  samples: number;
  /** Exact gradients of E[z²] = μ² + σ²: 2μ and 2σ. */
  exact: { dMu: number; dSigma: number };
  /** Pathwise: d/dμ z² = 2z, d/dσ z² = 2zε. */
  pathwise: { dMu: EstimatorStats; dSigma: EstimatorStats };
  /** Score function (REINFORCE): z² · ∂ log q(z)/∂θ, with ∂/∂μ = ε/σ and ∂/∂σ = (ε² − 1)/σ. */
  score: { dMu: EstimatorStats; dSigma: EstimatorStats };
}

function stats(xs: Float64Array): EstimatorStats {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) * (x - m);
  return { mean: m, std: Math.sqrt(v / Math.max(1, xs.length - 1)) };
}

/** The example the gen-vae demo and its page use: z ~ N(0.8, 0.6²), estimated from 10,000 draws. */
export const REPARAM_EXAMPLE = { mu: 0.8, sigma: 0.6, draws: 10000 };

/**
 * Both unbiased estimators of ∇_(μ,σ) E_{z~N(μ,σ²)}[z²], from the same seeded noise (float64).
 */
export function compareGradientEstimators(
  mu: number,
  sigma: number,
  samples: number,
  seed = 1,
): GradientComparison {
  if (!(sigma > 0)) throw new Error('compareGradientEstimators: sigma must be positive');
  const r = rng(seed);
  const pm = new Float64Array(samples);
  const ps = new Float64Array(samples);
  const sm = new Float64Array(samples);
  const ss = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const eps = r.normal();
    const z = mu + sigma * eps;
    pm[i] = 2 * z;
    ps[i] = 2 * z * eps;
    sm[i] = z * z * (eps / sigma);
    ss[i] = z * z * ((eps * eps - 1) / sigma);
  }
  return {
    mu,
    sigma,
    samples,
    exact: { dMu: 2 * mu, dSigma: 2 * sigma },
    pathwise: { dMu: stats(pm), dSigma: stats(ps) },
    score: { dMu: stats(sm), dSigma: stats(ss) },
  };
}

/**
 * The pathwise gradient computed by tfjs autodiff through z = μ + σ ε: the gradient of mean(z²) with
 * respect to the scalars μ and σ, for the given noise. Shows the backend really differentiates
 * through the sample.
 */
export async function pathwiseGradientTf(
  tf: typeof TF,
  mu: number,
  sigma: number,
  eps: Float32Array,
): Promise<{ dMu: number; dSigma: number }> {
  const [gm, gs] = tf.tidy(() => {
    const e = tf.tensor1d(eps);
    const f = (m: TF.Tensor, s: TF.Tensor) => tf.mean(tf.square(tf.add(m, tf.mul(s, e))));
    return tf.grads(f)([tf.scalar(mu), tf.scalar(sigma)]);
  });
  const dMu = (await gm!.data())[0]!;
  const dSigma = (await gs!.data())[0]!;
  tf.dispose([gm!, gs!]);
  return { dMu, dSigma };
}
