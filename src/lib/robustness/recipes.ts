/**
 * Training recipes for the task's network and its fixes, all on the one training engine.
 *
 * A recipe that changes each batch (noise, fresh permutations, adversarial examples) is run with a
 * small trick: the engine trains an identity "model" over the real model's variables, and the loss
 * function transforms the batch (it sees the labels, which an attack needs) before the real forward
 * pass. The transforms draw their randomness from the project's seeded RNG, so a run is reproducible.
 */
import type * as TF from '@tensorflow/tfjs';
import type { MLP, Trainable } from '../models/mlp.ts';
import {
  softmaxCrossEntropy,
  train,
  type EpochInfo,
  type StepInfo,
  type TrainConfig,
  type TrainResult,
} from '../train/engine.ts';
import {
  adamTrainingSettings,
  type AdamRunOptions,
  type AdamTrainingSettings,
} from '../train/adam-settings.ts';
import { rng, shuffleInPlace } from '../util/random.ts';
import { pgd, type Classifier } from './attacks.ts';
import { detached } from './tape.ts';
import type { ImageSet } from './variants.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export type Recipe =
  /** Plain training on the given images. */
  | { kind: 'standard' }
  /** Gaussian noise with σ drawn uniformly in [0, sigma] per image, clipped to [0, 1]. */
  | { kind: 'noise'; sigma: number; seed: number }
  /** A fresh random pixel permutation of every image at every step. */
  | { kind: 'per-image-permutation'; seed: number }
  /** Adversarial training on L∞ examples of radius eps: FGSM from a random start (steps = 1, step 1.25ε), or PGD. */
  | { kind: 'adversarial'; eps: number; steps: number; seed: number };

export interface FitOptions extends AdamRunOptions {
  maxSteps?: number;
  onStep?: (s: StepInfo) => void;
  onEpoch?: (e: EpochInfo) => void | Promise<void>;
  evaluate?: () => Promise<number>;
}

/** Every run of the study reads the loss back every this many steps. */
export const STUDY_SYNC_EVERY = 10;

/** The engine settings of every run of the study: Adam's, with the loss read back every STUDY_SYNC_EVERY steps. */
export function studyTrainingSettings(
  o: Omit<FitOptions, 'evaluate'>,
): AdamTrainingSettings & Pick<TrainConfig, 'maxSteps' | 'onStep' | 'onEpoch'> {
  return {
    ...adamTrainingSettings(o),
    syncEvery: STUDY_SYNC_EVERY,
    maxSteps: o.maxSteps,
    onStep: o.onStep,
    onEpoch: o.onEpoch,
  };
}

/** A set's images [count, 784] and int32 labels as tensors (the caller disposes them). */
export function imageSetTensors(
  tf: typeof TF,
  set: ImageSet,
): { xs: TF.Tensor2D; ys: TF.Tensor1D } {
  return {
    xs: tf.tensor2d(set.x, [set.count, PIXELS]),
    ys: tf.tensor1d(Int32Array.from(set.labels), 'int32'),
  };
}

/** The baseline's training settings (Adam, as allowed by the task; at most 20 epochs). */
export const BASELINE_TRAINING = {
  epochs: 2,
  batchSize: 128,
  learningRate: 1e-3,
  seed: 1,
} as const;

/** Noise of per-image scale: x + σᵢ·z with σᵢ ~ U[0, sigma], z ~ N(0, I), clipped to [0, 1]. */
export function noisyBatch(
  tf: typeof TF,
  x: TF.Tensor2D,
  sigma: number,
  r: ReturnType<typeof rng>,
): TF.Tensor2D {
  const [b, d] = x.shape;
  const noise = new Float32Array(b * d);
  for (let i = 0; i < b; i++) {
    const s = sigma * r.next();
    for (let j = 0; j < d; j++) noise[i * d + j] = s * r.normal();
  }
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.tensor2d(noise, [b, d])), 0, 1) as TF.Tensor2D);
}

/** Each row of x with its own fresh random permutation of the columns. */
export function permutedBatch(
  tf: typeof TF,
  x: TF.Tensor2D,
  r: ReturnType<typeof rng>,
): TF.Tensor2D {
  const [b, d] = x.shape;
  const idx = new Int32Array(b * d);
  const p = new Int32Array(d);
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < d; j++) p[j] = j;
    shuffleInPlace(p, r);
    for (let j = 0; j < d; j++) idx[i * d + j] = i * d + p[j]!;
  }
  return tf.tidy(
    () =>
      tf.reshape(tf.gather(tf.reshape(x, [-1]), tf.tensor1d(idx, 'int32')), [b, d]) as TF.Tensor2D,
  );
}

/** Adversarial examples for training, computed off the optimizer's tape (they are constants for the update). */
export function adversarialBatch(
  tf: typeof TF,
  model: Classifier,
  x: TF.Tensor2D,
  y: TF.Tensor1D,
  eps: number,
  steps: number,
  seed: number,
): TF.Tensor2D {
  const alpha = steps === 1 ? 1.25 * eps : (2.5 * eps) / steps;
  return detached(tf, () => pgd(tf, model, x, y, { eps, steps, alpha, randomStart: true, seed }));
}

/** A batch transform for a recipe (null for standard training). */
export function batchTransform(
  tf: typeof TF,
  model: Classifier,
  recipe: Recipe,
): ((x: TF.Tensor2D, y: TF.Tensor1D) => TF.Tensor2D) | null {
  switch (recipe.kind) {
    case 'standard':
      return null;
    case 'noise': {
      const r = rng(recipe.seed);
      return (x) => noisyBatch(tf, x, recipe.sigma, r);
    }
    case 'per-image-permutation': {
      const r = rng(recipe.seed);
      return (x) => permutedBatch(tf, x, r);
    }
    case 'adversarial': {
      let calls = 0;
      return (x, y) =>
        adversarialBatch(
          tf,
          model,
          x,
          y,
          recipe.eps,
          recipe.steps,
          recipe.seed * 100_003 + calls++,
        );
    }
  }
}

/** Train `model` (any network with predict/variables) on `set` with a recipe; frees the data tensors. */
export async function fitWithRecipe(
  tf: typeof TF,
  model: Trainable,
  set: ImageSet,
  recipe: Recipe,
  o: FitOptions,
): Promise<TrainResult> {
  const { xs, ys } = imageSetTensors(tf, set);
  const classify: Classifier = (x) => model.predict(x) as TF.Tensor2D;
  const transform = batchTransform(tf, classify, recipe);
  const identity: Trainable = { variables: model.variables, predict: (x) => x };
  try {
    return await train({
      tf,
      model: transform ? identity : model,
      loss: transform
        ? (xb, yb) =>
            softmaxCrossEntropy(tf, classify(transform(xb as TF.Tensor2D, yb as TF.Tensor1D)), yb)
        : undefined,
      xs,
      ys,
      ...studyTrainingSettings(o),
      evaluate: o.evaluate,
    });
  } finally {
    xs.dispose();
    ys.dispose();
  }
}

/** Classifier view of an MLP. */
export const classifierOf =
  (m: MLP): Classifier =>
  (x) =>
    m.predict(x) as TF.Tensor2D;
