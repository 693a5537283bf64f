/**
 * nn-001 from scratch: a two-layer network x → ReLU(x W1 + b1) → (·) W2 + b2 → softmax cross-entropy,
 * and vanilla (inverted) dropout, forward and backward, on plain Float64Arrays — no tfjs, no autodiff.
 * Row-major matrices; a batch is n rows.
 */
import { rng, type Rng } from '../util/random.ts';

export interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

export const mat = (rows: number, cols: number, data?: ArrayLike<number>): Mat => {
  const d = new Float64Array(rows * cols);
  if (data) {
    if (data.length !== rows * cols)
      throw new Error(`mat: ${data.length} values for ${rows}×${cols}`);
    d.set(data);
  }
  return { rows, cols, data: d };
};

/** C = A · B. */
export function matmul(a: Mat, b: Mat): Mat {
  if (a.cols !== b.rows) throw new Error(`matmul: ${a.rows}×${a.cols} · ${b.rows}×${b.cols}`);
  const c = mat(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let k = 0; k < a.cols; k++) {
      const v = a.data[i * a.cols + k]!;
      if (v === 0) continue;
      for (let j = 0; j < b.cols; j++) c.data[i * b.cols + j]! += v * b.data[k * b.cols + j]!;
    }
  return c;
}

/** Aᵀ. */
export function transpose(a: Mat): Mat {
  const t = mat(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j]!;
  return t;
}

export interface TwoLayerParams {
  w1: Mat; // d × h
  b1: Float64Array; // h
  w2: Mat; // h × k
  b2: Float64Array; // k
}

export interface ForwardCache {
  x: Mat;
  z1: Mat; // pre-activation
  a1: Mat; // after ReLU (and dropout, if any)
  mask: Float64Array | null; // dropout mask already scaled by 1/(1−p)
  probs: Mat;
  loss: number;
}

export function initTwoLayer(d: number, h: number, k: number, seed = 0): TwoLayerParams {
  const r = rng(seed);
  const he = (fanIn: number, n: number) =>
    Float64Array.from({ length: n }, () => r.normal() * Math.sqrt(2 / fanIn));
  return {
    w1: mat(d, h, he(d, d * h)),
    b1: new Float64Array(h),
    w2: mat(h, k, he(h, h * k)),
    b2: new Float64Array(k),
  };
}

/** Inverted dropout forward: keep each unit with probability 1 − p and scale kept ones by 1/(1 − p). */
export function dropoutForward(a: Mat, p: number, r: Rng): { out: Mat; mask: Float64Array } {
  if (!(p >= 0 && p < 1)) throw new Error('dropout: p must be in [0, 1)');
  const mask = new Float64Array(a.data.length);
  const out = mat(a.rows, a.cols);
  for (let i = 0; i < mask.length; i++) {
    mask[i] = r.next() >= p ? 1 / (1 - p) : 0;
    out.data[i] = a.data[i]! * mask[i]!;
  }
  return { out, mask };
}

/** Dropout backward: the upstream gradient flows only through kept units, with the same scale. */
export function dropoutBackward(dOut: Mat, mask: Float64Array): Mat {
  const d = mat(dOut.rows, dOut.cols);
  for (let i = 0; i < mask.length; i++) d.data[i] = dOut.data[i]! * mask[i]!;
  return d;
}

/** Forward pass; labels are class indices. With `dropout`, dropout is applied to the hidden layer (training mode). */
export function forward(
  p: TwoLayerParams,
  x: Mat,
  labels: ArrayLike<number>,
  dropout?: { p: number; rng: Rng },
): ForwardCache {
  const n = x.rows;
  const z1 = matmul(x, p.w1);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < z1.cols; j++) z1.data[i * z1.cols + j]! += p.b1[j]!;
  let a1 = mat(
    z1.rows,
    z1.cols,
    z1.data.map((v) => Math.max(0, v)),
  );
  let mask: Float64Array | null = null;
  if (dropout && dropout.p > 0) {
    const d = dropoutForward(a1, dropout.p, dropout.rng);
    a1 = d.out;
    mask = d.mask;
  }
  const z2 = matmul(a1, p.w2);
  const k = z2.cols;
  const probs = mat(n, k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let j = 0; j < k; j++) m = Math.max(m, (z2.data[i * k + j]! += p.b2[j]!));
    let sum = 0;
    for (let j = 0; j < k; j++) sum += probs.data[i * k + j] = Math.exp(z2.data[i * k + j]! - m);
    for (let j = 0; j < k; j++) probs.data[i * k + j]! /= sum;
    loss -= Math.log(probs.data[i * k + labels[i]!]!);
  }
  return { x, z1, a1, mask, probs, loss: loss / n };
}

/** Backward pass of the mean cross-entropy: gradients of every parameter. */
export function backward(
  p: TwoLayerParams,
  c: ForwardCache,
  labels: ArrayLike<number>,
): TwoLayerParams {
  const n = c.x.rows;
  const k = c.probs.cols;
  // dL/dz2 = (softmax − onehot) / n
  const dz2 = mat(n, k, c.probs.data);
  for (let i = 0; i < n; i++) dz2.data[i * k + labels[i]!]! -= 1;
  for (let i = 0; i < dz2.data.length; i++) dz2.data[i]! /= n;
  const dw2 = matmul(transpose(c.a1), dz2);
  const db2 = new Float64Array(k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) db2[j]! += dz2.data[i * k + j]!;
  let da1 = matmul(dz2, transpose(p.w2));
  if (c.mask) da1 = dropoutBackward(da1, c.mask);
  // ReLU: pass the gradient where the pre-activation was positive.
  const dz1 = mat(
    da1.rows,
    da1.cols,
    da1.data.map((g, i) => (c.z1.data[i]! > 0 ? g : 0)),
  );
  const dw1 = matmul(transpose(c.x), dz1);
  const db1 = new Float64Array(dz1.cols);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < dz1.cols; j++) db1[j]! += dz1.data[i * dz1.cols + j]!;
  return { w1: dw1, b1: db1, w2: dw2, b2: db2 };
}

/** One plain gradient-descent step (in place). */
export function sgdStep(p: TwoLayerParams, g: TwoLayerParams, lr: number) {
  const upd = (a: Float64Array, b: Float64Array) => a.forEach((_, i) => (a[i]! -= lr * b[i]!));
  upd(p.w1.data, g.w1.data);
  upd(p.b1, g.b1);
  upd(p.w2.data, g.w2.data);
  upd(p.b2, g.b2);
}
