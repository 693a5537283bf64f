/**
 * L2 (ridge) and L1 (lasso) penalised least squares in float64: data, closed forms, coordinate
 * descent, optimality (KKT) checks and coefficient paths. These are the references that the tfjs
 * gradient-descent runs in ./linear-fit.ts are compared against.
 *
 * Convention used everywhere (and on the page):
 *   J(w) = (1/2n)‖y − Xw‖²,  ridge: J + (α/2)‖w‖²,  lasso: J + α‖w‖₁.
 * Columns of X are centred and scaled to (1/n)Σx² = 1 and y is centred, so no intercept is needed
 * (an unpenalised intercept would just be the mean of y).
 */
import { gram, matVec, solve, symmetricEigen, xty, type DataMatrix } from './linalg.ts';
import { rng } from '../util/random.ts';

export interface RegressionData {
  X: DataMatrix;
  y: Float64Array;
  /** The coefficients that generated y (in the standardised feature scale). */
  wTrue: number[];
  noise: number;
}

export interface RegressionOptions {
  n?: number;
  /** True coefficients; their length is the number of features. */
  wTrue?: number[];
  /** Correlation between every pair of features before standardising (0 ≤ rho < 1). */
  rho?: number;
  noise?: number;
  seed?: number;
}

/** Default truth: 8 features, 3 of them relevant. */
export const DEFAULT_W_TRUE: readonly number[] = [3, -2, 0, 0, 1.5, 0, 0, 0];

/** Seeded synthetic regression with equicorrelated Gaussian features, standardised columns, centred y. */
export function makeRegression(opts: RegressionOptions = {}): RegressionData {
  const { n = 60, wTrue = [...DEFAULT_W_TRUE], rho = 0.5, noise = 1, seed = 1 } = opts;
  const d = wTrue.length;
  const r = rng(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const shared = r.normal();
    for (let j = 0; j < d; j++)
      data[i * d + j] = Math.sqrt(rho) * shared + Math.sqrt(1 - rho) * r.normal();
  }
  standardiseColumns(data, n, d);
  const X = { data, n, d };
  const y = matVec(X, wTrue);
  for (let i = 0; i < n; i++) y[i]! += noise * r.normal();
  const mean = y.reduce((s, v) => s + v, 0) / n;
  for (let i = 0; i < n; i++) y[i]! -= mean;
  return { X, y, wTrue: [...wTrue], noise };
}

/** Centre every column and scale it to (1/n)Σx² = 1 (constant columns are left at zero). */
export function standardiseColumns(data: Float64Array, n: number, d: number): void {
  for (let j = 0; j < d; j++) {
    let m = 0;
    for (let i = 0; i < n; i++) m += data[i * d + j]!;
    m /= n;
    let s = 0;
    for (let i = 0; i < n; i++) s += (data[i * d + j]! - m) ** 2;
    const sd = Math.sqrt(s / n);
    for (let i = 0; i < n; i++) data[i * d + j] = sd > 0 ? (data[i * d + j]! - m) / sd : 0;
  }
}

/** Ridge solution w = (XᵀX/n + αI)⁻¹ Xᵀy/n (α = 0 gives ordinary least squares). */
export function ridge(X: DataMatrix, y: ArrayLike<number>, alpha: number): number[] {
  const A = gram(X, X.n);
  for (let j = 0; j < X.d; j++) A[j]![j]! += alpha;
  return solve(A, xty(X, y, X.n));
}

/**
 * Ridge through the eigenbasis of H = XᵀX/n: each component of the least-squares solution along
 * eigenvector q_i is multiplied by λ_i/(λ_i + α). Returns the weights and the factors.
 */
