/**
 * Why not start from all-zero (or all-equal) weights: with every hidden unit initialised the same,
 * every unit receives the same gradient, so they stay copies of one another for ever and the layer
 * behaves like a single unit. Random initialisation breaks the symmetry.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, type Activation } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { disposeTensors, evaluateSet, toTensors } from './common.ts';
import { spirals } from './data.ts';

export type InitKind = 'zeros' | 'constant' | 'glorot';

export interface SymmetryResult {
  status: 'done' | 'cancelled';
  init: InitKind;
  activation: Activation;
  hidden: number;
  /** Distinct hidden units after training (columns of W₁ with their biases, equal up to 1e-6). */
  distinctUnits: number;
  /** Largest |W₁| after training (0 means the first layer never moved). */
  maxAbsW1: number;
  trainAccuracy: number;
  trainLoss: number;
}

/** Number of distinct columns of a (rows×cols, row-major) matrix, up to tolerance `tol`. */
export function distinctColumns(
  m: ArrayLike<number>,
  rows: number,
  cols: number,
  tol = 1e-6,
): number {
  const reps: number[] = [];
  for (let c = 0; c < cols; c++) {
    const same = reps.some((r) => {
      for (let i = 0; i < rows; i++)
        if (Math.abs(m[i * cols + c]! - m[i * cols + r]!) > tol) return false;
      return true;
    });
    if (!same) reps.push(c);
  }
  return reps.length;
}

export interface SymmetryOptions {
  init?: InitKind;
  activation?: Activation;
  hidden?: number;
  /** Value of every weight for init 'constant'. */
  constant?: number;
  epochs?: number;
  n?: number;
  seed?: number;
  signal?: AbortSignal;
  onEpoch?: (epoch: number, loss: number) => void;
}

/** The network's hidden width, the value of every weight for init 'constant', and the number of spiral points, unless told otherwise. */
export const SYMMETRY_DEFAULTS = { hidden: 16, constant: 0.5, n: 300 };

/** Classes of the spiral data (one per arm). */
export const SYMMETRY_CLASSES = 3;

/** Layer widths: two inputs, one hidden layer, one output per class. */
export function symmetryNet(hidden: number): number[] {
  return [2, hidden, SYMMETRY_CLASSES];
}

/** Train a 2→hidden→3 network on spirals from the given initialisation and inspect its hidden units. */
export async function symmetryRun(tf: typeof TF, o: SymmetryOptions = {}): Promise<SymmetryResult> {
  const {
    init = 'zeros',
    activation = 'tanh',
    hidden = SYMMETRY_DEFAULTS.hidden,
    constant = SYMMETRY_DEFAULTS.constant,
    epochs = 30,
    n = SYMMETRY_DEFAULTS.n,
    seed = 1,
  } = o;
  const data = toTensors(tf, spirals(n, SYMMETRY_CLASSES, seed));
  const model = createMLP(tf, symmetryNet(hidden), {
    seed,
    hidden: activation,
    init: init === 'glorot' ? 'glorot' : 'zeros',
  });
  if (init === 'constant')
    for (const l of model.layers) tf.tidy(() => l.w.assign(tf.fill(l.w.shape, constant)));
  try {
    const r = await train({
      tf,
      model,
      xs: data.xs,
      ys: data.ys,
      optimizer: { name: 'adam', learningRate: 0.02 },
      epochs,
      batchSize: 30,
      seed,
      syncEvery: 1000,
      signal: o.signal,
      onEpoch: (e) => o.onEpoch?.(e.epoch, e.loss),
    });
    const w = (await model.layers[0]!.w.data()) as Float32Array;
    const b = (await model.layers[0]!.b.data()) as Float32Array;
    // Stack the bias under W₁ so that a unit is its whole incoming weight vector.
    const withBias = new Float32Array(w.length + b.length);
    withBias.set(w);
    withBias.set(b, w.length);
    const ev = await evaluateSet(tf, model, data);
    return {
      status: r.status,
      init,
      activation,
      hidden,
      distinctUnits: distinctColumns(withBias, 3, hidden),
      maxAbsW1: w.reduce((a, v) => Math.max(a, Math.abs(v)), 0),
      trainAccuracy: ev.accuracy,
      trainLoss: ev.loss,
    };
  } finally {
    model.dispose();
    disposeTensors(data);
  }
}
