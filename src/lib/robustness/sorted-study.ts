/**
 * What is learnable from t2's invariant: a per-image pixel permutation leaves only each image's
 * multiset of pixel values, i.e. its pixels sorted. Train a network on sorted training images until
 * the loss on held-out training images stops falling, and report test accuracy (on sorted t2 images)
 * at the epoch of the lowest held-out loss.
 */
import type * as TF from '@tensorflow/tfjs';
import { PIXELS } from '../data/mnist-geometry.ts';
import { createMLP } from '../models/mlp.ts';
import { softmaxCrossEntropy, type EpochInfo } from '../train/engine.ts';
import { evaluateSet } from './evaluate.ts';
import { classifierOf, fitWithRecipe } from './recipes.ts';
import type { SortedModel } from './study.ts';
import { makeVariant, sortPixels, type ImageSet } from './variants.ts';

export interface SortedOptions {
  validation: number;
  patience: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  onEpoch?: (e: EpochInfo) => void;
}

/** Mean softmax cross-entropy of a classifier on a set (batches of 1000). */
export async function meanLoss(
  tf: typeof TF,
  model: (x: TF.Tensor2D) => TF.Tensor2D,
  set: ImageSet,
): Promise<number> {
  let total = 0;
  for (let start = 0; start < set.count; start += 1000) {
    const size = Math.min(1000, set.count - start);
    const l = tf.tidy(() =>
      tf.mul(
        softmaxCrossEntropy(
          tf,
          model(
            tf.tensor2d(set.x.subarray(start * PIXELS, (start + size) * PIXELS), [size, PIXELS]),
          ),
          tf.tensor1d(Int32Array.from(set.labels.subarray(start, start + size)), 'int32'),
        ),
        size,
      ),
    );
    total += (await l.data())[0]!;
    l.dispose();
  }
  return total / set.count;
}

/** Split off the last n images. */
function splitLast(set: ImageSet, n: number): [ImageSet, ImageSet] {
  const k = set.count - n;
  return [
    { x: set.x.subarray(0, k * PIXELS), labels: set.labels.subarray(0, k), count: k },
    { x: set.x.subarray(k * PIXELS), labels: set.labels.subarray(k), count: n },
  ];
}

export async function trainSorted(
  tf: typeof TF,
  spec: SortedModel,
  train: ImageSet,
  test: ImageSet,
  o: SortedOptions,
): Promise<{
  accuracy: { t2: number };
  trainSeconds: number;
  history: EpochInfo[];
  stopping: { epochsTrained: number; bestEpoch: number };
}> {
  const [fit, held] = splitLast(sortPixels(train), o.validation);
  const t2 = sortPixels(makeVariant(test, 't2'));
  const m = createMLP(tf, spec.sizes, {
    seed: o.seed * 1000 + 3,
    name: `sorted-${spec.name}-${o.seed}`,
  });
  const c = classifierOf(m);
  const stop = new AbortController();
  let best = { loss: Infinity, epoch: 0, accuracy: 0 };
  const testAccuracy: number[] = [];
  const t0 = performance.now();
  try {
    const r = await fitWithRecipe(
      tf,
      m,
      fit,
      { kind: 'standard' },
      {
        epochs: spec.maxEpochs,
        batchSize: o.batchSize,
        learningRate: o.learningRate,
        seed: o.seed * 1000 + 1,
        signal: stop.signal,
        evaluate: () => meanLoss(tf, c, held),
        onEpoch: async (e) => {
          const accuracy = (await evaluateSet(tf, c, t2))!.accuracy;
          testAccuracy.push(accuracy);
          if (e.metric! < best.loss) best = { loss: e.metric!, epoch: e.epoch + 1, accuracy };
          o.onEpoch?.(e);
          if (e.epoch + 1 - best.epoch >= o.patience) stop.abort();
        },
      },
    );
    return {
      accuracy: { t2: best.accuracy },
      trainSeconds: (performance.now() - t0) / 1000,
      history: r.epochs.map((e, i) => ({ ...e, testAccuracy: testAccuracy[i] })),
      stopping: { epochsTrained: r.epochs.length, bestEpoch: best.epoch },
    };
  } finally {
    m.dispose();
  }
}
