import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  batchSizeRuns,
  countRises,
  scaledLearningRate,
} from '../../src/lib/hyperparameters/batch-size.ts';

describe('batch size 1 vs mini-batch vs full batch on the engine', async () => {
  const { tf } = await nodeTf('cpu');

  it('helpers: linear scaling rule and counting rises', () => {
    expect(scaledLearningRate(0.1, 256, 32)).toBeCloseTo(0.8, 12);
    expect(scaledLearningRate(0.1, 1, 32)).toBeCloseTo(0.003125, 12);
    expect(countRises([3, 2, 2.5, 1, 1.2, 0.5])).toBe(2);
  });

  it('same epochs: batch 1 makes n× the updates and gets lowest, noisiest; full batch is smooth but slow per epoch', async () => {
    const before = tf.memory().numTensors;
    const { status, runs } = await batchSizeRuns(tf, {
      n: 128,
      epochs: 8,
      mini: 16,
      learningRate: 0.1,
      seed: 1,
    });
    expect(status).toBe('done');
    expect(tf.memory().numTensors).toBe(before);
    const [one, mini, full] = runs;
    expect(runs.map((r) => r.updates)).toEqual([8 * 128, 8 * 8, 8]);
    for (const r of runs) expect(r.loss).toHaveLength(9);
    // All start from the same initial network.
    expect(one!.loss[0]).toBe(full!.loss[0]);
    // Per epoch, more (noisier) updates get further.
    expect(one!.loss.at(-1)!).toBeLessThan(mini!.loss.at(-1)!);
    expect(mini!.loss.at(-1)!).toBeLessThan(full!.loss.at(-1)!);
    // Full-batch gradient descent with a small step decreases the loss every epoch; batch 1 does not.
    expect(full!.rises).toBe(0);
    expect(one!.rises).toBeGreaterThan(0);
    // Many tiny steps cost more time than a few big ones.
    expect(one!.seconds).toBeGreaterThan(full!.seconds);
  });

  it('with the linear scaling rule, full batch gets a larger step and goes further per epoch', async () => {
    const plain = await batchSizeRuns(tf, {
      n: 64,
      epochs: 4,
      mini: 16,
      learningRate: 0.1,
      seed: 2,
    });
    const scaled = await batchSizeRuns(tf, {
      n: 64,
      epochs: 4,
      mini: 16,
      learningRate: 0.1,
      scale: true,
      seed: 2,
    });
    expect(scaled.runs.map((r) => r.learningRate)).toEqual([0.1 / 16, 0.1, 0.4]);
    expect(scaled.runs[2]!.loss.at(-1)!).toBeLessThan(plain.runs[2]!.loss.at(-1)!);
  });

  it('cancel stops within a step and frees every tensor; a bad mini-batch size is refused', async () => {
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const r = await batchSizeRuns(tf, {
      n: 64,
      epochs: 4,
      signal: ac.signal,
      onProgress: (d) => d === 20 && ac.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(r.runs[0]!.updates).toBe(20);
    expect(tf.memory().numTensors).toBe(before);
    await expect(batchSizeRuns(tf, { n: 64, mini: 65 })).rejects.toThrow('between 1 and 64');
    expect(tf.memory().numTensors).toBe(before);
  });
});
