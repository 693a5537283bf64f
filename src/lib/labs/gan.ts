/**
 * dl-55: a GAN on MNIST, trained on the shared engine. The discriminator is fully connected, as in
 * Goodfellow et al. (2014); the generator is a small upsampling convolutional network in the spirit
 * of DCGAN (Radford et al. 2016), or optionally fully connected like the source's.
 *
 * The engine minimises one loss over one list of variables. A GAN has two players with two
 * objectives, so we hand the engine their sum with stop-gradients placed so that each player's
 * gradient comes only from its own objective:
 *   total = L_D(θ_D; stop(G(z))) + L_G(θ_G; stop(θ_D))
 * The discriminator's term sees generated images as constants; the generator's term sees the
 * discriminator's weights as constants (gradients still flow through D to the images). The
 * gradient of `total` is therefore (∇_D L_D, ∇_G L_G): one Adam step on it updates both players
 * simultaneously, each with its own per-parameter Adam state. (The usual recipe alternates: a D
 * step, then a G step against the updated D.)
 *
 * With s = D's logit for a generated image, the two generator objectives compared here are
 *   minimax (saturating):   L_G = mean log(1 − σ(s)) = −mean softplus(s)
 *   non-saturating:         L_G = −mean log σ(s)     =  mean softplus(−s)
 * and the discriminator's is the usual binary cross-entropy, softplus(−s_real) + softplus(s_fake).
 * These losses are written once, in src/lib/generative/gan-losses.ts, beside their closed-form gradients.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, type MLP, type Trainable } from '../models/mlp.ts';
import { dense } from '../models/dense.ts';
import { train, type EpochInfo, type StepInfo, type TrainResult } from '../train/engine.ts';
import type { AdamRunOptions } from '../train/adam-settings.ts';
import { normalArray, rng } from '../util/random.ts';
import type { MnistSplit } from '../data/mnist.ts';
import { scoreImages, type SampleScore } from './gan-score.ts';
import { conv3x3 } from './conv.ts';
import { IMAGE_SIDE, PIXELS } from '../data/mnist-geometry.ts';
import { discriminatorLoss, generatorLoss, type GeneratorLoss } from '../generative/gan-losses.ts';

// The losses live with the rest of the GAN maths; the lab's callers get them from here too.
export {
  discriminatorLoss,
  generatorGradientMagnitude,
  generatorLoss,
  type GeneratorLoss,
} from '../generative/gan-losses.ts';

/** Identity forward, zero gradient backward (tf.stop_gradient / Tensor.detach elsewhere). */
export function stopGradient(tf: typeof TF, x: TF.Tensor): TF.Tensor {
  return tf.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => ({
    value: tf.clone(args[0] as TF.Tensor),
    gradFunc: (dy: TF.Tensor) => tf.zerosLike(dy),
  }))(x);
}

/** A generator: variables and a forward pass from noise [n, zDim] to images [n, 784] in [−1, 1]. */
export interface Generator {
  variables: TF.Variable[];
  predict(z: TF.Tensor2D): TF.Tensor2D;
  dispose(): void;
}

/**
 * A small convolutional generator in the spirit of DCGAN (Radford et al. 2016): a dense layer to a
 * 7×7×c map, then twice (nearest-neighbour upsampling ×2, 3×3 convolution), ReLU inside and tanh at
 * the end. Neighbouring pixels share most of their inputs, so samples are smooth from the start
 * instead of salt-and-pepper noise, which a fully connected generator takes thousands of steps to
 * lose. `outputBias` (784 values) is added before the tanh.
 */
export function createConvGenerator(
  tf: typeof TF,
  zDim: number,
  channels: number,
  seed: number,
  outputBias?: Float32Array,
): Generator {
  const r = rng(seed);
  const c = channels;
  const v = (n: number, std: number, shape: number[]) =>
    tf.tidy(() =>
      tf.variable(tf.tensor(std ? normalArray(n, std, r) : new Float32Array(n), shape)),
    );
  const w0 = v(zDim * 49 * c, Math.sqrt(2 / zDim), [zDim, 49 * c]);
  const b0 = v(49 * c, 0, [49 * c]);
  const k1 = v(9 * c * (c / 2), Math.sqrt(2 / (9 * c)), [3, 3, c, c / 2]);
  const b1 = v(c / 2, 0, [c / 2]);
  const k2 = v(9 * (c / 2), Math.sqrt(1 / (9 * (c / 2))), [3, 3, c / 2, 1]);
  const b2 = tf.tidy(() =>
    tf.variable(tf.tensor(outputBias ?? new Float32Array(PIXELS), [IMAGE_SIDE, IMAGE_SIDE, 1])),
  );
  const variables = [w0, b0, k1, b1, k2, b2];
  const same = (x: TF.Tensor4D, k: TF.Variable) => conv3x3(tf, x, k as TF.Tensor4D);
  return {
    variables,
    predict: (z) => {
      const n = z.shape[0];
      const h0 = tf.reshape(
        dense(tf, z as TF.Tensor2D, w0 as TF.Tensor2D, b0 as TF.Tensor1D, 'relu'),
        [n, 7, 7, c],
      ) as TF.Tensor4D;
      const h1 = tf.relu(
        tf.add(same(tf.image.resizeNearestNeighbor(h0, [14, 14]), k1), b1),
      ) as TF.Tensor4D;
      const h2 = tf.add(same(tf.image.resizeNearestNeighbor(h1, [IMAGE_SIDE, IMAGE_SIDE]), k2), b2);
      return tf.reshape(tf.tanh(h2), [n, PIXELS]) as TF.Tensor2D;
    },
    dispose: () => variables.forEach((t) => t.dispose()),
  };
}

