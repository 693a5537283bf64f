/**
 * dl-57: a sequence-to-sequence model with additive (Bahdanau) attention, trained with teacher forcing
 * on a corpus this module generates: short digit strings and their reversal or sorted version.
 *
 *   encoder: one-hot digit → GRU (hidden H), one state h_j per source position; padding is masked,
 *            so the final state is the state after the last real digit.
 *   decoder: s_0 = final encoder state. At step t, with the previous output token y_{t-1}:
 *            e_tj = vᵀ tanh(Wa s_{t-1} + Ua h_j)   (scores; padded positions get −∞)
 *            α_t = softmax(e_t),   c_t = Σ_j α_tj h_j   (attention weights and context)
 *            s_t = GRU([onehot(y_{t-1}); c_t], s_{t-1})
 *            logits_t = Wo [s_t; c_t] + bo
 *   'none' replaces c_t by the final encoder state at every step (a fixed-context model, as in
 *   Cho et al. 2014), so the two can be compared on the same data.
 *
 * The GRU follows Cho et al. (2014) with tfjs's gate layout (z, r, candidate; reset applied before the
 * recurrent product), so a unit test can check it against tf.layers.gru with the same weights.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Trainable } from '../models/mlp.ts';
import { train, type EpochInfo, type StepInfo, type TrainResult } from '../train/engine.ts';
import { adamTrainingSettings, type AdamRunOptions } from '../train/adam-settings.ts';
import { normalArray, rng, type Rng } from '../util/random.ts';

export type Seq2SeqTask = 'reverse' | 'sort';
export type AttentionKind = 'additive' | 'none';

/** Token ids: padding, start of output, end of output, then the digits 0–9. */
export const PAD = 0;
export const SOS = 1;
export const EOS = 2;
const DIGIT0 = 3;
export const VOCAB_SIZE = 13;

export const TASK_LABELS: Record<Seq2SeqTask, string> = {
  reverse: 'reverse the digits',
  sort: 'sort the digits',
};

/** The answer the model should learn for source string `s`. */
export const ATTENTION_LABELS: Record<AttentionKind, string> = {
  additive: 'with additive attention',
  none: 'without attention (fixed context)',
};

export function targetOf(task: Seq2SeqTask, s: string): string {
  const d = [...s];
  return (task === 'reverse' ? d.reverse() : d.sort()).join('');
}

/** Reader-facing problem with a source string, or null when it is fine. */
export function inputProblem(s: string, maxLen: number): string | null {
  if (!/^[0-9]+$/.test(s))
    return 'The input may contain only the digits 0–9 (no spaces or other characters).';
  if (s.length > maxLen) return `The input may have at most ${maxLen} digits.`;
  return null;
}

/** A typed digit string, trimmed; throws inputProblem's message when it is not one. */
export function parseDigitString(text: string, maxLen: number): string {
  const s = text.trim();
  const problem = inputProblem(s, maxLen);
  if (problem) throw new Error(problem);
  return s;
}

export interface Pairs {
  src: string[];
  tgt: string[];
}

/**
 * `count` distinct random digit strings with lengths uniform in [minLen, maxLen], none of them in
 * `exclude` (so a test set can be kept disjoint from the training set), with their targets.
 */
export function makePairs(
  task: Seq2SeqTask,
  count: number,
  minLen: number,
  maxLen: number,
  seed: number,
  exclude: ReadonlySet<string> = new Set(),
): Pairs {
  if (!(minLen >= 1 && maxLen >= minLen)) throw new Error('makePairs: need 1 ≤ minLen ≤ maxLen');
  let possible = 0;
  for (let l = minLen; l <= maxLen; l++) possible += 10 ** l;
  if (count > possible - exclude.size)
    throw new Error(`makePairs: only ${possible} strings of length ${minLen}–${maxLen} exist`);
  const r = rng(seed);
  const seen = new Set<string>();
  const src: string[] = [];
  while (src.length < count) {
    const len = minLen + r.int(maxLen - minLen + 1);
    let s = '';
    for (let i = 0; i < len; i++) s += String(r.int(10));
    if (seen.has(s) || exclude.has(s)) continue;
    seen.add(s);
    src.push(s);
  }
  return { src, tgt: src.map((s) => targetOf(task, s)) };
}

const ids = (s: string) => Array.from(s, (c) => DIGIT0 + c.charCodeAt(0) - 48);

