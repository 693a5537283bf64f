import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { prototypicalLoss, createEmbedding } from '../../src/lib/fewshot/model.ts';
import { prototypeProbabilities, prototypes } from '../../src/lib/fewshot/protonet.ts';
import { runFewShot, type FewShotOptions } from '../../src/lib/fewshot/run.ts';

describe('dl-44: episodic prototypical training on MNIST', async () => {
  const { tf } = await nodeTf('wasm');
  const trainSplit = await nodeSource.load('train', { subset: { first: 6000 } });
  const testSplit = await nodeSource.load('test', { subset: { first: 2000 } });
  const base: FewShotOptions = {
    baseClasses: [0, 1, 2, 3, 4],
    novelClasses: [5, 6, 7, 8, 9],
    net: 'cnn',
    dim: 64,
    trainEpisodes: 80,
    episodesPerStep: 1,
    trainShot: 5,
    trainQuery: 5,
    learningRate: 1e-3,
    way: 5,
    shots: [1, 5],
    query: 15,
    episodes: 300,
    seed: 1,
  };

  it('the tensor loss equals the mean −log softmax(−d²) of the plain rule, for two episodes at once', () => {
    const [way, shot, query, dim] = [3, 2, 2, 4];
    const rows = way * (shot + query);
    const emb = Float32Array.from({ length: 2 * rows * dim }, (_, i) => Math.sin(i * 0.7) * 2);
    const targets = Int32Array.from([0, 0, 1, 1, 2, 2, 0, 0, 1, 1, 2, 2]);
    const loss = tf.tidy(
      () =>
        prototypicalLoss(
          tf,
          tf.tensor2d(emb, [2 * rows, dim]),
          tf.tensor2d(targets, [2, way * query], 'int32'),
          way,
          shot,
          query,
        ).dataSync()[0]!,
    );
    let ref = 0;
    for (let e = 0; e < 2; e++) {
      const ep = emb.subarray(e * rows * dim, (e + 1) * rows * dim);
      const protos = prototypes(ep.subarray(0, way * shot * dim), dim, [0, 0, 1, 1, 2, 2], way);
      const p = prototypeProbabilities(ep.subarray(way * shot * dim), protos, dim);
      for (let q = 0; q < way * query; q++)
        ref -= Math.log(p[q * way + targets[e * way * query + q]!]!);
    }
    expect(loss).toBeCloseTo(ref / (2 * way * query), 4);
  });

  it('trained on digits 0–4 only, it beats raw pixels and chance on digits 5–9 at 1 and 5 shots, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const r = await runFewShot(tf, trainSplit, testSplit, base);
    expect(r.status).toBe('done');
    expect(tf.memory().numTensors).toBe(before);
    const losses = r.train!.epochs[0]!.loss;
    expect(losses).toBeLessThan(Math.log(5)); // below the loss of a uniform guess over 5 classes
    for (const s of r.results) {
      expect(s.chance).toBe(0.2);
      expect(s.raw.mean).toBeGreaterThan(s.chance + 0.15);
      // Same episodes for both: the trained embedding is better by more than both intervals together.
      expect(s.trained.mean - s.raw.mean).toBeGreaterThan(s.trained.ci95 + s.raw.ci95);
      expect(s.trained.mean).toBeGreaterThan(s.untrained.mean);
    }
    expect(r.results[1]!.trained.mean).toBeGreaterThan(r.results[0]!.trained.mean); // 5 shots beat 1
    const ex = r.example!;
    expect(ex.shot).toBe(5);
    ex.classes.forEach((c) => expect([5, 6, 7, 8, 9]).toContain(c));
    expect(ex.supportImages.length).toBe(25 * 784);
    ex.truth.forEach((t) => expect([5, 6, 7, 8, 9]).toContain(t));
  });

  it('stops when cancelled, mid-training, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const r = await runFewShot(tf, trainSplit, testSplit, {
      ...base,
      trainEpisodes: 500,
      signal: ctl.signal,
      onStep: (s) => s.step === 3 && ctl.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(r.train!.steps).toBe(3);
    expect(r.results).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a split in which a test digit was a training digit', async () => {
    await expect(
      runFewShot(tf, trainSplit, testSplit, { ...base, novelClasses: [4, 5, 6] }),
    ).rejects.toThrow(/unseen/);
  });

  it('the MLP and CNN embeddings map [n, 784] to [n, dim]', () => {
    for (const kind of ['mlp', 'cnn'] as const) {
      const m = createEmbedding(tf, kind, 16, 1, [4, 8]);
      expect(tf.tidy(() => m.predict(tf.zeros([3, 784])).shape)).toEqual([3, 16]);
      m.dispose();
    }
  });
});
