/**
 * Weight scaling versus inverted dropout, checked by Monte Carlo on the backend.
 * A layer's activations h feed weights W; each unit is kept with probability p (mask μ_j ~ Bernoulli(p)).
 *  - Standard dropout trains on (μ⊙h)W and, at test time, uses the full h with weights pW
 *    (weight-scaling rule): E_μ[(μ⊙h)W] = h(pW).
 *  - Inverted dropout trains on (μ⊙h/p)W and uses the unchanged hW at test time: E_μ[(μ⊙h/p)W] = hW.
 * Both make the test-time pre-activation equal the training-time expectation; they differ only by
 * where the factor p is applied. tf.dropout is inverted dropout. For a unit after a non-linearity the
 * equality is lost (Jensen), which this file also measures.
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, rng } from '../util/random.ts';

/** The layer's input activations and output units unless told otherwise (the page states them). */
export const SCALING_LAYER = { units: 256, outputs: 16 };

export interface ScalingOptions {
  units?: number;
  outputs?: number;
  /** Keep probability p. */
  keep: number;
  /** Number of sampled masks. */
  samples: number;
  seed?: number;
}

export interface ScalingCheck {
  /** Largest |Monte Carlo mean − test-time value| over outputs, and the same in standard errors. */
  maxAbsError: number;
  maxZ: number;
}

export interface ScalingResult {
  standard: ScalingCheck;
  inverted: ScalingCheck;
  /** tfjs's own tf.dropout (inverted), compared with hW. */
  tfDropout: ScalingCheck;
  /** The two test-time pre-activations h(pW) and hW differ exactly by the factor p. */
  testRatio: number;
  /** Mean |E[relu(a + b)] − relu(E[a] + b)| over outputs for inverted dropout: the non-linear gap. */
  reluGap: number;
  /** Mean |test-time pre-activation| over outputs, for scale. */
  scale: number;
  /** First few outputs, for display: the test-time values h(pW) and hW next to the Monte Carlo means. */
  preview: {
    weightScaled: number;
    standard: number;
    full: number;
    inverted: number;
    tfDropout: number;
  }[];
}

/** Compare the Monte Carlo mean of dropout pre-activations with the test-time rules. */
export async function dropoutScalingCheck(
  tf: typeof TF,
  o: ScalingOptions,
): Promise<ScalingResult> {
  const units = o.units ?? SCALING_LAYER.units;
  const outs = o.outputs ?? SCALING_LAYER.outputs;
  const p = o.keep;
  if (!(p > 0 && p <= 1)) throw new Error('keep probability must be in (0, 1]');
  const M = o.samples;
  const seed = o.seed ?? 1;
  const r = rng(seed);
  const hVals = Float32Array.from(normalArray(units, 1, r), (v) => Math.max(0, v)); // ReLU-like activations
  const wVals = normalArray(units * outs, 1 / Math.sqrt(units), r);
  const bVals = normalArray(outs, 0.3, r);
  const tensors = tf.tidy(() => {
    const h = tf.tensor2d(hVals, [1, units]);
    const W = tf.tensor2d(wVals, [units, outs]);
    const b = tf.tensor1d(bVals);
    const H = tf.tile(h, [M, 1]);
    const mask = tf.cast(
      tf.less(tf.randomUniform([M, units], 0, 1, 'float32', seed), p),
      'float32',
    );
    const aStd = tf.matMul(tf.mul(H, mask), W);
    const aInv = tf.div(aStd, p);
    const aTf = tf.matMul(tf.dropout(H, 1 - p, undefined, seed + 7), W);
    return [
      tf.mean(aStd, 0),
      tf.moments(aStd, 0).variance,
      tf.mean(aInv, 0),
      tf.moments(aInv, 0).variance,
      tf.mean(aTf, 0),
      tf.moments(aTf, 0).variance,
      tf.matMul(h, tf.mul(p, W)),
      tf.matMul(h, W),
      tf.mean(tf.relu(tf.add(aInv, b)), 0),
      tf.relu(tf.add(tf.matMul(h, W), b)),
    ];
  });
  const [mStd, vStd, mInv, vInv, mTf, vTf, testStd, testInv, reluMean, reluTest] =
    await Promise.all(tensors.map((t) => t.data()));
  tf.dispose(tensors);
  const check = (
    mean: ArrayLike<number>,
    variance: ArrayLike<number>,
    target: ArrayLike<number>,
  ): ScalingCheck => {
    let maxAbsError = 0;
    let maxZ = 0;
    for (let j = 0; j < outs; j++) {
      const e = Math.abs(mean[j]! - target[j]!);
      maxAbsError = Math.max(maxAbsError, e);
      maxZ = Math.max(maxZ, e / Math.sqrt(Math.max(variance[j]!, 1e-12) / M));
    }
    return { maxAbsError, maxZ };
  };
  let ratio = 0;
  let scale = 0;
  let gap = 0;
  for (let j = 0; j < outs; j++) {
    ratio += testStd![j]! / testInv![j]! / outs;
    scale += Math.abs(testInv![j]!) / outs;
    gap += Math.abs(reluMean![j]! - reluTest![j]!) / outs;
  }
  return {
    standard: check(mStd!, vStd!, testStd!),
    inverted: check(mInv!, vInv!, testInv!),
    tfDropout: check(mTf!, vTf!, testInv!),
    testRatio: ratio,
    reluGap: gap,
    scale,
    preview: Array.from({ length: Math.min(4, outs) }, (_, j) => ({
      weightScaled: testStd![j]!,
      standard: mStd![j]!,
      full: testInv![j]!,
      inverted: mInv![j]!,
      tfDropout: mTf![j]!,
    })),
  };
}
