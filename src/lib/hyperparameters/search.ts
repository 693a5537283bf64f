/**
 * Grid search versus random search (Bergstra & Bengio 2012) with two hyper-parameters of which only
 * one matters. Part 1 is a synthetic response surface, so the comparison can be averaged over many
 * random problems; part 2 tunes a real network with the shared training engine.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { rng, type Rng } from '../util/random.ts';
import { disposeTensors, evaluateSet, isDivergence, toTensors } from './common.ts';
import { spirals } from './data.ts';

/** A trial point in the unit square: x is the important hyper-parameter, y the unimportant one. */
export interface Point {
  x: number;
  y: number;
}

/** A side×side grid at the cell centres of [0,1]² (side = ⌊√budget⌋). */
export function gridPoints(budget: number): Point[] {
  const side = Math.max(1, Math.floor(Math.sqrt(budget) + 1e-9));
  const pts: Point[] = [];
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) pts.push({ x: (i + 0.5) / side, y: (j + 0.5) / side });
  return pts;
}

/** `budget` independent uniform points in [0,1]². */
export function randomPoints(budget: number, r: Rng): Point[] {
  return Array.from({ length: budget }, () => ({ x: r.next(), y: r.next() }));
}

/** Number of different values of the important coordinate among the trials. */
export function distinctX(pts: readonly Point[]): number {
  return new Set(pts.map((p) => p.x.toFixed(9))).size;
}

/** A synthetic validation-loss surface: a narrow valley in x around `a`, a nearly flat bowl in y around `b`. */
export interface Surface {
  a: number;
  b: number;
  /** Width of the valley along x. */
  width: number;
  /** How much y matters (small: the unimportant dimension). */
  weightY: number;
}

/** Loss at p; its minimum over [0,1]² is 0, at (a, b). */
export function surfaceLoss(s: Surface, p: Point): number {
  const dx = p.x - s.a;
  const dy = p.y - s.b;
  return 1 - Math.exp(-(dx * dx) / (2 * s.width * s.width)) + s.weightY * dy * dy;
}

/** The loss at the centres of a g×g grid of cells over [0,1]², row by row from the top (y = 1) down. */
export function surfaceGrid(s: Surface, g: number): Float64Array {
  const out = new Float64Array(g * g);
  for (let i = 0; i < g; i++)
    for (let j = 0; j < g; j++)
      out[i * g + j] = surfaceLoss(s, { x: (j + 0.5) / g, y: 1 - (i + 0.5) / g });
  return out;
}

/** A random surface: optimum uniform in [0.05, 0.95]². */
export function randomSurface(r: Rng, width = 0.08, weightY = 0.05): Surface {
  return { a: 0.05 + 0.9 * r.next(), b: 0.05 + 0.9 * r.next(), width, weightY };
}

export interface SyntheticComparison {
  budget: number;
  problems: number;
  /** Best loss found (= regret, as the optimum is 0) per problem. */
  grid: number[];
  random: number[];
  meanGrid: number;
  meanRandom: number;
  /** Fraction of problems on which random search found a strictly lower loss than grid search. */
  randomBetter: number;
  distinctGridX: number;
  distinctRandomX: number;
  /** The first problem and its random trials (for drawing). */
  example: { surface: Surface; grid: Point[]; random: Point[] };
}

const best = (s: Surface, pts: readonly Point[]) => Math.min(...pts.map((p) => surfaceLoss(s, p)));
const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;

/**
 * Grid versus random search with the same budget on `problems` random surfaces (seeded). The grid
 * is the same every time; the random trials and the surface's optimum change with the seed.
 */
