/**
 * dl-58: transfer learning with the small ResNet of ./resnet.ts, entirely on MNIST.
 *
 * Source task: classify digits 0–4 (plenty of labelled images). Target task: classify digits 5–9
 * from only a few labelled images per class. After pre-training on the source task, three ways of
 * learning the target task get the same images, epochs, batch size, learning rate and head
 * initialisation:
 *   fine-tune — the pre-trained body plus a new head, everything trained;
 *   frozen    — the pre-trained body kept fixed, only the new head trained (a linear probe);
 *   scratch   — the same architecture from a fresh random initialisation, everything trained.
 * Accuracy on held-out target test images is measured after every epoch.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { accuracyOf, predictClasses } from '../metrics/classification.ts';
import { train, type EpochInfo, type StepInfo } from '../train/engine.ts';
import { ADAM_SYNC_EVERY } from '../train/adam-settings.ts';
import {
  classifier,
  cloneBody,
  createBody,
  createHead,
  type ResNetBody,
  type ResNetShape,
} from './resnet.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export type Arm = 'fine-tune' | 'frozen' | 'scratch';
export const ARMS: readonly Arm[] = ['fine-tune', 'frozen', 'scratch'];
export const ARM_LABELS: Record<Arm, string> = {
  'fine-tune': 'pre-trained body, fine-tune all',
  frozen: 'pre-trained body frozen, new head only',
  scratch: 'from scratch, same budget',
};

/**
 * The examples of `split` whose label is one of `digits`, relabelled 0…k−1 by position in `digits`.
 * `perClass` keeps only the first that many of each digit (in data order); `limit` caps the total.
 */
export function selectDigits(
  split: MnistSplit,
  digits: readonly number[],
  opts: { perClass?: number; limit?: number } = {},
): MnistSplit {
  const taken = new Map<number, number>();
  const idx: number[] = [];
  for (let i = 0; i < split.count && idx.length < (opts.limit ?? Infinity); i++) {
    const label = split.labels[i]!;
    if (!digits.includes(label)) continue;
    const t = taken.get(label) ?? 0;
    if (opts.perClass !== undefined && t >= opts.perClass) continue;
    taken.set(label, t + 1);
    idx.push(i);
  }
  const images = new Uint8Array(idx.length * PIXELS);
  const labels = new Uint8Array(idx.length);
  idx.forEach((src, dst) => {
    images.set(split.images.subarray(src * PIXELS, (src + 1) * PIXELS), dst * PIXELS);
    labels[dst] = digits.indexOf(split.labels[src]!);
  });
  return { images, labels, count: idx.length };
}

export interface TransferOptions {
  shape: ResNetShape;
  sourceDigits: readonly number[];
  targetDigits: readonly number[];
  /** Source-task training images (at most), and epochs over them. */
  pretrainCount: number;
  pretrainEpochs: number;
  /** Batch size and learning rate while pre-training (default: those of the three arms). */
  pretrainBatchSize?: number;
  pretrainLearningRate?: number;
  /** Labelled target images per class. */
  perClass: number;
  /** Epochs over the small target set, for each of the three arms. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  signal?: AbortSignal;
  onPhase?: (phase: 'pretrain' | Arm) => void;
  onStep?: (phase: 'pretrain' | Arm, s: StepInfo) => void;
  /** End of a pre-training epoch; `metric` is source test accuracy. */
  onPretrainEpoch?: (e: EpochInfo) => void;
  /** End of an epoch of one arm, with its target test accuracy. */
  onArmEpoch?: (arm: Arm, epoch: number, accuracy: number) => void;
}

/**
 * The settings of the page's lab that the reader does not choose: pre-training in batches of 25
 * (they divide every pre-training count, so every step has the same tensor shapes) at 3·10⁻³.
 */
export const TRANSFER_LAB = {
  sourceDigits: [0, 1, 2, 3, 4],
  targetDigits: [5, 6, 7, 8, 9],
  pretrainBatchSize: 25,
  pretrainLearningRate: 3e-3,
  seed: 1,
} satisfies Partial<TransferOptions>;

/** What the reader is told each phase is doing. */
export const PHASE_LABELS: Record<'pretrain' | Arm, string> = {
  pretrain: 'Pre-training on 0–4',
  'fine-tune': 'Fine-tuning all layers on 5–9',
  frozen: 'Training only the new head on 5–9',
  scratch: 'Training from scratch on 5–9',
};

/**
 * MNIST training images to load so that `pretrainCount` images of 0–4 and the few labelled 5–9 are
 * there: 0–4 are about half of MNIST, so 2.4× the count, and at least 3,000.
 */
export function imagesToLoad(pretrainCount: number): number {
  return Math.max(3000, Math.ceil(2.4 * pretrainCount));
}

/**
 * The batch size of the three arms: one that divides the labelled set (5 digits × `perClass`)
 * exactly, so every step has the same tensor shapes.
 */
export function armBatchSize(perClass: number): number {
  return perClass % 2 === 0 ? 10 : 5;
}

/**
 * The part of a progress bar each phase fills: pre-training is about half the work, the three arms
 * share the other half equally, in the order of ARMS.
 */
export function phaseSpan(phase: 'pretrain' | Arm): [number, number] {
  if (phase === 'pretrain') return [0, 0.5];
  const i = ARMS.indexOf(phase);
  return [0.5 + i / (2 * ARMS.length), 0.5 + (i + 1) / (2 * ARMS.length)];
}

