/** Classification metrics computed in batches on the active backend. */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';

/** Predicted class per row, computed in batches so large test sets fit on small GPUs. */
export async function predictClasses(
  tf: typeof TF,
  model: Trainable,
  xs: TF.Tensor2D,
  batchSize = 1000,
): Promise<Int32Array> {
  const n = xs.shape[0];
  const out = new Int32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const pred = tf.tidy(() => tf.argMax(model.predict(tf.slice(xs, [start, 0], [size, -1])), 1));
    out.set((await pred.data()) as Int32Array, start);
    pred.dispose();
  }
  return out;
}

/** Fraction of rows whose predicted class equals the label. */
export function accuracyOf(pred: ArrayLike<number>, labels: ArrayLike<number>): number {
  if (pred.length !== labels.length) throw new Error('accuracy: length mismatch');
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) ok++;
  return pred.length ? ok / pred.length : 0;
}

export async function accuracy(
  tf: typeof TF,
  model: Trainable,
  xs: TF.Tensor2D,
  ys: TF.Tensor1D,
): Promise<number> {
  const labels = await ys.data();
  return accuracyOf(await predictClasses(tf, model, xs), labels);
}

/** k×k confusion matrix: rows are true classes, columns predicted. */
export function confusionMatrix(
  pred: ArrayLike<number>,
  labels: ArrayLike<number>,
  k = 10,
): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < pred.length; i++) m[labels[i]!]![pred[i]!]!++;
  return m;
}
