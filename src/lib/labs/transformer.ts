/**
 * dl-59: a small encoder–decoder Transformer written with plain tfjs ops — embeddings, sinusoidal
 * positions, multi-head scaled dot-product attention with padding and causal masks, layer norm,
 * position-wise feed-forward layers — trained on the shared engine with Adam, decoded greedily.
 *
 * Layers use the "pre-norm" arrangement (x + Sublayer(LN(x)), and one final LN per stack), which
 * trains without a learning-rate warm-up at this size; the original paper normalised after the
 * residual addition instead. Token embeddings are one-hot rows times a matrix (the same as a lookup,
 * and differentiable on every tfjs backend).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { dense as denseLayer } from '../models/dense.ts';
import { rng, normalArray, type Rng } from '../util/random.ts';

export interface TransformerConfig {
  sourceVocab: number;
  targetVocab: number;
  /** Width of every token vector (d_model); must be divisible by `heads`. */
  dModel: number;
  heads: number;
  /** Hidden width of the position-wise feed-forward layers. */
  ffn: number;
  /** Encoder layers = decoder layers. */
  layers: number;
  sourceLength: number;
  targetLength: number;
  /** Id of the padding token in both vocabularies. */
  pad: number;
}

/** Large negative number added to the scores of blocked positions: exp() of it is exactly 0 in float32. */
export const BLOCKED = -1e9;

/** Sinusoidal position codes [length, d]: sin on even features, cos on odd, wavelengths 2π … 10000·2π. */
export function positionalEncoding(length: number, d: number): Float32Array {
  const pe = new Float32Array(length * d);
  for (let pos = 0; pos < length; pos++)
    for (let i = 0; i < d; i += 2) {
      const angle = pos / Math.pow(10000, i / d);
      pe[pos * d + i] = Math.sin(angle);
      if (i + 1 < d) pe[pos * d + i + 1] = Math.cos(angle);
    }
  return pe;
}

/** Additive causal mask [1, 1, L, L]: 0 where key position ≤ query position, BLOCKED above the diagonal. */
export function causalMask(tf: typeof TF, length: number): TF.Tensor4D {
  return tf.tidy(() =>
    tf
      .mul(tf.sub(1, tf.linalg.bandPart(tf.ones([length, length]), -1, 0)), BLOCKED)
      .reshape([1, 1, length, length]),
  );
}

/** Additive padding mask [B, 1, 1, L] from token ids [B, L]: BLOCKED wherever the key is padding. */
export function paddingMask(tf: typeof TF, ids: TF.Tensor2D, pad: number): TF.Tensor4D {
  return tf.tidy(() =>
    tf
      .mul(tf.cast(tf.equal(ids, pad), 'float32'), BLOCKED)
      .reshape([ids.shape[0], 1, 1, ids.shape[1]]),
  );
}

/**
 * Scaled dot-product attention: softmax(Q Kᵀ / √d_k + mask) V.
 * q [B, h, Lq, d_k], k and v [B, h, Lk, d_k], mask broadcastable to [B, h, Lq, Lk].
 * Returns the output [B, h, Lq, d_k] and the attention weights [B, h, Lq, Lk] (each row sums to 1).
 */
export function attention(
  tf: typeof TF,
  q: TF.Tensor4D,
  k: TF.Tensor4D,
  v: TF.Tensor4D,
  mask?: TF.Tensor,
): { output: TF.Tensor4D; weights: TF.Tensor4D } {
  const dk = q.shape[3];
  let scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk)) as TF.Tensor4D;
  if (mask) scores = tf.add(scores, mask);
  const weights = tf.softmax(scores) as TF.Tensor4D; // along the last axis: over keys
  return { output: tf.matMul(weights, v) as TF.Tensor4D, weights };
}

