/**
 * The task's research questions inside its own architecture family: starting from the task model
 * (./contract.ts), change one knob at a time — the reconstruction loss, λ, the layers, dropout — train
 * each variant with the task's optimiser (Adam, lr 1e-3, batches of 50) from several seeds, and score
 * held-out reconstruction error and the Fréchet distance of generated digits (codes drawn from a
 * Gaussian fitted to the training codes) to real held-out digits in the feature space of ./features.ts.
 * Every variant meets the contract; the study records that too. scripts/autoencoder-family.ts writes
 * src/data/autoencoder-family.json; a unit test runs a small version.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { fitGaussian, frechetDistance } from '../metrics/frechet.ts';
import { createAutoencoder, type AutoencoderConfig } from './model.ts';
import { trainAutoencoder } from './train.ts';
import { reconstructionMse } from './evaluate.ts';
import { encodeAll, fitCodeGaussian, generate } from './generate.ts';
import { featuresOf, featuresOfArray, type FeatureExtractor } from './features.ts';
import {
  contractChecks,
  parameterCount,
  parameterisedLayerCount,
  TASK_CONTRACT,
  taskConfig,
} from './contract.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

type Knobs = Partial<Pick<AutoencoderConfig, 'hidden' | 'loss' | 'codeL1' | 'dropout'>>;

export interface FamilyVariant {
  id: string;
  /** What differs from the task model. */
  label: string;
  knobs: Knobs;
}

export const FAMILY_VARIANTS: FamilyVariant[] = [
  { id: 'task', label: 'the task model', knobs: {} },
  { id: 'bce', label: 'binary cross-entropy instead of L2', knobs: { loss: 'bce' } },
  { id: 'lambda-0', label: 'λ = 0', knobs: { codeL1: 0 } },
  { id: 'lambda-0.03', label: 'λ = 0.03', knobs: { codeL1: 0.03 } },
  { id: 'one-hidden', label: 'one hidden layer per side (256)', knobs: { hidden: [256] } },
  { id: 'wide', label: 'wider layers (800, 200)', knobs: { hidden: [800, 200] } },
  { id: 'dropout-0.2', label: 'dropout 0.2 on hidden layers', knobs: { dropout: 0.2 } },
];

export interface FamilyStudyOptions {
  trainImages: number;
  /** Held-out test images: reconstruction error, and the real side of the Fréchet distance. */
  testImages: number;
  epochs: number;
  /** Generated images per Fréchet distance. */
  samples: number;
  seeds: number[];
}

export const FAMILY_FULL: FamilyStudyOptions = {
  trainImages: 8000,
  testImages: 1000,
  epochs: 3,
  samples: 1000,
  seeds: [1, 2],
};
export const FAMILY_SMALL: FamilyStudyOptions = {
  trainImages: 300,
  testImages: 200,
  epochs: 1,
  samples: 200,
  seeds: [1],
};

export interface FamilyRun {
  seed: number;
  heldOutMse: number;
  fid: number;
  /** Mean |code| on the held-out digits. */
  meanAbsCode: number;
  seconds: number;
}

export interface FamilyResult {
  id: string;
  label: string;
  config: AutoencoderConfig;
  layers: number;
  parameters: number;
  meetsContract: boolean;
  runs: FamilyRun[];
}

/** Run every variant from every seed. Frees all tensors it creates (the extractor stays the caller's). */
export async function runFamilyStudy(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  features: FeatureExtractor,
  o: FamilyStudyOptions,
  log: (line: string) => void = () => {},
  variants: FamilyVariant[] = FAMILY_VARIANTS,
): Promise<FamilyResult[]> {
  const first = (s: MnistSplit, n: number): MnistSplit => ({
    images: s.images.subarray(0, n * PIXELS),
    labels: s.labels.subarray(0, n),
    count: n,
  });
  const nTrain = Math.min(o.trainImages, trainSet.count);
  const tr = toTensors(tf, first(trainSet, nTrain));
  const te = toTensors(tf, first(testSet, Math.min(o.testImages, testSet.count)));
  try {
    const nTest = te.xs.shape[0];
    const real = fitGaussian(await featuresOf(tf, features, te.xs), nTest, features.dim);
    const results: FamilyResult[] = [];
    for (const v of variants) {
      const config = taskConfig(v.knobs);
      const runs: FamilyRun[] = [];
      let shape = { layers: 0, parameters: 0, meetsContract: false };
      for (const seed of o.seeds) {
        const t0 = Date.now();
        const ae = createAutoencoder(tf, config, seed);
        try {
          shape = {
            layers: parameterisedLayerCount(ae),
            parameters: parameterCount(ae),
            meetsContract: contractChecks(tf, ae).every((c) => c.passed),
          };
          await trainAutoencoder(tf, ae, tr.xs, {
            epochs: o.epochs,
            batchSize: TASK_CONTRACT.batchSize,
            seed,
            optimizer: { name: 'adam', learningRate: TASK_CONTRACT.learningRate },
          });
          const heldOutMse = await reconstructionMse(tf, ae, te.xs);
          const codes = await encodeAll(tf, ae, te.xs);
          const meanAbsCode = codes.reduce((s, z) => s + Math.abs(z), 0) / codes.length;
          const gauss = fitCodeGaussian(await encodeAll(tf, ae, tr.xs), nTrain, config.latent);
          const gen = await generate(tf, ae, gauss, o.samples, seed + 7);
          const fid = frechetDistance(
            fitGaussian(
              await featuresOfArray(tf, features, gen, o.samples),
              o.samples,
              features.dim,
            ),
            real,
          );
          runs.push({ seed, heldOutMse, fid, meanAbsCode, seconds: (Date.now() - t0) / 1000 });
          log(
            `${v.label}, seed ${seed}: held-out MSE ${heldOutMse.toFixed(5)}, FID ${fid.toFixed(2)}, mean |code| ${meanAbsCode.toFixed(3)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
          );
        } finally {
          ae.dispose();
        }
      }
      results.push({ id: v.id, label: v.label, config, ...shape, runs });
    }
    return results;
  } finally {
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}

/** Mean and half-range over seeds of one measurement. */
export function overSeeds(
  runs: FamilyRun[],
  key: 'heldOutMse' | 'fid' | 'meanAbsCode',
): { mean: number; spread: number } {
  const v = runs.map((r) => r[key]);
  return {
    mean: v.reduce((a, b) => a + b, 0) / v.length,
    spread: (Math.max(...v) - Math.min(...v)) / 2,
  };
}
