import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { initTwoLayer } from '../../src/lib/calculus/scratch-net.ts';
import {
  checkGradients,
  mnistRows,
  scratchAccuracy,
  trainScratch,
} from '../../src/lib/labs/scratch-mnist.ts';

describe('dl-51: the from-scratch network on MNIST', async () => {
  const train = await nodeSource.load('train', { subset: { first: 1000 } });
  const test = await nodeSource.load('test', { subset: { first: 500 } });

  it('reads MNIST rows as float64 pixels in [0, 1] with their labels', () => {
    const { x, labels } = mnistRows(train, 10, 5);
    expect([x.rows, x.cols, labels.length]).toEqual([5, 784, 5]);
    expect(x.data[100]).toBe(train.images[10 * 784 + 100]! / 255);
    expect(Array.from(labels)).toEqual(Array.from(train.labels.slice(10, 15)));
    expect(Math.max(...x.data)).toBeLessThanOrEqual(1);
  });

  it('the hand-written gradients pass a float64 central-difference check; a planted bug fails it', () => {
    const { x, labels } = mnistRows(train, 0, 16);
    const p = initTwoLayer(784, 32, 10, 3);
    const good = checkGradients(p, x, labels, 12, 1);
    expect(good.map((c) => c.name)).toEqual(['w1', 'b1', 'w2', 'b2']);
    for (const c of good) {
      expect(c.checked).toBe(c.name === 'b2' ? 10 : 12); // b2 has only 10 entries
      expect(c.ok).toBe(true);
      expect(c.maxError).toBeLessThan(1e-7);
    }
    const bad = checkGradients(p, x, labels, 12, 1, true);
    expect(bad.every((c) => !c.ok)).toBe(true);
    expect(Math.min(...bad.map((c) => c.maxError))).toBeGreaterThan(1e-4);
  });

  it('training with those gradients lowers the loss and beats chance by far; the seed fixes the run', async () => {
    const tr = mnistRows(train, 0, 1000);
    const te = mnistRows(test, 0, 500);
    const o = { hidden: 32, epochs: 2, batchSize: 32, learningRate: 0.1, seed: 2 };
    const a = await trainScratch(tr, te, o);
    expect(a.status).toBe('done');
    expect(a.history[1]!.loss).toBeLessThan(a.history[0]!.loss);
    expect(a.history[1]!.testAccuracy).toBeGreaterThan(0.75);
    expect(scratchAccuracy(a.params, te.x, te.labels)).toBe(a.history[1]!.testAccuracy);
    const b = await trainScratch(tr, te, o);
    expect(b.history).toEqual(a.history);
  });

  it('stops at once when cancelled', async () => {
    const c = new AbortController();
    c.abort();
    const r = await trainScratch(mnistRows(train, 0, 100), mnistRows(test, 0, 10), {
      hidden: 8,
      epochs: 1,
      batchSize: 10,
      learningRate: 0.1,
      seed: 1,
      signal: c.signal,
    });
    expect(r.status).toBe('cancelled');
    expect(r.history).toEqual([]);
  });
});
