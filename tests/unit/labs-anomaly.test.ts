import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { asTrainable, createAutoencoder } from '../../src/lib/autoencoder/model.ts';
import { rng } from '../../src/lib/util/random.ts';
import {
  anomalyProblem,
  atThreshold,
  auroc,
  noisyTrainable,
  quantile,
  rocCurve,
  runAnomaly,
  selectByLabel,
  trapezoidArea,
} from '../../src/lib/labs/anomaly.ts';

describe('dl-60: anomaly detection with an autoencoder', async () => {
  const { tf } = await nodeTf('wasm');

  it('AUC by ranks (reused from ood.ts) matches a hand count of pairs, ties counted ½', () => {
    const neg = [0.1, 0.4, 0.35, 0.8];
    const pos = [0.9, 0.35, 0.5];
    // Pairs (positive, negative) where the positive scores higher: 0.9 beats 4; 0.35 beats 0.1 and ties
    // 0.35 (½); 0.5 beats 0.1, 0.4, 0.35. (4 + 1.5 + 3) / (3 · 4) = 8.5 / 12.
    expect(auroc(neg, pos)).toBeCloseTo(8.5 / 12, 12);
    expect(auroc([1, 2, 3], [4, 5])).toBe(1); // separated
    expect(auroc([4, 5], [1, 2, 3])).toBe(0); // separated the wrong way
    expect(auroc([7, 7, 7], [7, 7])).toBe(0.5); // all tied
  });

  it('the ROC curve runs from (0,0) to (1,1), never goes down, and its trapezoid area equals the rank AUC', () => {
    const roc = rocCurve([0.1, 0.4, 0.35, 0.8], [0.9, 0.35, 0.5]);
    expect(Array.from(roc.fpr)).toEqual([0, 0, 0.25, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(roc.tpr)).toEqual([0, 1 / 3, 1 / 3, 2 / 3, 2 / 3, 1, 1]);
    expect(roc.thresholds[0]).toBe(Infinity);
    expect(trapezoidArea(roc.fpr, roc.tpr)).toBeCloseTo(8.5 / 12, 12);
    // Random integer scores: many ties between classes.
    const r = rng(3);
    const neg = Array.from({ length: 300 }, () => r.int(20));
    const pos = Array.from({ length: 200 }, () => r.int(20) + 3);
    const c = rocCurve(neg, pos);
    expect([c.fpr[0], c.tpr[0], c.fpr.at(-1), c.tpr.at(-1)]).toEqual([0, 0, 1, 1]);
    for (let i = 1; i < c.fpr.length; i++)
      expect(c.fpr[i]! >= c.fpr[i - 1]! && c.tpr[i]! >= c.tpr[i - 1]!).toBe(true);
    expect(trapezoidArea(c.fpr, c.tpr)).toBeCloseTo(auroc(neg, pos), 12);
    const tied = rocCurve([7, 7], [7]);
    expect(trapezoidArea(tied.fpr, tied.tpr)).toBe(0.5);
    expect(() => rocCurve([], [1])).toThrow(/need positives and negatives/);
  });

  it('quantile, rates at a threshold, selection by label, bad options', () => {
    expect(quantile([3, 1, 2, 4], 0)).toBe(1);
    expect(quantile([3, 1, 2, 4], 1)).toBe(4);
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5);
    expect(atThreshold([0.1, 0.5, 0.9, 0.2], [0.6, 0.95, 0.3], 0.5)).toEqual({
      fpr: 0.5,
      tpr: 2 / 3,
      precision: 0.5,
    });
    const split = {
      images: Uint8Array.from({ length: 3 * 784 }, (_, i) => (i < 784 ? 255 : 0)),
      labels: Uint8Array.from([4, 1, 4]),
      count: 3,
    };
    const fours = selectByLabel(split, 4, true);
    expect([fours.count, ...fours.index, fours.x[0]]).toEqual([2, 0, 2, 1]);
    expect(selectByLabel(split, 4, false).count).toBe(1);
    expect(
      anomalyProblem({ anomaly: 10, epochs: 1, noise: 0, latent: 8, falseAlarmRate: 0.05 }),
    ).toMatch(/one of 0–9/);
    expect(
      anomalyProblem({ anomaly: 3, epochs: 1, noise: -1, latent: 8, falseAlarmRate: 0.05 }),
    ).toMatch(/noise/);
    expect(
      anomalyProblem({ anomaly: 3, epochs: 1, noise: 0.2, latent: 8, falseAlarmRate: 0.05 }),
    ).toBeNull();
  });

  it('input noise: none reproduces the plain autoencoder; σ > 0 perturbs the input, freshly each call', () => {
    const ae = createAutoencoder(tf, { inputSize: 784, hidden: [16], latent: 4 }, 1);
    const [plain, same, a, b] = tf.tidy(() => {
      const x = tf.fill([2, 784], 0.5);
      const n = noisyTrainable(tf, ae, 0.3, 1);
      return [
        asTrainable(tf, ae).predict(x).dataSync(),
        noisyTrainable(tf, ae, 0, 1).predict(x).dataSync(),
        n.predict(x).dataSync(),
        n.predict(x).dataSync(),
      ];
    });
    expect(Array.from(same)).toEqual(Array.from(plain));
    expect(Array.from(a)).not.toEqual(Array.from(plain));
    expect(Array.from(a)).not.toEqual(Array.from(b));
    ae.dispose();
  });

  it('trained without the 0s, the reconstruction error flags the 0s with AUC far above 0.5; no leaks', async () => {
    const before = tf.memory().numTensors;
    const tr = await nodeSource.load('train', { subset: { first: 2000 } });
    const te = await nodeSource.load('test', { subset: { first: 1000 } });
    const o = {
      anomaly: 0,
      hidden: [64],
      latent: 8,
      noise: 0,
      epochs: 2,
      batchSize: 64,
      learningRate: 3e-3,
      falseAlarmRate: 0.1,
      seed: 1,
    };
    const r = await runAnomaly(tf, tr, te, o);
    expect(r.result.status).toBe('done');
    expect(r.history[1]!.loss).toBeLessThan(r.history[0]!.loss);
    const ae = r.ae!;
    expect(ae.auc).toBeGreaterThan(0.7);
    expect(trapezoidArea(ae.roc.fpr, ae.roc.tpr)).toBeCloseTo(ae.auc, 10);
    expect(r.counts.anomalousTest).toBe(Array.from(te.labels).filter((l) => l === 0).length);
    // The threshold was set on normal validation images to flag 10 % of them; on normal test images
    // the false-alarm rate lands near that.
    expect(ae.test.fpr).toBeGreaterThan(0.02);
    expect(ae.test.fpr).toBeLessThan(0.25);
    expect(ae.test.tpr).toBeGreaterThan(ae.test.fpr);
    expect(r.top!.labels).toHaveLength(16);
    expect(tf.memory().numTensors).toBe(before);
    const c = new AbortController();
    c.abort();
    const rc = await runAnomaly(tf, tr, te, { ...o, noise: 0.2, signal: c.signal });
    expect(rc.result.status).toBe('cancelled');
    expect(rc.ae).toBeUndefined();
    expect(rc.baseline.auc).toBeGreaterThan(0.5); // the mean-image distance needs no training
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
