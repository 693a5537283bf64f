/**
 * One epoch of the robustness task's MLP on all 60,000 MNIST training images (Adam, batch 128, the
 * baseline's learning rate and seed), then accuracy on the 10,000 test images and the time to
 * classify them: the "one epoch ≥ 95 % in ≤ 45 s" target, measured (`npm run bench -- --mnist-epoch`).
 */
import type * as TF from '@tensorflow/tfjs';
import { nodeSource } from '../src/lib/data/mnist-node.ts';
import { toTensors } from '../src/lib/data/mnist.ts';
import { accuracy } from '../src/lib/metrics/classification.ts';
import { createMLP, FIVEAI_SIZES } from '../src/lib/models/mlp.ts';
import { BASELINE_TRAINING } from '../src/lib/robustness/recipes.ts';
import { train } from '../src/lib/train/engine.ts';

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

export async function mnistEpoch(tf: typeof TF): Promise<string> {
  const tr = toTensors(tf, await nodeSource.load('train'));
  const te = toTensors(tf, await nodeSource.load('test'));
  const { batchSize, learningRate, seed } = BASELINE_TRAINING;
  const model = createMLP(tf, FIVEAI_SIZES, { seed });
  try {
    const cpu0 = process.cpuUsage();
    const res = await train({
      tf,
      model,
      xs: tr.xs,
      ys: tr.ys,
      optimizer: { name: 'adam', learningRate },
      epochs: 1,
      batchSize,
      seed,
    });
    const trainCpu = cpuSeconds(cpu0);
    const t = performance.now();
    const cpu1 = process.cpuUsage();
    const acc = await accuracy(tf, model, te.xs, te.ys);
    const evalSec = (performance.now() - t) / 1000;
    const evalCpu = cpuSeconds(cpu1);
    return `node ${tf.getBackend()} one epoch of ${tr.xs.shape[0]} MNIST images, batch ${batchSize}: ${res.seconds.toFixed(1)} s (${trainCpu.toFixed(1)} CPU-seconds), test accuracy ${(acc * 100).toFixed(2)} % (test set classified in ${evalSec.toFixed(2)} s, ${evalCpu.toFixed(2)} CPU-seconds)`;
  } finally {
    model.dispose();
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}
