/**
 * A small variational autoencoder for MNIST (Kingma & Welling 2014; Rezende et al. 2014).
 *
 * - Data: pixels binarised at 0.5, so the Bernoulli decoder defines a proper likelihood and
 *   −ELBO is a true upper bound on −log p(x), in nats.
 * - Encoder: 784 → hidden (ReLU) → 2L, read as the mean μ and the log-variance log σ² of q(z | x).
 * - Sampling: z = μ + σ ⊙ ε, ε ~ N(0, I) drawn from the project's seeded RNG (the trick: the noise has
 *   no parameters, so gradients reach μ and σ).
 * - Decoder: L → hidden (ReLU) → 784 Bernoulli logits.
 * - The decoder's output bias starts at the logit of the training set's mean image, so training starts
 *   from the best input-independent model (the "mean digit") instead of fair coins for every pixel.
 * - Loss per example: reconstruction −log p(x | z) = Σ_pixels [softplus(ℓ) − x ℓ] plus
 *   KL[q(z | x) ‖ N(0, I)] in closed form; the batch mean of their sum is −ELBO.
 * Training goes through the shared engine (src/lib/train/engine.ts).
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, type MLP, type Trainable } from '../models/mlp.ts';
import { train, type StepInfo, type TrainResult } from '../train/engine.ts';
import { normalArray, rng } from '../util/random.ts';
import type { MnistSplit } from '../data/mnist.ts';
import { klTerm } from './kl.ts';
import { reparameterise } from './reparam.ts';
import { PIXELS } from '../data/mnist-geometry.ts';
import { stackImages } from '../data/stack-images.ts';

export interface VaeConfig {
  inputSize?: number;
  hidden: number;
  latent: number;
}

export interface Vae {
  config: Required<VaeConfig>;
  encoder: MLP;
  decoder: MLP;
  variables: TF.Variable[];
  /** x [n, D] → μ and log σ² [n, L]. */
  encode(x: TF.Tensor2D): { mu: TF.Tensor2D; logvar: TF.Tensor2D };
  /** z [n, L] → Bernoulli logits [n, D]. */
  decodeLogits(z: TF.Tensor2D): TF.Tensor2D;
  dispose(): void;
}

export function createVae(tf: typeof TF, config: VaeConfig, seed = 0): Vae {
  const c = { inputSize: PIXELS, ...config };
  if (!(c.latent >= 1 && c.hidden >= 1))
    throw new Error('createVae: latent and hidden must be at least 1');
  const encoder = createMLP(tf, [c.inputSize, c.hidden, 2 * c.latent], { seed, init: 'glorot' });
  const decoder = createMLP(tf, [c.latent, c.hidden, c.inputSize], {
    seed: seed + 1,
    init: 'glorot',
  });
  const L = c.latent;
  return {
    config: c,
    encoder,
    decoder,
    variables: [...encoder.variables, ...decoder.variables],
    encode(x) {
      const h = encoder.predict(x) as TF.Tensor2D;
      return { mu: tf.slice(h, [0, 0], [-1, L]), logvar: tf.slice(h, [0, L], [-1, L]) };
    },
    decodeLogits: (z) => decoder.predict(z) as TF.Tensor2D,
    dispose: () => (encoder.dispose(), decoder.dispose()),
  };
}

/** −log p(x | z) per example for Bernoulli logits ℓ: Σ [softplus(ℓ) − x ℓ] → [n]. */
export function bernoulliNll(tf: typeof TF, logits: TF.Tensor2D, x: TF.Tensor2D): TF.Tensor1D {
  return tf.tidy(() => tf.sum(tf.sub(tf.softplus(logits), tf.mul(x, logits)), 1) as TF.Tensor1D);
}

/** Reconstruction and KL terms per example, for given noise ε [n, L]. −ELBO = recon + kl. */
export function elboTerms(
  tf: typeof TF,
  vae: Vae,
  x: TF.Tensor2D,
  eps: TF.Tensor2D,
): { recon: TF.Tensor1D; kl: TF.Tensor1D } {
  return tf.tidy(() => {
    const { mu, logvar } = vae.encode(x);
    const z = reparameterise(tf, mu, logvar, eps) as TF.Tensor2D;
    return { recon: bernoulliNll(tf, vae.decodeLogits(z), x), kl: klTerm(tf, mu, logvar) };
  });
}

