/**
 * dl-58: a small residual network for 28×28 digits, split into a reusable body (feature extractor)
 * and a replaceable head (the classifier), so that the body can be transferred between tasks.
 *
 *   28×28×1 → conv 3×3 (w₁) → max-pool 2 → 14×14×w₁
 *           → stage 1: `blocks` residual blocks at 14×14×w₁ (identity shortcuts)
 *           → stage 2: one block with stride 2 and a 1×1 projection shortcut → 7×7×w₂,
 *                      then `blocks` − 1 blocks with identity shortcuts
 *           → ReLU → global average pool → layer norm → w₂ features   (the body)
 *           → dense → class logits                             (the head)
 *
 * Each block is the "pre-activation" form  y = shortcut(x) + conv(relu(conv(relu(x)))),
 * with no batch normalisation inside (see the page for why). The last convolution of every residual
 * branch starts at zero, so at initialisation each identity block is exactly the identity map. One
 * layer normalisation of the pooled feature vector keeps the features on a fixed scale, which a new
 * head trained on frozen features needs.
 * Convolutions go through ./conv.ts so that training also works on the WebAssembly backend; a
 * stride-2 convolution is the stride-1 one read at every other row and column.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { dense } from '../models/dense.ts';
import { normalArray, rng, type Rng } from '../util/random.ts';
import { heNormalVariable, zerosVariable } from '../models/he-normal.ts';
import { conv3x3 } from './conv.ts';
import { IMAGE_SIDE } from '../data/mnist-geometry.ts';

export interface ResNetShape {
  /** Channels of stage 1 (and the stem) and of stage 2. */
  widths: [number, number];
  /** Residual blocks per stage (≥ 1). */
  blocks: number;
}

export interface ResidualBlock {
  k1: TF.Variable;
  b1: TF.Variable;
  k2: TF.Variable;
  b2: TF.Variable;
  /** 1×1 projection [c_in, c_out] when the block changes the shape; absent for an identity shortcut. */
  projection?: TF.Variable;
  stride: 1 | 2;
}

export interface ResNetBody {
  shape: ResNetShape;
  stem: { k: TF.Variable; b: TF.Variable };
  blocks: ResidualBlock[];
  /** Gain and bias of the layer normalisation of the pooled features. */
  norm: { gain: TF.Variable; bias: TF.Variable };
  /** Length of the feature vector the body produces (w₂). */
  featureSize: number;
  variables: TF.Variable[];
  /** [n, 784] pixel rows → [n, featureSize] features. */
  features(x: TF.Tensor): TF.Tensor2D;
  dispose(): void;
}

export interface Head {
  w: TF.Variable;
  b: TF.Variable;
  variables: TF.Variable[];
  dispose(): void;
}

let counter = 0;

/** Keep every other row and column, [n, h, w, c] → [n, h/2, w/2, c] (h, w even), with reshapes and slices only. */
export function subsample(tf: typeof TF, x: TF.Tensor4D): TF.Tensor4D {
  const [n, h, w, c] = x.shape;
  const rows = tf.slice(tf.reshape(x, [n * (h / 2), 2, w, c]), [0, 0, 0, 0], [-1, 1, -1, -1]);
  const cols = tf.slice(
    tf.reshape(rows, [n * (h / 2), w / 2, 2, c]),
    [0, 0, 0, 0],
    [-1, -1, 1, -1],
  );
  return tf.reshape(cols, [n, h / 2, w / 2, c]);
}

/** One pre-activation residual block: shortcut(x) + conv₂(relu(conv₁(relu(x)))). */
export function residualBlock(tf: typeof TF, x: TF.Tensor4D, p: ResidualBlock): TF.Tensor4D {
  const a = tf.relu(x);
  let h = tf.add(conv3x3(tf, a, p.k1 as TF.Tensor4D), p.b1) as TF.Tensor4D;
  if (p.stride === 2) h = subsample(tf, h);
  h = tf.add(conv3x3(tf, tf.relu(h), p.k2 as TF.Tensor4D), p.b2) as TF.Tensor4D;
  let shortcut: TF.Tensor4D = x;
  if (p.projection) {
    const s = p.stride === 2 ? subsample(tf, a) : a;
    const [n, hh, ww, c] = s.shape;
    shortcut = tf.reshape(
      tf.matMul(tf.reshape(s, [n * hh * ww, c]) as TF.Tensor2D, p.projection as TF.Tensor2D),
      [n, hh, ww, p.projection.shape[1]!],
    );
  }
  return tf.add(shortcut, h);
}

