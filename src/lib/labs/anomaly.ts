/**
 * dl-60: anomaly detection by reconstruction error. An autoencoder is trained only on "normal" MNIST
 * digits (every class but one); a test image's score is its mean squared reconstruction error, and
 * the held-out class plays the anomalies. The score is judged by its ROC curve and AUC against a
 * baseline that needs no training: the squared distance to the mean normal image.
 *
 * Reused: the autoencoder (../autoencoder/model.ts, train.ts), the per-image reconstruction error and
 * the rank-based AUC (../autoencoder/ood.ts). New here: the ROC curve itself, its trapezoidal area
 * (which must equal the rank AUC, ties included — a unit test checks it), an operating threshold
 * chosen on normal validation images, and optional input noise during training (a denoising
 * autoencoder).
 */
import type * as TF from '@tensorflow/tfjs';
import {
  createAutoencoder,
  initOutputBiasToMean,
  asTrainable,
  trainingLoss,
  type Autoencoder,
} from '../autoencoder/model.ts';
import { auroc, reconstructionErrors } from '../autoencoder/ood.ts';
import { train, type EpochInfo, type StepInfo, type TrainResult } from '../train/engine.ts';
import { adamTrainingSettings, type AdamRunOptions } from '../train/adam-settings.ts';
import type { MnistSplit } from '../data/mnist.ts';
import type { Trainable } from '../models/mlp.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export { auroc };

export interface Roc {
  /** False-positive and true-positive rates, from (0, 0) to (1, 1), one point per distinct threshold. */
  fpr: Float64Array;
  tpr: Float64Array;
  /** thresholds[i]: flag every score ≥ thresholds[i] (Infinity for the first point, which flags none). */
  thresholds: Float64Array;
}

/**
 * The ROC curve of scores (higher = more anomalous) for negatives (normal) and positives (anomalies):
 * lower the threshold through every distinct score; tied scores enter together, so a tie between a
 * positive and a negative gives a diagonal segment rather than an arbitrary step.
 */
export function rocCurve(negatives: ArrayLike<number>, positives: ArrayLike<number>): Roc {
  const nn = negatives.length;
  const np = positives.length;
  if (!nn || !np) throw new Error('rocCurve: need positives and negatives');
  const all = [
    ...Array.from(negatives, (v) => ({ v, pos: false })),
    ...Array.from(positives, (v) => ({ v, pos: true })),
  ];
  if (all.some((e) => Number.isNaN(e.v))) throw new Error('rocCurve: a score is NaN');
  all.sort((a, b) => b.v - a.v);
  const fpr = [0];
  const tpr = [0];
  const thresholds = [Infinity];
  let fp = 0;
  let tp = 0;
  let i = 0;
  while (i < all.length) {
    const v = all[i]!.v;
    while (i < all.length && all[i]!.v === v) {
      if (all[i]!.pos) tp++;
      else fp++;
      i++;
    }
    fpr.push(fp / nn);
    tpr.push(tp / np);
    thresholds.push(v);
  }
  return {
    fpr: Float64Array.from(fpr),
    tpr: Float64Array.from(tpr),
    thresholds: Float64Array.from(thresholds),
  };
}

/** Area under a piecewise-linear curve through (x[i], y[i]) by the trapezoid rule. */
export function trapezoidArea(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let a = 0;
  for (let i = 1; i < x.length; i++) a += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return a;
}

/** The q-quantile (0–1) of values, by linear interpolation between order statistics. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const s = Float64Array.from(values).sort();
  if (!s.length) throw new Error('quantile: no values');
  const pos = Math.min(Math.max(q, 0), 1) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (pos - lo) * (s[hi]! - s[lo]!);
}

/** Detection rates of the rule "score ≥ threshold ⇒ anomaly". */
export function atThreshold(
  negatives: ArrayLike<number>,
  positives: ArrayLike<number>,
  threshold: number,
): { fpr: number; tpr: number; precision: number } {
  let fp = 0;
  let tp = 0;
  for (let i = 0; i < negatives.length; i++) if (negatives[i]! >= threshold) fp++;
  for (let i = 0; i < positives.length; i++) if (positives[i]! >= threshold) tp++;
  return {
    fpr: fp / negatives.length,
    tpr: tp / positives.length,
    precision: tp + fp ? tp / (tp + fp) : NaN,
  };
}

