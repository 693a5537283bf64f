/**
 * Dropout experiments with tfjs's own tf.dropout (inverted dropout: keep with probability 1 − rate,
 * multiply the kept values by 1/(1 − rate)).
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, rng } from '../util/random.ts';

/** Drop rate of one layer equivalent to rate P followed by rate Q: 1 − (1 − P)(1 − Q) = P + Q − PQ. */
export function combinedRate(p: number, q: number): number {
  return 1 - (1 - p) * (1 - q);
}

function checkRate(r: number, name: string) {
  if (!(r >= 0 && r < 1))
    throw new Error(`${name} must be a drop rate in [0, 1) (tf.dropout refuses 1).`);
}

export interface DropoutStats {
  /** Fraction of elements that survived. */
  keep: number;
  /** Mean and variance of the output when the input is all ones. */
  mean: number;
  variance: number;
  /** Smallest and largest non-zero output value. */
  minNonZero: number;
  maxNonZero: number;
}

export interface StackedDropout {
  rate: number;
  two: DropoutStats;
  one: DropoutStats;
  /** Closed forms for the single layer of rate R: keep 1 − R, mean 1, variance R/(1 − R), value 1/(1 − R). */
  expected: { keep: number; mean: number; variance: number; value: number };
  /** |keep(two) − keep(one)| in standard errors of the difference. */
  zKeep: number;
  samples: number;
}

async function stats(tf: typeof TF, y: TF.Tensor): Promise<DropoutStats> {
  const t = tf.tidy(() => {
    const nz = tf.notEqual(y, 0);
    const m = tf.moments(y);
    const big = tf.scalar(Infinity);
    return tf.stack([
      tf.mean(tf.cast(nz, 'float32')),
      m.mean,
      m.variance,
      tf.min(tf.where(nz, y, big)),
      tf.max(tf.where(nz, y, tf.neg(big))),
    ]);
  });
  const [keep, mean, variance, minNonZero, maxNonZero] = Array.from(await t.data()) as number[];
  t.dispose();
  return {
    keep: keep!,
    mean: mean!,
    variance: variance!,
    minNonZero: minNonZero!,
    maxNonZero: maxNonZero!,
  };
}

/**
 * Monte Carlo: Dropout(P) then Dropout(Q) versus one Dropout(P + Q − PQ), each applied to `samples`
 * ones. If the claim holds, the two outputs have the same distribution: the same keep fraction, the
 * same single non-zero value 1/((1 − P)(1 − Q)), hence the same mean and variance.
 */
export async function stackedDropout(
  tf: typeof TF,
  p: number,
  q: number,
  samples = 200_000,
  seed = 1,
): Promise<StackedDropout> {
  checkRate(p, 'P');
  checkRate(q, 'Q');
  const rate = combinedRate(p, q);
  const [two, one] = tf.tidy(() => {
    const x = tf.ones([samples]);
    return [
      tf.dropout(tf.dropout(x, p, undefined, seed), q, undefined, seed + 1),
      tf.dropout(x, rate, undefined, seed + 2),
    ];
  });
  try {
    const s2 = await stats(tf, two);
    const s1 = await stats(tf, one);
    const keep = 1 - rate;
    const se = Math.sqrt((2 * keep * (1 - keep)) / samples) || 1;
    return {
      rate,
      two: s2,
      one: s1,
      expected: { keep, mean: 1, variance: rate / (1 - rate), value: 1 / keep },
      zKeep: Math.abs(s2.keep - s1.keep) / se,
      samples,
    };
  } finally {
    two.dispose();
    one.dispose();
  }
}

