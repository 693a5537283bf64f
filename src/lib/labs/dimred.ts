/**
 * dl-56: dimensionality reduction of MNIST to two numbers per image, by an autoencoder with a 2-unit
 * code and by PCA, measured the same way for both:
 *   - k-NN accuracy in the 2-D space (training images' codes are the reference, test images are
 *     classified by the majority label of their k nearest codes) — how well digits stay apart;
 *   - reconstruction MSE on the test images (pixels in [0, 1]) — how much of the image two numbers keep.
 *
 * The autoencoder is the project's (../autoencoder/model.ts, trained by ../autoencoder/train.ts). PCA
 * returns the `Pca` of ../autoencoder/pca.ts and projects with its `projectPca`; only the fit differs:
 * fitPca there diagonalises the whole d×d covariance by Jacobi rotations, which for d = 784 blocks the
 * page for many seconds. We form the covariance with one matrix product on the tfjs backend and find
 * only the top directions by subspace iteration; a unit test checks the result against fitPca.
 */
import type * as TF from '@tensorflow/tfjs';
import { createAutoencoder, initOutputBiasToMean, type Autoencoder } from '../autoencoder/model.ts';
import { trainAutoencoder } from '../autoencoder/train.ts';
import { encodeAll } from '../autoencoder/generate.ts';
import { projectPca, type Pca } from '../autoencoder/pca.ts';
import { fitGaussian, symmetricEigen } from '../metrics/frechet.ts';
import type { MnistSplit } from '../data/mnist.ts';
import type { EpochInfo, StepInfo, TrainResult } from '../train/engine.ts';
import type { AdamRunOptions } from '../train/adam-settings.ts';
import { rng } from '../util/random.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

/** Orthonormalise the m columns of q (d×m, row-major) in place by modified Gram–Schmidt. */
function orthonormalise(q: Float64Array, d: number, m: number): void {
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < a; b++) {
      let dot = 0;
      for (let i = 0; i < d; i++) dot += q[i * m + a]! * q[i * m + b]!;
      for (let i = 0; i < d; i++) q[i * m + a]! -= dot * q[i * m + b]!;
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += q[i * m + a]! ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < d; i++) q[i * m + a]! /= norm;
  }
}

/**
 * The top-k principal components from a mean and a d×d covariance (float64, row-major), as a `Pca`
 * from pca.ts: subspace iteration Q ← orth(C·Q) with m = k + 4 columns, then a Rayleigh–Ritz step
 * (the small matrix QᵀCQ diagonalised with symmetricEigen). The error in the top k directions shrinks
 * like (λ_{m+1} / λ_k)^iterations. Signs are fixed like fitPca's (largest |entry| positive).
 */
export function topPcaFromCovariance(
  mean: Float64Array,
  c: Float64Array,
  d: number,
  k = 2,
  iterations = 50,
  seed = 0,
): Pca {
  const m = Math.min(d, k + 4);
  const r = rng(seed);
  let q = Float64Array.from({ length: d * m }, () => r.normal());
  orthonormalise(q, d, m);
  const cq = new Float64Array(d * m);
  const multiply = () => {
    cq.fill(0);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        const cij = c[i * d + j]!;
        if (cij === 0) continue;
        for (let a = 0; a < m; a++) cq[i * m + a]! += cij * q[j * m + a]!;
      }
  };
  for (let it = 0; it < iterations; it++) {
    multiply();
    q = Float64Array.from(cq);
    orthonormalise(q, d, m);
  }
  // Rayleigh–Ritz: T = Qᵀ C Q (m×m), whose eigenvectors rotate Q onto the principal directions.
  multiply();
  const t = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = 0; b < m; b++)
      for (let i = 0; i < d; i++) t[a * m + b]! += q[i * m + a]! * cq[i * m + b]!;
  for (let a = 0; a < m; a++)
    for (let b = a + 1; b < m; b++)
      t[a * m + b] = t[b * m + a] = (t[a * m + b]! + t[b * m + a]!) / 2;
  const { values, vectors } = symmetricEigen(t, m);
  const order = Array.from(values.keys()).sort((a, b) => values[b]! - values[a]!);
  let total = 0;
  for (let i = 0; i < d; i++) total += c[i * d + i]!;
  const kk = Math.min(k, d);
  const components = new Float64Array(kk * d);
  const variances = new Float64Array(kk);
  const explained = new Float64Array(kk);
  order.slice(0, kk).forEach((col, row) => {
    variances[row] = Math.max(values[col]!, 0);
    explained[row] = total > 0 ? variances[row]! / total : 0;
    const u = new Float64Array(d);
    for (let i = 0; i < d; i++)
      for (let a = 0; a < m; a++) u[i]! += q[i * m + a]! * vectors[a * m + col]!;
    let big = 0;
    for (const v of u) if (Math.abs(v) > Math.abs(big)) big = v;
    const s = big < 0 ? -1 : 1;
    for (let i = 0; i < d; i++) components[row * d + i] = s * u[i]!;
  });
  return { d, mean: Float64Array.from(mean), components, variances, explained };
}

