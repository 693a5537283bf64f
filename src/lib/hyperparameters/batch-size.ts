/**
 * Batch-size experiment: the same network and data trained for the same number of epochs with one
 * example per step (pure SGD), a mini-batch, and the whole training set per step (full-batch
 * gradient descent). Each run is the shared engine; after every epoch the loss on the whole
 * training set is measured, so the curves are comparable whatever the batch size.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { disposeTensors, evaluateSet, isDivergence, toTensors } from './common.ts';
import { spirals } from './data.ts';

export interface BatchRun {
  key: 'one' | 'mini' | 'full';
  label: string;
  batchSize: number;
  learningRate: number;
  /** Whole-training-set loss after each epoch (index 0 = before training). */
  loss: number[];
  /** Parameter updates made. */
  updates: number;
  seconds: number;
  /** Epochs after which the whole-set loss went up. */
  rises: number;
  divergedAt: number | null;
}

export interface BatchOptions {
  n?: number;
  epochs?: number;
  /** The mini-batch size. */
  mini?: number;
  /** SGD learning rate (for the mini-batch when `scale` is on). */
  learningRate?: number;
  /** Linear scaling rule: lr ∝ batch size, with the mini-batch as reference. */
  scale?: boolean;
  seed?: number;
  signal?: AbortSignal;
  /** Whole-set loss of run `run` after `epoch` epochs (0 = the initial network, before training). */
  onEpoch?: (run: number, epoch: number, loss: number) => void;
  onProgress?: (done: number, total: number, label: string) => void;
}

export const BATCH_NET = [2, 32, 32, 3] as const;

/** Learning rate for batch size b under the linear scaling rule with reference batch `ref`. */
export function scaledLearningRate(base: number, b: number, ref: number): number {
  return (base * b) / ref;
}

/** Number of epochs after which a loss sequence went up (loss[i+1] > loss[i]). */
export function countRises(loss: readonly number[]): number {
  let r = 0;
  for (let i = 1; i < loss.length; i++) if (loss[i]! > loss[i - 1]!) r++;
  return r;
}

export async function batchSizeRuns(
  tf: typeof TF,
  opts: BatchOptions = {},
): Promise<{ status: 'done' | 'cancelled'; runs: BatchRun[] }> {
  const { n = 128, epochs = 8, mini = 16, learningRate = 0.1, scale = false, seed = 1 } = opts;
  if (mini < 1 || mini > n) throw new Error(`The mini-batch size must be between 1 and ${n}.`);
  const specs = [
    { key: 'one', label: 'batch 1 (SGD)', batchSize: 1 },
    { key: 'mini', label: `mini-batch ${mini}`, batchSize: mini },
    { key: 'full', label: `full batch ${n}`, batchSize: n },
  ] as const;
  const totalSteps = specs.reduce((s, b) => s + epochs * Math.ceil(n / b.batchSize), 0);
  const data = toTensors(tf, spirals(n, 3, seed));
  const runs: BatchRun[] = [];
  let done = 0;
  try {
    for (const [i, spec] of specs.entries()) {
      const lr = scale ? scaledLearningRate(learningRate, spec.batchSize, mini) : learningRate;
      const model = createMLP(tf, BATCH_NET, { seed });
      const run: BatchRun = {
        ...spec,
        learningRate: lr,
        loss: [(await evaluateSet(tf, model, data)).loss],
        updates: 0,
        seconds: 0,
        rises: 0,
        divergedAt: null,
      };
      runs.push(run);
      opts.onEpoch?.(i, 0, run.loss[0]!);
      const start = done;
      try {
        const r = await train({
          tf,
          model,
          xs: data.xs,
          ys: data.ys,
          optimizer: { name: 'sgd', learningRate: lr },
          epochs,
          batchSize: spec.batchSize,
          seed,
          syncEvery: 50,
          signal: opts.signal,
          evaluate: async () => (await evaluateSet(tf, model, data)).loss,
          onStep: (s) => {
            done = start + s.step;
            run.updates = s.step;
            opts.onProgress?.(done, totalSteps, spec.label);
          },
          onEpoch: (e) => {
            run.loss.push(e.metric!);
            opts.onEpoch?.(i, e.epoch + 1, e.metric!);
          },
        });
        run.seconds = r.seconds;
        if (r.status === 'cancelled') return { status: 'cancelled', runs };
        if (!Number.isFinite(run.loss.at(-1)!)) run.divergedAt = run.updates;
      } catch (e) {
        if (!isDivergence(e)) throw e;
        run.divergedAt = Number(/step (\d+)/.exec((e as Error).message)?.[1] ?? NaN);
      } finally {
        model.dispose();
      }
      run.rises = countRises(run.loss);
      done = start + epochs * Math.ceil(n / spec.batchSize);
    }
    return { status: 'done', runs };
  } finally {
    disposeTensors(data);
  }
}
