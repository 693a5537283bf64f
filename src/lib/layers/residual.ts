/**
 * Residual blocks y = x + F(x), with F(x) = W₂ relu(W₁x + b₁) + b₂, against plain blocks y = F(x).
 * Two facts, computed: a residual block is exactly the identity when F's last layer is zero; and a
 * deep stack of residual blocks learns the identity map far more easily than a plain stack.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, type MLP, type Trainable } from '../models/mlp.ts';
import { train } from '../train/engine.ts';
import { normalArray, rng } from '../util/random.ts';

/** A block's width d (its input and output) and its hidden width h, unless told otherwise. */
export const RESIDUAL_BLOCK = { d: 8, h: 16 };

export interface BlockStack extends Trainable {
  blocks: MLP[];
  residual: boolean;
  dispose(): void;
}

/**
 * `depth` blocks of width d → h → d (He-initialised, seeded); residual adds the shortcut x.
 * `branchScale` multiplies each block's output-layer weights at initialisation (1 = plain He init;
 * residual networks commonly start their branches small or at zero so the stack starts near the identity).
 */
export function createStack(
  tf: typeof TF,
  opts: {
    d: number;
    h: number;
    depth: number;
    residual: boolean;
    seed?: number;
    branchScale?: number;
  },
): BlockStack {
  const blocks = Array.from({ length: opts.depth }, (_, i) =>
    createMLP(tf, [opts.d, opts.h, opts.d], { seed: (opts.seed ?? 0) * 100 + i }),
  );
  const scale = opts.branchScale ?? 1;
  if (scale !== 1)
    for (const b of blocks) tf.tidy(() => b.layers[1]!.w.assign(tf.mul(b.layers[1]!.w, scale)));
  return {
    blocks,
    residual: opts.residual,
    variables: blocks.flatMap((b) => b.variables),
    predict: (x) =>
      blocks.reduce((h, b) => (opts.residual ? tf.add(h, b.predict(h)) : b.predict(h)), x),
    dispose: () => blocks.forEach((b) => b.dispose()),
  };
}

/**
 * Zero F's output layer (W₂ = 0, b₂ = 0): the residual block then returns its input exactly,
 * whatever W₁ and b₁ are. Returns max |block(x) − x| for the residual and the plain block.
 */
export async function identityByZeroing(
  tf: typeof TF,
  d = RESIDUAL_BLOCK.d,
  h = RESIDUAL_BLOCK.h,
  seed = 1,
): Promise<{ residual: number; plain: number }> {
  const res = createStack(tf, { d, h, depth: 1, residual: true, seed });
  const plain = createStack(tf, { d, h, depth: 1, residual: false, seed });
  try {
    for (const s of [res, plain]) {
      const last = s.blocks[0]!.layers[1]!;
      tf.tidy(() => {
        last.w.assign(tf.zerosLike(last.w));
        last.b.assign(tf.zerosLike(last.b));
      });
    }
    const t = tf.tidy(() => {
      const x = tf.tensor2d(normalArray(64 * d, 1, rng(seed + 7)), [64, d]);
      return tf.stack([
        tf.max(tf.abs(tf.sub(res.predict(x), x))),
        tf.max(tf.abs(tf.sub(plain.predict(x), x))),
      ]);
    });
    const [residual, plainGap] = Array.from(await t.data());
    t.dispose();
    return { residual: residual!, plain: plainGap! };
  } finally {
    res.dispose();
    plain.dispose();
  }
}

export interface IdentityFit {
  /** Mean squared error ‖stack(x) − x‖²/d before training and after each epoch. */
  residual: number[];
  plain: number[];
  status: 'done' | 'cancelled';
}

/**
 * Train a residual stack and a plain stack (same depth, width, seed, optimiser and data) to output
 * their input, with the shared training engine and a mean-squared-error loss. The residual
 * branches start scaled by `branchScale` (default 0.1); the plain stack keeps its He initialisation
 * (shrinking it would only shrink its output).
 */
export async function fitIdentity(
  tf: typeof TF,
  opts: {
    d?: number;
    h?: number;
    depth?: number;
    n?: number;
    epochs?: number;
    seed?: number;
    branchScale?: number;
    signal?: AbortSignal;
    onEpoch?: (kind: 'residual' | 'plain', epoch: number, loss: number) => void;
  } = {},
): Promise<IdentityFit> {
  const {
    d = RESIDUAL_BLOCK.d,
    h = RESIDUAL_BLOCK.h,
    depth = 6,
    n = 256,
    epochs = 20,
    seed = 1,
    branchScale = 0.1,
  } = opts;
  const xs = tf.tensor2d(normalArray(n * d, 1, rng(seed)), [n, d]);
  const result: IdentityFit = { residual: [], plain: [], status: 'done' };
  const mse = (p: TF.Tensor, t: TF.Tensor) => tf.losses.meanSquaredError(t, p) as TF.Scalar;
  try {
    for (const kind of ['residual', 'plain'] as const) {
      const stack = createStack(tf, {
        d,
        h,
        depth,
        residual: kind === 'residual',
        seed,
        branchScale: kind === 'residual' ? branchScale : 1,
      });
      try {
        const l0 = tf.tidy(() => mse(stack.predict(xs), xs));
        result[kind].push((await l0.data())[0]!);
        l0.dispose();
        opts.onEpoch?.(kind, 0, result[kind][0]!);
        const r = await train({
          tf,
          model: stack,
          xs,
          ys: xs,
          loss: mse,
          optimizer: { name: 'adam', learningRate: 0.003 },
          epochs,
          batchSize: 64,
          seed,
          signal: opts.signal,
          syncEvery: 50,
          onEpoch: (e) => {
            result[kind].push(e.loss);
            opts.onEpoch?.(kind, e.epoch + 1, e.loss);
          },
        });
        if (r.status === 'cancelled') return { ...result, status: 'cancelled' };
      } finally {
        stack.dispose();
      }
    }
    return result;
  } finally {
    xs.dispose();
  }
}
