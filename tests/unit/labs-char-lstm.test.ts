import { describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { nodeTf } from '../helpers/tf.ts';
import {
  buildVocab,
  createCharLstm,
  encode,
  generate,
  makeSequences,
  readPrompt,
  sampleIndex,
  sampleTemperatures,
  trainCharLstm,
  unigramEntropy,
} from '../../src/lib/labs/char-lstm.ts';
import { SONNETS, SONNETS_LICENCE } from '../../src/lib/labs/sonnets.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('dl-54: character LSTM', async () => {
  const { tf } = await nodeTf('wasm');

  it('vocabulary, encoding and shifted training windows', () => {
    const v = buildVocab('abcab');
    expect(v.chars).toEqual(['a', 'b', 'c']);
    expect(Array.from(encode('cab', v))).toEqual([2, 0, 1]);
    expect(() => encode('d', v)).toThrow(/not in the vocabulary/);
    const s = makeSequences(Int32Array.from([0, 1, 2, 3, 4, 5, 6]), 3, 2);
    expect(s.count).toBe(2);
    expect(Array.from(s.inputs)).toEqual([0, 1, 2, 2, 3, 4]);
    expect(Array.from(s.targets)).toEqual([1, 2, 3, 3, 4, 5]);
  });

  it('a prompt is read lower-cased, and must be non-empty and use only characters of the vocabulary', () => {
    const v = buildVocab('shall i compare');
    expect(readPrompt('Shall I ', v)).toBe('shall i ');
    expect(() => readPrompt('', v)).toThrow('The prompt must contain at least one character.');
    expect(() => readPrompt('sh€ll', v, 'the sonnets')).toThrow(
      'The prompt uses "€", which never occurs in the sonnets; use letters, spaces and simple punctuation.',
    );
    expect(() => readPrompt('shall we', v)).toThrow('"w"');
  });

  it('samples at a cold, the chosen and a hot temperature, in order, without repeats', () => {
    expect(sampleTemperatures(0.7)).toEqual([0.2, 0.7, 1.5]);
    expect(sampleTemperatures(2)).toEqual([0.2, 1.5, 2]);
    expect(sampleTemperatures(1.5)).toEqual([0.2, 1.5]);
    expect(sampleTemperatures(0)).toEqual([0, 0.2, 1.5]);
  });

  it('the corpus is the ten sonnets, marked public domain', () => {
    expect(SONNETS.split('\n\n')).toHaveLength(10);
    expect(
      SONNETS.trim()
        .split('\n')
        .filter((l) => l.trim()).length,
    ).toBe(140);
    expect(SONNETS_LICENCE).toMatch(/Public domain/);
  });

  it('the hand-written cell equals tf.layers.lstm (sigmoid gates) with the same weights', () => {
    const [V, H, B, T] = [6, 5, 2, 4];
    const m = createCharLstm(tf, V, H, 3);
    const codes = [
      [0, 3, 5, 1],
      [2, 2, 4, 0],
    ];
    const [mine, ref] = tf.tidy(() => {
      const x = tf.tensor2d(codes, [B, T], 'int32');
      const layer = tf.layers.lstm({
        units: H,
        returnSequences: true,
        recurrentActivation: 'sigmoid',
        inputShape: [T, V],
      });
      const input = tf.oneHot(x, V).toFloat() as TF.Tensor3D;
      layer.apply(input); // build
      layer.setWeights([m.variables[0]!, m.variables[1]!, m.variables[2]!]); // kernel, recurrent kernel, bias: gate order i, f, c, o
      return [m.states(x).dataSync(), (layer.apply(input) as TF.Tensor).dataSync()];
    });
    expect(mine.length).toBe(B * T * H);
    mine.forEach((v, i) => expect(v).toBeCloseTo(ref[i]!, 5));
    m.dispose();
  });

  it('temperature: 0 is argmax, 1 follows the softmax, large values flatten it', () => {
    const logits = [2, 1, 0, -1];
    const r = rng(4);
    expect(sampleIndex(logits, 0, r)).toBe(0);
    const freq = (t: number) => {
      const c = [0, 0, 0, 0];
      for (let i = 0; i < 20000; i++) c[sampleIndex(logits, t, r)]!++;
      return c.map((k) => k / 20000);
    };
    const z = logits.reduce((s, l) => s + Math.exp(l), 0);
    freq(1).forEach((f, i) => expect(Math.abs(f - Math.exp(logits[i]!) / z)).toBeLessThan(0.015));
    expect(freq(0.2)[0]).toBeGreaterThan(0.99);
    expect(freq(50).every((f) => Math.abs(f - 0.25) < 0.03)).toBe(true);
  });

  it('a short seeded run lowers the loss below the unigram entropy and generates from the vocabulary; no leaks', async () => {
    const before = tf.memory().numTensors;
    const text = SONNETS.slice(0, 1500);
    const o = {
      hidden: 32,
      seqLength: 16,
      epochs: 5,
      batchSize: 16,
      learningRate: 1e-2,
      validation: 0.1,
      seed: 1,
    };
    const run = await trainCharLstm(tf, text, o);
    try {
      expect(run.result.status).toBe('done');
      expect(run.history).toHaveLength(5);
      expect(run.history[4]!.train).toBeLessThan(run.history[0]!.train);
      expect(run.history[0]!.train).toBeLessThan(Math.log(run.vocab.chars.length)); // better than uniform guessing
      expect(run.history[4]!.train).toBeLessThan(run.unigramEntropy); // uses context
      const s = await run.sample('the ', 40, 0.7);
      expect(s).toHaveLength(40);
      expect([...s].every((c) => run.vocab.index.has(c))).toBe(true);
      // Side-by-side sampling: temperature 0 is greedy, so two greedy rows agree; a hot row differs.
      const [a, b, hot] = await run.sampleMany('the ', 30, [0, 0, 2]);
      expect(a).toHaveLength(30);
      expect(b).toBe(a);
      expect(hot).not.toBe(a);
      // deterministic: the same seed gives the same history
      const again = await trainCharLstm(tf, text, o);
      expect(again.history).toEqual(run.history);
      again.dispose();
      expect(unigramEntropy(Int32Array.from([0, 1, 0, 1]), 2)).toBeCloseTo(Math.log(2), 10);
    } finally {
      run.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('generation refuses an empty or unknown prompt; cancellation returns early', async () => {
    const m = createCharLstm(tf, 3, 4, 1);
    const v = buildVocab('abc');
    await expect(generate(tf, m, v, '', 5, 1, rng(1))).rejects.toThrow(/at least one character/);
    await expect(generate(tf, m, v, 'x', 5, 1, rng(1))).rejects.toThrow(/not in the vocabulary/);
    const c = new AbortController();
    c.abort();
    expect(await generate(tf, m, v, 'ab', 5, 1, rng(1), c.signal)).toBe('');
    m.dispose();
  });
});
