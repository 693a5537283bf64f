/**
 * The results file the pages read, merged from the study's part files: each model's accuracies as
 * mean ± sd over its seeds (with the per-seed values), the shipped baseline's full evaluation, and
 * the sorted-pixel estimates with when each run stopped.
 */
import type { EpochInfo } from '../train/engine.ts';
import type { Evaluation } from './evaluate.ts';
import type { Accuracies, Metric, PartResult, ShippedRecord } from './run-part.ts';
import { summarize, type Stat } from './stats.ts';
import { MODEL_PARTS, planParts, type ModelPart, type StudyConfig } from './study.ts';
import type { VariantId } from './variants.ts';

export interface SeedRun {
  seed: number;
  accuracy: Accuracies;
  trainSeconds: number;
  history: EpochInfo[];
}

/** One model over its seeds: each metric (and the training time) as mean ± sd, plus every run. */
export interface MultiSeed {
  seeds: number[];
  accuracy: Partial<Record<Metric, Stat>>;
  trainSeconds: Stat;
  runs: SeedRun[];
}

export interface SortedEstimate extends MultiSeed {
  sizes: number[];
  maxEpochs: number;
  epochsTrained: Stat;
  bestEpoch: Stat;
}

export interface Results {
  format: 'runnable-answers/robustness@2';
  config: StudyConfig;
  backend: string;
  /** Parts of the plan with no result yet (empty when the study is complete). */
  missing: string[];
  /** Norms of t1–t4 relative to the clean test images. */
  variants: Record<VariantId, { l2: number; linf: number }>;
  /** The shipped baseline (one draw of multiSeed.baseline): full evaluation. */
  baseline: {
    seed: number;
    history: EpochInfo[];
    trainSeconds: number;
    eval: Record<VariantId, Evaluation>;
    fresh: number;
  };
  /** t1's permutation recovered from paired images, and the shipped baseline reading un-permuted t1. */
  t1: {
    unique: number;
    tied: number;
    calibration: number;
    images: number;
    fixedAccuracy: number;
    cleanAccuracy: number;
  };
  t4: { attackSeconds: number };
  sweep: ShippedRecord['sweep'];
  multiSeed: Partial<Record<ModelPart, MultiSeed>>;
  sorted: Record<string, SortedEstimate>;
}

function combine(runs: PartResult[]): MultiSeed {
  const sorted = [...runs].sort((a, b) => a.seed - b.seed);
  const metrics = [...new Set(sorted.flatMap((r) => Object.keys(r.accuracy)))] as Metric[];
  const accuracy: MultiSeed['accuracy'] = {};
  for (const k of metrics) {
    const values = sorted.map((r) => r.accuracy[k]);
    if (values.every((v) => typeof v === 'number')) accuracy[k] = summarize(values as number[]);
  }
  return {
    seeds: sorted.map((r) => r.seed),
    accuracy,
    trainSeconds: summarize(sorted.map((r) => r.trainSeconds)),
    runs: sorted.map(({ seed, accuracy: a, trainSeconds, history }) => ({
      seed,
      accuracy: a,
      trainSeconds,
      history,
    })),
  };
}

/** Merge whatever parts exist; `missing` lists the rest. Throws without the shipped baseline. */
export function mergeParts(cfg: StudyConfig, parts: PartResult[], backend: string): Results {
  const plan = planParts(cfg);
  const byId = new Map(parts.map((p) => [p.id, p]));
  const shipped = parts.find((p) => p.model === 'baseline' && p.seed === cfg.shippedSeed)?.shipped;
  const base = parts.find((p) => p.model === 'baseline' && p.seed === cfg.shippedSeed);
  if (!base || !shipped) throw new Error('mergeParts: the shipped baseline part is missing');
  const multiSeed: Results['multiSeed'] = {};
  for (const model of MODEL_PARTS) {
    const runs = parts.filter((p) => p.model === model);
    if (runs.length) multiSeed[model] = combine(runs);
  }
  const sorted: Results['sorted'] = {};
  for (const m of cfg.sorted.models) {
    const runs = parts.filter((p) => p.model === `sorted-${m.name}`);
    if (!runs.length) continue;
    sorted[m.name] = {
      ...combine(runs),
      sizes: m.sizes,
      maxEpochs: m.maxEpochs,
      epochsTrained: summarize(runs.map((r) => r.stopping!.epochsTrained)),
      bestEpoch: summarize(runs.map((r) => r.stopping!.bestEpoch)),
    };
  }
  return {
    format: 'runnable-answers/robustness@2',
    config: cfg,
    backend,
    missing: plan.filter((p) => !byId.has(p.id)).map((p) => p.id),
    variants: shipped.variants,
    baseline: {
      seed: base.seed,
      history: base.history,
      trainSeconds: base.trainSeconds,
      eval: shipped.eval,
      fresh: base.accuracy.fresh!,
    },
    t1: {
      ...shipped.t1,
      images: shipped.eval.t1.count,
      fixedAccuracy: base.accuracy['t1-unpermuted']!,
      cleanAccuracy: shipped.eval.clean.accuracy,
    },
    t4: { attackSeconds: shipped.attackSeconds },
    sweep: shipped.sweep,
    multiSeed,
    sorted,
  };
}
