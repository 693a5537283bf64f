/**
 * dl-53: on-the-fly ("real-time") augmentation of MNIST batches, on the tfjs device.
 *
 * Every training step draws a fresh random transform for every image of the batch: a rotation,
 * zoom and shift about the image centre, optionally followed by an elastic distortion (a random
 * displacement field smoothed by a Gaussian, Simard et al. 2003). All images of a batch are
 * resampled at once with bilinear interpolation (pixels from outside the image read as 0, the MNIST
 * background), so the work is data-parallel on the GPU. The random numbers come from the project's
 * seeded RNG: the same seed gives the same augmented batches on every backend.
 *
 * `withAugmentation` wraps a model so that it augments only while training, like a Keras
 * preprocessing layer: the engine trains the wrapper; evaluation uses the bare model.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { rng, type Rng } from '../util/random.ts';
import { IMAGE_SIDE, PIXELS } from '../data/mnist-geometry.ts';

/** Centre of the pixel grid: rotations and zooms keep this point fixed. */
const CENTRE = (IMAGE_SIDE - 1) / 2;

export interface AugmentRanges {
  /** Largest rotation, degrees (drawn uniformly in ±rotation). */
  rotation: number;
  /** Largest shift, pixels, in x and y independently. */
  shift: number;
  /** Largest relative zoom: the scale is drawn in [1 − zoom, 1 + zoom]. */
  zoom: number;
  /** Elastic distortion strength α in pixels (0 = off). */
  elastic: number;
  /** Width σ (pixels) of the Gaussian that smooths the elastic displacement field. */
  sigma: number;
}

export const NO_AUGMENTATION: AugmentRanges = {
  rotation: 0,
  shift: 0,
  zoom: 0,
  elastic: 0,
  sigma: 4,
};

/** The allowed interval of each setting (a form's fields take their min and max from here). */
export const AUGMENT_LIMITS: Record<keyof AugmentRanges, { min: number; max: number }> = {
  rotation: { min: 0, max: 180 },
  shift: { min: 0, max: 10 },
  zoom: { min: 0, max: 0.5 },
  elastic: { min: 0, max: 60 },
  sigma: { min: 1, max: 8 },
};

/** How a message names each setting, and the unit after its limits. */
const SAID: Record<keyof AugmentRanges, [string, string]> = {
  rotation: ['Rotation', ' degrees'],
  shift: ['Shift', ' pixels'],
  zoom: ['Zoom', ''],
  elastic: ['Elastic strength α', ''],
  sigma: ['Elastic smoothing σ', ' pixels'],
};

/** The settings in the order a form lists them. */
export const AUGMENT_SETTINGS = Object.keys(AUGMENT_LIMITS) as (keyof AugmentRanges)[];

/** The ranges as numbers from each setting's text (e.g. a form's fields); validateRanges checks them. */
export function rangesFrom(text: (setting: keyof AugmentRanges) => string): AugmentRanges {
  const r = {} as AugmentRanges;
  for (const key of AUGMENT_SETTINGS) r[key] = Number(text(key));
  return r;
}

/** Check ranges; returns a message for the reader, or null when they are usable. */
export function validateRanges(a: AugmentRanges): string | null {
  for (const key of AUGMENT_SETTINGS) {
    const { min, max } = AUGMENT_LIMITS[key];
    const [said, unit] = SAID[key];
    const v = a[key];
    if (!(Number.isFinite(v) && v >= min && v <= max))
      return `${said} must be between ${min} and ${max}${unit}.`;
  }
  return null;
}

/**
 * For each of n images, the inverse affine map (output pixel → where to read in the input):
 * six numbers [a0, a1, a2, b0, b1, b2] with x_in = a0·x + a1·y + a2, y_in = b0·x + b1·y + b2.
 * The forward map is p ↦ R(θ)·s·(p − c) + c + t, so the inverse is p ↦ (1/s)·R(−θ)·(p − c − t) + c.
 */
export function randomInverseAffines(r: Rng, n: number, a: AugmentRanges): Float32Array {
  const out = new Float32Array(n * 6);
  const u = () => 2 * r.next() - 1; // uniform in [−1, 1)
  for (let i = 0; i < n; i++) {
    const theta = (u() * a.rotation * Math.PI) / 180;
    const s = 1 + u() * a.zoom;
    const tx = u() * a.shift;
    const ty = u() * a.shift;
    const cos = Math.cos(theta) / s;
    const sin = Math.sin(theta) / s;
    const [a0, a1, b0, b1] = [cos, sin, -sin, cos];
    const cx = CENTRE + tx;
    const cy = CENTRE + ty;
    out.set([a0, a1, CENTRE - a0 * cx - a1 * cy, b0, b1, CENTRE - b0 * cx - b1 * cy], i * 6);
  }
  return out;
}

/** Normalised 1-D Gaussian kernel with radius ⌈3σ⌉. */
export function gaussianKernel(sigma: number): Float32Array {
  const radius = Math.ceil(3 * sigma);
  const k = Float32Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)),
  );
  const sum = k.reduce((s, v) => s + v, 0);
  return k.map((v) => v / sum);
}

/**
 * Augment a batch [b, 784] of images with values in [0, 1]; returns a new [b, 784] tensor in [0, 1].
 * Draws from `r`, so successive calls give fresh transforms and a fixed seed gives a fixed sequence.
 */