/** fitPca's answer for the top k components (n rows of dimension d), all in float64 on the CPU. */
export function fitTopPca(
  x: ArrayLike<number>,
  n: number,
  d: number,
  k = 2,
  iterations = 50,
  seed = 0,
): Pca {
  const g = fitGaussian(x, n, d);
  return topPcaFromCovariance(g.mean, g.cov, d, k, iterations, seed);
}

/**
 * Mean and covariance (divisor n − 1) of the rows of xs [n, d], computed on the tfjs backend (one
 * d×n by n×d product; float32) and returned as float64 arrays for topPcaFromCovariance.
 */
export async function covarianceOnDevice(
  tf: typeof TF,
  xs: TF.Tensor2D,
): Promise<{ mean: Float64Array; cov: Float64Array }> {
  const n = xs.shape[0];
  if (n < 2) throw new Error('covarianceOnDevice: need at least 2 rows');
  const [m, c] = tf.tidy(() => {
    const mu = tf.mean(xs, 0, true);
    const xc = tf.sub(xs, mu);
    // An explicit transpose: tfjs's WebAssembly matMul is many times slower with transposeA = true.
    return [mu, tf.div(tf.matMul(tf.transpose(xc), xc), n - 1)];
  });
  try {
    return { mean: Float64Array.from(await m.data()), cov: Float64Array.from(await c.data()) };
  } finally {
    tf.dispose([m, c]);
  }
}

/** Map n codes (n×k) back to the input space: mean + Σ_r code_r · component_r. */
export function pcaReconstruct(p: Pca, codes: ArrayLike<number>, n: number): Float32Array {
  const { d } = p;
  const k = p.components.length / d;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      let v = p.mean[j]!;
      for (let r = 0; r < k; r++) v += codes[i * k + r]! * p.components[r * d + j]!;
      out[i * d + j] = v;
    }
  return out;
}

/** Mean squared difference of two equally long arrays. */
export function meanSquaredError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error('meanSquaredError: length mismatch');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return a.length ? s / a.length : 0;
}

/**
 * k-nearest-neighbour classification of `query` points by the labelled `reference` points (both rows
 * of `dim` numbers, Euclidean distance). The majority label among the k nearest wins; a tie goes to
 * the tied label whose nearest member is closest. Returns the predicted labels.
 */
export function knnPredict(
  reference: ArrayLike<number>,
  refLabels: ArrayLike<number>,
  query: ArrayLike<number>,
  dim: number,
  k: number,
  classes = 10,
): Int32Array {
  const nRef = refLabels.length;
  const nQ = query.length / dim;
  if (reference.length !== nRef * dim) throw new Error('knnPredict: reference and labels disagree');
  if (!(Number.isInteger(k) && k >= 1 && k <= nRef))
    throw new Error(`knnPredict: k must be from 1 to ${nRef}`);
  const out = new Int32Array(nQ);
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  const votes = new Int32Array(classes);
  const first = new Float64Array(classes);
  for (let q = 0; q < nQ; q++) {
    bestD.fill(Infinity);
    bestI.fill(-1);
    for (let i = 0; i < nRef; i++) {
      let dist = 0;
      for (let j = 0; j < dim; j++) dist += (reference[i * dim + j]! - query[q * dim + j]!) ** 2;
      if (dist >= bestD[k - 1]!) continue;
      // Insert into the sorted list of the k best so far.
      let p = k - 1;
      while (p > 0 && bestD[p - 1]! > dist) {
        bestD[p] = bestD[p - 1]!;
        bestI[p] = bestI[p - 1]!;
        p--;
      }
      bestD[p] = dist;
      bestI[p] = i;
    }
    votes.fill(0);
    first.fill(Infinity);
    for (let p = 0; p < k; p++) {
      const lab = refLabels[bestI[p]!]!;
      votes[lab]!++;
      if (first[lab] === Infinity) first[lab] = bestD[p]!;
    }
    let win = 0;
    for (let c = 1; c < classes; c++)
      if (votes[c]! > votes[win]! || (votes[c] === votes[win] && first[c]! < first[win]!)) win = c;
    out[q] = win;
  }
  return out;
}

