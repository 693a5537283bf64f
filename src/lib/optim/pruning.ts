/**
 * Magnitude pruning: zero the weights with the smallest |w| (globally across the weight matrices,
 * biases kept) and measure test accuracy at each sparsity; random pruning at the same sparsity is
 * the control. Optionally fine-tune with the mask held fixed, as in Han et al. (2015).
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP, type MLP } from '../models/mlp.ts';
import { train, type StepInfo } from '../train/engine.ts';
import { accuracy } from '../metrics/classification.ts';
import { rng, shuffleInPlace } from '../util/random.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

/** The threshold below which a fraction `sparsity` of the values' magnitudes lie (k-th smallest |v|). */
export function magnitudeThreshold(values: ArrayLike<number>, sparsity: number): number {
  const k = Math.floor(sparsity * values.length);
  if (k <= 0) return -Infinity;
  const mags = Float64Array.from(values, Math.abs).sort();
  return mags[k - 1]!;
}

/**
 * Keep-masks (1 = keep, 0 = prune) for each weight matrix so that exactly floor(sparsity·N) of all N
 * weights are pruned. 'magnitude' prunes the smallest |w| over all layers together (ties broken by
 * position); 'random' prunes a seeded random set of the same size.
 */
export function pruneMasks(
  weights: readonly Float32Array[],
  sparsity: number,
  method: 'magnitude' | 'random',
  seed = 0,
): Uint8Array[] {
  if (!(sparsity >= 0 && sparsity <= 1)) throw new Error('sparsity must be between 0 and 1');
  const sizes = weights.map((w) => w.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const k = Math.floor(sparsity * total);
  const order = Array.from({ length: total }, (_, i) => i);
  const flat = new Float64Array(total);
  let off = 0;
  for (const w of weights) {
    for (let i = 0; i < w.length; i++) flat[off + i] = Math.abs(w[i]!);
    off += w.length;
  }
  if (method === 'magnitude') order.sort((a, b) => flat[a]! - flat[b]! || a - b);
  else shuffleInPlace(order, rng(seed));
  const keep = new Uint8Array(total).fill(1);
  for (let i = 0; i < k; i++) keep[order[i]!] = 0;
  const masks: Uint8Array[] = [];
  off = 0;
  for (const n of sizes) {
    masks.push(keep.slice(off, off + n));
    off += n;
  }
  return masks;
}

/** Set every weight matrix of `model` to original ⊙ mask. */
export function applyMasks(
  tf: typeof TF,
  model: MLP,
  original: readonly Float32Array[],
  masks: readonly Uint8Array[],
): void {
  model.layers.forEach((l, i) => {
    const w = new Float32Array(original[i]!.length);
    for (let j = 0; j < w.length; j++) w[j] = masks[i]![j] ? original[i]![j]! : 0;
    tf.tidy(() => l.w.assign(tf.tensor2d(w, l.w.shape as [number, number])));
  });
}

export interface PrunePoint {
  sparsity: number;
  magnitude: number;
  random: number;
  /** Accuracy after fine-tuning the magnitude-pruned network with its mask fixed (if requested). */
  fineTuned?: number;
}

/** Hidden widths unless told otherwise: LeNet-300-100. */
export const LENET_300_100: readonly number[] = [300, 100];

export interface PruneExperimentOptions {
  sparsities: readonly number[];
  hidden?: number[];
  epochs: number;
  batchSize: number;
  learningRate?: number;
  /** Epochs of masked fine-tuning after magnitude pruning (0 = none). */
  fineTuneEpochs?: number;
  seed?: number;
  signal?: AbortSignal;
  onStep?: (phase: string, s: StepInfo) => void;
  onPoint?: (p: PrunePoint, baseline: number) => void;
}

export interface PruneExperiment {
  baseline: number;
  parameters: number;
  points: PrunePoint[];
}

/** Train an MLP, then prune it at each sparsity (magnitude and random) and evaluate. Null when cancelled. */
export async function pruningExperiment(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: PruneExperimentOptions,
): Promise<PruneExperiment | null> {
  const tr = toTensors(tf, trainSet);
  const te = toTensors(tf, testSet);
  const model = createMLP(tf, [PIXELS, ...(o.hidden ?? LENET_300_100), CLASSES], {
    seed: o.seed ?? 1,
  });
  const lr = o.learningRate ?? 2e-3;
  try {
    const r = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      optimizer: { name: 'adam', learningRate: lr },
      epochs: o.epochs,
      batchSize: o.batchSize,
      seed: o.seed ?? 1,
      signal: o.signal,
      syncEvery: 10,
      onStep: (s) => o.onStep?.('Training', s),
    });
    if (r.status === 'cancelled') return null;
    const original = await Promise.all(
      model.layers.map(async (l) => (await l.w.data()) as Float32Array),
    );
    const biases = await Promise.all(
      model.layers.map(async (l) => (await l.b.data()) as Float32Array),
    );
    const restore = () =>
      model.layers.forEach((l, i) => {
        tf.tidy(() => l.w.assign(tf.tensor2d(original[i]!, l.w.shape as [number, number])));
        tf.tidy(() => l.b.assign(tf.tensor1d(biases[i]!)));
      });
    const baseline = await accuracy(tf, model, te.xs, te.ys);
    const points: PrunePoint[] = [];
    for (const s of o.sparsities) {
      if (o.signal?.aborted) return null;
      const mag = pruneMasks(original, s, 'magnitude');
      applyMasks(tf, model, original, mag);
      const magnitude = await accuracy(tf, model, te.xs, te.ys);
      applyMasks(tf, model, original, pruneMasks(original, s, 'random', (o.seed ?? 1) + 1000));
      const random = await accuracy(tf, model, te.xs, te.ys);
      const p: PrunePoint = { sparsity: s, magnitude, random };
      if ((o.fineTuneEpochs ?? 0) > 0 && s > 0) {
        applyMasks(tf, model, original, mag);
        const maskT = mag.map((m, i) =>
          tf.tensor2d(Float32Array.from(m), model.layers[i]!.w.shape as [number, number]),
        );
        try {
          const ft = await train({
            tf,
            model,
            xs: tr.xs,
            ys: tr.ys,
            optimizer: { name: 'adam', learningRate: lr / 2 },
            epochs: o.fineTuneEpochs!,
            batchSize: o.batchSize,
            seed: (o.seed ?? 1) + 1,
            signal: o.signal,
            syncEvery: 10,
            // Re-apply the mask after every step, so pruned weights stay exactly zero.
            onStep: (st) => {
              model.layers.forEach((l, i) => tf.tidy(() => l.w.assign(tf.mul(l.w, maskT[i]!))));
              o.onStep?.(`Fine-tuning at ${Math.round(100 * s)} % sparsity`, st);
            },
          });
          if (ft.status === 'cancelled') return null;
          p.fineTuned = await accuracy(tf, model, te.xs, te.ys);
        } finally {
          tf.dispose(maskT);
        }
      } else if ((o.fineTuneEpochs ?? 0) > 0) p.fineTuned = magnitude;
      restore();
      points.push(p);
      o.onPoint?.(p, baseline);
    }
    return { baseline, parameters: original.reduce((a, w) => a + w.length, 0), points };
  } finally {
    model.dispose();
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}
