/**
 * The whole robustness study as one function of (tf, MNIST train/test, config): train the baseline,
 * make t1–t4, evaluate, demonstrate each fix, sweep perturbation norms, train the general model.
 * scripts/experiments.ts runs it in Node and writes the results JSON, the weights and t4; the unit
 * test runs a tiny configuration. Stages are independent entries of the results, so a run can be
 * resumed stage by stage (`skip`).
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, FIVEAI_SIZES, type MLP } from '../models/mlp.ts';
import type { EpochInfo } from '../train/engine.ts';
import { attackSet } from './attacks.ts';
import { evaluateSet, type Evaluation } from './evaluate.ts';
import { createGeneralModel, fitGeneral } from './general.ts';
import { recoverPermutation, permuteFirstLayer } from './permutation.ts';
import { BASELINE_TRAINING, classifierOf, fitWithRecipe, type Recipe } from './recipes.ts';
import {
  VARIANT_PARAMS,
  VARIANTS,
  fixedPermutation,
  fromBytes,
  gaussianNoise,
  head,
  makeVariant,
  perturbationNorms,
  permutePixels,
  sortPixels,
  toBytes,
  type ImageSet,
  type VariantId,
} from './variants.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface TrainBudget {
  /** Training images (the first n of the 60k). */
  trainCount: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

export interface ExperimentConfig {
  testCount: number;
  baseline: TrainBudget;
  /** Budget of every fix model and of the general model (and of a clean reference with the same budget). */
  fixes: TrainBudget & { testCount: number };
  t4: { eps: number; steps: number; alpha: number };
  /** White-box PGD against each robust model (and the baseline) on the first `count` test images. */
  freshAttack: { count: number; steps: number };
  sweep: { count: number; sigmas: number[]; epsilons: number[]; steps: number };
}

export const FULL_CONFIG: ExperimentConfig = {
  testCount: 10_000,
  baseline: { trainCount: 60_000, ...BASELINE_TRAINING },
  fixes: {
    trainCount: 20_000,
    epochs: 2,
    batchSize: 128,
    learningRate: 1e-3,
    seed: 2,
    testCount: 5_000,
  },
  t4: { ...VARIANT_PARAMS.t4 },
  freshAttack: { count: 300, steps: 10 },
  sweep: {
    count: 200,
    sigmas: [0.1, 0.2, 0.3, 0.5, 0.7, 1],
    epsilons: [0.02, 0.04, 0.06, 0.1, 0.15],
    steps: 5,
  },
};

/** A tiny configuration for the unit test (seconds, not minutes). */
export const FAST_CONFIG: ExperimentConfig = {
  testCount: 300,
  baseline: { trainCount: 1000, epochs: 1, batchSize: 64, learningRate: 1e-3, seed: 1 },
  fixes: { trainCount: 300, epochs: 1, batchSize: 64, learningRate: 1e-3, seed: 2, testCount: 200 },
  t4: { ...VARIANT_PARAMS.t4, steps: 2, alpha: 0.05 },
  freshAttack: { count: 50, steps: 2 },
  sweep: { count: 40, sigmas: [0.3], epsilons: [0.1], steps: 2 },
};

/** Accuracy of one model on the sets it is meant for (compact: no confusion matrices). */
export type Accuracies = Partial<Record<VariantId | 'fresh', number>>;

export interface FixResult {
  recipe: string;
  accuracy: Accuracies;
  trainSeconds: number;
  history: EpochInfo[];
}

export interface Results {
  format: 'runnable-answers/robustness@1';
  config: ExperimentConfig;
  backend: string;
  variants: Record<VariantId, { l2: number; linf: number }>;
  baseline: {
    history: EpochInfo[];
    trainSeconds: number;
    eval: Record<VariantId, Evaluation>;
    fresh: number;
  };
  t1: {
    unique: number;
    tied: number;
    images: number;
    fixedAccuracy: number;
    cleanAccuracy: number;
    retrained: FixResult;
  };
  reference: FixResult;
  t2: { permutedTraining: FixResult; sortedFeatures: FixResult };
  t3: { noiseTraining: FixResult };
  t4: { adversarialTraining: FixResult; attackSeconds: number };
  sweep: {
    random: { sigma: number; l2: number; accuracy: number }[];
    adversarial: { eps: number; l2: number; accuracy: number }[];
  };
  general: FixResult;
}

