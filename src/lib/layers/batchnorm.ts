/**
 * Batch normalisation on image tensors (NHWC in tfjs): statistics per colour channel, not per pixel;
 * the channel-count bug of a Conv2d(3, 64) followed by BatchNorm2d(32), reproduced by running it; and
 * the train/test variance shift when dropout sits in front of batch norm.
 */
import type * as TF from '@tensorflow/tfjs';
import { rng } from '../util/random.ts';

export interface PerChannelResult {
  /** After BN in training mode: mean and variance of each channel over (N, H, W). */
  channelMean: number[];
  channelVar: number[];
  /** Over all H·W·C pixel positions: the largest |mean over the batch| and the spread of the std over the batch. */
  pixelMeanMaxAbs: number;
  pixelStdRange: [number, number];
  /** Input channel means (what BN subtracts). */
  inputChannelMean: number[];
  /** Shapes of the layer's weights: γ, β, running mean, running variance. */
  weightShapes: number[][];
  /** max |tf.layers.batchNormalization − our per-channel formula|. */
  formulaError: number;
  /** Statistics a per-pixel normaliser would need, versus per-channel: 2·C·H·W vs 2·C. */
  perPixelStats: number;
  perChannelStats: number;
}

/**
 * A seeded batch of n RGB "images" (h×w) whose channels have different brightness and contrast,
 * plus a left-to-right gradient so that pixel positions differ too; normalised by a real
 * tf.layers.batchNormalization layer in training mode.
 */
export async function batchNormPerChannel(
  tf: typeof TF,
  n = 16,
  h = 8,
  w = 8,
  seed = 1,
): Promise<PerChannelResult> {
  const r = rng(seed);
  const mean = [0.7, 0.4, 0.2];
  const scale = [0.2, 0.1, 0.05];
  const x = new Float32Array(n * h * w * 3);
  for (let i = 0; i < n * h * w; i++)
    for (let c = 0; c < 3; c++)
      x[3 * i + c] = mean[c]! + scale[c]! * (r.normal() + (2 * (i % w)) / w);
  const layer = tf.layers.batchNormalization({ axis: -1, epsilon: 1e-5 });
  try {
    const t = tf.tidy(() => {
      const xs = tf.tensor4d(x, [n, h, w, 3]);
      const y = layer.apply(xs, { training: true }) as TF.Tensor4D;
      const ch = tf.moments(y, [0, 1, 2]);
      const px = tf.moments(y, [0]);
      const pxStd = tf.sqrt(px.variance);
      const xin = tf.moments(xs, [0, 1, 2]);
      const manual = tf.div(tf.sub(xs, xin.mean), tf.sqrt(tf.add(xin.variance, 1e-5)));
      return {
        chMean: ch.mean,
        chVar: ch.variance,
        inMean: xin.mean,
        agg: tf.stack([
          tf.max(tf.abs(px.mean)),
          tf.min(pxStd),
          tf.max(pxStd),
          tf.max(tf.abs(tf.sub(y, manual))),
        ]),
      };
    });
    const [chMean, chVar, inMean, agg] = await Promise.all([
      t.chMean.data(),
      t.chVar.data(),
      t.inMean.data(),
      t.agg.data(),
    ]);
    tf.dispose([t.chMean, t.chVar, t.inMean, t.agg]);
    return {
      channelMean: Array.from(chMean),
      channelVar: Array.from(chVar),
      inputChannelMean: Array.from(inMean),
      pixelMeanMaxAbs: agg[0]!,
      pixelStdRange: [agg[1]!, agg[2]!],
      formulaError: agg[3]!,
      weightShapes: layer.getWeights().map((v) => v.shape),
      perPixelStats: 2 * 3 * h * w,
      perChannelStats: 2 * 3,
    };
  } finally {
    layer.dispose();
  }
}

export interface BugResult {
  /** The error raised by the buggy module (BN built for 32 channels fed 64). */
  error: string;
  /** NCHW shape after the conv, and after the fixed module (BN for 64 channels, PReLU, Dropout2d). */
  convShape: number[];
  fixedShape: number[];
}

