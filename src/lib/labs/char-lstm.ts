/**
 * dl-54: a character-level LSTM language model, trained on the shared engine, sampled with a
 * temperature.
 *
 * The LSTM cell is written out with tfjs ops (gate order i, f, g, o, as in Keras and tf.layers.lstm,
 * so a unit test can check it against tf.layers.lstm with the same weights):
 *   z = x·Wx + h·Wh + b,   [i, f, g, o] = split(z, 4)
 *   c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g),   h' = σ(o) ⊙ tanh(c')
 * The input x is the one-hot code of the current character, so x·Wx is a learned embedding folded
 * into the first matrix product. The forget-gate bias starts at 1 (Gers et al. 2000; Jozefowicz et
 * al. 2015). Each position predicts the next character: logits = h·Wy + by.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import {
  train,
  softmaxCrossEntropy,
  type EpochInfo,
  type StepInfo,
  type TrainResult,
} from '../train/engine.ts';
import { adamTrainingSettings, type AdamRunOptions } from '../train/adam-settings.ts';
import { normalArray, rng, type Rng } from '../util/random.ts';

export interface Vocab {
  chars: string[];
  index: Map<string, number>;
}

/** The distinct characters of `text`, sorted. */
export function buildVocab(text: string): Vocab {
  const chars = [...new Set(text)].sort();
  return { chars, index: new Map(chars.map((c, i) => [c, i])) };
}

export function encode(text: string, v: Vocab): Int32Array {
  return Int32Array.from(text, (c) => {
    const i = v.index.get(c);
    if (i === undefined) throw new Error(`The character "${c}" is not in the vocabulary.`);
    return i;
  });
}

/**
 * A sampling prompt as the model reads it (lower-cased, like the training text). Throws, with a
 * message for the reader, when it is empty or uses a character the model never saw; `source` names
 * the training text in that message.
 */
export function readPrompt(text: string, v: Vocab, source = 'the training text'): string {
  const prompt = text.toLowerCase();
  if (prompt.length === 0) throw new Error('The prompt must contain at least one character.');
  const bad = [...prompt].find((ch) => !v.index.has(ch));
  if (bad !== undefined)
    throw new Error(
      `The prompt uses "${bad}", which never occurs in ${source}; use letters, spaces and simple punctuation.`,
    );
  return prompt;
}

/** The temperatures to sample a trained model at: a cold one, the reader's, a hot one, in order. */
export function sampleTemperatures(chosen: number, cold = 0.2, hot = 1.5): number[] {
  return [...new Set([cold, chosen, hot])].sort((a, b) => a - b);
}

/** Windows of `length` codes and the same windows shifted by one (the next characters), every `stride`. */
export function makeSequences(
  codes: Int32Array,
  length: number,
  stride: number,
): { inputs: Int32Array; targets: Int32Array; count: number } {
  const count = Math.max(0, Math.floor((codes.length - length - 1) / stride) + 1);
  const inputs = new Int32Array(count * length);
  const targets = new Int32Array(count * length);
  for (let s = 0; s < count; s++) {
    inputs.set(codes.subarray(s * stride, s * stride + length), s * length);
    targets.set(codes.subarray(s * stride + 1, s * stride + length + 1), s * length);
  }
  return { inputs, targets, count };
}

export interface CharLstm extends Trainable {
  vocabSize: number;
  hidden: number;
  /** Hidden states for a batch of code sequences [b, t] → [b, t, hidden]. */
  states(x: TF.Tensor2D): TF.Tensor3D;
  /** One step for one-hot inputs [b, vocab] from state (h, c): the new (h, c). */
  cell(x: TF.Tensor2D, h: TF.Tensor2D, c: TF.Tensor2D): [TF.Tensor2D, TF.Tensor2D];
  /** Next-character logits from hidden states [n, hidden] → [n, vocab]. */
  readout(h: TF.Tensor2D): TF.Tensor2D;
  dispose(): void;
}

let counter = 0;

