import { describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { nodeTf } from '../helpers/tf.ts';
import {
  BOS,
  EOS,
  PAD,
  SOURCE_VOCAB,
  TARGET_VOCAB,
  VocabularyError,
  decodeDigits,
  encodePairs,
  lengthsFor,
  numberToWords,
  splitNumbers,
  tokenize,
  wordsProblem,
  wordsToNumber,
} from '../../src/lib/labs/numwords.ts';
import {
  attention,
  causalMask,
  createTransformer,
  paddingMask,
  positionalEncoding,
  type AttentionMaps,
} from '../../src/lib/labs/transformer.ts';
import { trainNumberTranslation } from '../../src/lib/labs/transformer-task.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('dl-59: number words ↔ digits', () => {
  it('names round-trip for every number up to 9,999 and a sample up to 999,999, and are all different', () => {
    const names = new Set<string>();
    for (let n = 0; n <= 9999; n++) {
      const w = numberToWords(n);
      names.add(w);
      expect(wordsToNumber(w.split(' '))).toBe(n);
    }
    expect(names.size).toBe(10000);
    const r = rng(5);
    for (let i = 0; i < 2000; i++) {
      const n = r.int(1_000_000);
      expect(wordsToNumber(numberToWords(n).split(' '))).toBe(n);
    }
    expect(numberToWords(342)).toBe('three hundred forty two');
    expect(numberToWords(1005)).toBe('one thousand five');
    expect(numberToWords(0)).toBe('zero');
    expect(numberToWords(999_999)).toBe(
      'nine hundred ninety nine thousand nine hundred ninety nine',
    );
    expect(() => numberToWords(1_000_000)).toThrow();
    expect(() => numberToWords(2.5)).toThrow();
  });

  it('rejects word lists that name no number, and unknown words with a message listing them', () => {
    for (const bad of [
      'forty hundred',
      'two two',
      'one hundred zero',
      'twenty ten',
      'hundred',
      'zero five',
      'thousand',
    ])
      expect(wordsToNumber(bad.split(' '))).toBeNull();
    expect(tokenize('Three-hundred  forty, two')).toEqual(['three', 'hundred', 'forty', 'two']);
    expect(() => tokenize('three hundred and two')).toThrow(VocabularyError);
    expect(() => tokenize('fourty two 7')).toThrow(/"fourty", "7" are not in the vocabulary/);
    expect(() => tokenize('   ')).toThrow(/Type a number/);
    // What the reader may type for a model of 0–999: known words, at most as many as the longest name.
    expect(wordsProblem('three hundred five', 999)).toBeNull();
    expect(wordsProblem('three hundred and two', 999)).toMatch(/"and" is not in the vocabulary/);
    expect(wordsProblem('one two three four five', 999)).toBe(
      'Numbers up to 999 have at most 4 words; "one two three four five" has 5.',
    );
    expect(wordsProblem('one two three four five', 9999)).toBeNull(); // names up to 9,999 have 6 words
  });

  it('splits numbers into disjoint seeded training and held-out sets, and lays out pairs for teacher forcing', () => {
    const s = splitNumbers(999, 0.2, 1);
    expect(s.test).toHaveLength(200);
    expect(new Set([...s.train, ...s.test]).size).toBe(1000);
    expect(splitNumbers(999, 0.2, 1)).toEqual(s);
    expect(lengthsFor(999)).toEqual({ sourceLength: 4, digits: 3 });
    expect(lengthsFor(9999)).toEqual({ sourceLength: 6, digits: 4 });
    const p = encodePairs([342, 7], 4, 4);
    const id = (w: string) => SOURCE_VOCAB.indexOf(w);
    const d = (c: string) => TARGET_VOCAB.indexOf(c);
    expect(Array.from(p.source)).toEqual([
      id('three'),
      id('hundred'),
      id('forty'),
      id('two'),
      id('seven'),
      PAD,
      PAD,
      PAD,
    ]);
    expect(Array.from(p.decoderIn)).toEqual([BOS, d('3'), d('4'), d('2'), BOS, d('7'), PAD, PAD]);
    expect(Array.from(p.decoderOut)).toEqual([d('3'), d('4'), d('2'), EOS, d('7'), EOS, PAD, PAD]);
    expect(decodeDigits(p.decoderOut.subarray(0, 4))).toBe('342');
  });
});

