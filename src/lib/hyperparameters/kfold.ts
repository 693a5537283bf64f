/**
 * Splitting data for model selection and evaluation: a single hold-out split, k-fold (plain,
 * shuffled or stratified) and cross-validated scoring of a softmax-regression classifier trained
 * with the shared engine. Standardisation is fitted on each training part only, so no statistic of
 * the held-out part leaks into training.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { permutation } from '../util/random.ts';
import { disposeTensors, evaluateSet, toTensors } from './common.ts';
import { subset, type Dataset } from './data.ts';

export type FoldScheme = 'plain' | 'shuffled' | 'stratified';

/**
 * Test-index sets of k folds over n examples. 'plain' cuts the rows in order (like scikit-learn's
 * KFold without shuffling); 'shuffled' cuts a seeded permutation; 'stratified' deals each class's
 * (shuffled) examples round-robin to the folds, so every fold has the class proportions of the whole.
 * The folds are disjoint and together contain every index once.
 */
export function kFolds(
  labels: ArrayLike<number>,
  k: number,
  scheme: FoldScheme,
  seed = 0,
): number[][] {
  const n = labels.length;
  if (!Number.isInteger(k) || k < 2 || k > n)
    throw new Error(`k must be a whole number between 2 and ${n}.`);
  const folds: number[][] = Array.from({ length: k }, () => []);
  if (scheme === 'stratified') {
    const perm = permutation(n, seed);
    const byClass = new Map<number, number[]>();
    for (const i of perm) {
      const c = labels[i]!;
      if (!byClass.has(c)) byClass.set(c, []);
      byClass.get(c)!.push(i);
    }
    let next = 0;
    for (const c of [...byClass.keys()].sort((a, b) => a - b))
      for (const i of byClass.get(c)!) folds[next++ % k]!.push(i);
  } else {
    const order =
      scheme === 'shuffled'
        ? Array.from(permutation(n, seed))
        : Array.from({ length: n }, (_, i) => i);
    // Sizes differ by at most one, the first n mod k folds one larger (as scikit-learn does).
    let start = 0;
    for (let f = 0; f < k; f++) {
      const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
      folds[f] = order.slice(start, start + size);
      start += size;
    }
  }
  return folds.map((f) => [...f].sort((a, b) => a - b));
}

/** A seeded random hold-out split: `testFraction` of the rows for testing, the rest for training. */
export function holdout(
  n: number,
  testFraction: number,
  seed: number,
): { train: number[]; test: number[] } {
  const perm = Array.from(permutation(n, seed));
  const nt = Math.round(testFraction * n);
  return {
    test: perm.slice(0, nt).sort((a, b) => a - b),
    train: perm.slice(nt).sort((a, b) => a - b),
  };
}

/** The indices not in `test`. */
export function complement(n: number, test: readonly number[]): number[] {
  const s = new Set(test);
  return Array.from({ length: n }, (_, i) => i).filter((i) => !s.has(i));
}

/** Count of each class among `idx`. */
export function classCounts(
  labels: ArrayLike<number>,
  idx: readonly number[],
  classes: number,
): number[] {
  const c = new Array<number>(classes).fill(0);
  for (const i of idx) c[labels[i]!]!++;
  return c;
}

/** Standardise features with the mean and standard deviation of `fit` (applied to both sets). */
export function standardise(fit: Dataset, apply: Dataset): Dataset {
  const { dim } = fit;
  const n = fit.y.length;
  const mu = new Array<number>(dim).fill(0);
  const sd = new Array<number>(dim).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) mu[j]! += fit.x[i * dim + j]! / n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dim; j++) sd[j]! += (fit.x[i * dim + j]! - mu[j]!) ** 2 / n;
  const x = new Float32Array(apply.x.length);
  for (let i = 0; i < apply.y.length; i++)
    for (let j = 0; j < dim; j++)
      x[i * dim + j] = (apply.x[i * dim + j]! - mu[j]!) / (Math.sqrt(sd[j]!) || 1);
  return { ...apply, x };
}

export interface FitOptions {
  epochs?: number;
  /** L2 penalty strength on the weights. */
  l2?: number;
  seed?: number;
  signal?: AbortSignal;
  onStep?: () => void;
}

/**
 * Train multinomial logistic regression (a linear layer + softmax) on `trainIdx`, score accuracy on
 * `testIdx`. Full-batch Adam through the shared engine. Returns null if cancelled.
 */
export async function fitAndScore(
  tf: typeof TF,
  d: Dataset,
  trainIdx: readonly number[],
  testIdx: readonly number[],
  o: FitOptions = {},
): Promise<number | null> {
  const tr = subset(d, trainIdx);
  const te = subset(d, testIdx);
  const trainT = toTensors(tf, standardise(tr, tr));
  const testT = toTensors(tf, standardise(tr, te));
  const model = createMLP(tf, [d.dim, d.classes], { seed: o.seed ?? 0, init: 'glorot' });
  try {
    const l2 = o.l2 ?? 0;
    const r = await train({
      tf,
      model,
      xs: trainT.xs,
      ys: trainT.ys,
      optimizer: { name: 'adam', learningRate: 0.1 },
      epochs: o.epochs ?? 40,
      batchSize: trainIdx.length,
      seed: o.seed ?? 0,
      syncEvery: 1000,
      signal: o.signal,
      onStep: () => o.onStep?.(),
      penalty:
        l2 > 0 ? () => tf.mul(l2, tf.sum(tf.square(model.layers[0]!.w))) as TF.Scalar : undefined,
    });
    if (r.status === 'cancelled') return null;
    return (await evaluateSet(tf, model, testT)).accuracy;
  } finally {
    model.dispose();
    disposeTensors(trainT);
    disposeTensors(testT);
  }
}

export interface CvResult {
  folds: number[][];
  /** Class counts in each test fold. */
  counts: number[][];
  /** Test accuracy per fold. */
  scores: number[];
  mean: number;
  sd: number;
}

export const meanSd = (v: readonly number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const s = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1));
  return { mean: m, sd: s };
};

/** k-fold cross-validation of the classifier. Returns null if cancelled. */
export async function crossValidate(
  tf: typeof TF,
  d: Dataset,
  k: number,
  scheme: FoldScheme,
  o: FitOptions = {},
): Promise<CvResult | null> {
  const folds = kFolds(d.y, k, scheme, o.seed ?? 0);
  const scores: number[] = [];
  for (const test of folds) {
    const s = await fitAndScore(tf, d, complement(d.y.length, test), test, o);
    if (s === null) return null;
    scores.push(s);
  }
  const { mean, sd } = meanSd(scores);
  return { folds, counts: folds.map((f) => classCounts(d.y, f, d.classes)), scores, mean, sd };
}

/** The share of the rows each repeated hold-out split tests on. */
export const HOLDOUT_TEST_FRACTION = 0.2;

/** Test accuracy of `repeats` independent 80/20 hold-out splits (seeds 1…repeats). Null if cancelled. */
export async function repeatedHoldout(
  tf: typeof TF,
  d: Dataset,
  repeats: number,
  o: FitOptions = {},
): Promise<number[] | null> {
  const out: number[] = [];
  for (let s = 1; s <= repeats; s++) {
    const { train: tr, test } = holdout(d.y.length, HOLDOUT_TEST_FRACTION, s);
    const v = await fitAndScore(tf, d, tr, test, o);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}
