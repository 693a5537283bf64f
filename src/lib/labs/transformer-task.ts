/**
 * dl-59: train the Transformer of ./transformer.ts to translate number names into digits
 * ("three hundred forty two" → "342"), score it on numbers it never saw, and translate what the
 * reader types, with the decoder's attention over the source words.
 */
import type * as TF from '@tensorflow/tfjs';
import { train, type StepInfo, type TrainResult } from '../train/engine.ts';
import { adamTrainingSettings, type AdamRunOptions } from '../train/adam-settings.ts';
import {
  BOS,
  EOS,
  PAD,
  SOURCE_VOCAB,
  TARGET_VOCAB,
  decodeDigits,
  encodePairs,
  encodeWords,
  lengthsFor,
  splitNumbers,
  tokenize,
  wordsToNumber,
  numberToWords,
  type NumberPairs,
} from './numwords.ts';
import {
  createTransformer,
  greedyDecode,
  sequenceLoss,
  type AttentionMaps,
  type Transformer,
} from './transformer.ts';

export interface NumberTranslationOptions extends AdamRunOptions {
  /** Numbers 0..max are named; a seeded `heldOut` fraction of them is never trained on. */
  max: number;
  heldOut: number;
  dModel: number;
  heads: number;
  ffn: number;
  layers: number;
  /** Score at most this many held-out numbers after each epoch (default: all). */
  evalLimit?: number;
  onStep?: (s: StepInfo) => void;
  onEpoch?: (e: EpochScore) => void | Promise<void>;
}

/** The settings of the page's lab that the reader does not choose. */
export const TRANSFORMER_LAB = { batchSize: 32, learningRate: 3e-3, seed: 1 };

export interface HeldOutScore {
  /** Fraction of held-out numbers whose greedy translation is exactly right. */
  exactMatch: number;
  /** Fraction of target tokens predicted right when the decoder is fed the true prefix (teacher forcing). */
  tokenAccuracy: number;
  /** Cross-entropy per target token, teacher-forced. */
  loss: number;
}

export interface EpochScore extends HeldOutScore {
  epoch: number;
  epochs: number;
  trainLoss: number;
  seconds: number;
}

export interface Example {
  number: number;
  words: string;
  predicted: string;
  correct: boolean;
}

export interface Translation {
  words: string[];
  /** The generated target tokens, end token included when produced. */
  tokens: string[];
  digits: string;
  /** The number the words name, or null if they are not a well-formed number name. */
  expected: number | null;
  /** Cross-attention of the last decoder layer, per head: [head][target position][source word]. */
  heads: number[][][];
  /** The same averaged over heads. */
  mean: number[][];
}

export interface NumberTranslationRun {
  result: TrainResult;
  history: EpochScore[];
  parameterCount: number;
  trainCount: number;
  testCount: number;
  /** Held-out examples after training (absent when cancelled). */
  examples: Example[];
  /**
   * Translate the reader's words with the trained weights (kept as plain arrays, so the run holds no
   * tensors); throws VocabularyError on unknown words. Absent when training was cancelled.
   */
  translate?: (text: string) => Promise<Translation>;
}

/** Source ids then decoder inputs, side by side: the single input tensor the engine feeds `predict`. */
function packed(tf: typeof TF, p: NumberPairs) {
  const x = new Int32Array(p.count * (p.sourceLength + p.targetLength));
  for (let i = 0; i < p.count; i++) {
    x.set(
      p.source.subarray(i * p.sourceLength, (i + 1) * p.sourceLength),
      i * (p.sourceLength + p.targetLength),
    );
    x.set(
      p.decoderIn.subarray(i * p.targetLength, (i + 1) * p.targetLength),
      i * (p.sourceLength + p.targetLength) + p.sourceLength,
    );
  }
  return {
    xs: tf.tensor2d(x, [p.count, p.sourceLength + p.targetLength], 'int32'),
    ys: tf.tensor2d(p.decoderOut, [p.count, p.targetLength], 'int32'),
  };
}

/** Exact match by greedy decoding, and teacher-forced token accuracy and loss, on some pairs. */
export async function scorePairs(
  tf: typeof TF,
  model: Transformer,
  p: NumberPairs,
): Promise<HeldOutScore & { predicted: string[]; correct: boolean[] }> {
  const { xs, ys } = packed(tf, p);
  const source = tf.tensor2d(p.source, [p.count, p.sourceLength], 'int32');
  try {
    const stats = tf.tidy(() => {
      const logits = model.predict(xs);
      const real = tf.cast(tf.notEqual(ys, PAD), 'float32');
      const hits = tf.sum(tf.mul(tf.cast(tf.equal(tf.argMax(logits, 2), ys), 'float32'), real));
      return tf.stack([sequenceLoss(tf, logits, ys, PAD), hits, tf.sum(real)]);
    });
    const [loss, hits, total] = Array.from(await stats.data());
    stats.dispose();
    const decoded = await greedyDecode(tf, model, source, BOS, EOS, p.targetLength);
    const predicted = decoded.map(decodeDigits);
    // Exactly right: the digits of the number, then the end token.
    const correct = predicted.map(
      (s, i) =>
        s === String(p.numbers[i]) &&
        decoded[i]!.length === s.length + 1 &&
        decoded[i]!.at(-1) === EOS,
    );
    return {
      exactMatch: correct.filter(Boolean).length / p.count,
      tokenAccuracy: hits! / total!,
      loss: loss!,
      predicted,
      correct,
    };
  } finally {
    tf.dispose([xs, ys, source]);
  }
}

