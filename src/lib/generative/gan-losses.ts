/**
 * The two generator losses of a GAN as functions of the discriminator's verdict on a fake,
 * d = D(G(z)) = σ(s) with logit s (Goodfellow et al. 2014, section 3):
 *   saturating (minimax)   L_sat(s) = log(1 − σ(s)) = −softplus(s),   dL/ds = −σ(s)     = −d
 *   non-saturating         L_ns(s)  = −log σ(s)    =  softplus(−s),  dL/ds = −(1 − σ(s)) = −(1 − d)
 * The generator minimises either; the discriminator minimises the binary cross-entropy
 *   L_D = softplus(−s_real) + softplus(s_fake).
 * This file is the one place these losses are written: float64 closed forms for the curves, and the
 * tfjs versions that the GAN lab (src/lib/labs/gan.ts) trains with. The tfjs autodiff gradients are
 * checked against the closed forms and finite differences in tests/unit/generative-maths.test.ts.
 */
import type * as TF from '@tensorflow/tfjs';

export const sigmoid = (s: number): number =>
  s >= 0 ? 1 / (1 + Math.exp(-s)) : Math.exp(s) / (1 + Math.exp(s));
/** log(1 + eˣ) without overflow. */
export const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
/** The logit of d ∈ (0, 1). */
export const logit = (d: number): number => Math.log(d) - Math.log1p(-d);

export const saturatingLoss = (s: number): number => -softplus(s);
export const nonSaturatingLoss = (s: number): number => softplus(-s);
export const saturatingGrad = (s: number): number => -sigmoid(s);
export const nonSaturatingGrad = (s: number): number => -sigmoid(-s);

/** The generator's loss, by the names the GAN lab uses: 'minimax' is the saturating form. */
export type GeneratorLoss = 'minimax' | 'non-saturating';

/**
 * |∂L_G/∂s| for one generated image as a function of d = D(G(z)) = σ(s): d for the minimax loss
 * (it vanishes when D confidently rejects fakes), 1 − d for the non-saturating loss.
 */
export function generatorGradientMagnitude(d: number, kind: GeneratorLoss): number {
  return Math.abs((kind === 'minimax' ? saturatingGrad : nonSaturatingGrad)(logit(d)));
}

/** The generator's loss for each generated image, from D's logits s for those images. */
export function generatorLossPerImage(
  tf: typeof TF,
  fakeLogits: TF.Tensor,
  kind: GeneratorLoss,
): TF.Tensor {
  return kind === 'minimax' ? tf.neg(tf.softplus(fakeLogits)) : tf.softplus(tf.neg(fakeLogits));
}

/** The generator's loss over a batch: the mean of generatorLossPerImage. */
export function generatorLoss(
  tf: typeof TF,
  fakeLogits: TF.Tensor,
  kind: GeneratorLoss,
): TF.Scalar {
  return tf.mean(generatorLossPerImage(tf, fakeLogits, kind)) as TF.Scalar;
}

/** The discriminator's loss: real images should score high, generated ones low. */
export function discriminatorLoss(
  tf: typeof TF,
  realLogits: TF.Tensor,
  fakeLogits: TF.Tensor,
): TF.Scalar {
  return tf.add(
    tf.mean(tf.softplus(tf.neg(realLogits))),
    tf.mean(tf.softplus(fakeLogits)),
  ) as TF.Scalar;
}

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
  if (!(dMin > 0 && dMax < 1 && dMin < dMax) || n < 2)
    throw new Error('dGrid: need 0 < dMin < dMax < 1 and n ≥ 2');
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
    const sat = (x: TF.Tensor) => generatorLossPerImage(tf, x, 'minimax');
    const ns = (x: TF.Tensor) => generatorLossPerImage(tf, x, 'non-saturating');
    // Each loss is elementwise, so the gradient of its sum is the vector of pointwise derivatives.
    return [
      sat(s),
      ns(s),
      tf.grad((x: TF.Tensor) => tf.sum(sat(x)))(s),
      tf.grad((x: TF.Tensor) => tf.sum(ns(x)))(s),
    ];
  });
  const [a, b, c, e] = await Promise.all(outs.map((t) => t.data()));
  tf.dispose(outs);
  return {
    d,
    saturating: Array.from(a!),
    nonSaturating: Array.from(b!),
    saturatingGrad: Array.from(c!),
    nonSaturatingGrad: Array.from(e!),
  };
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
