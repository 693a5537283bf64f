/**
 * The task's `test` function: train the autoencoder on real MNIST and check concrete properties.
 * It prints (through `log`) one line per check and the success message only when every check holds.
 *
 * Checks (thresholds in `TASK_THRESHOLDS`):
 * 1. shapes — encode gives [n, latent], decode and reconstruct give [n, 784], generate gives
 *    [k, 784]; every value is finite and reconstructions/samples lie in [0, 1];
 * 2. learning — the mean training loss of the last epoch is below that of the first;
 * 3. reconstruction — the per-pixel MSE on held-out test images is below `maxHeldOutMse`
 *    (for scale: always outputting the mean training image scores about 0.065 on MNIST);
 * 4. sparsity — the same network trained with λ > 0 has measurably sparser codes on the held-out
 *    images: mean Hoyer sparsity up by at least `minHoyerGain` and more near-zero entries;
 * 5. determinism — two short runs from the same seed give bit-identical weights, and a run from a
 *    different seed does not (so the check can fail).
 *
 * Node: `npm run autoencoder:test` (scripts/autoencoder-test.ts). Browser: the ae-task page.
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import type { StepInfo } from '../train/engine.ts';
import { createAutoencoder, initOutputBiasToMean, type Autoencoder, type AutoencoderConfig, type ReconLoss } from './model.ts';
import { trainAutoencoder } from './train.ts';
import { meanImageMse, reconstructionMse, sparsityOf, type Sparsity } from './evaluate.ts';
import { encodeAll, fitCodeGaussian, generate, reconstructAll } from './generate.ts';
import { fitPca, projectPca } from './pca.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface TaskTestOptions {
  /** First n training images used for training (default 3000). */
  trainImages: number;
  /** First n test images used as the held-out set (default 1000). */
  testImages: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  hidden: number[];
  latent: number;
  loss: ReconLoss;
  weightDecay: number;
  /** λ of the sparse model (the baseline uses λ = 0). */
  lambda: number;
  seed: number;
  /** Steps of each of the three short determinism runs. */
  determinismSteps: number;
}

export const TASK_TEST_DEFAULTS: TaskTestOptions = {
  trainImages: 3000,
  testImages: 1000,
  epochs: 4,
  batchSize: 100,
  learningRate: 3e-3,
  hidden: [128],
  latent: 16,
  loss: 'mse',
  weightDecay: 1e-5,
  lambda: 0.02,
  seed: 1,
  determinismSteps: 10,
};

export const TASK_THRESHOLDS = {
  /** Held-out per-pixel MSE must be below this. */
  maxHeldOutMse: 0.035,
  /** Mean Hoyer sparsity of the λ > 0 codes must exceed the λ = 0 codes' by at least this. */
  minHoyerGain: 0.05,
};

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

export interface TaskTestReport {
  passed: boolean;
  status: 'done' | 'cancelled';
  checks: Check[];
  /** Every line printed, in order. */
  lines: string[];
  /** Absent when cancelled. */
  metrics?: {
    heldOutMse: number;
    meanImageMse: number;
    sparseHeldOutMse: number;
    dense: Sparsity;
    sparse: Sparsity;
    seconds: number;
    steps: number;
  };
  /** For the page: originals and reconstructions of the first test images, generated samples (uint8, k×784), 2-D PCA of test codes. */
  gallery?: {
    originals: Uint8Array;
    reconstructions: Uint8Array;
    generated: Uint8Array;
    count: number;
    codes2d: Float32Array;
    labels: Uint8Array;
    explained: [number, number];
  };
}

export const SUCCESS_MESSAGE = 'SUCCESS: every check passed — the autoencoder task is complete.';

export interface TaskTestHooks {
  signal?: AbortSignal;
  /** One line of the test log. */
  log?: (line: string) => void;
  /** Progress over all training steps of the test, 0–1. */
  onProgress?: (fraction: number, text: string) => void;
}

const toU8 = (v: Float32Array) => Uint8Array.from(v, (p) => Math.round(Math.min(1, Math.max(0, p)) * 255));

