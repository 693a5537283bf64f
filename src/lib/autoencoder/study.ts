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
import { planSearch, SEARCH_DEFAULTS, type SearchExperimentOptions } from './search-experiment.ts';
import {
  runSearchSeed,
  searchStudyJson,
  type SearchSeedJson,
  type SearchStudyJson,
} from './search-study.ts';
import { configLabel, hiddenOf, type AeTrialConfig } from './search.ts';
import { permutation } from '../util/random.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface StudyOptions {
  search: Partial<SearchExperimentOptions>;
  /** Seeds of the search part (each seed draws its own configurations and initialisations). */
  searchSeeds: number[];
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
    budget: 30,
    maxEpochs: 5,
    batchSize: 100,
    learningRate: 2e-3,
  },
  searchSeeds: [1, 2, 3],
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
    budget: 4,
    maxEpochs: 1,
    maxHalvingTrials: 4,
    batchSize: 50,
  },
  searchSeeds: [1, 2, 3],
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

/** When a part of the study was run, how long it took and on which backend. */
export interface PartRun {
  ranAt: string;
  seconds: number | null;
  backend: string;
  note?: string;
}

export type MetricPart = Pick<StudyResult, 'featureNet' | 'bias' | 'extractors' | 'generators'>;

export interface StudyResult {
  format: 'runnable-answers/ae-study@2';
  options: StudyOptions;
  featureNet: { sizes: number[]; testAccuracy: number };
  /** Part 1 (ae-q1): the search at every seed. */
  search: SearchStudyJson;
  /** Parts 2–4 (ae-q2): bias curve, extractors, memorisation. */
  bias: BiasCurve;
  extractors: string[];
  generators: (GeneratorScores & { ranks: Record<string, number>; images: string })[];
  parts: { search: PartRun; metric: PartRun };
}

/**
 * Part 1: both search arms at every seed of `o.searchSeeds`. `perSeed` may wrap each seed's run
 * (the script uses it to resume from saved seeds).
 */
export async function runSearchPart(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  saved: SavedMlp,
  o: StudyOptions,
  hooks: {
    log?: (s: string) => void;
    onProgress?: (fraction: number, text: string) => void;
    perSeed?: (seed: number, run: () => Promise<SearchSeedJson>) => Promise<SearchSeedJson>;
  } = {},
): Promise<SearchStudyJson> {
  const plan = planSearch({ ...SEARCH_DEFAULTS, ...o.search });
  hooks.log?.(
    `search plan per seed: random ${plan.randomTrials} trials × ${o.search.maxEpochs} epochs; successive halving ${plan.brackets} bracket(s) of ${plan.halvingTrials} trials from ${plan.minBudget} epochs`,
  );
  const perSeed = hooks.perSeed ?? ((_seed, run) => run());
  const runs: SearchSeedJson[] = [];
  for (const [i, seed] of o.searchSeeds.entries())
    runs.push(
      await perSeed(seed, async () => {
        const cls = classifierFeatures(tf, saved);
        try {
          return await runSearchSeed(tf, trainSet, testSet, cls, o.search, seed, (f, t) =>
            hooks.onProgress?.((i + f) / o.searchSeeds.length, `seed ${seed}: ${t}`),
          );
        } finally {
          cls.dispose();
        }
      }),
    );
  return searchStudyJson(o.search, runs);
}

/** Both parts, run now (the small test version; the script can run them separately). */
export async function runStudy(
  tf: typeof TF,
  backend: string,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  saved: SavedMlp,
  o: StudyOptions,
  log: (s: string) => void = () => {},
): Promise<StudyResult> {
  const ranAt = new Date().toISOString();
  let t = Date.now();
  const search = await runSearchPart(tf, trainSet, testSet, saved, o, { log });
  const searchSeconds = (Date.now() - t) / 1000;
  t = Date.now();
  const metric = await runMetricPart(tf, trainSet, testSet, saved, o, log);
  return {
    format: 'runnable-answers/ae-study@2',
    options: o,
    ...metric,
    search,
    parts: {
      search: { ranAt, seconds: searchSeconds, backend },
      metric: { ranAt, seconds: (Date.now() - t) / 1000, backend },
    },
  };
}

/** Parts 2–4: fixed autoencoders, the FID bias curve, the extractor comparison and memorisation. */
export async function runMetricPart(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  saved: SavedMlp,
  o: StudyOptions,
  log: (s: string) => void = () => {},
): Promise<MetricPart> {
  const cls = classifierFeatures(tf, saved);
  const extractors = [cls, pooledPixelFeatures(tf), randomNetFeatures(tf, FEATURE_NET_SIZES, 1)];
  try {
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
    /** The first k images of a split, values in [0, 1]. */
    const firstImages = (split: MnistSplit, k: number) =>
      Float32Array.from(split.images.subarray(0, k * PIXELS), (v) => v / 255);
    const trainPix = firstImages(trainSet, n);
    const memIdx = permutation(n, o.seed + 5).subarray(0, Math.min(o.samples, n));
    const memoriser = {
      label: 'memoriser: copies of training images',
      images: takeRows(trainPix, PIXELS, memIdx),
    };
    const nReal = Math.min(o.samples, testSet.count);
    const realPix = firstImages(testSet, nReal);

    // 3. Bias: FID vs sample size (reference: held-out test features).
    const nTest = Math.min(testSet.count, Math.max(...o.sizes) * 2);
    const testFeat = await featuresOfArray(tf, cls, firstImages(testSet, nTest), nTest);
    const nTrainF = Math.min(trainSet.count, Math.max(...o.sizes) * 2);
    const trainFeat = await featuresOfArray(tf, cls, firstImages(trainSet, nTrainF), nTrainF);
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
      featureNet: { sizes: saved.sizes, testAccuracy: Number(saved.info.testAccuracy) },
      bias,
      extractors: names,
      generators: scores.map((s, i) => ({
        ...s,
        ranks: Object.fromEntries(names.map((nm) => [nm, rankBy[nm]![i]!])),
        images: b64(toU8(all[i]!.images.subarray(0, 8 * PIXELS))),
      })),
    };
  } finally {
    extractors.forEach((e) => e.dispose());
  }
}
