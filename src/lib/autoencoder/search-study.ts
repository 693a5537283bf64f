/**
 * The ae-q1 search study at several seeds: for each seed, random search and successive halving with
 * the same total budget (configurations drawn from that seed), then the best FID each arm found as
 * mean ± sd over seeds, the per-seed difference, and best-so-far curves against epochs spent.
 */
import type * as TF from '@tensorflow/tfjs';
import type { MnistSplit } from '../data/mnist.ts';
import type { FeatureExtractor } from './features.ts';
import { configLabel, type AeTrialConfig } from './search.ts';
import {
  planSearch,
  runSearchExperiment,
  SEARCH_DEFAULTS,
  type SearchExperimentOptions,
  type StrategyResult,
} from './search-experiment.ts';
import { summarize, type Stat } from '../robustness/stats.ts';

export type Strategy = 'random' | 'halving';

export interface StrategyJson {
  strategy: Strategy;
  spent: number;
  trials: {
    id: number;
    label: string;
    config: AeTrialConfig;
    epochs: number;
    fid: number;
    heldOutMse: number;
  }[];
  rungs?: { budget: number; evaluated: { id: number; score: number }[]; kept: number[] }[];
  best: { id: number; label: string; fid: number; epochs: number } | null;
  /** Lowest FID seen so far after each evaluation, against the epochs trained so far. */
  curve: { epochs: number; best: number }[];
}

export interface SearchSeedJson {
  seed: number;
  seconds: number;
  strategies: StrategyJson[];
}

export interface SearchStudyJson {
  options: SearchExperimentOptions;
  seeds: number[];
  plan: ReturnType<typeof planSearch>;
  runs: SearchSeedJson[];
  /** Best FID of each arm over the seeds, and successive halving minus random search per seed. */
  summary: { best: Record<Strategy, Stat>; halvingMinusRandom: Stat };
}

/** Epochs trained so far after each evaluation (resumed trials only pay the increment). */
export function bestSoFarCurve(
  evaluations: { id: number; budget: number; score: number }[],
): { epochs: number; best: number }[] {
  const reached = new Map<number, number>();
  let epochs = 0;
  let best = Infinity;
  return evaluations.map((e) => {
    epochs += e.budget - (reached.get(e.id) ?? 0);
    reached.set(e.id, e.budget);
    if (e.score < best) best = e.score;
    return { epochs, best };
  });
}

function strategyJson(r: StrategyResult): StrategyJson {
  return {
    strategy: r.strategy,
    spent: r.spent,
    trials: r.trials.map((t) => ({
      id: t.id,
      label: configLabel(t.config),
      config: t.config,
      epochs: t.epochs,
      fid: t.fid,
      heldOutMse: t.heldOutMse,
    })),
    rungs: r.rungs?.map((g) => ({
      budget: g.budget,
      evaluated: g.evaluated.map((e) => ({ id: e.id, score: e.score })),
      kept: g.kept,
    })),
    best: r.best
      ? { id: r.best.id, label: configLabel(r.best.config), fid: r.best.fid, epochs: r.best.epochs }
      : null,
    curve: bestSoFarCurve(r.evaluations),
  };
}

/** Both arms at one seed. Frees every tensor it makes; throws if cancelled. */
export async function runSearchSeed(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  features: FeatureExtractor,
  options: Partial<SearchExperimentOptions>,
  seed: number,
  onProgress?: (fraction: number, text: string) => void,
): Promise<SearchSeedJson> {
  const t0 = Date.now();
  const o = { ...SEARCH_DEFAULTS, ...options, seed };
  const results = await runSearchExperiment(tf, trainSet, testSet, features, o, {
    onProgress: (p) =>
      onProgress?.((o.strategies.indexOf(p.strategy) + p.fraction) / o.strategies.length, p.text),
  });
  if (results.some((r) => r.status !== 'done')) throw new Error('The search was cancelled.');
  return { seed, seconds: (Date.now() - t0) / 1000, strategies: results.map(strategyJson) };
}

/** Combine the per-seed runs. */
export function searchStudyJson(
  options: Partial<SearchExperimentOptions>,
  runs: SearchSeedJson[],
): SearchStudyJson {
  const o = { ...SEARCH_DEFAULTS, ...options };
  const bestOf = (r: SearchSeedJson, s: Strategy) =>
    r.strategies.find((x) => x.strategy === s)?.best?.fid ?? NaN;
  return {
    options: o,
    seeds: runs.map((r) => r.seed),
    plan: planSearch(o),
    runs,
    summary: {
      best: {
        random: summarize(runs.map((r) => bestOf(r, 'random'))),
        halving: summarize(runs.map((r) => bestOf(r, 'halving'))),
      },
      halvingMinusRandom: summarize(runs.map((r) => bestOf(r, 'halving') - bestOf(r, 'random'))),
    },
  };
}

/**
 * Step curves on one shared x axis (for one chart): at each x, a curve's last value at or before x,
 * or null before its first point and after its last (where that arm has not spent so much).
 */
export function alignStepCurves(
  curves: { label: string; points: { epochs: number; best: number }[] }[],
): {
  x: number[];
  series: { label: string; y: (number | null)[] }[];
} {
  const x = [...new Set(curves.flatMap((c) => c.points.map((p) => p.epochs)))].sort(
    (a, b) => a - b,
  );
  return {
    x,
    series: curves.map((c) => ({
      label: c.label,
      y: x.map((v) => {
        const last = c.points.filter((p) => p.epochs <= v).at(-1);
        return last && v <= c.points.at(-1)!.epochs ? last.best : null;
      }),
    })),
  };
}

/**
 * The best-so-far curve of one arm averaged over seeds. Every seed of an arm evaluates at the same
 * epochs spent (the plan fixes the rungs), so the curves share their x values; throws if they do not.
 */
export function meanCurve(
  runs: SearchSeedJson[],
  strategy: Strategy,
): { epochs: number; best: number }[] {
  const curves = runs.map((r) => r.strategies.find((s) => s.strategy === strategy)?.curve ?? []);
  const first = curves[0] ?? [];
  for (const c of curves)
    if (c.length !== first.length || c.some((p, i) => p.epochs !== first[i]!.epochs))
      throw new Error(`meanCurve: the seeds of ${strategy} evaluated at different budgets`);
  return first.map((p, i) => ({
    epochs: p.epochs,
    best: curves.reduce((s, c) => s + c[i]!.best, 0) / curves.length,
  }));
}
