/**
 * The robustness study as a list of independent parts: each (model, seed) pair is one part, trained
 * and evaluated in its own process, so two run at once on two cores and a stopped run resumes part by
 * part. This file holds the configuration, the part plan and each part's rough cost (for the ETA);
 * ./run-part.ts runs one part and ./merge.ts turns the parts into the results file the pages read.
 */
import { FIVEAI_SIZES } from '../models/mlp.ts';
import { VARIANT_PARAMS } from './variants.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

/** Every model trained on the task's images with the same budget, each with every seed. */
export const MODEL_PARTS = [
  'baseline',
  't1-retrained',
  't2-permuted',
  't3-noise',
  't4-adversarial',
  'general',
] as const;
export type ModelPart = (typeof MODEL_PARTS)[number];

export interface Budget {
  /** Training images (the first n of the 60,000). */
  trainCount: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
}

/** A network trained on sorted pixel values (t2's invariant), with early stopping on held-out images. */
export interface SortedModel {
  name: string;
  sizes: number[];
  maxEpochs: number;
}

export interface StudyConfig {
  /** Test images of every evaluation (the first n of the 10,000). */
  testCount: number;
  seeds: number[];
  /** The baseline of this seed is shipped, and t4 is made against it. */
  shippedSeed: number;
  /** Budget of the baseline and of every fix. */
  budget: Budget;
  /** The general model's budget (it splits each batch over five variants). */
  general: Budget;
  t4: { eps: number; steps: number; alpha: number };
  /** Paired clean/t1 test images from which the t1 permutation is recovered (the first n). */
  t1Calibration: number;
  /** White-box PGD (random start) against each model on the first `count` test images. */
  freshAttack: { count: number; steps: number };
  sweep: { count: number; sigmas: number[]; epsilons: number[]; steps: number };
  sorted: {
    /** The last n training images are held out to decide when to stop. */
    validation: number;
    /** Stop after this many epochs without a lower validation loss. */
    patience: number;
    batchSize: number;
    learningRate: number;
    models: SortedModel[];
  };
}

export const FULL_CONFIG: StudyConfig = {
  testCount: 10_000,
  seeds: [1, 2, 3],
  shippedSeed: 1,
  budget: { trainCount: 60_000, epochs: 2, batchSize: 128, learningRate: 1e-3 },
  general: { trainCount: 60_000, epochs: 5, batchSize: 128, learningRate: 1e-3 },
  t4: { ...VARIANT_PARAMS.t4 },
  t1Calibration: 1000,
  freshAttack: { count: 1000, steps: 10 },
  sweep: {
    count: 1000,
    sigmas: [0.1, 0.2, 0.3, 0.5, 0.7, 1],
    epsilons: [0.02, 0.04, 0.06, 0.1, 0.15],
    steps: 5,
  },
  sorted: {
    validation: 5000,
    patience: 5,
    batchSize: 128,
    learningRate: 1e-3,
    models: [
      { name: 'mlp-2x256', sizes: [PIXELS, 256, 256, 10], maxEpochs: 30 },
      { name: 'mlp-2x512', sizes: [PIXELS, 512, 512, 10], maxEpochs: 30 },
    ],
  },
};

/** A tiny configuration for the unit test (seconds per part). */
export const FAST_CONFIG: StudyConfig = {
  testCount: 300,
  seeds: [1, 2, 3],
  shippedSeed: 1,
  budget: { trainCount: 600, epochs: 1, batchSize: 64, learningRate: 1e-3 },
  general: { trainCount: 600, epochs: 1, batchSize: 64, learningRate: 1e-3 },
  t4: { ...VARIANT_PARAMS.t4, steps: 2, alpha: 0.05 },
  t1Calibration: 300,
  freshAttack: { count: 50, steps: 2 },
  sweep: { count: 40, sigmas: [0.3], epsilons: [0.1], steps: 2 },
  sorted: {
    validation: 100,
    patience: 1,
    batchSize: 64,
    learningRate: 1e-3,
    models: [
      { name: 'mlp-2x16', sizes: [PIXELS, 16, 16, 10], maxEpochs: 3 },
      { name: 'mlp-2x32', sizes: [PIXELS, 32, 32, 10], maxEpochs: 2 },
    ],
  },
};

export interface PartSpec {
  /** File-safe name, e.g. "t3-noise-seed2" or "sorted-mlp-2x256-seed1". */
  id: string;
  model: ModelPart | `sorted-${string}`;
  seed: number;
  /** Rough cost in epochs of the task's network on the whole training set (for scheduling and the ETA). */
  cost: number;
  /** Parts that must finish first (t4 is made against the shipped baseline). */
  needs: string[];
  /** Higher runs first when both are ready: the models the pages compare before the sorted-pixel study. */
  priority: number;
}

export const partId = (model: string, seed: number) => `${model}-seed${seed}`;

/** Weights of a dense network, relative to the task's network. */
export function relativeSize(sizes: readonly number[]): number {
  const count = (s: readonly number[]) => s.slice(1).reduce((n, out, i) => n + s[i]! * out, 0);
  return count(sizes) / count(FIVEAI_SIZES);
}

/** Every part of the study, the shipped baseline first. */
export function planParts(cfg: StudyConfig): PartSpec[] {
  const shipped = partId('baseline', cfg.shippedSeed);
  const scale = cfg.budget.trainCount / 60_000;
  const costOf = (model: ModelPart, seed: number): number => {
    const e = cfg.budget.epochs * scale;
    switch (model) {
      case 'baseline':
        // The shipped seed also makes t4 and runs the norm sweep.
        return seed === cfg.shippedSeed ? e + 1.5 : e + 0.2;
      case 't4-adversarial':
        return 2 * e + 0.2;
      case 'general':
        return 1.4 * cfg.general.epochs * (cfg.general.trainCount / 60_000) + 0.2;
      default:
        return 1.1 * e + 0.2;
    }
  };
  const parts: PartSpec[] = [];
  for (const model of MODEL_PARTS)
    for (const seed of cfg.seeds) {
      const id = partId(model, seed);
      parts.push({
        id,
        model,
        seed,
        cost: costOf(model, seed),
        needs: id === shipped ? [] : [shipped],
        priority: 1,
      });
    }
  const trainShare = (cfg.budget.trainCount - cfg.sorted.validation) / 60_000;
  for (const m of cfg.sorted.models)
    for (const seed of cfg.seeds)
      parts.push({
        id: partId(`sorted-${m.name}`, seed),
        model: `sorted-${m.name}`,
        seed,
        cost: m.maxEpochs * relativeSize(m.sizes) * trainShare,
        needs: [],
        priority: 0,
      });
  return parts.sort((a, b) => Number(b.id === shipped) - Number(a.id === shipped));
}