/** Fraction of `pred` equal to `labels`. */
export function agreement(pred: ArrayLike<number>, labels: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (pred[i] === labels[i]) ok++;
  return labels.length ? ok / labels.length : 0;
}

/** Share of the most frequent label: the accuracy of always guessing it (the chance level). */
export function majorityShare(labels: ArrayLike<number>, classes = 10): number {
  const c = new Int32Array(classes);
  for (let i = 0; i < labels.length; i++) c[labels[i]!]!++;
  return labels.length ? Math.max(...c) / labels.length : 0;
}

const toUnit = (images: Uint8Array) => Float32Array.from(images, (v) => v / 255);
/** Pixel values in [0, 1] back to bytes (clipped), for drawing. */
export const toBytes = (x: ArrayLike<number>) =>
  Uint8Array.from(x as ArrayLike<number>, (v) => Math.round(255 * Math.min(1, Math.max(0, v))));

/** Codes [n, latent] and reconstructions [n, 784] of `x` (rows of 784 in [0, 1]), in batches. */
export async function encodeAndReconstruct(
  tf: typeof TF,
  ae: Autoencoder,
  x: Float32Array,
  batchSize = 1000,
): Promise<{ codes: Float32Array; recon: Float32Array }> {
  const n = x.length / PIXELS;
  const L = ae.config.latent;
  const codes = new Float32Array(n * L);
  const recon = new Float32Array(n * PIXELS);
  for (let s = 0; s < n; s += batchSize) {
    const size = Math.min(batchSize, n - s);
    const [z, xr] = tf.tidy(() => {
      const xb = tf.tensor2d(x.subarray(s * PIXELS, (s + size) * PIXELS), [size, PIXELS]);
      const zb = ae.encode(xb);
      return [zb, ae.decode(zb)];
    });
    try {
      codes.set((await z.data()) as Float32Array, s * L);
      recon.set((await xr.data()) as Float32Array, s * PIXELS);
    } finally {
      tf.dispose([z, xr]);
    }
  }
  return { codes, recon };
}

export interface Embedding {
  /** Test codes, n×2 row-major. */
  codes: Float32Array;
  /** k-NN accuracy of the test codes against the training codes. */
  knn: number;
  /** Test reconstruction MSE per pixel. */
  mse: number;
}

export interface DimRedOptions extends AdamRunOptions {
  /** Encoder hidden widths (the decoder mirrors them); the code has 2 units. */
  hidden: number[];
  /** Neighbours for the k-NN measure. */
  k: number;
  onStep?: (s: StepInfo) => void;
  /** After PCA is fitted (before the autoencoder trains). */
  onPca?: (pca: Embedding & { explained: [number, number] }) => void | Promise<void>;
  /** After each epoch, with the autoencoder's current test codes and scores, and PCA's to compare. */
  onEpoch?: (
    e: EpochInfo,
    ae: Embedding,
    pca: Embedding & { explained: [number, number] },
  ) => void | Promise<void>;
}

/** The settings of the page's lab that the reader does not choose. */
export const DIMRED_LAB = {
  batchSize: 64,
  learningRate: 2e-3,
  seed: 1,
} satisfies Partial<DimRedOptions>;

export interface DimRedResult {
  result: TrainResult;
  pca: Embedding & { explained: [number, number] };
  /** Absent when cancelled before the first epoch ended. */
  ae?: Embedding;
  /** Per epoch: mean training loss (binary cross-entropy) and the test reconstruction MSE. */
  history: { loss: number; mse: number; knn: number }[];
  testLabels: Uint8Array;
  /** The first test images (bytes, count×784) and their reconstructions by each method. */
  examples: { count: number; original: Uint8Array; ae?: Uint8Array; pca: Uint8Array };
  /** Accuracy of always guessing the most frequent test digit. */
  chance: number;
  parameterCount: number;
}

