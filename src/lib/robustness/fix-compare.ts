/**
 * The page's "train a fix" demo without its UI: train the task's network with a fix's plan, then
 * judge it and the shipped model on the fix's test sets (and, for the fixes that claim robustness,
 * under a fresh white-box attack on the new model). The caller owns `shipped`.
 */
import type * as TF from '@tensorflow/tfjs';
import { PIXELS } from '../data/mnist-geometry.ts';
import { createMLP, FIVEAI_SIZES } from '../models/mlp.ts';
import type { StepInfo } from '../train/engine.ts';
import { attackSet, type Classifier } from './attacks.ts';
import { evaluateSet } from './evaluate.ts';
import { fixPlan, type FixId } from './fixes.ts';
import { classifierOf, fitWithRecipe } from './recipes.ts';
import { VARIANT_PARAMS, head, type ImageSet, type VariantId } from './variants.ts';

/** Accuracy on a test set before (shipped model) and after (the fix), or under a fresh attack on the fix. */
export type FixRow =
  { set: VariantId; before: number; after: number } | { set: 'fresh'; after: number };

export interface FixComparison {
  rows: FixRow[];
  trainCount: number;
  seconds: number;
  /** Images of the fresh attack (0 when the fix has none). */
  freshCount: number;
}

/** Augmentation seeds of the demo's fixes (the Node study uses its own per seed). */
const DEMO_SEEDS: Record<FixId, number> = { t1: 0, 't2-permuted': 5, 't2-sorted': 0, t3: 6, t4: 7 };

export async function trainAndCompareFix(
  tf: typeof TF,
  fix: FixId,
  shipped: Classifier,
  train0: ImageSet,
  sets: Record<VariantId, ImageSet>,
  o: {
    epochs: number;
    signal?: AbortSignal;
    onStep?: (s: StepInfo) => void;
    onPhase?: (what: string) => void;
  },
): Promise<FixComparison | null> {
  const plan = fixPlan(fix, DEMO_SEEDS[fix]);
  const train = plan.trainData(train0);
  const model = createMLP(tf, FIVEAI_SIZES, { seed: 2, name: `robust-fix-${fix}` });
  try {
    const r = await fitWithRecipe(tf, model, train, plan.recipe, {
      epochs: o.epochs,
      batchSize: 128,
      learningRate: 1e-3,
      seed: 2,
      signal: o.signal,
      onStep: o.onStep,
    });
    if (r.status === 'cancelled') return null;
    o.onPhase?.('Evaluating…');
    const rows: FixRow[] = [];
    for (const v of plan.targets) {
      const opts = { signal: o.signal };
      const after = await evaluateSet(tf, classifierOf(model), plan.testView(sets[v]), opts);
      const before = await evaluateSet(tf, shipped, sets[v], opts);
      if (!after || !before) return null;
      rows.push({ set: v, before: before.accuracy, after: after.accuracy });
    }
    let freshCount = 0;
    if (plan.freshAttack) {
      o.onPhase?.('Fresh PGD attack on the new model…');
      const sub = head(sets.clean, Math.min(200, sets.clean.count));
      const adv = await attackSet(tf, classifierOf(model), sub.x, sub.labels, PIXELS, {
        eps: VARIANT_PARAMS.t4.eps,
        steps: 10,
        randomStart: true,
        seed: 11,
        signal: o.signal,
      });
      if (!adv) return null;
      const e = await evaluateSet(
        tf,
        classifierOf(model),
        { ...sub, x: adv },
        { signal: o.signal },
      );
      if (!e) return null;
      rows.push({ set: 'fresh', after: e.accuracy });
      freshCount = sub.count;
    }
    return { rows, trainCount: train.count, seconds: r.seconds, freshCount };
  } finally {
    model.dispose();
  }
}