export function augmentBatch(
  tf: typeof TF,
  images: TF.Tensor2D,
  a: AugmentRanges,
  r: Rng,
): TF.Tensor2D {
  const b = images.shape[0];
  const affine = randomInverseAffines(r, b, a);
  const field =
    a.elastic > 0 ? Float32Array.from({ length: 2 * b * PIXELS }, () => 2 * r.next() - 1) : null;
  return tf.tidy(() => {
    const grid = Float32Array.from({ length: PIXELS }, (_, p) => p % IMAGE_SIDE);
    const gx = tf.tensor2d(grid, [1, PIXELS]);
    const gy = tf.tensor2d(
      Float32Array.from({ length: PIXELS }, (_, p) => Math.floor(p / IMAGE_SIDE)),
      [1, PIXELS],
    );
    const m = tf.tensor2d(affine, [b, 6]);
    const col = (j: number) => tf.slice(m, [0, j], [b, 1]);
    let sx: TF.Tensor = tf.add(tf.add(tf.mul(col(0), gx), tf.mul(col(1), gy)), col(2));
    let sy: TF.Tensor = tf.add(tf.add(tf.mul(col(3), gx), tf.mul(col(4), gy)), col(5));
    if (field) {
      // Smooth uniform noise with a separable Gaussian, scale by α: a displacement of a few pixels.
      const k = gaussianKernel(a.sigma);
      const noise = tf.tensor4d(field, [2 * b, IMAGE_SIDE, IMAGE_SIDE, 1]);
      const rows = tf.conv2d(noise, tf.tensor4d(k, [k.length, 1, 1, 1]), 1, 'same');
      const smooth = tf.mul(
        tf.conv2d(rows, tf.tensor4d(k, [1, k.length, 1, 1]), 1, 'same'),
        a.elastic,
      );
      const d = tf.reshape(smooth, [2, b, PIXELS]);
      sx = tf.add(sx, tf.squeeze(tf.slice(d, [0, 0, 0], [1, b, PIXELS]), [0]));
      sy = tf.add(sy, tf.squeeze(tf.slice(d, [1, 0, 0], [1, b, PIXELS]), [0]));
    }
    // Bilinear interpolation: the four neighbours of (sx, sy), each weighted and masked if outside.
    const flat = tf.reshape(images, [b * PIXELS]);
    const offset = tf.mul(tf.reshape(tf.range(0, b), [b, 1]), PIXELS); // start of each image in `flat`
    const x0 = tf.floor(sx);
    const y0 = tf.floor(sy);
    const fx = tf.sub(sx, x0);
    const fy = tf.sub(sy, y0);
    let out: TF.Tensor = tf.zeros([b, PIXELS]);
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const) {
      const xi = tf.add(x0, dx);
      const yi = tf.add(y0, dy);
      const inside = tf.logicalAnd(
        tf.logicalAnd(tf.greaterEqual(xi, 0), tf.lessEqual(xi, IMAGE_SIDE - 1)),
        tf.logicalAnd(tf.greaterEqual(yi, 0), tf.lessEqual(yi, IMAGE_SIDE - 1)),
      );
      const idx = tf.cast(
        tf.add(
          tf.add(
            tf.mul(tf.clipByValue(yi, 0, IMAGE_SIDE - 1), IMAGE_SIDE),
            tf.clipByValue(xi, 0, IMAGE_SIDE - 1),
          ),
          offset,
        ),
        'int32',
      );
      const wx = dx ? fx : tf.sub(1, fx);
      const wy = dy ? fy : tf.sub(1, fy);
      const w = tf.mul(tf.mul(wx, wy), tf.cast(inside, 'float32'));
      out = tf.add(out, tf.mul(w, tf.reshape(tf.gather(flat, tf.reshape(idx, [-1])), [b, PIXELS])));
    }
    return tf.clipByValue(out, 0, 1) as TF.Tensor2D;
  });
}

/** A model that augments its input on every call (use it for training only). */
export function withAugmentation(
  tf: typeof TF,
  model: Trainable,
  a: AugmentRanges,
  seed: number,
): Trainable {
  const r = rng(seed);
  return {
    variables: model.variables,
    predict: (x) => model.predict(augmentBatch(tf, x as TF.Tensor2D, a, r)),
  };
}

/**
 * For a few digits (count × 784, bytes 0–255), the original followed by `copies` augmented versions
 * of each, as bytes, row by row: ready for a digit grid.
 */
export async function augmentationGrid(
  tf: typeof TF,
  digits: Uint8Array,
  count: number,
  copies: number,
  a: AugmentRanges,
  seed: number,
): Promise<Uint8Array> {
  const r = rng(seed);
  const src = tf.tidy(
    () =>
      tf.div(
        tf.tensor2d(digits.subarray(0, count * PIXELS), [count, PIXELS], 'float32'),
        255,
      ) as TF.Tensor2D,
  );
  const parts: Float32Array[] = [];
  try {
    for (let c = 0; c < copies; c++) {
      const t = augmentBatch(tf, src, a, r);
      try {
        parts.push((await t.data()) as Float32Array);
      } finally {
        t.dispose();
      }
    }
  } finally {
    src.dispose();
  }
  const out = new Uint8Array(count * (copies + 1) * PIXELS);
  for (let i = 0; i < count; i++) {
    const row = i * (copies + 1);
    out.set(digits.subarray(i * PIXELS, (i + 1) * PIXELS), row * PIXELS);
    parts.forEach((p, c) => {
      for (let q = 0; q < PIXELS; q++)
        out[(row + 1 + c) * PIXELS + q] = Math.round(255 * p[i * PIXELS + q]!);
    });
  }
  return out;
}
