/**
 * Hyper-parameter search strategies, independent of what is being tuned: random search (Bergstra &
 * Bengio, 2012) and successive halving, the inner loop of Hyperband (Jamieson & Talwalkar, 2016;
 * Li et al., 2018). Scores are minimised (e.g. a Fréchet distance). The objective is a callback
 * `run(id, budget)` that brings trial `id` to `budget` units of training (e.g. epochs) — it may resume
 * from the trial's previous budget — and returns its score; `discard(id)` lets it free a trial.
 */
import type { ReconLoss } from './model.ts';
import { rng } from '../util/random.ts';

/** One point of the autoencoder search space. */
export interface AeTrialConfig {
  loss: ReconLoss;
  /** λ, the L1 penalty on the codes. */
  lambda: number;
  /** Hidden layers per side (encoder widths are DEPTH_WIDTHS[0 … depth−1]). */
  depth: number;
  latent: number;
}

/** Hidden widths used for depth 1, 2, 3: the first `depth` of these. */
export const DEPTH_WIDTHS = [256, 128, 64];

export interface SearchSpace {
  loss: ReconLoss[];
  /** λ: zero with probability `lambdaZero`, otherwise log-uniform in [lambdaMin, lambdaMax]. */
  lambdaMin: number;
  lambdaMax: number;
  lambdaZero: number;
  depth: number[];
  latent: number[];
}

export const DEFAULT_SPACE: SearchSpace = {
  loss: ['mse', 'bce'],
  lambdaMin: 1e-4,
  lambdaMax: 3e-2,
  lambdaZero: 0.25,
  depth: [1, 2, 3],
  latent: [2, 4, 8, 16, 32],
};

/** n configurations drawn independently (seeded) from the space. */
export function sampleConfigs(space: SearchSpace, n: number, seed: number): AeTrialConfig[] {
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[r.int(a.length)]!;
  return Array.from({ length: n }, () => {
    const loss = pick(space.loss);
    const zero = r.next() < space.lambdaZero;
    const u = r.next();
    const lambda = zero
      ? 0
      : Math.exp(
          Math.log(space.lambdaMin) + u * (Math.log(space.lambdaMax) - Math.log(space.lambdaMin)),
        );
    return {
      loss,
      lambda: Number(lambda.toPrecision(2)),
      depth: pick(space.depth),
      latent: pick(space.latent),
    };
  });
}

/** Hidden widths of a trial. */
export function hiddenOf(c: AeTrialConfig): number[] {
  return DEPTH_WIDTHS.slice(0, c.depth);
}

/** Short label, e.g. "BCE · λ=0.001 · 2×hidden · z=8". */
export function configLabel(c: AeTrialConfig): string {
  return `${c.loss.toUpperCase()} · λ=${c.lambda} · ${c.depth} hidden · z=${c.latent}`;
}

export interface Evaluation {
  id: number;
  budget: number;
  score: number;
}

export interface Rung {
  budget: number;
  evaluated: Evaluation[];
  /** Ids promoted to the next rung (best scores first). */
  kept: number[];
}

export interface SearchHooks {
  signal?: AbortSignal;
  onEvaluation?: (e: Evaluation) => void;
  discard?: (id: number) => void;
}

export interface SearchResult {
  status: 'done' | 'cancelled';
  evaluations: Evaluation[];
  /** Id and score of the best trial at its largest budget (null if nothing finished). */
  best: Evaluation | null;
  /** Total budget spent (sum of the budget increments actually trained). */
  spent: number;
}

/** Order evaluations by score, then id (a deterministic tie-break); NaN scores last. */
export function byScore(a: Evaluation, b: Evaluation): number {
  const sa = Number.isNaN(a.score) ? Infinity : a.score;
  const sb = Number.isNaN(b.score) ? Infinity : b.score;
  return sa - sb || a.id - b.id;
}

