/**
 * Weight normalisation w = g · v/‖v‖ on a least-squares loss: tfjs autodiff gradients with respect
 * to g and v checked against the closed forms, and the two consequences that matter for training:
 * the gradient in v is orthogonal to v, so plain gradient steps can only lengthen v.
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, rng } from '../util/random.ts';

export interface WeightNormCheck {
  /** max |autodiff − closed form| for ∂L/∂g and ∂L/∂v. */
  gError: number;
  vError: number;
  /** cos(angle between v and ∂L/∂v): 0 up to rounding. */
  cosine: number;
  /** ‖v‖ before and after one SGD step on v, and the closed form √(‖v‖² + η²‖∂L/∂v‖²). */
  normBefore: number;
  normAfter: number;
  normAfterExpected: number;
}

/**
 * L(g, v) = mean((X w − y)²) with w = g v/‖v‖. Closed forms: ∂L/∂g = ∇_w L · v/‖v‖ and
 * ∂L/∂v = (g/‖v‖)(I − w wᵀ/‖w‖²) ∇_w L.
 */
export async function weightNormCheck(
  tf: typeof TF,
  d = 6,
  m = 64,
  lr = 0.5,
  seed = 1,
): Promise<WeightNormCheck> {
  const r = rng(seed);
  const X = normalArray(m * d, 1, r);
  const y = normalArray(m, 1, r);
  const v0 = normalArray(d, 1, r);
  const g0 = 1.7;
  const out = tf.tidy(() => {
    const Xt = tf.tensor2d(X, [m, d]);
    const yt = tf.tensor2d(y, [m, 1]);
    const v = tf.tensor1d(v0);
    const g = tf.scalar(g0);
    const lossOfW = (w: TF.Tensor) =>
      tf.mean(tf.square(tf.sub(tf.matMul(Xt, tf.reshape(w, [d, 1])), yt))) as TF.Scalar;
    const wOf = (gg: TF.Tensor, vv: TF.Tensor) => tf.mul(gg, tf.div(vv, tf.norm(vv)));
    const [dg, dv] = tf.grads((gg: TF.Tensor, vv: TF.Tensor) => lossOfW(wOf(gg, vv)))([g, v]);
    const w = wOf(g, v);
    const gw = tf.grad(lossOfW)(w);
    const vn = tf.norm(v);
    const dgForm = tf.sum(tf.mul(gw, tf.div(v, vn)));
    const wHat = tf.div(w, tf.norm(w));
    const dvForm = tf.mul(tf.div(g, vn), tf.sub(gw, tf.mul(wHat, tf.sum(tf.mul(wHat, gw)))));
    const cosine = tf.div(tf.sum(tf.mul(v, dv!)), tf.mul(vn, tf.norm(dv!)));
    const vNext = tf.sub(v, tf.mul(lr, dv!));
    return tf.stack([
      tf.abs(tf.sub(dg!, dgForm)),
      tf.max(tf.abs(tf.sub(dv!, dvForm))),
      cosine,
      vn,
      tf.norm(vNext),
      tf.sqrt(tf.add(tf.square(vn), tf.mul(lr * lr, tf.sum(tf.square(dv!))))),
    ]);
  });
  const [gError, vError, cosine, normBefore, normAfter, normAfterExpected] = Array.from(
    await out.data(),
  ) as number[];
  out.dispose();
  return {
    gError: gError!,
    vError: vError!,
    cosine: cosine!,
    normBefore: normBefore!,
    normAfter: normAfter!,
    normAfterExpected: normAfterExpected!,
  };
}
