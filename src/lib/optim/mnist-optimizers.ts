/**
 * SGD vs momentum vs Adam on an MNIST subset: the same MLP, the same seed and the same batches,
 * trained once per optimizer with the shared engine. Returns loss curves and test accuracies.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP } from '../models/mlp.ts';
import { train, type OptimizerSpec, type StepInfo } from '../train/engine.ts';
import { accuracy } from '../metrics/classification.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export interface OptimizerRun {
  spec: OptimizerSpec;
  /** Global step numbers at which the loss was read back, and the losses. */
  steps: number[];
  loss: number[];
  /** Mean training loss of the last epoch. */
  finalLoss: number;
  testAccuracy: number;
}

/** Read the loss back every this many steps unless told otherwise. */
export const COMPARE_SYNC_EVERY = 5;

/** The momentum coefficient β of the page's momentum run. */
export const MOMENTUM_BETA = 0.9;

export interface CompareOptions {
  specs: readonly OptimizerSpec[];
  hidden?: number[];
  epochs: number;
  batchSize: number;
  seed?: number;
  /** Read the loss back every n steps (default COMPARE_SYNC_EVERY). */
  syncEvery?: number;
  signal?: AbortSignal;
  /** Progress: which optimizer (index), and the engine's step info. */
  onStep?: (which: number, s: StepInfo) => void;
}

/** Train one model per optimizer spec; null when cancelled. Frees every tensor it made. */
export async function compareOptimizersOnMnist(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: CompareOptions,
): Promise<OptimizerRun[] | null> {
  const tr = toTensors(tf, trainSet);
  const te = toTensors(tf, testSet);
  const runs: OptimizerRun[] = [];
  try {
    for (const [i, spec] of o.specs.entries()) {
      const model = createMLP(tf, [PIXELS, ...(o.hidden ?? [128]), CLASSES], { seed: o.seed ?? 1 });
      try {
        const steps: number[] = [];
        const loss: number[] = [];
        const r = await train({
          tf,
          model,
          xs: tr.xs,
          ys: tr.ys,
          optimizer: spec,
          epochs: o.epochs,
          batchSize: o.batchSize,
          seed: o.seed ?? 1,
          signal: o.signal,
          syncEvery: o.syncEvery ?? COMPARE_SYNC_EVERY,
          onStep: (s) => {
            if (s.loss !== undefined) {
              steps.push(s.step);
              loss.push(s.loss);
            }
            o.onStep?.(i, s);
          },
        });
        if (r.status === 'cancelled') return null;
        runs.push({
          spec,
          steps,
          loss,
          finalLoss: r.epochs[r.epochs.length - 1]!.loss,
          testAccuracy: await accuracy(tf, model, te.xs, te.ys),
        });
      } finally {
        model.dispose();
      }
    }
    return runs;
  } finally {
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}

/** Short human label of an optimizer spec, e.g. "momentum (lr 0.01, β 0.9)". */
export function specLabel(s: OptimizerSpec): string {
  if (s.name === 'momentum') return `momentum (lr ${s.learningRate}, β ${s.momentum ?? 0.9})`;
  if (s.name === 'adam') return `Adam (lr ${s.learningRate})`;
  if (s.name === 'sgd') return `SGD (lr ${s.learningRate})`;
  return `RMSprop (lr ${s.learningRate})`;
}