export interface Hooks {
  log?: (line: string) => void;
  /** Called after each stage with the results so far (the script saves them). */
  stage?: (name: string, partial: Partial<Results>) => void | Promise<void>;
  /** Results of an earlier run whose stages should be reused (needs the same baseline). */
  previous?: Partial<Results>;
  /** The baseline model to use instead of training one (e.g. the committed weights). */
  baselineModel?: MLP;
  /** Turn the trained baseline into the model that is shipped (e.g. float16 round trip). */
  ship?: (m: MLP) => Promise<MLP>;
  /** Receives t4 as bytes (count × 784) once made. */
  t4Bytes?: (bytes: Uint8Array) => void | Promise<void>;
  /** t4 of an earlier run (bytes), reused with `previous`. */
  previousT4?: Uint8Array;
}

const now = () => performance.now();

/** Run every stage; returns the complete results. */
export async function runExperiments(
  tf: typeof TF,
  trainSet: ImageSet,
  testAll: ImageSet,
  cfg: ExperimentConfig,
  hooks: Hooks = {},
): Promise<Results> {
  const log = hooks.log ?? (() => {});
  const res: Partial<Results> = {
    format: 'runnable-answers/robustness@1',
    config: cfg,
    backend: tf.getBackend(),
    ...(hooks.previous ?? {}),
  };
  res.config = cfg;
  const save = async (name: string) => {
    log(`stage ${name} done`);
    await hooks.stage?.(name, res);
  };
  const test = head(testAll, cfg.testCount);
  const sets: Partial<Record<VariantId, ImageSet>> = {
    clean: test,
    t1: makeVariant(test, 't1'),
    t2: makeVariant(test, 't2'),
    t3: makeVariant(test, 't3'),
  };

  // 1. Baseline: the task's network on the first trainCount images.
  let baseline: MLP;
  let history: EpochInfo[] = res.baseline?.history ?? [];
  let trainSeconds = res.baseline?.trainSeconds ?? 0;
  if (hooks.baselineModel) baseline = hooks.baselineModel;
  else {
    const b = cfg.baseline;
    const m = createMLP(tf, FIVEAI_SIZES, { seed: b.seed, name: 'baseline' });
    const t0 = now();
    const r = await fitWithRecipe(
      tf,
      m,
      head(trainSet, b.trainCount),
      { kind: 'standard' },
      {
        ...b,
        onEpoch: (e) =>
          log(
            `baseline epoch ${e.epoch + 1}/${e.epochs}: loss ${e.loss.toFixed(4)} (${e.seconds.toFixed(0)} s)`,
          ),
      },
    );
    trainSeconds = (now() - t0) / 1000;
    history = r.epochs;
    baseline = hooks.ship ? await hooks.ship(m) : m;
    if (baseline !== m) m.dispose();
  }
  const base = classifierOf(baseline);

  // 2. t4: PGD against the shipped baseline, quantised to bytes like the clean images.
  let t4bytes =
    hooks.previousT4 && hooks.previousT4.length === test.count * PIXELS ? hooks.previousT4 : null;
  let attackSeconds = res.t4?.attackSeconds ?? 0;
  if (!t4bytes) {
    const t0 = now();
    const adv = (await attackSet(tf, base, test.x, test.labels, PIXELS, {
      eps: cfg.t4.eps,
      steps: cfg.t4.steps,
      alpha: cfg.t4.alpha,
      onProgress: (d, n) => d % 2000 === 0 && log(`t4: ${d}/${n}`),
    }))!;
    t4bytes = quantiseWithin(adv, test.x, cfg.t4.eps);
    attackSeconds = (now() - t0) / 1000;
    await hooks.t4Bytes?.(t4bytes);
  }
  sets.t4 = { x: fromBytes(t4bytes), labels: test.labels, count: test.count };
  const all = sets as Record<VariantId, ImageSet>;
  res.variants = Object.fromEntries(
    VARIANTS.map((v) => [v, perturbationNorms(test, all[v])]),
  ) as Results['variants'];

  const evalAll = async (c: ReturnType<typeof classifierOf>) => {
    const out = {} as Record<VariantId, Evaluation>;
    for (const v of VARIANTS) out[v] = (await evaluateSet(tf, c, all[v]))!;
    return out;
  };
  const fresh = (c: ReturnType<typeof classifierOf>) => freshAttackAccuracy(tf, c, test, cfg);
  if (!res.baseline || !hooks.previous?.baseline) {
    res.baseline = { history, trainSeconds, eval: await evalAll(base), fresh: await fresh(base) };
    log(
      `baseline accuracy: ${VARIANTS.map((v) => `${v} ${(100 * res.baseline!.eval[v].accuracy).toFixed(2)}%`).join(', ')}`,
    );
  }
  res.t4 = { ...(res.t4 ?? ({} as Results['t4'])), attackSeconds };
  await save('baseline');

  // 3. t1: recover the permutation from the paired sets, permute the first layer.
  if (!res.t1) {
    const rec = recoverPermutation(test, all.t1);
    const fixed = permuteFirstLayer(tf, baseline, rec.perm);
    const fixedAccuracy = (await evaluateSet(tf, classifierOf(fixed), all.t1))!.accuracy;
    fixed.dispose();
    res.t1 = {
      unique: rec.unique,
      tied: rec.tied,
      images: test.count,
      fixedAccuracy,
      cleanAccuracy: res.baseline.eval.clean.accuracy,
      retrained: undefined as unknown as FixResult,
    };
  }
  const fixTrain = head(trainSet, cfg.fixes.trainCount);
  const fixSets = Object.fromEntries(
    VARIANTS.map((v) => [v, head(all[v], cfg.fixes.testCount)]),
  ) as Record<VariantId, ImageSet>;
  const pick = (...vs: VariantId[]) =>
    Object.fromEntries(vs.map((v) => [v, fixSets[v]])) as Partial<Record<VariantId, ImageSet>>;
  const fit = async (
    name: string,
    recipe: Recipe,
    data: ImageSet,
    evalOn: Partial<Record<VariantId, ImageSet>>,
    withFresh = false,
  ): Promise<FixResult> => {
    const f = cfg.fixes;
    const m = createMLP(tf, FIVEAI_SIZES, { seed: f.seed, name });
    try {
      const t0 = now();
      const r = await fitWithRecipe(tf, m, data, recipe, {
        ...f,
        onEpoch: (e) => log(`${name} epoch ${e.epoch + 1}/${e.epochs}: loss ${e.loss.toFixed(4)}`),
      });
      const seconds = (now() - t0) / 1000;
      const accuracy: Accuracies = {};
      for (const [v, s] of Object.entries(evalOn))
        accuracy[v as VariantId] = (await evaluateSet(tf, classifierOf(m), s!))!.accuracy;
      if (withFresh) accuracy.fresh = await fresh(classifierOf(m));
      log(`${name}: ${JSON.stringify(accuracy)} (${seconds.toFixed(0)} s)`);
      return { recipe: recipe.kind, accuracy, trainSeconds: seconds, history: r.epochs };
    } finally {
      m.dispose();
    }
  };
  const eps = cfg.t4.eps;
  const sigma = VARIANT_PARAMS.t3.sigma;
  if (!res.sweep) {
    res.sweep = await normSweep(tf, base, head(test, cfg.sweep.count), cfg, log);
    await save('sweep');
  }
  if (!res.reference) {
    res.reference = await fit(
      'reference',
      { kind: 'standard' },
      fixTrain,
      pick('clean', 't3', 't4'),
      true,
    );
    await save('reference');
  }
  if (!res.t1.retrained) {
    res.t1.retrained = await fit(
      't1-retrained',
      { kind: 'standard' },
      permutePixels(fixTrain, fixedPermutation()),
      pick('t1'),
    );
    await save('t1');
  }
  if (!res.t2) {
    const permutedTraining = await fit(
      't2-permuted',
      { kind: 'per-image-permutation', seed: 5 },
      fixTrain,
      pick('t2'),
    );
    const sortedFeatures = await fit('t2-sorted', { kind: 'standard' }, sortPixels(fixTrain), {
      t2: sortPixels(fixSets.t2),
    });
    res.t2 = { permutedTraining, sortedFeatures };
    await save('t2');
  }
  if (!res.t3) {
    res.t3 = {
      noiseTraining: await fit(
        't3-noise',
        { kind: 'noise', sigma: Math.min(1, 1.2 * sigma), seed: 6 },
        fixTrain,
        pick('clean', 't3', 't4'),
        true,
      ),
    };
    await save('t3');
  }
  if (!res.t4.adversarialTraining) {
    res.t4.adversarialTraining = await fit(
      't4-adversarial',
      { kind: 'adversarial', eps, steps: 1, seed: 7 },
      fixTrain,
      pick('clean', 't3', 't4'),
      true,
    );
    await save('t4');
  }
  if (!res.general) {
    const g = createGeneralModel(tf, cfg.fixes.seed);
    try {
      const f = cfg.fixes;
      const t0 = now();
      const r = await fitGeneral(tf, g, fixTrain, {
        ...f,
        sigma: Math.min(1, 1.2 * sigma),
        eps,
        onEpoch: (e) => log(`general epoch ${e.epoch + 1}/${e.epochs}: loss ${e.loss.toFixed(4)}`),
      });
      const seconds = (now() - t0) / 1000;
      const accuracy: Accuracies = {};
      for (const v of VARIANTS)
        accuracy[v] = (await evaluateSet(tf, g.classifier(v), fixSets[v]))!.accuracy;
      accuracy.fresh = await fresh(g.classifier('t4'));
      res.general = { recipe: 'general', accuracy, trainSeconds: seconds, history: r.epochs };
      log(`general: ${JSON.stringify(accuracy)}`);
    } finally {
      g.dispose();
    }
    await save('general');
  }
  if (!hooks.baselineModel) baseline.dispose();
  return res as Results;
}