/** Run the task's test. Frees every tensor it creates, on success, cancel and error. */
export async function runTaskTest(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  options: Partial<TaskTestOptions> = {},
  hooks: TaskTestHooks = {},
): Promise<TaskTestReport> {
  const o: TaskTestOptions = { ...TASK_TEST_DEFAULTS, ...options };
  const lines: string[] = [];
  const log = (s: string) => (lines.push(s), hooks.log?.(s));
  const checks: Check[] = [];
  const check = (name: string, passed: boolean, detail: string) => {
    checks.push({ name, passed, detail });
    log(`${passed ? 'PASS' : 'FAIL'} ${name}: ${detail}`);
  };
  const t0 = Date.now();
  const nTrain = Math.min(o.trainImages, trainSet.count);
  const nTest = Math.min(o.testImages, testSet.count);
  if (nTrain < 2 || nTest < 2) throw new Error('The test needs at least 2 training and 2 test images.');
  const first = (s: MnistSplit, n: number): MnistSplit => ({ images: s.images.subarray(0, n * PIXELS), labels: s.labels.subarray(0, n), count: n });
  const tr = toTensors(tf, first(trainSet, nTrain));
  const te = toTensors(tf, first(testSet, nTest));
  const models: Autoencoder[] = [];
  const base: AutoencoderConfig = { inputSize: PIXELS, hidden: o.hidden, latent: o.latent, loss: o.loss, weightDecay: o.weightDecay };
  const stepsPerRun = o.epochs * Math.ceil(nTrain / Math.min(o.batchSize, nTrain));
  const totalSteps = 2 * stepsPerRun + 3 * o.determinismSteps;
  let done = 0;
  const progress = (what: string) => (s: StepInfo) =>
    hooks.onProgress?.((done + s.step) / totalSteps, `${what}: epoch ${s.epoch + 1}/${s.epochs}, step ${s.batch + 1}/${s.batches}${s.loss !== undefined ? `, loss ${s.loss.toFixed(4)}` : ''}`);
  const fit = async (cfg: AutoencoderConfig, seed: number, what: string, maxSteps?: number) => {
    const ae = createAutoencoder(tf, cfg, seed);
    models.push(ae);
    initOutputBiasToMean(tf, ae, tr.xs);
    const r = await trainAutoencoder(tf, ae, tr.xs, {
      epochs: maxSteps ? 1 : o.epochs, batchSize: o.batchSize, seed, maxSteps, signal: hooks.signal,
      optimizer: { name: 'adam', learningRate: o.learningRate }, onStep: progress(what),
    });
    done += r.steps;
    return { ae, r };
  };
  const cancelled = (): TaskTestReport => ({ passed: false, status: 'cancelled', checks, lines, });
  try {
    log(`Training ${o.hidden.length ? `784-${o.hidden.join('-')}-${o.latent}` : `784-${o.latent}`} autoencoder (${o.loss.toUpperCase()}, weight decay ${o.weightDecay}) on ${nTrain} MNIST images, ${o.epochs} epochs; held out: ${nTest} test images.`);
    const dense = await fit({ ...base, codeL1: 0 }, o.seed, 'λ = 0 model');
    if (dense.r.status === 'cancelled') return cancelled();
    const ae = dense.ae;

    // 1. Shapes and ranges.
    const k = 16;
    const codes = await encodeAll(tf, ae, te.xs);
    const recon = await reconstructAll(tf, ae, te.xs);
    const gauss = fitCodeGaussian(await encodeAll(tf, ae, tr.xs), nTrain, o.latent);
    const gen = await generate(tf, ae, gauss, k, o.seed);
    const shapes = tf.tidy(() => {
      const z = ae.encode(tf.slice(te.xs, [0, 0], [5, -1]));
      return [z.shape, ae.decode(z).shape, ae.reconstruct(tf.slice(te.xs, [0, 0], [5, -1])).shape];
    });
    const finite = (v: Float32Array) => v.every(Number.isFinite);
    const inUnit = (v: Float32Array) => v.every((p) => p >= 0 && p <= 1);
    const shapeOk =
      shapes[0]!.join() === `5,${o.latent}` && shapes[1]!.join() === '5,784' && shapes[2]!.join() === '5,784' &&
      codes.length === nTest * o.latent && recon.length === nTest * PIXELS && gen.length === k * PIXELS &&
      finite(codes) && finite(recon) && finite(gen) && inUnit(recon) && inUnit(gen);
    check('shapes', shapeOk, `encode → [5, ${shapes[0]![1]}], decode → [5, ${shapes[1]![1]}], reconstruct → [5, ${shapes[2]![1]}], generate(${k}) → ${gen.length / PIXELS}×784; values finite, images in [0, 1]`);

    // 2. Learning.
    const eps = dense.r.epochs;
    const firstLoss = eps[0]!.loss;
    const lastLoss = eps[eps.length - 1]!.loss;
    check('learning', eps.length > 1 && lastLoss < firstLoss, `mean training loss ${firstLoss.toFixed(4)} (epoch 1) → ${lastLoss.toFixed(4)} (epoch ${eps.length})`);

    // 3. Held-out reconstruction.
    const mse = await reconstructionMse(tf, ae, te.xs);
    const meanMse = await meanImageMse(tf, tr.xs, te.xs);
    check('reconstruction', mse < TASK_THRESHOLDS.maxHeldOutMse, `held-out per-pixel MSE ${mse.toFixed(4)} (must be < ${TASK_THRESHOLDS.maxHeldOutMse}; the mean image scores ${meanMse.toFixed(4)})`);

    // 4. Sparsity from λ > 0.
    const sparseRun = await fit({ ...base, codeL1: o.lambda }, o.seed, `λ = ${o.lambda} model`);
    if (sparseRun.r.status === 'cancelled') return cancelled();
    const sDense = await sparsityOf(tf, ae, te.xs);
    const sSparse = await sparsityOf(tf, sparseRun.ae, te.xs);
    const sparseMse = await reconstructionMse(tf, sparseRun.ae, te.xs);
    const gain = sSparse.hoyer - sDense.hoyer;
    check(
      'sparsity',
      o.lambda > 0 && gain >= TASK_THRESHOLDS.minHoyerGain && sSparse.nearZero > sDense.nearZero,
      `λ = ${o.lambda}: Hoyer sparsity ${sDense.hoyer.toFixed(3)} → ${sSparse.hoyer.toFixed(3)} (gain ${gain.toFixed(3)}, must be ≥ ${TASK_THRESHOLDS.minHoyerGain}); near-zero entries ${(100 * sDense.nearZero).toFixed(1)} % → ${(100 * sSparse.nearZero).toFixed(1)} %; held-out MSE ${sparseMse.toFixed(4)}`,
    );

    // 5. Determinism.
    const runs = [];
    for (const [i, seed] of [o.seed + 100, o.seed + 100, o.seed + 101].entries()) {
      const r = await fit({ ...base, codeL1: o.lambda }, seed, `determinism run ${i + 1}/3`, o.determinismSteps);
      if (r.r.status === 'cancelled') return cancelled();
      runs.push(r.ae);
    }
    const flat = async (m: Autoencoder) => {
      const parts = await Promise.all(m.variables.map((v) => v.data()));
      return Float32Array.from(parts.flatMap((p) => Array.from(p as Float32Array)));
    };
    const [w1, w2, w3] = await Promise.all(runs.map(flat));
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
    const same = maxDiff(w1!, w2!);
    const other = maxDiff(w1!, w3!);
    check('determinism', same === 0 && other > 0, `same seed: largest weight difference ${same} (must be 0); different seed: ${other.toExponential(2)} (must be > 0)`);

    const passed = checks.every((c) => c.passed);
    const failed = checks.filter((c) => !c.passed).map((c) => c.name);
    log(passed ? SUCCESS_MESSAGE : `FAILED: ${failed.length} of ${checks.length} checks failed (${failed.join(', ')}).`);

    const show = Math.min(16, nTest);
    const nView = Math.min(500, nTest);
    const pca = fitPca(codes.subarray(0, nView * o.latent), nView, o.latent, 2);
    return {
      passed,
      status: 'done',
      checks,
      lines,
      metrics: { heldOutMse: mse, meanImageMse: meanMse, sparseHeldOutMse: sparseMse, dense: sDense, sparse: sSparse, seconds: (Date.now() - t0) / 1000, steps: done },
      gallery: {
        originals: testSet.images.slice(0, show * PIXELS),
        reconstructions: toU8(recon.subarray(0, show * PIXELS)),
        generated: toU8(gen),
        count: show,
        codes2d: projectPca(pca, codes, nView),
        labels: testSet.labels.slice(0, nView),
        explained: [pca.explained[0] ?? 0, pca.explained[1] ?? 0],
      },
    };
  } finally {
    models.forEach((m) => m.dispose());
    tf.dispose([tr.xs, tr.ys, te.xs, te.ys]);
  }
}