/** Rows (784 values in [0, 1]) of a split whose label is, or is not, `digit`. */
export function selectByLabel(
  split: MnistSplit,
  digit: number,
  keep: boolean,
): { x: Float32Array; labels: Uint8Array; count: number; index: Int32Array } {
  const idx: number[] = [];
  for (let i = 0; i < split.count; i++) if ((split.labels[i] === digit) === keep) idx.push(i);
  const x = new Float32Array(idx.length * PIXELS);
  idx.forEach((src, k) => {
    for (let p = 0; p < PIXELS; p++) x[k * PIXELS + p] = split.images[src * PIXELS + p]! / 255;
  });
  return {
    x,
    labels: Uint8Array.from(idx, (i) => split.labels[i]!),
    count: idx.length,
    index: Int32Array.from(idx),
  };
}

/** Per-row squared distance to `mean` (784 values), averaged over pixels: the no-training baseline score. */
export function distanceToMean(x: Float32Array, mean: Float32Array): Float32Array {
  const n = x.length / PIXELS;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = 0; p < PIXELS; p++) s += (x[i * PIXELS + p]! - mean[p]!) ** 2;
    out[i] = s / PIXELS;
  }
  return out;
}

/**
 * The autoencoder as the engine's Trainable, with Gaussian noise of std `noise` added to each training
 * batch's inputs (fresh noise every step) while the loss still compares with the clean images: a
 * denoising autoencoder (Vincent et al. 2008). noise = 0 gives the plain autoencoder.
 */
export function noisyTrainable(
  tf: typeof TF,
  ae: Autoencoder,
  noise: number,
  seed: number,
): Trainable {
  const plain = asTrainable(tf, ae);
  if (noise === 0) return plain;
  let calls = 0;
  return {
    variables: plain.variables,
    predict: (x) =>
      plain.predict(
        tf.add(x, tf.randomNormal(x.shape, 0, noise, 'float32', seed * 100_003 + calls++)),
      ),
  };
}

export interface AnomalyOptions extends AdamRunOptions {
  /** The digit held out of training: the anomalies. */
  anomaly: number;
  hidden: number[];
  latent: number;
  /** Std of the Gaussian input noise during training (0 = plain autoencoder). */
  noise: number;
  /** Fraction of normal validation images allowed above the threshold (e.g. 0.05). */
  falseAlarmRate: number;
  onStep?: (s: StepInfo) => void;
  /** After each epoch: the test AUC of the reconstruction error so far. */
  onEpoch?: (e: EpochInfo & { auc: number }) => void | Promise<void>;
}

/** The settings of the page's lab that the reader does not choose: one hidden layer of 128 units, Adam. */
export const ANOMALY_LAB = {
  hidden: [128],
  batchSize: 64,
  learningRate: 2e-3,
  seed: 1,
} satisfies Partial<AnomalyOptions>;

export interface ScoredSet {
  /** Scores of normal test images (negatives) and of the held-out digit (positives). */
  normal: Float32Array;
  anomalous: Float32Array;
  auc: number;
  roc: Roc;
}

export interface AnomalyResult {
  result: TrainResult;
  /** Reconstruction error of the autoencoder (absent if cancelled). */
  ae?: ScoredSet & {
    threshold: number;
    /** Rates on the test images at that threshold. */
    test: { fpr: number; tpr: number; precision: number };
  };
  /** Squared distance to the mean normal training image. */
  baseline: ScoredSet;
  /** Test AUC after each epoch. */
  history: { loss: number; auc: number }[];
  counts: { train: number; validation: number; normalTest: number; anomalousTest: number };
  /** The 16 test images with the highest reconstruction error: pixels (16×784 bytes) and labels. */
  top?: { images: Uint8Array; labels: number[] };
}

/** Check the options; a reader-facing message for the first problem, or null. */
export function anomalyProblem(
  o: Pick<AnomalyOptions, 'anomaly' | 'epochs' | 'noise' | 'latent' | 'falseAlarmRate'>,
): string | null {
  if (!(Number.isInteger(o.anomaly) && o.anomaly >= 0 && o.anomaly <= 9))
    return 'The anomalous digit must be one of 0–9.';
  if (!(Number.isInteger(o.epochs) && o.epochs >= 1 && o.epochs <= 50))
    return 'Epochs must be a whole number from 1 to 50.';
  if (!(Number.isFinite(o.noise) && o.noise >= 0 && o.noise <= 1))
    return 'The input noise must be a number from 0 to 1.';
  if (!(Number.isInteger(o.latent) && o.latent >= 1 && o.latent <= 256))
    return 'The code size must be a whole number from 1 to 256.';
  if (!(o.falseAlarmRate > 0 && o.falseAlarmRate < 1))
    return 'The false-alarm rate must be between 0 and 1.';
  return null;
}

