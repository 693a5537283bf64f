/** The VAE demo's model, in Node: the loss falls on a tiny seeded run, its terms add up, nothing leaks. */
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  binarised,
  createVae,
  elboTerms,
  evaluateElbo,
  initDecoderBiasToMean,
  linspace,
  originalsAndReconstructions,
  reconstruct,
  toBytes,
  trainVae,
  traversalGrid,
} from '../../src/lib/generative/vae.ts';
import { klToStdNormal } from '../../src/lib/generative/kl.ts';

describe('VAE on MNIST (quiz-2/3/5/6 demo)', async () => {
  const { tf } = await nodeTf('wasm');
  const trainSet = await nodeSource.load('train', { subset: { sample: 600, seed: 3 } });
  const testSet = await nodeSource.load('test', { subset: { first: 200 } });

  it('the loss terms are −log p(x|z) for a Bernoulli decoder and the closed-form KL', async () => {
    const vae = createVae(tf, { inputSize: 4, hidden: 3, latent: 2 }, 1);
    const before = tf.memory().numTensors;
    const x = [
      [1, 0, 1, 1],
      [0, 0, 1, 0],
    ];
    const [recon, kl, mu, lv, logits] = tf.tidy(() => {
      const xt = tf.tensor2d(x);
      const eps = tf.tensor2d([
        [0.5, -1],
        [0, 2],
      ]);
      const t = elboTerms(tf, vae, xt, eps);
      const { mu, logvar } = vae.encode(xt);
      const z = tf.add(mu, tf.mul(tf.exp(tf.mul(0.5, logvar)), eps));
      return [t.recon, t.kl, mu, logvar, vae.decodeLogits(z as never)];
    });
    const [r, k, m, l, lg] = await Promise.all([recon, kl, mu, lv, logits].map((t) => t.data()));
    tf.dispose([recon, kl, mu, lv, logits]);
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 2; i++) {
      let nll = 0;
      for (let j = 0; j < 4; j++) {
        const p = 1 / (1 + Math.exp(-lg![i * 4 + j]!));
        nll -= x[i]![j]! ? Math.log(p) : Math.log(1 - p);
      }
      expect(r![i]).toBeCloseTo(nll, 4);
      expect(k![i]).toBeCloseTo(
        klToStdNormal(
          Array.from(m!.slice(2 * i, 2 * i + 2)),
          Array.from(l!.slice(2 * i, 2 * i + 2)),
        ),
        5,
      );
    }
    vae.dispose();
  });

  it('the decoder bias starts at the logits of the mean image', async () => {
    const vae = createVae(tf, { inputSize: 3, hidden: 2, latent: 1 }, 1);
    const xs = tf.tensor2d([
      [1, 0, 1],
      [1, 0, 0],
      [1, 1, 0],
      [1, 0, 0],
    ]);
    initDecoderBiasToMean(tf, vae, xs);
    const b = await vae.decoder.layers[1]!.b.data();
    const logit = (p: number) => Math.log(p / (1 - p));
    expect(b[0]).toBeCloseTo(logit(0.999), 3); // mean 1, clipped
    expect(b[1]).toBeCloseTo(logit(0.25), 5);
    expect(b[2]).toBeCloseTo(logit(0.25), 5);
    xs.dispose();
    vae.dispose();
  });

  it('−ELBO falls on a tiny seeded run; recon falls, KL rises from ~0; no tensors leak', async () => {
    const before = tf.memory().numTensors;
    const xs = binarised(tf, trainSet);
    const held = binarised(tf, testSet);
    const epochs: number[] = [];
    // Without the mean-image bias, so that the start is the textbook "every pixel a fair coin".
    const run = await trainVae(tf, xs, held, {
      epochs: 4,
      batchSize: 50,
      hidden: 64,
      latent: 2,
      learningRate: 2e-3,
      seed: 1,
      meanBias: false,
      onEpoch: (e) => epochs.push(e.epoch),
    });
    expect(run.result.status).toBe('done');
    expect(epochs).toEqual([0, 1, 2, 3, 4]);
    const h = run.history;
    const first = h[0]!;
    const last = h[h.length - 1]!;
    // At random initialisation every pixel is near p = ½: −log p(x|z) ≈ 784 · log 2 ≈ 543 nats.
    expect(first.recon).toBeGreaterThan(400);
    expect(first.recon).toBeLessThan(700);
    expect(last.negElbo).toBeLessThan(first.negElbo - 150);
    expect(last.recon).toBeLessThan(first.recon - 150);
    expect(last.kl).toBeGreaterThan(first.kl);
    expect(last.negElbo).toBeCloseTo(last.recon + last.kl, 3);
    // The training loss also falls from epoch to epoch.
    expect(h[4]!.trainLoss).toBeLessThan(h[1]!.trainLoss);
    // Evaluation is deterministic (fixed noise).
    const again = await evaluateElbo(tf, run.vae, held);
    expect(again.negElbo).toBeCloseTo(last.negElbo, 3);
    const grid = await traversalGrid(tf, run.vae, 5);
    expect(grid.length).toBe(25 * 784);
    const four = held.slice([0, 0], [4, 784]);
    const rec = await reconstruct(tf, run.vae, four);
    expect(rec.length).toBe(4 * 784);
    // The figure's rows: the four originals as bytes, then the same four reconstructions.
    const rows = await originalsAndReconstructions(tf, run.vae, held, 4);
    expect(rows.length).toBe(8 * 784);
    expect(Array.from(rows.subarray(0, 4 * 784))).toEqual(Array.from(toBytes(await four.data())));
    expect(Array.from(rows.subarray(4 * 784))).toEqual(Array.from(rec));
    run.vae.dispose();
    tf.dispose([xs, held, four]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('with the mean-image bias, training starts at the mean digit (far below 784·log 2) and still improves', async () => {
    const xs = binarised(tf, trainSet);
    const held = binarised(tf, testSet);
    const run = await trainVae(tf, xs, held, {
      epochs: 2,
      batchSize: 50,
      hidden: 64,
      latent: 2,
      learningRate: 2e-3,
      seed: 1,
    });
    const [first, last] = [run.history[0]!, run.history[run.history.length - 1]!];
    expect(first.recon).toBeGreaterThan(150);
    expect(first.recon).toBeLessThan(260);
    expect(first.kl).toBeLessThan(1);
    expect(last.negElbo).toBeLessThan(first.negElbo);
    run.vae.dispose();
    tf.dispose([xs, held]);
  });

  it('a cancelled run stops and leaves only the model to dispose', async () => {
    const before = tf.memory().numTensors;
    const xs = binarised(tf, trainSet);
    const held = binarised(tf, testSet);
    const ac = new AbortController();
    const run = await trainVae(tf, xs, held, {
      epochs: 3,
      batchSize: 50,
      hidden: 32,
      latent: 2,
      seed: 2,
      signal: ac.signal,
      onStep: (s) => s.step === 3 && ac.abort(),
    });
    expect(run.result.status).toBe('cancelled');
    expect(run.result.steps).toBe(3);
    run.vae.dispose();
    tf.dispose([xs, held]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('linspace spans −range … range', () => {
    expect(linspace(5, 2)).toEqual([-2, -1, 0, 1, 2]);
    expect(linspace(1, 2)).toEqual([0]);
  });
});
