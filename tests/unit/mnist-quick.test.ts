import { expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { quickMnistRun } from '../../src/lib/experiments/mnist-quick.ts';

it('the lab page default run (2,000 images, 2 epochs) beats 85 % on the full test set and frees its tensors', async () => {
  const { tf } = await nodeTf('wasm');
  const before = tf.memory().numTensors;
  const r = await quickMnistRun(
    tf,
    await nodeSource.load('train', { subset: { first: 2000 } }),
    await nodeSource.load('test'),
    {
      hidden: [128],
      epochs: 2,
      batchSize: 64,
      learningRate: 3e-3,
      seed: 1,
    },
  );
  expect(r.result.status).toBe('done');
  expect(r.testAccuracy).toBeGreaterThan(0.85);
  expect(tf.memory().numTensors).toBe(before);
});
