import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { fitPca, projectPca } from '../../src/lib/autoencoder/pca.ts';
import { fitGaussian } from '../../src/lib/metrics/frechet.ts';
import { rng } from '../../src/lib/util/random.ts';
import {
  agreement,
  covarianceOnDevice,
  fitTopPca,
  knnPredict,
  majorityShare,
  meanSquaredError,
  pcaReconstruct,
  runDimRed,
} from '../../src/lib/labs/dimred.ts';

/** n rows of d numbers with a decaying spectrum (column j scaled by 1/(j+1)), seeded. */
function data(n: number, d: number, seed: number): Float64Array {
  const r = rng(seed);
  const mix = Array.from({ length: d * d }, () => r.normal());
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: d }, (_, j) => r.normal() / (j + 1));
    for (let a = 0; a < d; a++)
      for (let j = 0; j < d; j++) x[i * d + a]! += mix[a * d + j]! * z[j]! * 0.3;
  }
  return x;
}

describe('dl-56: autoencoder vs PCA for 2-D codes', async () => {
  const { tf } = await nodeTf('wasm');

  it("subspace-iteration PCA gives the top directions of pca.ts's full Jacobi fitPca (synthetic and 14×14 MNIST)", async () => {
    const check = (x: ArrayLike<number>, n: number, d: number) => {
      const ref = fitPca(x, n, d, 2);
      const mine = fitTopPca(x, n, d, 2);
      mine.components.forEach((v, i) => expect(v).toBeCloseTo(ref.components[i]!, 8));
      mine.explained.forEach((v, i) => expect(v).toBeCloseTo(ref.explained[i]!, 10));
    };
    check(data(400, 30, 1), 400, 30);
    const mnist = await nodeSource.load('train', { subset: { first: 600 } });
    const pooled = new Float64Array(600 * 196); // 2×2 average pooling keeps the test fast for the O(d³) reference
    for (let i = 0; i < 600; i++)
      for (let y = 0; y < 28; y++)
        for (let x = 0; x < 28; x++)
          pooled[i * 196 + (y >> 1) * 14 + (x >> 1)]! +=
            mnist.images[i * 784 + y * 28 + x]! / 255 / 4;
    check(pooled, 600, 196);
  });

  it('the covariance on the tfjs backend equals the float64 one; with all components PCA reconstructs exactly', async () => {
    const x = data(200, 12, 2);
    const g = fitGaussian(x, 200, 12);
    const xs = tf.tensor2d(Float32Array.from(x), [200, 12]);
    const dev = await covarianceOnDevice(tf, xs);
    xs.dispose();
    dev.cov.forEach((v, i) => expect(v).toBeCloseTo(g.cov[i]!, 5));
    dev.mean.forEach((v, i) => expect(v).toBeCloseTo(g.mean[i]!, 6));
    const p = fitPca(x, 200, 12, 12);
    const back = pcaReconstruct(p, projectPca(p, x, 200), 200);
    expect(meanSquaredError(back, x)).toBeLessThan(1e-10);
    // With two components, the error is the variance left in the other ten directions.
    const p2 = fitPca(x, 200, 12, 2);
    const all = fitPca(x, 200, 12, 12);
    const rest = Array.from(all.variances)
      .slice(2)
      .reduce((s, v) => s + v, 0);
    expect(meanSquaredError(pcaReconstruct(p2, projectPca(p2, x, 200), 200), x)).toBeCloseTo(
      (rest * 199) / 200 / 12,
      4,
    );
  });

  it('k-NN: nearest labels, majority vote, ties broken by the closest neighbour', () => {
    // Reference points on a line: 0 → a, 1 → a, 2 → b, 10 → b, 11 → c.
    const ref = [0, 1, 2, 10, 11];
    const lab = [0, 0, 1, 1, 2];
    expect(Array.from(knnPredict(ref, lab, [0.2, 2.1, 10.6], 1, 1, 3))).toEqual([0, 1, 2]);
    expect(Array.from(knnPredict(ref, lab, [0.2, 10.6], 1, 3, 3))).toEqual([0, 1]); // 0.2: a,a,b → a; 10.6: c,b,b → b
    expect(Array.from(knnPredict(ref, lab, [10.4], 1, 2, 3))).toEqual([1]); // b at 0.4 and c at 0.6 tie 1–1: b is closer
    expect(() => knnPredict(ref, lab, [0], 1, 6, 3)).toThrow(/k must be/);
    expect(agreement([1, 2, 3], [1, 0, 3])).toBeCloseTo(2 / 3, 12);
    expect(majorityShare([1, 1, 2, 3], 4)).toBe(0.5);
  });

  it("a short run: the autoencoder's loss falls and its 2-D codes classify test digits far above chance; no leaks", async () => {
    const before = tf.memory().numTensors;
    const tr = await nodeSource.load('train', { subset: { first: 2000 } });
    const te = await nodeSource.load('test', { subset: { first: 500 } });
    const pcaSeen: number[] = [];
    const settings = { hidden: [64], epochs: 3, batchSize: 64, learningRate: 3e-3, k: 5, seed: 1 };
    const r = await runDimRed(tf, tr, te, {
      ...settings,
      onEpoch: (_e, _ae, pca) => void pcaSeen.push(pca.mse),
    });
    expect(r.result.status).toBe('done');
    expect(pcaSeen).toEqual([r.pca.mse, r.pca.mse, r.pca.mse]); // each epoch can compare with PCA
    expect(r.history).toHaveLength(3);
    expect(r.history[2]!.loss).toBeLessThan(r.history[0]!.loss);
    expect(r.ae!.codes.length).toBe(500 * 2);
    expect(r.chance).toBeLessThan(0.15);
    expect(r.ae!.knn).toBeGreaterThan(2.5 * r.chance);
    expect(r.pca.knn).toBeGreaterThan(2 * r.chance);
    // Two principal components reconstruct better than the mean image alone (PCA's 0 components).
    const xTest = Float32Array.from(te.images, (v) => v / 255);
    const mean = new Float32Array(784);
    for (let i = 0; i < 2000; i++)
      for (let p = 0; p < 784; p++) mean[p]! += tr.images[i * 784 + p]! / 255 / 2000;
    const meanMse = meanSquaredError(
      xTest,
      Float32Array.from({ length: xTest.length }, (_, i) => mean[i % 784]!),
    );
    expect(r.pca.mse).toBeLessThan(meanMse);
    expect(r.ae!.mse).toBeLessThan(meanMse);
    expect(r.pca.explained[0]).toBeGreaterThan(r.pca.explained[1]);
    expect(tf.memory().numTensors).toBe(before);
    // Cancelled before the first step: no embedding, nothing left behind.
    const c = new AbortController();
    c.abort();
    const rc = await runDimRed(tf, tr, te, { ...settings, signal: c.signal });
    expect(rc.result.status).toBe('cancelled');
    expect(rc.ae).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
    await expect(
      runDimRed(tf, tr, te, {
        hidden: [64],
        epochs: 0,
        batchSize: 64,
        learningRate: 3e-3,
        k: 5,
        seed: 1,
      }),
    ).rejects.toThrow(/Epochs must be/);
  }, 60_000);

  it('the seed decides the run: the same seed repeats it exactly, another seed trains another autoencoder', async () => {
    const tr = await nodeSource.load('train', { subset: { first: 300 } });
    const te = await nodeSource.load('test', { subset: { first: 100 } });
    const run = (seed: number) =>
      runDimRed(tf, tr, te, {
        hidden: [16],
        epochs: 1,
        batchSize: 64,
        learningRate: 3e-3,
        k: 3,
        seed,
      });
    const [a, again, other] = [await run(4), await run(4), await run(5)];
    expect(Array.from(again.ae!.codes)).toEqual(Array.from(a.ae!.codes));
    expect(again.history).toEqual(a.history);
    expect(Array.from(other.ae!.codes)).not.toEqual(Array.from(a.ae!.codes));
    expect(other.history[0]!.loss).not.toBe(a.history[0]!.loss);
  }, 60_000);
});
