/**
 * Benchmark of the training engine against tfjs `model.fit` on the robustness task's 8-layer MLP,
 * same data, batch size, optimiser and backend, measured in the same run, plus the MLP's inference
 * throughput (used by `npm run bench` and the /bench/ page).
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, FIVEAI_SIZES, type MLP } from '../models/mlp.ts';
import { train } from './engine.ts';
import { CLASSES, PIXELS } from '../data/mnist-geometry.ts';
import { randomClassificationData } from '../data/random-classification.ts';
import { normalArray, rng } from '../util/random.ts';

export interface BenchResult {
  backend: string;
  batchSize: number;
  steps: number;
  engineSamplesPerSec: number;
  fitSamplesPerSec: number;
  /** engine / fit: > 1 means the engine is faster. */
  ratio: number;
  /** Forward passes (predict + argMax) per second, in chunks of INFERENCE_CHUNK images. */
  inferenceSamplesPerSec: number;
  /** The same three rates per second of this process's CPU time, when a CPU clock was given (Node). */
  perCpuSecond?: { engine: number; fit: number; inference: number };
}

export interface BenchOptions {
  steps?: number;
  batchSize?: number;
  warmup?: number;
  /**
   * Milliseconds of CPU time used by this process so far (Node: from process.cpuUsage). On a shared
   * machine wall-clock rates depend on the other processes; rates per CPU-second much less.
   */
  cpuMs?: () => number;
}

/** Wall-clock and CPU seconds of one timed run. */
interface Timing {
  wall: number;
  cpu: number;
}

/** Images per predict call in the inference measurement (as the robustness evaluation does). */
export const INFERENCE_CHUNK = 2000;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Time `run`, on the wall clock and (when given) the CPU clock. */
async function timed(run: () => Promise<unknown>, cpuMs?: () => number): Promise<Timing> {
  const w = now();
  const c = cpuMs?.() ?? 0;
  await run();
  return { wall: (now() - w) / 1000, cpu: ((cpuMs?.() ?? 0) - c) / 1000 };
}

const best = (a: Timing, b: Timing): Timing => ({
  wall: Math.min(a.wall, b.wall),
  cpu: Math.min(a.cpu, b.cpu),
});
const NEVER: Timing = { wall: Infinity, cpu: Infinity };

/** Time to classify `n` random images with `model`, best of `rounds`. */
async function inferenceTiming(
  tf: typeof TF,
  model: MLP,
  n: number,
  rounds: number,
  cpuMs?: () => number,
): Promise<Timing> {
  const xs = tf.tensor2d(normalArray(INFERENCE_CHUNK * PIXELS, 1, rng(7)), [
    INFERENCE_CHUNK,
    PIXELS,
  ]);
  try {
    let fastest = NEVER;
    for (let r = 0; r < rounds; r++) {
      const t = await timed(async () => {
        for (let done = 0; done < n; done += INFERENCE_CHUNK) {
          const labels = tf.tidy(() => tf.argMax(model.predict(xs), 1));
          await labels.data();
          labels.dispose();
        }
      }, cpuMs);
      fastest = best(fastest, t);
    }
    return fastest;
  } finally {
    xs.dispose();
  }
}