/**
 * Round adversarial images to bytes while keeping them in the ε-ball: each byte stays within
 * ⌊255ε⌋ levels of the clean byte (clean images are bytes, so this is exact).
 */
export function quantiseWithin(adv: Float32Array, clean: Float32Array, eps: number): Uint8Array {
  const q = toBytes(adv);
  const c = toBytes(clean);
  const k = Math.floor(255 * eps + 1e-9);
  for (let i = 0; i < q.length; i++) q[i] = Math.min(c[i]! + k, Math.max(c[i]! - k, q[i]!));
  return q;
}

/** Accuracy under a fresh white-box PGD (random start) against `model`, on the first freshAttack.count test images. */
export async function freshAttackAccuracy(
  tf: typeof TF,
  model: ReturnType<typeof classifierOf>,
  test: ImageSet,
  cfg: ExperimentConfig,
): Promise<number> {
  const sub = head(test, cfg.freshAttack.count);
  const adv = (await attackSet(tf, model, sub.x, sub.labels, PIXELS, {
    eps: cfg.t4.eps,
    steps: cfg.freshAttack.steps,
    randomStart: true,
    seed: 11,
  }))!;
  return (await evaluateSet(tf, model, { x: adv, labels: sub.labels, count: sub.count }))!.accuracy;
}

