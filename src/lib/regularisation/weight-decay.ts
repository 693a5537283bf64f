/**
 * Weight decay as multiplicative shrinkage. With the L2 penalty (α/2)‖w‖², one gradient-descent step is
 *   w ← w − η(αw + ∇J(w)) = (1 − ηα)·w − η∇J(w),
 * so a weight that receives no gradient from the data (an input that is always zero, like the border
 * pixels of MNIST) shrinks by exactly the factor (1 − ηα) per step. Adam with the same L2 term
 * divides that gradient by its running RMS, so the same weight shrinks by roughly η per step instead:
 * additively, not multiplicatively — the reason for decoupled weight decay (AdamW).
 */
import type * as TF from '@tensorflow/tfjs';
import { gram, symmetricEigen, type DataMatrix } from './linalg.ts';
import { makeRegression, ridge, type RegressionData } from './penalised-regression.ts';
import { fitLinear } from './linear-fit.ts';

/** Per-step multiplicative factor of plain gradient descent with an L2 penalty. */
export function decayFactor(learningRate: number, alpha: number): number {
  return 1 - learningRate * alpha;
}

/** Steps for a data-free weight to halve under that factor. */
export function halfLifeSteps(learningRate: number, alpha: number): number {
  return Math.log(2) / -Math.log(decayFactor(learningRate, alpha));
}

/** Largest eigenvalue of XᵀX/n: gradient descent on the ridge objective is stable for η < 2/(λ_max + α). */
export function maxCurvature(X: DataMatrix): number {
  return symmetricEigen(gram(X, X.n)).values[0]!;
}

/** The regression data with one extra feature that is identically zero (its weight never sees data). */
export function withDeadFeature(data: RegressionData): RegressionData {
  const { n, d } = data.X;
  const out = new Float64Array(n * (d + 1));
  for (let i = 0; i < n; i++) out.set(data.X.data.subarray(i * d, (i + 1) * d), i * (d + 1));
  return { ...data, X: { data: out, n, d: d + 1 }, wTrue: [...data.wTrue, 0] };
}

export interface DecayRunOptions {
  alpha: number;
  learningRate: number;
  steps: number;
  optimizer?: 'sgd' | 'adam';
  /** Every weight starts here (so the dead weight starts at this value). */
  init?: number;
  seed?: number;
  signal?: AbortSignal;
  onStep?: (step: number) => void;
}

export interface DecayRun {
  status: 'done' | 'cancelled';
  /** Dead weight after each step 0..T, measured on the backend. */
  dead: number[];
  /** (1 − ηα)^t · w₀ for the same steps (the prediction for plain gradient descent). */
  deadPredicted: number[];
  /** ‖w‖ of the live weights after each step. */
  liveNorm: number[];
  /** Final live weights and the ridge closed form for the same α (gradient descent converges to it). */
  finalLive: number[];
  ridgeLive: number[];
}

/** Train the linear model with an L2 penalty and record the dead weight and the weight norm at every step. */
export async function weightDecayRun(tf: typeof TF, o: DecayRunOptions): Promise<DecayRun> {
  const base = makeRegression({ seed: o.seed ?? 1 });
  const data = withDeadFeature(base);
  const d = data.X.d;
  const w0 = o.init ?? 1;
  const r = await fitLinear(tf, data.X, data.y, {
    penalty: 'l2',
    alpha: o.alpha,
    steps: o.steps,
    learningRate: o.learningRate,
    optimizer: o.optimizer ?? 'sgd',
    init: new Array<number>(d).fill(w0),
    recordEvery: 1,
    signal: o.signal,
    onStep: (s) => o.onStep?.(s),
  });
  const q = decayFactor(o.learningRate, o.alpha);
  const dead = r.trajectory.map((t) => t.w[d - 1]!);
  const liveNorm = r.trajectory.map((t) => Math.hypot(...Array.from(t.w.subarray(0, d - 1))));
  return {
    status: r.status,
    dead,
    deadPredicted: r.trajectory.map((t) => w0 * q ** t.step),
    liveNorm,
    finalLive: Array.from(r.w.subarray(0, d - 1)),
    ridgeLive: ridge(base.X, base.y, o.alpha),
  };
}
