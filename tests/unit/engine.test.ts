import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { createMLP } from '../../src/lib/models/mlp.ts';
import { train } from '../../src/lib/train/engine.ts';
import { accuracy } from '../../src/lib/metrics/classification.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { toTensors } from '../../src/lib/data/mnist.ts';

describe('training engine', async () => {
  const { tf } = await nodeTf('cpu');

  /** Two Gaussian blobs that a small net separates easily. */
  function blobs(n: number) {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 2;
      const a = (i * 2.399) % (2 * Math.PI);
      const r = ((i * 7) % 13) / 26;
      x.push((c ? 1 : -1) + r * Math.cos(a), (c ? 1 : -1) + r * Math.sin(a));
      y.push(c);
    }
    return { xs: tf.tensor2d(x, [n, 2]), ys: tf.tensor1d(y, 'int32') };
  }

  /**
   * A small net on `n` blob points: the model, the data every `train` call below starts from, and
   * their disposal.
   */
  function blobNet(n: number, sizes: number[], seed: number) {
    const { xs, ys } = blobs(n);
    const model = createMLP(tf, sizes, { seed });
    return {
      model,
      data: { tf, model, xs, ys },
      dispose: () => {
        model.dispose();
        xs.dispose();
        ys.dispose();
      },
    };
  }

  /**
   * One epoch of single-example SGD steps on `net`: the steps whose loss the engine read back, and
   * the gaps between them.
   */
  async function lossReadBacks(
    net: ReturnType<typeof blobNet>,
    options: Pick<Parameters<typeof train>[0], 'loss' | 'syncEvery'>,
  ) {
    const reported: number[] = [];
    await train({
      ...net.data,
      ...options,
      optimizer: { name: 'sgd', learningRate: 0.1 },
      epochs: 1,
      batchSize: 1,
      seed: 1,
      onStep: (s) => s.loss !== undefined && reported.push(s.step),
    });
    return { reported, gaps: reported.map((s, i) => s - (reported[i - 1] ?? 0)) };
  }

  it('learns MNIST digits: loss falls and test accuracy is far above chance', async () => {
    const trainSet = await nodeSource.load('train', { subset: { first: 2000 } });
    const testSet = await nodeSource.load('test', { subset: { first: 500 } });
    const before = tf.memory().numTensors;
    const tr = toTensors(tf, trainSet);
    const te = toTensors(tf, testSet);
    const model = createMLP(tf, [784, 64, 10], { seed: 1 });
    expect(tf.memory().numTensors - before).toBe(4 + 4); // 4 data tensors + 2 weights + 2 biases, nothing else
    const res = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      optimizer: { name: 'adam', learningRate: 1e-3 },
      epochs: 3,
      batchSize: 64,
      seed: 1,
    });
    expect(res.status).toBe('done');
    expect(res.epochs).toHaveLength(3);
    expect(res.epochs[2]!.loss).toBeLessThan(res.epochs[0]!.loss);
    expect(await accuracy(tf, model, te.xs, te.ys)).toBeGreaterThan(0.8);
    model.dispose();
    [tr.xs, tr.ys, te.xs, te.ys].forEach((t) => t.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is deterministic: the same seed gives the same weights', async () => {
    const runOnce = async () => {
      const net = blobNet(64, [2, 8, 2], 5);
      await train({
        ...net.data,
        optimizer: { name: 'sgd', learningRate: 0.1 },
        epochs: 2,
        batchSize: 16,
        seed: 9,
      });
      const w = Array.from(await net.model.layers[0]!.w.data());
      net.dispose();
      return w;
    };
    expect(await runOnce()).toEqual(await runOnce());
  });

  it('reads the loss back sooner when steps are slow, so queued work (and Cancel) stays short', async () => {
    const net = blobNet(40, [2, 8, 2], 3);
    const slowLoss = (
      p: import('@tensorflow/tfjs').Tensor,
      t: import('@tensorflow/tfjs').Tensor,
    ) => {
      const until = Date.now() + 40; // a 40 ms step: about six fit in the 250 ms budget
      while (Date.now() < until);
      return tf.losses.softmaxCrossEntropy(
        tf.oneHot(t as import('@tensorflow/tfjs').Tensor1D, 2),
        p as import('@tensorflow/tfjs').Tensor2D,
      ) as import('@tensorflow/tfjs').Scalar;
    };
    const { reported, gaps } = await lossReadBacks(net, { loss: slowLoss, syncEvery: 1000 });
    // With fast steps only the epoch's last step would be read back (syncEvery 1000); here the engine
    // reads back at least every 10 steps, and more often once it has measured the step time.
    expect(reported.at(-1)).toBe(40);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10);
    expect(Math.max(...gaps.slice(1, -1))).toBeLessThanOrEqual(7);
    net.dispose();
  });

  it('never reads back more often than needed when steps are fast', async () => {
    const net = blobNet(256, [2, 8, 2], 3);
    const { reported, gaps } = await lossReadBacks(net, { syncEvery: 50 });
    expect(Math.max(...gaps)).toBeLessThanOrEqual(50);
    expect(reported.length).toBeLessThan(256 / 4); // far fewer read-backs than steps
    net.dispose();
  });

  it('cancels within one step and leaks no tensors', async () => {
    const net = blobNet(256, [2, 8, 2], 2);
    const before = tf.memory().numTensors;
    const ctrl = new AbortController();
    let steps = 0;
    const res = await train({
      ...net.data,
      optimizer: { name: 'adam', learningRate: 0.01 },
      epochs: 50,
      batchSize: 8,
      signal: ctrl.signal,
      onStep: (s) => {
        steps = s.step;
        if (s.step === 5) ctrl.abort();
      },
    });
    expect(res.status).toBe('cancelled');
    expect(steps).toBe(5);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('frees everything when a callback throws, at a step and at an epoch end', async () => {
    const net = blobNet(64, [2, 8, 2], 4);
    const before = tf.memory().numTensors;
    const common = {
      ...net.data,
      optimizer: { name: 'adam', learningRate: 0.01 } as const,
      epochs: 3,
      batchSize: 8,
    };
    await expect(
      train({
        ...common,
        onStep: (s) => {
          if (s.step === 3) throw new Error('step hook');
        },
      }),
    ).rejects.toThrow('step hook');
    expect(tf.memory().numTensors).toBe(before);
    await expect(
      train({
        ...common,
        onEpoch: () => {
          throw new Error('epoch hook');
        },
      }),
    ).rejects.toThrow('epoch hook');
    expect(tf.memory().numTensors).toBe(before);
    await expect(
      train({ ...common, evaluate: () => Promise.reject(new Error('evaluate hook')) }),
    ).rejects.toThrow('evaluate hook');
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('leaves no optimizer state behind, for every optimizer', async () => {
    const net = blobNet(32, [2, 4, 2], 3);
    for (const name of ['sgd', 'momentum', 'adam', 'rmsprop'] as const) {
      const before = tf.memory().numTensors;
      await train({
        ...net.data,
        optimizer: { name, learningRate: 0.01 },
        epochs: 2,
        batchSize: 8,
      });
      expect(tf.memory().numTensors, name).toBe(before);
    }
    net.dispose();
  });

  it('disposes everything when the loss throws', async () => {
    const net = blobNet(32, [2, 4, 2], 3);
    const before = tf.memory().numTensors;
    let calls = 0;
    await expect(
      train({
        ...net.data,
        optimizer: { name: 'adam', learningRate: 0.01 },
        epochs: 3,
        batchSize: 8,
        loss: (p, t) => {
          if (++calls === 3) throw new Error('boom');
          return tf.losses.softmaxCrossEntropy(tf.oneHot(t as never, 2), p) as never;
        },
      }),
    ).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('reports divergence as a clear error', async () => {
    const net = blobNet(32, [2, 4, 2], 3);
    await expect(
      train({
        ...net.data,
        optimizer: { name: 'sgd', learningRate: 1 },
        epochs: 1,
        batchSize: 8,
        syncEvery: 1,
        loss: (p) => tf.mul(tf.sum(p), NaN) as never,
      }),
    ).rejects.toThrow(/diverged/);
    net.dispose();
  });
});