export function ridgeViaEigen(
  X: DataMatrix,
  y: ArrayLike<number>,
  alpha: number,
): { w: number[]; lambdas: number[]; factors: number[] } {
  const H = gram(X, X.n);
  const { values, vectors } = symmetricEigen(H);
  const wOls = solve(H, xty(X, y, X.n));
  const d = X.d;
  const w = new Array<number>(d).fill(0);
  const factors = values.map((l) => l / (l + alpha));
  for (let i = 0; i < d; i++) {
    let proj = 0;
    for (let k = 0; k < d; k++) proj += vectors[k]![i]! * wOls[k]!;
    for (let k = 0; k < d; k++) w[k]! += factors[i]! * proj * vectors[k]![i]!;
  }
  return { w, lambdas: values, factors };
}

/** Soft-thresholding S(z, t) = sign(z)·max(|z| − t, 0): the proximal map of t‖·‖₁. */
export function softThreshold(z: number, t: number): number {
  return Math.sign(z) * Math.max(Math.abs(z) - t, 0);
}

/** Gradient of the data term, ∇J(w) = −Xᵀ(y − Xw)/n. */
export function dataGradient(X: DataMatrix, y: ArrayLike<number>, w: ArrayLike<number>): number[] {
  const pred = matVec(X, w);
  const res = new Float64Array(X.n);
  for (let i = 0; i < X.n; i++) res[i] = y[i]! - pred[i]!;
  return xty(X, res, X.n).map((v) => -v);
}

/** Smallest α at which the lasso solution is exactly zero: α_max = max_j |x_jᵀ y|/n. */
export function lassoAlphaMax(X: DataMatrix, y: ArrayLike<number>): number {
  return Math.max(...xty(X, y, X.n).map(Math.abs));
}

/**
 * Lasso by cyclic coordinate descent: each coordinate is set to its exact one-dimensional minimiser,
 * a soft-thresholded partial residual correlation. Converges to the global minimum (convex problem).
 */
export function lassoCD(
  X: DataMatrix,
  y: ArrayLike<number>,
  alpha: number,
  opts: { tol?: number; maxSweeps?: number; warm?: number[] } = {},
): { w: number[]; sweeps: number } {
  const { n, d, data } = X;
  const tol = opts.tol ?? 1e-12;
  const maxSweeps = opts.maxSweeps ?? 10_000;
  const w = opts.warm ? [...opts.warm] : new Array<number>(d).fill(0);
  const colSq = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) colSq[j]! += data[i * d + j]! ** 2 / n;
  const res = Float64Array.from(y as ArrayLike<number>);
  const fit = matVec(X, w);
  for (let i = 0; i < n; i++) res[i]! -= fit[i]!;
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    let change = 0;
    for (let j = 0; j < d; j++) {
      if (colSq[j] === 0) {
        w[j] = 0;
        continue;
      }
      let rho = 0;
      for (let i = 0; i < n; i++) rho += data[i * d + j]! * res[i]!;
      rho = rho / n + colSq[j]! * w[j]!;
      const next = softThreshold(rho, alpha) / colSq[j]!;
      const delta = next - w[j]!;
      if (delta !== 0) {
        for (let i = 0; i < n; i++) res[i]! -= delta * data[i * d + j]!;
        w[j] = next;
        change = Math.max(change, Math.abs(delta));
      }
    }
    if (change < tol) break;
  }
  return { w, sweeps: sweeps + 1 };
}

/**
 * How far w is from satisfying the lasso optimality (KKT) conditions: with g = ∇J(w),
 * g_j + α·sign(w_j) = 0 where w_j ≠ 0 and |g_j| ≤ α where w_j = 0. Returns the largest violation.
 */
export function lassoKktViolation(
  X: DataMatrix,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  alpha: number,
): number {
  const g = dataGradient(X, y, w);
  let worst = 0;
  for (let j = 0; j < X.d; j++) {
    const v =
      w[j] !== 0
        ? Math.abs(g[j]! + alpha * Math.sign(w[j]!))
        : Math.max(0, Math.abs(g[j]!) - alpha);
    worst = Math.max(worst, v);
  }
  return worst;
}

