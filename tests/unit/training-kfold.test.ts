import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  classCounts,
  complement,
  crossValidate,
  holdout,
  kFolds,
  repeatedHoldout,
  standardise,
  type FoldScheme,
} from '../../src/lib/hyperparameters/kfold.ts';
import { irisLike, subset } from '../../src/lib/hyperparameters/data.ts';

const schemes: FoldScheme[] = ['plain', 'shuffled', 'stratified'];

describe('k-fold splits', () => {
  it.each(schemes)(
    '%s: the folds partition the data (disjoint, cover every index once, sizes within one)',
    (scheme) => {
      for (const [n, k] of [
        [150, 5],
        [150, 3],
        [37, 4],
        [10, 10],
        [151, 7],
      ] as const) {
        const labels = Int32Array.from({ length: n }, (_, i) => Math.floor((3 * i) / n));
        const folds = kFolds(labels, k, scheme, 9);
        expect(folds).toHaveLength(k);
        const all = folds.flat().sort((a, b) => a - b);
        expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
        const sizes = folds.map((f) => f.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    },
  );

  it('stratified folds keep the class proportions; plain folds of class-sorted data do not', () => {
    const d = irisLike(50, 1);
    for (const c of kFolds(d.y, 5, 'stratified', 1).map((f) => classCounts(d.y, f, 3)))
      expect(c).toEqual([10, 10, 10]);
    expect(kFolds(d.y, 3, 'plain').map((f) => classCounts(d.y, f, 3))).toEqual([
      [50, 0, 0],
      [0, 50, 0],
      [0, 0, 50],
    ]);
  });

  it('hold-out and complement split the indices; bad k is refused', () => {
    const { train, test } = holdout(150, 0.2, 4);
    expect(test).toHaveLength(30);
    expect([...train, ...test].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 150 }, (_, i) => i),
    );
    expect(complement(6, [1, 4])).toEqual([0, 2, 3, 5]);
    expect(() => kFolds([0, 1, 0], 1, 'plain')).toThrow('between 2 and 3');
    expect(() => kFolds([0, 1, 0], 4, 'plain')).toThrow('between 2 and 3');
  });

  it('standardisation uses the training part only', () => {
    const d = irisLike(50, 2);
    const tr = subset(
      d,
      Array.from({ length: 100 }, (_, i) => i),
    );
    const te = subset(
      d,
      Array.from({ length: 50 }, (_, i) => 100 + i),
    );
    const z = standardise(tr, tr);
    for (let j = 0; j < 4; j++) {
      let m = 0;
      for (let i = 0; i < 100; i++) m += z.x[4 * i + j]! / 100;
      expect(Math.abs(m)).toBeLessThan(1e-5);
    }
    // The held-out rows (another class) are not centred by their own statistics.
    const zt = standardise(tr, te);
    let mt = 0;
    for (let i = 0; i < 50; i++) mt += zt.x[4 * i + 2]! / 50;
    expect(mt).toBeGreaterThan(1);
  });
});

describe('cross-validated scoring with the engine', async () => {
  const { tf } = await nodeTf('cpu');
  const d = irisLike(50, 1);

  it('unshuffled 3-fold CV on class-sorted data scores 0: each test class is missing from training', async () => {
    const before = tf.memory().numTensors;
    const r = (await crossValidate(tf, d, 3, 'plain', { epochs: 20 }))!;
    expect(r.scores).toEqual([0, 0, 0]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stratified 5-fold CV gives a high mean with a spread; single 80/20 splits disagree with each other', async () => {
    const before = tf.memory().numTensors;
    const r = (await crossValidate(tf, d, 5, 'stratified', { epochs: 30, seed: 1 }))!;
    expect(r.scores).toHaveLength(5);
    expect(r.mean).toBeGreaterThan(0.9);
    expect(r.mean).toBeCloseTo(r.scores.reduce((a, b) => a + b) / 5, 12);
    const h = (await repeatedHoldout(tf, d, 8, { epochs: 30 }))!;
    expect(h).toHaveLength(8);
    // Each estimate is a multiple of 1/30 (30 test rows), and they are not all the same.
    for (const v of h) expect(Math.abs(v * 30 - Math.round(v * 30))).toBeLessThan(1e-4);
    expect(new Set(h.map((v) => v.toFixed(4))).size).toBeGreaterThan(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('cancel returns null and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    let steps = 0;
    const r = await crossValidate(tf, d, 5, 'stratified', {
      epochs: 30,
      signal: ac.signal,
      onStep: () => ++steps === 40 && ac.abort(),
    });
    expect(r).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });
});
