/**
 * dl-41: two defences against L∞ attacks, and the attacks that test them honestly.
 *
 * (a) Bit-depth reduction ("feature squeezing", Xu et al. 2018): round every pixel to one of `levels`
 *     grey values before the network sees it. Rounding has zero derivative almost everywhere, so a
 *     gradient attack that differentiates through it gets no signal — the defence *looks* perfect.
 *     Backward-pass differentiable approximation (BPDA, Athalye et al. 2018) replaces the rounding's
 *     derivative by the identity's (a straight-through estimator) and attacks the whole pipeline.
 * (b) Adversarial training (Madry et al. 2018): train on attacked examples of the current model,
 *     with the robustness lab's recipe (../robustness/recipes.ts), and compare with plain training.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP } from '../models/mlp.ts';
import type { Classifier } from '../robustness/attacks.ts';
import { classifierOf, fitWithRecipe, type Recipe } from '../robustness/recipes.ts';
import type { ImageSet } from '../robustness/variants.ts';
import { accuracyOn, robustAccuracy, type RunOptions } from './attack-lab.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

/** round(x·(L−1)) / (L−1): the nearest of L evenly spaced grey values in [0, 1]. */
export function quantise(tf: typeof TF, x: TF.Tensor, levels: number): TF.Tensor {
  if (!Number.isInteger(levels) || levels < 2)
    throw new Error('quantise: levels must be an integer ≥ 2');
  return tf.tidy(() => tf.div(tf.round(tf.mul(x, levels - 1)), levels - 1));
}

/** Plain-number version of `quantise` (for tests and pictures); ties go to the even level, as tf.round does. */
export function quantiseValue(v: number, levels: number): number {
  const t = v * (levels - 1);
  const f = Math.floor(t);
  const k = t - f < 0.5 ? f : t - f > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return k / (levels - 1);
}

/** Quantisation whose backward pass is the identity (straight-through; BPDA with g(x) ≈ x). */
export function quantiseStraightThrough(
  tf: typeof TF,
  levels: number,
): (x: TF.Tensor) => TF.Tensor {
  return tf.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const x = args[0] as TF.Tensor;
    return {
      value: quantise(tf, x, levels),
      gradFunc: (dy: TF.Tensor | TF.Tensor[]) => [tf.clone(dy as TF.Tensor)],
    };
  }) as (x: TF.Tensor) => TF.Tensor;
}

/**
 * The defended classifier: quantise, then the model. `gradient` decides what an attacker who
 * differentiates it gets: 'exact' is tfjs's own derivative of rounding (zero), 'bpda' the identity.
 * Both give identical predictions.
 */
export function squeezed(
  tf: typeof TF,
  model: Classifier,
  levels: number,
  gradient: 'exact' | 'bpda' = 'exact',
): Classifier {
  if (gradient === 'exact') return (x) => model(quantise(tf, x, levels) as TF.Tensor2D);
  const st = quantiseStraightThrough(tf, levels);
  return (x) => model(st(x) as TF.Tensor2D);
}

/** How the squeezed model is attacked in the comparison. */
export type SqueezeAttack =
  /** PGD through the defence with tfjs's exact gradient: zero, so the attack stalls at its random start. */
  | 'masked'
  /** PGD on the undefended model, then fed to the defended one (the attacker ignores the defence). */
  | 'oblivious'
  /** PGD through the defence with the straight-through gradient (adaptive, Athalye et al.). */
  | 'bpda';

export interface SqueezeRow {
  eps: number;
  /** Undefended model under white-box PGD. */
  undefended: number;
  masked: number;
  oblivious: number;
  bpda: number;
}

/**
 * Accuracy of the squeezed model under the three attacks, and of the plain model under PGD, for each
 * ε (ε = 0 gives clean accuracies). One PGD configuration for all, so the rows are comparable.
 */