/**
 * Pack pairs for the training engine. Each row of `x` is the padded source (S ids) followed by the
 * decoder's teacher-forced inputs (T ids: SOS, then the target shifted right); each row of `y` is the
 * target followed by EOS, padded with PAD (T ids). T = longest target + 1.
 */
export function packPairs(p: Pairs, S: number, T: number): { x: Int32Array; y: Int32Array } {
  return packIds(p.src.map(ids), p.tgt.map(ids), S, T);
}

/** packPairs for sequences that are already token ids (any vocabulary with PAD, SOS, EOS at 0–2). */
export function packIds(
  src: number[][],
  tgt: number[][],
  S: number,
  T: number,
): { x: Int32Array; y: Int32Array } {
  const n = src.length;
  const x = new Int32Array(n * (S + T));
  const y = new Int32Array(n * T);
  for (let i = 0; i < n; i++) {
    const s = src[i]!;
    const t = tgt[i]!;
    if (s.length > S || t.length + 1 > T)
      throw new Error('packPairs: a sequence is longer than the padded length');
    x.set(s, i * (S + T));
    x.set([SOS, ...t].slice(0, T), i * (S + T) + S);
    y.set([...t, EOS], i * T);
  }
  return { x, y };
}

/** The digits of a decoded id sequence up to (not including) the first EOS; null if a non-digit comes first. */
export function detokenize(seq: ArrayLike<number>): string | null {
  let out = '';
  for (let i = 0; i < seq.length; i++) {
    const v = seq[i]!;
    if (v === EOS) return out;
    if (v < DIGIT0) return null;
    out += String(v - DIGIT0);
  }
  return out; // ran out of steps without EOS: compare as is (it will rarely be right)
}

export interface Seq2SeqConfig {
  hidden: number;
  attention: AttentionKind;
  /** Source columns S of a packed training row (the rest are the T decoder inputs). */
  srcLength: number;
  /** Tokens in the shared source/target vocabulary (ids 0–2 are PAD, SOS, EOS); the digit tasks use VOCAB_SIZE. */
  vocabSize?: number;
}

/** What the encoder hands the decoder. */
export interface Encoded {
  /** h_j for every source position [b, S, H]. */
  states: TF.Tensor3D;
  /** Ua h_j, precomputed once [b, S, H]. */
  keys: TF.Tensor3D;
  /** 1 for real positions, 0 for padding [b, S]. */
  mask: TF.Tensor2D;
  /** The state after the last real digit [b, H]. */
  final: TF.Tensor2D;
}

export interface Seq2Seq extends Trainable {
  config: Seq2SeqConfig;
  encode(src: TF.Tensor2D): Encoded;
  /** One decoder step: previous token ids [b] and state [b, H] → new state, logits [b, V], attention [b, S] (uniform zeros for 'none'). */
  step(
    enc: Encoded,
    prev: TF.Tensor1D,
    s: TF.Tensor2D,
  ): { s: TF.Tensor2D; logits: TF.Tensor2D; alpha: TF.Tensor2D };
  /** The GRU used by the encoder, applied to one-hot inputs [b, S, V] without masking (for the reference test). */
  encoderStates(src: TF.Tensor2D): TF.Tensor3D;
  parameterCount: number;
  dispose(): void;
}

/** One GRU step in tfjs's layout: gx = x·Wx + b already computed, [z, r, n] gates, reset before the recurrent product. */
function gru(
  tf: typeof TF,
  gx: TF.Tensor2D,
  h: TF.Tensor2D,
  wh: TF.Tensor2D,
  H: number,
): TF.Tensor2D {
  const [whZr, whN] = tf.split(wh, [2 * H, H], 1) as [TF.Tensor2D, TF.Tensor2D];
  const [xz, xr, xn] = tf.split(gx, 3, 1) as TF.Tensor2D[];
  const [hz, hr] = tf.split(tf.matMul(h, whZr), 2, 1) as TF.Tensor2D[];
  const z = tf.sigmoid(tf.add(xz!, hz!));
  const r = tf.sigmoid(tf.add(xr!, hr!));
  const n = tf.tanh(tf.add(xn!, tf.matMul(tf.mul(r, h) as TF.Tensor2D, whN)));
  // h' = z ⊙ h + (1 − z) ⊙ n
  return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), n)) as TF.Tensor2D;
}

let counter = 0;

