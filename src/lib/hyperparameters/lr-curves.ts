/**
 * Learning-rate experiment: the same network trained from the same initialisation with a learning
 * rate that is too low, about right, too high, and too high but tamed by decay and by warm-up.
 * Every curve is one run of the shared training engine.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import {
  isDivergence,
  makeSchedule,
  toTensors,
  disposeTensors,
  type ScheduleSpec,
} from './common.ts';
import { spirals } from './data.ts';

export interface LrRun {
  key: string;
  label: string;
  schedule: ScheduleSpec;
}

export interface LrCurve extends LrRun {
  /** Mean training loss of each finished epoch. */
  epochLoss: number[];
  /** Largest single-step loss in the first epoch (shows an early blow-up). */
  firstEpochPeak: number;
  /** Step at which the loss became NaN/Infinity, or null. */
  divergedAt: number | null;
}

export interface LrOptions {
  /** Training examples (3-arm spirals). */
  n?: number;
  epochs?: number;
  batchSize?: number;
  /** Adam learning rates: too low, good, too high (the high one is also the peak of the tamed runs). */
  low?: number;
  good?: number;
  high?: number;
  /** Warm-up length as a fraction of all steps. */
  warmupFraction?: number;
  seed?: number;
  signal?: AbortSignal;
  /** After each epoch of each run. */
  onEpoch?: (run: number, epoch: number, loss: number) => void;
  /** After each step: steps done over all runs, and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Depth/width of the network: deep enough for the first Adam steps at a high rate to hurt. */
export const LR_NET = [2, 64, 64, 64, 64, 3] as const;

/** The batch size and the too-low and about-right rates unless told otherwise. */
export const LR_DEFAULTS = { batchSize: 64, low: 1e-4, good: 1e-2 };

/** The five runs, given the step budget. */
export function lrRuns(o: {
  low: number;
  good: number;
  high: number;
  totalSteps: number;
  warmupSteps: number;
}): LrRun[] {
  const t = o.totalSteps;
  return [
    { key: 'low', label: `too low (${o.low})`, schedule: { lr: o.low } },
    { key: 'good', label: `about right (${o.good})`, schedule: { lr: o.good } },
    { key: 'high', label: `too high (${o.high})`, schedule: { lr: o.high } },
    {
      key: 'decay',
      label: `${o.high}, cosine decay`,
      schedule: { lr: o.high, cosine: true, totalSteps: t },
    },
    {
      key: 'warmup',
      label: `${o.high}, warm-up + cosine decay`,
      schedule: { lr: o.high, cosine: true, totalSteps: t, warmupSteps: o.warmupSteps },
    },
  ];
}

export async function learningRateCurves(
  tf: typeof TF,
  opts: LrOptions = {},
): Promise<{ status: 'done' | 'cancelled'; curves: LrCurve[] }> {
  const {
    n = 384,
    epochs = 20,
    batchSize = LR_DEFAULTS.batchSize,
    low = LR_DEFAULTS.low,
    good = LR_DEFAULTS.good,
    high = 0.15,
    warmupFraction = 0.5,
    seed = 1,
  } = opts;
  const stepsPerEpoch = Math.ceil(n / Math.min(batchSize, n));
  const totalSteps = epochs * stepsPerEpoch;
  const runs = lrRuns({
    low,
    good,
    high,
    totalSteps,
    warmupSteps: Math.max(1, Math.round(warmupFraction * totalSteps)),
  });
  const data = toTensors(tf, spirals(n, 3, seed));
  const curves: LrCurve[] = [];
  try {
    for (const [i, run] of runs.entries()) {
      const curve: LrCurve = { ...run, epochLoss: [], firstEpochPeak: 0, divergedAt: null };
      curves.push(curve);
      const model = createMLP(tf, LR_NET, { seed });
      try {
        const r = await train({
          tf,
          model,
          xs: data.xs,
          ys: data.ys,
          optimizer: { name: 'adam', learningRate: run.schedule.lr },
          epochs,
          batchSize,
          seed,
          learningRateAt: makeSchedule(run.schedule),
          syncEvery: 1,
          signal: opts.signal,
          onStep: (s) => {
            if (s.epoch === 0 && s.loss !== undefined)
              curve.firstEpochPeak = Math.max(curve.firstEpochPeak, s.loss);
            opts.onProgress?.(i * totalSteps + s.step, runs.length * totalSteps);
          },
          onEpoch: (e) => {
            curve.epochLoss.push(e.loss);
            opts.onEpoch?.(i, e.epoch, e.loss);
          },
        });
        if (r.status === 'cancelled') return { status: 'cancelled', curves };
      } catch (e) {
        if (!isDivergence(e)) throw e;
        curve.divergedAt = Number(/step (\d+)/.exec((e as Error).message)?.[1] ?? NaN);
      } finally {
        model.dispose();
      }
    }
    return { status: 'done', curves };
  } finally {
    disposeTensors(data);
  }
}