/** Set the decoder's output bias to logit(mean pixel over xs), clipped to [0.001, 0.999]. */
export function initDecoderBiasToMean(tf: typeof TF, vae: Vae, xs: TF.Tensor2D): void {
  const last = vae.decoder.layers[vae.decoder.layers.length - 1]!;
  tf.tidy(() => {
    const m = tf.clipByValue(tf.mean(xs, 0), 1e-3, 1 - 1e-3);
    last.b.assign(tf.sub(tf.log(m), tf.log1p(tf.neg(m))));
  });
}

/** Pixels ≥ 128 → 1, else 0, as a [count, 784] float32 tensor. */
export function binarised(tf: typeof TF, split: MnistSplit): TF.Tensor2D {
  const f = new Float32Array(split.images.length);
  for (let i = 0; i < f.length; i++) f[i] = split.images[i]! >= 128 ? 1 : 0;
  return tf.tensor2d(f, [split.count, split.images.length / split.count]);
}

export interface ElboReport {
  /** Mean −log p(x | z) over the examples, nats. */
  recon: number;
  /** Mean KL[q(z|x) ‖ p(z)], nats. */
  kl: number;
  /** recon + kl = mean −ELBO, nats. */
  negElbo: number;
}

/** Mean ELBO terms over xs with one fixed, seeded ε per example (so successive evaluations are comparable). */
export async function evaluateElbo(
  tf: typeof TF,
  vae: Vae,
  xs: TF.Tensor2D,
  seed = 12345,
): Promise<ElboReport> {
  const n = xs.shape[0];
  const L = vae.config.latent;
  const [r, k] = tf.tidy(() => {
    const eps = tf.tensor2d(normalArray(n * L, 1, rng(seed)), [n, L]);
    const t = elboTerms(tf, vae, xs, eps);
    return [tf.mean(t.recon), tf.mean(t.kl)];
  });
  const recon = (await r.data())[0]!;
  const kl = (await k.data())[0]!;
  tf.dispose([r, k]);
  return { recon, kl, negElbo: recon + kl };
}

export interface VaeEpoch extends ElboReport {
  epoch: number;
  /** Mean training −ELBO over the epoch's steps (with fresh noise each step). */
  trainLoss: number;
  seconds: number;
}

/** What trainVae uses when the options leave them out: Adam at 0.002, batches of 100, seed 1. */
export const VAE_DEFAULTS = { batchSize: 100, learningRate: 2e-3, seed: 1 };

export interface TrainVaeOptions {
  hidden?: number;
  latent?: number;
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  /** Start the decoder's output bias at the mean image's logits (default true). */
  meanBias?: boolean;
  signal?: AbortSignal;
  onStep?: (s: StepInfo) => void;
  onEpoch?: (e: VaeEpoch) => void;
}

export interface VaeRun {
  vae: Vae;
  result: TrainResult;
  /** Held-out ELBO terms before training (epoch 0) and after each epoch (1, 2, …). */
  history: VaeEpoch[];
}

/**
 * Train a VAE on binarised images `train` (tensor [n, 784] with values 0/1), reporting the held-out
 * ELBO terms on `heldOut` after every epoch. The caller owns (and must dispose) the returned vae,
 * also after a cancel; on error it is disposed here.
 */
