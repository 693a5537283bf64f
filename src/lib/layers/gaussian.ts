/**
 * The normal density written out, N(x; μ, σ) = exp(−(x − μ)²/(2σ²)) / (σ√(2π)), and its derivative in
 * x, −(x − μ)/σ² · N(x; μ, σ): float64 in plain JavaScript, then on the tfjs backend with the
 * derivative also taken by autodiff.
 */
import type * as TF from '@tensorflow/tfjs';

export function normalPdf(x: number, mu = 0, sigma = 1): number {
  if (!(sigma > 0)) throw new Error('σ must be positive.');
  const z = (x - mu) / sigma;
  return Math.exp(-0.5 * z * z) / (sigma * Math.sqrt(2 * Math.PI));
}

export function normalPdfDerivative(x: number, mu = 0, sigma = 1): number {
  return (-(x - mu) / (sigma * sigma)) * normalPdf(x, mu, sigma);
}

/** The density as tfjs ops (differentiable). */
export function normalPdfTf(tf: typeof TF, x: TF.Tensor, mu: number, sigma: number): TF.Tensor {
  const z = tf.div(tf.sub(x, mu), sigma);
  return tf.div(tf.exp(tf.mul(-0.5, tf.square(z))), sigma * Math.sqrt(2 * Math.PI));
}

export interface GaussianCheck {
  x: number[];
  pdf: number[];
  dpdf: number[];
  /** max |tfjs − float64| of the density, and of the autodiff derivative vs the closed form. */
  pdfError: number;
  gradError: number;
  /** max |central difference − closed form| in float64 (step 1e-5). */
  finiteDiffError: number;
  /** Trapezoid integral of the density over μ ± 8σ (should be 1). */
  integral: number;
  /** Peak height 1/(σ√(2π)) and where |derivative| is largest (at μ ± σ). */
  peak: number;
  steepestAt: number;
}

export async function gaussianCheck(
  tf: typeof TF,
  mu = 0,
  sigma = 1,
  points = 201,
): Promise<GaussianCheck> {
  if (!(sigma > 0) || !Number.isFinite(mu) || sigma > 1e3)
    throw new Error('Need a finite μ and 0 < σ ≤ 1000.');
  const x = Array.from(
    { length: points },
    (_, i) => mu - 4 * sigma + (8 * sigma * i) / (points - 1),
  );
  const pdf = x.map((v) => normalPdf(v, mu, sigma));
  const dpdf = x.map((v) => normalPdfDerivative(v, mu, sigma));
  const [pT, gT] = tf.tidy(() => {
    const xt = tf.tensor1d(x);
    // Each output depends only on its own x, so the gradient of the sum is the pointwise derivative.
    const grad = tf.grad((t: TF.Tensor) => tf.sum(normalPdfTf(tf, t, mu, sigma)))(xt);
    return [normalPdfTf(tf, xt, mu, sigma), grad];
  });
  const [p, g] = await Promise.all([pT.data(), gT.data()]);
  tf.dispose([pT, gT]);
  const peak = normalPdf(mu, mu, sigma);
  let pdfError = 0;
  let gradError = 0;
  let finiteDiffError = 0;
  const h = 1e-5 * sigma;
  x.forEach((v, i) => {
    pdfError = Math.max(pdfError, Math.abs(p[i]! - pdf[i]!));
    gradError = Math.max(gradError, Math.abs(g[i]! - dpdf[i]!));
    finiteDiffError = Math.max(
      finiteDiffError,
      Math.abs((normalPdf(v + h, mu, sigma) - normalPdf(v - h, mu, sigma)) / (2 * h) - dpdf[i]!),
    );
  });
  const m = 4000;
  let integral = 0;
  for (let i = 0; i <= m; i++)
    integral +=
      (i === 0 || i === m ? 0.5 : 1) * normalPdf(mu - 8 * sigma + (16 * sigma * i) / m, mu, sigma);
  integral *= (16 * sigma) / m;
  let steepestAt = x[0]!;
  dpdf.forEach(
    (d, i) =>
      Math.abs(d) > Math.abs(normalPdfDerivative(steepestAt, mu, sigma)) && (steepestAt = x[i]!),
  );
  return { x, pdf, dpdf, pdfError, gradError, finiteDiffError, integral, peak, steepestAt };
}