/** Glorot-uniform input and output weights, scaled normal recurrent weights, forget bias 1. */
export function createCharLstm(
  tf: typeof TF,
  vocabSize: number,
  hidden: number,
  seed = 0,
): CharLstm {
  const r = rng(seed);
  const uniform = (n: number, limit: number) =>
    Float32Array.from({ length: n }, () => (2 * r.next() - 1) * limit);
  const bias = new Float32Array(4 * hidden);
  bias.fill(1, hidden, 2 * hidden); // forget gate
  const id = `lstm${counter++}`; // variable names must be unique while models coexist
  const v = (values: Float32Array, shape: number[], name: string) =>
    tf.tidy(() => tf.variable(tf.tensor(values, shape), true, `${id}/${name}`));
  const wx = v(
    uniform(vocabSize * 4 * hidden, Math.sqrt(6 / (vocabSize + 4 * hidden))),
    [vocabSize, 4 * hidden],
    'wx',
  );
  const wh = v(
    normalArray(hidden * 4 * hidden, 1 / Math.sqrt(hidden), r),
    [hidden, 4 * hidden],
    'wh',
  );
  const b = v(bias, [4 * hidden], 'b');
  const wy = v(
    uniform(hidden * vocabSize, Math.sqrt(6 / (hidden + vocabSize))),
    [hidden, vocabSize],
    'wy',
  );
  const by = v(new Float32Array(vocabSize), [vocabSize], 'by');

  /** The gate arithmetic, given the input part of z (x·Wx + b). */
  const gates = (zx: TF.Tensor2D, h: TF.Tensor2D, c: TF.Tensor2D): [TF.Tensor2D, TF.Tensor2D] => {
    const z = tf.add(zx, tf.matMul(h, wh));
    const [i, f, g, o] = tf.split(z, 4, 1) as TF.Tensor2D[];
    const c2 = tf.add(
      tf.mul(tf.sigmoid(f!), c),
      tf.mul(tf.sigmoid(i!), tf.tanh(g!)),
    ) as TF.Tensor2D;
    const h2 = tf.mul(tf.sigmoid(o!), tf.tanh(c2)) as TF.Tensor2D;
    return [h2, c2];
  };
  const cell = (x: TF.Tensor2D, h: TF.Tensor2D, c: TF.Tensor2D) =>
    gates(tf.add(tf.matMul(x, wx), b) as TF.Tensor2D, h, c);
  const states = (x: TF.Tensor2D): TF.Tensor3D => {
    const [batch, steps] = x.shape;
    // The input projection of all positions in one matrix product, then the recurrence step by step.
    const oneHot = tf.oneHot(tf.reshape(x, [-1]) as TF.Tensor1D, vocabSize);
    const zx = tf.reshape(tf.add(tf.matMul(oneHot, wx), b), [batch, steps, 4 * hidden]);
    const zs = tf.unstack(zx, 1) as TF.Tensor2D[];
    let h = tf.zeros([batch, hidden]) as TF.Tensor2D;
    let c = tf.zeros([batch, hidden]) as TF.Tensor2D;
    const hs: TF.Tensor2D[] = [];
    for (const zt of zs) {
      [h, c] = gates(zt, h, c);
      hs.push(h);
    }
    return tf.stack(hs, 1) as TF.Tensor3D;
  };
  const readout = (h: TF.Tensor2D) => tf.add(tf.matMul(h, wy), by) as TF.Tensor2D;
  const variables = [wx, wh, b, wy, by];
  return {
    vocabSize,
    hidden,
    variables,
    states,
    cell,
    readout,
    predict: (x) => {
      const s = states(x as TF.Tensor2D);
      const [batch, steps] = s.shape;
      return tf.reshape(readout(tf.reshape(s, [batch * steps, hidden]) as TF.Tensor2D), [
        batch,
        steps,
        vocabSize,
      ]);
    },
    dispose: () => variables.forEach((t) => t.dispose()),
  };
}

/** Mean cross-entropy (nats per character) of logits [b, t, v] against next-character codes [b, t]. */
export function sequenceLoss(tf: typeof TF, logits: TF.Tensor, targets: TF.Tensor): TF.Scalar {
  const v = logits.shape[2]!;
  return softmaxCrossEntropy(tf, tf.reshape(logits, [-1, v]), tf.reshape(targets, [-1]));
}

