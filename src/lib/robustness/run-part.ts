/**
 * One part of the robustness study (see ./study.ts): train one model with one seed on the task's
 * training images and evaluate it on the test sets it is meant for. The shipped baseline's part also
 * ships the model, makes t4 against it, recovers t1's permutation and sweeps perturbation norms.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, FIVEAI_SIZES, type MLP } from '../models/mlp.ts';
import type { EpochInfo, StepInfo } from '../train/engine.ts';
import type { Classifier } from './attacks.ts';
import { evaluateSet, type Evaluation } from './evaluate.ts';
import { freshAttackAccuracy, makeT4, normSweep, type Sweep } from './attack-evals.ts';
import { createGeneralModel, fitGeneral, type GeneralModel } from './general.ts';
import { recoverPermutation, unpermuteInput } from './permutation.ts';
import { fixPlan, type FixId } from './fixes.ts';
import { classifierOf, fitWithRecipe, type Recipe } from './recipes.ts';
import { trainSorted } from './sorted-study.ts';
import type { PartSpec, StudyConfig } from './study.ts';
import {
  VARIANT_PARAMS,
  VARIANTS,
  fromBytes,
  head,
  makeVariant,
  perturbationNorms,
  type ImageSet,
  type VariantId,
} from './variants.ts';

/** What a part measures: accuracy on each test set, under a fresh attack on itself, and on t1 un-permuted. */
export type Metric = VariantId | 'fresh' | 't1-unpermuted';
export type Accuracies = Partial<Record<Metric, number>>;

/** What only the shipped baseline's part records. */
export interface ShippedRecord {
  eval: Record<VariantId, Evaluation>;
  variants: Record<VariantId, { l2: number; linf: number }>;
  sweep: Sweep;
  t1: { unique: number; tied: number; calibration: number };
  attackSeconds: number;
}

export interface PartResult {
  id: string;
  model: PartSpec['model'];
  seed: number;
  accuracy: Accuracies;
  trainSeconds: number;
  history: EpochInfo[];
  shipped?: ShippedRecord;
  /** Sorted-pixel parts: epochs trained before stopping, and the epoch (1-based) of the lowest validation loss. */
  stopping?: { epochsTrained: number; bestEpoch: number };
}

export interface PartContext {
  cfg: StudyConfig;
  train: ImageSet;
  /** The whole test set; parts use its first cfg.testCount images. */
  test: ImageSet;
  /** t4 as bytes (testCount × 784), made by the shipped baseline's part; needed by every other model part. */
  t4?: Uint8Array;
  log?: (line: string) => void;
  /** Progress within the part (0–1) and what it is doing, e.g. "epoch 3/5". */
  progress?: (fraction: number, what: string) => void;
  /** Shipped baseline: turn the trained model into the shipped one (e.g. a float16 round trip). */
  ship?: (m: MLP) => Promise<MLP>;
  /** Shipped baseline: receives t4 as bytes. */
  t4Bytes?: (bytes: Uint8Array) => void | Promise<void>;
  /** The shipped seed's general model: save its weights. */
  shipGeneral?: (g: GeneralModel) => Promise<void>;
}

const now = () => performance.now();

/** Seeds of a part's random streams (initialisation, batch order, augmentation) derived from its seed. */
const streamSeed = (seed: number, stream: number) => seed * 1000 + stream;

