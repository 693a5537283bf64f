/**
 * The two generator losses of a GAN as functions of the discriminator's verdict on a fake,
 * d = D(G(z)) = σ(s) with logit s (Goodfellow et al. 2014, section 3):
 *   saturating (minimax)   L_sat(s) = log(1 − σ(s)) = −softplus(s),   dL/ds = −σ(s)     = −d
 *   non-saturating         L_ns(s)  = −log σ(s)    =  softplus(−s),  dL/ds = −(1 − σ(s)) = −(1 − d)
 * The generator minimises either. Float64 closed forms here; the tfjs autodiff version is checked
 * against them and against finite differences in tests/unit/generative-maths.test.ts.
 */
import type * as TF from '@tensorflow/tfjs';

export const sigmoid = (s: number): number => (s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s)));
/** log(1 + eˣ) without overflow. */
export const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
/** The logit of d ∈ (0, 1). */
export const logit = (d: number): number => Math.log(d) - Math.log1p(-d);

export const saturatingLoss = (s: number): number => -softplus(s);
export const nonSaturatingLoss = (s: number): number => softplus(-s);
export const saturatingGrad = (s: number): number => -sigmoid(s);
export const nonSaturatingGrad = (s: number): number => -sigmoid(-s);

export interface LossCurves {
  /** Discriminator outputs d = D(G(z)) on the x axis. */
  d: number[];
  saturating: number[];
  nonSaturating: number[];
  /** Derivatives with respect to the logit s. */
  saturatingGrad: number[];
  nonSaturatingGrad: number[];
}

/** n points of d, evenly spaced in [dMin, dMax] ⊂ (0, 1). */
export function dGrid(n: number, dMin = 0.005, dMax = 0.995): number[] {
  if (!(dMin > 0 && dMax < 1 && dMin < dMax) || n < 2) throw new Error('dGrid: need 0 < dMin < dMax < 1 and n ≥ 2');
  return Array.from({ length: n }, (_, i) => dMin + ((dMax - dMin) * i) / (n - 1));
}

/** The curves in float64 closed form. */
export function lossCurves(d: number[]): LossCurves {
  const s = d.map(logit);
  return {
    d,
    saturating: s.map(saturatingLoss),
    nonSaturating: s.map(nonSaturatingLoss),
    saturatingGrad: s.map(saturatingGrad),
    nonSaturatingGrad: s.map(nonSaturatingGrad),
  };
}

/**
 * The same curves computed on the tfjs backend: losses from the logits, and their derivatives by
 * autodiff (tf.grad), for every point at once.
 */
export async function lossCurvesTf(tf: typeof TF, d: number[]): Promise<LossCurves> {
  const outs = tf.tidy(() => {
    const s = tf.tensor1d(d.map(logit));
    const sat = (x: TF.Tensor) => tf.neg(tf.softplus(x));
    const ns = (x: TF.Tensor) => tf.softplus(tf.neg(x));
    // Each loss is elementwise, so the gradient of its sum is the vector of pointwise derivatives.
    return [sat(s), ns(s), tf.grad((x: TF.Tensor) => tf.sum(sat(x)))(s), tf.grad((x: TF.Tensor) => tf.sum(ns(x)))(s)];
  });
  const [a, b, c, e] = await Promise.all(outs.map((t) => t.data()));
  tf.dispose(outs);
  return { d, saturating: Array.from(a!), nonSaturating: Array.from(b!), saturatingGrad: Array.from(c!), nonSaturatingGrad: Array.from(e!) };
}

/** Central difference (f(s + h) − f(s − h)) / 2h. */
export function centralDifference(f: (s: number) => number, s: number, h = 1e-5): number {
  return (f(s + h) - f(s - h)) / (2 * h);
}

/** Largest |a − b| over two equally long arrays. */
export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}
