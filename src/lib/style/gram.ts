/**
 * Gram matrices of feature maps — the style statistic of Gatys, Ecker and Bethge (2016).
 *
 * For feature maps F of shape h × w × c, flattened to an (h·w) × c matrix, the Gram matrix is
 *   G = Fᵀ F / (h·w),   G[i, j] = mean over positions p of F[p, i] · F[p, j].
 * It keeps which channels fire *together* and forgets *where*: permuting the positions p leaves it
 * unchanged, which is why it describes texture ("style") rather than layout ("content").
 * We divide by h·w so that layers of different sizes weigh alike; the paper uses plain sums and
 * folds the sizes into its layer weights, which differs only by constants.
 */
import type * as TF from '@tensorflow/tfjs';

/** Gram matrix of features [h, w, c] or [1, h, w, c] → [c, c]. */
export function gram(tf: typeof TF, features: TF.Tensor): TF.Tensor2D {
  const shape = features.shape;
  if (shape.length === 4 && shape[0] !== 1)
    throw new Error(`gram: one image at a time, got a batch of ${shape[0]}`);
  if (shape.length !== 3 && shape.length !== 4)
    throw new Error(`gram: expected [h, w, c] features, got shape [${shape.join(', ')}]`);
  const c = shape[shape.length - 1]!;
  const positions = features.size / c;
  return tf.tidy(() => {
    const f = tf.reshape(features, [positions, c]) as TF.Tensor2D;
    return tf.div(tf.matMul(f, f, true, false), positions) as TF.Tensor2D;
  });
}

/** The same in plain numbers, as a float64 reference: values in [h, w, c] row-major order. */
export function gramReference(values: ArrayLike<number>, c: number): number[][] {
  if (values.length % c !== 0) throw new Error('gramReference: length is not a multiple of c');
  const positions = values.length / c;
  const g = Array.from({ length: c }, () => new Array<number>(c).fill(0));
  for (let p = 0; p < positions; p++)
    for (let i = 0; i < c; i++)
      for (let j = 0; j < c; j++) g[i]![j]! += values[p * c + i]! * values[p * c + j]!;
  return g.map((row) => row.map((v) => v / positions));
}
