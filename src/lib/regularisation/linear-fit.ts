/**
 * Linear regression trained on the tfjs backend with the shared engine (full-batch gradient descent),
 * with an L2 penalty, an L1 penalty by subgradient, or L1 by proximal gradient (ISTA: a gradient
 * step on the data term, then soft-thresholding). The float64 references are in
 * ./penalised-regression.ts; the page compares the two.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { train, type OptimizerSpec } from '../train/engine.ts';
import type { DataMatrix } from './linalg.ts';

export type PenaltyKind = 'none' | 'l2' | 'l1-subgradient' | 'l1-prox';

export interface LinearFitOptions {
  penalty: PenaltyKind;
  alpha: number;
  steps: number;
  learningRate: number;
  /** Default plain gradient descent ('sgd' on the full batch). */
  optimizer?: 'sgd' | 'adam';
  /** Starting weights (default zeros). */
  init?: ArrayLike<number>;
  /** Read the weights back every n steps into `trajectory` (0 = never). */
  recordEvery?: number;
  signal?: AbortSignal;
  onStep?: (step: number, loss: number | undefined) => void;
}

export interface LinearFitResult {
  status: 'done' | 'cancelled';
  w: Float64Array;
  /** Mean data-plus-penalty loss per step (one step per epoch: full batch). */
  losses: number[];
  /** [step, weights] pairs, step 0 = the start. */
  trajectory: { step: number; w: Float64Array }[];
}

/** A bias-free linear model x ↦ x·w as a Trainable for the engine. Caller disposes `w`. */
export function linearModel(
  tf: typeof TF,
  d: number,
  init?: ArrayLike<number>,
): Trainable & { w: TF.Variable; dispose(): void } {
  const w = tf.tidy(() =>
    tf.variable(tf.tensor2d(init ? Float32Array.from(init) : new Float32Array(d), [d, 1]), true),
  );
  return {
    w,
    variables: [w],
    predict: (x) => tf.matMul(x as TF.Tensor2D, w),
    dispose: () => w.dispose(),
  };
}

/** Train a linear model on (X, y) with the given penalty; every tensor it makes is freed. */
export async function fitLinear(
  tf: typeof TF,
  X: DataMatrix,
  y: ArrayLike<number>,
  o: LinearFitOptions,
): Promise<LinearFitResult> {
  const { n, d } = X;
  const xs = tf.tensor2d(Float32Array.from(X.data), [n, d]);
  const ys = tf.tensor2d(Float32Array.from(y), [n, 1]);
  const model = linearModel(tf, d, o.init);
  const { alpha } = o;
  const lr = o.learningRate;
  const trajectory: { step: number; w: Float64Array }[] = [];
  const recordEvery = o.recordEvery ?? 0;
  const read = async () => Float64Array.from(await model.w.data());
  try {
    if (recordEvery > 0) trajectory.push({ step: 0, w: await read() });
    const penalty =
      o.penalty === 'l2'
        ? () => tf.mul(alpha / 2, tf.sum(tf.square(model.w))) as TF.Scalar
        : o.penalty === 'l1-subgradient'
          ? () => tf.mul(alpha, tf.sum(tf.abs(model.w))) as TF.Scalar
          : undefined;
    const optimizer: OptimizerSpec =
      o.optimizer === 'adam'
        ? { name: 'adam', learningRate: lr }
        : { name: 'sgd', learningRate: lr };
    const result = await train({
      tf,
      model,
      xs,
      ys,
      optimizer,
      epochs: o.steps,
      batchSize: n,
      seed: 1,
      signal: o.signal,
      syncEvery: 1,
      loss: (pred, t) => tf.div(tf.mean(tf.square(tf.sub(pred, t))), 2) as TF.Scalar,
      penalty,
      onStep: (s) => {
        // ISTA: the engine took the gradient step on the data term; apply the proximal map of lr·α‖w‖₁.
        if (o.penalty === 'l1-prox')
          tf.tidy(() =>
            model.w.assign(tf.mul(tf.sign(model.w), tf.relu(tf.sub(tf.abs(model.w), lr * alpha)))),
          );
        o.onStep?.(s.step, s.loss);
      },
      onEpoch: async (e) => {
        if (recordEvery > 0 && (e.epoch + 1) % recordEvery === 0)
          trajectory.push({ step: e.epoch + 1, w: await read() });
      },
    });
    return {
      status: result.status,
      w: await read(),
      losses: result.epochs.map((e) => e.loss),
      trajectory,
    };
  } finally {
    model.dispose();
    xs.dispose();
    ys.dispose();
  }
}
