import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { createMLP } from '../../src/lib/models/mlp.ts';
import { attackSet, fgsm, pgd, uniformBall } from '../../src/lib/robustness/attacks.ts';
import {
  entropyHistogram,
  evaluateSet,
  MAX_ENTROPY,
  predictWithEntropy,
} from '../../src/lib/robustness/evaluate.ts';
import { createGeneralModel, fitGeneral, sortRows } from '../../src/lib/robustness/general.ts';
import { permuteFirstLayer, recoverPermutation } from '../../src/lib/robustness/permutation.ts';
import {
  classifierOf,
  fitWithRecipe,
  noisyBatch,
  permutedBatch,
} from '../../src/lib/robustness/recipes.ts';
import { detached } from '../../src/lib/robustness/tape.ts';
import {
  fixedPermutation,
  fromSplit,
  gaussianNoise,
  head,
  makeVariant,
  permuteEachImage,
  permutePixels,
  sortPixels,
  toBytes,
} from '../../src/lib/robustness/variants.ts';
import { PIXELS } from '../../src/lib/data/mnist-geometry.ts';
import { rng } from '../../src/lib/util/random.ts';

const sha = (x: Float32Array) =>
  createHash('sha256')
    .update(new Uint8Array(x.buffer, x.byteOffset, x.byteLength))
    .digest('hex');

