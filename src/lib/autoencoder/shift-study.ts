/**
 * The gen-q1 / gen-q2 experiment on shifted MNIST: uncertainty methods (calibration and entropy per
 * shift, cost per prediction) and out-of-distribution detection (AUROC of the autoencoder's
 * reconstruction error vs the classifiers' predictive entropy). Used by the pages (small sizes, live)
 * and by scripts/autoencoder-shifts.ts (committed JSON).
 */
import type * as TF from '@tensorflow/tfjs';
import type { MnistSplit } from '../data/mnist.ts';
import { createMLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { createAutoencoder, initOutputBiasToMean } from './model.ts';
import { trainAutoencoder } from './train.ts';
import { auroc, entropies, reconstructionErrors } from './ood.ts';
import {
  allShifts,
  SHIFT_DEFAULTS,
  SHIFT_LABELS,
  type ShiftName,
  type ShiftParams,
} from './shifts.ts';
import {
  METHOD_LABELS,
  methodProbs,
  scoreProbs,
  trainUncertaintyModels,
  UNCERTAINTY_DEFAULTS,
  type MethodName,
  type MethodScore,
  type UncertaintyOptions,
} from './uncertainty.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export interface ShiftStudyOptions {
  trainImages: number;
  valImages: number;
  testImages: number;
  uncertainty: UncertaintyOptions;
  shifts: ShiftParams;
  /** Autoencoder for the OOD score. */
  ae: { hidden: number[]; latent: number; epochs: number };
  seed: number;
}

export const SHIFT_STUDY_DEFAULTS: ShiftStudyOptions = {
  trainImages: 20000,
  valImages: 1000,
  testImages: 2000,
  uncertainty: UNCERTAINTY_DEFAULTS,
  shifts: SHIFT_DEFAULTS,
  ae: { hidden: [128], latent: 16, epochs: 5 },
  seed: 1,
};

export const SHIFT_NAMES: ShiftName[] = ['clean', 't1', 't2', 't3', 't4', 'blank', 'faint'];
export const METHOD_NAMES: MethodName[] = [
  'single',
  'temperature',
  'mcdropout',
  'ensemble',
  'distilled',
  'distilledMix',
];

export interface ShiftRow {
  shift: ShiftName;
  label: string;
  methods: Record<MethodName, MethodScore>;
  /** AUROC against clean test images (null for clean itself). */
  ood: {
    aeError: number | null;
    ensembleEntropy: number | null;
    singleEntropy: number | null;
    meanAeError: number;
  };
  /** Four example images, uint8 [4 × 784]. */
  examples: Uint8Array;
}

export interface ShiftStudyResult {
  status: 'done' | 'cancelled';
  temperature: number;
  passes: Record<MethodName, number>;
  rows: ShiftRow[];
}

const slice = (s: MnistSplit, from: number, n: number) => ({
  x: Float32Array.from(s.images.subarray(from * PIXELS, (from + n) * PIXELS), (v) => v / 255),
  labels: s.labels.slice(from, from + n),
});