export interface ScalingCheck {
  /** Average over masks and units of output / input, for each variant. */
  unscaled: number;
  inverted: number;
  /** The literal recipe: mask ~ Bernoulli(p) (keeps with probability p), then × 1/(1 − p). */
  literal: number;
  /** tfjs's tf.dropout. */
  tfDropout: number;
  /** Closed forms: 1 − p, 1, p/(1 − p), 1. */
  expected: { unscaled: number; inverted: number; literal: number; tfDropout: number };
  /** Per-unit output variance relative to x² for inverted dropout, and its closed form p/(1 − p). */
  relVariance: number;
  expectedRelVariance: number;
}

/**
 * Why 1/(1 − p): average the dropped-out activations of `units` fixed positive inputs over `masks`
 * masks, with and without the factor, and with the mask drawn the wrong way round.
 */
export async function dropoutScaling(
  tf: typeof TF,
  p: number,
  units = 200,
  masks = 400,
  seed = 1,
): Promise<ScalingCheck> {
  checkRate(p, 'p');
  const r = rng(seed);
  const x = Float32Array.from({ length: units }, () => 0.5 + 2 * r.next());
  const t = tf.tidy(() => {
    const xs = tf.tile(tf.tensor2d(x, [1, units]), [masks, 1]);
    const u = tf.randomUniform([masks, units], 0, 1, 'float32', seed);
    const keepMask = tf.cast(tf.greaterEqual(u, p), 'float32'); // kept with probability 1 − p
    const literalMask = tf.cast(tf.less(u, p), 'float32'); // kept with probability p
    const ratio = (y: TF.Tensor) => tf.mean(tf.div(tf.mean(y, 0), tf.mean(xs, 0)));
    const inverted = tf.div(tf.mul(xs, keepMask), 1 - p);
    const rel = tf.mean(tf.div(tf.moments(inverted, 0).variance, tf.square(tf.mean(xs, 0))));
    return tf.stack([
      ratio(tf.mul(xs, keepMask)),
      ratio(inverted),
      ratio(tf.div(tf.mul(xs, literalMask), 1 - p)),
      ratio(tf.dropout(xs, p, undefined, seed + 1)),
      rel,
    ]);
  });
  const [unscaled, inverted, literal, tfDropout, relVariance] = Array.from(
    await t.data(),
  ) as number[];
  t.dispose();
  return {
    unscaled: unscaled!,
    inverted: inverted!,
    literal: literal!,
    tfDropout: tfDropout!,
    expected: { unscaled: 1 - p, inverted: 1, literal: p / (1 - p), tfDropout: 1 },
    relVariance: relVariance!,
    expectedRelVariance: p / (1 - p),
  };
}

export type ActName = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid';

/**
 * Same mask, two orders: max |f(dropout(x)) − dropout(f(x))| for each activation f. Zero exactly
 * when f(0) = 0 and f(cx) = c f(x) for c ≥ 0 (ReLU, leaky ReLU); not zero otherwise.
 */
export async function activationOrder(
  tf: typeof TF,
  p: number,
  size = 4096,
  seed = 1,
): Promise<Record<ActName, number>> {
  checkRate(p, 'p');
  const x0 = normalArray(size, 1.5, rng(seed));
  const f: Record<ActName, (t: TF.Tensor) => TF.Tensor> = {
    relu: (t) => tf.relu(t),
    leakyRelu: (t) => tf.leakyRelu(t, 0.1),
    tanh: (t) => tf.tanh(t),
    sigmoid: (t) => tf.sigmoid(t),
  };
  const names = Object.keys(f) as ActName[];
  const t = tf.tidy(() => {
    const x = tf.tensor1d(x0);
    // The same seed gives tf.dropout the same mask, so only the order differs.
    return tf.stack(
      names.map((n) =>
        tf.max(
          tf.abs(
            tf.sub(
              f[n](tf.dropout(x, p, undefined, seed)),
              tf.dropout(f[n](x), p, undefined, seed),
            ),
          ),
        ),
      ),
    );
  });
  const v = Array.from(await t.data());
  t.dispose();
  return Object.fromEntries(names.map((n, i) => [n, v[i]!])) as Record<ActName, number>;
}
