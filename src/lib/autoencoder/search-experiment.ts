/**
 * The ae-q1 experiment: random search and successive halving over loss, λ, depth and latent size,
 * with the same total budget, scored by the Fréchet distance of generated digits to real ones in the
 * classifier's feature space. Used by the page (small sizes) and by scripts/autoencoder-search.ts.
 *
 * Budgets are in epochs over the training images and may be fractional (they are converted to
 * optimiser steps). With a per-trial maximum of E epochs and a total of B epochs:
 * - random search trains ⌊B/E⌋ sampled configurations for E epochs each;
 * - successive halving (η = 2) starts n = 2ᵏ configurations at E/n epochs and halves them until one
 *   has E epochs, which costs E·(1 + k/2) epochs with resumed training; we take the largest k that
 *   fits in B (at most `maxHalvingTrials` trials), and run as many such brackets (each on fresh
 *   configurations) as fit in B, keeping the best final trial of any bracket — Hyperband's outer loop
 *   with one bracket size.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import type { StepInfo } from '../train/engine.ts';
import { makeObjective, type TrialRecord } from './objective.ts';
import type { FeatureExtractor } from './features.ts';
import {
  byScore,
  DEFAULT_SPACE,
  halvingSchedule,
  randomSearch,
  sampleConfigs,
  successiveHalving,
  type AeTrialConfig,
  type Evaluation,
  type Rung,
  type SearchResult,
  type SearchSpace,
} from './search.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface SearchExperimentOptions {
  trainImages: number;
  /** Held-out test images whose features are the "real" distribution. */
  realImages: number;
  /** Generated images per evaluation. */
  samples: number;
  /** Total budget B in epochs, per strategy. */
  budget: number;
  /** Largest budget E any one trial receives, in epochs. */
  maxEpochs: number;
  maxHalvingTrials: number;
  strategies: ('random' | 'halving')[];
  batchSize: number;
  learningRate: number;
  weightDecay: number;
  seed: number;
  keepImages: number;
  space: SearchSpace;
}

export const SEARCH_DEFAULTS: SearchExperimentOptions = {
  trainImages: 2000,
  realImages: 1000,
  samples: 500,
  budget: 6,
  maxEpochs: 2,
  maxHalvingTrials: 16,
  strategies: ['random', 'halving'],
  batchSize: 50,
  learningRate: 3e-3,
  weightDecay: 1e-5,
  seed: 1,
  keepImages: 8,
  space: DEFAULT_SPACE,
};

export interface StrategyResult {
  strategy: 'random' | 'halving';
  status: 'done' | 'cancelled';
  configs: AeTrialConfig[];
  evaluations: Evaluation[];
  rungs?: Rung[];
  /** Latest record of every trial evaluated (budget, FID, MSE, sample images). */
  trials: TrialRecord[];
  best: TrialRecord | null;
  /** Epochs actually trained. */
  spent: number;
}

export interface SearchProgress {
  strategy: 'random' | 'halving';
  /** Fraction of this strategy's planned epochs done. */
  fraction: number;
  text: string;
}

/** Plan: trial counts and budgets both strategies will use. */
export function planSearch(
  o: Pick<SearchExperimentOptions, 'budget' | 'maxEpochs' | 'maxHalvingTrials'>,
) {
  if (!(o.maxEpochs > 0) || !(o.budget >= o.maxEpochs))
    throw new Error('The total budget must be at least the per-trial maximum (and both positive).');
  const randomTrials = Math.floor(o.budget / o.maxEpochs);
  let k = 0;
  while (2 ** (k + 1) <= o.maxHalvingTrials && o.maxEpochs * (1 + (k + 1) / 2) <= o.budget) k++;
  const n = 2 ** k;
  const minBudget = o.maxEpochs / n;
  const schedule = halvingSchedule(n, { minBudget, eta: 2 });
  const bracketCost = o.maxEpochs * (1 + k / 2);
  const brackets = Math.floor(o.budget / bracketCost);
  return {
    randomTrials,
    /** Trials per bracket of successive halving. */
    halvingTrials: n,
    brackets,
    minBudget,
    schedule,
    halvingCost: brackets * bracketCost,
    randomCost: randomTrials * o.maxEpochs,
  };
}

/**
 * Run the requested strategies. `onRecord` fires after every evaluation (for a live leaderboard).
 * Frees every tensor on success, cancel and error.
 */