export interface ArmResult {
  arm: Arm;
  /** Target test accuracy after each epoch. */
  accuracy: number[];
  trainable: number;
  seconds: number;
}

export interface TransferResult {
  status: 'done' | 'cancelled';
  /** Source test accuracy after each pre-training epoch. */
  pretrainAccuracy: number[];
  arms: ArmResult[];
  counts: { pretrain: number; target: number; sourceTest: number; targetTest: number };
  /** Parameters of the body and of one head. */
  bodyParameters: number;
  headParameters: number;
}

/** Pre-train, then run the three arms; frees every tensor it creates on every exit path. */
export async function runTransfer(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: TransferOptions,
): Promise<TransferResult> {
  const source = selectDigits(trainSet, o.sourceDigits, { limit: o.pretrainCount });
  const target = selectDigits(trainSet, o.targetDigits, { perClass: o.perClass });
  const sourceTest = selectDigits(testSet, o.sourceDigits);
  const targetTest = selectDigits(testSet, o.targetDigits);
  if (source.count === 0 || sourceTest.count === 0 || targetTest.count === 0)
    throw new Error('Not enough images of the chosen digits: load more MNIST images.');
  if (target.count < o.perClass * o.targetDigits.length)
    throw new Error(
      `Only ${target.count} labelled target images found; load more MNIST images or ask for fewer per class.`,
    );
  const result: TransferResult = {
    status: 'done',
    pretrainAccuracy: [],
    arms: [],
    counts: {
      pretrain: source.count,
      target: target.count,
      sourceTest: sourceTest.count,
      targetTest: targetTest.count,
    },
    bodyParameters: 0,
    headParameters: 0,
  };
  const owned: { dispose(): void }[] = []; // every body, head and tensor made here, freed in `finally`
  const keep = <T extends { dispose(): void }>(x: T): T => (owned.push(x), x);
  try {
    const src = toTensors(tf, source);
    const srcTest = toTensors(tf, sourceTest);
    const tgt = toTensors(tf, target);
    const tgtTest = toTensors(tf, targetTest);
    [src, srcTest, tgt, tgtTest].forEach((t) => keep({ dispose: () => tf.dispose([t.xs, t.ys]) }));
    const fit = (
      phase: 'pretrain' | Arm,
      model: ReturnType<typeof classifier>,
      data: { xs: TF.Tensor2D; ys: TF.Tensor1D },
      epochs: number,
      test: { xs: TF.Tensor2D },
      labels: Uint8Array,
      onEpoch: (e: EpochInfo) => void,
    ) =>
      train({
        tf,
        model,
        xs: data.xs,
        ys: data.ys,
        optimizer: {
          name: 'adam',
          learningRate:
            phase === 'pretrain' ? (o.pretrainLearningRate ?? o.learningRate) : o.learningRate,
        },
        epochs,
        batchSize: phase === 'pretrain' ? (o.pretrainBatchSize ?? o.batchSize) : o.batchSize,
        seed: o.seed,
        signal: o.signal,
        syncEvery: ADAM_SYNC_EVERY,
        onStep: (s) => o.onStep?.(phase, s),
        onEpoch,
        // One forward pass over (up to 1,000) test images at a time: few distinct shapes, few GPU programs to compile.
        evaluate: async () =>
          accuracyOf(
            await predictClasses(tf, model, test.xs, Math.min(1000, test.xs.shape[0])),
            labels,
          ),
      });

    // 1. Pre-train body + a source head on the source digits.
    o.onPhase?.('pretrain');
    const pretrained = keep(createBody(tf, o.shape, o.seed));
    const sourceHead = keep(
      createHead(tf, pretrained.featureSize, o.sourceDigits.length, o.seed + 1),
    );
    result.bodyParameters = pretrained.variables.reduce((s, v) => s + v.size, 0);
    result.headParameters = (pretrained.featureSize + 1) * o.targetDigits.length;
    const pre = await fit(
      'pretrain',
      classifier(tf, pretrained, sourceHead, true),
      src,
      o.pretrainEpochs,
      srcTest,
      sourceTest.labels,
      (e) => {
        result.pretrainAccuracy.push(e.metric ?? NaN);
        o.onPretrainEpoch?.(e);
      },
    );
    if (pre.status === 'cancelled') return { ...result, status: 'cancelled' };

    // 2. The three arms on the small target set, each with the same fresh head.
    const bodies: Record<Arm, () => ResNetBody> = {
      'fine-tune': () => keep(cloneBody(tf, pretrained)),
      frozen: () => pretrained, // never updated: only the head's variables are trained
      scratch: () => keep(createBody(tf, o.shape, o.seed + 2)),
    };
    for (const arm of ARMS) {
      o.onPhase?.(arm);
      const body = bodies[arm]();
      const head = keep(createHead(tf, body.featureSize, o.targetDigits.length, o.seed + 3));
      const model = classifier(tf, body, head, arm !== 'frozen');
      const accuracy: number[] = [];
      const r = await fit(arm, model, tgt, o.epochs, tgtTest, targetTest.labels, (e) => {
        accuracy.push(e.metric ?? NaN);
        o.onArmEpoch?.(arm, e.epoch, e.metric ?? NaN);
      });
      result.arms.push({ arm, accuracy, trainable: model.trainableCount, seconds: r.seconds });
      if (r.status === 'cancelled') return { ...result, status: 'cancelled' };
    }
    return result;
  } finally {
    owned.forEach((x) => x.dispose());
  }
}