export async function trainVae(
  tf: typeof TF,
  trainX: TF.Tensor2D,
  heldOut: TF.Tensor2D,
  o: TrainVaeOptions,
): Promise<VaeRun> {
  const seed = o.seed ?? VAE_DEFAULTS.seed;
  const vae = createVae(
    tf,
    { hidden: o.hidden ?? 256, latent: o.latent ?? 2, inputSize: trainX.shape[1] },
    seed,
  );
  const L = vae.config.latent;
  const D = vae.config.inputSize;
  const noise = rng(seed * 7919 + 17);
  const model: Trainable = {
    variables: vae.variables,
    // The forward pass samples z with fresh noise and hands μ, log σ² and the logits to the loss.
    predict(x) {
      const n = x.shape[0]!;
      const { mu, logvar } = vae.encode(x as TF.Tensor2D);
      const eps = tf.tensor2d(normalArray(n * L, 1, noise), [n, L]);
      const z = reparameterise(tf, mu, logvar, eps) as TF.Tensor2D;
      return tf.concat([vae.decodeLogits(z), mu, logvar], 1);
    },
  };
  const loss = (pred: TF.Tensor, target: TF.Tensor): TF.Scalar => {
    const p = pred as TF.Tensor2D;
    const logits = tf.slice(p, [0, 0], [-1, D]);
    const mu = tf.slice(p, [0, D], [-1, L]);
    const logvar = tf.slice(p, [0, D + L], [-1, L]);
    return tf.mean(
      tf.add(bernoulliNll(tf, logits, target as TF.Tensor2D), klTerm(tf, mu, logvar)),
    ) as TF.Scalar;
  };
  const history: VaeEpoch[] = [];
  try {
    if (o.meanBias !== false) initDecoderBiasToMean(tf, vae, trainX);
    const start = await evaluateElbo(tf, vae, heldOut);
    const first: VaeEpoch = { ...start, epoch: 0, trainLoss: NaN, seconds: 0 };
    history.push(first);
    o.onEpoch?.(first);
    const result = await train({
      tf,
      model,
      xs: trainX,
      ys: trainX,
      loss,
      optimizer: { name: 'adam', learningRate: o.learningRate ?? VAE_DEFAULTS.learningRate },
      epochs: o.epochs,
      batchSize: o.batchSize ?? VAE_DEFAULTS.batchSize,
      seed,
      syncEvery: 5,
      signal: o.signal,
      onStep: o.onStep,
      onEpoch: async (e) => {
        const terms = await evaluateElbo(tf, vae, heldOut);
        const info: VaeEpoch = {
          ...terms,
          epoch: e.epoch + 1,
          trainLoss: e.loss,
          seconds: e.seconds,
        };
        history.push(info);
        o.onEpoch?.(info);
      },
    });
    return { vae, result, history };
  } catch (e) {
    vae.dispose();
    throw e;
  }
}

/** Evenly spaced values from −range to range. */
export function linspace(k: number, range: number): number[] {
  return Array.from({ length: k }, (_, i) => (k === 1 ? 0 : -range + (2 * range * i) / (k - 1)));
}

/**
 * Latent traversal: decode a k×k grid of codes with z₁ (columns) and z₂ (rows) from −range to range
 * and the other coordinates at 0. Returns the decoder's mean images (Bernoulli probabilities) as bytes,
 * k² × 784, row by row.
 */
export async function traversalGrid(
  tf: typeof TF,
  vae: Vae,
  k: number,
  range = 2,
): Promise<Uint8Array> {
  const L = vae.config.latent;
  const vals = linspace(k, range);
  const z = new Float32Array(k * k * L);
  for (let r = 0; r < k; r++)
    for (let c = 0; c < k; c++) {
      z[(r * k + c) * L] = vals[c]!;
      if (L > 1) z[(r * k + c) * L + 1] = -vals[r]!; // top row = large z₂, as on a plot
    }
  const img = tf.tidy(() => tf.sigmoid(vae.decodeLogits(tf.tensor2d(z, [k * k, L]))));
  const data = await img.data();
  img.dispose();
  return toBytes(data);
}

/** Reconstructions decode(μ(x)) of the rows of xs, as bytes [n × 784]. */
export async function reconstruct(tf: typeof TF, vae: Vae, xs: TF.Tensor2D): Promise<Uint8Array> {
  const img = tf.tidy(() => tf.sigmoid(vae.decodeLogits(vae.encode(xs).mu)));
  const data = await img.data();
  img.dispose();
  return toBytes(data);
}

/**
 * The first `count` images of `xs` as bytes, followed by their reconstructions from the encoder's
 * mean: 2 × count images, the layout of a figure with originals on top and reconstructions below.
 */
export async function originalsAndReconstructions(
  tf: typeof TF,
  vae: Vae,
  xs: TF.Tensor2D,
  count: number,
): Promise<Uint8Array> {
  const first = tf.slice(xs, [0, 0], [count, xs.shape[1]]);
  try {
    return stackImages([toBytes(await first.data()), await reconstruct(tf, vae, first)]);
  } finally {
    first.dispose();
  }
}

/** Values in [0, 1] → bytes 0–255. */
export function toBytes(v: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.round(255 * Math.min(1, Math.max(0, v[i]!)));
  return out;
}
