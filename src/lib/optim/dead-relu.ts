/**
 * Dead ReLU detection: a hidden ReLU unit is "dead" on a data set when its pre-activation is
 * negative (output exactly 0) for every example, so no gradient ever reaches its incoming weights.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP, forward, type Activation, type MLP } from '../models/mlp.ts';
import { train, type OptimizerSpec, type StepInfo } from '../train/engine.ts';
import { accuracy } from '../metrics/classification.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export interface DeadCount {
  /** Dead units per hidden layer. */
  dead: number[];
  /** Width of each hidden layer. */
  width: number[];
  /** Dead units over all hidden layers / all hidden units. */
  fraction: number;
}

/**
 * Count hidden units whose pre-activation is ≤ 0 on every row of `xs` (for ReLU: output always 0,
 * gradient always 0). Works for any activation: for leaky ReLU the same units are "negative
 * everywhere" but still pass a small gradient, which is the point of the comparison.
 */
export async function countDead(tf: typeof TF, model: MLP, xs: TF.Tensor2D): Promise<DeadCount> {
  const hidden = model.layers.slice(0, -1);
  const counts = tf.tidy(() => {
    let h: TF.Tensor2D = xs;
    const per: TF.Tensor[] = [];
    for (const l of hidden) {
      const z = tf.add(tf.matMul(h, l.w), l.b) as TF.Tensor2D;
      per.push(tf.sum(tf.cast(tf.lessEqual(tf.max(z, 0), 0), 'int32')));
      h = forward(tf, [l], h);
    }
    return tf.stack(per);
  });
  const dead = Array.from(await counts.data());
  counts.dispose();
  const width = hidden.map((l) => l.w.shape[1]!);
  const total = width.reduce((a, b) => a + b, 0);
  return { dead, width, fraction: dead.reduce((a, b) => a + b, 0) / total };
}

export interface DeadRunSetting {
  label: string;
  activation: Activation;
  optimizer: OptimizerSpec;
}

export interface DeadRun {
  setting: DeadRunSetting;
  before: DeadCount;
  after: DeadCount;
  testAccuracy: number;
  /** False when the loss blew up (NaN/∞) and training was stopped. */
  finished: boolean;
  message?: string;
}

/** The page's study (its table heading and labels state these): hidden widths, batch size, and the sane run's Adam learning rate. */
export const DEAD_RELU_LAB = { hidden: [128, 128], batchSize: 32, saneLearningRate: 1e-3 };

export interface DeadExperimentOptions {
  settings: readonly DeadRunSetting[];
  hidden?: number[];
  epochs: number;
  batchSize: number;
  seed?: number;
  signal?: AbortSignal;
  onStep?: (which: number, s: StepInfo) => void;
}

/** Train one ReLU-family MLP per setting and count dead units on the test images before and after. Null when cancelled. */
export async function deadReluExperiment(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: DeadExperimentOptions,
): Promise<DeadRun[] | null> {
  const tr = toTensors(tf, trainSet);
  const te = toTensors(tf, testSet);
  const out: DeadRun[] = [];
  try {
    for (const [i, setting] of o.settings.entries()) {
      const model = createMLP(tf, [PIXELS, ...(o.hidden ?? [256, 256]), CLASSES], {
        hidden: setting.activation,
        seed: o.seed ?? 1,
      });
      try {
        const before = await countDead(tf, model, te.xs);
        let finished = true;
        let message: string | undefined;
        try {
          const r = await train({
            tf,
            model,
            xs: tr.xs,
            ys: tr.ys,
            optimizer: setting.optimizer,
            epochs: o.epochs,
            batchSize: o.batchSize,
            seed: o.seed ?? 1,
            signal: o.signal,
            syncEvery: 10,
            onStep: (s) => o.onStep?.(i, s),
          });
          if (r.status === 'cancelled') return null;
        } catch (e) {
          if (!/diverged/.test((e as Error).message)) throw e;
          finished = false;
          message = (e as Error).message;
        }
        out.push({
          setting,
          before,
          after: await countDead(tf, model, te.xs),
          testAccuracy: await accuracy(tf, model, te.xs, te.ys),
          finished,
          message,
        });
      } finally {
        model.dispose();
      }
    }
    return out;
  } finally {
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}