export async function runSearchExperiment(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  features: FeatureExtractor,
  options: Partial<SearchExperimentOptions> = {},
  hooks: {
    signal?: AbortSignal;
    onProgress?: (p: SearchProgress) => void;
    onRecord?: (strategy: 'random' | 'halving', r: TrialRecord) => void;
  } = {},
): Promise<StrategyResult[]> {
  const o: SearchExperimentOptions = { ...SEARCH_DEFAULTS, ...options };
  const plan = planSearch(o);
  const nTrain = Math.min(o.trainImages, trainSet.count);
  const nReal = Math.min(o.realImages, testSet.count);
  if (nTrain < 10 || nReal < 10 || o.samples < 10)
    throw new Error('Use at least 10 training, real and generated images.');
  const first = (s: MnistSplit, n: number): MnistSplit => ({
    images: s.images.subarray(0, n * PIXELS),
    labels: s.labels.subarray(0, n),
    count: n,
  });
  const tr = toTensors(tf, first(trainSet, nTrain));
  const te = toTensors(tf, first(testSet, nReal));
  const stepsPerEpoch = Math.ceil(nTrain / Math.min(o.batchSize, nTrain));
  const results: StrategyResult[] = [];
  try {
    for (const strategy of o.strategies) {
      // Both strategies draw from the same seeded sequence of configurations.
      const count = strategy === 'random' ? plan.randomTrials : plan.halvingTrials * plan.brackets;
      const configs = sampleConfigs(o.space, count, o.seed);
      const planned = strategy === 'random' ? plan.randomCost : plan.halvingCost;
      let doneEpochs = 0;
      let lastBudgetOf = new Map<number, number>();
      const objective = await makeObjective(tf, configs, tr.xs, te.xs, features, {
        samples: o.samples,
        batchSize: o.batchSize,
        learningRate: o.learningRate,
        weightDecay: o.weightDecay,
        seed: o.seed,
        keepImages: o.keepImages,
        signal: hooks.signal,
        stepsPerEpoch,
        onStep: (id: number, s: StepInfo) =>
          hooks.onProgress?.({
            strategy,
            fraction: Math.min(1, (doneEpochs + s.step / stepsPerEpoch) / planned),
            text: `${strategy === 'random' ? 'Random search' : 'Successive halving'}: trial ${id + 1}/${count}, step ${s.step}${s.loss !== undefined ? `, loss ${s.loss.toFixed(4)}` : ''}`,
          }),
      });
      try {
        const run = async (id: number, budget: number) => {
          const score = await objective.run(id, budget);
          doneEpochs += budget - (lastBudgetOf.get(id) ?? 0);
          lastBudgetOf.set(id, budget);
          const rec = objective.records.get(id);
          if (rec && !Number.isNaN(score)) hooks.onRecord?.(strategy, rec);
          return score;
        };
        const ids = configs.map((_, i) => i);
        const sh = { signal: hooks.signal, discard: (id: number) => objective.discard(id) };
        const r: SearchResult & { rungs?: Rung[] } =
          strategy === 'random'
            ? await randomSearch(ids, o.maxEpochs, run, sh)
            : await halvingBrackets(ids, plan.halvingTrials, run, plan.minBudget, sh);
        const trials = [...objective.records.values()].sort((a, b) => a.id - b.id);
        results.push({
          strategy,
          status: r.status,
          configs,
          evaluations: r.evaluations,
          rungs: r.rungs,
          trials,
          best: r.best ? (objective.records.get(r.best.id) ?? null) : null,
          spent: r.spent,
        });
        lastBudgetOf = new Map();
        if (r.status === 'cancelled') break;
      } finally {
        objective.dispose();
      }
    }
    return results;
  } finally {
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}

/** Successive halving on consecutive groups of `perBracket` ids; the best final trial of any bracket wins. */
async function halvingBrackets(
  ids: number[],
  perBracket: number,
  run: (id: number, budget: number) => Promise<number>,
  minBudget: number,
  hooks: { signal?: AbortSignal; discard: (id: number) => void },
): Promise<SearchResult & { rungs: Rung[] }> {
  const out: SearchResult & { rungs: Rung[] } = {
    status: 'done',
    evaluations: [],
    rungs: [],
    best: null,
    spent: 0,
  };
  for (let b = 0; b < ids.length; b += perBracket) {
    const r = await successiveHalving(
      ids.slice(b, b + perBracket),
      run,
      { minBudget, eta: 2 },
      hooks,
    );
    out.evaluations.push(...r.evaluations);
    out.rungs.push(...r.rungs);
    out.spent += r.spent;
    if (r.best && (!out.best || byScore(r.best, out.best) < 0)) out.best = r.best;
    if (r.status === 'cancelled') return { ...out, status: 'cancelled' };
  }
  return out;
}
