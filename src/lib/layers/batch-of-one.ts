/**
 * Batch normalisation in training mode when the batch holds a single example, in the two settings
 * that behave differently: over plain features (a dense layer's N × F output), where every feature's
 * batch mean is the value itself, and over an image (N × H × W × C), where each channel's statistics
 * are still taken over H × W positions — which is instance normalisation. Layer normalisation of the
 * single feature vector, the batch-independent alternative, for comparison. Plain float64, no tfjs.
 */
import { rng } from '../util/random.ts';

export interface Moments {
  mean: number;
  std: number;
}

const moments = (xs: readonly number[]): Moments => {
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  return { mean, std: Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length) };
};

/** (x − mean) / sqrt(var + eps) over the values of one normalisation group (biased variance, as BN). */
export function normalise(xs: readonly number[], eps: number): number[] {
  const { mean, std } = moments(xs);
  return xs.map((v) => (v - mean) / Math.sqrt(std * std + eps));
}

export interface BatchOfOne {
  /** Dense features: largest |output| of BN over a batch of one (every group holds one value). */
  denseMaxAbs: number;
  /** The same features under layer norm (one group: all features of the example). */
  layerNorm: Moments;
  /** Image: per-channel mean and std of BN's output over a batch of one. */
  imageChannels: Moments[];
  /** max |BN over a batch of one − instance norm| on the image (the two are the same computation). */
  instanceNormGap: number;
  features: number;
  positions: number;
}

/**
 * A seeded feature vector (features values, mean 2, std 3) and a seeded image (h × w × channels,
 * channel c with mean c and std 1 + c), both as a batch of one, through training-mode BN.
 */
export function batchOfOne(
  opts: {
    features?: number;
    h?: number;
    w?: number;
    channels?: number;
    eps?: number;
    seed?: number;
  } = {},
): BatchOfOne {
  const { features = 64, h = 16, w = 16, channels = 3, eps = 1e-5, seed = 1 } = opts;
  const r = rng(seed);
  const x = Array.from({ length: features }, () => 2 + 3 * r.normal());
  // BN over the batch axis: each feature is its own group of N = 1 values.
  const dense = x.map((v) => normalise([v], eps)[0]!);
  const image = Array.from({ length: channels }, (_, c) =>
    Array.from({ length: h * w }, () => c + (1 + c) * r.normal()),
  );
  // BN over (N, H, W) per channel with N = 1 ...
  const bn = image.map((ch) => normalise(ch, eps));
  // ... and instance norm, written independently: per example and channel, over the H × W map.
  const instance = image.map((ch) => {
    const m = ch.reduce((s, v) => s + v, 0) / ch.length;
    const v = ch.reduce((s, u) => s + (u - m) * (u - m), 0) / ch.length;
    return ch.map((u) => (u - m) / Math.sqrt(v + eps));
  });
  return {
    denseMaxAbs: Math.max(...dense.map(Math.abs)),
    layerNorm: moments(normalise(x, eps)),
    imageChannels: bn.map(moments),
    instanceNormGap: Math.max(
      ...bn.flatMap((ch, c) => ch.map((v, i) => Math.abs(v - instance[c]![i]!))),
    ),
    features,
    positions: h * w,
  };
}