export async function trainNumberTranslation(
  tf: typeof TF,
  o: NumberTranslationOptions,
): Promise<NumberTranslationRun> {
  const { sourceLength, digits } = lengthsFor(o.max);
  const targetLength = digits + 1;
  const split = splitNumbers(o.max, o.heldOut, o.seed);
  const trainPairs = encodePairs(split.train, sourceLength, targetLength);
  const testPairs = encodePairs(split.test, sourceLength, targetLength);
  const evalPairs =
    o.evalLimit !== undefined && o.evalLimit < testPairs.count
      ? encodePairs(split.test.slice(0, o.evalLimit), sourceLength, targetLength)
      : testPairs;
  const model = createTransformer(
    tf,
    {
      sourceVocab: SOURCE_VOCAB.length,
      targetVocab: TARGET_VOCAB.length,
      dModel: o.dModel,
      heads: o.heads,
      ffn: o.ffn,
      layers: o.layers,
      sourceLength,
      targetLength,
      pad: PAD,
    },
    o.seed,
  );
  const { xs, ys } = packed(tf, trainPairs);
  const history: EpochScore[] = [];
  let lastScore: Awaited<ReturnType<typeof scorePairs>> | null = null; // of evalPairs, after the latest epoch
  try {
    const result = await train({
      tf,
      model,
      xs,
      ys,
      loss: (pred, target) => sequenceLoss(tf, pred, target, PAD),
      ...adamTrainingSettings(o),
      onStep: o.onStep,
      onEpoch: async (e) => {
        const s = (lastScore = await scorePairs(tf, model, evalPairs));
        const info: EpochScore = {
          epoch: e.epoch,
          epochs: e.epochs,
          trainLoss: e.loss,
          seconds: e.seconds,
          exactMatch: s.exactMatch,
          tokenAccuracy: s.tokenAccuracy,
          loss: s.loss,
        };
        history.push(info);
        await o.onEpoch?.(info);
      },
    });
    const run = {
      result,
      history,
      parameterCount: model.parameterCount,
      trainCount: trainPairs.count,
      testCount: testPairs.count,
    };
    if (result.status !== 'done') return { ...run, examples: [] };
    // The last epoch has already scored every held-out number unless evalLimit cut the list short.
    const s =
      evalPairs === testPairs && lastScore ? lastScore : await scorePairs(tf, model, testPairs);
    const examples = split.test.map((n, i) => ({
      number: n,
      words: numberToWords(n),
      predicted: s.predicted[i]!,
      correct: s.correct[i]!,
    }));
    const weights = await Promise.all(
      model.variables.map((v) => v.data() as Promise<Float32Array>),
    );
    const config = model.config;
    return {
      ...run,
      examples,
      translate: async (text) => {
        const m = createTransformer(tf, config);
        try {
          m.variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(weights[i]!, v.shape))));
          return await translate(tf, m, text, sourceLength, targetLength);
        } finally {
          m.dispose();
        }
      },
    };
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

/** Greedy translation of typed words, and the last decoder layer's attention over them. */
export async function translate(
  tf: typeof TF,
  model: Transformer,
  text: string,
  sourceLength: number,
  targetLength: number,
): Promise<Translation> {
  const words = tokenize(text);
  if (words.length > sourceLength)
    throw new Error(
      `This model reads at most ${sourceLength} words (the longest name it was trained on); "${words.join(' ')}" has ${words.length}.`,
    );
  const source = tf.tensor2d(encodeWords(words, sourceLength), [1, sourceLength], 'int32');
  try {
    const [ids] = await greedyDecode(tf, model, source, BOS, EOS, targetLength);
    // One more pass over the finished output collects the attention. Because of the causal mask,
    // row t is exactly what the decoder attended to when it produced token t.
    const maps: AttentionMaps = { encoderSelf: [], decoderSelf: [], cross: [] };
    const weights = tf.tidy(() => {
      const memory = model.encode(source, maps);
      const input = [BOS, ...ids!.slice(0, -1)];
      while (input.length < targetLength) input.push(PAD); // the same full-length buffer as greedyDecode
      model.decode(tf.tensor2d([input], [1, targetLength], 'int32'), memory, source, maps);
      return tf.keep(
        tf.slice(maps.cross.at(-1)!, [0, 0, 0, 0], [1, -1, ids!.length, words.length]),
      );
    });
    const w = (await weights.array()) as number[][][][];
    weights.dispose();
    const heads = w[0]!;
    const mean = heads[0]!.map((row, t) =>
      row.map((_, s) => heads.reduce((acc, h) => acc + h[t]![s]!, 0) / heads.length),
    );
    return {
      words,
      tokens: ids!.map((i) => TARGET_VOCAB[i]!),
      digits: decodeDigits(ids!),
      expected: wordsToNumber(words),
      heads,
      mean,
    };
  } finally {
    source.dispose();
  }
}
