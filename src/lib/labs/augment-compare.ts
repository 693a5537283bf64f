/**
 * dl-53, the experiment: the same CNN, same seed and same few training images, trained once on the
 * plain images and once with on-the-fly augmentation; both are tested on the clean test images and
 * on a copy of them transformed once with the same ranges (a test of the invariance the
 * augmentation was meant to teach).
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { accuracy } from '../metrics/classification.ts';
import { train, type StepInfo } from '../train/engine.ts';
import { adamTrainingSettings, type AdamRunOptions } from '../train/adam-settings.ts';
import { rng } from '../util/random.ts';
import { augmentBatch, withAugmentation, type AugmentRanges } from './augment.ts';
import { createCnn, type CnnShape } from './cnn.ts';

export type RunName = 'plain' | 'augmented';

export interface CompareOptions extends AdamRunOptions {
  shape: CnnShape;
  ranges: AugmentRanges;
  onStep?: (run: RunName, s: StepInfo) => void;
}

/**
 * What the page trains: a small CNN (8 and 16 filters, 64 hidden units) with Adam at 3·10⁻³ on
 * batches of 32, seed 1 — large enough to learn from a few hundred digits in seconds.
 */
export const PAGE_RECIPE: Pick<CompareOptions, 'shape' | 'batchSize' | 'learningRate' | 'seed'> = {
  shape: { c1: 8, c2: 16, hidden: 64 },
  batchSize: 32,
  learningRate: 3e-3,
  seed: 1,
};

export interface RunAccuracy {
  /** Accuracy on the test images as they are. */
  clean: number;
  /** Accuracy on the test images after one random transform each (same ranges, fixed seed). */
  transformed: number;
}

export interface CompareResult {
  status: 'done' | 'cancelled';
  plain?: RunAccuracy;
  augmented?: RunAccuracy;
}

/** Train plain and augmented CNNs from the same initialisation; frees every tensor it creates. */
export async function compareAugmentation(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: CompareOptions,
): Promise<CompareResult> {
  const tr = toTensors(tf, trainSet);
  const te = toTensors(tf, testSet);
  const teT = augmentBatch(tf, te.xs, o.ranges, rng(o.seed + 1000));
  const out: CompareResult = { status: 'done' };
  try {
    for (const run of ['plain', 'augmented'] as const) {
      const model = createCnn(tf, o.shape, o.seed);
      try {
        const r = await train({
          tf,
          model: run === 'plain' ? model : withAugmentation(tf, model, o.ranges, o.seed),
          xs: tr.xs,
          ys: tr.ys,
          ...adamTrainingSettings(o),
          onStep: (s) => o.onStep?.(run, s),
        });
        if (r.status === 'cancelled') return { ...out, status: 'cancelled' };
        out[run] = {
          clean: await accuracy(tf, model, te.xs, te.ys),
          transformed: await accuracy(tf, model, teT, te.ys),
        };
      } finally {
        model.dispose();
      }
    }
    return out;
  } finally {
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys, teT]);
  }
}