describe('dl-59: attention, masks and the Transformer', async () => {
  const { tf } = await nodeTf('wasm');

  it('sinusoidal position codes: sin on even features, cos on odd, each pair on the unit circle', () => {
    const pe = positionalEncoding(5, 8);
    expect(pe[0]).toBe(0);
    expect(pe[1]).toBe(1);
    expect(pe[3 * 8 + 2]).toBeCloseTo(Math.sin(3 / Math.pow(10000, 2 / 8)), 6);
    for (let pos = 0; pos < 5; pos++)
      for (let i = 0; i < 8; i += 2)
        expect(pe[pos * 8 + i]! ** 2 + pe[pos * 8 + i + 1]! ** 2).toBeCloseTo(1, 6);
  });

  it('with the causal mask, weights above the diagonal are exactly 0 and every row sums to 1; it matches a float64 reference', () => {
    const [B, H, L, dk] = [2, 3, 5, 4];
    const r = rng(11);
    const rand = () => Float32Array.from({ length: B * H * L * dk }, () => r.normal());
    const [q, k, v] = [rand(), rand(), rand()];
    const [w, out] = tf.tidy(() => {
      const a = attention(
        tf,
        tf.tensor4d(q, [B, H, L, dk]),
        tf.tensor4d(k, [B, H, L, dk]),
        tf.tensor4d(v, [B, H, L, dk]),
        causalMask(tf, L),
      );
      return [a.weights.arraySync(), a.output.dataSync()];
    });
    for (let b = 0; b < B; b++)
      for (let h = 0; h < H; h++)
        for (let i = 0; i < L; i++) {
          const row = w[b]![h]![i]!;
          for (let j = i + 1; j < L; j++) expect(row[j]).toBe(0);
          expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6);
          // reference in float64 arithmetic: softmax over the allowed keys j ≤ i of q·k/√d_k, then the weighted sum of v.
          const at = (t: Float32Array, pos: number, c: number) =>
            t[((b * H + h) * L + pos) * dk + c]!;
          const scores = Array.from(
            { length: i + 1 },
            (_, j) =>
              Array.from({ length: dk }, (_, c) => at(q, i, c) * at(k, j, c)).reduce(
                (s, x) => s + x,
                0,
              ) / Math.sqrt(dk),
          );
          const m = Math.max(...scores);
          const e = scores.map((s) => Math.exp(s - m));
          const z = e.reduce((s, x) => s + x, 0);
          e.forEach((x, j) => expect(row[j]).toBeCloseTo(x / z, 5));
          for (let c = 0; c < dk; c++)
            expect(out[((b * H + h) * L + i) * dk + c]).toBeCloseTo(
              e.reduce((s, x, j) => s + (x / z) * at(v, j, c), 0),
              4,
            );
        }
  });

  it('the padding mask gives padded source words exactly zero weight', () => {
    const w = tf.tidy(() => {
      const ids = tf.tensor2d(
        [
          [4, 9, PAD, PAD],
          [3, 3, 3, 5],
        ],
        [2, 4],
        'int32',
      );
      const x = tf.randomNormal([2, 1, 3, 6], 0, 1, 'float32', 3) as TF.Tensor4D;
      const kv = tf.randomNormal([2, 1, 4, 6], 0, 1, 'float32', 4) as TF.Tensor4D;
      return attention(tf, x, kv, kv, paddingMask(tf, ids, PAD)).weights.arraySync();
    });
    for (const row of w[0]![0]!) expect([row[2], row[3]]).toEqual([0, 0]);
    for (const row of w[1]![0]!) expect(Math.min(...row)).toBeGreaterThan(0);
  });

  it('the decoder is causal: changing later decoder inputs leaves earlier outputs unchanged', () => {
    const m = createTransformer(
      tf,
      {
        sourceVocab: SOURCE_VOCAB.length,
        targetVocab: TARGET_VOCAB.length,
        dModel: 16,
        heads: 2,
        ffn: 32,
        layers: 2,
        sourceLength: 4,
        targetLength: 4,
        pad: PAD,
      },
      2,
    );
    const before = tf.memory().numTensors;
    const [a, b, selfMaps] = tf.tidy(() => {
      const src = tf.tensor2d([[5, 29, 22, 3]], [1, 4], 'int32');
      const maps: AttentionMaps = { encoderSelf: [], decoderSelf: [], cross: [] };
      const memory = m.encode(src);
      const out1 = m.decode(tf.tensor2d([[BOS, 5, 6, 7]], [1, 4], 'int32'), memory, src, maps);
      const out2 = m.decode(tf.tensor2d([[BOS, 5, 11, 12]], [1, 4], 'int32'), memory, src);
      return [
        out1.arraySync()[0]!,
        out2.arraySync()[0]!,
        maps.decoderSelf.map((t) => t.arraySync()),
      ];
    });
    expect(tf.memory().numTensors).toBe(before);
    for (let t = 0; t < 2; t++) a[t]!.forEach((v, j) => expect(b[t]![j]).toBeCloseTo(v, 5)); // positions 0, 1 see only BOS, 5
    expect(Math.max(...a[2]!.map((v, j) => Math.abs(v - b[2]![j]!)))).toBeGreaterThan(1e-4);
    expect(selfMaps).toHaveLength(2); // one map per decoder layer, each masked
    for (const layer of selfMaps)
      for (const head of layer[0]!)
        head.forEach((row, i) => row.forEach((x, j) => j > i && expect(x).toBe(0)));
    expect(() =>
      createTransformer(tf, {
        sourceVocab: 3,
        targetVocab: 3,
        dModel: 10,
        heads: 4,
        ffn: 8,
        layers: 1,
        sourceLength: 2,
        targetLength: 2,
        pad: 0,
      }),
    ).toThrow(/divisible/);
    m.dispose();
  });

  it('on a tiny config the loss falls, held-out accuracy beats chance, typed words get an attention map; no tensors leak', async () => {
    const before = tf.memory().numTensors;
    const run = await trainNumberTranslation(tf, {
      max: 999,
      heldOut: 0.2,
      dModel: 32,
      heads: 4,
      ffn: 64,
      layers: 1,
      epochs: 3,
      batchSize: 32,
      learningRate: 3e-3,
      seed: 1,
    });
    expect(run.result.status).toBe('done');
    expect(tf.memory().numTensors).toBe(before); // the trained weights are kept as plain arrays
    expect(run.trainCount + run.testCount).toBe(1000);
    const [first, last] = [run.history[0]!, run.history.at(-1)!];
    expect(last.trainLoss).toBeLessThan(first.trainLoss / 2);
    expect(last.loss).toBeLessThan(first.loss);
    expect(last.tokenAccuracy).toBeGreaterThan(0.5); // chance is about 1 in 11 (ten digits and the end token)
    expect(last.exactMatch).toBeGreaterThan(0.2); // held-out numbers, greedy decoding; chance is ~0
    expect(run.examples).toHaveLength(200);
    expect(run.examples.filter((e) => e.correct).length / 200).toBeCloseTo(last.exactMatch, 5);
    const t = await run.translate!('three hundred forty two');
    expect(t.expected).toBe(342);
    expect(t.heads).toHaveLength(4);
    expect(t.mean).toHaveLength(t.tokens.length);
    for (const row of t.mean) {
      expect(row).toHaveLength(4);
      expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
    }
    expect((await run.translate!('forty hundred')).expected).toBeNull();
    await expect(run.translate!('three hundred and two')).rejects.toThrow(
      /"and" is not in the vocabulary/,
    );
    await expect(run.translate!('one two three four five')).rejects.toThrow(/at most 4 words/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops within a step when cancelled and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const run = await trainNumberTranslation(tf, {
      max: 999,
      heldOut: 0.2,
      dModel: 16,
      heads: 2,
      ffn: 32,
      layers: 1,
      epochs: 5,
      batchSize: 32,
      learningRate: 3e-3,
      seed: 2,
      signal: ac.signal,
      onStep: (s) => s.step === 3 && ac.abort(),
    });
    expect(run.result.status).toBe('cancelled');
    expect(run.result.steps).toBe(3);
    expect(run.examples).toEqual([]);
    expect(run.translate).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the seed decides the run: the same seed repeats the split and the training exactly, another seed changes both', async () => {
    const run = (seed: number) =>
      trainNumberTranslation(tf, {
        max: 99,
        heldOut: 0.2,
        dModel: 8,
        heads: 2,
        ffn: 16,
        layers: 1,
        epochs: 1,
        batchSize: 16,
        learningRate: 3e-3,
        seed,
      });
    const [a, again, other] = [await run(4), await run(4), await run(5)];
    const heldOut = (r: typeof a) => r.examples.map((e) => e.words);
    expect(heldOut(again)).toEqual(heldOut(a));
    expect(again.history.map(({ seconds: _, ...e }) => e)).toEqual(
      a.history.map(({ seconds: _, ...e }) => e),
    );
    expect(heldOut(other)).not.toEqual(heldOut(a));
    expect(other.history[0]!.trainLoss).not.toBe(a.history[0]!.trainLoss);
  }, 60_000);
});
