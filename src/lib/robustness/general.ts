/**
 * mnist-generalise: one model for all variants, told the variant of each image at test time.
 *
 * A variant-specific input layer (784→500, ReLU) feeds a shared trunk with the rest of the task's
 * network (500→500→500→200→200→100→50→10). Each training batch is split into five equal parts, one
 * per variant, each made on the fly from clean training images with that variant's recipe:
 * clean as is; t1 with the (recovered) fixed permutation; t2 sorted by intensity (a per-image
 * permutation leaves only the multiset of pixel values, and sorting is its complete invariant);
 * t3 with Gaussian noise of random scale; t4 with FGSM-from-random-start examples against the model's
 * own t4 path. So the model has the task's depth and width, and each variant gets its own first layer.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, FIVEAI_SIZES, type MLP, type Trainable } from '../models/mlp.ts';
import { softmaxCrossEntropy, train, type TrainResult } from '../train/engine.ts';
import { rng } from '../util/random.ts';
import type { Classifier } from './attacks.ts';
import {
  adversarialBatch,
  imageSetTensors,
  noisyBatch,
  studyTrainingSettings,
  type FitOptions,
} from './recipes.ts';
import { VARIANTS, fixedPermutation, type ImageSet, type VariantId } from './variants.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface GeneralModel {
  inputs: Record<VariantId, MLP>;
  trunk: MLP;
  variables: TF.Variable[];
  /** Logits for a batch of images that all come from variant v. */
  predict(v: VariantId, x: TF.Tensor2D): TF.Tensor2D;
  classifier(v: VariantId): Classifier;
  dispose(): void;
}

/** Each row's values sorted in decreasing order (t2's invariant features). */
export function sortRows(tf: typeof TF, x: TF.Tensor2D): TF.Tensor2D {
  return tf.tidy(() => tf.topk(x, x.shape[1]).values as TF.Tensor2D);
}

export function createGeneralModel(tf: typeof TF, seed: number): GeneralModel {
  const inputs = Object.fromEntries(
    VARIANTS.map((v, i) => [
      v,
      createMLP(tf, [PIXELS, FIVEAI_SIZES[1]!], {
        seed: seed * 10 + i,
        output: 'relu',
        name: `general-in-${v}-${seed}`,
      }),
    ]),
  ) as Record<VariantId, MLP>;
  const trunk = createMLP(tf, FIVEAI_SIZES.slice(1), {
    seed: seed * 10 + 9,
    name: `general-trunk-${seed}`,
  });
  return generalFrom(tf, inputs, trunk);
}

/** The general model made of given input layers (one per variant, ReLU output) and trunk. */
export function generalFrom(
  tf: typeof TF,
  inputs: Record<VariantId, MLP>,
  trunk: MLP,
): GeneralModel {
  const predict = (v: VariantId, x: TF.Tensor2D) =>
    tf.tidy(
      () => trunk.predict(inputs[v].predict(v === 't2' ? sortRows(tf, x) : x)) as TF.Tensor2D,
    );
  return {
    inputs,
    trunk,
    variables: [...VARIANTS.flatMap((v) => inputs[v].variables), ...trunk.variables],
    predict,
    classifier: (v) => (x) => predict(v, x),
    dispose: () => [...Object.values(inputs), trunk].forEach((m) => m.dispose()),
  };
}

export interface GeneralFitOptions extends Omit<FitOptions, 'evaluate'> {
  /** t3 noise scale (σ per image ~ U[0, sigma]) and t4 radius used in training. */
  sigma: number;
  eps: number;
  /** Cosine decay of the learning rate to 0 over the run (the general model's trunk serves five variants). */
  cosineDecay?: boolean;
}

/** Train the general model on a mixture of the five variants made from clean training images. */
export async function fitGeneral(
  tf: typeof TF,
  model: GeneralModel,
  set: ImageSet,
  o: GeneralFitOptions,
): Promise<TrainResult> {
  const { xs, ys } = imageSetTensors(tf, set);
  const perm = tf.tensor1d(Int32Array.from(fixedPermutation()), 'int32');
  const noise = rng(o.seed * 31 + 7);
  let calls = 0;
  const totalSteps = o.epochs * Math.ceil(set.count / Math.min(o.batchSize, set.count));
  const identity: Trainable = { variables: model.variables, predict: (x) => x };
  const loss = (xb: TF.Tensor, yb: TF.Tensor) => {
    const b = xb.shape[0]!;
    const parts: TF.Tensor2D[] = [];
    const labels: TF.Tensor1D[] = [];
    VARIANTS.forEach((v, k) => {
      const start = Math.floor((k * b) / VARIANTS.length);
      const size = Math.floor(((k + 1) * b) / VARIANTS.length) - start;
      if (size === 0) return;
      const x = tf.slice(xb as TF.Tensor2D, [start, 0], [size, PIXELS]);
      const y = tf.slice(yb as TF.Tensor1D, [start], [size]);
      const input =
        v === 't1'
          ? (tf.gather(x, perm, 1) as TF.Tensor2D)
          : v === 't3'
            ? noisyBatch(tf, x, o.sigma, noise)
            : v === 't4'
              ? adversarialBatch(
                  tf,
                  model.classifier('t4'),
                  x,
                  y,
                  o.eps,
                  1,
                  o.seed * 100_003 + calls++,
                )
              : x;
      parts.push(model.predict(v, input));
      labels.push(y);
    });
    return softmaxCrossEntropy(tf, tf.concat(parts, 0), tf.concat(labels, 0));
  };
  try {
    return await train({
      tf,
      model: identity,
      loss,
      xs,
      ys,
      ...studyTrainingSettings(o),
      learningRateAt: o.cosineDecay
        ? (step) => 0.5 * o.learningRate * (1 + Math.cos((Math.PI * step) / totalSteps))
        : undefined,
    });
  } finally {
    tf.dispose([xs, ys, perm]);
  }
}
