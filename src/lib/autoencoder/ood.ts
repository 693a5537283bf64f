/**
 * Out-of-distribution scores and their evaluation (gen-q2): an autoencoder's per-image
 * reconstruction error, a classifier's predictive entropy, and AUROC — the probability that a random
 * shifted image gets a higher score than a random clean one (0.5 = chance, below 0.5 = the score
 * ranks the shifted images as *more* typical than clean ones).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Autoencoder } from './model.ts';
import { mapImageRows } from './generate.ts';

/** AUROC of scores (higher = more anomalous) for positives vs negatives, by the Mann–Whitney U statistic with ties counted ½. */
export function auroc(negatives: ArrayLike<number>, positives: ArrayLike<number>): number {
  const all = [
    ...Array.from(negatives, (v) => ({ v, pos: false })),
    ...Array.from(positives, (v) => ({ v, pos: true })),
  ].sort((a, b) => a.v - b.v);
  let rankSumPos = 0;
  let i = 0;
  while (i < all.length) {
    let j = i;
    while (j + 1 < all.length && all[j + 1]!.v === all[i]!.v) j++;
    const avgRank = (i + j) / 2 + 1; // 1-based average rank of the tie group
    for (let k = i; k <= j; k++) if (all[k]!.pos) rankSumPos += avgRank;
    i = j + 1;
  }
  const np = positives.length;
  const nn = negatives.length;
  if (!np || !nn) throw new Error('auroc: need positives and negatives');
  return (rankSumPos - (np * (np + 1)) / 2) / (np * nn);
}

/** Per-image mean squared reconstruction error of images [n × 784]. */
export async function reconstructionErrors(
  tf: typeof TF,
  ae: Autoencoder,
  x: Float32Array,
  batchSize = 1000,
): Promise<Float32Array> {
  return mapImageRows(
    tf,
    x,
    1,
    (xb) => tf.mean(tf.squaredDifference(ae.reconstruct(xb), xb), 1),
    batchSize,
  );
}

/** Per-row entropy (nats) of probability rows of k classes. */
export function entropies(p: Float32Array, k = 10): Float32Array {
  const n = p.length / k;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let c = 0; c < k; c++) {
      const v = p[i * k + c]!;
      if (v > 0) h -= v * Math.log(v);
    }
    out[i] = h;
  }
  return out;
}
