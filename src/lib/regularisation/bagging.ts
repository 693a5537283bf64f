/**
 * Why averaging k models helps. If member errors η_i have E[η_i²] = v and E[η_iη_j] = c (i ≠ j), the
 * averaged prediction's expected squared error is
 *   E[(Σ_i η_i / k)²] = (k·v + k(k−1)·c)/k² = v/k + (k−1)c/k.
 * This file (1) checks that by Monte Carlo with correlated Gaussian errors, (2) computes the same
 * decomposition from real errors (where it is an identity of sample moments), and (3) bags small
 * regression networks on bootstrap resamples with the shared engine.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { rng } from '../util/random.ts';

/** v/k + (k−1)c/k. */
export function ensembleMse(v: number, c: number, k: number): number {
  return v / k + ((k - 1) * c) / k;
}

export interface SimulationResult {
  /** Monte Carlo estimate of E[(mean error)²]. */
  estimate: number;
  /** Its standard error. */
  standardError: number;
  /** The formula v/k + (k−1)c/k. */
  formula: number;
  /** Monte Carlo estimate of one member's E[η²] (should be v). */
  memberMse: number;
}

/** The page's simulation: every error has variance v, and each point averages this many trials. */
export const ENSEMBLE_SIMULATION = { v: 1, trials: 20000 };

/**
 * Draw `trials` sets of k errors with variance v and pairwise covariance c (0 ≤ c ≤ v), built as
 * η_i = √c·z₀ + √(v − c)·z_i with independent standard normals, and average the squared mean error.
 */
export function simulateEnsemble(o: {
  v: number;
  c: number;
  k: number;
  trials: number;
  seed?: number;
}): SimulationResult {
  const { v, c, k, trials } = o;
  if (!(c >= 0 && c <= v)) throw new Error('simulateEnsemble: need 0 ≤ c ≤ v');
  const r = rng(o.seed ?? 1);
  const a = Math.sqrt(c);
  const b = Math.sqrt(v - c);
  let sum = 0;
  let sumSq = 0;
  let member = 0;
  for (let t = 0; t < trials; t++) {
    const z0 = r.normal();
    let s = 0;
    for (let i = 0; i < k; i++) {
      const e = a * z0 + b * r.normal();
      s += e;
      if (i === 0) member += e * e;
    }
    const sq = (s / k) ** 2;
    sum += sq;
    sumSq += sq * sq;
  }
  const mean = sum / trials;
  const variance = Math.max(0, sumSq / trials - mean * mean);
  return {
    estimate: mean,
    standardError: Math.sqrt(variance / trials),
    formula: ensembleMse(v, c, k),
    memberMse: member / trials,
  };
}

export interface ErrorDecomposition {
  /** Mean over members of the mean squared error: v̄. */
  v: number;
  /** Mean over member pairs i ≠ j of the mean error product: c̄. */
  c: number;
  /** Mean squared error of the averaged prediction (computed directly). */
  ensemble: number;
  /** v̄/k + (k−1)c̄/k (equals `ensemble` up to rounding: an identity). */
  formula: number;
  /** Correlation c̄/v̄. */
  rho: number;
}

/** Decompose k members' errors (errors[i][x]) into v̄ and c̄ and compare the averaged model's MSE. */
export function decomposeErrors(errors: ArrayLike<number>[]): ErrorDecomposition {
  const k = errors.length;
  const m = errors[0]!.length;
  let v = 0;
  let c = 0;
  let ens = 0;
  for (let x = 0; x < m; x++) {
    let s = 0;
    let sq = 0;
    for (let i = 0; i < k; i++) {
      const e = errors[i]![x]!;
      s += e;
      sq += e * e;
    }
    v += sq / k;
    if (k > 1) c += (s * s - sq) / (k * (k - 1));
    ens += (s / k) ** 2;
  }
  v /= m;
  c /= m;
  ens /= m;
  return { v, c, ensemble: ens, formula: ensembleMse(v, c, k), rho: c / v };
}

/** Bootstrap resample: n indices drawn uniformly with replacement. */
export function bootstrapIndices(n: number, seed: number): Uint32Array {
  const r = rng(seed);
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = r.int(n);
  return idx;
}

/** Expected fraction of distinct examples in a bootstrap sample of size n: 1 − (1 − 1/n)ⁿ (→ 1 − 1/e). */
export function expectedUniqueFraction(n: number): number {
  return 1 - (1 - 1 / n) ** n;
}

