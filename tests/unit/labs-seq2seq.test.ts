import { describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { nodeTf } from '../helpers/tf.ts';
import {
  EOS,
  PAD,
  SOS,
  VOCAB_SIZE,
  createSeq2Seq,
  detokenize,
  greedyDecode,
  inputProblem,
  makePairs,
  outputTokenLabels,
  parseDigitString,
  maskedSequenceLoss,
  packPairs,
  runProblem,
  scoreOutputs,
  targetOf,
  trainSeq2Seq,
  greedyDecodeIds,
  heldOutExamples,
} from '../../src/lib/labs/seq2seq.ts';
import {
  UNK,
  buildVocabulary,
  chatCorpus,
  detokenizeWords,
  messageProblem,
  tokenize,
  trainChatBot,
} from '../../src/lib/labs/chatbot.ts';

describe('dl-57: sequence-to-sequence with attention', async () => {
  const { tf } = await nodeTf('wasm');

  it('the corpus: targets, distinct strings in the length range, a held-out set disjoint from training', () => {
    expect(targetOf('reverse', '1203')).toBe('3021');
    expect(targetOf('sort', '3102')).toBe('0123');
    const a = makePairs('reverse', 300, 2, 4, 5);
    expect(new Set(a.src).size).toBe(300);
    expect(a.src.every((s) => /^[0-9]{2,4}$/.test(s))).toBe(true);
    a.src.forEach((s, i) => expect(a.tgt[i]).toBe([...s].reverse().join('')));
    const held = makePairs('reverse', 100, 2, 4, 6, new Set(a.src));
    expect(held.src.some((s) => a.src.includes(s))).toBe(false);
    expect(makePairs('reverse', 300, 2, 4, 5)).toEqual(a); // seeded
    expect(() => makePairs('sort', 101, 2, 2, 1)).toThrow(/only 100 strings/);
  });

  it('packing: source, then SOS + shifted target as decoder input; target + EOS, PAD elsewhere', () => {
    const { x, y } = packPairs({ src: ['12', '305'], tgt: ['21', '503'] }, 3, 4);
    const d = (c: string) => 3 + Number(c);
    expect(Array.from(x)).toEqual([
      d('1'),
      d('2'),
      PAD,
      SOS,
      d('2'),
      d('1'),
      PAD,
      d('3'),
      d('0'),
      d('5'),
      SOS,
      d('5'),
      d('0'),
      d('3'),
    ]);
    expect(Array.from(y)).toEqual([d('2'), d('1'), EOS, PAD, d('5'), d('0'), d('3'), EOS]);
    expect(detokenize([d('4'), d('2'), EOS, d('9')])).toBe('42');
    expect(detokenize([SOS, d('4')])).toBeNull();
    expect(parseDigitString(' 0123 ', 12)).toBe('0123');
    const run = {
      test: { src: ['12', '345', '6'], tgt: ['21', '543', '6'] },
      outputs: ['21', null],
    };
    expect(heldOutExamples(run as never, 2)).toEqual([
      { input: '12', expected: '21', answer: '21' },
      { input: '345', expected: '543', answer: null },
    ]);
    expect(() => parseDigitString('12a', 12)).toThrow('only the digits 0–9');
    expect(() => parseDigitString('1234', 3)).toThrow('at most 3 digits');
    // Row labels of an attention map: the first sequence only, cut after its EOS.
    const rows = Int32Array.from([d('4'), SOS, EOS, PAD, d('1'), d('2'), d('3'), d('4')]);
    expect(outputTokenLabels({ tokens: rows, T: 4 })).toEqual(['4', '?', 'end']);
    expect(outputTokenLabels({ tokens: rows.subarray(4), T: 4 })).toEqual(['1', '2', '3', '4']);
    expect(scoreOutputs(['12', null, '99'], ['12', '34', '98'])).toEqual({
      exact: 1 / 3,
      perDigit: 3 / 6,
    });
  });

  it('the encoder GRU equals tf.layers.gru (sigmoid gates, reset before the product) with the same weights', () => {
    const H = 5;
    const m = createSeq2Seq(tf, { hidden: H, attention: 'additive', srcLength: 4 }, 3);
    const codes = [
      [3, 7, 12, 4],
      [5, 5, 10, 3],
    ];
    const [mine, ref] = tf.tidy(() => {
      const x = tf.tensor2d(codes, [2, 4], 'int32');
      const layer = tf.layers.gru({
        units: H,
        returnSequences: true,
        recurrentActivation: 'sigmoid',
        inputShape: [4, VOCAB_SIZE],
      });
      const input = tf.oneHot(x, VOCAB_SIZE).toFloat() as TF.Tensor3D;
      layer.apply(input); // build
      layer.setWeights([m.variables[0]!, m.variables[1]!, m.variables[2]!]); // kernel, recurrent kernel, bias: gates z, r, candidate
      return [m.encoderStates(x).dataSync(), (layer.apply(input) as TF.Tensor).dataSync()];
    });
    expect(mine.length).toBe(2 * 4 * H);
    mine.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 5));
    m.dispose();
  });

  it('attention: each row sums to 1, padding gets weight 0, and extra padding changes nothing', async () => {
    const m = createSeq2Seq(tf, { hidden: 8, attention: 'additive', srcLength: 3 }, 2);
    const short = await greedyDecode(tf, m, ['123', '45'], 3, 4);
    const padded = await greedyDecode(tf, m, ['123', '45'], 7, 4);
    expect(Array.from(padded.tokens)).toEqual(Array.from(short.tokens));
    for (let i = 0; i < 2; i++)
      for (let t = 0; t < 4; t++) {
        const row = Array.from(padded.attention.subarray((i * 4 + t) * 7, (i * 4 + t + 1) * 7));
        expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
        const len = i === 0 ? 3 : 2;
        row.slice(len).forEach((v) => expect(v).toBe(0));
        row
          .slice(0, 3)
          .forEach((v, j) => expect(v).toBeCloseTo(short.attention[(i * 4 + t) * 3 + j]!, 5));
      }
    m.dispose();
  });

  it('the loss averages cross-entropy over real target tokens only', () => {
    const logits = [
      [
        [2, 0, 1],
        [0, 3, 0],
        [1, 1, 1],
      ],
    ]; // one row, T = 3, V = 3
    const v = tf.tidy(
      () =>
        maskedSequenceLoss(
          tf,
          tf.tensor3d(logits),
          tf.tensor2d([[0 + 2, 1, PAD]], [1, 3], 'int32'),
        ).dataSync()[0]!,
    );
    const ce = (l: number[], k: number) => Math.log(l.reduce((s, x) => s + Math.exp(x), 0)) - l[k]!;
    expect(v).toBeCloseTo((ce(logits[0]![0]!, 2) + ce(logits[0]![1]!, 1)) / 2, 5);
  });

  it('refuses bad input', () => {
    expect(inputProblem('12a', 8)).toMatch(/only the digits/);
    expect(inputProblem('', 8)).toMatch(/only the digits/);
    expect(inputProblem('123456789', 8)).toMatch(/at most 8 digits/);
    expect(inputProblem('0042', 8)).toBeNull();
    expect(runProblem({ minLen: 3, maxLen: 2, epochs: 1, trainCount: 10, testCount: 10 })).toMatch(
      /shortest ≤ longest/,
    );
    expect(runProblem({ minLen: 1, maxLen: 1, epochs: 1, trainCount: 8, testCount: 8 })).toMatch(
      /Only 10 different strings/,
    );
  });

  it('a short seeded run learns to reverse held-out strings far above chance; deterministic; no leaks', async () => {
    const before = tf.memory().numTensors;
    const o = {
      task: 'reverse' as const,
      attention: 'additive' as const,
      hidden: 32,
      trainCount: 1200,
      testCount: 200,
      minLen: 2,
      maxLen: 4,
      epochs: 3,
      batchSize: 32,
      learningRate: 1e-2,
      seed: 1,
    };
    const run = await trainSeq2Seq(tf, o);
    try {
      expect(run.result.status).toBe('done');
      expect(run.history).toHaveLength(3);
      expect(run.history[2]!.loss).toBeLessThan(run.history[0]!.loss);
      // Chance of guessing a 2–4 digit string exactly is at most 1 %.
      expect(run.history[2]!.exact).toBeGreaterThan(0.5);
      // The learned alignment: to write output digit t, the decoder attends most to input position L−1−t.
      const d = await run.decode(['4071']);
      expect(d.outputs[0]).toBe('1704');
      let aligned = 0;
      for (let t = 0; t < 4; t++) {
        const row = Array.from(d.attention.subarray(t * d.S, (t + 1) * d.S));
        if (row.indexOf(Math.max(...row)) === 3 - t) aligned++;
      }
      expect(aligned).toBeGreaterThanOrEqual(3);
      const again = await trainSeq2Seq(tf, { ...o, epochs: 1 });
      expect(again.history[0]).toEqual(run.history[0]);
      again.dispose();
    } finally {
      run.dispose();
    }
    const cancelled = new AbortController();
    cancelled.abort();
    const c = await trainSeq2Seq(tf, { ...o, attention: 'none', signal: cancelled.signal });
    expect(c.result.status).toBe('cancelled');
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

describe('dl-57: the chatbot on the same model', async () => {
  const { tf } = await nodeTf('wasm');

  it('corpus: held-out messages are new phrasings of facts seen in training, with no unseen words', () => {
    const { train, test } = chatCorpus(1);
    expect(test.length).toBeGreaterThan(20);
    const trainMessages = new Set(train.map((d) => d.message));
    const trainReplies = new Set(train.map((d) => d.reply));
    const v = buildVocabulary(train);
    for (const d of test) {
      expect(trainMessages.has(d.message)).toBe(false);
      expect(trainReplies.has(d.reply)).toBe(true);
      expect(tokenize(v, d.message).unknown).toEqual([]);
    }
    expect(chatCorpus(1)).toEqual({ train, test }); // seeded
  });

  it('vocabulary and tokeniser: lower-case round trip, punctuation dropped, unknown words flagged', () => {
    const v = buildVocabulary([{ message: 'What is two plus three', reply: 'five' }]);
    const t = tokenize(v, 'WHAT is two, plus three?');
    expect(detokenizeWords(v, [...t.ids, EOS, t.ids[0]!])).toBe('what is two plus three');
    expect(t.unknown).toEqual([]);
    const u = tokenize(v, 'what is zebra plus zebra');
    expect(u.ids.filter((id) => id === UNK)).toHaveLength(2);
    expect(u.unknown).toEqual(['zebra']);
    expect(messageProblem('  ?! ', 9)).toMatch(/at least one word/);
    expect(messageProblem('a b c', 2)).toMatch(/at most 2 words/);
  });

  it('padding invariance: a message decodes the same with more padding columns', async () => {
    const v = buildVocabulary(chatCorpus(1).train);
    const m = createSeq2Seq(
      tf,
      { hidden: 8, attention: 'additive', srcLength: 6, vocabSize: v.tokens.length },
      4,
    );
    const rows = (S: number) => {
      const src = new Int32Array(2 * S);
      ['what is two plus three', 'hello'].forEach((msg, i) => src.set(tokenize(v, msg).ids, i * S));
      return src;
    };
    const a = await greedyDecodeIds(tf, m, rows(5), 2, 5, 4);
    const b = await greedyDecodeIds(tf, m, rows(9), 2, 9, 4);
    expect(Array.from(b.tokens)).toEqual(Array.from(a.tokens));
    m.dispose();
  });

  it('a short seeded run answers held-out messages far above chance, replies to typed text, leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const run = await trainChatBot(tf, {
      hidden: 64,
      epochs: 8,
      batchSize: 32,
      learningRate: 1e-2,
      seed: 1,
    });
    expect(run.result.status).toBe('done');
    expect(run.history[7]!.loss).toBeLessThan(run.history[0]!.loss);
    // A reply is a word sequence over a vocabulary of about a hundred words: guessing even a one-word reply is ≈ 1 %.
    expect(run.history[7]!.exact).toBeGreaterThan(0.2);
    expect(run.testReplies).toHaveLength(run.test.length);
    const [hello, odd] = await run.bot.reply(tf, ['Hello!', 'what is two plus zebra']);
    expect(hello!.reply).toBe('hello');
    expect(odd!.unknown).toEqual(['zebra']);
    expect(odd!.sourceLabels).toContain('⟨unknown⟩');
    expect(odd!.attention.length).toBe(odd!.replyLabels.length * odd!.S);
    expect(tf.memory().numTensors).toBe(before);
  }, 240_000);
});