/**
 * Draw a character index from logits with temperature τ: p_i ∝ exp(logit_i / τ).
 * τ → 0 approaches the most likely character (τ = 0 is exactly argmax); τ = 1 samples the model's
 * own distribution; τ > 1 flattens it towards uniform.
 */
export function sampleIndex(logits: ArrayLike<number>, temperature: number, r: Rng): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  if (temperature <= 0) return best;
  const p = Array.from(logits, (l) => Math.exp((l - logits[best]!) / temperature));
  let u = r.next() * p.reduce((s, x) => s + x, 0);
  for (let i = 0; i < p.length; i++) if ((u -= p[i]!) < 0) return i;
  return p.length - 1;
}

/**
 * Feed `prompt` to the model, then generate `length` characters at each of the given temperatures.
 * The temperatures run side by side as one batch, so each step costs one small forward pass and one
 * read-back, however many temperatures are asked for. Stops early (returning what it has) on abort.
 */
export async function generateMany(
  tf: typeof TF,
  model: CharLstm,
  vocab: Vocab,
  prompt: string,
  length: number,
  temperatures: readonly number[],
  r: Rng,
  signal?: AbortSignal,
): Promise<string[]> {
  const codes = encode(prompt, vocab);
  if (codes.length === 0) throw new Error('The prompt must contain at least one character.');
  const k = temperatures.length;
  let h = tf.zeros([k, model.hidden]) as TF.Tensor2D;
  let c = tf.zeros([k, model.hidden]) as TF.Tensor2D;
  const out = temperatures.map(() => '');
  try {
    let next = temperatures.map(() => codes[0]!);
    for (let step = 1; step < codes.length + length; step++) {
      if (signal?.aborted) break;
      const [h2, c2, logits] = tf.tidy(() => {
        const [hn, cn] = model.cell(
          tf.oneHot(tf.tensor1d(next, 'int32'), model.vocabSize) as TF.Tensor2D,
          h,
          c,
        );
        return [hn, cn, model.readout(hn)];
      });
      tf.dispose([h, c]);
      [h, c] = [h2, c2];
      if (step < codes.length) {
        logits.dispose(); // still reading the prompt: its next character is given
        next = temperatures.map(() => codes[step]!);
        continue;
      }
      let l: ArrayLike<number>;
      try {
        l = await logits.data();
      } finally {
        logits.dispose();
      }
      const v = model.vocabSize;
      next = temperatures.map((t, i) =>
        sampleIndex(Array.prototype.slice.call(l, i * v, (i + 1) * v) as number[], t, r),
      );
      next.forEach((code, i) => (out[i] += vocab.chars[code]));
    }
    return out;
  } finally {
    tf.dispose([h, c]);
  }
}

/** Feed `prompt` to the model, then generate `length` characters at temperature τ. */
export async function generate(
  tf: typeof TF,
  model: CharLstm,
  vocab: Vocab,
  prompt: string,
  length: number,
  temperature: number,
  r: Rng,
  signal?: AbortSignal,
): Promise<string> {
  return (await generateMany(tf, model, vocab, prompt, length, [temperature], r, signal))[0]!;
}

export interface CharRunOptions extends AdamRunOptions {
  hidden: number;
  /** Characters per training sequence (the unrolled length for backpropagation through time). */
  seqLength: number;
  /** Fraction of the text (at its end) kept for validation. */
  validation: number;
  onStep?: (s: StepInfo) => void;
  /** After each epoch, with a sampler for the model as it is now. */
  onEpoch?: (
    e: EpochInfo & { valLoss: number },
    sample: (prompt: string, length: number, temperature: number) => Promise<string>,
  ) => void | Promise<void>;
}

export interface CharRun {
  result: TrainResult;
  vocab: Vocab;
  /** Training and validation loss per epoch, nats per character. */
  history: { train: number; val: number }[];
  /** Entropy (nats) of the training text's character frequencies: what a model without context can reach. */
  unigramEntropy: number;
  /** Draw text from the trained model (valid until dispose). */
  sample(
    prompt: string,
    length: number,
    temperature: number,
    signal?: AbortSignal,
  ): Promise<string>;
  /** Draw one text per temperature, side by side (valid until dispose). */
  sampleMany(
    prompt: string,
    length: number,
    temperatures: readonly number[],
    signal?: AbortSignal,
  ): Promise<string[]>;
  dispose(): void;
}