/** Penalised objective value, for comparing solvers. */
export function objective(
  X: DataMatrix,
  y: ArrayLike<number>,
  w: ArrayLike<number>,
  alpha: number,
  penalty: 'l1' | 'l2' | 'none',
): number {
  const pred = matVec(X, w);
  let s = 0;
  for (let i = 0; i < X.n; i++) s += (y[i]! - pred[i]!) ** 2;
  let pen = 0;
  for (let j = 0; j < X.d; j++)
    pen += penalty === 'l1' ? Math.abs(w[j]!) : penalty === 'l2' ? 0.5 * w[j]! ** 2 : 0;
  return s / (2 * X.n) + alpha * pen;
}

export interface CoefficientPaths {
  /** The α grid (log-spaced, descending). */
  alphas: number[];
  /** ridge[k][j]: weight j at alphas[k]. */
  ridge: number[][];
  lasso: number[][];
  /** Number of exactly-zero weights at each α. */
  ridgeZeros: number[];
  lassoZeros: number[];
}

/** Log-spaced grid from hi down to lo (inclusive), `count` points. */
export function logGrid(hi: number, lo: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => hi * (lo / hi) ** (k / (count - 1)));
}

/** Ridge and lasso coefficient paths on a common α grid (lasso warm-started along the path). */
export function coefficientPaths(
  X: DataMatrix,
  y: ArrayLike<number>,
  alphas: number[],
): CoefficientPaths {
  const ridgePath = alphas.map((a) => ridge(X, y, a));
  const lassoPath: number[][] = [];
  let warm: number[] | undefined;
  for (const a of alphas) {
    warm = lassoCD(X, y, a, { warm }).w;
    lassoPath.push(warm);
  }
  const zeros = (w: number[]) => w.filter((v) => v === 0).length;
  return {
    alphas,
    ridge: ridgePath,
    lasso: lassoPath,
    ridgeZeros: ridgePath.map(zeros),
    lassoZeros: lassoPath.map(zeros),
  };
}

/**
 * Ridge towards a point w₀: minimise (1/2n)‖y − Xw‖² + (α/2)‖w − w₀‖². Substituting u = w − w₀ turns
 * it into ordinary ridge on the residual targets y − Xw₀, so w = w₀ + ridge(X, y − Xw₀, α).
 */
export function ridgeTowards(
  X: DataMatrix,
  y: ArrayLike<number>,
  alpha: number,
  w0: number[],
): number[] {
  const fit = matVec(X, w0);
  const res = Array.from(y, (v, i) => v - fit[i]!);
  return ridge(X, res, alpha).map((u, j) => u + w0[j]!);
}

/**
 * Least squares on inputs corrupted by fresh Gaussian noise of variance s² (Monte Carlo over `draws`
 * noisy copies of the data). In expectation the objective is (1/2n)‖y − Xw‖² + (s²/2)‖w‖², so the
 * solution approaches ridge with α = s² as the number of draws grows.
 */
export function noisyInputLeastSquares(
  X: DataMatrix,
  y: ArrayLike<number>,
  s: number,
  draws: number,
  seed = 1,
): number[] {
  const { n, d, data } = X;
  const r = rng(seed);
  const big = new Float64Array(n * draws * d);
  const yy = new Float64Array(n * draws);
  for (let k = 0; k < draws; k++)
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) big[(k * n + i) * d + j] = data[i * d + j]! + s * r.normal();
      yy[k * n + i] = y[i]!;
    }
  return ridge({ data: big, n: n * draws, d }, yy, 0);
}

/**
 * Per-layer L2 penalties on a bias-free ReLU network: scaling layer l by c_l > 0 with ∏c_l = 1 leaves
 * the function unchanged, and by the AM–GM inequality the smallest value of Σ_l α_l c_l²‖W_l‖² over
 * such rescalings is L·(∏_l α_l‖W_l‖²)^{1/L}. It depends on the α_l only through their product.
 */
export function minPenaltyOverRescaling(alphas: number[], sqNorms: number[]): number {
  const L = alphas.length;
  return L * Math.exp(alphas.reduce((s, a, l) => s + Math.log(a * sqNorms[l]!), 0) / L);
}
