/**
 * A quick probe of how fast this device trains an MLP: a few Adam steps of the engine on random
 * inputs of the real sizes, each step read back so that it is timed whole. Returns the seconds of
 * each step after the warm-up (the first step compiles kernels and allocates). Frees what it makes.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP } from '../models/mlp.ts';
import { rng } from '../util/random.ts';
import { randomClassificationData } from '../data/random-classification.ts';
import { train } from './engine.ts';

export interface ProbeOptions {
  /** Layer widths, input first (e.g. FIVEAI_SIZES). */
  sizes: readonly number[];
  batchSize: number;
  /** Timed steps (default 5). */
  steps?: number;
  /** Untimed steps first (default 1). */
  warmup?: number;
  signal?: AbortSignal;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export async function timeTrainingSteps(tf: typeof TF, o: ProbeOptions): Promise<number[]> {
  const { steps = 5, warmup = 1, batchSize } = o;
  const inputs = o.sizes[0]!;
  const classes = o.sizes.at(-1)!;
  const n = (steps + warmup) * batchSize;
  const r = rng(3);
  const { xs, ys } = randomClassificationData(tf, r, n, inputs, classes);
  const model = createMLP(tf, o.sizes, { seed: 1 });
  const ends: number[] = [];
  try {
    const start = now();
    await train({
      tf,
      model,
      xs,
      ys,
      optimizer: { name: 'adam', learningRate: 1e-3 },
      epochs: 1,
      batchSize,
      maxSteps: steps + warmup,
      syncEvery: 1,
      signal: o.signal,
      onStep: () => ends.push(now()),
    });
    const times = [start, ...ends].map((t, i, a) => (i === 0 ? 0 : (t - a[i - 1]!) / 1000));
    return times.slice(1 + warmup);
  } finally {
    model.dispose();
    tf.dispose([xs, ys]);
  }
}
