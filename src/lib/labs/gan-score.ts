/**
 * dl-55: scoring generated digits with a classifier, so the two generator losses can be compared
 * with a number and not only by eye.
 *
 * A small MLP is trained on the real images (the shared engine, a few seconds). For generated images
 * x it gives class probabilities p(y | x). Two summaries:
 *   - confidence: mean over x of max_y p(y | x) — do samples look like *some* digit?
 *   - classifier score: exp(E_x KL(p(y | x) ‖ p(y))), p(y) = mean_x p(y | x) — high when each sample is
 *     confidently one digit AND the samples cover many digits. This is the Inception Score of
 *     Salimans et al. (2016) with an MNIST classifier in place of the Inception network; it lies in
 *     [1, 10] for ten classes.
 * Both inherit the classifier's blind spots: they reward images the classifier likes, not images a
 * person would call good digits.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP, type MLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export interface SampleScore {
  confidence: number;
  score: number;
}

/** Confidence and classifier score of n rows of k class probabilities (row-major). */
export function scoreProbabilities(probs: ArrayLike<number>, n: number, k: number): SampleScore {
  const marginal = new Float64Array(k);
  let confidence = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 0; j < k; j++) {
      const p = probs[i * k + j]!;
      marginal[j]! += p / n;
      best = Math.max(best, p);
    }
    confidence += best / n;
  }
  let kl = 0;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < k; j++) {
      const p = probs[i * k + j]!;
      if (p > 0) kl += (p * Math.log(p / marginal[j]!)) / n;
    }
  return { confidence, score: Math.exp(kl) };
}

/** Train the scoring classifier (784 → 128 → 10, Adam, two epochs or 200 steps, whichever is fewer) on real images in [0, 1]. */
export async function trainScorer(
  tf: typeof TF,
  trainSet: MnistSplit,
  seed: number,
  signal?: AbortSignal,
): Promise<MLP | null> {
  const { xs, ys } = toTensors(tf, trainSet);
  const model = createMLP(tf, [PIXELS, 128, CLASSES], { seed });
  try {
    const r = await train({
      tf,
      model,
      xs,
      ys,
      optimizer: { name: 'adam', learningRate: 3e-3 },
      epochs: 2,
      maxSteps: 200,
      batchSize: 64,
      seed,
      signal,
      syncEvery: 20,
    });
    if (r.status === 'cancelled') {
      model.dispose();
      return null;
    }
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose([xs, ys]);
  }
}

/** Score images with values in [−1, 1] (the generator's range) with the classifier. */
export async function scoreImages(
  tf: typeof TF,
  scorer: MLP,
  signedImages: TF.Tensor2D,
): Promise<SampleScore> {
  const probs = tf.tidy(() => tf.softmax(scorer.predict(tf.div(tf.add(signedImages, 1), 2))));
  try {
    return scoreProbabilities(await probs.data(), signedImages.shape[0], 10);
  } finally {
    probs.dispose();
  }
}