/** Build the model with seeded weights (Glorot-uniform input and output matrices, scaled normal recurrent ones). */
export function createSeq2Seq(tf: typeof TF, config: Seq2SeqConfig, seed = 0): Seq2Seq {
  const { hidden: H, attention } = config;
  if (!(Number.isInteger(H) && H >= 1 && H <= 512))
    throw new Error('The hidden size must be a whole number from 1 to 512.');
  const V = config.vocabSize ?? VOCAB_SIZE;
  if (!(Number.isInteger(V) && V > EOS))
    throw new Error('The vocabulary needs at least the three special tokens.');
  const r: Rng = rng(seed);
  const id = `s2s${counter++}`; // variable names must be unique while models coexist
  const glorot = (rows: number, cols: number, name: string) => {
    const lim = Math.sqrt(6 / (rows + cols));
    const vals = Float32Array.from({ length: rows * cols }, () => (2 * r.next() - 1) * lim);
    return tf.tidy(() => tf.variable(tf.tensor2d(vals, [rows, cols]), true, `${id}/${name}`));
  };
  const recurrent = (name: string) =>
    tf.tidy(() =>
      tf.variable(
        tf.tensor2d(normalArray(H * 3 * H, 1 / Math.sqrt(H), r), [H, 3 * H]),
        true,
        `${id}/${name}`,
      ),
    );
  const zeros = (n: number, name: string) =>
    tf.tidy(() => tf.variable(tf.zeros([n]), true, `${id}/${name}`));
  // Encoder GRU: one-hot digit → 3H gate pre-activations (the embedding is folded into this matrix).
  const encWx = glorot(V, 3 * H, 'enc/wx');
  const encWh = recurrent('enc/wh');
  const encB = zeros(3 * H, 'enc/b');
  // Decoder GRU: input is [one-hot previous token; context].
  const decWy = glorot(V, 3 * H, 'dec/wy');
  const decWc = glorot(H, 3 * H, 'dec/wc');
  const decWh = recurrent('dec/wh');
  const decB = zeros(3 * H, 'dec/b');
  // Readout from [s_t; c_t].
  const wo = glorot(2 * H, V, 'out/w');
  const bo = zeros(V, 'out/b');
  // Additive attention (drawn last, so that both kinds of model share all other initial weights).
  const att =
    attention === 'additive'
      ? { wa: glorot(H, H, 'att/wa'), ua: glorot(H, H, 'att/ua'), va: glorot(H, 1, 'att/va') }
      : null;
  const variables = [
    encWx,
    encWh,
    encB,
    decWy,
    decWc,
    decWh,
    decB,
    wo,
    bo,
    ...(att ? [att.wa, att.ua, att.va] : []),
  ];

  const oneHot = (t: TF.Tensor, depth: number) =>
    tf.oneHot(tf.cast(t, 'int32') as TF.Tensor1D, depth);

  /** Input projections of every position in one product, then the recurrence; mask keeps the state over padding. */
  const runEncoder = (
    src: TF.Tensor2D,
    masked: boolean,
  ): { states: TF.Tensor3D; final: TF.Tensor2D; mask: TF.Tensor2D } => {
    const [b, S] = src.shape;
    const gx = tf.reshape(tf.add(tf.matMul(oneHot(tf.reshape(src, [-1]), V), encWx), encB), [
      b,
      S,
      3 * H,
    ]);
    const gxs = tf.unstack(gx, 1) as TF.Tensor2D[];
    const mask = tf.cast(tf.notEqual(src, PAD), 'float32') as TF.Tensor2D;
    const ms = tf.unstack(mask, 1) as TF.Tensor1D[];
    let h = tf.zeros([b, H]) as TF.Tensor2D;
    const hs: TF.Tensor2D[] = [];
    gxs.forEach((g, j) => {
      const next = gru(tf, g, h, encWh as TF.Tensor2D, H);
      if (masked) {
        const m = tf.reshape(ms[j]!, [b, 1]);
        h = tf.add(tf.mul(m, next), tf.mul(tf.sub(1, m), h)) as TF.Tensor2D;
      } else h = next;
      hs.push(h);
    });
    return { states: tf.stack(hs, 1) as TF.Tensor3D, final: h, mask };
  };

  const encode = (src: TF.Tensor2D): Encoded => {
    const { states, final, mask } = runEncoder(src, true);
    const [b, S] = src.shape;
    const keys = att
      ? (tf.reshape(tf.matMul(tf.reshape(states, [b * S, H]), att.ua), [b, S, H]) as TF.Tensor3D)
      : states;
    return { states, keys, mask, final };
  };

  const step = (enc: Encoded, prev: TF.Tensor1D, s: TF.Tensor2D) => {
    const [b, S] = enc.mask.shape;
    let c: TF.Tensor2D;
    let alpha: TF.Tensor2D;
    if (att) {
      const q = tf.reshape(tf.matMul(s, att.wa), [b, 1, H]);
      const e = tf.reshape(
        tf.matMul(tf.reshape(tf.tanh(tf.add(enc.keys, q)), [b * S, H]), att.va),
        [b, S],
      );
      // Padding gets a score of about −1e9, hence a weight of exactly 0 after the softmax.
      alpha = tf.softmax(tf.add(e, tf.mul(tf.sub(enc.mask, 1), 1e9))) as TF.Tensor2D;
      c = tf.reshape(tf.matMul(tf.reshape(alpha, [b, 1, S]), enc.states), [b, H]) as TF.Tensor2D;
    } else {
      alpha = tf.zeros([b, S]) as TF.Tensor2D;
      c = enc.final;
    }
    const gx = tf.add(
      tf.add(tf.matMul(oneHot(prev, V), decWy), tf.matMul(c, decWc)),
      decB,
    ) as TF.Tensor2D;
    const s2 = gru(tf, gx, s, decWh as TF.Tensor2D, H);
    const logits = tf.add(tf.matMul(tf.concat([s2, c], 1), wo), bo) as TF.Tensor2D;
    return { s: s2, logits, alpha };
  };

  /** Teacher forcing: packed rows [source (S) | decoder inputs (T)] → logits [b, T, V]. */
  const predict = (packed: TF.Tensor): TF.Tensor => {
    const x = packed as TF.Tensor2D;
    const [b, width] = x.shape;
    const S = config.srcLength;
    const src = tf.slice(x, [0, 0], [b, S]);
    const dec = tf.unstack(tf.slice(x, [0, S], [b, width - S]), 1) as TF.Tensor1D[];
    const enc = encode(src);
    let s = enc.final;
    const out: TF.Tensor2D[] = [];
    for (const prev of dec) {
      const r2 = step(enc, prev, s);
      s = r2.s;
      out.push(r2.logits);
    }
    return tf.stack(out, 1);
  };

  return {
    config,
    variables,
    encode,
    step,
    predict,
    encoderStates: (src) => runEncoder(src, false).states,
    parameterCount: variables.reduce((n, v) => n + v.size, 0),
    dispose: () => variables.forEach((v) => v.dispose()),
  };
}

