/**
 * The study's attack-based measurements: t4 (PGD against the shipped model, quantised to bytes),
 * accuracy under a fresh white-box attack on a model itself, and the noise-versus-PGD norm sweep.
 */
import type * as TF from '@tensorflow/tfjs';
import { PIXELS } from '../data/mnist-geometry.ts';
import { attackSet, type Classifier } from './attacks.ts';
import { evaluateSet } from './evaluate.ts';
import { gaussianNoise, head, perturbationNorms, toBytes, type ImageSet } from './variants.ts';

export interface Sweep {
  random: { sigma: number; l2: number; accuracy: number }[];
  adversarial: { eps: number; l2: number; accuracy: number }[];
}

/**
 * Round adversarial images to bytes while keeping them in the ε-ball: each byte stays within
 * ⌊255ε⌋ levels of the clean byte (clean images are bytes, so this is exact).
 */
export function quantiseWithin(adv: Float32Array, clean: Float32Array, eps: number): Uint8Array {
  const q = toBytes(adv);
  const c = toBytes(clean);
  const k = Math.floor(255 * eps + 1e-9);
  for (let i = 0; i < q.length; i++) q[i] = Math.min(c[i]! + k, Math.max(c[i]! - k, q[i]!));
  return q;
}

/** t4: L∞ PGD against `model` on every image of `test`, as bytes (count × 784). */
export async function makeT4(
  tf: typeof TF,
  model: Classifier,
  test: ImageSet,
  o: { eps: number; steps: number; alpha: number },
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array> {
  const adv = (await attackSet(tf, model, test.x, test.labels, PIXELS, { ...o, onProgress }))!;
  return quantiseWithin(adv, test.x, o.eps);
}

/** Accuracy under a fresh white-box PGD (random start) against `model`, on the first `count` test images. */
export async function freshAttackAccuracy(
  tf: typeof TF,
  model: Classifier,
  test: ImageSet,
  eps: number,
  o: { count: number; steps: number },
): Promise<number> {
  const sub = head(test, o.count);
  const adv = (await attackSet(tf, model, sub.x, sub.labels, PIXELS, {
    eps,
    steps: o.steps,
    randomStart: true,
    seed: 11,
  }))!;
  return (await evaluateSet(tf, model, { x: adv, labels: sub.labels, count: sub.count }))!.accuracy;
}

/** Accuracy of `model` against random noise (several σ) and PGD (several ε), with the mean L2 norm of each perturbation. */
export async function normSweep(
  tf: typeof TF,
  model: Classifier,
  set: ImageSet,
  o: { sigmas: number[]; epsilons: number[]; steps: number },
  log: (s: string) => void = () => {},
): Promise<Sweep> {
  const random: Sweep['random'] = [];
  const adversarial: Sweep['adversarial'] = [];
  for (const sigma of o.sigmas) {
    const noisy = gaussianNoise(set, sigma, 77);
    random.push({
      sigma,
      l2: perturbationNorms(set, noisy).l2,
      accuracy: (await evaluateSet(tf, model, noisy))!.accuracy,
    });
  }
  for (const eps of o.epsilons) {
    const adv = (await attackSet(tf, model, set.x, set.labels, PIXELS, { eps, steps: o.steps }))!;
    const a = { x: adv, labels: set.labels, count: set.count };
    adversarial.push({
      eps,
      l2: perturbationNorms(set, a).l2,
      accuracy: (await evaluateSet(tf, model, a))!.accuracy,
    });
    log(`sweep ε=${eps}: ${adversarial.at(-1)!.accuracy}`);
  }
  return { random, adversarial };
}
