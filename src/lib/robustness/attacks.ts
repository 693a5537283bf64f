/**
 * Adversarial attacks on any classifier that maps a batch [n, d] of inputs to logits [n, k]:
 * FGSM (Goodfellow et al. 2015) and L∞ projected gradient descent, PGD (Madry et al. 2018).
 *
 * Each attack maximises the softmax cross-entropy of the true label inside the L∞ ball of radius ε
 * around x, intersected with the valid pixel range [lo, hi]. The batch functions (`fgsm`, `pgd`) are
 * synchronous and tidy (they return one new tensor and leak nothing), so they can run inside a
 * training step (wrap them in `detached` from ./tape.ts there). `attackSet` runs PGD over a whole data
 * set in batches, with progress and cancellation, and returns plain floats.
 *
 * Reused by the adversarial-example demos: keep this API small and stable.
 */
import type * as TF from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../train/engine.ts';
import { rng } from '../util/random.ts';

/** Logits of a batch. */
export type Classifier = (x: TF.Tensor2D) => TF.Tensor2D;

export interface PgdOptions {
  /** Radius of the L∞ ball. */
  eps: number;
  /** Number of gradient-sign steps (default 10). */
  steps?: number;
  /** Step size (default 2.5·ε/steps, as in Madry et al.). */
  alpha?: number;
  /** Start from a uniformly random point of the ball (default false: start at x). */
  randomStart?: boolean;
  /** Seed of the random start (the project's RNG, so the start is the same on every backend). */
  seed?: number;
  /** Valid input range (default [0, 1]). */
  range?: [number, number];
}

/** Gradient of the summed cross-entropy of `labels` with respect to the inputs x. */
export function inputGradient(
  tf: typeof TF,
  model: Classifier,
  x: TF.Tensor2D,
  labels: TF.Tensor1D,
): TF.Tensor2D {
  return tf.tidy(() => {
    const g = tf.grad((xi: TF.Tensor) => {
      const logits = model(xi as TF.Tensor2D);
      return tf.losses.softmaxCrossEntropy(
        tf.oneHot(labels, logits.shape[1]!),
        logits,
        undefined,
        0,
        tf.Reduction.SUM,
      );
    });
    return g(x) as TF.Tensor2D;
  });
}

function project(
  tf: typeof TF,
  x0: TF.Tensor2D,
  x: TF.Tensor,
  eps: number,
  range: [number, number],
): TF.Tensor2D {
  return tf.clipByValue(
    tf.minimum(tf.maximum(x, tf.sub(x0, eps)), tf.add(x0, eps)),
    range[0],
    range[1],
  ) as TF.Tensor2D;
}

/** Fast gradient sign method: x + ε·sign(∇ₓ loss), clipped to the valid range. */
export function fgsm(
  tf: typeof TF,
  model: Classifier,
  x: TF.Tensor2D,
  labels: TF.Tensor1D,
  eps: number,
  range: [number, number] = [0, 1],
): TF.Tensor2D {
  return tf.tidy(() =>
    project(
      tf,
      x,
      tf.add(x, tf.mul(tf.sign(inputGradient(tf, model, x, labels)), eps)),
      eps,
      range,
    ),
  );
}

/** Uniform noise in [−ε, ε] from the project's seeded RNG. */
export function uniformBall(n: number, eps: number, seed: number): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * r.next() - 1) * eps;
  return out;
}

/** L∞ PGD: `steps` signed-gradient steps of size α, each projected back onto the ε-ball and range. */
export function pgd(
  tf: typeof TF,
  model: Classifier,
  x: TF.Tensor2D,
  labels: TF.Tensor1D,
  o: PgdOptions,
): TF.Tensor2D {
  const steps = o.steps ?? 10;
  const alpha = o.alpha ?? (2.5 * o.eps) / Math.max(1, steps);
  const range = o.range ?? [0, 1];
  let adv: TF.Tensor2D = o.randomStart
    ? tf.tidy(() =>
        project(
          tf,
          x,
          tf.add(x, tf.tensor2d(uniformBall(x.size, o.eps, o.seed ?? 0), x.shape)),
          o.eps,
          range,
        ),
      )
    : tf.clone(x);
  for (let s = 0; s < steps; s++) {
    const next = tf.tidy(() =>
      project(
        tf,
        x,
        tf.add(adv, tf.mul(tf.sign(inputGradient(tf, model, adv, labels)), alpha)),
        o.eps,
        range,
      ),
    );
    adv.dispose();
    adv = next;
  }
  return adv;
}

export interface AttackSetOptions extends PgdOptions {
  batchSize?: number;
  signal?: AbortSignal;
  /** Called after each batch with the number of images done. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * PGD over a whole set (count × d floats), batch by batch; returns the adversarial images, or null if
 * cancelled. With steps = 1, α = ε and no random start this is FGSM. Frees every tensor it made.
 */
export async function attackSet(
  tf: typeof TF,
  model: Classifier,
  x: Float32Array,
  labels: ArrayLike<number>,
  d: number,
  o: AttackSetOptions,
): Promise<Float32Array | null> {
  const n = labels.length;
  if (x.length !== n * d)
    throw new Error(`attackSet: ${x.length} values for ${n} images of size ${d}`);
  const bs = Math.max(1, o.batchSize ?? 250);
  const out = new Float32Array(x.length);
  for (let start = 0; start < n; start += bs) {
    if (o.signal?.aborted) return null;
    const size = Math.min(bs, n - start);
    const xb = tf.tensor2d(x.subarray(start * d, (start + size) * d), [size, d]);
    const yb = tf.tensor1d(
      Int32Array.from({ length: size }, (_, i) => labels[start + i]!),
      'int32',
    );
    try {
      const adv = pgd(tf, model, xb, yb, { ...o, seed: (o.seed ?? 0) + start });
      out.set((await adv.data()) as Float32Array, start * d);
      adv.dispose();
    } finally {
      xb.dispose();
      yb.dispose();
    }
    o.onProgress?.(start + size, n);
    await yieldToEventLoop();
  }
  return out;
}
