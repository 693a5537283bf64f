/** The live search's plan and outcome in words (no DOM), as the AeSearch island prints them. */
import type { planSearch, StrategyResult } from './search-experiment.ts';
import { configLabel } from './search.ts';

export const STRATEGY_NAMES = { random: 'random search', halving: 'successive halving' } as const;

const fmt = (n: number) => n.toLocaleString('en');

/** "Budget 6 epochs per strategy over 2,000 images. Random search: 3 trials × 2 epochs. …" */
export function describePlan(
  plan: ReturnType<typeof planSearch>,
  o: {
    budget: number;
    maxEpochs: number;
    trainImages: number;
    samples: number;
    realImages: number;
  },
): string {
  const brackets = plan.brackets > 1 ? `${plan.brackets} brackets of ` : '';
  return (
    `Budget ${o.budget} epochs per strategy over ${fmt(o.trainImages)} images. Random search: ${plan.randomTrials} trials × ${o.maxEpochs} epochs. ` +
    `Successive halving (η = 2): ${brackets}${plan.halvingTrials} trials, budgets ${plan.schedule.map((s) => s.budget).join(' → ')} epochs, costing ${plan.halvingCost} epochs. ` +
    `FID: ${o.samples} generated vs ${fmt(o.realImages)} real test digits in the classifier's 32-d feature space.`
  );
}

/** "random search: best FID 8.45 (MSE · …) from 3 trials for 24 epochs; successive halving: …" */
export function describeOutcome(results: StrategyResult[]): string {
  return results
    .map((r) => {
      const best = r.best ? `${r.best.fid.toFixed(2)} (${configLabel(r.best.config)})` : '— (—)';
      return `${STRATEGY_NAMES[r.strategy]}: best FID ${best} from ${r.trials.length} trial${r.trials.length === 1 ? '' : 's'} for ${r.spent} epochs`;
    })
    .join('; ');
}