export async function runPart(
  tf: typeof TF,
  part: PartSpec,
  ctx: PartContext,
): Promise<PartResult> {
  const { cfg } = ctx;
  const log = ctx.log ?? (() => {});
  const test = head(ctx.test, cfg.testCount);
  if (part.model.startsWith('sorted-')) {
    const spec = cfg.sorted.models.find((m) => `sorted-${m.name}` === part.model);
    if (!spec) throw new Error(`runPart: no sorted-pixel model named ${part.model}`);
    const r = await trainSorted(tf, spec, head(ctx.train, cfg.budget.trainCount), test, {
      ...cfg.sorted,
      seed: part.seed,
      onEpoch: (e) => {
        ctx.progress?.((e.epoch + 1) / spec.maxEpochs, `epoch ${e.epoch + 1}/${spec.maxEpochs}`);
        log(`${part.id} epoch ${e.epoch + 1}: val loss ${e.metric?.toFixed(4)}`);
      },
    });
    return { id: part.id, model: part.model, seed: part.seed, ...r };
  }

  const shipping = part.model === 'baseline' && part.seed === cfg.shippedSeed;
  const sets: Partial<Record<VariantId, ImageSet>> = {
    clean: test,
    t1: makeVariant(test, 't1'),
    t2: makeVariant(test, 't2'),
    t3: makeVariant(test, 't3'),
  };
  if (ctx.t4) sets.t4 = { x: fromBytes(ctx.t4), labels: test.labels, count: test.count };
  else if (!shipping)
    throw new Error(`runPart ${part.id}: needs t4 (run the shipped baseline first)`);

  const budget = part.model === 'general' ? cfg.general : cfg.budget;
  const trainSet = head(ctx.train, budget.trainCount);
  const trainShare = shipping ? 0.75 : 0.9;
  const onStep = (s: StepInfo) =>
    s.batch % 50 === 0 &&
    ctx.progress?.(
      (trainShare * (s.epoch * s.batches + s.batch)) / (s.epochs * s.batches),
      `epoch ${s.epoch + 1}/${s.epochs}`,
    );
  const fitOptions = {
    ...budget,
    seed: streamSeed(part.seed, 1),
    onStep,
    onEpoch: (e: EpochInfo) =>
      log(
        `${part.id} epoch ${e.epoch + 1}/${e.epochs}: loss ${e.loss.toFixed(4)} (${e.seconds.toFixed(0)} s)`,
      ),
  };
  const accuracyOn = async (c: Classifier, vs: VariantId[]) => {
    const out: Accuracies = {};
    for (const v of vs) out[v] = (await evaluateSet(tf, c, sets[v]!))!.accuracy;
    return out;
  };
  const fresh = (c: Classifier) => freshAttackAccuracy(tf, c, test, cfg.t4.eps, cfg.freshAttack);

  if (part.model === 'general') {
    const g = createGeneralModel(tf, streamSeed(part.seed, 2));
    try {
      const t0 = now();
      const r = await fitGeneral(tf, g, trainSet, {
        ...fitOptions,
        sigma: Math.min(1, 1.2 * VARIANT_PARAMS.t3.sigma),
        eps: cfg.t4.eps,
        cosineDecay: true,
      });
      const trainSeconds = (now() - t0) / 1000;
      const accuracy: Accuracies = {};
      for (const v of VARIANTS)
        accuracy[v] = (await evaluateSet(tf, g.classifier(v), sets[v]!))!.accuracy;
      accuracy.fresh = await fresh(g.classifier('t4'));
      if (part.seed === cfg.shippedSeed) await ctx.shipGeneral?.(g);
      return {
        id: part.id,
        model: part.model,
        seed: part.seed,
        accuracy,
        trainSeconds,
        history: r.epochs,
      };
    } finally {
      g.dispose();
    }
  }

  // The fixes: the same plans as the page's demo, with this part's seeds.
  const fixOf: Record<string, [FixId, number]> = {
    't1-retrained': ['t1', 0],
    't2-permuted': ['t2-permuted', 5],
    't3-noise': ['t3', 6],
    't4-adversarial': ['t4', 7],
  };
  const fix = fixOf[part.model];
  const plan = fix ? fixPlan(fix[0], streamSeed(part.seed, fix[1])) : undefined;
  const recipe: Recipe = plan?.recipe ?? { kind: 'standard' };
  const data = plan ? plan.trainData(trainSet) : trainSet;
  const trained = createMLP(tf, FIVEAI_SIZES, { seed: part.seed, name: part.id });
  const t0 = now();
  const r = await fitWithRecipe(tf, trained, data, recipe, fitOptions);
  const trainSeconds = (now() - t0) / 1000;
  const m = shipping && ctx.ship ? await ctx.ship(trained) : trained;
  if (m !== trained) trained.dispose();
  const c = classifierOf(m);
  try {
    const result: PartResult = {
      id: part.id,
      model: part.model,
      seed: part.seed,
      accuracy: {},
      trainSeconds,
      history: r.epochs,
    };
    let attackSeconds = 0;
    if (shipping) {
      ctx.progress?.(trainShare, 'making t4');
      const ta = now();
      const bytes = await makeT4(tf, c, test, cfg.t4, (d, n) =>
        ctx.progress?.(trainShare + (0.15 * d) / n, `making t4 (${d}/${n})`),
      );
      attackSeconds = (now() - ta) / 1000;
      await ctx.t4Bytes?.(bytes);
      sets.t4 = { x: fromBytes(bytes), labels: test.labels, count: test.count };
    }
    if (part.model === 'baseline') {
      const evals = {} as Record<VariantId, Evaluation>;
      for (const v of VARIANTS) evals[v] = (await evaluateSet(tf, c, sets[v]!))!;
      for (const v of VARIANTS) result.accuracy[v] = evals[v].accuracy;
      // t1's deployable fix: recover the permutation once from a few paired images, then un-permute every input.
      const calibration = Math.min(cfg.t1Calibration, test.count);
      const rec = recoverPermutation(head(test, calibration), head(sets.t1!, calibration));
      result.accuracy['t1-unpermuted'] = (await evaluateSet(
        tf,
        c,
        unpermuteInput(sets.t1!, rec.perm),
      ))!.accuracy;
      result.accuracy.fresh = await fresh(c);
      if (shipping) {
        ctx.progress?.(0.92, 'norm sweep');
        result.shipped = {
          eval: evals,
          variants: Object.fromEntries(
            VARIANTS.map((v) => [v, perturbationNorms(test, sets[v]!)]),
          ) as ShippedRecord['variants'],
          sweep: await normSweep(tf, c, head(test, cfg.sweep.count), cfg.sweep, log),
          t1: { unique: rec.unique, tied: rec.tied, calibration },
          attackSeconds,
        };
      }
    } else if (plan) {
      result.accuracy = await accuracyOn(c, plan.targets);
      if (plan.freshAttack) result.accuracy.fresh = await fresh(c);
    }
    log(`${part.id}: ${JSON.stringify(result.accuracy)} (${trainSeconds.toFixed(0)} s training)`);
    return result;
  } finally {
    m.dispose();
  }
}
