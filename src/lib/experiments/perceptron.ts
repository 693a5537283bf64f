/**
 * The Perceptron section's numeric questions, computed (nn-008, nn-009, nn-014, nn-019, nn-020,
 * nn-023) plus the smallest XOR network. Plain float64 for the hand calculations; tfjs for the
 * "verify with a framework" parts and for training.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, type MLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';

export const dot = (a: readonly number[], b: readonly number[]) =>
  a.reduce((s, v, i) => s + v * b[i]!, 0);
export const reluScalar = (z: number) => Math.max(0, z);

/** nn-008/009: one hidden node: sum = w·x + b, then ReLU. */
export function singleNode(x: readonly number[], w: readonly number[], b: number) {
  const sum = dot(x, w) + b;
  return { sum, relu: reluScalar(sum) };
}

export function softmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/**
 * nn-014: x (2) → 3 ReLU hidden units (weights w, 3×2, shared bias B) → 2 outputs (weights w1, 2×3,
 * no output bias in the source) → softmax → loss. The source's loss "−Σ yᵢ log yᵢ" uses the softmax
 * output for both factors, which is the entropy of the prediction; with a one-hot target t it is
 * −log p_t. Both readings are returned.
 */
export function smallMlp(
  x: readonly number[],
  w: readonly number[][],
  bias: number,
  w1: readonly number[][],
) {
  const hiddenSum = w.map((row) => dot(row, x) + bias);
  const hidden = hiddenSum.map(reluScalar);
  const outputs = w1.map((row) => dot(row, hidden));
  const probs = softmax(outputs);
  const entropy = -probs.reduce((s, p) => s + p * Math.log(p), 0);
  const crossEntropyIfTarget = probs.map((p) => -Math.log(p));
  return { hiddenSum, hidden, outputs, probs, entropy, crossEntropyIfTarget };
}

export const NN014 = {
  x: [0.9, 0.7],
  w: [
    [-0.3, 0.15],
    [0.32, -0.91],
    [0.37, 0.47],
  ],
  w1: [
    [0.15, -0.46, 0.59],
    [0.1, 0.32, -0.79],
  ],
  /** The text says 0.001, the code 0.002: both are computed. */
  biases: [0.001, 0.002],
} as const;

/** The same small MLP in tfjs on the active backend (the "verify with a framework" part). */
export async function smallMlpOnBackend(
  tf: typeof TF,
  x: readonly number[],
  w: readonly number[][],
  bias: number,
  w1: readonly number[][],
) {
  const [h, o, p] = tf.tidy(() => {
    const X = tf.tensor2d([x as number[]]);
    const hidden = tf.relu(tf.add(tf.matMul(X, tf.tensor2d(w as number[][]), false, true), bias));
    const out = tf.matMul(hidden, tf.tensor2d(w1 as number[][]), false, true);
    return [hidden, out, tf.softmax(out)];
  });
  const res = {
    hidden: Array.from(await h.data()),
    outputs: Array.from(await o.data()),
    probs: Array.from(await p.data()),
  };
  tf.dispose([h, o, p]);
  return res;
}

export const BINARY_INPUTS: readonly [number, number][] = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
];

/** nn-019/020/023: a threshold unit over the four binary inputs: sums and step outputs. */
export function truthTable(w: readonly [number, number], b: number) {
  return BINARY_INPUTS.map(([x1, x2]) => {
    const sum = w[0] * x1 + w[1] * x2 + b;
    return { x1, x2, sum, out: sum > 0 ? 1 : 0 };
  });
}

export const AND = (x1: number, x2: number) => (x1 && x2 ? 1 : 0);
export const XOR = (x1: number, x2: number) => (x1 !== x2 ? 1 : 0);

/**
 * Can any single threshold unit compute `gate`? Brute-force over a grid of weights and biases:
 * returns a solution if one exists on the grid. (For XOR none exists at all — the two classes are not
 * linearly separable — so the search fails on any grid.)
 */
export function findThresholdUnit(
  gate: (a: number, b: number) => number,
  grid = [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2],
) {
  for (const w1 of grid)
    for (const w2 of grid)
      for (const b of grid) {
        if (truthTable([w1, w2], b).every((r) => r.out === gate(r.x1, r.x2)))
          return { w: [w1, w2] as [number, number], b };
      }
  return null;
}

/** A hand-built 2-2-1 ReLU network for XOR: h1 = relu(x1+x2), h2 = relu(x1+x2−1), y = h1 − 2 h2. */
export function xorByHand(x1: number, x2: number) {
  const h1 = reluScalar(x1 + x2);
  const h2 = reluScalar(x1 + x2 - 1);
  return h1 - 2 * h2;
}

export interface XorFit {
  model: MLP;
  outputs: number[];
  solved: boolean;
  steps: number;
  losses: number[];
}

/**
 * Train the smallest XOR network, 2 → 2 (tanh) → 1 (sigmoid), full batch, with the shared engine.
 * Some initialisations get stuck (a known local minimum of this tiny net); `solved` says whether all
 * four outputs are on the right side of 0.5. Caller disposes `model`.
 */
export async function trainXor(
  tf: typeof TF,
  opts: {
    seed: number;
    steps?: number;
    signal?: AbortSignal;
    onLoss?: (step: number, loss: number) => void;
  },
): Promise<XorFit & { cancelled: boolean }> {
  const steps = opts.steps ?? 300;
  const xs = tf.tensor2d(BINARY_INPUTS.map((r) => [...r]));
  const ys = tf.tensor2d(BINARY_INPUTS.map(([a, b]) => [XOR(a, b)]));
  const model = createMLP(tf, [2, 2, 1], { seed: opts.seed, hidden: 'tanh', init: 'glorot' });
  const losses: number[] = [];
  try {
    const res = await train({
      tf,
      model,
      xs,
      ys,
      optimizer: { name: 'adam', learningRate: 0.1 },
      epochs: steps,
      batchSize: 4,
      seed: opts.seed,
      signal: opts.signal,
      syncEvery: 10,
      loss: (logits, y) => tf.losses.sigmoidCrossEntropy(y, logits) as TF.Scalar,
      onEpoch: (e) => {
        losses.push(e.loss);
        opts.onLoss?.(e.epoch + 1, e.loss);
      },
    });
    const p = tf.tidy(() => tf.sigmoid(model.predict(xs)));
    const outputs = Array.from(await p.data());
    p.dispose();
    const solved = outputs.every((o, i) => (o > 0.5 ? 1 : 0) === XOR(...BINARY_INPUTS[i]!));
    return {
      model,
      outputs,
      solved,
      steps: res.steps,
      losses,
      cancelled: res.status === 'cancelled',
    };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    xs.dispose();
    ys.dispose();
  }
}
