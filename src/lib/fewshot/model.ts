/**
 * Embedding networks for the prototypical classifier: a [batch, 784] image row in, a [batch, dim]
 * embedding out. No softmax layer and no class count anywhere: the network only places images in
 * a space where the nearest class mean is a good rule, so it can be used for classes it never saw.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { createMLP } from '../models/mlp.ts';
import { dense } from '../models/dense.ts';
import { rng } from '../util/random.ts';
import { heNormalVariable, zerosVariable } from '../models/he-normal.ts';
import { conv2dValid } from '../labs/conv.ts';
import { IMAGE_SIDE, PIXELS } from '../data/mnist-geometry.ts';

export type EmbeddingKind = 'mlp' | 'cnn';

export interface Embedding extends Trainable {
  kind: EmbeddingKind;
  dim: number;
  parameterCount: number;
  dispose(): void;
}

/** Hidden width of the 'mlp' embedding. */
export const EMBEDDING_MLP_HIDDEN = 256;
/** Filters of the 'cnn' embedding's two convolutions unless told otherwise. */
export const EMBEDDING_CNN_CHANNELS: [number, number] = [16, 32];

/** The architecture createEmbedding builds, in a few words, e.g. "MLP (784 → 256 → 64)". */
export function describeEmbedding(
  kind: EmbeddingKind,
  dim: number,
  [c1, c2]: [number, number] = EMBEDDING_CNN_CHANNELS,
): string {
  return kind === 'mlp'
    ? `MLP (${PIXELS} → ${EMBEDDING_MLP_HIDDEN} → ${dim})`
    : `CNN (conv 3×3×${c1}, pool, conv 3×3×${c2}, pool, dense ${dim})`;
}

let counter = 0;

/**
 * 'mlp': 784 → 256 (ReLU) → dim.
 * 'cnn': conv 3×3×c1 + ReLU → max-pool 2 → conv 3×3×c2 + ReLU → max-pool 2 → dense dim
 *        (28 → 26 → 13 → 11 → 5, so the dense layer sees 5·5·c2 numbers; c1, c2 = 16, 32 by default).
 * Weights are He-normal from the seeded RNG: the same seed gives the same network on every backend.
 */
export function createEmbedding(
  tf: typeof TF,
  kind: EmbeddingKind,
  dim: number,
  seed = 0,
  channels: [number, number] = EMBEDDING_CNN_CHANNELS,
): Embedding {
  const id = `protonet${counter++}`;
  if (kind === 'mlp') {
    const m = createMLP(tf, [PIXELS, EMBEDDING_MLP_HIDDEN, dim], { seed, name: id });
    return {
      kind,
      dim,
      variables: m.variables,
      predict: m.predict,
      parameterCount: m.variables.reduce((s, v) => s + v.size, 0),
      dispose: m.dispose,
    };
  }
  const r = rng(seed);
  const he = (dims: number[], fanIn: number, name: string) =>
    heNormalVariable(tf, dims, fanIn, r, `${id}/${name}`);
  const zeros = (n: number, name: string) => zerosVariable(tf, n, `${id}/${name}`);
  const [c1, c2] = channels;
  const flat = 5 * 5 * c2;
  const k1 = he([3, 3, 1, c1], 9, 'k1');
  const b1 = zeros(c1, 'b1');
  const k2 = he([3, 3, c1, c2], 9 * c1, 'k2');
  const b2 = zeros(c2, 'b2');
  const w3 = he([flat, dim], flat, 'w3');
  const b3 = zeros(dim, 'b3');
  const variables = [k1, b1, k2, b2, w3, b3];
  const predict = (x: TF.Tensor): TF.Tensor => {
    const img = tf.reshape(x, [-1, IMAGE_SIDE, IMAGE_SIDE, 1]) as TF.Tensor4D;
    const h1 = tf.maxPool(
      tf.relu(
        tf.add(conv2dValid(tf, img, k1 as TF.Tensor4D, { inputGradient: false }), b1),
      ) as TF.Tensor4D,
      2,
      2,
      'valid',
    );
    const h2 = tf.maxPool(
      tf.relu(tf.add(conv2dValid(tf, h1, k2 as TF.Tensor4D), b2)) as TF.Tensor4D,
      2,
      2,
      'valid',
    );
    return dense(
      tf,
      tf.reshape(h2, [-1, flat]) as TF.Tensor2D,
      w3 as TF.Tensor2D,
      b3 as TF.Tensor1D,
    );
  };
  return {
    kind,
    dim,
    variables,
    predict,
    parameterCount: variables.reduce((s, v) => s + v.size, 0),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

/**
 * The prototypical loss of a batch of episodes that all have the same layout: rows
 * [0, way·shot) are the support set (shot rows per class, class by class), the rest are
 * way·query query rows (likewise). `emb` is [episodes·rows, dim]; `targets` is int32
 * [episodes, way·query]. Loss = mean cross-entropy of softmax(−‖q − p_c‖²) over queries.
 */
export function prototypicalLoss(
  tf: typeof TF,
  emb: TF.Tensor,
  targets: TF.Tensor,
  way: number,
  shot: number,
  query: number,
): TF.Scalar {
  return tf.tidy(() => {
    const rows = way * (shot + query);
    const dim = emb.shape[emb.shape.length - 1]!;
    const e = tf.reshape(emb, [-1, rows, dim]);
    const b = e.shape[0]!;
    const support = tf.reshape(tf.slice(e, [0, 0, 0], [b, way * shot, dim]), [b, way, shot, dim]);
    const protos = tf.mean(support, 2); // [b, way, dim]
    const q = tf.slice(e, [0, way * shot, 0], [b, way * query, dim]); // [b, way·query, dim]
    const diff = tf.sub(tf.expandDims(q, 2), tf.expandDims(protos, 1)); // [b, way·query, way, dim]
    const logits = tf.neg(tf.sum(tf.square(diff), 3)); // [b, way·query, way]
    const oneHot = tf.oneHot(tf.reshape(targets, [-1]) as TF.Tensor1D, way);
    return tf.losses.softmaxCrossEntropy(
      oneHot,
      tf.reshape(logits, [-1, way]) as TF.Tensor2D,
    ) as TF.Scalar;
  });
}
