/**
 * Evaluate a classifier on a labelled image set: accuracy, confusion matrix and the entropy of the
 * softmax output (the model's own uncertainty) per image, with a histogram. Batched; cancellable.
 */
import type * as TF from '@tensorflow/tfjs';
import { accuracyOf, confusionMatrix } from '../metrics/classification.ts';
import { yieldToEventLoop } from '../train/engine.ts';
import type { Classifier } from './attacks.ts';
import type { ImageSet } from './variants.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export const ENTROPY_BINS = 20;
/** Largest possible entropy of a 10-class distribution, ln 10 nats. */
export const MAX_ENTROPY = Math.log(CLASSES);

export interface Evaluation {
  count: number;
  accuracy: number;
  /** Rows: true class, columns: predicted class. */
  confusion: number[][];
  /** Mean softmax entropy (nats). */
  meanEntropy: number;
  /** Counts of images per entropy bin; bin i covers [i, i+1)·ln10/ENTROPY_BINS. */
  entropyHistogram: number[];
}

export interface EvalOptions {
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Predicted classes and softmax entropies (nats) of every image; null if cancelled. */
export async function predictWithEntropy(
  tf: typeof TF,
  model: Classifier,
  x: Float32Array,
  count: number,
  o: EvalOptions = {},
): Promise<{ pred: Int32Array; entropy: Float32Array } | null> {
  const bs = Math.max(1, o.batchSize ?? 1000);
  const pred = new Int32Array(count);
  const entropy = new Float32Array(count);
  for (let start = 0; start < count; start += bs) {
    if (o.signal?.aborted) return null;
    const size = Math.min(bs, count - start);
    const [p, h] = tf.tidy(() => {
      const logits = model(
        tf.tensor2d(x.subarray(start * PIXELS, (start + size) * PIXELS), [size, PIXELS]),
      );
      const logp = tf.logSoftmax(logits);
      return [tf.argMax(logits, 1), tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1))];
    });
    try {
      pred.set((await p.data()) as Int32Array, start);
      entropy.set((await h.data()) as Float32Array, start);
    } finally {
      p.dispose();
      h.dispose();
    }
    o.onProgress?.(start + size, count);
    await yieldToEventLoop();
  }
  return { pred, entropy };
}

/** Histogram of entropies over [0, ln 10] in `bins` equal bins (values at the top go in the last). */
export function entropyHistogram(entropy: ArrayLike<number>, bins = ENTROPY_BINS): number[] {
  const h = new Array<number>(bins).fill(0);
  for (let i = 0; i < entropy.length; i++) {
    const b = Math.floor((Math.max(0, entropy[i]!) / MAX_ENTROPY) * bins);
    h[Math.min(bins - 1, b)]!++;
  }
  return h;
}

/** Accuracy, confusion matrix and entropy histogram of `model` on `set`; null if cancelled. */
export async function evaluateSet(
  tf: typeof TF,
  model: Classifier,
  set: ImageSet,
  o: EvalOptions = {},
): Promise<Evaluation | null> {
  const r = await predictWithEntropy(tf, model, set.x, set.count, o);
  if (!r) return null;
  let sum = 0;
  for (const e of r.entropy) sum += e;
  return {
    count: set.count,
    accuracy: accuracyOf(r.pred, set.labels),
    confusion: confusionMatrix(r.pred, set.labels),
    meanEntropy: set.count ? sum / set.count : 0,
    entropyHistogram: entropyHistogram(r.entropy),
  };
}
