/**
 * Training an autoencoder on the shared engine (src/lib/train/engine.ts): the inputs are their own
 * targets, the loss is `trainingLoss` (reconstruction + λ·mean|z|) and the engine's penalty adds the
 * L2 weight decay. Adam by default. Same data, config and seed → the same weights on a given backend.
 */
import type * as TF from '@tensorflow/tfjs';
import {
  train,
  type EpochInfo,
  type OptimizerSpec,
  type StepInfo,
  type TrainResult,
} from '../train/engine.ts';
import { asTrainable, trainingLoss, weightPenalty, type Autoencoder } from './model.ts';

export interface AeTrainOptions {
  epochs: number;
  batchSize?: number;
  /** Default: Adam, learning rate 1e-3. */
  optimizer?: OptimizerSpec;
  /** Shuffling seed (the weights' seed is given to createAutoencoder). */
  seed?: number;
  maxSteps?: number;
  signal?: AbortSignal;
  onStep?: (s: StepInfo) => void;
  onEpoch?: (e: EpochInfo) => void | Promise<void>;
  /** Evaluated at each epoch's end (e.g. held-out reconstruction error), reported as EpochInfo.metric. */
  evaluate?: () => Promise<number>;
}

/** Train `ae` on the rows of `xs` (values in [0, 1]); returns the engine's result ('done' or 'cancelled'). */
export async function trainAutoencoder(
  tf: typeof TF,
  ae: Autoencoder,
  xs: TF.Tensor2D,
  o: AeTrainOptions,
): Promise<TrainResult> {
  if (xs.shape[1] !== ae.config.inputSize)
    throw new Error(
      `trainAutoencoder: inputs have ${xs.shape[1]} columns, the autoencoder expects ${ae.config.inputSize}`,
    );
  return train({
    tf,
    model: asTrainable(tf, ae, o.seed ?? 0),
    xs,
    ys: xs,
    loss: trainingLoss(tf, ae),
    penalty: ae.config.weightDecay > 0 ? () => weightPenalty(tf, ae) : undefined,
    optimizer: o.optimizer ?? { name: 'adam', learningRate: 1e-3 },
    epochs: o.epochs,
    batchSize: o.batchSize ?? 64,
    seed: o.seed ?? 0,
    maxSteps: o.maxSteps,
    signal: o.signal,
    syncEvery: 10,
    onStep: o.onStep,
    onEpoch: o.onEpoch,
    evaluate: o.evaluate,
  });
}