export interface Gan {
  generator: Generator;
  discriminator: MLP;
  zDim: number;
  /** Images in [−1, 1] from noise [n, zDim]. */
  generate(z: TF.Tensor2D): TF.Tensor2D;
  /** D's logits for images [n, 784]; with `frozen`, D's weights are treated as constants. */
  logits(x: TF.Tensor2D, frozen?: boolean): TF.Tensor2D;
  dispose(): void;
}

/**
 * G: z → hidden (ReLU) → 784 (tanh). D: 784 → hidden (leaky ReLU 0.2) → 1 logit. Seeded.
 * `meanImage` (values in [−1, 1]) sets G's output bias to atanh(mean), so that the untrained
 * generator already draws the average digit plus noise instead of grey static: with Adam, a bias
 * moves by about one learning rate per step, and learning a black background from zero would
 * otherwise take thousands of steps.
 */
export type GeneratorKind = 'conv' | 'mlp';

export function createGan(
  tf: typeof TF,
  o: {
    zDim: number;
    hidden: number;
    seed: number;
    meanImage?: Float32Array;
    generator?: GeneratorKind;
  },
): Gan {
  const bias = o.meanImage
    ? Float32Array.from(o.meanImage, (m) => Math.atanh(Math.min(0.98, Math.max(-0.98, m))))
    : undefined;
  let generator: Generator;
  if ((o.generator ?? 'conv') === 'conv')
    generator = createConvGenerator(tf, o.zDim, 16, o.seed, bias);
  else {
    const mlp = createMLP(tf, [o.zDim, o.hidden, PIXELS], {
      seed: o.seed,
      hidden: 'relu',
      output: 'tanh',
      init: 'glorot',
    });
    if (bias) tf.tidy(() => mlp.layers[1]!.b.assign(tf.tensor1d(bias)));
    generator = mlp as unknown as Generator;
  }
  const discriminator = createMLP(tf, [PIXELS, o.hidden, 1], { seed: o.seed + 1, init: 'glorot' });
  const logits = (x: TF.Tensor2D, frozen = false): TF.Tensor2D => {
    const p = (t: TF.Variable) => (frozen ? stopGradient(tf, t) : t);
    const [l1, l2] = discriminator.layers as [MLP['layers'][number], MLP['layers'][number]];
    const h = tf.leakyRelu(dense(tf, x, p(l1.w) as TF.Tensor2D, p(l1.b) as TF.Tensor1D), 0.2);
    return dense(tf, h as TF.Tensor2D, p(l2.w) as TF.Tensor2D, p(l2.b) as TF.Tensor1D);
  };
  return {
    generator,
    discriminator,
    zDim: o.zDim,
    generate: (z) => generator.predict(z) as TF.Tensor2D,
    logits,
    dispose: () => (generator.dispose(), discriminator.dispose()),
  };
}

/** The training objective of both players, as one scalar whose gradient separates (see above). */
export function ganObjective(
  tf: typeof TF,
  gan: Gan,
  real: TF.Tensor2D,
  z: TF.Tensor2D,
  kind: GeneratorLoss,
): TF.Scalar {
  const fake = gan.generate(z);
  const dTerm = discriminatorLoss(
    tf,
    gan.logits(real),
    gan.logits(stopGradient(tf, fake) as TF.Tensor2D),
  );
  const gTerm = generatorLoss(tf, gan.logits(fake, true), kind);
  return tf.add(dTerm, gTerm) as TF.Scalar;
}

/** MNIST bytes → [n, 784] float32 in [−1, 1], the range of the generator's tanh. */
export function toSigned(tf: typeof TF, split: MnistSplit): TF.Tensor2D {
  const f = new Float32Array(split.images.length);
  for (let i = 0; i < f.length; i++) f[i] = (split.images[i]! / 255) * 2 - 1;
  return tf.tensor2d(f, [split.count, PIXELS]);
}

/** The average training image in [−1, 1] (plain JavaScript, no tensors). */
export function meanSignedImage(split: MnistSplit): Float32Array {
  const m = new Float32Array(PIXELS);
  for (let i = 0; i < split.count; i++)
    for (let p = 0; p < PIXELS; p++) m[p]! += split.images[i * PIXELS + p]!;
  return m.map((v) => (v / split.count / 255) * 2 - 1);
}

/** [n, 784] values in [−1, 1] → bytes 0–255 for drawing. */
export function toBytes(values: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(values, (v) =>
    Math.round(Math.min(255, Math.max(0, ((v + 1) / 2) * 255))),
  );
}

