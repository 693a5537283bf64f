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
  /** Largest relativeError over the points. */
  maxError: number;
  tolerance: number;
  /** Point with the largest error. */
  worstAt: number;
  points: number;
}

/** The measure both checks use: |analytic − numeric| / max(1, |numeric|). */
const relativeError = (analytic: number, numeric: number) =>
  Math.abs(analytic - numeric) / Math.max(1, Math.abs(numeric));

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
    const err = relativeError(df(x), numeric);
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
    const err = relativeError(a[i]!, n[i]!);
    if (err > maxError) {
      maxError = err;
      worstAt = x;
    }
  });
  return { ok: maxError <= tolerance, maxError, tolerance, worstAt, points: xs.length };
}

/** An op with the float64 formulas of its forward pass and of its (possibly broken) backward pass. */
export interface CheckedOpPair {
  op: UnaryOp;
  f: (x: number) => number;
  df: (x: number) => number;
}

export interface SweepPoint {
  h: number;
  /** Largest error of the float64 check at this step (the backward formula `df` vs differences of `f`). */
  err64: number;
  /** Largest error of the float32 check at this step (tf.grad through `op` vs differences of `op`). */
  err32: number;
}

/**
 * Both gradient checks repeated over a range of steps h. With a correct backward pass the curves
 * are V-shaped — truncation error (∝ h²) meeting rounding error (∝ ε/h) — with each precision's
 * best h at the bottom. With a broken backward pass they stay flat at the size of the bug: no step
 * makes a wrong derivative agree with the differences.
 */
export async function stepSizeSweep(
  tf: typeof TF,
  { op, f, df }: CheckedOpPair,
  xs: readonly number[],
  hs: readonly number[],
): Promise<SweepPoint[]> {
  const analytic64 = xs.map(df);
  const g = tf.tidy(() => tf.grad((v: TF.Tensor) => tf.sum(op(v)))(tf.tensor1d(xs as number[])));
  const analytic32 = await g.data();
  g.dispose();
  const out: SweepPoint[] = [];
  for (const h of hs) {
    const err64 = Math.max(
      ...xs.map((x, i) => relativeError(analytic64[i]!, (f(x + h) - f(x - h)) / (2 * h))),
    );
    const t = tf.tidy(() => {
      const x = tf.tensor1d(xs as number[]);
      // x ± h rounded to float32 first, exactly as a float32 program would see them.
      const xp = tf.add(x, h);
      const xm = tf.sub(x, h);
      return tf.div(tf.sub(op(xp), op(xm)), tf.sub(xp, xm));
    });
    const numeric = await t.data();
    t.dispose();
    const err32 = Math.max(...xs.map((_, i) => relativeError(analytic32[i]!, numeric[i]!)));
    out.push({ h, err64, err32 });
  }
  return out;
}

/** The sweep's smallest error in one precision and the step where it occurs. */
export function bestStep(sweep: readonly SweepPoint[], precision: 'err64' | 'err32') {
  const best = sweep.reduce((a, b) => (b[precision] < a[precision] ? b : a));
  return { h: best.h, error: best[precision] };
}