/** Run the study; frees every tensor on success, cancel and error. */
export async function runShiftStudy(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: ShiftStudyOptions,
  hooks: { signal?: AbortSignal; onProgress?: (fraction: number, text: string) => void } = {},
): Promise<ShiftStudyResult> {
  const nTrain = Math.min(o.trainImages, trainSet.count - o.valImages);
  if (nTrain < 50 || o.valImages < 10 || o.testImages < 10)
    throw new Error('Use at least 50 training, 10 validation and 10 test images.');
  const tr = slice(trainSet, 0, nTrain);
  const val = slice(trainSet, nTrain, o.valImages);
  const te = slice(testSet, 0, Math.min(o.testImages, testSet.count));
  const report = (a: number, b: number) => (f: number, t: string) =>
    hooks.onProgress?.(a + (b - a) * f, t);
  const cancelled: ShiftStudyResult = {
    status: 'cancelled',
    temperature: NaN,
    passes: {} as never,
    rows: [],
  };

  const models = await trainUncertaintyModels(
    tf,
    tr,
    val,
    { ...o.uncertainty, seed: o.seed },
    { signal: hooks.signal, onProgress: report(0, 0.7) },
  );
  if (!models) return cancelled;
  const xs = tf.tensor2d(tr.x, [nTrain, PIXELS]);
  const ys = tf.tensor1d(Int32Array.from(tr.labels), 'int32');
  const attacker = createMLP(tf, [PIXELS, ...o.uncertainty.hidden, CLASSES], {
    seed: o.seed + 777,
    name: `attacker${o.seed}`,
  });
  const ae = createAutoencoder(
    tf,
    { inputSize: PIXELS, hidden: o.ae.hidden, latent: o.ae.latent },
    o.seed + 333,
  );
  try {
    const ra = await train({
      tf,
      model: attacker,
      xs,
      ys,
      optimizer: { name: 'adam', learningRate: o.uncertainty.learningRate },
      epochs: o.uncertainty.epochs,
      batchSize: o.uncertainty.batchSize,
      seed: o.seed + 777,
      signal: hooks.signal,
      syncEvery: 20,
      onStep: (s) =>
        report(0.7, 0.8)(
          s.step / (s.epochs * s.batches),
          `Training the attacker network for t4: epoch ${s.epoch + 1}/${s.epochs}`,
        ),
    });
    if (ra.status === 'cancelled') return cancelled;
    initOutputBiasToMean(tf, ae, xs);
    const rae = await trainAutoencoder(tf, ae, xs, {
      epochs: o.ae.epochs,
      batchSize: 100,
      seed: o.seed + 333,
      signal: hooks.signal,
      optimizer: { name: 'adam', learningRate: 3e-3 },
      onStep: (s) =>
        report(0.8, 0.95)(
          s.step / (s.epochs * s.batches),
          `Training the autoencoder: epoch ${s.epoch + 1}/${s.epochs}`,
        ),
    });
    if (rae.status === 'cancelled') return cancelled;
    hooks.onProgress?.(
      0.95,
      'Crafting the shifted test sets (t4: FGSM against the attacker network)…',
    );
    const shifted = await allShifts(tf, te.x, te.labels, attacker, SHIFT_NAMES, o.shifts);
    const rows: ShiftRow[] = [];
    let cleanErr: Float32Array | null = null;
    let cleanEnsH: Float32Array | null = null;
    let cleanSingleH: Float32Array | null = null;
    let passes = {} as Record<MethodName, number>;
    for (const [i, name] of SHIFT_NAMES.entries()) {
      if (hooks.signal?.aborted) return cancelled;
      hooks.onProgress?.(
        0.95 + (0.05 * i) / SHIFT_NAMES.length,
        `Scoring every method on ${SHIFT_LABELS[name]} (${i + 1}/${SHIFT_NAMES.length})…`,
      );
      const x = shifted.get(name)!;
      const probs = await methodProbs(tf, models, x, o.uncertainty.mcSamples, o.seed + 4242);
      passes = Object.fromEntries(METHOD_NAMES.map((m) => [m, probs[m].passes])) as Record<
        MethodName,
        number
      >;
      const methods = Object.fromEntries(
        METHOD_NAMES.map((m) => [m, scoreProbs(probs[m].probs, te.labels)]),
      ) as Record<MethodName, MethodScore>;
      const err = await reconstructionErrors(tf, ae, x);
      const ensH = entropies(probs.ensemble.probs);
      const singleH = entropies(probs.single.probs);
      if (name === 'clean') [cleanErr, cleanEnsH, cleanSingleH] = [err, ensH, singleH];
      rows.push({
        shift: name,
        label: SHIFT_LABELS[name],
        methods,
        ood: {
          aeError: name === 'clean' ? null : auroc(cleanErr!, err),
          ensembleEntropy: name === 'clean' ? null : auroc(cleanEnsH!, ensH),
          singleEntropy: name === 'clean' ? null : auroc(cleanSingleH!, singleH),
          meanAeError: err.reduce((a, b) => a + b, 0) / err.length,
        },
        examples: Uint8Array.from(x.subarray(0, 4 * PIXELS), (p) => Math.round(p * 255)),
      });
    }
    return { status: 'done', temperature: models.temperature, passes, rows };
  } finally {
    models.dispose();
    attacker.dispose();
    ae.dispose();
    tf.dispose([xs, ys]);
  }
}

export { METHOD_LABELS };
