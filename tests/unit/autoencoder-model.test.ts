import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  asTrainable,
  configProblem,
  createAutoencoder,
  initOutputBiasToMean,
  reconstructionLoss,
  trainingLoss,
  weightPenalty,
} from '../../src/lib/autoencoder/model.ts';
import { trainAutoencoder } from '../../src/lib/autoencoder/train.ts';
import {
  cholesky,
  encodeAll,
  fitCodeGaussian,
  generate,
  sampleCodes,
} from '../../src/lib/autoencoder/generate.ts';
import { codeSparsity, reconstructionMse } from '../../src/lib/autoencoder/evaluate.ts';
import { fitPca, projectPca } from '../../src/lib/autoencoder/pca.ts';
import { fitGaussian } from '../../src/lib/metrics/frechet.ts';
import { normalArray, rng } from '../../src/lib/util/random.ts';

describe('autoencoder module', async () => {
  const { tf } = await nodeTf('cpu');

  it('builds encoder/decoder of the configured depth, widths and code size', () => {
    const before = tf.memory().numTensors;
    const ae = createAutoencoder(tf, { inputSize: 20, hidden: [12, 8], latent: 3 }, 1);
    expect(ae.encoder.sizes).toEqual([20, 12, 8, 3]);
    expect(ae.decoder.sizes).toEqual([3, 8, 12, 20]);
    expect(ae.variables).toHaveLength(12);
    const shallow = createAutoencoder(tf, { inputSize: 20, hidden: [], latent: 5 }, 1);
    expect(shallow.encoder.sizes).toEqual([20, 5]);
    const [z, y, r] = tf.tidy(() => {
      const x = tf.randomUniform([4, 20]) as never;
      const z = ae.encode(x);
      return [z, ae.decode(z), ae.reconstruct(x)];
    });
    expect(z!.shape).toEqual([4, 3]);
    expect(y!.shape).toEqual([4, 20]);
    expect(r!.shape).toEqual([4, 20]);
    const v = y!.dataSync();
    expect(v.every((p) => p > 0 && p < 1)).toBe(true);
    tf.dispose([z!, y!, r!]);
    ae.dispose();
    shallow.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad configurations with a readable message', () => {
    expect(configProblem({ inputSize: 784, hidden: [64], latent: 0 })).toMatch(
      /code \(latent\) size/,
    );
    expect(configProblem({ inputSize: 784, hidden: [64, 1.5], latent: 2 })).toMatch(/hidden width/);
    expect(configProblem({ inputSize: 784, hidden: [], latent: 2, codeL1: -1 })).toMatch(/λ/);
    expect(configProblem({ inputSize: 784, hidden: [], latent: 2, weightDecay: NaN })).toMatch(
      /weight decay/,
    );
    expect(configProblem({ inputSize: 784, hidden: [64], latent: 8 })).toBeNull();
    expect(() => createAutoencoder(tf, { inputSize: 784, hidden: [], latent: -3 })).toThrow(
      /latent/,
    );
  });

  it('dropout acts on hidden layers during training only: noisy training passes, exact evaluation, codes and logits side by side', () => {
    const before = tf.memory().numTensors;
    expect(configProblem({ inputSize: 20, hidden: [12], latent: 3, dropout: 1 })).toMatch(
      /dropout/,
    );
    const cfg = { inputSize: 20, hidden: [16, 8], latent: 3 };
    const plain = createAutoencoder(tf, cfg, 4);
    const noisy = createAutoencoder(tf, { ...cfg, dropout: 0.5 }, 4);
    const [r1, r2, t1, t2, p0] = tf.tidy(() => {
      const x = tf.randomUniform([6, 20], 0, 1, 'float32', 3) as never;
      const train = asTrainable(tf, noisy, 9);
      return [
        noisy.reconstruct(x),
        plain.reconstruct(x),
        train.predict(x),
        train.predict(x),
        asTrainable(tf, plain).predict(x),
      ].map((t) => Array.from(t.dataSync()));
    });
    expect(r1).toEqual(r2); // evaluation ignores dropout: same weights, same output
    expect(t1).toHaveLength(6 * (20 + 3));
    expect(t1).not.toEqual(t2); // a fresh mask at every training pass
    expect(t1).not.toEqual(p0);
    [plain, noisy].forEach((m) => m.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the same seed builds the same weights; another seed does not', () => {
    const a = createAutoencoder(tf, { inputSize: 10, hidden: [6], latent: 2 }, 5);
    const b = createAutoencoder(tf, { inputSize: 10, hidden: [6], latent: 2 }, 5);
    const c = createAutoencoder(tf, { inputSize: 10, hidden: [6], latent: 2 }, 6);
    expect(Array.from(a.encoder.layers[0]!.w.dataSync())).toEqual(
      Array.from(b.encoder.layers[0]!.w.dataSync()),
    );
    expect(Array.from(a.encoder.layers[0]!.w.dataSync())).not.toEqual(
      Array.from(c.encoder.layers[0]!.w.dataSync()),
    );
    [a, b, c].forEach((m) => m.dispose());
  });

  it('MSE, BCE, the L1 code penalty and weight decay equal their float64 definitions', () => {
    const r = rng(2);
    const n = 3;
    const d = 5;
    const logits = Array.from(normalArray(n * d, 2, r));
    const x = Array.from({ length: n * d }, () => r.next());
    const sig = (t: number) => 1 / (1 + Math.exp(-t));
    const mse = logits.reduce((s, l, i) => s + (sig(l) - x[i]!) ** 2, 0) / (n * d);
    const bce =
      -logits.reduce(
        (s, l, i) => s + x[i]! * Math.log(sig(l)) + (1 - x[i]!) * Math.log(1 - sig(l)),
        0,
      ) /
      (n * d);
    const L = tf.tensor2d(logits, [n, d]);
    const X = tf.tensor2d(x, [n, d]);
    expect(reconstructionLoss(tf, 'mse', L, X).dataSync()[0]).toBeCloseTo(mse, 6);
    expect(reconstructionLoss(tf, 'bce', L, X).dataSync()[0]).toBeCloseTo(bce, 5);

    const ae = createAutoencoder(
      tf,
      { inputSize: d, hidden: [4], latent: 2, codeL1: 0.3, weightDecay: 0.01, loss: 'bce' },
      3,
    );
    const [total, rec, zAbs] = tf.tidy(() => {
      const pred = asTrainable(tf, ae).predict(X);
      const z = ae.encode(X);
      return [
        trainingLoss(tf, ae)(pred, X),
        reconstructionLoss(tf, 'bce', ae.decodeLogits(z), X),
        tf.mean(tf.abs(z)),
      ];
    });
    expect(total!.dataSync()[0]).toBeCloseTo(rec!.dataSync()[0]! + 0.3 * zAbs!.dataSync()[0]!, 6);
    const sq = [...ae.encoder.layers, ...ae.decoder.layers].reduce(
      (s, l) => s + Array.from(l.w.dataSync()).reduce((a, w) => a + w * w, 0),
      0,
    );
    const wp = weightPenalty(tf, ae);
    expect(wp.dataSync()[0]).toBeCloseTo((0.01 / 2) * sq, 5);
    tf.dispose([L, X, total!, rec!, zAbs!, wp]);
    ae.dispose();
  });

  it('initOutputBiasToMean makes an untrained decoder output ≈ the mean input where weights are zero', () => {
    const ae = createAutoencoder(tf, { inputSize: 4, hidden: [], latent: 1 }, 1);
    const xs = tf.tensor2d([0.2, 0.5, 0.9, 0, 0.4, 0.5, 0.7, 0], [2, 4]);
    initOutputBiasToMean(tf, ae, xs);
    const p = Array.from(tf.tidy(() => tf.sigmoid(ae.decoder.layers[0]!.b)).dataSync());
    [0.3, 0.5, 0.8, 0.001].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 5));
    xs.dispose();
    ae.dispose();
  });

  it('trains on the shared engine: reconstruction error falls, cancel returns "cancelled", nothing leaks', async () => {
    const before = tf.memory().numTensors;
    const r = rng(4);
    // 200 points on a 2-D linear subspace of R^8, squashed into (0,1): a 2-unit code suffices.
    const basis = normalArray(16, 1, r);
    const data = new Float32Array(200 * 8);
    for (let i = 0; i < 200; i++) {
      const a = r.normal();
      const b = r.normal();
      for (let j = 0; j < 8; j++)
        data[i * 8 + j] = 1 / (1 + Math.exp(-(a * basis[j]! + b * basis[8 + j]!)));
    }
    const xs = tf.tensor2d(data, [200, 8]);
    const ae = createAutoencoder(tf, { inputSize: 8, hidden: [16], latent: 2 }, 1);
    const m0 = await reconstructionMse(tf, ae, xs);
    const res = await trainAutoencoder(tf, ae, xs, {
      epochs: 60,
      batchSize: 32,
      seed: 1,
      optimizer: { name: 'adam', learningRate: 1e-2 },
    });
    expect(res.status).toBe('done');
    const m1 = await reconstructionMse(tf, ae, xs);
    expect(m1).toBeLessThan(0.1 * m0);
    const ctl = new AbortController();
    ctl.abort();
    expect((await trainAutoencoder(tf, ae, xs, { epochs: 1, signal: ctl.signal })).status).toBe(
      'cancelled',
    );
    await expect(
      trainAutoencoder(tf, ae, tf.zeros([3, 5]) as never, { epochs: 1 }),
    ).rejects.toThrow(/expects 8/);
    ae.dispose();
    xs.dispose();
    expect(tf.memory().numTensors).toBe(before + 1); // the zeros tensor of the rejected call
  });

  it('generation: Cholesky is exact, samples match the fitted Gaussian, decoded samples have the right shape', async () => {
    const a = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3];
    const l = cholesky(a, 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += l[i * 3 + k]! * l[j * 3 + k]!;
        expect(s).toBeCloseTo(a[i * 3 + j]!, 12);
      }
    expect(() => cholesky([1, 2, 2, 1], 2)).toThrow(/positive definite/);
    // Codes from a known Gaussian → fitted → resampled: mean and covariance are recovered.
    const r = rng(9);
    const n = 4000;
    const codes = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const e1 = r.normal();
      const e2 = r.normal();
      codes[2 * i] = 1 + 2 * e1;
      codes[2 * i + 1] = -1 + e1 + 0.5 * e2;
    }
    const g = fitCodeGaussian(codes, n, 2);
    const s = fitGaussian(sampleCodes(g, 20000, 3), 20000, 2);
    expect(s.mean[0]).toBeCloseTo(1, 1);
    expect(s.mean[1]).toBeCloseTo(-1, 1);
    expect(s.cov[0]).toBeCloseTo(4, 0);
    expect(s.cov[1]).toBeCloseTo(2, 0);
    expect(s.cov[3]).toBeCloseTo(1.25, 1);
    expect(Array.from(sampleCodes(g, 5, 7))).toEqual(Array.from(sampleCodes(g, 5, 7)));
    // A collapsed unit (variance 0) does not break the fit.
    const flat = Float32Array.from({ length: 20 }, (_, i) => (i % 2 ? 0 : i));
    expect(() => fitCodeGaussian(flat, 10, 2)).not.toThrow();

    const before = tf.memory().numTensors;
    const ae = createAutoencoder(tf, { inputSize: 6, hidden: [5], latent: 2 }, 1);
    const xs = tf.randomUniform([30, 6], 0, 1, 'float32', 1) as never;
    const c = await encodeAll(tf, ae, xs);
    expect(c).toHaveLength(60);
    const imgs = await generate(tf, ae, fitCodeGaussian(c, 30, 2), 7, 1);
    expect(imgs).toHaveLength(42);
    expect(imgs.every((p) => p > 0 && p < 1)).toBe(true);
    await expect(
      generate(tf, ae, g.d === 2 ? fitCodeGaussian(new Float32Array(30), 10, 3) : g, 2, 1),
    ).rejects.toThrow(/3 dimensions/);
    ae.dispose();
    (xs as { dispose(): void }).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sparsity measures: Hoyer is 1 for one active unit, 0 for equal units, and ignores scale', () => {
    expect(codeSparsity([0, 0, 3, 0], 1, 4).hoyer).toBeCloseTo(1, 12);
    expect(codeSparsity([2, -2, 2, 2], 1, 4).hoyer).toBeCloseTo(0, 12);
    const v = [0.1, 2, -0.05, 1, 0.3, 0, 0, -4];
    const a = codeSparsity(v, 2, 4);
    const b = codeSparsity(
      v.map((x) => 10 * x),
      2,
      4,
    );
    expect(a.hoyer).toBeCloseTo(b.hoyer, 12);
    expect(a.nearZero).toBe(b.nearZero);
    expect(a.nearZero).toBe(5 / 8); // row 1: 0.1, -0.05 (< 0.2); row 2: 0.3, 0, 0 (< 0.4)
    expect(b.meanAbs).toBeCloseTo(10 * a.meanAbs, 10);
  });

  it('PCA finds the direction of largest variance', () => {
    const r = rng(1);
    const n = 2000;
    const x = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const t = 3 * r.normal();
      x[3 * i] = t / Math.SQRT2 + 0.1 * r.normal();
      x[3 * i + 1] = t / Math.SQRT2 + 0.1 * r.normal();
      x[3 * i + 2] = 0.5 * r.normal();
    }
    const p = fitPca(x, n, 3, 2);
    expect(Math.abs(p.components[0]!)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(p.components[1]!)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(Math.abs(p.components[5]!)).toBeCloseTo(1, 2);
    expect(p.explained[0]).toBeGreaterThan(0.9);
    const proj = projectPca(p, x, n);
    expect(proj).toHaveLength(2 * n);
  });
});
