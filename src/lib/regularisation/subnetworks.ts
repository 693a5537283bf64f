/**
 * Dropout's ensemble, enumerated. A layered network whose non-output units can each be dropped has
 * 2^N subnetworks (N = number of droppable units). Given keep probabilities, every subnetwork has a
 * probability, and the exact ensemble prediction is a finite sum that we can compute and compare with
 * the weight-scaling rule (multiply the weights leaving each unit by that unit's keep probability):
 *  - arithmetic mean of the outputs = weight-scaled output exactly when the network is linear in the
 *    masks (no non-linearity after a dropped unit before the output);
 *  - normalised geometric mean of softmax outputs = weight-scaled softmax exactly whenever the logits
 *    are linear in the masks (e.g. softmax regression with input dropout);
 *  - with ReLU hidden units both are only approximations, and the gap is measured here.
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, rng } from '../util/random.ts';

export interface Subnetwork {
  /** Index 0 … 2^N − 1; bit u set ⇔ droppable unit u is kept. */
  index: number;
  /** kept[l][i]: unit i of layer l is kept (the output layer is always kept). */
  kept: boolean[][];
  /** Some input unit connects to the output through kept units. */
  connected: boolean;
  /** Number of weights (edges) between kept units. */
  edges: number;
}

/** All 2^N subnetworks of a fully connected layered net (sizes = units per layer, last = outputs). */
export function enumerateSubnetworks(sizes: readonly number[]): Subnetwork[] {
  const droppable = sizes.slice(0, -1).reduce((a, b) => a + b, 0);
  if (droppable > 16) throw new Error('enumerateSubnetworks: more than 2^16 subnetworks');
  const out: Subnetwork[] = [];
  for (let m = 0; m < 2 ** droppable; m++) {
    let bit = 0;
    const kept = sizes.map((n, l) =>
      Array.from({ length: n }, () => (l === sizes.length - 1 ? true : ((m >> bit++) & 1) === 1)),
    );
    const counts = kept.map((k) => k.filter(Boolean).length);
    let edges = 0;
    for (let l = 0; l + 1 < sizes.length; l++) edges += counts[l]! * counts[l + 1]!;
    out.push({ index: m, kept, connected: counts.every((c) => c > 0), edges });
  }
  return out;
}

/** Number of connected subnetworks: ∏ over non-output layers of (2^{n_l} − 1). */
export function connectedCount(sizes: readonly number[]): number {
  return sizes.slice(0, -1).reduce((p, n) => p * (2 ** n - 1), 1);
}

/** Output units of the page's base network for each output kind: one value, or a softmax over classes. */
export const OUTPUT_UNITS = { linear: 1, softmax: 3 } as const;

export interface EnsembleOptions {
  /** Units per layer, e.g. [2, 2, 1]. */
  sizes: number[];
  /** Activation of hidden layers. */
  activation: 'linear' | 'relu';
  /** Output: raw value(s) or softmax probabilities. */
  output: 'linear' | 'softmax';
  /** Keep probability of each non-output layer's units (one per layer). */
  keep: number[];
  /** The input to evaluate (length sizes[0]). */
  x: number[];
  seed?: number;
}

export interface EnsembleResult {
  /** Per subnetwork: probability and output vector. */
  members: { index: number; prob: number; output: number[] }[];
  /** Σ_μ p(μ) f(μ): the exact expectation over dropout masks. */
  arithmeticMean: number[];
  /** Normalised ∏_μ f(μ)^{p(μ)} (softmax outputs only; else empty). */
  geometricMean: number[];
  /** Output of the full network with every weight scaled by the keep probability of its source unit. */
  weightScaled: number[];
  maxDiffArithmetic: number;
  maxDiffGeometric: number;
}

