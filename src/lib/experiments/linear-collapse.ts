/**
 * Experiments for "two consecutive linear layers" and "a ReLU network as a linear classifier".
 * Pure functions of a tfjs handle; every number shown on the page comes from here.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, type MLP } from '../models/mlp.ts';
import { train, type TrainResult } from '../train/engine.ts';
import { accuracy } from '../metrics/classification.ts';
import { normalArray, rng } from '../util/random.ts';

export interface CollapseResult {
  /** Shapes used: input d, hidden h, output k. */
  dims: { d: number; h: number; k: number };
  /** Composite weights W = W1·W2 (d×k, row-vector convention x·W) and bias b = b1·W2 + b2. */
  w: number[][];
  b: number[];
  /** max |two-layer(x) − one-layer(x)| over the batch. */
  maxAbsDiff: number;
  /** Largest |output| in the batch, for scale. */
  maxAbsOutput: number;
  /** Rank of the composite map (numerically): at most min(d, h, k). */
  rank: number;
}

/** Numerical rank of a small dense matrix by Gaussian elimination with partial pivoting (float64). */
export function matrixRank(m: number[][], tol = 1e-9): number {
  const a = m.map((r) => [...r]);
  const rows = a.length;
  const cols = rows ? a[0]!.length : 0;
  let rank = 0;
  for (let c = 0; c < cols && rank < rows; c++) {
    let p = rank;
    for (let r = rank + 1; r < rows; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) <= tol) continue;
    [a[rank], a[p]] = [a[p]!, a[rank]!];
    for (let r = rank + 1; r < rows; r++) {
      const f = a[r]![c]! / a[rank]![c]!;
      for (let k = c; k < cols; k++) a[r]![k]! -= f * a[rank]![k]!;
    }
    rank++;
  }
  return rank;
}

/** Input, hidden and output widths and the number of random inputs, unless told otherwise. */
export const COLLAPSE_DEFAULTS = { d: 3, h: 4, k: 2, batch: 256 };

/**
 * Stack two linear layers (d→h→k) with random weights, then compute the single layer they equal and
 * compare both on a batch of random inputs.
 */
export async function linearCollapse(
  tf: typeof TF,
  opts: { d?: number; h?: number; k?: number; batch?: number; seed?: number } = {},
): Promise<CollapseResult> {
  const {
    d = COLLAPSE_DEFAULTS.d,
    h = COLLAPSE_DEFAULTS.h,
    k = COLLAPSE_DEFAULTS.k,
    batch = COLLAPSE_DEFAULTS.batch,
    seed = 1,
  } = opts;
  const r = rng(seed);
  const [w, b, diff, maxOut] = tf.tidy(() => {
    const w1 = tf.tensor2d(normalArray(d * h, 1, r), [d, h]);
    const b1 = tf.tensor1d(normalArray(h, 1, r));
    const w2 = tf.tensor2d(normalArray(h * k, 1, r), [h, k]);
    const b2 = tf.tensor1d(normalArray(k, 1, r));
    const x = tf.tensor2d(normalArray(batch * d, 1, r), [batch, d]);
    const twoLayers = tf.add(tf.matMul(tf.add(tf.matMul(x, w1), b1), w2), b2);
    const wc = tf.matMul(w1, w2);
    const bc = tf.add(tf.squeeze(tf.matMul(tf.reshape(b1, [1, h]), w2)), b2);
    const oneLayer = tf.add(tf.matMul(x, wc), bc);
    return [wc, bc, tf.max(tf.abs(tf.sub(twoLayers, oneLayer))), tf.max(tf.abs(twoLayers))];
  });
  const wArr = (await w.array()) as number[][];
  const bArr = (await b.array()) as number[];
  const maxAbsDiff = (await diff.data())[0]!;
  const maxAbsOutput = (await maxOut.data())[0]!;
  tf.dispose([w, b, diff, maxOut]);
  return {
    dims: { d, h, k },
    w: wArr,
    b: bArr,
    maxAbsDiff,
    maxAbsOutput,
    rank: matrixRank(wArr, 1e-6),
  };
}

