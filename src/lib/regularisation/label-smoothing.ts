/**
 * Label smoothing (Szegedy et al. 2016): train against q = (1 − ε)·onehot(y) + ε/K instead of the
 * one-hot target. With hard targets the cross-entropy keeps falling as the correct logit runs away
 * from the others, so the logit gap grows without bound; with smoothed targets the loss is minimised
 * at softmax(z) = q, i.e. at a finite gap z_y − z_j = log(1 + K(1 − ε)/ε).
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP, type MLP, type Trainable } from '../models/mlp.ts';
import { train, type StepInfo } from '../train/engine.ts';
import { softTargetCrossEntropy } from '../train/loss.ts';
import { calibration, type CalibrationReport } from './calibration.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

/** Smoothed targets (1 − ε)·onehot + ε/K as a [n, K] tensor. */
export function smoothedTargets(
  tf: typeof TF,
  labels: TF.Tensor1D,
  k: number,
  eps: number,
): TF.Tensor2D {
  return tf.tidy(() => tf.add(tf.mul(1 - eps, tf.oneHot(labels, k)), eps / k) as TF.Tensor2D);
}

/** Mean cross-entropy −Σ_j q_j log softmax(z)_j against smoothed targets (ε = 0: ordinary cross-entropy). */
export function smoothedCrossEntropy(
  tf: typeof TF,
  logits: TF.Tensor,
  labels: TF.Tensor,
  eps: number,
): TF.Scalar {
  const k = logits.shape[logits.shape.length - 1]!;
  return tf.tidy(() =>
    softTargetCrossEntropy(tf, logits, smoothedTargets(tf, labels as TF.Tensor1D, k, eps)),
  );
}

/** The logit gap z_y − z_j (any j ≠ y) at which the smoothed loss is minimal; Infinity when ε = 0. */
export function optimalLogitGap(k: number, eps: number): number {
  return eps <= 0 ? Infinity : Math.log(1 + (k * (1 - eps)) / eps);
}

/** Largest probability the smoothed target allows for the true class: 1 − ε + ε/K. */
export function targetConfidence(k: number, eps: number): number {
  return 1 - eps + eps / k;
}

export interface GapRun {
  status: 'done' | 'cancelled';
  /** z_y − max_{j≠y} z_j after each step (step 0 = start). */
  gaps: number[];
}

/**
 * Minimise the loss of ONE example directly over its K free logits (start at zero) with gradient
 * descent, recording the logit gap: unbounded growth for ε = 0, convergence to the closed form for ε > 0.
 */
export async function logitGapRun(
  tf: typeof TF,
  o: {
    k?: number;
    eps: number;
    steps: number;
    learningRate?: number;
    signal?: AbortSignal;
    onStep?: (s: number) => void;
  },
): Promise<GapRun> {
  const k = o.k ?? 10;
  const z = tf.tidy(() => tf.variable(tf.zeros([1, k]), true));
  const model: Trainable = { variables: [z], predict: () => z };
  const xs = tf.zeros([1, 1]);
  const ys = tf.tensor1d([0], 'int32');
  const gaps: number[] = [0];
  try {
    const r = await train({
      tf,
      model,
      xs,
      ys,
      optimizer: { name: 'sgd', learningRate: o.learningRate ?? 1 },
      epochs: o.steps,
      batchSize: 1,
      syncEvery: 1,
      signal: o.signal,
      loss: (pred, t) => smoothedCrossEntropy(tf, pred, t, o.eps),
      onStep: (s) => o.onStep?.(s.step),
      onEpoch: async () => {
        const v = await z.data();
        gaps.push(v[0]! - Math.max(...Array.from(v.subarray(1))));
      },
    });
    return { status: r.status, gaps };
  } finally {
    tf.dispose([z, xs, ys]);
  }
}

/** Hidden widths of the MNIST MLP unless told otherwise (the page states them). */
export const SMOOTHING_HIDDEN: readonly number[] = [128];

export interface SmoothingRunOptions {
  eps: number;
  hidden?: number[];
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  signal?: AbortSignal;
  onStep?: (s: StepInfo) => void;
}

export interface SmoothingRun {
  status: 'done' | 'cancelled';
  eps: number;
  test: CalibrationReport;
  /** Mean of z_true − max_{j≠true} z_j over the test set (how far the logits are pushed apart). */
  meanLogitGap: number;
  /** Mean training loss of the last completed epoch (NaN if none completed). */
  finalTrainLoss: number;
  /** Epochs asked for, and epochs completed (fewer after a cancel: the network is evaluated as it stands). */
  epochs: number;
  epochsDone: number;
}

/** Softmax probabilities and mean logit gap of a model on a test set, batched. */
export async function probabilities(
  tf: typeof TF,
  model: MLP,
  xs: TF.Tensor2D,
  labels: ArrayLike<number>,
  batch = 1000,
): Promise<{ probs: Float32Array; meanGap: number }> {
  const n = xs.shape[0];
  const k = model.sizes[model.sizes.length - 1]!;
  const probs = new Float32Array(n * k);
  let gapSum = 0;
  for (let s = 0; s < n; s += batch) {
    const size = Math.min(batch, n - s);
    const [p, z] = tf.tidy(() => {
      const logits = model.predict(tf.slice(xs, [s, 0], [size, -1]));
      return [tf.softmax(logits), logits];
    });
    probs.set(await p.data(), s * k);
    const zv = await z.data();
    tf.dispose([p, z]);
    for (let i = 0; i < size; i++) {
      const y = labels[s + i]!;
      let other = -Infinity;
      for (let c = 0; c < k; c++) if (c !== y) other = Math.max(other, zv[i * k + c]!);
      gapSum += zv[i * k + y]! - other;
    }
  }
  return { probs, meanGap: gapSum / n };
}

/** Train an MNIST MLP with label smoothing ε (0 = hard targets) and report test confidence and calibration. */
export async function smoothingRun(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: SmoothingRunOptions,
): Promise<SmoothingRun> {
  const tr = toTensors(tf, trainSet);
  const te = toTensors(tf, testSet);
  const model = createMLP(tf, [PIXELS, ...(o.hidden ?? SMOOTHING_HIDDEN), CLASSES], {
    seed: o.seed ?? 1,
  });
  try {
    const r = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      optimizer: { name: 'adam', learningRate: o.learningRate ?? 1e-3 },
      epochs: o.epochs,
      batchSize: o.batchSize ?? 64,
      seed: o.seed ?? 1,
      signal: o.signal,
      syncEvery: 10,
      loss: (pred, t) => smoothedCrossEntropy(tf, pred, t, o.eps),
      onStep: o.onStep,
    });
    const { probs, meanGap } = await probabilities(tf, model, te.xs, testSet.labels);
    const last = r.epochs[r.epochs.length - 1];
    return {
      status: r.status,
      eps: o.eps,
      test: calibration(probs, testSet.labels, 10),
      meanLogitGap: meanGap,
      finalTrainLoss: last ? last.loss : NaN,
      epochs: o.epochs,
      epochsDone: r.epochs.length,
    };
  } finally {
    model.dispose();
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}
