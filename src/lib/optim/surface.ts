/**
 * Optimisers on a 2-D loss surface: the engine's optimizers (makeOptimizer) step a single [x, y]
 * variable on an ill-conditioned quadratic valley, and the trajectory is recorded for plotting.
 *
 * The valley is f(p) = ½ (a·u² + b·v²), where (u, v) are p rotated by an angle θ: curvature a along
 * u, b along v, condition number κ = b/a. With θ = 0 the valley is aligned with the axes, which
 * favours optimizers that rescale each coordinate separately (Adam); with θ = 45° it is not.
 */
import type * as TF from '@tensorflow/tfjs';
import {
  disposeOptimizer,
  makeOptimizer,
  yieldToEventLoop,
  type OptimizerSpec,
} from '../train/engine.ts';

export interface Valley {
  /** Curvature along the gentle direction. */
  a: number;
  /** Curvature along the steep direction (b/a is the condition number). */
  b: number;
  /** Rotation of the valley in degrees. */
  angle: number;
  /** Starting point of every optimizer. */
  start: [number, number];
}

/** The page's default valley: κ = 100, aligned with the axes. */
export const VALLEY: Valley = { a: 0.02, b: 2, angle: 0, start: [-4.5, 1.5] };

/** The same valley rotated by 45°, so that no coordinate axis points along it. */
export const ROTATED_VALLEY: Valley = { a: 0.02, b: 2, angle: 45, start: [-4.2, -2.1] };

function rot(angle: number): [number, number] {
  const t = (angle * Math.PI) / 180;
  return [Math.cos(t), Math.sin(t)];
}

/** Loss in float64 (for contours, and for judging trajectories independently of the backend). */
export function valleyLoss(v: Valley, x: number, y: number): number {
  const [c, s] = rot(v.angle);
  const u = c * x + s * y;
  const w = -s * x + c * y;
  return 0.5 * (v.a * u * u + v.b * w * w);
}

/** The same loss as a tfjs scalar of a [2] tensor (differentiable). */
export function valleyLossTf(tf: typeof TF, v: Valley, p: TF.Tensor1D): TF.Scalar {
  const [c, s] = rot(v.angle);
  return tf.tidy(() => {
    const u = tf.sum(tf.mul(p, tf.tensor1d([c, s])));
    const w = tf.sum(tf.mul(p, tf.tensor1d([-s, c])));
    return tf.mul(0.5, tf.add(tf.mul(v.a, tf.square(u)), tf.mul(v.b, tf.square(w)))) as TF.Scalar;
  });
}

export interface Trajectory {
  spec: OptimizerSpec;
  /** Positions after 0, 1, …, steps updates (first = start). */
  xs: number[];
  ys: number[];
  /** Float64 loss at each position. */
  loss: number[];
}

export interface SurfaceRunOptions {
  steps: number;
  signal?: AbortSignal;
  /** Called after every chunk of steps with the number done so far. */
  onProgress?: (done: number, steps: number) => void;
  /** Positions are read back from the device every `chunk` steps (default 25). */
  chunk?: number;
}

/**
 * Run each optimizer for `steps` updates from the valley's start. All optimizers advance together,
 * positions are read back once per chunk (a GPU read-back is the slow part). Returns null when
 * cancelled. Every tensor is freed on every path.
 */
export async function runOnValley(
  tf: typeof TF,
  valley: Valley,
  specs: readonly OptimizerSpec[],
  o: SurfaceRunOptions,
): Promise<Trajectory[] | null> {
  if (!(Number.isInteger(o.steps) && o.steps >= 1))
    throw new Error('steps must be a positive whole number');
  const chunk = Math.max(1, o.chunk ?? 25);
  const params = specs.map(() => tf.tidy(() => tf.variable(tf.tensor1d(valley.start), true)));
  const optimizers: TF.Optimizer[] = [];
  const pending: TF.Tensor[][] = specs.map(() => []);
  try {
    for (const s of specs) optimizers.push(makeOptimizer(tf, s));
    const out: Trajectory[] = specs.map((spec) => ({
      spec,
      xs: [valley.start[0]],
      ys: [valley.start[1]],
      loss: [valleyLoss(valley, ...valley.start)],
    }));
    for (let step = 1; step <= o.steps; step++) {
      if (o.signal?.aborted) return null;
      specs.forEach((_, i) => {
        const p = params[i]!;
        tf.tidy(() => {
          optimizers[i]!.minimize(() => valleyLossTf(tf, valley, p), false, [p]);
        });
        pending[i]!.push(tf.clone(p));
      });
      if (step % chunk === 0 || step === o.steps) {
        for (let i = 0; i < specs.length; i++) {
          const stacked = tf.stack(pending[i]!);
          const v = await stacked.data();
          stacked.dispose();
          tf.dispose(pending[i]!);
          pending[i] = [];
          const t = out[i]!;
          for (let k = 0; k < v.length; k += 2) {
            t.xs.push(v[k]!);
            t.ys.push(v[k + 1]!);
            t.loss.push(valleyLoss(valley, v[k]!, v[k + 1]!));
          }
        }
        o.onProgress?.(step, o.steps);
      }
      await yieldToEventLoop();
    }
    return out;
  } finally {
    pending.forEach((list) => tf.dispose(list));
    optimizers.forEach(disposeOptimizer);
    params.forEach((p) => p.dispose());
  }
}

/** First step at which the loss is below `tol` and stays below it for the rest of the run; null if never. */
export function stepsToReach(loss: readonly number[], tol: number): number | null {
  let first: number | null = null;
  for (let i = 0; i < loss.length; i++) {
    if (loss[i]! < tol) first ??= i;
    else first = null;
  }
  return first;
}

/** log10 of the float64 loss on a g×g grid over [x0,x1]×[y0,y1], row-major from the top-left (for contours). */
export function valleyGrid(
  v: Valley,
  g: number,
  [x0, x1]: [number, number],
  [y0, y1]: [number, number],
): Float64Array {
  const out = new Float64Array(g * g);
  for (let i = 0; i < g; i++)
    for (let j = 0; j < g; j++) {
      const x = x0 + ((j + 0.5) / g) * (x1 - x0);
      const y = y1 - ((i + 0.5) / g) * (y1 - y0);
      out[i * g + j] = Math.log10(valleyLoss(v, x, y) + 1e-6);
    }
  return out;
}