/** Random search: every trial gets the full `budget`. */
export async function randomSearch(
  ids: number[],
  budget: number,
  run: (id: number, budget: number) => Promise<number>,
  hooks: SearchHooks = {},
): Promise<SearchResult> {
  const evaluations: Evaluation[] = [];
  let spent = 0;
  for (const id of ids) {
    if (hooks.signal?.aborted)
      return {
        status: 'cancelled',
        evaluations,
        best: evaluations.slice().sort(byScore)[0] ?? null,
        spent,
      };
    const score = await run(id, budget);
    if (hooks.signal?.aborted) break;
    spent += budget;
    const e = { id, budget, score };
    evaluations.push(e);
    hooks.onEvaluation?.(e);
  }
  return {
    status: hooks.signal?.aborted ? 'cancelled' : 'done',
    evaluations,
    best: evaluations.slice().sort(byScore)[0] ?? null,
    spent,
  };
}

export interface HalvingOptions {
  /** Budget of the first rung. */
  minBudget: number;
  /** Keep the best 1/η of the trials and multiply the budget by η (default 2). */
  eta?: number;
  /** Stop after this many rungs (default: until one trial is left). */
  maxRungs?: number;
}

/** The rung budgets and survivor counts successive halving will use for n trials. */
export function halvingSchedule(
  n: number,
  o: HalvingOptions,
): { budget: number; trials: number }[] {
  const eta = o.eta ?? 2;
  if (!(eta > 1)) throw new Error('successive halving: η must be greater than 1');
  const out: { budget: number; trials: number }[] = [];
  let k = n;
  let budget = o.minBudget;
  while (k >= 1 && out.length < (o.maxRungs ?? Infinity)) {
    out.push({ budget, trials: k });
    if (k === 1) break;
    k = Math.max(1, Math.floor(k / eta));
    budget *= eta;
  }
  return out;
}

/**
 * Successive halving: train all trials to `minBudget`, keep the best ⌊n/η⌋, train those to η×budget,
 * and so on until one trial is left (or `maxRungs`). Trials that are dropped are discarded at once.
 * `spent` counts resumed training (budget increments), which is what `run` is expected to do.
 */
export async function successiveHalving(
  ids: number[],
  run: (id: number, budget: number) => Promise<number>,
  o: HalvingOptions,
  hooks: SearchHooks = {},
): Promise<SearchResult & { rungs: Rung[] }> {
  const schedule = halvingSchedule(ids.length, o);
  const evaluations: Evaluation[] = [];
  const rungs: Rung[] = [];
  const reached = new Map<number, number>(ids.map((id) => [id, 0]));
  let alive = [...ids];
  let spent = 0;
  const bestSoFar = () => {
    for (let r = rungs.length - 1; r >= 0; r--)
      if (rungs[r]!.evaluated.length) return rungs[r]!.evaluated.slice().sort(byScore)[0]!;
    return null;
  };
  for (const [r, step] of schedule.entries()) {
    const rung: Rung = { budget: step.budget, evaluated: [], kept: [] };
    rungs.push(rung);
    for (const id of alive) {
      if (hooks.signal?.aborted)
        return { status: 'cancelled', evaluations, rungs, best: bestSoFar(), spent };
      const score = await run(id, step.budget);
      if (hooks.signal?.aborted)
        return { status: 'cancelled', evaluations, rungs, best: bestSoFar(), spent };
      spent += step.budget - reached.get(id)!;
      reached.set(id, step.budget);
      const e = { id, budget: step.budget, score };
      rung.evaluated.push(e);
      evaluations.push(e);
      hooks.onEvaluation?.(e);
    }
    const next = schedule[r + 1];
    const ranked = rung.evaluated
      .slice()
      .sort(byScore)
      .map((e) => e.id);
    rung.kept = next ? ranked.slice(0, next.trials) : ranked.slice(0, 1);
    for (const id of alive) if (!rung.kept.includes(id)) hooks.discard?.(id);
    alive = rung.kept;
  }
  return {
    status: hooks.signal?.aborted ? 'cancelled' : 'done',
    evaluations,
    rungs,
    best: bestSoFar(),
    spent,
  };
}

/** Spearman rank correlation of two equal-length lists (average ranks for ties); NaN for fewer than 2 pairs. */
export function spearman(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error('spearman: lengths differ');
  if (a.length < 2) return NaN;
  const rank = (v: number[]) => {
    const order = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
      for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const mean = (a.length + 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i++) {
    num += (ra[i]! - mean) * (rb[i]! - mean);
    da += (ra[i]! - mean) ** 2;
    db += (rb[i]! - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}
