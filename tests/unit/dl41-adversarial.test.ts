import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  accuracyCurve,
  deltaToRgba,
  maxAbs,
  parseEpsList,
  robustAccuracy,
  showcase,
} from '../../src/lib/adversarial/attack-lab.ts';
import {
  compareTraining,
  quantise,
  quantiseValue,
  squeezeComparison,
  squeezed,
} from '../../src/lib/adversarial/defences.ts';
import { inputGradient } from '../../src/lib/robustness/attacks.ts';
import { classifierOf } from '../../src/lib/robustness/recipes.ts';
import { PIXELS } from '../../src/lib/data/mnist-geometry.ts';
import { fromSplit, head } from '../../src/lib/robustness/variants.ts';
import { mlpFromArtifacts, type ModelJson } from '../../src/lib/robustness/weights.ts';

const modelDir = join(import.meta.dirname, '../../public/models/robustness/baseline');

describe('dl-41: attacks and defences on the shipped MNIST network', async () => {
  const { tf } = await nodeTf('wasm');
  const json = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as ModelJson;
  const model = mlpFromArtifacts(
    tf,
    json,
    new Uint8Array(readFileSync(join(modelDir, 'weights.bin'))),
    'dl41-shipped',
  );
  const c = classifierOf(model);
  const test = fromSplit(await nodeSource.load('test', { subset: { first: 200 } }));

  it('FGSM and PGD stay inside the ε-ball and the pixel range, and flip confident predictions', async () => {
    const before = tf.memory().numTensors;
    const eps = 0.15;
    const items = await showcase(tf, c, test, [0, 1, 2, 3, 4, 5], eps, 20, 3);
    expect(tf.memory().numTensors).toBe(before);
    for (const it of items) {
      for (const a of [it.fgsm, it.pgd]) {
        expect(maxAbs(a.delta)).toBeLessThanOrEqual(eps + 1e-6);
        expect(Math.min(...a.image)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...a.image)).toBeLessThanOrEqual(1);
        // δ is exactly adversarial − clean.
        expect(a.image[300]! - it.clean[300]!).toBeCloseTo(a.delta[300]!, 6);
      }
      // FGSM moves every pixel that the range does not pin by exactly ±ε (the sign step), or by 0 where
      // the float32 gradient is exactly zero (sign(0) = 0; a handful of pixels).
      let other = 0;
      let still = 0;
      it.clean.forEach((v, i) => {
        if (v < eps || v > 1 - eps) return;
        const d = Math.abs(it.fgsm.delta[i]!);
        if (d === 0) still++;
        else if (Math.abs(d - eps) > 1e-5) other++;
      });
      expect(other).toBe(0);
      // Where the softmax is saturated (p > 1 − 10⁻⁵) most of the float32 gradient underflows to 0.
      if (it.before.confidence < 1 - 1e-5) expect(still).toBeLessThanOrEqual(3);
      expect(it.before.confidence).toBeGreaterThan(0.5);
      expect(it.pgd.prediction.trueProbability).toBeLessThan(it.before.trueProbability);
    }
    // Clean predictions are right; at ε = 0.15 PGD flips (almost) all of these six.
    expect(items.filter((i) => i.before.label === i.label).length).toBe(6);
    expect(items.filter((i) => i.pgd.prediction.label !== i.label).length).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('PGD is at least as strong as FGSM at every ε, and both get stronger with ε', async () => {
    const before = tf.memory().numTensors;
    const curve = (await accuracyCurve(tf, c, head(test, 120), [0, 0.05, 0.1], {
      pgdSteps: 10,
      seed: 1,
    }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(curve[0]!.fgsm).toBeGreaterThan(0.95);
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i]!.pgd).toBeLessThanOrEqual(curve[i]!.fgsm);
      expect(curve[i]!.fgsm).toBeLessThan(curve[i - 1]!.fgsm);
      expect(curve[i]!.pgd).toBeLessThan(curve[i - 1]!.pgd);
    }
    expect(curve[2]!.pgd).toBeLessThan(0.2);
  }, 60_000);

  it("the quantiser rounds to the grid; its exact gradient is zero, the straight-through one is the model's", () => {
    const v = [0, 0.1, 0.16, 0.17, 0.49, 0.5, 0.51, 0.82, 1];
    const q = tf.tidy(() => quantise(tf, tf.tensor1d(v), 4).dataSync());
    expect(Array.from(q)).toEqual(v.map((x) => Math.fround(quantiseValue(x, 4))));
    expect(v.map((x) => quantiseValue(x, 4))).toEqual([
      0,
      0,
      0,
      1 / 3,
      1 / 3,
      2 / 3,
      2 / 3,
      2 / 3,
      1,
    ]);
    // A tie (0.5 with two levels) goes to the even level, 0, as in tf.round.
    expect(v.map((x) => quantiseValue(x, 2))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1]);
    const before = tf.memory().numTensors;
    const [exact, bpda, reference] = tf.tidy(() => {
      const x = tf.tensor2d(test.x.subarray(0, 4 * PIXELS), [4, PIXELS]);
      const y = tf.tensor1d(Int32Array.from(test.labels.subarray(0, 4)), 'int32');
      return [
        maxAbs(inputGradient(tf, squeezed(tf, c, 4, 'exact'), x, y).dataSync()),
        inputGradient(tf, squeezed(tf, c, 4, 'bpda'), x, y).dataSync(),
        inputGradient(tf, c, quantise(tf, x, 4) as typeof x, y).dataSync(),
      ];
    }) as unknown as [number, Float32Array, Float32Array];
    expect(tf.memory().numTensors).toBe(before);
    expect(exact).toBe(0);
    expect(maxAbs(bpda)).toBeGreaterThan(0);
    for (let i = 0; i < bpda.length; i += 37) expect(bpda[i]).toBeCloseTo(reference[i]!, 5);
  });

  it('2-bit squeezing looks perfect against the masked attack, but BPDA breaks it once ε passes half a grey step', async () => {
    const before = tf.memory().numTensors;
    const set = head(test, 80);
    const [clean, small, big] = (await squeezeComparison(tf, c, set, [0, 0.1, 0.2], 4, {
      steps: 10,
      seed: 2,
    }))!;
    expect(tf.memory().numTensors).toBe(before);
    // Squeezing costs little clean accuracy.
    expect(clean!.masked).toBeGreaterThan(clean!.undefended - 0.05);
    for (const r of [small!, big!]) {
      expect(r.undefended).toBeLessThan(0.1);
      // The zero gradient leaves the attack stuck at its random start: the defence looks almost perfect.
      expect(r.masked).toBeGreaterThan(clean!.masked - 0.06);
    }
    // ε = 0.1 < 1/6 (half the grid step): background pixels cannot cross a rounding threshold, the defence holds.
    expect(small!.bpda).toBeGreaterThan(0.6);
    // ε = 0.2 > 1/6: the adaptive attack (and even the oblivious one) takes accuracy to almost nothing.
    expect(big!.bpda).toBeLessThan(0.1);
    expect(big!.bpda).toBeLessThan(big!.masked - 0.8);
  }, 90_000);

  it('a white-box attack through the masked gradient finds nothing that the oblivious transfer attack does', async () => {
    const set = head(test, 60);
    const exact = squeezed(tf, c, 4, 'exact');
    const masked = (await robustAccuracy(tf, exact, set, { kind: 'fgsm', eps: 0.25 }))!;
    // sign(0) = 0: FGSM through the exact gradient returns the clean image itself.
    let moved = 0;
    for (let i = 0; i < set.x.length; i++) if (masked.adversarial[i] !== set.x[i]) moved++;
    expect(moved).toBe(0);
    const oblivious = (await robustAccuracy(
      tf,
      exact,
      set,
      { kind: 'fgsm', eps: 0.25 },
      { target: c },
    ))!;
    expect(oblivious.accuracy).toBeLessThan(masked.accuracy - 0.5);
  }, 30_000);

  it('adversarial training (FGSM from a random start) raises robust accuracy over plain training of the same MLP', async () => {
    const train = fromSplit(await nodeSource.load('train', { subset: { first: 2000 } }));
    const before = tf.memory().numTensors;
    const r = (await compareTraining(tf, train, head(test, 150), {
      hidden: [64],
      epochs: 3,
      batchSize: 64,
      learningRate: 3e-3,
      eps: 0.1,
      trainSteps: 1,
      evalSteps: 10,
      seed: 1,
    }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(r.standard.clean).toBeGreaterThan(0.8);
    expect(r.standard.robust).toBeLessThan(0.2);
    expect(r.adversarial.robust).toBeGreaterThan(r.standard.robust + 0.15);
    // The price: adversarial training does not improve clean accuracy here.
    expect(r.adversarial.clean).toBeLessThanOrEqual(r.standard.clean + 0.02);
    const ac = new AbortController();
    ac.abort();
    expect(
      await compareTraining(tf, train, head(test, 20), {
        hidden: [16],
        epochs: 1,
        batchSize: 64,
        learningRate: 3e-3,
        eps: 0.1,
        trainSteps: 1,
        evalSteps: 2,
        seed: 1,
        signal: ac.signal,
      }),
    ).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('parses ε lists and refuses bad ones with a readable message; colours perturbations by sign', () => {
    expect(parseEpsList('0.1, 0, 0.05,0.1')).toEqual([0, 0.05, 0.1]);
    expect(() => parseEpsList('')).toThrow(/at least one/);
    expect(() => parseEpsList('0.1, abc')).toThrow(/"abc" is not a number/);
    expect(() => parseEpsList('0.1, 0x1')).toThrow(/not a number/);
    expect(() => parseEpsList('0.7')).toThrow(/outside \[0, 0.5\]/);
    expect(() => parseEpsList('-0.1')).toThrow(/outside/);
    const rgba = deltaToRgba([0.1, -0.1, 0, 0.05], 0.1);
    expect(Array.from(rgba.subarray(0, 4))).toEqual([255, 0, 0, 255]);
    expect(Array.from(rgba.subarray(4, 8))).toEqual([0, 0, 255, 255]);
    expect(Array.from(rgba.subarray(8, 12))).toEqual([255, 255, 255, 255]);
    expect(Array.from(rgba.subarray(12, 16))).toEqual([255, 128, 128, 255]);
  });
});
