/**
 * The reproducible ae-q1/ae-q2 study behind src/data/autoencoder-search.json
 * (scripts/autoencoder-search.ts runs it; a unit test runs a small version):
 * random search vs successive halving at equal budget, then the FID bias curve, the feature-extractor
 * comparison and the memorisation test on a few fixed autoencoders.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createAutoencoder, initOutputBiasToMean } from './model.ts';
import { trainAutoencoder } from './train.ts';
import { encodeAll, fitCodeGaussian, generate } from './generate.ts';
import {
  classifierFeatures,
  featuresOfArray,
  pooledPixelFeatures,
  randomNetFeatures,
  type SavedMlp,
} from './features.ts';
import { FEATURE_NET_SIZES } from './feature-net.ts';
import {
  fidVsSampleSize,
  ranks,
  scoreGenerators,
  takeRows,
  type BiasCurve,
  type GeneratorScores,
} from './fid-study.ts';
import {
  planSearch,
  runSearchExperiment,
  SEARCH_DEFAULTS,
  type SearchExperimentOptions,
} from './search-experiment.ts';
import { configLabel, hiddenOf, type AeTrialConfig } from './search.ts';
import { permutation } from '../util/random.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface StudyOptions {
  search: Partial<SearchExperimentOptions>;
  /** Training images for the fixed study models. */
  trainImages: number;
  epochs: number;
  /** Generated / real images per FID in the extractor and memorisation comparison. */
  samples: number;
  /** Sample sizes of the bias curve, and repeats per size. */
  sizes: number[];
  repeats: number;
  seed: number;
}

export const STUDY_FULL: StudyOptions = {
  search: {
    trainImages: 10000,
    realImages: 2000,
    samples: 1000,
    budget: 24,
    maxEpochs: 8,
    batchSize: 100,
    learningRate: 2e-3,
  },
  trainImages: 10000,
  epochs: 8,
  samples: 2000,
  sizes: [25, 50, 100, 200, 500, 1000, 2000, 5000],
  repeats: 3,
  seed: 1,
};

export const STUDY_SMALL: StudyOptions = {
  search: {
    trainImages: 300,
    realImages: 200,
    samples: 100,
    budget: 2,
    maxEpochs: 1,
    maxHalvingTrials: 4,
    batchSize: 50,
  },
  trainImages: 300,
  epochs: 1,
  samples: 200,
  sizes: [25, 50, 200],
  repeats: 2,
  seed: 1,
};

/** The fixed autoencoders of the metric study: from a 2-unit code to a sparse 32-unit one. */
export const STUDY_MODELS: AeTrialConfig[] = [
  { loss: 'mse', lambda: 0, depth: 1, latent: 2 },
  { loss: 'mse', lambda: 0, depth: 1, latent: 8 },
  { loss: 'bce', lambda: 0, depth: 2, latent: 32 },
  { loss: 'mse', lambda: 0.02, depth: 2, latent: 32 },
];

const b64 = (u: Uint8Array) => {
  let s = '';
  for (const v of u) s += String.fromCharCode(v);
  return btoa(s);
};
const toU8 = (v: Float32Array) =>
  Uint8Array.from(v, (p) => Math.round(Math.min(1, Math.max(0, p)) * 255));

export interface StudyResult {
  format: 'runnable-answers/ae-study@1';
  options: StudyOptions;
  backend: string;
  featureNet: { sizes: number[]; testAccuracy: number };
  search: {
    plan: ReturnType<typeof planSearch>;
    strategies: {
      strategy: 'random' | 'halving';
      spent: number;
      trials: {
        id: number;
        label: string;
        config: AeTrialConfig;
        epochs: number;
        fid: number;
        heldOutMse: number;
      }[];
      rungs?: { budget: number; evaluated: { id: number; score: number }[]; kept: number[] }[];
      best: { id: number; label: string; fid: number; epochs: number } | null;
    }[];
  };
  bias: BiasCurve;
  extractors: string[];
  generators: (GeneratorScores & { ranks: Record<string, number>; images: string })[];
  seconds: number;
}

