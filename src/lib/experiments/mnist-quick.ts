/** A small, fast MNIST training run on the shared engine: the lab page's showcase and e2e target. */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP, type MLP } from '../models/mlp.ts';
import { train, type EpochInfo, type StepInfo, type TrainResult } from '../train/engine.ts';
import { adamTrainingSettings, type AdamRunOptions } from '../train/adam-settings.ts';
import { accuracy } from '../metrics/classification.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export interface QuickRunOptions extends AdamRunOptions {
  hidden: number[];
  onStep?: (s: StepInfo) => void;
  onEpoch?: (e: EpochInfo) => void;
  /** Called with the trained model after a finished run, before it is disposed (e.g. to export it). */
  onTrained?: (model: MLP) => Promise<void>;
}

export interface QuickRunResult {
  result: TrainResult;
  testAccuracy: number | null;
}

/** Train an MLP 784→hidden→10 on `trainSet` and report test accuracy; frees every tensor it made. */
export async function quickMnistRun(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: QuickRunOptions,
): Promise<QuickRunResult> {
  const tr = toTensors(tf, trainSet);
  const te = toTensors(tf, testSet);
  const model = createMLP(tf, [PIXELS, ...o.hidden, CLASSES], { seed: o.seed });
  try {
    const result = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      ...adamTrainingSettings(o),
      onStep: o.onStep,
      onEpoch: o.onEpoch,
      evaluate: () => accuracy(tf, model, te.xs, te.ys),
    });
    if (result.status === 'done') await o.onTrained?.(model);
    const last = result.epochs[result.epochs.length - 1];
    return {
      result,
      testAccuracy: result.status === 'done' && last?.metric !== undefined ? last.metric : null,
    };
  } finally {
    model.dispose();
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}