/**
 * Train on the normal training digits (10 % of them kept aside for choosing the threshold), score the
 * test digits, and compare the reconstruction error with the distance-to-mean baseline. Frees every
 * tensor it creates.
 */
export async function runAnomaly(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: AnomalyOptions,
): Promise<AnomalyResult> {
  const problem = anomalyProblem(o);
  if (problem) throw new Error(problem);
  const normal = selectByLabel(trainSet, o.anomaly, false);
  const nVal = Math.max(1, Math.floor(normal.count * 0.1));
  const nTrain = normal.count - nVal;
  if (nTrain < 2) throw new Error('Too few normal training images: load more.');
  const trainX = normal.x.subarray(0, nTrain * PIXELS);
  const valX = normal.x.subarray(nTrain * PIXELS);
  const testNormal = selectByLabel(testSet, o.anomaly, false);
  const testAnom = selectByLabel(testSet, o.anomaly, true);
  if (!testNormal.count || !testAnom.count)
    throw new Error(
      `The test images must include the digit ${o.anomaly} and at least one other digit.`,
    );

  // The baseline needs only the mean of the normal training images.
  const mean = new Float32Array(PIXELS);
  for (let i = 0; i < nTrain; i++)
    for (let p = 0; p < PIXELS; p++) mean[p]! += trainX[i * PIXELS + p]! / nTrain;
  const bNormal = distanceToMean(testNormal.x, mean);
  const bAnom = distanceToMean(testAnom.x, mean);
  const baseline = {
    normal: bNormal,
    anomalous: bAnom,
    auc: auroc(bNormal, bAnom),
    roc: rocCurve(bNormal, bAnom),
  };

  const ae = createAutoencoder(
    tf,
    { inputSize: PIXELS, hidden: o.hidden, latent: o.latent, loss: 'bce' },
    o.seed,
  );
  const xs = tf.tensor2d(trainX, [nTrain, PIXELS]);
  const history: AnomalyResult['history'] = [];
  const counts = {
    train: nTrain,
    validation: nVal,
    normalTest: testNormal.count,
    anomalousTest: testAnom.count,
  };
  try {
    initOutputBiasToMean(tf, ae, xs);
    let scores: { normal: Float32Array; anomalous: Float32Array } | null = null;
    const result = await train({
      tf,
      model: noisyTrainable(tf, ae, o.noise, o.seed),
      xs,
      ys: xs,
      loss: trainingLoss(tf, ae),
      ...adamTrainingSettings(o),
      syncEvery: 10,
      onStep: o.onStep,
      evaluate: async () => {
        scores = {
          normal: await reconstructionErrors(tf, ae, testNormal.x),
          anomalous: await reconstructionErrors(tf, ae, testAnom.x),
        };
        return auroc(scores.normal, scores.anomalous);
      },
      onEpoch: async (e) => {
        history.push({ loss: e.loss, auc: e.metric! });
        await o.onEpoch?.({ ...e, auc: e.metric! });
      },
    });
    if (result.status === 'cancelled' || !scores) return { result, baseline, history, counts };
    const s = scores as { normal: Float32Array; anomalous: Float32Array };
    // The operating point: the (1 − falseAlarmRate) quantile of the errors of normal images that were
    // not used for training — chosen without looking at any anomaly.
    const threshold = quantile(await reconstructionErrors(tf, ae, valX), 1 - o.falseAlarmRate);
    const all = [
      ...Array.from(s.normal, (v, i) => ({ v, src: testNormal.index[i]! })),
      ...Array.from(s.anomalous, (v, i) => ({ v, src: testAnom.index[i]! })),
    ]
      .sort((a, b) => b.v - a.v)
      .slice(0, 16);
    const images = new Uint8Array(all.length * PIXELS);
    all.forEach((e, k) =>
      images.set(testSet.images.subarray(e.src * PIXELS, (e.src + 1) * PIXELS), k * PIXELS),
    );
    return {
      result,
      ae: {
        ...s,
        auc: auroc(s.normal, s.anomalous),
        roc: rocCurve(s.normal, s.anomalous),
        threshold,
        test: atThreshold(s.normal, s.anomalous, threshold),
      },
      baseline,
      history,
      counts,
      top: { images, labels: all.map((e) => testSet.labels[e.src]!) },
    };
  } finally {
    ae.dispose();
    xs.dispose();
  }
}
