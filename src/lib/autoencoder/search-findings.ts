/**
 * What each seed of the committed search says about early stopping: where successive halving's winner
 * stood after the first rung, how well the first rung's ranking predicted the second's, and how far
 * random search's winner got inside successive halving (both arms draw the same seeded configurations,
 * so random search's trial i is successive halving's trial i).
 */
import { spearman } from './search.ts';
import type { SearchStudyJson, StrategyJson } from './search-study.ts';

export interface SeedFindings {
  seed: number;
  randomWinner: string;
  halvingWinner: string;
  /** 1-based rank of successive halving's winner among its bracket's first rung. */
  winnerFirstRungRank: number;
  firstRungSize: number;
  /** Spearman correlation of first- and second-rung FIDs over the trials that reached both (all brackets). */
  rungCorrelation: number;
  /** Random search's winner as successive halving saw it: epochs reached and FID there. */
  randomWinnerInHalving: { epochs: number; fid: number };
}

const arm = (strategies: StrategyJson[], name: 'random' | 'halving') => {
  const s = strategies.find((x) => x.strategy === name);
  if (!s?.best) throw new Error(`No finished ${name} arm`);
  return s as StrategyJson & { best: NonNullable<StrategyJson['best']> };
};

export function searchFindings(s: SearchStudyJson): SeedFindings[] {
  const minBudget = s.plan.minBudget;
  return s.runs.map((run) => {
    const random = arm(run.strategies, 'random');
    const halving = arm(run.strategies, 'halving');
    const rungs = halving.rungs ?? [];
    const first = rungs.filter((r) => r.budget === minBudget);
    const home = first.find((r) => r.evaluated.some((e) => e.id === halving.best.id))!;
    const ranked = home.evaluated.slice().sort((a, b) => a.score - b.score || a.id - b.id);
    const second = new Map(
      rungs
        .filter((r) => r.budget === 2 * minBudget)
        .flatMap((r) => r.evaluated.map((e) => [e.id, e.score])),
    );
    const pairs = first.flatMap((r) => r.evaluated).filter((e) => second.has(e.id));
    const seen = halving.trials.find((t) => t.id === random.best.id)!;
    return {
      seed: run.seed,
      randomWinner: `${random.best.label} (FID ${random.best.fid.toFixed(2)})`,
      halvingWinner: `${halving.best.label} (FID ${halving.best.fid.toFixed(2)})`,
      winnerFirstRungRank: ranked.findIndex((e) => e.id === halving.best.id) + 1,
      firstRungSize: ranked.length,
      rungCorrelation: spearman(
        pairs.map((e) => e.score),
        pairs.map((e) => second.get(e.id)!),
      ),
      randomWinnerInHalving: { epochs: seen.epochs, fid: seen.fid },
    };
  });
}