export interface GanEpoch extends EpochInfo {
  /** Both losses on a fixed evaluation batch (real images and fixed noise). */
  dLoss: number;
  gLoss: number;
  /** Mean D(x) on real images and mean D(G(z)) on generated ones, each in (0, 1). */
  dReal: number;
  dFake: number;
  /** Generated images (bytes) for the fixed noise: the same latent points every epoch. */
  samples: Uint8Array;
  /** Classifier confidence and score of the fixed-noise batch (when a scorer is given). */
  quality?: SampleScore;
}

export interface GanRunOptions extends AdamRunOptions {
  kind: GeneratorLoss;
  zDim: number;
  hidden: number;
  /** How many fixed-noise samples to draw after each epoch. */
  samples: number;
  /** Convolutional (default) or fully connected generator; `hidden` is D's width (and the MLP generator's). */
  generator?: GeneratorKind;
  /** A classifier of real digits (inputs in [0, 1]) used to score the samples after each epoch. */
  scorer?: MLP;
  onStep?: (s: StepInfo) => void;
  onEpoch?: (e: GanEpoch) => void | Promise<void>;
}

/** The settings of the page's lab that the reader does not choose: 64 noise dimensions, Adam at 5·10⁻⁴. */
export const GAN_LAB = {
  zDim: 64,
  batchSize: 64,
  learningRate: 5e-4,
  seed: 1,
} satisfies Partial<GanRunOptions>;

export interface GanRun {
  result: TrainResult;
  epochs: GanEpoch[];
}

/**
 * Train a GAN on the images of `trainSet` (labels unused) with Adam (β1 = 0.5, as recommended for
 * GANs by Radford et al. 2016). Fresh noise every step from the project's seeded RNG. Frees every tensor.
 */
export async function runGan(
  tf: typeof TF,
  trainSet: MnistSplit,
  o: GanRunOptions,
): Promise<GanRun> {
  const meanImage = meanSignedImage(trainSet);
  const xs = toSigned(tf, trainSet);
  const gan = createGan(tf, {
    zDim: o.zDim,
    hidden: o.hidden,
    seed: o.seed,
    meanImage,
    generator: o.generator,
  });
  const ys = tf.zeros([trainSet.count]); // the engine wants targets; a GAN's data has none
  const noiseRng = rng(o.seed + 17);
  const fixed = rng(o.seed + 99);
  const nEval = Math.max(o.samples, Math.min(256, trainSet.count)); // evaluation batch: fixed noise, and as many real images
  const zFixed = tf.tensor2d(normalArray(nEval * o.zDim, 1, fixed), [nEval, o.zDim]);
  const realEval = tf.tidy(() => tf.slice(xs, [0, 0], [Math.min(nEval, trainSet.count), PIXELS]));
  const epochs: GanEpoch[] = [];
  // A model adapter for the engine: "predict" returns the objective for a batch of real images.
  const model: Trainable = {
    variables: [...gan.generator.variables, ...gan.discriminator.variables],
    predict: (real) => {
      const n = real.shape[0]!;
      const z = tf.tensor2d(normalArray(n * o.zDim, 1, noiseRng), [n, o.zDim]);
      return ganObjective(tf, gan, real as TF.Tensor2D, z, o.kind);
    },
  };
  try {
    const result = await train({
      tf,
      model,
      xs,
      ys,
      loss: (objective) => objective as TF.Scalar,
      optimizer: { name: 'adam', learningRate: o.learningRate, beta1: 0.5 },
      epochs: o.epochs,
      batchSize: o.batchSize,
      seed: o.seed,
      signal: o.signal,
      syncEvery: 10,
      onStep: o.onStep,
      onEpoch: async (e) => {
        const fake = tf.tidy(() => gan.generate(zFixed));
        const [stats, imgs] = tf.tidy(() => {
          const lr = gan.logits(realEval);
          const lf = gan.logits(fake);
          return [
            tf.stack([
              discriminatorLoss(tf, lr, lf),
              generatorLoss(tf, lf, o.kind),
              tf.mean(tf.sigmoid(lr)),
              tf.mean(tf.sigmoid(lf)),
            ]),
            tf.slice(fake, [0, 0], [o.samples, PIXELS]),
          ];
        });
        let s: Float32Array | Int32Array | Uint8Array,
          px: Float32Array | Int32Array | Uint8Array,
          quality: SampleScore | undefined;
        try {
          s = await stats.data();
          px = await imgs.data();
          quality = o.scorer ? await scoreImages(tf, o.scorer, fake) : undefined;
        } finally {
          tf.dispose([fake, stats, imgs]);
        }
        const info: GanEpoch = {
          ...e,
          dLoss: s[0]!,
          gLoss: s[1]!,
          dReal: s[2]!,
          dFake: s[3]!,
          samples: toBytes(px),
          quality,
        };
        epochs.push(info);
        await o.onEpoch?.(info);
      },
    });
    return { result, epochs };
  } finally {
    gan.dispose();
    tf.dispose([xs, ys, zFixed, realEval]);
  }
}