interface Dense {
  w: TF.Variable;
  b: TF.Variable;
}
interface Norm {
  gain: TF.Variable;
  bias: TF.Variable;
}
interface MultiHead {
  q: Dense;
  k: Dense;
  v: Dense;
  o: Dense;
}
interface EncoderLayer {
  norm1: Norm;
  self: MultiHead;
  norm2: Norm;
  ff1: Dense;
  ff2: Dense;
}
interface DecoderLayer extends EncoderLayer {
  normCross: Norm;
  cross: MultiHead;
}

/** Attention weights of one forward pass, per decoder layer: [B, h, Lt, Lt] (self) and [B, h, Lt, Ls] (cross). */
export interface AttentionMaps {
  encoderSelf: TF.Tensor4D[];
  decoderSelf: TF.Tensor4D[];
  cross: TF.Tensor4D[];
}

export interface Transformer extends Trainable {
  config: TransformerConfig;
  parameterCount: number;
  /** Encoder states [B, Ls, d] for source ids [B, Ls]. */
  encode(source: TF.Tensor2D, maps?: AttentionMaps): TF.Tensor3D;
  /** Next-token logits [B, Lt, V] for decoder inputs [B, Lt], given the encoder states and source ids. */
  decode(
    decoderIn: TF.Tensor2D,
    memory: TF.Tensor3D,
    source: TF.Tensor2D,
    maps?: AttentionMaps,
  ): TF.Tensor3D;
  /** predict(x): x is [B, Ls + Lt] int32 — source ids, then decoder inputs — as the engine passes one tensor. */
  predict(x: TF.Tensor): TF.Tensor;
  dispose(): void;
}

let counter = 0;

