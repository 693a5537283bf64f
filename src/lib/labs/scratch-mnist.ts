/**
 * dl-51: the from-scratch network of ../calculus/scratch-net.ts (typed arrays, hand-written
 * backward pass, no tfjs) applied to MNIST: gradients checked by central differences, then trained
 * with mini-batch gradient descent. No autodiff anywhere, so the only evidence that `backward` is
 * right is the numerical check below.
 */
import {
  backward,
  forward,
  initTwoLayer,
  mat,
  sgdStep,
  type Mat,
  type TwoLayerParams,
} from '../calculus/scratch-net.ts';
import { gradcheck64 } from '../calculus/gradcheck.ts';
import type { MnistSplit } from '../data/mnist.ts';
import { permutation, rng } from '../util/random.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export type ParamName = 'w1' | 'b1' | 'w2' | 'b2';
const NAMES: readonly ParamName[] = ['w1', 'b1', 'w2', 'b2'];

/** Examples [start, start + count) of an MNIST split as a float64 matrix (pixels / 255) and labels. */
export function mnistRows(
  split: MnistSplit,
  start: number,
  count: number,
): { x: Mat; labels: Uint8Array } {
  const n = Math.min(count, split.count - start);
  const x = mat(n, PIXELS);
  for (let i = 0; i < n * PIXELS; i++) x.data[i] = split.images[start * PIXELS + i]! / 255;
  return { x, labels: split.labels.slice(start, start + n) };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

const flat = (p: TwoLayerParams, k: ParamName): Float64Array =>
  k === 'w1' || k === 'w2' ? p[k].data : p[k];

export interface ParamCheck {
  name: ParamName;
  /** How many coordinates were checked. */
  checked: number;
  /** Largest |analytic − numeric| / max(1, |numeric|) (gradcheck64's measure). */
  maxError: number;
  tolerance: number;
  ok: boolean;
}

/**
 * Compare `backward` with central differences of `forward`'s loss, in float64, for `perParam`
 * random coordinates of each parameter array (drawn among those with a non-zero gradient, so that
 * always-zero pixels do not pass the check for free). `bug` plants a classic mistake to show that
 * the check catches it: gradients summed over the batch instead of averaged.
 */
export function checkGradients(
  p: TwoLayerParams,
  x: Mat,
  labels: ArrayLike<number>,
  perParam: number,
  seed: number,
  bug = false,
): ParamCheck[] {
  const g = backward(p, forward(p, x, labels), labels);
  if (bug) NAMES.forEach((k) => flat(g, k).forEach((_, i, a) => (a[i]! *= x.rows)));
  const r = rng(seed);
  return NAMES.map((name) => {
    const values = flat(p, name);
    const grads = flat(g, name);
    const candidates = [...grads.keys()].filter((i) => grads[i] !== 0);
    let maxError = 0;
    let tolerance = 0;
    let ok = true;
    let checked = 0;
    for (let k = 0; k < Math.min(perParam, candidates.length); k++) {
      const i = candidates[r.int(candidates.length)]!;
      const original = values[i]!;
      const loss = (v: number) => {
        values[i] = v;
        const l = forward(p, x, labels).loss;
        values[i] = original;
        return l;
      };
      const res = gradcheck64(loss, () => grads[i]!, [original]);
      checked++;
      maxError = Math.max(maxError, res.maxError);
      tolerance = res.tolerance;
      ok &&= res.ok;
    }
    return { name, checked, maxError, tolerance, ok };
  });
}

/** Fraction of rows whose most probable class is the label. */
export function scratchAccuracy(p: TwoLayerParams, x: Mat, labels: ArrayLike<number>): number {
  const probs = forward(p, x, labels).probs;
  let ok = 0;
  for (let i = 0; i < x.rows; i++) {
    let best = 0;
    for (let j = 1; j < probs.cols; j++)
      if (probs.data[i * probs.cols + j]! > probs.data[i * probs.cols + best]!) best = j;
    ok += Number(best === labels[i]);
  }
  return ok / x.rows;
}

export interface ScratchTrainOptions {
  hidden: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  signal?: AbortSignal;
  onStep?: (s: { epoch: number; step: number; steps: number; loss: number }) => void;
  onEpoch?: (e: { epoch: number; loss: number; testAccuracy: number }) => void;
}

export interface ScratchRun {
  status: 'done' | 'cancelled';
  params: TwoLayerParams;
  history: { epoch: number; loss: number; testAccuracy: number }[];
}

/** Mini-batch gradient descent on 784 → hidden (ReLU) → 10 with the hand-written gradients. */
export async function trainScratch(
  trainSet: { x: Mat; labels: Uint8Array },
  testSet: { x: Mat; labels: Uint8Array },
  o: ScratchTrainOptions,
): Promise<ScratchRun> {
  const params = initTwoLayer(PIXELS, o.hidden, CLASSES, o.seed);
  const n = trainSet.x.rows;
  const batches = Math.ceil(n / o.batchSize);
  const history: ScratchRun['history'] = [];
  let step = 0;
  // This loop is pure JavaScript on the page's main thread: give the browser a real task boundary
  // (setTimeout, not a prioritised microtask-like yield) every ~30 ms, so clicks such as Cancel,
  // repaints and status updates are handled while it trains.
  let lastYield = now();
  const breathe = async (force = false) => {
    if (force || now() - lastYield > 30) {
      await new Promise((r) => setTimeout(r, 0));
      lastYield = now();
    }
  };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = permutation(n, o.seed * 7919 + epoch);
    let sum = 0;
    for (let b = 0; b < batches; b++) {
      if (o.signal?.aborted) return { status: 'cancelled', params, history };
      const idx = order.subarray(b * o.batchSize, Math.min(n, (b + 1) * o.batchSize));
      const xb = mat(idx.length, PIXELS);
      const yb = new Uint8Array(idx.length);
      idx.forEach((src, row) => {
        xb.data.set(trainSet.x.data.subarray(src * PIXELS, (src + 1) * PIXELS), row * PIXELS);
        yb[row] = trainSet.labels[src]!;
      });
      const cache = forward(params, xb, yb);
      sgdStep(params, backward(params, cache, yb), o.learningRate);
      sum += cache.loss;
      step++;
      o.onStep?.({ epoch, step, steps: batches * o.epochs, loss: cache.loss });
      await breathe();
    }
    const info = {
      epoch,
      loss: sum / batches,
      testAccuracy: scratchAccuracy(params, testSet.x, testSet.labels),
    };
    history.push(info);
    o.onEpoch?.(info);
    await breathe(true);
  }
  return { status: 'done', params, history };
}
