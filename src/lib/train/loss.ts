/** The engine's default loss, and the same cross-entropy against soft targets. */
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

/**
 * Mean cross-entropy −Σ_j q_j log softmax(z)_j of logits z [n, K] against target distributions
 * q [n, K] (smoothed labels, a teacher's probabilities).
 */
export function softTargetCrossEntropy(
  tf: typeof TF,
  logits: TF.Tensor,
  targets: TF.Tensor,
): TF.Scalar {
  return tf.tidy(
    () =>
      tf.neg(
        tf.mean(tf.sum(tf.mul(targets, tf.logSoftmax(logits as TF.Tensor2D)), 1)),
      ) as TF.Scalar,
  );
}