/** Mean cross-entropy over the real (non-PAD) target positions; logits [b, T, V], targets [b, T]. */
export function maskedSequenceLoss(
  tf: typeof TF,
  logits: TF.Tensor,
  targets: TF.Tensor,
): TF.Scalar {
  return tf.tidy(() => {
    const V = logits.shape[2]!;
    const flat = tf.reshape(logits, [-1, V]) as TF.Tensor2D;
    const y = tf.reshape(targets, [-1]) as TF.Tensor1D;
    const w = tf.cast(tf.notEqual(y, PAD), 'float32');
    const perToken = tf.losses.softmaxCrossEntropy(
      tf.oneHot(y, V),
      flat,
      undefined,
      undefined,
      tf.Reduction.NONE,
    );
    return tf.div(tf.sum(tf.mul(perToken, w)), tf.maximum(tf.sum(w), 1)) as TF.Scalar;
  });
}

export interface TeacherForcedOptions extends AdamRunOptions {
  onStep?: (s: StepInfo) => void;
  /** After each epoch, before onEpoch: a held-out score for the engine's history. */
  evaluate: () => Promise<number>;
  onEpoch: (e: EpochInfo) => void | Promise<void>;
}

/**
 * Train a sequence-to-sequence model with teacher forcing on the shared engine (Adam, masked
 * cross-entropy) on rows packed by packIds / packPairs. Frees the training tensors it makes; the
 * model stays the caller's.
 */
export async function trainTeacherForced(
  tf: typeof TF,
  model: Trainable,
  packed: { x: Int32Array; y: Int32Array },
  S: number,
  T: number,
  o: TeacherForcedOptions,
): Promise<TrainResult> {
  const rows = packed.y.length / T;
  const xs = tf.tensor2d(packed.x, [rows, S + T], 'int32');
  const ys = tf.tensor2d(packed.y, [rows, T], 'int32');
  try {
    return await train({
      tf,
      model,
      xs,
      ys,
      loss: (p, y) => maskedSequenceLoss(tf, p, y),
      ...adamTrainingSettings(o),
      onStep: o.onStep,
      evaluate: o.evaluate,
      onEpoch: o.onEpoch,
    });
  } finally {
    tf.dispose([xs, ys]);
  }
}