/** Accuracy of the baseline against random noise (several σ) and PGD (several ε), with the mean L2 norm of each perturbation. */
export async function normSweep(
  tf: typeof TF,
  model: ReturnType<typeof classifierOf>,
  set: ImageSet,
  cfg: ExperimentConfig,
  log: (s: string) => void = () => {},
): Promise<Results['sweep']> {
  const random: Results['sweep']['random'] = [];
  const adversarial: Results['sweep']['adversarial'] = [];
  for (const sigma of cfg.sweep.sigmas) {
    const noisy = gaussianNoise(set, sigma, 77);
    random.push({
      sigma,
      l2: perturbationNorms(set, noisy).l2,
      accuracy: (await evaluateSet(tf, model, noisy))!.accuracy,
    });
  }
  for (const eps of cfg.sweep.epsilons) {
    const adv = (await attackSet(tf, model, set.x, set.labels, PIXELS, {
      eps,
      steps: cfg.sweep.steps,
    }))!;
    const a = { x: adv, labels: set.labels, count: set.count };
    adversarial.push({
      eps,
      l2: perturbationNorms(set, a).l2,
      accuracy: (await evaluateSet(tf, model, a))!.accuracy,
    });
    log(`sweep ε=${eps}: ${adversarial.at(-1)!.accuracy}`);
  }
  return { random, adversarial };
}
