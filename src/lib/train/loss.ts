/** The engine's default loss. */
import type * as TF from '@tensorflow/tfjs';

/** Softmax cross-entropy of logits against int32 labels. */
export function softmaxCrossEntropy(
  tf: typeof TF,
  logits: TF.Tensor,
  labels: TF.Tensor,
): TF.Scalar {
  const k = logits.shape[logits.shape.length - 1]!;
  return tf.losses.softmaxCrossEntropy(
    tf.oneHot(labels as TF.Tensor1D, k),
    logits as TF.Tensor2D,
  ) as TF.Scalar;
}
