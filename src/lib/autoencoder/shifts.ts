/**
 * Shifted versions of MNIST test images for the uncertainty (gen-q1) and robustness (gen-q2) demos.
 *
 * t1–t4 follow the *kinds* of shift of the project's robustness lab (src/lib/robustness/variants.ts):
 * t1 one fixed pixel permutation, t2 a fresh permutation per image, t3 additive Gaussian noise clipped
 * to [0, 1], t4 an L∞ adversarial perturbation. They are generated here, deterministically from a seed,
 * with our own parameters (t3 σ = 0.3 where the lab uses 0.5; t4 one FGSM step of ε = 0.1 where the lab
 * uses 5-step PGD against its baseline), because this study was built before that lab existed; t4 is a one-step FGSM attack
 * (Goodfellow et al., 2015) crafted against a separate "attacker" network, so that every method we
 * compare faces the same transferred attack. Two extra shifts probe known failure modes of
 * likelihood- and reconstruction-based detectors: blank images and faint (half-contrast) digits.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { permutation, rng } from '../util/random.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export type ShiftName = 'clean' | 't1' | 't2' | 't3' | 't4' | 'blank' | 'faint';

export const SHIFT_LABELS: Record<ShiftName, string> = {
  clean: 'clean',
  t1: 't1 fixed permutation',
  t2: 't2 per-image permutation',
  t3: 't3 Gaussian noise',
  t4: 't4 adversarial (FGSM)',
  blank: 'blank images',
  faint: 'faint digits (×0.5)',
};

export interface ShiftParams {
  seed: number;
  /** Standard deviation of t3's noise (pixels in [0, 1]). */
  noiseStd: number;
  /** L∞ radius of t4. */
  epsilon: number;
}

export const SHIFT_DEFAULTS: ShiftParams = { seed: 1, noiseStd: 0.3, epsilon: 0.1 };

/** Apply a pixel-wise shift to images [n × 784] in [0, 1] (everything but t4). */
export function shiftPixels(
  name: Exclude<ShiftName, 't4'>,
  x: Float32Array,
  p: ShiftParams = SHIFT_DEFAULTS,
): Float32Array {
  const n = x.length / PIXELS;
  const out = new Float32Array(x.length);
  switch (name) {
    case 'clean':
      out.set(x);
      break;
    case 't1': {
      const perm = permutation(PIXELS, p.seed);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < PIXELS; j++) out[i * PIXELS + j] = x[i * PIXELS + perm[j]!]!;
      break;
    }
    case 't2':
      for (let i = 0; i < n; i++) {
        const perm = permutation(PIXELS, p.seed * 100003 + i + 1);
        for (let j = 0; j < PIXELS; j++) out[i * PIXELS + j] = x[i * PIXELS + perm[j]!]!;
      }
      break;
    case 't3': {
      const r = rng(p.seed + 17);
      for (let i = 0; i < x.length; i++)
        out[i] = Math.min(1, Math.max(0, x[i]! + p.noiseStd * r.normal()));
      break;
    }
    case 'blank':
      break;
    case 'faint':
      for (let i = 0; i < x.length; i++) out[i] = 0.5 * x[i]!;
      break;
  }
  return out;
}

/** t4: one FGSM step of size ε against `model` (logits) on labelled images, clipped to [0, 1]. */
export async function fgsm(
  tf: typeof TF,
  model: Trainable,
  x: Float32Array,
  labels: ArrayLike<number>,
  epsilon: number,
  batchSize = 500,
): Promise<Float32Array> {
  const n = x.length / PIXELS;
  const out = new Float32Array(x.length);
  for (let s = 0; s < n; s += batchSize) {
    const size = Math.min(batchSize, n - s);
    const adv = tf.tidy(() => {
      const xb = tf.tensor2d(x.subarray(s * PIXELS, (s + size) * PIXELS), [size, PIXELS]);
      const yb = tf.oneHot(
        tf.tensor1d(
          Int32Array.from({ length: size }, (_, i) => labels[s + i]!),
          'int32',
        ),
        10,
      );
      const g = tf.grad((xi: TF.Tensor) =>
        tf.losses.softmaxCrossEntropy(yb, model.predict(xi) as TF.Tensor2D),
      )(xb);
      return tf.clipByValue(tf.add(xb, tf.mul(tf.sign(g), epsilon)), 0, 1);
    });
    out.set((await adv.data()) as Float32Array, s * PIXELS);
    adv.dispose();
  }
  return out;
}

/** Every shift of `x`; t4 needs an attacker model and labels. */
export async function allShifts(
  tf: typeof TF,
  x: Float32Array,
  labels: ArrayLike<number>,
  attacker: Trainable,
  names: ShiftName[],
  p: ShiftParams = SHIFT_DEFAULTS,
): Promise<Map<ShiftName, Float32Array>> {
  const m = new Map<ShiftName, Float32Array>();
  for (const s of names)
    m.set(s, s === 't4' ? await fgsm(tf, attacker, x, labels, p.epsilon) : shiftPixels(s, x, p));
  return m;
}
