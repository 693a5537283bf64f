/**
 * Trainable tfjs variables for networks built by hand (no tf.layers): He-normal weights drawn from
 * the project's seeded RNG, so the same seed gives the same network on every backend, and zero
 * biases.
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, type Rng } from '../util/random.ts';

/**
 * A variable of shape `dims` with entries from N(0, (scale·√(2 / fanIn))²), drawn from `r` (He
 * initialisation for a ReLU layer that sums `fanIn` inputs; `scale` 0 gives zeros but still draws).
 */
export function heNormalVariable(
  tf: typeof TF,
  dims: number[],
  fanIn: number,
  r: Rng,
  name: string,
  scale = 1,
): TF.Variable {
  const n = dims.reduce((a, b) => a * b, 1);
  return tf.tidy(() =>
    tf.variable(tf.tensor(normalArray(n, scale * Math.sqrt(2 / fanIn), r), dims), true, name),
  );
}

/** A trainable vector of `n` zeros (a bias). */
export function zerosVariable(tf: typeof TF, n: number, name: string): TF.Variable {
  return tf.tidy(() => tf.variable(tf.zeros([n]), true, name));
}