/** Entropy in nats of the character frequencies of `codes`. */
export function unigramEntropy(codes: Int32Array, vocabSize: number): number {
  const n = new Float64Array(vocabSize);
  codes.forEach((c) => n[c]!++);
  let h = 0;
  n.forEach((k) => k > 0 && (h -= (k / codes.length) * Math.log(k / codes.length)));
  return h;
}

export interface Corpus {
  vocab: Vocab;
  codes: Int32Array;
  /** Codes before this index are for training, the rest for validation. */
  split: number;
  /** Unigram entropy (nats) of the training part: the best loss without context. */
  unigramEntropy: number;
}

/** Lower-case the text, build its vocabulary and split off the last `validation` fraction. */
export function prepareCorpus(text: string, validation: number): Corpus {
  const lower = text.toLowerCase();
  const vocab = buildVocab(lower);
  const codes = encode(lower, vocab);
  const split = Math.floor(codes.length * (1 - validation));
  return {
    vocab,
    codes,
    split,
    unigramEntropy: unigramEntropy(codes.subarray(0, split), vocab.chars.length),
  };
}

/**
 * Train a character LSTM on `text` (lower-cased) and keep the model for sampling. The caller must
 * call `dispose()` on the result, also after a cancel; on error everything is freed before throwing.
 */
export async function trainCharLstm(
  tf: typeof TF,
  text: string,
  o: CharRunOptions,
): Promise<CharRun> {
  const { vocab, codes, split, unigramEntropy: h0 } = prepareCorpus(text, o.validation);
  const trainSeq = makeSequences(
    codes.subarray(0, split),
    o.seqLength,
    Math.max(1, Math.floor(o.seqLength / 2)),
  ); // windows overlap by half
  const valSeq = makeSequences(codes.subarray(split), o.seqLength, o.seqLength);
  if (trainSeq.count === 0 || valSeq.count === 0)
    throw new Error('The text is too short for this sequence length.');
  const r = rng(o.seed + 1);
  const model = createCharLstm(tf, vocab.chars.length, o.hidden, o.seed);
  const t = tf.tidy(() => ({
    xs: tf.tensor2d(trainSeq.inputs, [trainSeq.count, o.seqLength], 'int32'),
    ys: tf.tensor2d(trainSeq.targets, [trainSeq.count, o.seqLength], 'int32'),
    vx: tf.tensor2d(valSeq.inputs, [valSeq.count, o.seqLength], 'int32'),
    vy: tf.tensor2d(valSeq.targets, [valSeq.count, o.seqLength], 'int32'),
  }));
  const sample = (prompt: string, length: number, temperature: number, signal?: AbortSignal) =>
    generate(tf, model, vocab, prompt, length, temperature, r, signal);
  const history: { train: number; val: number }[] = [];
  try {
    const result = await train({
      tf,
      model,
      xs: t.xs,
      ys: t.ys,
      loss: (p, y) => sequenceLoss(tf, p, y),
      ...adamTrainingSettings(o),
      onStep: o.onStep,
      evaluate: async () => {
        const l = tf.tidy(() => sequenceLoss(tf, model.predict(t.vx), t.vy));
        try {
          return (await l.data())[0]!;
        } finally {
          l.dispose();
        }
      },
      onEpoch: async (e) => {
        history.push({ train: e.loss, val: e.metric! });
        await o.onEpoch?.({ ...e, valLoss: e.metric! }, (p, n, temp) =>
          sample(p, n, temp, o.signal),
        );
      },
    });
    const sampleMany = (
      prompt: string,
      length: number,
      temps: readonly number[],
      signal?: AbortSignal,
    ) => generateMany(tf, model, vocab, prompt, length, temps, r, signal);
    return {
      result,
      vocab,
      history,
      unigramEntropy: h0,
      sample,
      sampleMany,
      dispose: () => model.dispose(),
    };
  } catch (e) {
    model.dispose();
    throw e;
  } finally {
    tf.dispose([t.xs, t.ys, t.vx, t.vy]);
  }
}