/** Evaluate every subnetwork exactly on the backend (one batched forward pass) and compare the averages. */
export async function dropoutEnsemble(tf: typeof TF, o: EnsembleOptions): Promise<EnsembleResult> {
  const { sizes, keep } = o;
  const L = sizes.length - 1;
  if (keep.length !== L)
    throw new Error('dropoutEnsemble: one keep probability per non-output layer');
  const subs = enumerateSubnetworks(sizes);
  const M = subs.length;
  const r = rng(o.seed ?? 1);
  const weights = Array.from({ length: L }, (_, l) => ({
    w: normalArray(sizes[l]! * sizes[l + 1]!, 1 / Math.sqrt(sizes[l]!), r),
    b: normalArray(sizes[l + 1]!, 0.5, r),
  }));
  const probs = subs.map((s) =>
    s.kept
      .slice(0, L)
      .reduce((p, layer, l) => layer.reduce((q, k) => q * (k ? keep[l]! : 1 - keep[l]!), p), 1),
  );
  const act = (t: TF.Tensor) => (o.activation === 'relu' ? tf.relu(t) : t);
  const [all, scaled] = tf.tidy(() => {
    const Ws = weights.map((w, l) => tf.tensor2d(w.w, [sizes[l]!, sizes[l + 1]!]));
    const bs = weights.map((w) => tf.tensor1d(w.b));
    // Every subnetwork at once: row m of h carries subnetwork m's activations.
    let h: TF.Tensor = tf.tile(tf.tensor2d(o.x, [1, sizes[0]!]), [M, 1]);
    for (let l = 0; l < L; l++) {
      const mask = tf.tensor2d(
        subs.flatMap((s) => s.kept[l]!.map((k) => (k ? 1 : 0))),
        [M, sizes[l]!],
      );
      const z = tf.add(tf.matMul(tf.mul(h, mask), Ws[l]!), bs[l]!);
      h = l < L - 1 ? act(z) : z;
    }
    let g: TF.Tensor = tf.tensor2d(o.x, [1, sizes[0]!]);
    for (let l = 0; l < L; l++) {
      const z = tf.add(tf.matMul(g, tf.mul(keep[l]!, Ws[l]!)), bs[l]!);
      g = l < L - 1 ? act(z) : z;
    }
    return o.output === 'softmax' ? [tf.softmax(h), tf.softmax(g)] : [h, g];
  });
  const outs = await all.data();
  const ws = Array.from(await scaled.data());
  tf.dispose([all, scaled]);
  const k = sizes[L]!;
  const members = subs.map((s, m) => ({
    index: s.index,
    prob: probs[m]!,
    output: Array.from(outs.subarray(m * k, (m + 1) * k)),
  }));
  const arithmeticMean = new Array<number>(k).fill(0);
  for (const mem of members) mem.output.forEach((v, j) => (arithmeticMean[j]! += mem.prob * v));
  let geometricMean: number[] = [];
  if (o.output === 'softmax') {
    const logG = new Array<number>(k).fill(0);
    for (const mem of members)
      mem.output.forEach((v, j) => (logG[j]! += mem.prob * Math.log(Math.max(v, 1e-300))));
    const mx = Math.max(...logG);
    const e = logG.map((v) => Math.exp(v - mx));
    const z = e.reduce((a, b) => a + b, 0);
    geometricMean = e.map((v) => v / z);
  }
  const diff = (a: number[]) =>
    a.length ? Math.max(...a.map((v, j) => Math.abs(v - ws[j]!))) : NaN;
  return {
    members,
    arithmeticMean,
    geometricMean,
    weightScaled: ws,
    maxDiffArithmetic: diff(arithmeticMean),
    maxDiffGeometric: diff(geometricMean),
  };
}

/**
 * Which exact ensemble mean the weight-scaled network is to be compared with, and whether it equals
 * it: for a linear output the arithmetic mean, for softmax the normalised geometric mean; exact when
 * the hidden units are linear (the output, or the logits, are then linear in the masks), an
 * approximation otherwise.
 */
export function weightScalingTarget(o: Pick<EnsembleOptions, 'activation' | 'output'>): {
  mean: 'arithmetic' | 'geometric';
  exact: boolean;
} {
  return {
    mean: o.output === 'softmax' ? 'geometric' : 'arithmetic',
    exact: o.activation === 'linear',
  };
}
