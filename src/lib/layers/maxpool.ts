/**
 * The "two 2×2 max-pools versus one 4×4 max-pool" experiment: Conv2d(3→32, 7×7, padding 2) →
 * BatchNorm (inference mode) → MaxPool(2,2) → MaxPool(2,2) → flatten, on a (1, 3, n, n) input, with
 * seeded random weights and statistics (a trained model's weights do not change any shape, and the
 * equality of the two pooling paths holds for every input). Shapes are reported in NCHW order.
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, rng } from '../util/random.ts';
import { convOutputSize } from './conv-arithmetic.ts';
import { toNCHW, type Shape } from './vgg11.ts';

export interface MaxPoolRun {
  /** Shapes after: input, conv, batch norm, first pool, second pool (NCHW), and after the flatten. */
  shapes: { step: string; shape: number[] }[];
  /** NCHW shape after a single MaxPool(4, 4) on the batch-norm output. */
  singleShape: Shape;
  /** max |two pools − one 4×4 pool| (0 means bit-identical). */
  maxDiff: number;
  /** Number of output values compared. */
  compared: number;
}

/** Closed-form spatial sizes: conv (n + 4 − 7) + 1, then ⌊·/2⌋ twice; and ⌊(m − 4)/4⌋ + 1 for one 4×4 pool. */
export function maxPoolSizes(n: number): {
  conv: number;
  pool1: number;
  pool2: number;
  single: number;
  flat: number;
} {
  const conv = convOutputSize(n, 7, 1, 2);
  const pool1 = convOutputSize(conv, 2, 2, 0);
  const pool2 = convOutputSize(pool1, 2, 2, 0);
  return { conv, pool1, pool2, single: convOutputSize(conv, 4, 4, 0), flat: 32 * pool2 * pool2 };
}

/** Run the module in inference mode on a seeded random (1, 3, n, n) input. */
export async function maxPoolExperiment(tf: typeof TF, n = 224, seed = 1): Promise<MaxPoolRun> {
  if (!Number.isInteger(n) || n < 9 || n > 512)
    throw new Error('The input size must be a whole number from 9 to 512.');
  const r = rng(seed);
  const out = tf.tidy(() => {
    const x = tf.tensor4d(
      Float32Array.from({ length: n * n * 3 }, () => r.next()),
      [1, n, n, 3],
    );
    const w = tf.tensor4d(normalArray(7 * 7 * 3 * 32, Math.sqrt(2 / 147), r), [7, 7, 3, 32]);
    const b = tf.tensor1d(normalArray(32, 0.1, r));
    const conv = tf.add(tf.conv2d(x, w, 1, 2), b) as TF.Tensor4D;
    // Inference-mode batch norm: fixed running statistics and learned scale/shift per channel.
    const mean = tf.tensor1d(normalArray(32, 0.5, r));
    const variance = tf.tensor1d(Float32Array.from({ length: 32 }, () => 0.5 + r.next()));
    const gamma = tf.tensor1d(normalArray(32, 1, r));
    const beta = tf.tensor1d(normalArray(32, 0.5, r));
    const bn = tf.batchNorm(conv, mean, variance, beta, gamma, 1e-5) as TF.Tensor4D;
    const p1 = tf.maxPool(bn, 2, 2, 'valid');
    const p2 = tf.maxPool(p1, 2, 2, 'valid');
    const flat = tf.reshape(p2, [p2.shape[0], -1]);
    const single = tf.maxPool(bn, 4, 4, 'valid');
    const same = p2.shape.every((d, i) => d === single.shape[i]);
    const diff = same ? tf.max(tf.abs(tf.sub(p2, single))) : tf.scalar(Infinity);
    return {
      shapes: [x.shape, conv.shape, bn.shape, p1.shape, p2.shape, flat.shape],
      single: single.shape,
      diff,
      compared: same ? p2.size : 0,
    };
  });
  try {
    const maxDiff = (await out.diff.data())[0]!;
    const steps = [
      'input',
      'Conv2d(3, 32, 7, padding=2)',
      'BatchNorm2d(32), eval',
      'MaxPool2d(2, 2)',
      'MaxPool2d(2, 2)',
      'view(x.size(0), -1)',
    ];
    return {
      shapes: out.shapes.map((s, i) => ({ step: steps[i]!, shape: i < 5 ? toNCHW(s) : s })),
      singleShape: toNCHW(out.single),
      maxDiff,
      compared: out.compared,
    };
  } finally {
    out.diff.dispose();
  }
}

export interface CompositionCase {
  n: number;
  padding: 'valid' | 'same';
  /** Output size of two 2×2/2 pools and of one 4×4/4 pool. */
  twoSize: number;
  oneSize: number;
  /** max |difference| when the sizes agree, else Infinity. */
  maxDiff: number;
}

/**
 * Two MaxPool(2,2) versus one MaxPool(4,4) on a seeded random n×n map, in 'valid' mode (PyTorch's
 * default, no padding) or TensorFlow's 'same' mode (pads so the output is ⌈n/s⌉, padding split with
 * the smaller half on top/left).
 */
export async function poolComposition(
  tf: typeof TF,
  sizes: readonly number[],
  padding: 'valid' | 'same',
  seed = 5,
): Promise<CompositionCase[]> {
  const r = rng(seed);
  const results: CompositionCase[] = [];
  for (const n of sizes) {
    const x = Float32Array.from({ length: n * n }, () => r.normal());
    const out = tf.tidy(() => {
      const t = tf.tensor4d(x, [1, n, n, 1]);
      const two = tf.maxPool(tf.maxPool(t, 2, 2, padding), 2, 2, padding);
      const one = tf.maxPool(t, 4, 4, padding);
      const same = two.shape[1] === one.shape[1];
      return {
        twoSize: two.shape[1],
        oneSize: one.shape[1],
        d: same ? tf.max(tf.abs(tf.sub(two, one))) : tf.scalar(Infinity),
      };
    });
    const maxDiff = (await out.d.data())[0]!;
    out.d.dispose();
    results.push({ n, padding, twoSize: out.twoSize, oneSize: out.oneSize, maxDiff });
  }
  return results;
}

/**
 * Max-pooling commutes with a per-channel affine map y = γx + β only when γ ≥ 0 (a monotone
 * increasing map preserves which element is largest). Returns max |pool(bn(x)) − bn(pool(x))| for
 * positive scales and for scales with one negative channel.
 */
export async function poolBnOrder(
  tf: typeof TF,
  seed = 9,
): Promise<{ positive: number; negative: number }> {
  const r = rng(seed);
  const x = normalArray(8 * 8 * 4, 1, r);
  const gPos = Float32Array.from({ length: 4 }, () => 0.5 + r.next());
  const gNeg = Float32Array.from(gPos, (v, i) => (i === 2 ? -v : v));
  const beta = normalArray(4, 1, r);
  const d = tf.tidy(() => {
    const t = tf.tensor4d(x, [1, 8, 8, 4]);
    const b = tf.tensor1d(beta);
    const gap = (g: Float32Array) => {
      const gt = tf.tensor1d(g);
      const affine = (v: TF.Tensor4D) => tf.add(tf.mul(v, gt), b) as TF.Tensor4D;
      return tf.max(
        tf.abs(tf.sub(tf.maxPool(affine(t), 2, 2, 'valid'), affine(tf.maxPool(t, 2, 2, 'valid')))),
      );
    };
    return tf.stack([gap(gPos), gap(gNeg)]);
  });
  const [positive, negative] = Array.from(await d.data());
  d.dispose();
  return { positive: positive!, negative: negative! };
}
