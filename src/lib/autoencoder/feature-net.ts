/** Training the small MNIST classifier whose penultimate layer gives the FID features (see ./features.ts). */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import { createMLP } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import type { AdamRunOptions } from '../train/adam-settings.ts';
import { accuracy } from '../metrics/classification.ts';
import { saveMlp, type SavedMlp } from './features.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export const FEATURE_NET_SIZES = [PIXELS, 64, 32, CLASSES];

export type FeatureNetOptions = AdamRunOptions;

/** Train the feature classifier on `trainSet`, report accuracy on `testSet`, return its saved weights. */
export async function trainFeatureNet(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: FeatureNetOptions,
): Promise<SavedMlp> {
  const tr = toTensors(tf, trainSet);
  const te = toTensors(tf, testSet);
  const model = createMLP(tf, FEATURE_NET_SIZES, { seed: o.seed });
  try {
    const r = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      optimizer: { name: 'adam', learningRate: o.learningRate },
      epochs: o.epochs,
      batchSize: o.batchSize,
      seed: o.seed,
      signal: o.signal,
    });
    if (r.status === 'cancelled') throw new Error('cancelled');
    const acc = await accuracy(tf, model, te.xs, te.ys);
    return await saveMlp(model, {
      testAccuracy: acc,
      trainImages: trainSet.count,
      testImages: testSet.count,
      epochs: o.epochs,
      seed: o.seed,
    });
  } finally {
    model.dispose();
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}