/** A block's parameters: He-normal first convolution; the second scaled by `branchScale` (0 = starts as the shortcut alone). */
export function createBlock(
  tf: typeof TF,
  cIn: number,
  cOut: number,
  stride: 1 | 2,
  r: Rng,
  name: string,
  branchScale = 0,
): ResidualBlock {
  return {
    k1: heNormalVariable(tf, [3, 3, cIn, cOut], 9 * cIn, r, `${name}/k1`),
    b1: zerosVariable(tf, cOut, `${name}/b1`),
    k2: heNormalVariable(tf, [3, 3, cOut, cOut], 9 * cOut, r, `${name}/k2`, branchScale),
    b2: zerosVariable(tf, cOut, `${name}/b2`),
    projection:
      stride === 2 || cIn !== cOut
        ? heNormalVariable(tf, [cIn, cOut], cIn, r, `${name}/proj`)
        : undefined,
    stride,
  };
}

/** Build the body with seeded weights (same seed ⇒ same network on every backend). */
export function createBody(tf: typeof TF, shape: ResNetShape, seed = 0): ResNetBody {
  if (shape.blocks < 1) throw new Error('A ResNet stage needs at least one block.');
  const r = rng(seed);
  const [w1, w2] = shape.widths;
  const id = `resnet${counter++}`; // variable names must be unique while models coexist
  const stem = {
    k: heNormalVariable(tf, [3, 3, 1, w1], 9, r, `${id}/stem/k`),
    b: zerosVariable(tf, w1, `${id}/stem/b`),
  };
  const blocks: ResidualBlock[] = [];
  for (let i = 0; i < shape.blocks; i++)
    blocks.push(createBlock(tf, w1, w1, 1, r, `${id}/s1b${i}`));
  blocks.push(createBlock(tf, w1, w2, 2, r, `${id}/s2b0`));
  for (let i = 1; i < shape.blocks; i++)
    blocks.push(createBlock(tf, w2, w2, 1, r, `${id}/s2b${i}`));
  const norm = {
    gain: tf.tidy(() => tf.variable(tf.ones([w2]), true, `${id}/norm/g`)),
    bias: zerosVariable(tf, w2, `${id}/norm/b`),
  };
  const variables = [
    stem.k,
    stem.b,
    ...blocks.flatMap((b) => [b.k1, b.b1, b.k2, b.b2, ...(b.projection ? [b.projection] : [])]),
    norm.gain,
    norm.bias,
  ];

  const features = (x: TF.Tensor): TF.Tensor2D => {
    const img = tf.reshape(x, [-1, IMAGE_SIDE, IMAGE_SIDE, 1]) as TF.Tensor4D;
    let h = tf.maxPool(
      tf.add(conv3x3(tf, img, stem.k as TF.Tensor4D, false), stem.b) as TF.Tensor4D,
      2,
      2,
      'valid',
    );
    for (const b of blocks) h = residualBlock(tf, h, b);
    const pooled = tf.mean(tf.relu(h), [1, 2]); // global average pooling → [n, w₂]
    const { mean, variance } = tf.moments(pooled, 1, true);
    return tf.add(
      tf.mul(tf.div(tf.sub(pooled, mean), tf.sqrt(tf.add(variance, 1e-5))), norm.gain),
      norm.bias,
    ) as TF.Tensor2D;
  };
  return {
    shape,
    stem,
    blocks,
    norm,
    featureSize: w2,
    variables,
    features,
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

/** A fresh classifier head: dense featureSize → classes, small seeded weights. */
export function createHead(tf: typeof TF, featureSize: number, classes: number, seed = 0): Head {
  const r = rng(seed);
  const id = `head${counter++}`;
  const w = tf.tidy(() =>
    tf.variable(
      tf.tensor2d(normalArray(featureSize * classes, Math.sqrt(1 / featureSize), r), [
        featureSize,
        classes,
      ]),
      true,
      `${id}/w`,
    ),
  );
  const b = zerosVariable(tf, classes, `${id}/b`);
  return { w, b, variables: [w, b], dispose: () => [w, b].forEach((v) => v.dispose()) };
}

/** A copy of a body with its own variables holding the same values. */
export function cloneBody(tf: typeof TF, body: ResNetBody): ResNetBody {
  const copy = createBody(tf, body.shape, 0);
  copy.variables.forEach((v, i) => v.assign(body.variables[i]!));
  return copy;
}

/**
 * The network body → head as something the training engine can train. With `trainBody` false only
 * the head's variables are handed to the optimizer: the body is a frozen feature extractor (and no
 * gradient is computed for it at all).
 */
export function classifier(
  tf: typeof TF,
  body: ResNetBody,
  head: Head,
  trainBody: boolean,
): Trainable & { trainableCount: number } {
  const variables = trainBody ? [...body.variables, ...head.variables] : head.variables;
  return {
    variables,
    trainableCount: variables.reduce((s, v) => s + v.size, 0),
    predict: (x) => dense(tf, body.features(x), head.w as TF.Tensor2D, head.b as TF.Tensor1D),
  };
}