/** Noisy 1-D regression data: y = sin(3x) + noise on x ∈ [−1, 1]. */
export function toyRegression(
  n: number,
  noise: number,
  seed: number,
): { x: Float32Array; y: Float32Array } {
  const r = rng(seed);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = -1 + 2 * r.next();
    y[i] = Math.sin(3 * x[i]!) + noise * r.normal();
  }
  return { x, y };
}

/** Training points of the toy regression unless told otherwise. */
export const BAGGING_POINTS = 60;

export interface BaggingOptions {
  k: number;
  n?: number;
  noise?: number;
  epochs: number;
  hidden?: number[];
  /** false: every member sees all data and differs only by its random initialisation. */
  bootstrap?: boolean;
  seed?: number;
  signal?: AbortSignal;
  onMember?: (i: number, epoch: number, epochs: number) => void;
}

export interface BaggingResult {
  status: 'done' | 'cancelled';
  /** Test grid and the true function on it. */
  grid: number[];
  truth: number[];
  /** Member predictions on the grid. */
  members: number[][];
  ensemble: number[];
  /** Errors measured against the noise-free function. */
  decomposition: ErrorDecomposition;
  /** Each member's fraction of distinct training examples. */
  uniqueFractions: number[];
  train: { x: Float32Array; y: Float32Array };
}

/** Train k small regression MLPs (on bootstrap resamples or the full set) and decompose their errors. */
export async function bagNetworks(tf: typeof TF, o: BaggingOptions): Promise<BaggingResult> {
  const n = o.n ?? BAGGING_POINTS;
  const seed = o.seed ?? 1;
  const data = toyRegression(n, o.noise ?? 0.3, seed);
  const gridSize = 101;
  const grid = Array.from({ length: gridSize }, (_, i) => -1 + (2 * i) / (gridSize - 1));
  const truth = grid.map((x) => Math.sin(3 * x));
  const members: number[][] = [];
  const uniqueFractions: number[] = [];
  const gx = tf.tensor2d(grid, [gridSize, 1]);
  try {
    for (let i = 0; i < o.k; i++) {
      const idx =
        o.bootstrap === false
          ? Uint32Array.from({ length: n }, (_, j) => j)
          : bootstrapIndices(n, seed * 1000 + i);
      uniqueFractions.push(new Set(idx).size / n);
      const xs = tf.tensor2d(
        Float32Array.from(idx, (j) => data.x[j]!),
        [n, 1],
      );
      const ys = tf.tensor2d(
        Float32Array.from(idx, (j) => data.y[j]!),
        [n, 1],
      );
      const model = createMLP(tf, [1, ...(o.hidden ?? [32, 32]), 1], {
        seed: seed * 100 + i,
        hidden: 'tanh',
        init: 'glorot',
      });
      try {
        const r = await train({
          tf,
          model,
          xs,
          ys,
          optimizer: { name: 'adam', learningRate: 0.01 },
          epochs: o.epochs,
          batchSize: 20,
          seed: seed * 10 + i,
          signal: o.signal,
          syncEvery: 20,
          loss: (p, t) => tf.losses.meanSquaredError(t, p) as TF.Scalar,
          onEpoch: (e) => o.onMember?.(i, e.epoch, e.epochs),
        });
        if (r.status === 'cancelled') return cancelled(grid, truth, data);
        const p = tf.tidy(() => model.predict(gx));
        members.push(Array.from(await p.data()));
        p.dispose();
      } finally {
        model.dispose();
        tf.dispose([xs, ys]);
      }
    }
  } finally {
    gx.dispose();
  }
  const ensemble = grid.map((_, g) => members.reduce((s, m) => s + m[g]!, 0) / members.length);
  const errors = members.map((m) => m.map((p, g) => p - truth[g]!));
  return {
    status: 'done',
    grid,
    truth,
    members,
    ensemble,
    decomposition: decomposeErrors(errors),
    uniqueFractions,
    train: data,
  };
}

function cancelled(
  grid: number[],
  truth: number[],
  data: { x: Float32Array; y: Float32Array },
): BaggingResult {
  return {
    status: 'cancelled',
    grid,
    truth,
    members: [],
    ensemble: [],
    decomposition: { v: NaN, c: NaN, ensemble: NaN, formula: NaN, rho: NaN },
    uniqueFractions: [],
    train: data,
  };
}
