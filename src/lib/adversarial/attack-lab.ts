/**
 * dl-41: adversarial examples on the robustness lab's shipped MNIST network.
 *
 * Nothing here re-implements an attack: FGSM, PGD and the batched `attackSet` come from
 * ../robustness/attacks.ts. This file adds what the answer page needs around them:
 *  - `showcase`: a few digits with their perturbation, the prediction and confidence before and after;
 *  - `robustAccuracy`: accuracy of one classifier on examples crafted against another (or itself);
 *  - `accuracyCurve`: accuracy against ε for FGSM and PGD;
 *  - `parseEpsList`: the page's input check, so a bad ε list gets a clear message.
 * Images are rows of 784 floats in [0, 1]; everything returned is plain arrays (no tensors).
 */
import type * as TF from '@tensorflow/tfjs';
import { attackSet, fgsm, pgd, type Classifier } from '../robustness/attacks.ts';
import { predictWithEntropy } from '../robustness/evaluate.ts';
import type { ImageSet } from '../robustness/variants.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

/** One L∞ attack: FGSM is PGD with one step of size ε from x (no random start). */
export interface AttackSpec {
  kind: 'fgsm' | 'pgd';
  eps: number;
  /** PGD only (default 10). */
  steps?: number;
  /** PGD only: start from a random point of the ε-ball (default true). */
  randomStart?: boolean;
  seed?: number;
}

/** The PGD options that reproduce an attack spec with `attackSet` (one step of size ε = FGSM). */
export function pgdOptionsOf(a: AttackSpec): {
  eps: number;
  steps: number;
  alpha?: number;
  randomStart: boolean;
  seed: number;
} {
  if (a.kind === 'fgsm')
    return { eps: a.eps, steps: 1, alpha: a.eps, randomStart: false, seed: a.seed ?? 0 };
  return {
    eps: a.eps,
    steps: a.steps ?? 10,
    randomStart: a.randomStart ?? true,
    seed: a.seed ?? 0,
  };
}

