/**
 * The four test-set variants of the MNIST robustness task, as defined by this site (the task's own
 * t1–t4 files are not public). Every variant is made from the clean test images, keeps their order and
 * labels, and is deterministic: the same seed gives the same bytes, whatever the tfjs backend.
 *
 * Images are float32 in [0, 1], `count × 784`, row-major (pixel p = row·28 + column).
 *  - t1: one fixed random pixel permutation applied to every image (a bijection of pixel positions).
 *  - t2: an independent random pixel permutation per image.
 *  - t3: additive Gaussian noise N(0, σ²) per pixel, clipped to [0, 1].
 *  - t4: an L∞ PGD perturbation against the shipped baseline (see ./attacks.ts), quantised to 1/255;
 *        it needs the model, so it is made by scripts/experiments.ts and shipped as a file.
 */
import type { MnistSplit } from '../data/mnist.ts';
import { permutation, rng, shuffleInPlace } from '../util/random.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export const VARIANTS = ['clean', 't1', 't2', 't3', 't4'] as const;
export type VariantId = (typeof VARIANTS)[number];

/** Labelled images: x holds count × 784 values in [0, 1]. */
export interface ImageSet {
  x: Float32Array;
  labels: Uint8Array;
  count: number;
}

/** The parameters of our variants (documented on the pages; change them and re-run the experiments). */
export const VARIANT_PARAMS = {
  t1: { seed: 1001 },
  t2: { seed: 2002 },
  t3: { seed: 3003, sigma: 0.5 },
  t4: { eps: 0.1, steps: 5, alpha: 0.05 },
} as const;

/** MNIST bytes (0–255) to an ImageSet with values in [0, 1]. */
export function fromSplit(split: MnistSplit): ImageSet {
  const x = new Float32Array(split.count * PIXELS);
  for (let i = 0; i < x.length; i++) x[i] = split.images[i]! / 255;
  return { x, labels: split.labels, count: split.count };
}

/** The first n examples of a set (views, no copy). */
export function head(set: ImageSet, n: number): ImageSet {
  const m = Math.max(0, Math.min(n, set.count));
  return { x: set.x.subarray(0, m * PIXELS), labels: set.labels.subarray(0, m), count: m };
}

/** The fixed pixel permutation of t1: output pixel j reads input pixel perm[j]. */
export function fixedPermutation(seed: number = VARIANT_PARAMS.t1.seed): Uint32Array {
  return permutation(PIXELS, seed);
}

/** Apply one permutation to every image: out[i, j] = x[i, perm[j]]. */
export function permutePixels(set: ImageSet, perm: ArrayLike<number>): ImageSet {
  if (perm.length !== PIXELS)
    throw new Error(`permutePixels: need ${PIXELS} indices, got ${perm.length}`);
  const x = new Float32Array(set.x.length);
  for (let i = 0; i < set.count; i++) {
    const o = i * PIXELS;
    for (let j = 0; j < PIXELS; j++) x[o + j] = set.x[o + perm[j]!]!;
  }
  return { x, labels: set.labels, count: set.count };
}

/**
 * A fresh uniformly random permutation of each image's pixels, drawn from one seeded stream in image
 * order, so the first n images of a variant do not depend on how many images follow.
 */
export function permuteEachImage(set: ImageSet, seed: number = VARIANT_PARAMS.t2.seed): ImageSet {
  const r = rng(seed);
  const x = new Float32Array(set.x.length);
  const p = new Uint32Array(PIXELS);
  for (let i = 0; i < set.count; i++) {
    for (let j = 0; j < PIXELS; j++) p[j] = j;
    shuffleInPlace(p, r);
    const o = i * PIXELS;
    for (let j = 0; j < PIXELS; j++) x[o + j] = set.x[o + p[j]!]!;
  }
  return { x, labels: set.labels, count: set.count };
}

/** Add N(0, σ²) noise to every pixel and clip to [0, 1] (one seeded stream in image order). */
export function gaussianNoise(
  set: ImageSet,
  sigma: number = VARIANT_PARAMS.t3.sigma,
  seed: number = VARIANT_PARAMS.t3.seed,
): ImageSet {
  const r = rng(seed);
  const x = new Float32Array(set.x.length);
  for (let i = 0; i < x.length; i++)
    x[i] = Math.min(1, Math.max(0, set.x[i]! + sigma * r.normal()));
  return { x, labels: set.labels, count: set.count };
}

/** Each image's pixel values in decreasing order: the complete invariant of a pixel permutation. */
export function sortPixels(set: ImageSet): ImageSet {
  const x = new Float32Array(set.x.length);
  for (let i = 0; i < set.count; i++) {
    const row = set.x
      .slice(i * PIXELS, (i + 1) * PIXELS)
      .sort()
      .reverse();
    x.set(row, i * PIXELS);
  }
  return { x, labels: set.labels, count: set.count };
}

/** t1–t3 from the clean set (t4 needs the model: see makeT4 in ./experiments.ts). */
export function makeVariant(clean: ImageSet, id: 'clean' | 't1' | 't2' | 't3'): ImageSet {
  switch (id) {
    case 'clean':
      return clean;
    case 't1':
      return permutePixels(clean, fixedPermutation());
    case 't2':
      return permuteEachImage(clean);
    case 't3':
      return gaussianNoise(clean);
  }
}

/** Quantise images to bytes 0–255 (round to nearest). */
export function toBytes(x: Float32Array): Uint8Array {
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.round(Math.min(1, Math.max(0, x[i]!)) * 255);
  return out;
}

/** Bytes 0–255 to floats in [0, 1]. */
export function fromBytes(b: Uint8Array): Float32Array {
  const out = new Float32Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b[i]! / 255;
  return out;
}

/** Per-image perturbation norms ‖x̃ − x‖₂ and ‖x̃ − x‖∞, averaged over the set. */
export function perturbationNorms(clean: ImageSet, other: ImageSet): { l2: number; linf: number } {
  if (clean.count !== other.count) throw new Error('perturbationNorms: sets differ in size');
  let l2 = 0;
  let linf = 0;
  for (let i = 0; i < clean.count; i++) {
    let s = 0;
    let m = 0;
    for (let j = i * PIXELS; j < (i + 1) * PIXELS; j++) {
      const d = Math.abs(other.x[j]! - clean.x[j]!);
      s += d * d;
      if (d > m) m = d;
    }
    l2 += Math.sqrt(s);
    linf += m;
  }
  return { l2: clean.count ? l2 / clean.count : 0, linf: clean.count ? linf / clean.count : 0 };
}