describe('robustness lab: variants, permutation fix, attacks, recipes', async () => {
  const { tf } = await nodeTf('wasm');
  const test = fromSplit(await nodeSource.load('test', { subset: { first: 400 } }));
  const train = fromSplit(await nodeSource.load('train', { subset: { first: 3000 } }));

  // A small MLP trained for a moment: good enough to test fixes and attacks on.
  const small = createMLP(tf, [784, 64, 10], { seed: 3, name: 'robust-small' });
  await fitWithRecipe(
    tf,
    small,
    train,
    { kind: 'standard' },
    { epochs: 2, batchSize: 64, learningRate: 2e-3, seed: 3 },
  );
  const smallC = classifierOf(small);

  it('variants are deterministic: same seed → same bytes, other seed → other bytes, and prefix-stable', () => {
    for (const id of ['t1', 't2', 't3'] as const)
      expect(sha(makeVariant(test, id).x)).toBe(sha(makeVariant(test, id).x));
    expect(sha(permuteEachImage(test, 1).x)).not.toBe(sha(permuteEachImage(test, 2).x));
    expect(sha(gaussianNoise(test, 0.5, 1).x)).not.toBe(sha(gaussianNoise(test, 0.5, 2).x));
    // The first n images of a variant do not depend on how many follow (the page evaluates subsets).
    for (const id of ['t1', 't2', 't3'] as const)
      expect(sha(makeVariant(head(test, 50), id).x)).toBe(sha(head(makeVariant(test, id), 50).x));
    expect(sha(makeVariant(test, 'clean').x)).toBe(sha(test.x));
  });

  it('t1 and t2 move pixels without changing them; t3 adds clipped noise of the stated σ', () => {
    const sorted = sortPixels(test);
    expect(sha(sortPixels(makeVariant(test, 't1')).x)).toBe(sha(sorted.x));
    expect(sha(sortPixels(makeVariant(test, 't2')).x)).toBe(sha(sorted.x));
    const t3 = makeVariant(test, 't3');
    expect(t3.x.reduce((a, b) => Math.min(a, b))).toBe(0);
    expect(t3.x.reduce((a, b) => Math.max(a, b))).toBe(1);
    // On background pixels (0) the value is min(1, max(0, σz)) with σ = 0.5, whose mean square is
    // σ²·E[z²; 0 < z < 2] + P(z > 2) = 0.25·(Φ(2) − ½ − 2φ(2)) + (1 − Φ(2)) ≈ 0.11507.
    let s2 = 0;
    let n = 0;
    for (let i = 0; i < test.x.length; i++) if (test.x[i] === 0) ((s2 += t3.x[i]! ** 2), n++);
    const phi2 = Math.exp(-2) / Math.sqrt(2 * Math.PI);
    const tail = 0.02275013194817921; // 1 − Φ(2)
    expect(s2 / n).toBeCloseTo(0.25 * (0.5 - tail - 2 * phi2) + tail, 3);
    // t2 permutations differ between images.
    const t2 = makeVariant(test, 't2');
    expect(sha(t2.x.subarray(0, PIXELS))).not.toBe(
      sha(permutePixels(head(test, 1), fixedPermutation()).x),
    );
  });

  it("recovers t1's permutation exactly from the paired sets; refuses t2", () => {
    const perm = fixedPermutation();
    const t1 = makeVariant(test, 't1');
    const rec = recoverPermutation(test, t1);
    let agree = 0;
    for (let j = 0; j < PIXELS; j++) if (rec.perm[j] === perm[j]) agree++;
    // Every pixel whose column of values is unique is recovered; the rest are columns identical to others
    // (pixels that are 0 in all 400 images), where any choice gives the same inputs.
    expect(agree).toBeGreaterThanOrEqual(rec.unique);
    for (let j = 0; j < PIXELS; j++) if (rec.certain[j]) expect(rec.perm[j]).toBe(perm[j]);
    expect(rec.unique).toBeGreaterThan(500);
    expect(rec.unique + rec.tied).toBe(PIXELS);
    expect(sha(permutePixels(test, rec.perm).x)).toBe(sha(t1.x));
    expect(new Set(rec.perm).size).toBe(PIXELS);
    expect(() => recoverPermutation(test, makeVariant(test, 't2'))).toThrow(
      /not one fixed permutation/,
    );
  });

  it('permuting the first layer restores clean accuracy on t1 without retraining', async () => {
    const t1 = makeVariant(test, 't1');
    const before = tf.memory().numTensors;
    const clean = (await evaluateSet(tf, smallC, test))!.accuracy;
    const broken = (await evaluateSet(tf, smallC, t1))!.accuracy;
    const fixed = permuteFirstLayer(tf, small, recoverPermutation(test, t1).perm);
    const repaired = (await evaluateSet(tf, classifierOf(fixed), t1))!.accuracy;
    const diff = tf.tidy(
      () =>
        tf
          .max(
            tf.abs(
              tf.sub(
                small.predict(tf.tensor2d(test.x, [test.count, PIXELS])),
                fixed.predict(tf.tensor2d(t1.x, [test.count, PIXELS])),
              ),
            ),
          )
          .dataSync()[0]!,
    );
    fixed.dispose();
    expect(clean).toBeGreaterThan(0.85);
    expect(broken).toBeLessThan(0.4);
    expect(repaired).toBe(clean);
    expect(diff).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('FGSM and PGD stay in the ε-ball and [0, 1], PGD hurts more, and nothing leaks', async () => {
    const sub = head(test, 200);
    const before = tf.memory().numTensors;
    const x = tf.tensor2d(sub.x, [sub.count, PIXELS]);
    const y = tf.tensor1d(Int32Array.from(sub.labels), 'int32');
    const eps = 0.1;
    const f = fgsm(tf, smallC, x, y, eps);
    const p = pgd(tf, smallC, x, y, { eps, steps: 10, randomStart: true, seed: 4 });
    for (const a of [f, p]) {
      const d = a.dataSync();
      let m = 0;
      for (let i = 0; i < d.length; i++) m = Math.max(m, Math.abs(d[i]! - sub.x[i]!));
      expect(m).toBeLessThanOrEqual(eps + 1e-6);
      expect(d.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    const acc = async (t: typeof f) =>
      (await evaluateSet(tf, smallC, {
        x: t.dataSync() as Float32Array,
        labels: sub.labels,
        count: sub.count,
      }))!.accuracy;
    const clean = (await evaluateSet(tf, smallC, sub))!.accuracy;
    const accF = await acc(f);
    const accP = await acc(p);
    expect(accF).toBeLessThan(clean - 0.3);
    expect(accP).toBeLessThanOrEqual(accF);
    tf.dispose([x, y, f, p]);
    // attackSet with steps 1, α = ε, no random start is FGSM, batch by batch.
    const viaSet = (await attackSet(tf, smallC, sub.x, sub.labels, PIXELS, {
      eps,
      steps: 1,
      alpha: eps,
      batchSize: 64,
    }))!;
    expect(
      (await evaluateSet(tf, smallC, { x: viaSet, labels: sub.labels, count: sub.count }))!
        .accuracy,
    ).toBeCloseTo(accF, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(uniformBall(5, 0.1, 9)).toEqual(uniformBall(5, 0.1, 9));
    const ctrl = new AbortController();
    ctrl.abort();
    expect(
      await attackSet(tf, smallC, sub.x, sub.labels, PIXELS, { eps, signal: ctrl.signal }),
    ).toBeNull();
  });

  it('detached() cuts the gradient: d/dx [x · stop(x²)] = x², not 3x²', () => {
    const g = tf.grad((x) =>
      tf.mul(
        x,
        detached(tf, () => tf.square(x)),
      ),
    )(tf.scalar(2));
    expect(g.dataSync()[0]).toBeCloseTo(4, 5);
    g.dispose();
  });

  it('entropy: uniform logits give ln 10, confident logits give ~0; the histogram counts every image', async () => {
    const uniform = (x: ReturnType<typeof tf.tensor2d>) =>
      tf.mul(tf.slice(x, [0, 0], [-1, 10]), 0) as ReturnType<typeof tf.tensor2d>;
    const r = (await predictWithEntropy(tf, uniform, test.x.subarray(0, 3 * PIXELS), 3))!;
    for (const e of r.entropy) expect(e).toBeCloseTo(MAX_ENTROPY, 5);
    expect(entropyHistogram(r.entropy).at(-1)).toBe(3);
    const ev = (await evaluateSet(tf, smallC, test))!;
    expect(ev.entropyHistogram.reduce((a, b) => a + b, 0)).toBe(test.count);
    expect(ev.confusion.flat().reduce((a, b) => a + b, 0)).toBe(test.count);
    expect(ev.confusion.reduce((s, row, i) => s + row[i]!, 0) / test.count).toBeCloseTo(
      ev.accuracy,
      10,
    );
  });

  it("batch transforms: noise stays in [0, 1]; per-image permutations keep each row's values", () => {
    const x = tf.tensor2d(test.x.subarray(0, 8 * PIXELS), [8, PIXELS]);
    const n = noisyBatch(tf, x, 0.5, rng(1));
    const p = permutedBatch(tf, x, rng(2));
    const nd = n.dataSync();
    expect(nd.every((v) => v >= 0 && v <= 1)).toBe(true);
    const sortedP = sortPixels({
      x: p.dataSync() as Float32Array,
      labels: test.labels.subarray(0, 8),
      count: 8,
    });
    expect(sha(sortedP.x)).toBe(sha(sortPixels(head(test, 8)).x));
    expect(sha(p.dataSync() as Float32Array)).not.toBe(sha(test.x.subarray(0, 8 * PIXELS)));
    const s = sortRows(tf, x);
    expect(sha(s.dataSync() as Float32Array)).toBe(sha(sortPixels(head(test, 8)).x));
    tf.dispose([x, n, p, s]);
  });

  it('adversarial training and the general model train through the engine without leaks', async () => {
    const before = tf.memory().numTensors;
    const m = createMLP(tf, [784, 32, 10], { seed: 5, name: 'robust-adv' });
    const r = await fitWithRecipe(
      tf,
      m,
      head(train, 256),
      { kind: 'adversarial', eps: 0.1, steps: 1, seed: 1 },
      { epochs: 1, batchSize: 64, learningRate: 1e-3, seed: 1 },
    );
    expect(r.status).toBe('done');
    expect(r.steps).toBe(4);
    expect(Number.isFinite(r.epochs[0]!.loss)).toBe(true);
    m.dispose();
    const g = createGeneralModel(tf, 1);
    const rg = await fitGeneral(tf, g, head(train, 128), {
      epochs: 1,
      batchSize: 64,
      learningRate: 1e-3,
      seed: 1,
      sigma: 0.5,
      eps: 0.1,
    });
    expect(rg.steps).toBe(2);
    const input = tf.tensor2d(test.x.subarray(0, 2 * PIXELS), [2, PIXELS]);
    const out = g.predict('t2', input);
    expect(out.shape).toEqual([2, 10]);
    tf.dispose([input, out]);
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('quantised bytes round to nearest', () => {
    expect(Array.from(toBytes(Float32Array.from([0, 0.5, 1, 1.2, -0.1, 0.1])))).toEqual([
      0, 128, 255, 255, 0, 26,
    ]);
  });
});