export interface Decoded {
  /** Output digits per source (up to the first EOS; null when the model emitted a non-digit first). */
  outputs: (string | null)[];
  /** Output ids per step, rows of T (including the EOS step). */
  tokens: Int32Array;
  /** Attention weights [n, T, S] (zeros for 'none'). */
  attention: Float32Array;
  T: number;
  S: number;
}

/**
 * Names of the first decoded sequence's output steps, up to and including its first EOS: a digit,
 * "end" for EOS, "?" for any other token. They label the rows of that sequence's attention map.
 */
export function outputTokenLabels(d: Pick<Decoded, 'tokens' | 'T'>): string[] {
  const steps = Array.from(d.tokens.subarray(0, d.T));
  const end = steps.indexOf(EOS);
  return steps
    .slice(0, end < 0 ? d.T : end + 1)
    .map((t) => (t === EOS ? 'end' : t >= DIGIT0 ? String(t - DIGIT0) : '?'));
}

/** The settings of the page's lab that the reader does not choose (500 held-out strings). */
export const SEQ2SEQ_LAB = { testCount: 500, batchSize: 64, learningRate: 1e-2, seed: 1 };

/**
 * Greedy decoding: the decoder is fed its own most likely token at each step, for T steps, on all
 * sources at once; everything stays on the device until one read-back at the end.
 */
export async function greedyDecode(
  tf: typeof TF,
  m: Seq2Seq,
  sources: string[],
  S: number,
  T: number,
  batchSize = 500,
): Promise<Decoded> {
  const n = sources.length;
  const src = new Int32Array(n * S);
  sources.forEach((s, i) => {
    if (s.length > S) throw new Error(`The input "${s}" is longer than ${S} digits.`);
    src.set(ids(s), i * S);
  });
  const { tokens, attention } = await greedyDecodeIds(tf, m, src, n, S, T, batchSize);
  const outputs = Array.from({ length: n }, (_, i) =>
    detokenize(tokens.subarray(i * T, (i + 1) * T)),
  );
  return { outputs, tokens, attention, T, S };
}

/**
 * Greedy decoding of `n` padded id rows (`src`, n × S): output ids [n, T] and attention weights [n, T, S].
 * Works for any vocabulary; the model's own vocabulary size bounds the ids.
 */
export async function greedyDecodeIds(
  tf: typeof TF,
  m: Seq2Seq,
  src: Int32Array,
  n: number,
  S: number,
  T: number,
  batchSize = 500,
): Promise<{ tokens: Int32Array; attention: Float32Array }> {
  if (src.length !== n * S) throw new Error('greedyDecodeIds: src must hold n rows of S ids');
  const tokens = new Int32Array(n * T);
  const attention = new Float32Array(n * T * S);
  for (let start = 0; start < n; start += batchSize) {
    const rows = Math.min(batchSize, n - start);
    const part = src.subarray(start * S, (start + rows) * S);
    const [tok, att] = tf.tidy(() => {
      const enc = m.encode(tf.tensor2d(part, [rows, S], 'int32'));
      let prev = tf.fill([rows], SOS, 'int32') as TF.Tensor1D;
      let s = enc.final;
      const toks: TF.Tensor1D[] = [];
      const alphas: TF.Tensor2D[] = [];
      for (let t = 0; t < T; t++) {
        const r = m.step(enc, prev, s);
        s = r.s;
        prev = tf.argMax(r.logits, 1) as TF.Tensor1D;
        toks.push(prev);
        alphas.push(r.alpha);
      }
      return [tf.stack(toks, 1), tf.stack(alphas, 1)];
    });
    try {
      tokens.set((await tok.data()) as Int32Array, start * T);
      attention.set((await att.data()) as Float32Array, start * T * S);
    } finally {
      tf.dispose([tok, att]);
    }
  }
  return { tokens, attention };
}

/** Fraction of outputs exactly equal to their targets, and fraction of target digits right at their position. */
export function scoreOutputs(
  outputs: (string | null)[],
  targets: string[],
): { exact: number; perDigit: number } {
  let exact = 0;
  let right = 0;
  let total = 0;
  outputs.forEach((o, i) => {
    const t = targets[i]!;
    if (o === t) exact++;
    for (let k = 0; k < t.length; k++) if (o && o[k] === t[k]) right++;
    total += t.length;
  });
  return {
    exact: outputs.length ? exact / outputs.length : 0,
    perDigit: total ? right / total : 0,
  };
}