/**
 * Run conv(3→64, 3×3, padding 2) → BatchNorm(32) → PReLU → Dropout2d on a (1, 3, s, s) input: it
 * fails because the normalisation layer expects 32 channels and receives 64. Then run the fix,
 * BatchNorm(64). Dropout2d (whole channels) is identity at inference, as here.
 */
export async function batchNormBug(tf: typeof TF, size = 32): Promise<BugResult> {
  const conv = tf.sequential({
    layers: [
      tf.layers.zeroPadding2d({ padding: 2, inputShape: [size, size, 3] }),
      tf.layers.conv2d({
        filters: 64,
        kernelSize: 3,
        padding: 'valid',
        kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
      }),
    ],
  });
  const bnWrong = tf.layers.batchNormalization({ axis: -1 });
  bnWrong.build([null, null, null, 32]); // what BatchNorm2d(32) allocates: 32 means, variances, γ, β
  const bnRight = tf.layers.batchNormalization({ axis: -1 });
  const prelu = tf.layers.prelu({ sharedAxes: [1, 2, 3] }); // PyTorch's PReLU(): one shared slope
  let error = '';
  try {
    const x = tf.randomUniform([1, size, size, 3], 0, 1, 'float32', 2);
    try {
      const convOut = conv.predict(x) as TF.Tensor4D;
      try {
        try {
          tf.tidy(() => {
            bnWrong.apply(convOut, { training: false });
          });
        } catch (e) {
          error = (e as Error).message;
        }
        const fixed = tf.tidy(
          () => prelu.apply(bnRight.apply(convOut, { training: false })) as TF.Tensor4D,
        );
        const out = { error, convShape: nchw(convOut.shape), fixedShape: nchw(fixed.shape) };
        fixed.dispose();
        return out;
      } finally {
        convOut.dispose();
      }
    } finally {
      x.dispose();
    }
  } finally {
    conv.dispose();
    // A layer that was built but never called cannot be disposed as a layer: free its weights.
    for (const l of [bnWrong, bnRight, prelu]) {
      try {
        l.dispose();
      } catch {
        l.weights.forEach((w) => (w as unknown as { dispose(): void }).dispose());
      }
    }
  }
}

function nchw(s: readonly number[]): number[] {
  return [s[0]!, s[3]!, s[1]!, s[2]!];
}

export interface VarianceShift {
  /** Variance of the BN input during training (after dropout) and at test time (dropout off). */
  trainVar: number;
  testVar: number;
  /** Closed forms: ((σ² + μ²)/(1 − p) − μ²) and σ². */
  expectedTrainVar: number;
  expectedTestVar: number;
  /** Std of BN's output at test time when it normalises with the training-time variance. */
  testStd: number;
  expectedTestStd: number;
}

/**
 * Dropout before batch norm: BN's running variance is collected on dropped-out activations, whose
 * variance is inflated; at test time dropout is off and the normalised output's std falls below 1.
 */
export async function dropoutBeforeBn(
  tf: typeof TF,
  p: number,
  mu = 1,
  sigma = 1,
  samples = 200_000,
  seed = 1,
): Promise<VarianceShift> {
  if (!(p >= 0 && p < 1)) throw new Error('The drop rate must be in [0, 1).');
  const t = tf.tidy(() => {
    const x = tf.add(tf.mul(tf.randomNormal([samples], 0, 1, 'float32', seed), sigma), mu);
    const train = tf.moments(tf.dropout(x, p, undefined, seed + 1));
    const test = tf.moments(x);
    return tf.stack([train.variance, test.variance]);
  });
  const [trainVar, testVar] = Array.from(await t.data()) as number[];
  t.dispose();
  const expectedTrainVar = (sigma ** 2 + mu ** 2) / (1 - p) - mu ** 2;
  return {
    trainVar: trainVar!,
    testVar: testVar!,
    expectedTrainVar,
    expectedTestVar: sigma ** 2,
    testStd: Math.sqrt(testVar! / trainVar!),
    expectedTestStd: Math.sqrt(sigma ** 2 / expectedTrainVar),
  };
}