export function compareOnSurfaces(
  budget: number,
  problems: number,
  seed = 1,
  width = 0.08,
  weightY = 0.05,
): SyntheticComparison {
  if (!Number.isInteger(budget) || budget < 1)
    throw new Error('The budget must be a whole number of trials, at least 1.');
  if (!Number.isInteger(problems) || problems < 1)
    throw new Error('The number of problems must be a whole number, at least 1.');
  const grid = gridPoints(budget);
  const r = rng(seed);
  const g: number[] = [];
  const rd: number[] = [];
  let distinctRandom = 0;
  let example: SyntheticComparison['example'] | null = null;
  for (let k = 0; k < problems; k++) {
    const s = randomSurface(r, width, weightY);
    const pts = randomPoints(grid.length, r);
    example ??= { surface: s, grid, random: pts };
    distinctRandom += distinctX(pts);
    g.push(best(s, grid));
    rd.push(best(s, pts));
  }
  return {
    budget: grid.length,
    problems,
    grid: g,
    random: rd,
    meanGrid: mean(g),
    meanRandom: mean(rd),
    randomBetter: rd.filter((v, i) => v < g[i]!).length / problems,
    distinctGridX: distinctX(grid),
    distinctRandomX: distinctRandom / problems,
    example: example!,
  };
}

/** Map a unit-square point to real hyper-parameters: Adam learning rate and L2 weight-decay strength. */
export function toHyper(p: Point): { learningRate: number; weightDecay: number } {
  return { learningRate: 10 ** (-3 + 3 * p.x), weightDecay: 10 ** (-6 + 2 * p.y) };
}

export interface Trial extends Point {
  method: 'grid' | 'random';
  learningRate: number;
  weightDecay: number;
  /** Validation loss after training (Infinity if training diverged). */
  score: number;
}

export interface TuneOptions {
  budget?: number;
  epochs?: number;
  n?: number;
  seed?: number;
  signal?: AbortSignal;
  onTrial?: (t: Trial, done: number, total: number) => void;
  onStep?: (fractionOfTrial: number) => void;
}

/**
 * Tune a small network on spirals with grid and with random search (same budget). Each trial trains
 * from the same initialisation with the shared engine and is scored by validation loss.
 */
export async function tuneNetwork(
  tf: typeof TF,
  opts: TuneOptions = {},
): Promise<{ status: 'done' | 'cancelled'; trials: Trial[] }> {
  const { budget = 9, epochs = 5, n = 256, seed = 1 } = opts;
  const grid = gridPoints(budget);
  const rand = randomPoints(grid.length, rng(seed + 1000));
  const plan = [
    ...grid.map((p) => ({ ...p, method: 'grid' as const })),
    ...rand.map((p) => ({ ...p, method: 'random' as const })),
  ];
  const trainSet = toTensors(tf, spirals(n, 3, seed));
  const valSet = toTensors(tf, spirals(n, 3, seed + 1));
  const trials: Trial[] = [];
  try {
    for (const p of plan) {
      const h = toHyper(p);
      const model = createMLP(tf, [2, 32, 32, 3], { seed });
      let score = Infinity;
      try {
        const r = await train({
          tf,
          model,
          xs: trainSet.xs,
          ys: trainSet.ys,
          optimizer: { name: 'adam', learningRate: h.learningRate },
          epochs,
          batchSize: 32,
          seed,
          penalty: () =>
            tf.mul(
              h.weightDecay,
              tf.addN(model.layers.map((l) => tf.sum(tf.square(l.w)))),
            ) as TF.Scalar,
          syncEvery: 50,
          signal: opts.signal,
          onStep: (s) => opts.onStep?.(s.step / (epochs * s.batches)),
        });
        if (r.status === 'cancelled') return { status: 'cancelled', trials };
        score = (await evaluateSet(tf, model, valSet)).loss;
      } catch (e) {
        if (!isDivergence(e)) throw e;
      } finally {
        model.dispose();
      }
      const t: Trial = { ...p, ...h, score: Number.isFinite(score) ? score : Infinity };
      trials.push(t);
      opts.onTrial?.(t, trials.length, plan.length);
    }
    return { status: 'done', trials };
  } finally {
    disposeTensors(trainSet);
    disposeTensors(valSet);
  }
}

/** The best trial of one method. */
export function bestTrial(trials: readonly Trial[], method: Trial['method']): Trial | undefined {
  return trials
    .filter((t) => t.method === method)
    .reduce<Trial | undefined>((b, t) => (!b || t.score < b.score ? t : b), undefined);
}
