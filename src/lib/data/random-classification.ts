/**
 * Stand-in training data for timing a classifier, where only the sizes matter: rows of standard
 * normal inputs and uniform integer labels, drawn from the project's seeded RNG.
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, type Rng } from '../util/random.ts';

/**
 * `n` rows of `inputs` values from N(0, 1), then `n` labels uniform in [0, classes), both drawn from
 * `r` in that order (so the caller may keep drawing from `r` afterwards). The caller disposes them.
 */
export function randomClassificationData(
  tf: typeof TF,
  r: Rng,
  n: number,
  inputs: number,
  classes: number,
): { xs: TF.Tensor2D; ys: TF.Tensor1D } {
  const xs = tf.tensor2d(normalArray(n * inputs, 1, r), [n, inputs]);
  const ys = tf.tensor1d(
    Int32Array.from({ length: n }, () => r.int(classes)),
    'int32',
  );
  return { xs, ys };
}
