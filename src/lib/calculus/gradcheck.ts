/**
 * Gradient checking: compare an analytic derivative with central differences
 *   (f(x + h) − f(x − h)) / 2h,  error O(h²) from truncation plus O(ε/h) from rounding.
 * In float64 (ε ≈ 1.1e-16) h = 1e-6 gives errors near 1e-10, so a tolerance of 1e-7 is strict.
 * In float32 (ε ≈ 6e-8) the best h is about ε^(1/3) ≈ 4e-3 and errors near 1e-4 are normal, so
 * the float32 check needs a tolerance around 1e-2 — the reason PyTorch's gradcheck insists on double.
 */
import type * as TF from '@tensorflow/tfjs';

export interface GradcheckResult {
  ok: boolean;
  /** Largest |analytic − numeric| / max(1, |numeric|) over the points. */
  maxError: number;
  tolerance: number;
  /** Point with the largest error. */
  worstAt: number;
  points: number;
}

/** Float64 gradient check of a scalar function with a hand-written derivative. */
export function gradcheck64(
  f: (x: number) => number,
  df: (x: number) => number,
  xs: readonly number[],
  h = 1e-6,
  tolerance = 1e-7,
): GradcheckResult {
  let maxError = 0;
  let worstAt = xs[0] ?? 0;
  for (const x of xs) {
    const numeric = (f(x + h) - f(x - h)) / (2 * h);
    const err = Math.abs(df(x) - numeric) / Math.max(1, Math.abs(numeric));
    if (err > maxError) {
      maxError = err;
      worstAt = x;
    }
  }
  return { ok: maxError <= tolerance, maxError, tolerance, worstAt, points: xs.length };
}

/** A unary op on tensors (e.g. one made with tf.customGrad). */
export type UnaryOp = (x: TF.Tensor) => TF.Tensor;

/**
 * Float32 gradient check of an op on the active backend: the op's gradient (through its backward
 * pass, via tf.grad of sum(op(x))) against central differences of the op itself, elementwise.
 */
export async function gradcheck32(
  tf: typeof TF,
  op: UnaryOp,
  xs: readonly number[],
  h = 4e-3,
  tolerance = 1e-2,
): Promise<GradcheckResult> {
  const [analytic, numeric] = tf.tidy(() => {
    const x = tf.tensor1d(xs as number[]);
    const g = tf.grad((v: TF.Tensor) => tf.sum(op(v)))(x);
    const num = tf.div(tf.sub(op(tf.add(x, h)), op(tf.sub(x, h))), 2 * h);
    return [g, num];
  });
  const a = await analytic.data();
  const n = await numeric.data();
  tf.dispose([analytic, numeric]);
  let maxError = 0;
  let worstAt = xs[0] ?? 0;
  xs.forEach((x, i) => {
    const err = Math.abs(a[i]! - n[i]!) / Math.max(1, Math.abs(n[i]!));
    if (err > maxError) {
      maxError = err;
      worstAt = x;
    }
  });
  return { ok: maxError <= tolerance, maxError, tolerance, worstAt, points: xs.length };
}

/**
 * Central-difference error of tanh' as a function of the step h, in float64 (plain numbers) and in
 * float32 (tfjs on the active backend): the V-shaped curves show truncation error (∝ h²) meeting
 * rounding error (∝ ε/h), and where each precision's best h lies.
 */
export async function stepSizeSweep(
  tf: typeof TF,
  xs: readonly number[],
  hs: readonly number[],
): Promise<{ h: number; err64: number; err32: number }[]> {
  const exact = xs.map((x) => 1 - Math.tanh(x) ** 2);
  const out: { h: number; err64: number; err32: number }[] = [];
  for (const h of hs) {
    const err64 = Math.max(
      ...xs.map((x, i) => Math.abs((Math.tanh(x + h) - Math.tanh(x - h)) / (2 * h) - exact[i]!)),
    );
    const t = tf.tidy(() => {
      const x = tf.tensor1d(xs as number[]);
      // x ± h rounded to float32 first, exactly as a float32 program would see them.
      const xp = tf.add(x, h);
      const xm = tf.sub(x, h);
      return tf.div(tf.sub(tf.tanh(xp), tf.tanh(xm)), tf.sub(xp, xm));
    });
    const num = await t.data();
    t.dispose();
    const err32 = Math.max(...exact.map((e, i) => Math.abs(num[i]! - e)));
    out.push({ h, err64, err32 });
  }
  return out;
}
