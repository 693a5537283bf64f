/**
 * Early stopping with patience: watch a validation loss after every epoch, remember the weights at its
 * best value, and stop once it has failed to improve (by more than `minDelta`) for `patience` epochs in
 * a row; then return the remembered weights. The monitor is a pure function of the sequence of
 * validation losses; the run trains an MNIST MLP on labels with injected noise, which makes the
 * validation curve turn upwards once the network starts memorising the wrong labels.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP } from '../models/mlp.ts';
import { softmaxCrossEntropy, train, type StepInfo } from '../train/engine.ts';
import { accuracy } from '../metrics/classification.ts';
import { rng } from '../util/random.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export interface MonitorOptions {
  patience: number;
  /** An improvement must beat the best value by more than this (default 0). */
  minDelta?: number;
}

export interface MonitorState {
  best: number;
  bestEpoch: number;
  /** Epochs since the last improvement. */
  wait: number;
  /** Epoch at which patience ran out (null while running). */
  stopEpoch: number | null;
}

export interface Monitor {
  /** Feed the validation loss of `epoch`; says whether it improved and whether to stop now. */
  update(epoch: number, value: number): { improved: boolean; stop: boolean };
  readonly state: MonitorState;
}

/** Patience-based early-stopping monitor for a quantity to minimise. */
export function createMonitor(o: MonitorOptions): Monitor {
  if (!Number.isInteger(o.patience) || o.patience < 1)
    throw new Error('patience must be a whole number ≥ 1');
  const minDelta = o.minDelta ?? 0;
  const state: MonitorState = { best: Infinity, bestEpoch: -1, wait: 0, stopEpoch: null };
  return {
    state,
    update(epoch, value) {
      const improved = value < state.best - minDelta;
      if (improved) {
        state.best = value;
        state.bestEpoch = epoch;
        state.wait = 0;
      } else {
        state.wait++;
      }
      const stop = state.stopEpoch === null && state.wait >= o.patience;
      if (stop) state.stopEpoch = epoch;
      return { improved, stop };
    },
  };
}

/** Where the monitor would stop on a fixed sequence of losses (epochs 0-based), or null. */
export function stopPoint(
  losses: number[],
  o: MonitorOptions,
): { stopEpoch: number | null; bestEpoch: number } {
  const m = createMonitor(o);
  for (let e = 0; e < losses.length; e++) if (m.update(e, losses[e]!).stop) break;
  return { stopEpoch: m.state.stopEpoch, bestEpoch: m.state.bestEpoch };
}

/** Replace a seeded `fraction` of labels by a different, uniformly chosen class. */
export function corruptLabels(
  labels: Uint8Array,
  fraction: number,
  k = 10,
  seed = 0,
): { labels: Uint8Array; flipped: number } {
  const r = rng(seed);
  const out = Uint8Array.from(labels);
  let flipped = 0;
  for (let i = 0; i < out.length; i++)
    if (r.next() < fraction) {
      out[i] = (out[i]! + 1 + r.int(k - 1)) % k;
      flipped++;
    }
  return { labels: out, flipped };
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  valAccuracy: number;
}

/** The network and batches the run uses unless told otherwise (the page states them). */
export const EARLY_STOPPING_NET = { hidden: [128] as readonly number[], batchSize: 50 };

export interface EarlyStoppingOptions {
  patience: number;
  maxEpochs: number;
  /** Fraction of training labels replaced by wrong ones. */
  labelNoise: number;
  /** Keep training after patience runs out (to show what stopping avoided). Default false. */
  keepGoing?: boolean;
  hidden?: number[];
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  signal?: AbortSignal;
  onStep?: (s: StepInfo) => void;
  onEpoch?: (r: EpochRecord, monitor: MonitorState) => void;
}

