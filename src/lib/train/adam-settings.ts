/**
 * The settings most labs train with: Adam at the run's learning rate, the run's epochs, batch size,
 * seed and cancel signal, and the loss read back every 5 steps (small models: a read-back per step
 * would cost more than the step).
 */
import type { TrainConfig } from './loop.ts';

/** Read the loss back every this many steps. */
export const ADAM_SYNC_EVERY = 5;

/** What a run on these settings is given; a lab's run options extend it. */
export interface AdamRunOptions {
  learningRate: number;
  epochs: number;
  batchSize: number;
  seed: number;
  signal?: AbortSignal;
}

export type AdamTrainingSettings = Pick<
  TrainConfig,
  'optimizer' | 'epochs' | 'batchSize' | 'seed' | 'signal' | 'syncEvery'
>;

/** `train({ tf, model, xs, ys, ...adamTrainingSettings(o), onStep: o.onStep })`. */
export function adamTrainingSettings(o: AdamRunOptions): AdamTrainingSettings {
  return {
    optimizer: { name: 'adam', learningRate: o.learningRate },
    epochs: o.epochs,
    batchSize: o.batchSize,
    seed: o.seed,
    signal: o.signal,
    syncEvery: ADAM_SYNC_EVERY,
  };
}
