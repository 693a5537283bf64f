/**
 * dl-55's experiment: the two generator losses compared on the same data. A classifier of real
 * digits is trained first (./gan-score.ts), real images give the reference score, then one GAN is
 * trained per loss, one after the other, each scored after every epoch. Frees every tensor, on
 * cancel too.
 */
import type * as TF from '@tensorflow/tfjs';
import type { MnistSplit } from '../data/mnist.ts';
import { PIXELS } from '../data/mnist-geometry.ts';
import type { MLP } from '../models/mlp.ts';
import type { StepInfo } from '../train/engine.ts';
import { runGan, toSigned, type GanEpoch, type GanRunOptions, type GeneratorLoss } from './gan.ts';
import { scoreImages, trainScorer, type SampleScore } from './gan-score.ts';

/** How many real images give the reference score. */
export const REAL_SCORED = 256;

/**
 * The scoring classifier's seed. It does not follow the GANs' seed on purpose: runs with different
 * seeds are then measured by the same classifier, against the same real-digit reference.
 */
export const SCORER_SEED = 7;

/**
 * The classifier's score of the first `n` real images (all of them when there are fewer): the
 * reference that generated samples are measured against.
 */
export async function scoreRealImages(
  tf: typeof TF,
  scorer: MLP,
  split: MnistSplit,
  n: number,
): Promise<SampleScore & { count: number }> {
  const count = Math.min(n, split.count);
  const images = split.images.subarray(0, count * PIXELS);
  const real = toSigned(tf, { images, labels: split.labels.subarray(0, count), count });
  try {
    return { ...(await scoreImages(tf, scorer, real)), count };
  } finally {
    real.dispose();
  }
}

export interface GanComparisonOptions extends Omit<
  GanRunOptions,
  'kind' | 'scorer' | 'onStep' | 'onEpoch'
> {
  kinds: GeneratorLoss[];
  /** Steps of the run of `kinds[index]`. */
  onStep?: (kind: GeneratorLoss, index: number, s: StepInfo) => void;
  onEpoch?: (kind: GeneratorLoss, e: GanEpoch) => void | Promise<void>;
}

export interface GanComparison {
  status: 'done' | 'cancelled';
  /** The finished runs, in the order of `kinds`. */
  runs: { kind: GeneratorLoss; epochs: GanEpoch[] }[];
  /** The real digits' score (null when cancelled while the classifier trained). */
  real: (SampleScore & { count: number }) | null;
}

export async function compareGeneratorLosses(
  tf: typeof TF,
  trainSet: MnistSplit,
  o: GanComparisonOptions,
): Promise<GanComparison> {
  const scorer = await trainScorer(tf, trainSet, SCORER_SEED, o.signal);
  if (!scorer) return { status: 'cancelled', runs: [], real: null };
  try {
    const real = await scoreRealImages(tf, scorer, trainSet, REAL_SCORED);
    const runs: GanComparison['runs'] = [];
    for (const [index, kind] of o.kinds.entries()) {
      const r = await runGan(tf, trainSet, {
        ...o,
        kind,
        scorer,
        onStep: (s) => o.onStep?.(kind, index, s),
        onEpoch: (e) => o.onEpoch?.(kind, e),
      });
      if (r.result.status === 'cancelled') return { status: 'cancelled', runs, real };
      runs.push({ kind, epochs: r.epochs });
    }
    return { status: 'done', runs, real };
  } finally {
    scorer.dispose();
  }
}
