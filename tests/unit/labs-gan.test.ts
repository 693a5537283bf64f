import { describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  createGan,
  discriminatorLoss,
  ganObjective,
  generatorGradientMagnitude,
  generatorLoss,
  meanSignedImage,
  runGan,
  stopGradient,
  toSigned,
} from '../../src/lib/labs/gan.ts';
import { scoreImages, scoreProbabilities, trainScorer } from '../../src/lib/labs/gan-score.ts';
import { normalArray, rng } from '../../src/lib/util/random.ts';
import { compareGeneratorLosses, scoreRealImages } from '../../src/lib/labs/gan-comparison.ts';

/** The fully connected generator at a size that trains in a second. */
const TINY_MLP_GAN = {
  generator: 'mlp',
  zDim: 8,
  hidden: 16,
  epochs: 1,
  batchSize: 64,
  learningRate: 5e-4,
  samples: 4,
} as const;

describe('dl-55: GAN on the shared engine', async () => {
  const { tf } = await nodeTf('wasm');
  const sig = (s: number) => 1 / (1 + Math.exp(-s));

  it('stopGradient passes values and blocks gradients', () => {
    const g = tf.tidy(() =>
      tf
        .grad((x: TF.Tensor) => tf.sum(tf.mul(stopGradient(tf, x), x)))(tf.tensor1d([1, -2, 3]))
        .dataSync(),
    );
    expect(Array.from(g)).toEqual([1, -2, 3]); // d/dx [c·x] with c = x held constant
  });

  it('the loss formulas equal their textbook forms, and the gradient magnitudes are σ(s) and 1 − σ(s)', () => {
    const s = [-4, -1, 0, 2.5];
    const [mm, ns, d] = tf.tidy(() => {
      const t = tf.tensor1d(s);
      return [
        generatorLoss(tf, t, 'minimax').dataSync()[0]!,
        generatorLoss(tf, t, 'non-saturating').dataSync()[0]!,
        discriminatorLoss(tf, t, tf.neg(t)).dataSync()[0]!,
      ];
    });
    const mean = (f: (v: number) => number) => s.reduce((a, v) => a + f(v), 0) / s.length;
    expect(mm).toBeCloseTo(
      mean((v) => Math.log(1 - sig(v))),
      5,
    );
    expect(ns).toBeCloseTo(
      mean((v) => -Math.log(sig(v))),
      5,
    );
    expect(d).toBeCloseTo(mean((v) => -Math.log(sig(v))) + mean((v) => -Math.log(1 - sig(-v))), 5);
    for (const kind of ['minimax', 'non-saturating'] as const) {
      const g = tf.tidy(() =>
        tf
          .grad((t: TF.Tensor) => tf.mul(generatorLoss(tf, t, kind), s.length))(tf.tensor1d(s))
          .dataSync(),
      );
      s.forEach((v, i) =>
        expect(Math.abs(g[i]!)).toBeCloseTo(generatorGradientMagnitude(sig(v), kind), 5),
      );
    }
  });

  it('the joint objective gives each player exactly the gradient of its own loss', async () => {
    const gan = createGan(tf, { zDim: 4, hidden: 8, seed: 3 });
    const r = rng(1);
    const real = tf.tensor2d(normalArray(5 * 784, 0.5, r), [5, 784]);
    const z = tf.tensor2d(normalArray(5 * 4, 1, r), [5, 4]);
    const gVars = gan.generator.variables;
    const dVars = gan.discriminator.variables;
    for (const kind of ['minimax', 'non-saturating'] as const) {
      const joint = tf.variableGrads(
        () => ganObjective(tf, gan, real, z, kind),
        [...gVars, ...dVars],
      );
      const own = {
        ...tf.variableGrads(() => generatorLoss(tf, gan.logits(gan.generate(z)), kind), gVars)
          .grads,
        ...tf.variableGrads(
          () => discriminatorLoss(tf, gan.logits(real), gan.logits(gan.generate(z))),
          dVars,
        ).grads,
      };
      for (const v of [...gVars, ...dVars]) {
        const a = joint.grads[v.name]!.dataSync();
        const b = own[v.name]!.dataSync();
        expect(a.length).toBe(b.length);
        a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, 5));
      }
      // and the generator's gradient is not zero (the frozen D still passes gradients to the images)
      expect(
        Math.max(...Array.from(joint.grads[gVars[0]!.name]!.dataSync(), Math.abs)),
      ).toBeGreaterThan(0);
      tf.dispose([joint.value, ...Object.values(joint.grads), ...Object.values(own)]);
    }
    tf.dispose([real, z]);
    gan.dispose();
  });

  it('classifier score: 1 for identical predictions, 10 for confident and balanced ones', () => {
    const k = 10;
    const same = Array.from({ length: 5 * k }, (_, i) => (i % k === 3 ? 1 : 0));
    expect(scoreProbabilities(same, 5, k)).toEqual({ confidence: 1, score: 1 });
    const spread = Array.from({ length: k * k }, (_, i) => (i % k === Math.floor(i / k) ? 1 : 0));
    expect(scoreProbabilities(spread, k, k).score).toBeCloseTo(10, 10);
    const uniform = new Array(3 * k).fill(0.1);
    const u = scoreProbabilities(uniform, 3, k);
    expect(u.score).toBeCloseTo(1, 10);
    expect(u.confidence).toBeCloseTo(0.1, 10);
  });

  it('a short run makes the samples more digit-like to a classifier, for both losses, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const data = await nodeSource.load('train', { subset: { first: 1024 } });
    const scorer = (await trainScorer(tf, data, 7))!;
    const o = {
      zDim: 64,
      hidden: 64,
      epochs: 2,
      batchSize: 64,
      learningRate: 5e-4,
      samples: 8,
      seed: 2,
      scorer,
    };
    // The untrained generator (same seed and initialisation as the runs): blurred average digits.
    const meanImage = meanSignedImage(data);
    const ref = tf.tidy(() => tf.mean(toSigned(tf, data), 0).dataSync());
    meanImage.forEach((v, p) => expect(v).toBeCloseTo(ref[p]!, 5));
    const gan = createGan(tf, { zDim: o.zDim, hidden: o.hidden, seed: o.seed, meanImage });
    const fake0 = tf.tidy(() =>
      gan.generate(tf.tensor2d(normalArray(256 * o.zDim, 1, rng(5)), [256, o.zDim])),
    );
    const untrained = await scoreImages(tf, scorer, fake0);
    tf.dispose(fake0);
    // Real digits are the reference: the classifier finds them far more digit-like than the untrained samples.
    const real = await scoreRealImages(tf, scorer, data, 256);
    expect(real.count).toBe(256);
    expect(real.confidence).toBeGreaterThan(untrained.confidence + 0.2);
    expect(real.score).toBeGreaterThan(untrained.score);
    expect((await scoreRealImages(tf, scorer, data, 10 ** 6)).count).toBe(data.count);
    gan.dispose();
    for (const kind of ['minimax', 'non-saturating'] as const) {
      const r = await runGan(tf, data, { ...o, kind });
      expect(r.result.status).toBe('done');
      expect(r.epochs).toHaveLength(2);
      const last = r.epochs[1]!;
      expect(last.samples.length).toBe(o.samples * 784);
      expect(last.quality!.confidence).toBeGreaterThan(untrained.confidence + 0.1);
      expect(last.quality!.score).toBeGreaterThan(untrained.score);
      expect(last.dReal).toBeGreaterThan(last.dFake); // the discriminator has learned something too
    }
    scorer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('compareGeneratorLosses: one run per loss in order with the real reference; a cancel stops it; nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const data = await nodeSource.load('train', { subset: { first: 256 } });
    const o = {
      kinds: ['non-saturating', 'minimax'] as const,
      generator: 'mlp' as const,
      zDim: 16,
      hidden: 32,
      epochs: 1,
      batchSize: 64,
      learningRate: 5e-4,
      samples: 4,
      seed: 3,
    };
    const seen: string[] = [];
    const c = await compareGeneratorLosses(tf, data, {
      ...o,
      kinds: [...o.kinds],
      onStep: (kind, index) => seen.push(`${index}:${kind}`),
    });
    expect(c.status).toBe('done');
    expect(c.runs.map((r) => r.kind)).toEqual(['non-saturating', 'minimax']);
    for (const r of c.runs) expect(r.epochs[0]!.quality!.score).toBeGreaterThanOrEqual(1);
    expect(new Set(seen)).toEqual(new Set(['0:non-saturating', '1:minimax']));
    expect(c.real!.count).toBe(256);
    // Cancelled during the second run: the first run is kept, the second is not.
    const stop = new AbortController();
    const cut = await compareGeneratorLosses(tf, data, {
      ...o,
      kinds: [...o.kinds],
      signal: stop.signal,
      onStep: (_kind, index) => index === 1 && stop.abort(),
    });
    expect(cut.status).toBe('cancelled');
    expect(cut.runs.map((r) => r.kind)).toEqual(['non-saturating']);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('the fully connected generator option runs too', async () => {
    const before = tf.memory().numTensors;
    const r = await runGan(tf, await nodeSource.load('train', { subset: { first: 128 } }), {
      kind: 'non-saturating',
      ...TINY_MLP_GAN,
      seed: 1,
    });
    expect(r.epochs[0]!.samples.length).toBe(4 * 784);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("the seed decides the GAN's run (weights, noise, batch order), not the scoring classifier", async () => {
    const data = await nodeSource.load('train', { subset: { first: 128 } });
    const compare = (seed: number) =>
      compareGeneratorLosses(tf, data, {
        kinds: ['non-saturating'],
        ...TINY_MLP_GAN,
        seed,
      });
    const [a, again, other] = [await compare(4), await compare(4), await compare(5)];
    const epoch = (c: typeof a) => c.runs[0]!.epochs[0]!;
    expect(Array.from(epoch(again).samples)).toEqual(Array.from(epoch(a).samples));
    expect(epoch(again).dFake).toBe(epoch(a).dFake);
    expect(Array.from(epoch(other).samples)).not.toEqual(Array.from(epoch(a).samples));
    expect(other.real).toEqual(a.real); // one classifier measures every seed's samples
  }, 60_000);
});
