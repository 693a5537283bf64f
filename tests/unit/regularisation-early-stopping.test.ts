import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  corruptLabels,
  createMonitor,
  earlyStoppingRun,
  stopPoint,
} from '../../src/lib/regularisation/early-stopping.ts';
import { sliceSplit } from '../../src/lib/regularisation/splits.ts';

describe('early stopping with patience', async () => {
  const { tf } = await nodeTf('wasm');

  /**
   * An early-stopping run that trains on the first `trainN` MNIST training images and validates on
   * `valN` images from index 50,000 on (images the training slice never reaches).
   */
  async function runOnSlices(
    trainN: number,
    valN: number,
    test: Parameters<typeof earlyStoppingRun>[3],
    options: Parameters<typeof earlyStoppingRun>[4],
  ) {
    const full = await nodeSource.load('train');
    return earlyStoppingRun(
      tf,
      sliceSplit(full, 0, trainN),
      sliceSplit(full, 50000, valN),
      test,
      options,
    );
  }

  it('the monitor stops `patience` epochs after the last improvement and remembers the best epoch', () => {
    const losses = [1.0, 0.8, 0.7, 0.72, 0.69, 0.71, 0.75, 0.74, 0.9];
    expect(stopPoint(losses, { patience: 3 })).toEqual({ stopEpoch: 7, bestEpoch: 4 });
    expect(stopPoint(losses, { patience: 1 })).toEqual({ stopEpoch: 3, bestEpoch: 2 });
    expect(stopPoint(losses, { patience: 10 })).toEqual({ stopEpoch: null, bestEpoch: 4 });
    // min_delta: 0.69 is not better than 0.7 by more than 0.02, so the best stays at epoch 2.
    expect(stopPoint(losses, { patience: 3, minDelta: 0.02 })).toEqual({
      stopEpoch: 5,
      bestEpoch: 2,
    });
    const m = createMonitor({ patience: 2 });
    expect(m.update(0, 5)).toEqual({ improved: true, stop: false });
    expect(m.update(1, 5)).toEqual({ improved: false, stop: false });
    expect(m.update(2, 6)).toEqual({ improved: false, stop: true });
    expect(m.update(3, 7).stop).toBe(false); // reports the stop once
    expect(() => createMonitor({ patience: 0 })).toThrow(/patience/);
  });

  it('label corruption flips about the requested fraction, always to a different class', () => {
    const labels = Uint8Array.from({ length: 5000 }, (_, i) => i % 10);
    const { labels: noisy, flipped } = corruptLabels(labels, 0.3, 10, 4);
    let changed = 0;
    for (let i = 0; i < labels.length; i++) if (noisy[i] !== labels[i]) changed++;
    expect(changed).toBe(flipped);
    expect(flipped / labels.length).toBeGreaterThan(0.27);
    expect(flipped / labels.length).toBeLessThan(0.33);
    expect(Math.max(...noisy)).toBeLessThan(10);
  });

  it('on noisy MNIST labels the validation loss turns up, training stops, and the restored best weights beat the last ones', async () => {
    const test = await nodeSource.load('test', { subset: { first: 1000 } });
    const before = tf.memory().numTensors;
    const r = await runOnSlices(600, 500, test, {
      patience: 4,
      maxEpochs: 40,
      labelNoise: 0.4,
      hidden: [128],
      seed: 1,
      keepGoing: true,
    });
    expect(r.status).toBe('done');
    expect(r.history).toHaveLength(40);
    expect(r.stopEpoch).not.toBeNull();
    expect(r.stopEpoch!).toBe(
      stopPoint(
        r.history.map((h) => h.valLoss),
        { patience: 4 },
      ).stopEpoch,
    );
    expect(r.bestEpoch).toBeLessThan(r.stopEpoch!);
    // Training loss keeps falling while the validation loss has turned up.
    expect(r.history[39]!.trainLoss).toBeLessThan(r.history[r.bestEpoch]!.trainLoss);
    expect(r.history[39]!.valLoss).toBeGreaterThan(r.history[r.bestEpoch]!.valLoss);
    expect(r.testAccuracyBest).toBeGreaterThan(r.testAccuracyLast);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('without keepGoing it really stops at the stop epoch; an outer cancel reports cancelled and frees everything', async () => {
    const test = await nodeSource.load('test', { subset: { first: 300 } });
    const before = tf.memory().numTensors;
    const settings = { patience: 2, maxEpochs: 40, labelNoise: 0.4, hidden: [64], seed: 2 };
    const r = await runOnSlices(400, 300, test, settings);
    expect(r.status).toBe('done');
    expect(r.stopEpoch).not.toBeNull();
    expect(r.history).toHaveLength(r.stopEpoch! + 1);
    const ctrl = new AbortController();
    const c = await runOnSlices(400, 300, test, {
      ...settings,
      signal: ctrl.signal,
      onStep: (s) => s.step === 5 && ctrl.abort(),
    });
    expect(c.status).toBe('cancelled');
    expect(tf.memory().numTensors).toBe(before);
  });
});