/** Seeded two-class toy sets in [-1,1]²: concentric rings (not linearly separable) or two blobs. */
export function toyData(
  kind: 'rings' | 'blobs',
  n: number,
  seed = 0,
): { x: Float32Array; y: Int32Array } {
  const r = rng(seed);
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    y[i] = c;
    if (kind === 'rings') {
      const radius = (c ? 0.75 : 0.3) + 0.08 * r.normal();
      const a = 2 * Math.PI * r.next();
      x[2 * i] = radius * Math.cos(a);
      x[2 * i + 1] = radius * Math.sin(a);
    } else {
      x[2 * i] = (c ? 0.45 : -0.45) + 0.2 * r.normal();
      x[2 * i + 1] = (c ? 0.3 : -0.3) + 0.2 * r.normal();
    }
  }
  return { x, y };
}

/**
 * A one-hidden-layer ReLU network that computes exactly the linear score x·w + b, using
 * z = relu(z) − relu(−z): hidden weights [w, −w], output weights [1, −1]. Returns the max
 * difference from the linear score on the given inputs.
 */
export async function reluNetAsLinear(
  tf: typeof TF,
  w: [number, number],
  b: number,
  x: Float32Array,
): Promise<number> {
  const out = tf.tidy(() => {
    const xs = tf.tensor2d(x, [x.length / 2, 2]);
    const W1 = tf.tensor2d([w[0], -w[0], w[1], -w[1]], [2, 2]);
    const b1 = tf.tensor1d([b, -b]);
    const W2 = tf.tensor2d([1, -1], [2, 1]);
    const hidden = tf.relu(tf.add(tf.matMul(xs, W1), b1));
    const net = tf.matMul(hidden, W2);
    const linear = tf.add(tf.matMul(xs, tf.tensor2d(w, [2, 1])), b);
    return tf.max(tf.abs(tf.sub(net, linear)));
  });
  const v = (await out.data())[0]!;
  out.dispose();
  return v;
}

export interface ToyFit {
  model: MLP;
  result: TrainResult;
  accuracy: number;
}

/** Train an MLP of the given sizes on a toy set with the shared engine. Caller disposes `model`. */
export async function fitToy(
  tf: typeof TF,
  sizes: number[],
  data: { x: Float32Array; y: Int32Array },
  opts: {
    epochs?: number;
    seed?: number;
    signal?: AbortSignal;
    onEpoch?: (epoch: number, loss: number) => void;
  } = {},
): Promise<ToyFit> {
  const n = data.y.length;
  const xs = tf.tensor2d(data.x, [n, 2]);
  const ys = tf.tensor1d(data.y, 'int32');
  const model = createMLP(tf, sizes, { seed: opts.seed ?? 0 });
  try {
    const result = await train({
      tf,
      model,
      xs,
      ys,
      optimizer: { name: 'adam', learningRate: 0.03 },
      epochs: opts.epochs ?? 20,
      batchSize: 100,
      seed: opts.seed ?? 0,
      signal: opts.signal,
      syncEvery: 20,
      onEpoch: (e) => opts.onEpoch?.(e.epoch, e.loss),
    });
    return { model, result, accuracy: await accuracy(tf, model, xs, ys) };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    xs.dispose();
    ys.dispose();
  }
}

/** Class-1 probability on a g×g grid over [-1,1]², row-major from top-left (for drawing regions). */
export async function decisionGrid(tf: typeof TF, model: MLP, g = 64): Promise<Float32Array> {
  const pts = new Float32Array(g * g * 2);
  for (let i = 0; i < g; i++)
    for (let j = 0; j < g; j++) {
      pts[2 * (i * g + j)] = -1 + (2 * (j + 0.5)) / g;
      pts[2 * (i * g + j) + 1] = 1 - (2 * (i + 0.5)) / g;
    }
  const p = tf.tidy(() =>
    tf.slice(tf.softmax(model.predict(tf.tensor2d(pts, [g * g, 2]))), [0, 1], [-1, 1]),
  );
  const out = (await p.data()) as Float32Array;
  p.dispose();
  return out;
}