export function createTransformer(tf: typeof TF, config: TransformerConfig, seed = 0): Transformer {
  const { dModel: d, heads, ffn, layers } = config;
  if (d % heads !== 0)
    throw new Error(`d_model (${d}) must be divisible by the number of heads (${heads}).`);
  const dk = d / heads;
  const r: Rng = rng(seed);
  const id = `tr${counter++}`; // variable names must be unique while models coexist
  const variables: TF.Variable[] = [];
  const variable = (values: Float32Array, shape: number[], name: string) => {
    const v = tf.tidy(() =>
      tf.variable(tf.tensor(values, shape), true, `${id}/${name}${variables.length}`),
    );
    variables.push(v);
    return v;
  };
  // Glorot-uniform weights, zero biases.
  const dense = (nIn: number, nOut: number, name: string): Dense => {
    const limit = Math.sqrt(6 / (nIn + nOut));
    return {
      w: variable(
        Float32Array.from({ length: nIn * nOut }, () => (2 * r.next() - 1) * limit),
        [nIn, nOut],
        `${name}w`,
      ),
      b: variable(new Float32Array(nOut), [nOut], `${name}b`),
    };
  };
  const norm = (name: string): Norm => ({
    gain: variable(new Float32Array(d).fill(1), [d], `${name}g`),
    bias: variable(new Float32Array(d), [d], `${name}b`),
  });
  const multiHead = (name: string): MultiHead => ({
    q: dense(d, d, `${name}q`),
    k: dense(d, d, `${name}k`),
    v: dense(d, d, `${name}v`),
    o: dense(d, d, `${name}o`),
  });
  const encoderLayer = (name: string): EncoderLayer => ({
    norm1: norm(`${name}n1`),
    self: multiHead(`${name}sa`),
    norm2: norm(`${name}n2`),
    ff1: dense(d, ffn, `${name}f1`),
    ff2: dense(ffn, d, `${name}f2`),
  });

  const sourceEmbedding = variable(
    normalArray(config.sourceVocab * d, 1, r),
    [config.sourceVocab, d],
    'srcEmb',
  );
  const targetEmbedding = variable(
    normalArray(config.targetVocab * d, 1, r),
    [config.targetVocab, d],
    'tgtEmb',
  );
  const encoder = Array.from({ length: layers }, (_, i) => encoderLayer(`enc${i}`));
  const decoder: DecoderLayer[] = Array.from({ length: layers }, (_, i) => ({
    ...encoderLayer(`dec${i}`),
    normCross: norm(`dec${i}nc`),
    cross: multiHead(`dec${i}ca`),
  }));
  const encoderNorm = norm('encOut');
  const decoderNorm = norm('decOut');
  const output = dense(d, config.targetVocab, 'out');
  const positions = tf.tensor2d(
    positionalEncoding(Math.max(config.sourceLength, config.targetLength), d),
    [Math.max(config.sourceLength, config.targetLength), d],
  );

  /** x [..., nIn] · W + b, for any leading shape. */
  const applyDense = (x: TF.Tensor, p: Dense): TF.Tensor => {
    const lead = x.shape.slice(0, -1);
    const y = denseLayer(
      tf,
      tf.reshape(x, [-1, x.shape[x.rank - 1]!]) as TF.Tensor2D,
      p.w as TF.Tensor2D,
      p.b as TF.Tensor1D,
    );
    return tf.reshape(y, [...lead, p.w.shape[1]!]);
  };
  /** Layer normalisation over the feature axis, with a learned gain and bias per feature. */
  const layerNorm = (x: TF.Tensor, p: Norm): TF.Tensor => {
    const { mean, variance } = tf.moments(x, x.rank - 1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), p.gain), p.bias);
  };
  /** [B, L, d] → [B, h, L, d_k] and back. */
  const splitHeads = (x: TF.Tensor) =>
    tf.transpose(tf.reshape(x, [x.shape[0]!, x.shape[1]!, heads, dk]), [0, 2, 1, 3]) as TF.Tensor4D;
  const mergeHeads = (x: TF.Tensor4D) =>
    tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [x.shape[0], x.shape[2], d]);
  const multiHeadAttention = (
    p: MultiHead,
    queries: TF.Tensor,
    keysValues: TF.Tensor,
    mask: TF.Tensor | undefined,
    keep?: TF.Tensor4D[],
  ) => {
    const { output: o, weights } = attention(
      tf,
      splitHeads(applyDense(queries, p.q)),
      splitHeads(applyDense(keysValues, p.k)),
      splitHeads(applyDense(keysValues, p.v)),
      mask,
    );
    keep?.push(weights);
    return applyDense(mergeHeads(o), p.o);
  };
  const feedForward = (x: TF.Tensor, l: EncoderLayer) =>
    applyDense(tf.relu(applyDense(x, l.ff1)), l.ff2);
  /** Token vectors plus position codes: [B, L] ids → [B, L, d]. */
  const embed = (ids: TF.Tensor2D, table: TF.Variable, vocab: number) => {
    const [b, len] = ids.shape;
    const tokens = tf.reshape(
      tf.matMul(tf.oneHot(tf.reshape(ids, [-1]) as TF.Tensor1D, vocab), table as TF.Tensor2D),
      [b, len, d],
    );
    return tf.add(tokens, tf.slice(positions, [0, 0], [len, d]));
  };

  const encode = (source: TF.Tensor2D, maps?: AttentionMaps): TF.Tensor3D => {
    const mask = paddingMask(tf, source, config.pad);
    let x = embed(source, sourceEmbedding, config.sourceVocab);
    for (const l of encoder) {
      const n1 = layerNorm(x, l.norm1);
      x = tf.add(x, multiHeadAttention(l.self, n1, n1, mask, maps?.encoderSelf));
      x = tf.add(x, feedForward(layerNorm(x, l.norm2), l));
    }
    return layerNorm(x, encoderNorm) as TF.Tensor3D;
  };

  const decode = (
    decoderIn: TF.Tensor2D,
    memory: TF.Tensor3D,
    source: TF.Tensor2D,
    maps?: AttentionMaps,
  ): TF.Tensor3D => {
    // Self-attention only needs the causal mask: padding sits after the end token, so a real position
    // never sees it, and what padded positions compute is excluded from the loss.
    const causal = causalMask(tf, decoderIn.shape[1]);
    const sourcePad = paddingMask(tf, source, config.pad);
    let y = embed(decoderIn, targetEmbedding, config.targetVocab);
    for (const l of decoder) {
      const n1 = layerNorm(y, l.norm1);
      y = tf.add(y, multiHeadAttention(l.self, n1, n1, causal, maps?.decoderSelf));
      y = tf.add(
        y,
        multiHeadAttention(l.cross, layerNorm(y, l.normCross), memory, sourcePad, maps?.cross),
      );
      y = tf.add(y, feedForward(layerNorm(y, l.norm2), l));
    }
    return applyDense(layerNorm(y, decoderNorm), output) as TF.Tensor3D;
  };

  const predict = (x: TF.Tensor): TF.Tensor => {
    const source = tf.slice(x, [0, 0], [-1, config.sourceLength]) as TF.Tensor2D;
    const decoderIn = tf.slice(x, [0, config.sourceLength], [-1, -1]) as TF.Tensor2D;
    return decode(decoderIn, encode(source), source);
  };

  return {
    config,
    variables,
    parameterCount: variables.reduce((s, v) => s + v.size, 0),
    encode,
    decode,
    predict,
    dispose: () => {
      variables.forEach((v) => v.dispose());
      positions.dispose();
    },
  };
}