export async function benchEngineVsFit(
  tf: typeof TF,
  opts: BenchOptions = {},
): Promise<BenchResult> {
  const { steps = 30, batchSize = 64, warmup = 3, cpuMs } = opts;
  const n = steps * batchSize;
  const r = rng(42);
  const { xs, ys } = randomClassificationData(tf, r, n, PIXELS, CLASSES);
  const ysOneHot = tf.oneHot(ys, CLASSES);
  const model = createMLP(tf, FIVEAI_SIZES, { seed: 1 });
  const seq = tf.sequential();
  const fitOptimizer = tf.train.adam(1e-3);
  try {
    // Engine: the 8-layer MLP as plain variables, trained by src/lib/train.
    const engineRun = (maxSteps: number) =>
      timed(
        () =>
          train({
            tf,
            model,
            xs,
            ys,
            optimizer: { name: 'adam', learningRate: 1e-3 },
            epochs: 1,
            batchSize,
            maxSteps,
            syncEvery: 10,
          }),
        cpuMs,
      );
    // The same network with tfjs layers, trained by model.fit.
    FIVEAI_SIZES.slice(1).forEach((units, i) =>
      seq.add(
        tf.layers.dense({
          units,
          activation: i === FIVEAI_SIZES.length - 2 ? 'linear' : 'relu',
          inputShape: i === 0 ? [PIXELS] : undefined,
        }),
      ),
    );
    seq.compile({
      optimizer: fitOptimizer,
      loss: (yTrue: TF.Tensor, yPred: TF.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
    });
    const fitRun = async (nSteps: number) => {
      const x = tf.slice(xs, [0, 0], [nSteps * batchSize, -1]);
      const y = tf.slice(ysOneHot, [0, 0], [nSteps * batchSize, -1]);
      const t = await timed(
        () => seq.fit(x, y, { batchSize, epochs: 1, shuffle: true, verbose: 0 }),
        cpuMs,
      );
      tf.dispose([x, y]);
      return t;
    };
    // Warm up both (shader compilation, JIT), then alternate the timed runs and keep each one's best,
    // so that neither side is favoured by running first or by a noisy moment.
    await engineRun(warmup);
    await fitRun(warmup);
    let engine = NEVER;
    let fit = NEVER;
    for (let round = 0; round < 2; round++) {
      engine = best(engine, await engineRun(steps));
      fit = best(fit, await fitRun(steps));
    }
    const inferN = 5 * INFERENCE_CHUNK;
    await inferenceTiming(tf, model, INFERENCE_CHUNK, 1);
    const infer = await inferenceTiming(tf, model, inferN, 2, cpuMs);

    const engineSamplesPerSec = n / engine.wall;
    const fitSamplesPerSec = n / fit.wall;
    return {
      backend: tf.getBackend(),
      batchSize,
      steps,
      engineSamplesPerSec,
      fitSamplesPerSec,
      ratio: engineSamplesPerSec / fitSamplesPerSec,
      inferenceSamplesPerSec: inferN / infer.wall,
      perCpuSecond: cpuMs
        ? { engine: n / engine.cpu, fit: n / fit.cpu, inference: inferN / infer.cpu }
        : undefined,
    };
  } finally {
    model.dispose();
    seq.dispose();
    // A model compiled with an optimizer object does not own it: its Adam moments stay until here.
    fitOptimizer.dispose();
    tf.dispose([xs, ys, ysOneHot]);
  }
}

/** `node wasm batch 128: engine N samples/s, model.fit M samples/s, ratio R×` */
export function formatBench(r: BenchResult, where: string): string {
  return `${where} ${r.backend} batch ${r.batchSize}: engine ${r.engineSamplesPerSec.toFixed(0)} samples/s, model.fit ${r.fitSamplesPerSec.toFixed(0)} samples/s, ratio ${r.ratio.toFixed(2)}×`;
}

/** `node wasm batch 128 per CPU-second: engine N samples, model.fit M samples, ratio R×` (empty without a CPU clock). */
export function formatPerCpuSecond(r: BenchResult, where: string): string {
  const c = r.perCpuSecond;
  if (!c) return '';
  return `${where} ${r.backend} batch ${r.batchSize} per CPU-second: engine ${c.engine.toFixed(0)} samples, model.fit ${c.fit.toFixed(0)} samples, ratio ${(c.engine / c.fit).toFixed(2)}×; inference ${c.inference.toFixed(0)} samples`;
}

/** `node wasm inference: N samples/s` */
export function formatInference(r: BenchResult, where: string): string {
  return `${where} ${r.backend} inference: ${r.inferenceSamplesPerSec.toFixed(0)} samples/s (predict + argMax, ${INFERENCE_CHUNK} images per call)`;
}
