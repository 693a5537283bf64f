/**
 * The training loop every lab uses.
 *
 * A hand-written step: gather a seeded mini-batch, compute the loss of `model.predict`, and let
 * `optimizer.minimize` update the variables, all inside tf.tidy. The loop reports progress, reads the
 * loss back from the device only every `syncEvery` steps (a read-back stalls the GPU pipeline), yields
 * to the event loop every step so that a Cancel click is seen within one step, and disposes
 * everything it created (optimizer state, index tensors, loss accumulators) on every exit path:
 * success, cancel and error.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { permutation } from '../util/random.ts';
import { releaseAbandonedTape } from './abandoned-tape.ts';
import { yieldToEventLoop } from './event-loop.ts';
import { softmaxCrossEntropy } from './loss.ts';
import {
  disposeOptimizer,
  makeOptimizer,
  setLearningRate,
  type OptimizerSpec,
} from './optimizers.ts';

export interface StepInfo {
  epoch: number; // 0-based
  epochs: number;
  batch: number; // 0-based within epoch
  batches: number;
  step: number; // global, 1-based after the step
  /** Loss of the latest synced step (undefined between syncs). */
  loss?: number;
}

export interface EpochInfo {
  epoch: number;
  epochs: number;
  /** Mean training loss over the epoch's steps. */
  loss: number;
  /** Result of `evaluate` at the end of the epoch, if given. */
  metric?: number;
  seconds: number;
}

export interface TrainConfig {
  tf: typeof TF;
  model: Trainable;
  /** Inputs, first axis = examples. */
  xs: TF.Tensor;
  /** Targets: int32 class labels [N] (default loss: softmax cross-entropy) or any tensor with a custom loss. */
  ys: TF.Tensor;
  /** loss(prediction, targetBatch) → scalar. Default: softmax cross-entropy on int32 labels. */
  loss?: (pred: TF.Tensor, target: TF.Tensor) => TF.Scalar;
  /** Extra term added to the loss (e.g. weight decay), computed inside the step. */
  penalty?: () => TF.Scalar;
  optimizer: OptimizerSpec;
  epochs: number;
  batchSize: number;
  seed?: number;
  /** Stop at this many steps in total (for quick demos and benchmarks). */
  maxSteps?: number;
  /** Learning-rate schedule: called before each step with the global step (0-based). */
  learningRateAt?: (step: number) => number;
  /** Read the loss back every n steps (default 10). */
  syncEvery?: number;
  signal?: AbortSignal;
  onStep?: (s: StepInfo) => void;
  onEpoch?: (e: EpochInfo) => void | Promise<void>;
  /** Called at each epoch's end, e.g. validation accuracy. */
  evaluate?: () => Promise<number>;
}

export interface TrainResult {
  status: 'done' | 'cancelled';
  steps: number;
  epochs: EpochInfo[];
  seconds: number;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** About how much queued work (ms) may separate two loss read-backs; bounds how long Cancel takes. */
export const SYNC_BUDGET_MS = 250;

export async function train(cfg: TrainConfig): Promise<TrainResult> {
  const { tf, model, xs, ys } = cfg;
  const n = xs.shape[0]!;
  if (ys.shape[0] !== n) throw new Error(`train: ${n} inputs but ${ys.shape[0]} targets`);
  if (cfg.batchSize < 1 || cfg.epochs < 1)
    throw new Error('train: batchSize and epochs must be at least 1');
  const batchSize = Math.min(cfg.batchSize, n);
  const batches = Math.ceil(n / batchSize);
  const syncEvery = Math.max(1, cfg.syncEvery ?? 10);
  // A read-back waits for every step queued before it, and a step already queued on the GPU cannot be
  // called back. So Cancel takes effect only after the queue drains: keep it short by reading back
  // sooner when steps are slow — at most `syncEvery` steps, and about SYNC_BUDGET_MS of work, apart.
  let every = Math.min(syncEvery, 10);
  let lastSync = { step: 0, t: now() };
  const lossFn = cfg.loss ?? ((p: TF.Tensor, t: TF.Tensor) => softmaxCrossEntropy(tf, p, t));
  const optimizer = makeOptimizer(tf, cfg.optimizer);
  const history: EpochInfo[] = [];
  const t0 = now();
  let step = 0;
  let lossSum: TF.Scalar | null = null;
  const aborted = () => cfg.signal?.aborted === true;
  try {
    for (let epoch = 0; epoch < cfg.epochs; epoch++) {
      const te = now();
      const order = Int32Array.from(permutation(n, (cfg.seed ?? 0) * 7919 + epoch));
      lossSum = tf.scalar(0);
      let stepsThisEpoch = 0;
      for (let b = 0; b < batches; b++) {
        if (aborted())
          return {
            status: 'cancelled',
            steps: step,
            epochs: history,
            seconds: (now() - t0) / 1000,
          };
        if (cfg.maxSteps !== undefined && step >= cfg.maxSteps) break;
        if (cfg.learningRateAt) setLearningRate(optimizer, cfg.learningRateAt(step));
        const start = b * batchSize;
        const size = Math.min(batchSize, n - start);
        const cost = tf.tidy(() => {
          // The batch's indices go up from JS: slicing a device tensor of all indices would copy it
          // whole on the wasm backend.
          const bi = tf.tensor1d(order.subarray(start, start + size), 'int32');
          const xb = tf.gather(xs, bi);
          const yb = tf.gather(ys, bi);
          return optimizer.minimize(
            () => {
              const l = lossFn(model.predict(xb), yb);
              return cfg.penalty ? tf.add(l, cfg.penalty()) : l;
            },
            true,
            model.variables,
          ) as TF.Scalar;
        });
        const prev: TF.Scalar = lossSum;
        lossSum = tf.add(prev, cost) as TF.Scalar;
        prev.dispose();
        step++;
        stepsThisEpoch++;
        let loss: number | undefined;
        if (step - lastSync.step >= every || b === batches - 1) {
          loss = (await cost.data())[0];
          const t = now();
          const perStep = (t - lastSync.t) / Math.max(1, step - lastSync.step);
          every = Math.max(
            1,
            Math.min(syncEvery, Math.floor(SYNC_BUDGET_MS / Math.max(perStep, 1e-3))),
          );
          lastSync = { step, t };
          if (loss !== undefined && !Number.isFinite(loss)) {
            cost.dispose();
            throw new Error(
              `Training diverged: the loss became ${loss} at step ${step}. Lower the learning rate.`,
            );
          }
        }
        cost.dispose();
        cfg.onStep?.({ epoch, epochs: cfg.epochs, batch: b, batches, step, loss });
        await yieldToEventLoop();
      }
      const meanLoss = stepsThisEpoch ? (await lossSum.data())[0]! / stepsThisEpoch : NaN;
      lossSum.dispose();
      lossSum = null;
      if (aborted())
        return { status: 'cancelled', steps: step, epochs: history, seconds: (now() - t0) / 1000 };
      const metric = cfg.evaluate ? await cfg.evaluate() : undefined;
      const info: EpochInfo = {
        epoch,
        epochs: cfg.epochs,
        loss: meanLoss,
        metric,
        seconds: (now() - te) / 1000,
      };
      history.push(info);
      await cfg.onEpoch?.(info);
      if (cfg.maxSteps !== undefined && step >= cfg.maxSteps) break;
    }
    return { status: 'done', steps: step, epochs: history, seconds: (now() - t0) / 1000 };
  } catch (e) {
    releaseAbandonedTape(tf);
    throw e;
  } finally {
    lossSum?.dispose();
    disposeOptimizer(optimizer);
  }
}