/**
 * Mean cross-entropy over the real target tokens of logits [B, Lt, V] against ids [B, Lt]; padding
 * positions get weight 0 (tfjs divides by the number of non-zero weights).
 */
export function sequenceLoss(
  tf: typeof TF,
  logits: TF.Tensor,
  targets: TF.Tensor,
  pad: number,
): TF.Scalar {
  const v = logits.shape[2]!;
  const flat = tf.reshape(targets, [-1]) as TF.Tensor1D;
  const weights = tf.cast(tf.notEqual(flat, pad), 'float32');
  return tf.losses.softmaxCrossEntropy(
    tf.oneHot(flat, v),
    tf.reshape(logits, [-1, v]) as TF.Tensor2D,
    weights,
  ) as TF.Scalar;
}

/**
 * Greedy decoding: start every row with `bos`, append the most likely next token, stop when each row
 * has produced `eos` or `maxSteps` tokens. The source is encoded once. The decoder always runs on a
 * full-length buffer — the tokens so far, then padding — and reads the prediction at the current
 * position: the causal mask makes the padding after it irrelevant, and every step has the same
 * tensor shapes (so a GPU backend compiles its programs once). Returns [B][≤ maxSteps] ids.
 */
export async function greedyDecode(
  tf: typeof TF,
  model: Transformer,
  source: TF.Tensor2D,
  bos: number,
  eos: number,
  maxSteps: number,
): Promise<number[][]> {
  const b = source.shape[0];
  const pad = model.config.pad;
  const memory = tf.tidy(() => model.encode(source));
  const buffer: number[][] = Array.from({ length: b }, () => [
    bos,
    ...new Array<number>(maxSteps - 1).fill(pad),
  ]);
  const outputs: number[][] = Array.from({ length: b }, () => []);
  const done = new Array<boolean>(b).fill(false);
  try {
    for (let t = 0; t < maxSteps && done.includes(false); t++) {
      const next = tf.tidy(() => {
        const logits = model.decode(tf.tensor2d(buffer, [b, maxSteps], 'int32'), memory, source);
        return tf.argMax(tf.reshape(tf.slice(logits, [0, t, 0], [b, 1, -1]), [b, -1]), 1);
      });
      const ids = await next.data();
      next.dispose();
      for (let i = 0; i < b; i++) {
        if (done[i]) continue;
        outputs[i]!.push(ids[i]!);
        if (t + 1 < maxSteps) buffer[i]![t + 1] = ids[i]!;
        if (ids[i] === eos) done[i] = true;
      }
    }
    return outputs;
  } finally {
    memory.dispose();
  }
}
