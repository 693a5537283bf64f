/**
 * A validation curve over training time: a wide network trained for long on a small, noisy training
 * set. Training loss keeps falling; validation loss falls, bottoms out at the early-stopping epoch
 * and then rises (over-fitting), while validation accuracy changes far less than the log-loss.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { disposeTensors, evaluateSet, toTensors } from './common.ts';
import { moons } from './data.ts';

export interface CurvePoint {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  trainAcc: number;
  valAcc: number;
}

export interface OverfitResult {
  status: 'done' | 'cancelled';
  points: CurvePoint[];
  /** Epoch (1-based) with the lowest validation loss: where early stopping would stop. */
  bestEpoch: number;
}

/** The hidden width and the number of fresh validation points unless told otherwise. */
export const OVERFIT_DEFAULTS = { width: 64, nVal: 300 };

/** Layer widths: two inputs, two hidden layers of `width`, two classes. */
export function overfitNet(width: number): number[] {
  return [2, width, width, 2];
}

export interface OverfitOptions {
  nTrain?: number;
  nVal?: number;
  epochs?: number;
  /** Fraction of flipped labels (in both sets). */
  noise?: number;
  /** Hidden width of the two hidden layers. */
  width?: number;
  learningRate?: number;
  seed?: number;
  signal?: AbortSignal;
  onPoint?: (p: CurvePoint) => void;
}

/** The epoch with the lowest validation loss (1-based); 0 for no points. */
export function earlyStoppingEpoch(points: readonly CurvePoint[]): number {
  let best = 0;
  for (let i = 1; i < points.length; i++) if (points[i]!.valLoss < points[best]!.valLoss) best = i;
  return points.length ? points[best]!.epoch : 0;
}

export async function validationCurve(
  tf: typeof TF,
  opts: OverfitOptions = {},
): Promise<OverfitResult> {
  const {
    nTrain = 40,
    nVal = OVERFIT_DEFAULTS.nVal,
    epochs = 200,
    noise = 0.1,
    width = OVERFIT_DEFAULTS.width,
    learningRate = 0.005,
    seed = 1,
  } = opts;
  const tr = toTensors(tf, moons(nTrain, seed, 0.15, noise));
  const va = toTensors(tf, moons(nVal, seed + 1, 0.15, noise));
  const model = createMLP(tf, overfitNet(width), { seed });
  const points: CurvePoint[] = [];
  try {
    const r = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      optimizer: { name: 'adam', learningRate },
      epochs,
      batchSize: nTrain,
      seed,
      syncEvery: 1000,
      signal: opts.signal,
      onEpoch: async (e) => {
        const t = await evaluateSet(tf, model, tr);
        const v = await evaluateSet(tf, model, va);
        const p = {
          epoch: e.epoch + 1,
          trainLoss: t.loss,
          valLoss: v.loss,
          trainAcc: t.accuracy,
          valAcc: v.accuracy,
        };
        points.push(p);
        opts.onPoint?.(p);
      },
    });
    return { status: r.status, points, bestEpoch: earlyStoppingEpoch(points) };
  } finally {
    model.dispose();
    disposeTensors(tr);
    disposeTensors(va);
  }
}
