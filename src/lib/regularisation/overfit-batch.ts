/**
 * "Overfit first": before regularising, check that the model and the training code can drive the loss
 * on a handful of examples to (nearly) zero. A correct pipeline memorises a small batch within a few
 * hundred steps; a broken one cannot. The bug simulated here is a classic: the network already ends
 * in a softmax and the loss applies softmax cross-entropy again. Then the loss is bounded below by
 *   min_p −log( e^{p_y} / Σ_j e^{p_j} ) = log(1 + (K − 1)/e)   (p on the simplex, best at p = onehot(y)),
 * about 1.46 nats for K = 10, however long you train.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP, type Trainable } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { accuracy } from '../metrics/classification.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

/** Lower bound of softmax cross-entropy when the "logits" are already probabilities (double softmax). */
export function doubleSoftmaxFloor(k: number): number {
  return Math.log(1 + (k - 1) / Math.E);
}

export interface OverfitOptions {
  /** 'double-softmax': the model outputs probabilities and the loss applies softmax again. */
  bug: 'none' | 'double-softmax';
  steps: number;
  hidden?: number[];
  learningRate?: number;
  seed?: number;
  signal?: AbortSignal;
  onStep?: (step: number, loss: number | undefined) => void;
}

export interface OverfitResult {
  status: 'done' | 'cancelled';
  /** Loss after every step. */
  losses: number[];
  finalLoss: number;
  /** Accuracy on the batch itself. */
  batchAccuracy: number;
}

/** Train on one small batch (every step sees the whole batch) and record the loss at every step. */
export async function overfitBatch(
  tf: typeof TF,
  batch: MnistSplit,
  o: OverfitOptions,
): Promise<OverfitResult> {
  const { xs, ys } = toTensors(tf, batch);
  const mlp = createMLP(tf, [PIXELS, ...(o.hidden ?? [64]), CLASSES], { seed: o.seed ?? 1 });
  const model: Trainable =
    o.bug === 'double-softmax'
      ? { variables: mlp.variables, predict: (x) => tf.softmax(mlp.predict(x)) }
      : mlp;
  const losses: number[] = [];
  try {
    const r = await train({
      tf,
      model,
      xs,
      ys,
      optimizer: { name: 'adam', learningRate: o.learningRate ?? 3e-3 },
      epochs: o.steps,
      batchSize: batch.count,
      seed: o.seed ?? 1,
      signal: o.signal,
      syncEvery: 1,
      onStep: (s) => {
        if (s.loss !== undefined) losses.push(s.loss);
        o.onStep?.(s.step, s.loss);
      },
    });
    return {
      status: r.status,
      losses,
      finalLoss: losses[losses.length - 1] ?? NaN,
      batchAccuracy: await accuracy(tf, mlp, xs, ys),
    };
  } finally {
    mlp.dispose();
    tf.dispose([xs, ys]);
  }
}