export async function squeezeComparison(
  tf: typeof TF,
  model: Classifier,
  set: ImageSet,
  epsList: readonly number[],
  levels: number,
  o: RunOptions & {
    steps?: number;
    seed?: number;
    onRow?: (r: SqueezeRow, i: number) => void;
  } = {},
): Promise<SqueezeRow[] | null> {
  const exact = squeezed(tf, model, levels, 'exact');
  const bpda = squeezed(tf, model, levels, 'bpda');
  const rows: SqueezeRow[] = [];
  const parts = 4;
  for (const [i, eps] of epsList.entries()) {
    const progress = (k: number) => (d: number, n: number) =>
      o.onProgress?.(i * parts + k + d / n, epsList.length * parts);
    let row: SqueezeRow;
    if (eps === 0) {
      const plain = await accuracyOn(tf, model, set.x, set.labels, o);
      const sq = await accuracyOn(tf, exact, set.x, set.labels, o);
      if (plain === null || sq === null) return null;
      row = { eps, undefended: plain, masked: sq, oblivious: sq, bpda: sq };
    } else {
      const attack = { kind: 'pgd' as const, eps, steps: o.steps ?? 10, seed: o.seed ?? 1 };
      const plain = await robustAccuracy(tf, model, set, attack, { ...o, onProgress: progress(0) });
      if (!plain) return null;
      const masked = await robustAccuracy(tf, exact, set, attack, {
        ...o,
        onProgress: progress(1),
      });
      if (!masked) return null;
      const oblivious = await accuracyOn(tf, exact, plain.adversarial, set.labels, o);
      if (oblivious === null) return null;
      const adaptive = await robustAccuracy(tf, exact, set, attack, {
        ...o,
        target: bpda,
        onProgress: progress(3),
      });
      if (!adaptive) return null;
      row = {
        eps,
        undefended: plain.accuracy,
        masked: masked.accuracy,
        oblivious,
        bpda: adaptive.accuracy,
      };
    }
    rows.push(row);
    o.onRow?.(row, i);
  }
  return rows;
}

export interface TrainingComparisonOptions {
  /** Hidden layer widths of the small MLP (input 784 and output 10 are added). */
  hidden: number[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Radius used for adversarial training and for the evaluation attack. */
  eps: number;
  /** Attack steps during training (1 = FGSM from a random start, as in Wong et al. 2020). */
  trainSteps: number;
  /** PGD steps of the evaluation attack (random start). */
  evalSteps: number;
  seed: number;
  signal?: AbortSignal;
  /** Which model is training and its progress in [0, 1]. */
  onProgress?: (phase: 'standard' | 'adversarial' | 'evaluate', fraction: number) => void;
  onEpoch?: (phase: 'standard' | 'adversarial', epoch: number, loss: number) => void;
}

export interface TrainingComparison {
  standard: { clean: number; robust: number; seconds: number };
  adversarial: { clean: number; robust: number; seconds: number };
}

/**
 * Train the same small MLP (same initial weights, same batches) twice — normally and on adversarial
 * examples — and measure both on clean test images and under a fresh white-box PGD attack.
 * Null if cancelled. Every model and tensor is freed.
 */
export async function compareTraining(
  tf: typeof TF,
  train: ImageSet,
  test: ImageSet,
  o: TrainingComparisonOptions,
): Promise<TrainingComparison | null> {
  const sizes = [PIXELS, ...o.hidden, CLASSES];
  const recipes: ['standard' | 'adversarial', Recipe][] = [
    ['standard', { kind: 'standard' }],
    ['adversarial', { kind: 'adversarial', eps: o.eps, steps: o.trainSteps, seed: o.seed }],
  ];
  const result = {} as TrainingComparison;
  for (const [name, recipe] of recipes) {
    const model = createMLP(tf, sizes, { seed: o.seed, name: `adv-${name}-${o.seed}` });
    try {
      const batches = Math.ceil(train.count / Math.min(o.batchSize, train.count));
      const r = await fitWithRecipe(tf, model, train, recipe, {
        epochs: o.epochs,
        batchSize: o.batchSize,
        learningRate: o.learningRate,
        seed: o.seed,
        signal: o.signal,
        onStep: (s) => o.onProgress?.(name, s.step / (batches * o.epochs)),
        onEpoch: (e) => o.onEpoch?.(name, e.epoch, e.loss),
      });
      if (r.status === 'cancelled') return null;
      const c = classifierOf(model);
      const clean = await accuracyOn(tf, c, test.x, test.labels, { signal: o.signal });
      if (clean === null) return null;
      const attacked = await robustAccuracy(
        tf,
        c,
        test,
        { kind: 'pgd', eps: o.eps, steps: o.evalSteps, seed: o.seed + 17 },
        { signal: o.signal, onProgress: (d, n) => o.onProgress?.('evaluate', d / n) },
      );
      if (!attacked) return null;
      result[name] = { clean, robust: attacked.accuracy, seconds: r.seconds };
    } finally {
      model.dispose();
    }
  }
  return result;
}
