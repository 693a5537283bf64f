/**
 * Nearest-neighbour measures on feature vectors, computed with tfjs matrix products:
 * - improved precision and recall (Kynkäänniemi et al., 2019): the real manifold is the union of
 *   balls around each real feature with radius its k-th nearest real neighbour; precision is the
 *   share of generated samples inside it, recall the share of real samples inside the generated
 *   manifold built the same way;
 * - the distance from each generated sample to its nearest training example (a memorisation probe:
 *   a generator that copies its training data scores 0).
 */
import type * as TF from '@tensorflow/tfjs';

/** Squared Euclidean distances between the rows of a [n, d] and b [m, d] → [n, m] (clamped at 0). */
export function pairwiseSqDist(tf: typeof TF, a: TF.Tensor2D, b: TF.Tensor2D): TF.Tensor2D {
  return tf.tidy(() => {
    const aa = tf.sum(tf.square(a), 1, true);
    const bb = tf.reshape(tf.sum(tf.square(b), 1), [1, -1]);
    return tf.relu(tf.sub(tf.add(aa, bb), tf.mul(tf.matMul(a, b, false, true), 2))) as TF.Tensor2D;
  });
}

/** For each row of `a`, the squared distance to its k-th nearest other row of `a` (self excluded). */
async function kthRadius(tf: typeof TF, a: TF.Tensor2D, k: number): Promise<Float32Array> {
  const t = tf.tidy(() => {
    const d = pairwiseSqDist(tf, a, a);
    // topk of −d gives the nearest; index 0 is the point itself (distance 0).
    const { values } = tf.topk(tf.neg(d), k + 1);
    return tf.neg(tf.slice(values, [0, k], [-1, 1]));
  });
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

/** Share of rows of `query` within the k-NN ball of at least one row of `ref`. */
async function coverage(
  tf: typeof TF,
  ref: TF.Tensor2D,
  radii: Float32Array,
  query: TF.Tensor2D,
): Promise<number> {
  const t = tf.tidy(() => {
    const d = pairwiseSqDist(tf, query, ref);
    const inside = tf.lessEqual(d, tf.reshape(tf.tensor1d(radii), [1, -1]));
    return tf.mean(tf.cast(tf.any(inside, 1), 'float32'));
  });
  const v = (await t.data())[0]!;
  t.dispose();
  return v;
}

/** Improved precision and recall of generated features against real features (rows of [n, d]), k = 3 by default. */
export async function precisionRecall(
  tf: typeof TF,
  real: Float32Array,
  fake: Float32Array,
  d: number,
  k = 3,
): Promise<{ precision: number; recall: number }> {
  const r = tf.tensor2d(real, [real.length / d, d]);
  const f = tf.tensor2d(fake, [fake.length / d, d]);
  try {
    if (r.shape[0] <= k || f.shape[0] <= k)
      throw new Error(`precisionRecall: need more than k = ${k} samples on each side`);
    const precision = await coverage(tf, r, await kthRadius(tf, r, k), f);
    const recall = await coverage(tf, f, await kthRadius(tf, f, k), r);
    return { precision, recall };
  } finally {
    tf.dispose([r, f]);
  }
}

/** Mean Euclidean distance from each row of `samples` to its nearest row of `train` (both [·, d]). */
export async function meanNearestDistance(
  tf: typeof TF,
  samples: Float32Array,
  train: Float32Array,
  d: number,
  chunk = 2000,
): Promise<number> {
  const s = tf.tensor2d(samples, [samples.length / d, d]);
  const n = train.length / d;
  let best = new Float32Array(s.shape[0]).fill(Infinity);
  try {
    for (let start = 0; start < n; start += chunk) {
      const size = Math.min(chunk, n - start);
      const t = tf.tidy(() =>
        tf.min(
          pairwiseSqDist(
            tf,
            s,
            tf.tensor2d(train.subarray(start * d, (start + size) * d), [size, d]),
          ),
          1,
        ),
      );
      const v = (await t.data()) as Float32Array;
      t.dispose();
      best = best.map((b, i) => Math.min(b, v[i]!));
    }
  } finally {
    s.dispose();
  }
  return best.reduce((a, b) => a + Math.sqrt(b), 0) / best.length;
}
