/**
 * Benchmark of the training engine against tfjs `model.fit` on the robustness task's 8-layer MLP,
 * same data, batch size, optimiser and backend, measured in the same run (used by `npm run bench`).
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, FIVEAI_SIZES } from '../models/mlp.ts';
import { train } from './engine.ts';
import { normalArray, rng } from '../util/random.ts';

export interface BenchResult {
  backend: string;
  batchSize: number;
  steps: number;
  engineSamplesPerSec: number;
  fitSamplesPerSec: number;
  /** engine / fit: > 1 means the engine is faster. */
  ratio: number;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export async function benchEngineVsFit(tf: typeof TF, opts: { steps?: number; batchSize?: number; warmup?: number } = {}): Promise<BenchResult> {
  const { steps = 30, batchSize = 64, warmup = 3 } = opts;
  const n = steps * batchSize;
  const r = rng(42);
  const xs = tf.tensor2d(normalArray(n * 784, 1, r), [n, 784]);
  const labels = Int32Array.from({ length: n }, () => r.int(10));
  const ys = tf.tensor1d(labels, 'int32');
  const ysOneHot = tf.oneHot(ys, 10);
  try {
    // Engine.
    const model = createMLP(tf, FIVEAI_SIZES, { seed: 1 });
    const engineRun = (maxSteps: number) =>
      train({ tf, model, xs, ys, optimizer: { name: 'adam', learningRate: 1e-3 }, epochs: 1, batchSize, maxSteps, syncEvery: 10 });
    await engineRun(warmup);
    let t = now();
    await engineRun(steps);
    const engineSec = (now() - t) / 1000;
    model.dispose();

    // tfjs layers model.fit on the same network.
    const seq = tf.sequential();
    FIVEAI_SIZES.slice(1).forEach((units, i) =>
      seq.add(tf.layers.dense({ units, activation: i === FIVEAI_SIZES.length - 2 ? 'linear' : 'relu', inputShape: i === 0 ? [784] : undefined })),
    );
    seq.compile({ optimizer: tf.train.adam(1e-3), loss: (yTrue: TF.Tensor, yPred: TF.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred) });
    const warmX = tf.slice(xs, [0, 0], [warmup * batchSize, -1]);
    const warmY = tf.slice(ysOneHot, [0, 0], [warmup * batchSize, -1]);
    await seq.fit(warmX, warmY, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    tf.dispose([warmX, warmY]);
    t = now();
    await seq.fit(xs, ysOneHot, { batchSize, epochs: 1, shuffle: true, verbose: 0 });
    const fitSec = (now() - t) / 1000;
    seq.dispose();

    const engineSamplesPerSec = n / engineSec;
    const fitSamplesPerSec = n / fitSec;
    return { backend: tf.getBackend(), batchSize, steps, engineSamplesPerSec, fitSamplesPerSec, ratio: engineSamplesPerSec / fitSamplesPerSec };
  } finally {
    tf.dispose([xs, ys, ysOneHot]);
  }
}

export function formatBench(r: BenchResult, where: string): string {
  return `${where.padEnd(9)} ${r.backend.padEnd(7)} batch ${r.batchSize}, ${r.steps} steps: engine ${r.engineSamplesPerSec.toFixed(0)} samples/s, model.fit ${r.fitSamplesPerSec.toFixed(0)} samples/s, ratio ${r.ratio.toFixed(2)}×`;
}
