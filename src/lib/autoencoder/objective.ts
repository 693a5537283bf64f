/**
 * The search objective for the autoencoder: train a trial's autoencoder (resuming across rungs),
 * generate images from the Gaussian fitted to its training codes, and score them by the Fréchet
 * distance to real held-out digits in a feature space (lower is better). Keeps every trial's model
 * until it is discarded; `dispose()` frees all that remain.
 */
import type * as TF from '@tensorflow/tfjs';
import { fitGaussian, frechetDistance, type Gaussian } from '../metrics/frechet.ts';
import type { StepInfo } from '../train/engine.ts';
import { createAutoencoder, initOutputBiasToMean, type Autoencoder } from './model.ts';
import { trainAutoencoder } from './train.ts';
import { encodeAll, fitCodeGaussian, generate } from './generate.ts';
import { reconstructionMse } from './evaluate.ts';
import { featuresOf, featuresOfArray, type FeatureExtractor } from './features.ts';
import { hiddenOf, type AeTrialConfig } from './search.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface ObjectiveOptions {
  /** Images generated per evaluation (the FID sample size). */
  samples: number;
  batchSize: number;
  /** Optimiser steps per epoch: budgets are in (possibly fractional) epochs and converted to steps. */
  stepsPerEpoch: number;
  learningRate: number;
  weightDecay: number;
  /** Base seed; trial i uses seed + 1000·i. */
  seed: number;
  /** Generated images kept per trial for display. */
  keepImages: number;
  signal?: AbortSignal;
  onStep?: (id: number, s: StepInfo) => void;
}

export interface TrialRecord {
  id: number;
  config: AeTrialConfig;
  epochs: number;
  fid: number;
  heldOutMse: number;
  /** keepImages generated digits, uint8 [k × 784]. */
  images: Uint8Array;
}

export interface Objective {
  /** Train trial `id` up to `budget` epochs and return its FID (NaN when cancelled mid-training). */
  run(id: number, budget: number): Promise<number>;
  discard(id: number): void;
  records: Map<number, TrialRecord>;
  /** Reference: the Gaussian of the real held-out features. */
  real: Gaussian;
  dispose(): void;
}

/**
 * Build the objective over trials `configs` (indexed by position), training on `trainXs` and
 * comparing with the features of `realXs` (held-out images).
 */
export async function makeObjective(
  tf: typeof TF,
  configs: AeTrialConfig[],
  trainXs: TF.Tensor2D,
  realXs: TF.Tensor2D,
  features: FeatureExtractor,
  o: ObjectiveOptions,
): Promise<Objective> {
  const realFeatures = await featuresOf(tf, features, realXs);
  const real = fitGaussian(realFeatures, realXs.shape[0], features.dim);
  const models = new Map<number, { ae: Autoencoder; steps: number; epochs: number }>();
  const records = new Map<number, TrialRecord>();
  const discard = (id: number) => {
    models.get(id)?.ae.dispose();
    models.delete(id);
  };
  return {
    real,
    records,
    discard,
    dispose: () => [...models.keys()].forEach(discard),
    async run(id, budget) {
      const config = configs[id];
      if (!config) throw new Error(`No trial ${id}`);
      const seed = o.seed + 1000 * id;
      let m = models.get(id);
      if (!m) {
        const ae = createAutoencoder(
          tf,
          {
            inputSize: PIXELS,
            hidden: hiddenOf(config),
            latent: config.latent,
            loss: config.loss,
            codeL1: config.lambda,
            weightDecay: o.weightDecay,
          },
          seed,
        );
        initOutputBiasToMean(tf, ae, trainXs);
        m = { ae, steps: 0, epochs: 0 };
        models.set(id, m);
      }
      const extra = Math.max(1, Math.round(budget * o.stepsPerEpoch)) - m.steps;
      if (extra > 0) {
        const r = await trainAutoencoder(tf, m.ae, trainXs, {
          epochs: Math.ceil(extra / o.stepsPerEpoch),
          maxSteps: extra,
          batchSize: o.batchSize,
          seed: seed + m.steps,
          signal: o.signal,
          optimizer: { name: 'adam', learningRate: o.learningRate },
          onStep: (s) => o.onStep?.(id, s),
        });
        if (r.status === 'cancelled') return NaN; // the search loop sees the aborted signal and stops
        m.steps += r.steps;
      }
      m.epochs = budget;
      const n = trainXs.shape[0];
      const gauss = fitCodeGaussian(await encodeAll(tf, m.ae, trainXs), n, config.latent);
      const gen = await generate(tf, m.ae, gauss, o.samples, seed + 7);
      const fid = frechetDistance(
        fitGaussian(await featuresOfArray(tf, features, gen, o.samples), o.samples, features.dim),
        real,
      );
      const heldOutMse = await reconstructionMse(tf, m.ae, realXs);
      const k = Math.min(o.keepImages, o.samples);
      records.set(id, {
        id,
        config,
        epochs: m.epochs,
        fid,
        heldOutMse,
        images: Uint8Array.from(gen.subarray(0, k * PIXELS), (p) => Math.round(p * 255)),
      });
      return fid;
    },
  };
}