export interface Seq2SeqRunOptions extends AdamRunOptions {
  task: Seq2SeqTask;
  attention: AttentionKind;
  hidden: number;
  /** Training pairs and held-out pairs (disjoint strings). */
  trainCount: number;
  testCount: number;
  minLen: number;
  maxLen: number;
  onStep?: (s: StepInfo) => void;
  /** After each epoch: held-out exact-match accuracy (greedy decoding). */
  onEpoch?: (e: EpochInfo & { exact: number; perDigit: number }) => void | Promise<void>;
}

export interface Seq2SeqRun {
  result: TrainResult;
  /** Held-out exact-match and per-digit accuracy after each epoch. */
  history: { loss: number; exact: number; perDigit: number }[];
  test: Pairs;
  /** Greedy outputs on the held-out sources after the last epoch. */
  outputs: (string | null)[];
  S: number;
  T: number;
  parameterCount: number;
  /** Decode any digit strings with the trained model (valid until dispose). */
  decode(sources: string[]): Promise<Decoded>;
  dispose(): void;
}

/** The first `n` held-out strings with the right answer and the model's (null: no digits). */
export function heldOutExamples(
  run: Pick<Seq2SeqRun, 'test' | 'outputs'>,
  n: number,
): { input: string; expected: string; answer: string | null }[] {
  return run.test.src.slice(0, n).map((input, i) => {
    return { input, expected: run.test.tgt[i]!, answer: run.outputs[i] ?? null };
  });
}

/** Check run options; a reader-facing message for the first problem, or null. */
export function runProblem(
  o: Pick<Seq2SeqRunOptions, 'minLen' | 'maxLen' | 'epochs' | 'trainCount' | 'testCount'>,
): string | null {
  if (!(
    Number.isInteger(o.minLen) &&
    Number.isInteger(o.maxLen) &&
    o.minLen >= 1 &&
    o.maxLen <= 12 &&
    o.minLen <= o.maxLen
  ))
    return 'Lengths must be whole numbers with 1 ≤ shortest ≤ longest ≤ 12.';
  if (!(Number.isInteger(o.epochs) && o.epochs >= 1 && o.epochs <= 50))
    return 'Epochs must be a whole number from 1 to 50.';
  let possible = 0;
  for (let l = o.minLen; l <= o.maxLen; l++) possible += 10 ** l;
  if (o.trainCount + o.testCount > possible)
    return `Only ${possible.toLocaleString('en')} different strings have ${o.minLen}–${o.maxLen} digits; ask for fewer examples or allow longer strings.`;
  return null;
}

/**
 * Generate the corpus, train with teacher forcing on the shared engine (Adam, masked cross-entropy),
 * and after every epoch decode the held-out sources greedily. The caller must call `dispose()` on the
 * result (also after a cancel); on error everything is freed before throwing.
 */
export async function trainSeq2Seq(tf: typeof TF, o: Seq2SeqRunOptions): Promise<Seq2SeqRun> {
  const problem = runProblem(o);
  if (problem) throw new Error(problem);
  const trainPairs = makePairs(o.task, o.trainCount, o.minLen, o.maxLen, o.seed);
  const test = makePairs(
    o.task,
    o.testCount,
    o.minLen,
    o.maxLen,
    o.seed + 1,
    new Set(trainPairs.src),
  );
  const S = o.maxLen;
  const T = o.maxLen + 1;
  const packed = packPairs(trainPairs, S, T);
  const model = createSeq2Seq(
    tf,
    { hidden: o.hidden, attention: o.attention, srcLength: S },
    o.seed,
  );
  const history: Seq2SeqRun['history'] = [];
  let outputs: (string | null)[] = [];
  const decode = (sources: string[]) => {
    const longest = Math.max(S, ...sources.map((s) => s.length));
    return greedyDecode(tf, model, sources, longest, Math.max(T, longest + 1));
  };
  try {
    let last = { exact: 0, perDigit: 0 };
    const result = await trainTeacherForced(tf, model, packed, S, T, {
      ...o,
      evaluate: async () => {
        outputs = (await greedyDecode(tf, model, test.src, S, T)).outputs;
        last = scoreOutputs(outputs, test.tgt);
        return last.exact;
      },
      onEpoch: async (e) => {
        history.push({ loss: e.loss, ...last });
        await o.onEpoch?.({ ...e, ...last });
      },
    });
    return {
      result,
      history,
      test,
      outputs,
      S,
      T,
      parameterCount: model.parameterCount,
      decode,
      dispose: () => model.dispose(),
    };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