/** Check the options; a reader-facing message for the first problem, or null. */
export function dimRedProblem(
  o: Pick<DimRedOptions, 'epochs' | 'k' | 'hidden'>,
  nTrain: number,
): string | null {
  if (!(Number.isInteger(o.epochs) && o.epochs >= 1 && o.epochs <= 50))
    return 'Epochs must be a whole number from 1 to 50.';
  if (!(Number.isInteger(o.k) && o.k >= 1 && o.k <= Math.min(50, nTrain)))
    return `k must be a whole number from 1 to ${Math.min(50, nTrain)}.`;
  if (!o.hidden.every((h) => Number.isInteger(h) && h >= 2 && h <= 2048))
    return 'Hidden widths must be whole numbers from 2 to 2048.';
  return null;
}

/**
 * PCA to 2-D (fitted on the training images), then an autoencoder 784 → hidden → 2 → hidden → 784
 * trained with binary cross-entropy and Adam; both scored by k-NN accuracy and reconstruction MSE on
 * the test images. Frees every tensor it creates.
 */
export async function runDimRed(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: DimRedOptions,
): Promise<DimRedResult> {
  const problem = dimRedProblem(o, trainSet.count);
  if (problem) throw new Error(problem);
  const xTrain = toUnit(trainSet.images);
  const xTest = toUnit(testSet.images);
  const chance = majorityShare(testSet.labels);
  const xs = tf.tensor2d(xTrain, [trainSet.count, PIXELS]);
  let ae: Autoencoder | null = null;
  try {
    // PCA: covariance of the training images, its top two directions, test images projected onto them.
    const { mean, cov } = await covarianceOnDevice(tf, xs);
    const p = topPcaFromCovariance(mean, cov, PIXELS, 2, 50, o.seed);
    const pcaTrain = projectPca(p, xTrain, trainSet.count);
    const pcaTest = projectPca(p, xTest, testSet.count);
    const pcaRecon = pcaReconstruct(p, pcaTest, testSet.count);
    const shown = Math.min(10, testSet.count);
    const examples: DimRedResult['examples'] = {
      count: shown,
      original: testSet.images.slice(0, shown * PIXELS),
      pca: toBytes(pcaRecon.subarray(0, shown * PIXELS)),
    };
    const pca = {
      codes: pcaTest,
      knn: agreement(knnPredict(pcaTrain, trainSet.labels, pcaTest, 2, o.k), testSet.labels),
      mse: meanSquaredError(pcaRecon, xTest),
      explained: [p.explained[0]!, p.explained[1]!] as [number, number],
    };
    await o.onPca?.(pca);

    // The autoencoder with a 2-unit code, measured the same way after every epoch.
    const model = createAutoencoder(
      tf,
      { inputSize: PIXELS, hidden: o.hidden, latent: 2, loss: 'bce' },
      o.seed,
    );
    ae = model;
    initOutputBiasToMean(tf, model, xs);
    const history: DimRedResult['history'] = [];
    let latest: Embedding | undefined;
    const result = await trainAutoencoder(tf, model, xs, {
      epochs: o.epochs,
      batchSize: o.batchSize,
      optimizer: { name: 'adam', learningRate: o.learningRate },
      seed: o.seed,
      signal: o.signal,
      onStep: o.onStep,
      evaluate: async () => {
        const trainCodes = await encodeAll(tf, model, xs);
        const { codes, recon } = await encodeAndReconstruct(tf, model, xTest);
        latest = {
          codes,
          knn: agreement(knnPredict(trainCodes, trainSet.labels, codes, 2, o.k), testSet.labels),
          mse: meanSquaredError(recon, xTest),
        };
        examples.ae = toBytes(recon.subarray(0, shown * PIXELS));
        return latest.mse;
      },
      onEpoch: async (e) => {
        history.push({ loss: e.loss, mse: latest!.mse, knn: latest!.knn });
        await o.onEpoch?.(e, latest!, pca);
      },
    });
    const parameterCount = model.variables.reduce((s, v) => s + v.size, 0);
    return {
      result,
      pca,
      ae: latest,
      history,
      testLabels: testSet.labels,
      examples,
      chance,
      parameterCount,
    };
  } finally {
    ae?.dispose();
    xs.dispose();
  }
}
