/**
 * The ae-q2 evidence: what a Fréchet distance on features does and does not measure.
 * 1. bias — FID estimated from n samples per side, for two real samples (true distance 0) and for
 *    generated samples, as n grows;
 * 2. dependence on the feature extractor — the same generators scored in three feature spaces, and
 *    whether their ranking survives;
 * 3. blindness to memorisation — a "generator" that returns copies of its training images scores as
 *    well as real data, while a nearest-neighbour probe exposes it.
 */
import type * as TF from '@tensorflow/tfjs';
import { fitGaussian, frechetDistance } from '../metrics/frechet.ts';
import { permutation } from '../util/random.ts';
import { featuresOfArray, type FeatureExtractor } from './features.ts';
import { meanNearestDistance, precisionRecall } from './precision-recall.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

/** Rows `idx` of a row-major [·, d] array. */
export function takeRows(x: Float32Array, d: number, idx: ArrayLike<number>): Float32Array {
  const out = new Float32Array(idx.length * d);
  for (let i = 0; i < idx.length; i++) out.set(x.subarray(idx[i]! * d, (idx[i]! + 1) * d), i * d);
  return out;
}

/** FID between n random rows of a and n random rows of b (seeded draws without replacement). */
export function fidOfSubsets(
  a: Float32Array,
  na: number,
  b: Float32Array,
  nb: number,
  d: number,
  n: number,
  seed: number,
): number {
  if (n > na || n > nb) throw new Error(`fidOfSubsets: asked for ${n} rows, have ${na} and ${nb}`);
  const ia = permutation(na, seed).subarray(0, n);
  const ib = permutation(nb, seed + 1).subarray(0, n);
  return frechetDistance(
    fitGaussian(takeRows(a, d, ia), n, d),
    fitGaussian(takeRows(b, d, ib), n, d),
  );
}

export interface BiasCurve {
  sizes: number[];
  /** label → mean FID over the repeats at each size. */
  series: { label: string; fid: number[] }[];
}

/**
 * FID against `reference` features as the sample size n grows (mean of `repeats` seeded draws).
 * `sets` are the feature arrays to score (e.g. a second real sample, generated samples).
 */
export function fidVsSampleSize(
  reference: Float32Array,
  nRef: number,
  sets: { label: string; x: Float32Array; n: number }[],
  d: number,
  sizes: number[],
  repeats: number,
  seed: number,
): BiasCurve {
  return {
    sizes,
    series: sets.map((s) => ({
      label: s.label,
      fid: sizes.map((n) => {
        let sum = 0;
        for (let r = 0; r < repeats; r++)
          sum += fidOfSubsets(s.x, s.n, reference, nRef, d, n, seed + 97 * r + n);
        return sum / repeats;
      }),
    })),
  };
}

export interface GeneratorScores {
  label: string;
  /** FID per feature extractor name. */
  fid: Record<string, number>;
  precision: number;
  recall: number;
  /** Mean pixel distance from a generated image to its nearest training image. */
  nearestTrain: number;
}

/**
 * Score generators (flat [n × 784] images in [0, 1]) against real held-out images under several
 * feature extractors; precision/recall use the first extractor; the nearest-training-image distance
 * is in pixel space.
 */
export async function scoreGenerators(
  tf: typeof TF,
  generators: { label: string; images: Float32Array }[],
  real: Float32Array,
  trainImages: Float32Array,
  extractors: FeatureExtractor[],
): Promise<GeneratorScores[]> {
  const nReal = real.length / PIXELS;
  const realFeat = await Promise.all(extractors.map((e) => featuresOfArray(tf, e, real, nReal)));
  const realG = realFeat.map((f, i) => fitGaussian(f, nReal, extractors[i]!.dim));
  const out: GeneratorScores[] = [];
  for (const g of generators) {
    const n = g.images.length / PIXELS;
    const fid: Record<string, number> = {};
    let pr = { precision: NaN, recall: NaN };
    for (const [i, e] of extractors.entries()) {
      const f = await featuresOfArray(tf, e, g.images, n);
      fid[e.name] = frechetDistance(fitGaussian(f, n, e.dim), realG[i]!);
      if (i === 0)
        pr = await precisionRecall(
          tf,
          realFeat[0]!.subarray(0, Math.min(nReal, n) * e.dim),
          f,
          e.dim,
        );
    }
    out.push({
      label: g.label,
      fid,
      ...pr,
      nearestTrain: await meanNearestDistance(
        tf,
        g.images.subarray(0, Math.min(n, 200) * PIXELS),
        trainImages,
        PIXELS,
      ),
    });
  }
  return out;
}

/** Ranks (1 = best = lowest) of values; ties share the lower rank. */
export function ranks(values: number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w < v).length);
}

/**
 * Least-squares fit FID(n) ≈ a + b/n over the sample sizes (FID's bias shrinks like 1/n — Chong &
 * Forsyth, 2020); `a` estimates the FID of infinitely many samples.
 */
export function extrapolateFid(
  sizes: number[],
  fid: number[],
): { infinite: number; slope: number } {
  if (sizes.length !== fid.length || sizes.length < 2)
    throw new Error('extrapolateFid: need at least two sizes');
  const x = sizes.map((n) => 1 / n);
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = fid.reduce((s, v) => s + v, 0) / fid.length;
  let sxy = 0;
  let sxx = 0;
  x.forEach((v, i) => {
    sxy += (v - mx) * (fid[i]! - my);
    sxx += (v - mx) ** 2;
  });
  const slope = sxy / sxx;
  return { infinite: my - slope * mx, slope };
}