export interface EarlyStoppingRun {
  status: 'done' | 'cancelled';
  history: EpochRecord[];
  bestEpoch: number;
  /** Epoch at which patience ran out (null: never within maxEpochs). */
  stopEpoch: number | null;
  /** Test accuracy of the weights at the end of the run and of the restored best weights. */
  testAccuracyLast: number;
  testAccuracyBest: number;
  flipped: number;
}

/** Train on noisy labels with a patience monitor on the clean validation loss, then restore the best weights. */
export async function earlyStoppingRun(
  tf: typeof TF,
  trainSet: MnistSplit,
  valSet: MnistSplit,
  testSet: MnistSplit,
  o: EarlyStoppingOptions,
): Promise<EarlyStoppingRun> {
  const noisy = corruptLabels(trainSet.labels, o.labelNoise, 10, (o.seed ?? 1) + 101);
  const tr = toTensors(tf, { ...trainSet, labels: noisy.labels });
  const va = toTensors(tf, valSet);
  const te = toTensors(tf, testSet);
  const model = createMLP(tf, [PIXELS, ...(o.hidden ?? EARLY_STOPPING_NET.hidden), CLASSES], {
    seed: o.seed ?? 1,
  });
  const monitor = createMonitor({ patience: o.patience });
  const stopper = new AbortController();
  const onOuterAbort = () => stopper.abort();
  if (o.signal?.aborted) stopper.abort();
  o.signal?.addEventListener('abort', onOuterAbort);
  let snapshot: TF.Tensor[] | null = null;
  const history: EpochRecord[] = [];
  let lastValAcc = 0;
  try {
    const result = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      optimizer: { name: 'adam', learningRate: o.learningRate ?? 1e-3 },
      epochs: o.maxEpochs,
      batchSize: o.batchSize ?? EARLY_STOPPING_NET.batchSize,
      seed: o.seed ?? 1,
      signal: stopper.signal,
      syncEvery: 10,
      onStep: o.onStep,
      evaluate: async () => {
        const l = tf.tidy(() => softmaxCrossEntropy(tf, model.predict(va.xs), va.ys));
        const v = (await l.data())[0]!;
        l.dispose();
        lastValAcc = await accuracy(tf, model, va.xs, va.ys);
        return v;
      },
      onEpoch: (e) => {
        const rec: EpochRecord = {
          epoch: e.epoch,
          trainLoss: e.loss,
          valLoss: e.metric!,
          valAccuracy: lastValAcc,
        };
        history.push(rec);
        const { improved, stop } = monitor.update(e.epoch, rec.valLoss);
        if (improved) {
          if (snapshot) tf.dispose(snapshot);
          snapshot = model.variables.map((v) => tf.clone(v));
        }
        o.onEpoch?.(rec, { ...monitor.state });
        if (stop && !o.keepGoing) stopper.abort();
      },
    });
    if (result.status === 'cancelled' && o.signal?.aborted) {
      return {
        status: 'cancelled',
        history,
        bestEpoch: monitor.state.bestEpoch,
        stopEpoch: monitor.state.stopEpoch,
        testAccuracyLast: NaN,
        testAccuracyBest: NaN,
        flipped: noisy.flipped,
      };
    }
    const testAccuracyLast = await accuracy(tf, model, te.xs, te.ys);
    if (snapshot) (snapshot as TF.Tensor[]).forEach((t, i) => model.variables[i]!.assign(t));
    const testAccuracyBest = await accuracy(tf, model, te.xs, te.ys);
    return {
      status: 'done',
      history,
      bestEpoch: monitor.state.bestEpoch,
      stopEpoch: monitor.state.stopEpoch,
      testAccuracyLast,
      testAccuracyBest,
      flipped: noisy.flipped,
    };
  } finally {
    o.signal?.removeEventListener('abort', onOuterAbort);
    if (snapshot) tf.dispose(snapshot as TF.Tensor[]);
    model.dispose();
    tf.dispose([tr.xs, tr.ys, va.xs, va.ys, te.xs, te.ys]);
  }
}
