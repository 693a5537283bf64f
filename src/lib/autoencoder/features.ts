/**
 * Feature extractors for Fréchet distances on MNIST ("FID for MNIST").
 *
 * FID proper uses Inception-v3 features of natural images; for digits we use the penultimate layer
 * of the project's own small MNIST classifier (784-64-32-10, ReLU), trained by
 * scripts/autoencoder-features.ts and shipped as src/data/autoencoder-feature-net.json. Two
 * alternative extractors exist to show how much the metric depends on that choice: 7×7 average-pooled
 * pixels and the same architecture with random (untrained) weights.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, forward, type MLP } from '../models/mlp.ts';
import { mapRows } from './generate.ts';
import { IMAGE_SIDE, PIXELS } from '../data/mnist-geometry.ts';

export interface FeatureExtractor {
  name: string;
  dim: number;
  /** Rows [n, 784] in [0, 1] → features [n, dim] (synchronous, tidy-able). */
  apply(x: TF.Tensor2D): TF.Tensor2D;
  dispose(): void;
}

/** Serialised MLP weights: float32 little-endian, base64, one entry per layer. */
export interface SavedMlp {
  format: 'runnable-answers/mlp-base64@1';
  sizes: number[];
  layers: { w: string; b: string }[];
  /** Free-form facts about training (accuracy, seed, …). */
  info: Record<string, number | string>;
}

function toBase64(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(s: string): Float32Array {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}

/** Serialise an MLP's weights. */
export async function saveMlp(model: MLP, info: SavedMlp['info'] = {}): Promise<SavedMlp> {
  const layers = await Promise.all(
    model.layers.map(async (l) => ({
      w: toBase64((await l.w.data()) as Float32Array),
      b: toBase64((await l.b.data()) as Float32Array),
    })),
  );
  return { format: 'runnable-answers/mlp-base64@1', sizes: [...model.sizes], layers, info };
}

/** Rebuild an MLP (ReLU hidden layers, linear output) from saved weights. */
export function loadMlp(tf: typeof TF, saved: SavedMlp): MLP {
  if (saved.format !== 'runnable-answers/mlp-base64@1')
    throw new Error(`Unknown weights format "${String(saved.format)}".`);
  const model = createMLP(tf, saved.sizes, { init: 'zeros' });
  saved.layers.forEach((l, i) => {
    const layer = model.layers[i]!;
    const w = fromBase64(l.w);
    const b = fromBase64(l.b);
    if (w.length !== layer.w.size || b.length !== layer.b.size) {
      model.dispose();
      throw new Error(`Saved weights of layer ${i} have the wrong size.`);
    }
    tf.tidy(() => {
      layer.w.assign(tf.tensor2d(w, layer.w.shape as [number, number]));
      layer.b.assign(tf.tensor1d(b));
    });
  });
  return model;
}

/** The first `upTo` layers of a classifier MLP as a feature extractor (the penultimate layer by default). */
export function mlpFeatures(
  tf: typeof TF,
  model: MLP,
  name: string,
  upTo = model.layers.length - 1,
): FeatureExtractor {
  const layers = model.layers.slice(0, upTo);
  return {
    name,
    dim: model.sizes[upTo]!,
    apply: (x) => forward(tf, layers, x),
    dispose: () => model.dispose(),
  };
}

/** The shipped classifier's penultimate (32-unit ReLU) layer. */
export function classifierFeatures(tf: typeof TF, saved: SavedMlp): FeatureExtractor {
  return mlpFeatures(tf, loadMlp(tf, saved), 'classifier features');
}

/** The same architecture with random He-initialised weights (seeded): features without learning. */
export function randomNetFeatures(tf: typeof TF, sizes: number[], seed = 1): FeatureExtractor {
  return mlpFeatures(tf, createMLP(tf, sizes, { seed }), 'random-network features');
}

/** 28×28 images average-pooled to 7×7: 49 "pixel" features. */
export function pooledPixelFeatures(tf: typeof TF): FeatureExtractor {
  return {
    name: 'pooled pixels',
    dim: 49,
    apply: (x) =>
      tf.tidy(
        () =>
          tf.reshape(
            tf.avgPool(
              tf.reshape(x, [-1, IMAGE_SIDE, IMAGE_SIDE, 1]) as TF.Tensor4D,
              4,
              4,
              'valid',
            ),
            [-1, 49],
          ) as TF.Tensor2D,
      ),
    dispose: () => {},
  };
}

/** Features of every row of `xs`, [n × dim] row-major. */
export function featuresOf(
  tf: typeof TF,
  f: FeatureExtractor,
  xs: TF.Tensor2D,
): Promise<Float32Array> {
  return mapRows(tf, xs, f.dim, (x) => f.apply(x));
}

/** Features of images given as a flat [n × 784] array in [0, 1]. */
export async function featuresOfArray(
  tf: typeof TF,
  f: FeatureExtractor,
  images: Float32Array,
  n: number,
): Promise<Float32Array> {
  const xs = tf.tensor2d(images, [n, PIXELS]);
  try {
    return await featuresOf(tf, f, xs);
  } finally {
    xs.dispose();
  }
}