export interface RunOptions {
  signal?: AbortSignal;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Fraction of a set's predictions that equal the labels; null if cancelled. */
export async function accuracyOn(
  tf: typeof TF,
  model: Classifier,
  x: Float32Array,
  labels: ArrayLike<number>,
  o: RunOptions = {},
): Promise<number | null> {
  const r = await predictWithEntropy(tf, model, x, labels.length, {
    signal: o.signal,
    batchSize: o.batchSize,
  });
  if (!r) return null;
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (r.pred[i] === labels[i]) ok++;
  return labels.length ? ok / labels.length : 0;
}

/**
 * Accuracy of `model` on adversarial examples made by attacking `target` (default: the model itself,
 * the white-box setting). With a different target this measures transfer. Null if cancelled.
 */
export async function robustAccuracy(
  tf: typeof TF,
  model: Classifier,
  set: ImageSet,
  attack: AttackSpec,
  o: RunOptions & { target?: Classifier } = {},
): Promise<{ accuracy: number; adversarial: Float32Array } | null> {
  const adv = await attackSet(tf, o.target ?? model, set.x, set.labels, PIXELS, {
    ...pgdOptionsOf(attack),
    batchSize: o.batchSize ?? 100,
    signal: o.signal,
    onProgress: o.onProgress,
  });
  if (!adv) return null;
  const accuracy = await accuracyOn(tf, model, adv, set.labels, o);
  return accuracy === null ? null : { accuracy, adversarial: adv };
}

export interface CurvePoint {
  eps: number;
  fgsm: number;
  pgd: number;
}

/** Accuracy against ε for FGSM and for PGD (`pgdSteps` steps, random start); ε = 0 is clean accuracy. */
export async function accuracyCurve(
  tf: typeof TF,
  model: Classifier,
  set: ImageSet,
  epsList: readonly number[],
  o: RunOptions & {
    pgdSteps?: number;
    seed?: number;
    onPoint?: (p: CurvePoint, i: number) => void;
  } = {},
): Promise<CurvePoint[] | null> {
  const out: CurvePoint[] = [];
  const total = epsList.length * 2;
  for (const [i, eps] of epsList.entries()) {
    let point: CurvePoint;
    if (eps === 0) {
      const a = await accuracyOn(tf, model, set.x, set.labels, o);
      if (a === null) return null;
      point = { eps, fgsm: a, pgd: a };
    } else {
      const step = (k: number) => (d: number, n: number) =>
        o.onProgress?.(2 * i + k + d / n, total);
      const f = await robustAccuracy(
        tf,
        model,
        set,
        { kind: 'fgsm', eps },
        { ...o, onProgress: step(0) },
      );
      if (!f) return null;
      const p = await robustAccuracy(
        tf,
        model,
        set,
        { kind: 'pgd', eps, steps: o.pgdSteps ?? 10, seed: o.seed ?? 1 },
        { ...o, onProgress: step(1) },
      );
      if (!p) return null;
      point = { eps, fgsm: f.accuracy, pgd: p.accuracy };
    }
    out.push(point);
    o.onPoint?.(point, i);
  }
  return out;
}

/** Prediction of one image: class and softmax probability of that class, plus that of the true label. */
export interface Prediction {
  label: number;
  confidence: number;
  trueProbability: number;
}

export interface ShowcaseItem {
  label: number;
  clean: Float32Array;
  /** Adversarial image and its perturbation (adversarial − clean) for each attack. */
  fgsm: { image: Float32Array; delta: Float32Array; prediction: Prediction };
  pgd: { image: Float32Array; delta: Float32Array; prediction: Prediction };
  before: Prediction;
}

async function predictionsOf(
  tf: typeof TF,
  model: Classifier,
  x: TF.Tensor2D,
  labels: ArrayLike<number>,
): Promise<Prediction[]> {
  const t = tf.tidy(() => tf.softmax(model(x)));
  const probs = (await t.data()) as Float32Array;
  t.dispose();
  const out: Prediction[] = [];
  for (let i = 0; i < labels.length; i++) {
    const row = probs.subarray(i * 10, i * 10 + 10);
    let best = 0;
    for (let k = 1; k < CLASSES; k++) if (row[k]! > row[best]!) best = k;
    out.push({ label: best, confidence: row[best]!, trueProbability: row[labels[i]!]! });
  }
  return out;
}

/** The chosen images before and after FGSM and PGD of radius ε (all tensors freed). */
export async function showcase(
  tf: typeof TF,
  model: Classifier,
  set: ImageSet,
  indices: readonly number[],
  eps: number,
  pgdSteps = 20,
  seed = 1,
): Promise<ShowcaseItem[]> {
  const n = indices.length;
  const xs = new Float32Array(n * PIXELS);
  const labels = new Int32Array(n);
  indices.forEach((idx, k) => {
    if (idx < 0 || idx >= set.count)
      throw new Error(`showcase: image ${idx} is outside the set of ${set.count}`);
    xs.set(set.x.subarray(idx * PIXELS, (idx + 1) * PIXELS), k * PIXELS);
    labels[k] = set.labels[idx]!;
  });
  const x = tf.tensor2d(xs, [n, PIXELS]);
  const y = tf.tensor1d(labels, 'int32');
  const made: TF.Tensor2D[] = [];
  try {
    const f = fgsm(tf, model, x, y, eps);
    made.push(f);
    const p = pgd(tf, model, x, y, { eps, steps: pgdSteps, randomStart: true, seed });
    made.push(p);
    const before = await predictionsOf(tf, model, x, labels);
    const afterF = await predictionsOf(tf, model, f, labels);
    const afterP = await predictionsOf(tf, model, p, labels);
    const fv = (await f.data()) as Float32Array;
    const pv = (await p.data()) as Float32Array;
    const part = (a: Float32Array, k: number) => a.slice(k * PIXELS, (k + 1) * PIXELS);
    const minus = (a: Float32Array, b: Float32Array) => a.map((v, i) => v - b[i]!);
    return indices.map((_, k) => {
      const clean = part(xs, k);
      const fi = part(fv, k);
      const pi = part(pv, k);
      return {
        label: labels[k]!,
        clean,
        before: before[k]!,
        fgsm: { image: fi, delta: minus(fi, clean), prediction: afterF[k]! },
        pgd: { image: pi, delta: minus(pi, clean), prediction: afterP[k]! },
      };
    });
  } finally {
    x.dispose();
    y.dispose();
    made.forEach((t) => t.dispose());
  }
}

/** Largest |value| of an array (for ‖δ‖∞). */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/**
 * A perturbation as an RGBA picture: red where a pixel was brightened, blue where darkened, white
 * where unchanged; |δ| = `scale` is full colour (pass ε so that the largest allowed change is visible).
 */
export function deltaToRgba(delta: ArrayLike<number>, scale: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(delta.length * 4);
  for (let i = 0; i < delta.length; i++) {
    const t = Math.max(-1, Math.min(1, delta[i]! / (scale || 1)));
    const fade = Math.round(255 * (1 - Math.abs(t)));
    out[4 * i] = t > 0 ? 255 : fade;
    out[4 * i + 1] = fade;
    out[4 * i + 2] = t < 0 ? 255 : fade;
    out[4 * i + 3] = 255;
  }
  return out;
}

/** Parse a comma-separated list of ε values in [0, 0.5], ascending; throws a readable message otherwise. */
export function parseEpsList(text: string, max = 0.5): number[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (parts.length === 0) throw new Error('Give at least one ε, e.g. "0, 0.05, 0.1".');
  if (parts.length > 12) throw new Error('Give at most 12 values of ε.');
  const values = parts.map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v) || !/^[0-9.eE+-]+$/.test(s))
      throw new Error(
        `"${s}" is not a number: write ε as decimals separated by commas, e.g. 0, 0.05, 0.1.`,
      );
    if (v < 0 || v > max)
      throw new Error(
        `ε = ${s} is outside [0, ${max}]: pixels live in [0, 1], and beyond ${max} an attack can paint any digit.`,
      );
    return v;
  });
  return [...new Set(values)].sort((a, b) => a - b);
}
