/**
 * Helpers shared by the training experiments: data sets as tensors, whole-set loss and accuracy,
 * and the learning-rate schedules. The training itself always goes through the shared engine
 * (src/lib/train/engine.ts).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { softmaxCrossEntropy } from '../train/engine.ts';
import type { Dataset } from './data.ts';

/** A data set on the device. Dispose with `disposeTensors`. */
export interface Tensors {
  xs: TF.Tensor2D;
  ys: TF.Tensor1D;
}

export function toTensors(tf: typeof TF, d: Dataset): Tensors {
  const n = d.y.length;
  return { xs: tf.tensor2d(d.x, [n, d.dim]), ys: tf.tensor1d(d.y, 'int32') };
}

export function disposeTensors(t: Tensors | null | undefined): void {
  t?.xs.dispose();
  t?.ys.dispose();
}

/** Mean softmax cross-entropy and accuracy of `model` on the whole set, read back as numbers. */
export async function evaluateSet(
  tf: typeof TF,
  model: Trainable,
  t: Tensors,
): Promise<{ loss: number; accuracy: number }> {
  const out = tf.tidy(() => {
    const logits = model.predict(t.xs);
    const loss = softmaxCrossEntropy(tf, logits, t.ys);
    const acc = tf.mean(tf.cast(tf.equal(tf.argMax(logits, 1), t.ys), 'float32'));
    return tf.stack([loss, acc]);
  });
  const v = await out.data();
  out.dispose();
  return { loss: v[0]!, accuracy: v[1]! };
}

/** A learning-rate schedule: global step (0-based) → learning rate. */
export type Schedule = (step: number) => number;

export interface ScheduleSpec {
  /** Peak (or constant) learning rate. */
  lr: number;
  /** Linear warm-up from lr/warmup to lr over this many steps (0 = none). */
  warmupSteps?: number;
  /** Cosine decay from the peak to 0 at `totalSteps` (after the warm-up). */
  cosine?: boolean;
  totalSteps?: number;
}

/**
 * Linear warm-up (Goyal et al. 2017) followed by an optional cosine decay (Loshchilov & Hutter 2017,
 * without restarts). With neither, a constant learning rate.
 */
export function makeSchedule(s: ScheduleSpec): Schedule {
  const w = Math.max(0, Math.floor(s.warmupSteps ?? 0));
  const total = Math.max(1, s.totalSteps ?? 1);
  return (step) => {
    if (step < w) return (s.lr * (step + 1)) / w;
    if (!s.cosine) return s.lr;
    const t = Math.min(1, (step - w) / Math.max(1, total - w));
    return 0.5 * s.lr * (1 + Math.cos(Math.PI * t));
  };
}

/** True when the error is the engine's "loss became NaN/Infinity" failure. */
export function isDivergence(e: unknown): boolean {
  return e instanceof Error && e.message.startsWith('Training diverged');
}