/** Run the whole study. `log` receives progress lines. Frees every tensor it makes. */
export async function runStudy(
  tf: typeof TF,
  backend: string,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  saved: SavedMlp,
  o: StudyOptions,
  log: (s: string) => void = () => {},
): Promise<StudyResult> {
  const t0 = Date.now();
  const cls = classifierFeatures(tf, saved);
  const extractors = [cls, pooledPixelFeatures(tf), randomNetFeatures(tf, FEATURE_NET_SIZES, 1)];
  try {
    // 1. The search.
    const searchOpts = { ...SEARCH_DEFAULTS, ...o.search, seed: o.seed };
    const plan = planSearch(searchOpts);
    log(
      `search plan: random ${plan.randomTrials} trials × ${searchOpts.maxEpochs} epochs; successive halving ${plan.halvingTrials} trials from ${plan.minBudget} epochs`,
    );
    const results = await runSearchExperiment(tf, trainSet, testSet, cls, searchOpts, {
      onRecord: (s, r) =>
        log(
          `${s} #${r.id} ${configLabel(r.config)} @${r.epochs} ep: FID ${r.fid.toFixed(2)}, MSE ${r.heldOutMse.toFixed(4)}`,
        ),
    });

    // 2. Fixed models for the metric study.
    const n = Math.min(o.trainImages, trainSet.count);
    const sub = (s: MnistSplit, k: number): MnistSplit => ({
      images: s.images.subarray(0, k * PIXELS),
      labels: s.labels.subarray(0, k),
      count: k,
    });
    const tr = toTensors(tf, sub(trainSet, n));
    const generators: { label: string; images: Float32Array }[] = [];
    try {
      for (const [i, c] of STUDY_MODELS.entries()) {
        const ae = createAutoencoder(
          tf,
          {
            inputSize: PIXELS,
            hidden: hiddenOf(c),
            latent: c.latent,
            loss: c.loss,
            codeL1: c.lambda,
            weightDecay: 1e-5,
          },
          o.seed + i,
        );
        try {
          initOutputBiasToMean(tf, ae, tr.xs);
          await trainAutoencoder(tf, ae, tr.xs, {
            epochs: o.epochs,
            batchSize: 100,
            seed: o.seed + i,
            optimizer: { name: 'adam', learningRate: 2e-3 },
          });
          const g = fitCodeGaussian(await encodeAll(tf, ae, tr.xs), n, c.latent);
          generators.push({
            label: `autoencoder ${configLabel(c)}`,
            images: await generate(
              tf,
              ae,
              g,
              Math.max(o.samples, Math.max(...o.sizes)),
              o.seed + 11,
            ),
          });
          log(`study model ${configLabel(c)} trained`);
        } finally {
          ae.dispose();
        }
      }
    } finally {
      tf.dispose([tr.xs, tr.ys]);
    }
    const asFloat = (u: Uint8Array) => Float32Array.from(u, (v) => v / 255);
    const trainPix = asFloat(trainSet.images.subarray(0, n * PIXELS));
    const memIdx = permutation(n, o.seed + 5).subarray(0, Math.min(o.samples, n));
    const memoriser = {
      label: 'memoriser: copies of training images',
      images: takeRows(trainPix, PIXELS, memIdx),
    };
    const nReal = Math.min(o.samples, testSet.count);
    const realPix = asFloat(testSet.images.subarray(0, nReal * PIXELS));

    // 3. Bias: FID vs sample size (reference: held-out test features).
    const nTest = Math.min(testSet.count, Math.max(...o.sizes) * 2);
    const testFeat = await featuresOfArray(
      tf,
      cls,
      asFloat(testSet.images.subarray(0, nTest * PIXELS)),
      nTest,
    );
    const nTrainF = Math.min(trainSet.count, Math.max(...o.sizes) * 2);
    const trainFeat = await featuresOfArray(
      tf,
      cls,
      asFloat(trainSet.images.subarray(0, nTrainF * PIXELS)),
      nTrainF,
    );
    const best = generators[2]!;
    const bestN = best.images.length / PIXELS;
    const bias = fidVsSampleSize(
      testFeat,
      nTest,
      [
        { label: 'real training images (true distance ≈ 0)', x: trainFeat, n: nTrainF },
        { label: best.label, x: await featuresOfArray(tf, cls, best.images, bestN), n: bestN },
      ],
      cls.dim,
      o.sizes.filter((s) => s <= Math.min(nTest, nTrainF, bestN)),
      o.repeats,
      o.seed,
    );
    log('bias curve done');

    // 4. Extractors and memorisation.
    const all = [
      memoriser,
      ...generators.map((g) => ({
        label: g.label,
        images: g.images.subarray(0, o.samples * PIXELS),
      })),
    ];
    const scores = await scoreGenerators(tf, all, realPix, trainPix, extractors);
    const names = extractors.map((e) => e.name);
    const rankBy = Object.fromEntries(
      names.map((nm) => [nm, ranks(scores.map((s) => s.fid[nm]!))]),
    );
    log('extractor comparison done');

    return {
      format: 'runnable-answers/ae-study@1',
      options: o,
      backend,
      featureNet: { sizes: saved.sizes, testAccuracy: Number(saved.info.testAccuracy) },
      search: {
        plan,
        strategies: results.map((r) => ({
          strategy: r.strategy,
          spent: r.spent,
          trials: r.trials.map((t) => ({
            id: t.id,
            label: configLabel(t.config),
            config: t.config,
            epochs: t.epochs,
            fid: t.fid,
            heldOutMse: t.heldOutMse,
          })),
          rungs: r.rungs?.map((g) => ({
            budget: g.budget,
            evaluated: g.evaluated.map((e) => ({ id: e.id, score: e.score })),
            kept: g.kept,
          })),
          best: r.best
            ? {
                id: r.best.id,
                label: configLabel(r.best.config),
                fid: r.best.fid,
                epochs: r.best.epochs,
              }
            : null,
        })),
      },
      bias,
      extractors: names,
      generators: scores.map((s, i) => ({
        ...s,
        ranks: Object.fromEntries(names.map((nm) => [nm, rankBy[nm]![i]!])),
        images: b64(toU8(all[i]!.images.subarray(0, 8 * PIXELS))),
      })),
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    extractors.forEach((e) => e.dispose());
  }
}
