/**
 * dl-52: a small convolutional network for MNIST, trained on the shared engine.
 *
 *   28×28×1 → conv 5×5 (c1 filters) + ReLU → max-pool 2 → 12×12×c1
 *           → conv 3×3 (c2 filters) + ReLU → max-pool 2 → 5×5×c2
 *           → flatten → dense (hidden) + ReLU → dense 10 (logits)
 *
 * The layers are plain tfjs variables (no tf.layers), so the engine's `Trainable` interface applies
 * unchanged: `predict` takes the engine's [batch, 784] rows and reshapes them to images itself.
 * Convolutions go through ./conv.ts so that training also works on the WebAssembly backend.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { dense } from '../models/dense.ts';
import { rng } from '../util/random.ts';
import { heNormalVariable, zerosVariable } from '../models/he-normal.ts';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { train, type EpochInfo, type StepInfo, type TrainResult } from '../train/engine.ts';
import { adamTrainingSettings, type AdamRunOptions } from '../train/adam-settings.ts';
import { accuracyOf, predictClasses } from '../metrics/classification.ts';
import { conv2dValid } from './conv.ts';
import { CLASSES, IMAGE_SIDE, PIXELS } from '../data/mnist-geometry.ts';

export interface CnnShape {
  /** Filters of the first (5×5) and second (3×3) convolution. */
  c1: number;
  c2: number;
  /** Width of the dense hidden layer. */
  hidden: number;
}

export interface Cnn extends Trainable {
  shape: CnnShape;
  /** Number of trainable numbers. */
  parameterCount: number;
  dispose(): void;
}

let counter = 0;

/** Build the CNN with He-normal weights from the project's seeded RNG (same seed ⇒ same network). */
export function createCnn(tf: typeof TF, shape: CnnShape, seed = 0): Cnn {
  const r = rng(seed);
  const { c1, c2, hidden } = shape;
  const flat = 5 * 5 * c2;
  const he = (dims: number[], fanIn: number, name: string) =>
    heNormalVariable(tf, dims, fanIn, r, name);
  const zeros = (n: number, name: string) => zerosVariable(tf, n, name);
  const id = `cnn${counter++}`; // variable names must be unique while models coexist
  const k1 = he([5, 5, 1, c1], 25, `${id}/k1`);
  const b1 = zeros(c1, `${id}/b1`);
  const k2 = he([3, 3, c1, c2], 9 * c1, `${id}/k2`);
  const b2 = zeros(c2, `${id}/b2`);
  const w3 = he([flat, hidden], flat, `${id}/w3`);
  const b3 = zeros(hidden, `${id}/b3`);
  const w4 = he([hidden, CLASSES], hidden, `${id}/w4`);
  const b4 = zeros(CLASSES, `${id}/b4`);
  const variables = [k1, b1, k2, b2, w3, b3, w4, b4];

  const predict = (x: TF.Tensor): TF.Tensor => {
    const img = tf.reshape(x, [-1, IMAGE_SIDE, IMAGE_SIDE, 1]) as TF.Tensor4D;
    // 'valid' padding: 28 → 24 after the 5×5 filter, 12 after pooling; 12 → 10 → 5.
    const h1 = tf.relu(
      tf.add(conv2dValid(tf, img, k1 as TF.Tensor4D, { inputGradient: false }), b1),
    ) as TF.Tensor4D;
    const p1 = tf.maxPool(h1, 2, 2, 'valid');
    const h2 = tf.relu(tf.add(conv2dValid(tf, p1, k2 as TF.Tensor4D), b2)) as TF.Tensor4D;
    const p2 = tf.maxPool(h2, 2, 2, 'valid');
    const f = tf.reshape(p2, [-1, flat]) as TF.Tensor2D;
    const h3 = dense(tf, f, w3 as TF.Tensor2D, b3 as TF.Tensor1D, 'relu');
    return dense(tf, h3, w4 as TF.Tensor2D, b4 as TF.Tensor1D);
  };

  return {
    shape,
    variables,
    parameterCount: variables.reduce((s, v) => s + v.size, 0),
    predict,
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

/** The dl-52 lab's fixed recipe (the reader picks the filter counts and epochs): its page states these. */
export const CNN_LAB = { hidden: 64, batchSize: 64, learningRate: 3e-3 } as const;

export interface CnnRunOptions extends AdamRunOptions {
  shape: CnnShape;
  onStep?: (s: StepInfo) => void;
  onEpoch?: (e: EpochInfo) => void;
}

export interface Mistakes {
  /** How many are listed (at most `limit`). */
  count: number;
  /** The misclassified test images, count × 784 bytes. */
  images: Uint8Array;
  /** [true label, predicted label] for each. */
  pairs: [number, number][];
}

export interface CnnRunResult {
  result: TrainResult;
  /** Test accuracy after each finished epoch. */
  testAccuracy: number[];
  parameterCount: number;
  /** The first misclassified test images after training (absent when cancelled). */
  mistakes?: Mistakes;
}

/** The first `limit` test examples whose predicted class differs from the label. */
export function firstMistakes(
  testSet: MnistSplit,
  predicted: ArrayLike<number>,
  limit: number,
): Mistakes {
  const idx: number[] = [];
  for (let i = 0; i < testSet.count && idx.length < limit; i++)
    if (predicted[i] !== testSet.labels[i]) idx.push(i);
  const images = new Uint8Array(idx.length * PIXELS);
  idx.forEach((i, k) =>
    images.set(testSet.images.subarray(i * PIXELS, (i + 1) * PIXELS), k * PIXELS),
  );
  return { count: idx.length, images, pairs: idx.map((i) => [testSet.labels[i]!, predicted[i]!]) };
}

/**
 * Train the CNN with Adam and softmax cross-entropy; test accuracy after every epoch, and the first
 * test digits it still gets wrong. Frees every tensor it creates.
 */
export async function runCnn(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: CnnRunOptions,
): Promise<CnnRunResult> {
  const tr = toTensors(tf, trainSet);
  const te = toTensors(tf, testSet);
  const model = createCnn(tf, o.shape, o.seed);
  let predicted: Int32Array | null = null; // test predictions after the latest epoch
  try {
    const result = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      ...adamTrainingSettings(o),
      onStep: o.onStep,
      onEpoch: o.onEpoch,
      evaluate: async () => {
        predicted = await predictClasses(tf, model, te.xs, 500);
        return accuracyOf(predicted, testSet.labels);
      },
    });
    return {
      result,
      testAccuracy: result.epochs.map((e) => e.metric ?? NaN),
      parameterCount: model.parameterCount,
      mistakes:
        result.status === 'done' && predicted ? firstMistakes(testSet, predicted, 24) : undefined,
    };
  } finally {
    model.dispose();
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}
