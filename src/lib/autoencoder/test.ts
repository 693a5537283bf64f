/**
 * The task's test, the TypeScript twin of `test()` in python/autoencoder.py: build the task's
 * autoencoder (./contract.ts), check the contract, train it on real MNIST with Adam (lr 1e-3) in
 * batches of 50, and check that it learned something. It prints (through `log`) one line per epoch and
 * per check, and the success message only when every check holds.
 *
 * Checks, in the PyTorch file's order of ideas:
 * 1.–4. the contract (`contractChecks`): code size 20, reconstruction size 784, at most 6 layers with
 *    parameters, no parameter dimension above 800 — made before training, so a refused model costs
 *    the reader no training time;
 * 5. learned — after training, the per-pixel MSE on held-out test images is below that of always
 *    answering with the mean training image.
 *
 * The full test (10 epochs on all 60,000 training images) is `npm run autoencoder:test`; the page and
 * the unit suite run smaller budgets (`TASK_TEST_DEFAULTS`).
 */
import type * as TF from '@tensorflow/tfjs';
import { toTensors, type MnistSplit } from '../data/mnist.ts';
import type { StepInfo } from '../train/engine.ts';
import { createAutoencoder, type Autoencoder } from './model.ts';
import { trainAutoencoder } from './train.ts';
import { meanImageMse, reconstructionMse } from './evaluate.ts';
import { encodeAll, fitCodeGaussian, generate, reconstructAll } from './generate.ts';
import { fitPca, projectPca } from './pca.ts';
import { contractChecks, SUCCESS_MESSAGE, TASK_CONTRACT, taskConfig } from './contract.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export { SUCCESS_MESSAGE };

export interface TaskTestOptions {
  /** First n training images used for training. */
  trainImages: number;
  /** First n test images used as the held-out set. */
  testImages: number;
  epochs: number;
  /** Encoder hidden widths (the contract's by default; change them to see the test refuse a model). */
  hidden: number[];
  /** Code size (20 by contract). */
  latent: number;
  /** λ of the L1 code penalty (the contract's by default). */
  lambda: number;
  seed: number;
}

/** The budget of the page and the unit suite: a fraction of the full test's 10 epochs on 60,000 images. */
export const TASK_TEST_DEFAULTS: TaskTestOptions = {
  trainImages: 3000,
  testImages: 1000,
  epochs: 5,
  hidden: [...TASK_CONTRACT.hidden],
  latent: TASK_CONTRACT.codeSize,
  lambda: TASK_CONTRACT.lambda,
  seed: 1,
};

/** The full test, as `npm run autoencoder:test` and the PyTorch file run it. */
export const TASK_TEST_FULL = {
  trainImages: 60000,
  testImages: 10000,
  epochs: TASK_CONTRACT.epochs,
} satisfies Partial<TaskTestOptions>;

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
  /** Absent when cancelled or when the contract refused the model. */
  metrics?: {
    heldOutMse: number;
    meanImageMse: number;
    /** Mean training loss per epoch. */
    epochLosses: number[];
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

export interface TaskTestHooks {
  signal?: AbortSignal;
  /** One line of the test log. */
  log?: (line: string) => void;
  /** Progress over all training steps of the test, 0–1. */
  onProgress?: (fraction: number, text: string) => void;
}

const toU8 = (v: Float32Array) =>
  Uint8Array.from(v, (p) => Math.round(Math.min(1, Math.max(0, p)) * 255));

/** Held-out value of the training loss: per-pixel MSE + λ·mean|z|. */
async function heldOutLoss(tf: typeof TF, ae: Autoencoder, xs: TF.Tensor2D): Promise<number> {
  const mse = await reconstructionMse(tf, ae, xs);
  if (ae.config.codeL1 === 0) return mse;
  const codes = await encodeAll(tf, ae, xs);
  return mse + ae.config.codeL1 * (codes.reduce((s, v) => s + Math.abs(v), 0) / codes.length);
}

/** Run the task's test. Frees every tensor it creates, on success, cancel and error. */
export async function runTaskTest(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  options: Partial<TaskTestOptions> = {},
  hooks: TaskTestHooks = {},
): Promise<TaskTestReport> {
  const o: TaskTestOptions = { ...TASK_TEST_DEFAULTS, ...options };
  const { batchSize, learningRate } = TASK_CONTRACT;
  const lines: string[] = [];
  const log = (s: string) => (lines.push(s), hooks.log?.(s));
  const checks: Check[] = [];
  const check = (c: Check) => (
    checks.push(c),
    log(`${c.passed ? 'PASS' : 'FAIL'} ${c.name}: ${c.detail}`)
  );
  const verdict = () => {
    const failed = checks.filter((c) => !c.passed).map((c) => c.name);
    log(
      failed.length === 0
        ? SUCCESS_MESSAGE
        : `FAILED: ${failed.length} of ${checks.length} checks failed (${failed.join(', ')}).`,
    );
    return failed.length === 0;
  };
  const t0 = Date.now();
  const nTrain = Math.min(o.trainImages, trainSet.count);
  const nTest = Math.min(o.testImages, testSet.count);
  if (nTrain < 2 || nTest < 2)
    throw new Error('The test needs at least 2 training and 2 test images.');
  const ae = createAutoencoder(
    tf,
    taskConfig({ hidden: o.hidden, latent: o.latent, codeL1: o.lambda }),
    o.seed,
  );
  const first = (s: MnistSplit, n: number): MnistSplit => ({
    images: s.images.subarray(0, n * PIXELS),
    labels: s.labels.subarray(0, n),
    count: n,
  });
  let data: { tr: ReturnType<typeof toTensors>; te: ReturnType<typeof toTensors> } | undefined;
  try {
    const arch = [PIXELS, ...o.hidden, o.latent].join('-');
    log(
      `AutoEncoder ${arch} (mirrored decoder), loss = per-pixel MSE + λ·mean|code| with λ = ${o.lambda}; Adam (lr ${learningRate}), batches of ${batchSize}; ${nTrain} training and ${nTest} held-out MNIST images, ${o.epochs} epochs.`,
    );
    contractChecks(tf, ae).forEach(check);
    if (checks.some((c) => !c.passed)) {
      verdict();
      return { passed: false, status: 'done', checks, lines };
    }

    data = { tr: toTensors(tf, first(trainSet, nTrain)), te: toTensors(tf, first(testSet, nTest)) };
    const { tr, te } = data;
    const totalSteps = o.epochs * Math.ceil(nTrain / Math.min(batchSize, nTrain));
    const progress = (s: StepInfo) =>
      hooks.onProgress?.(
        s.step / totalSteps,
        `Training: epoch ${s.epoch + 1}/${s.epochs}, step ${s.batch + 1}/${s.batches}${s.loss !== undefined ? `, loss ${s.loss.toFixed(4)}` : ''}`,
      );
    const r = await trainAutoencoder(tf, ae, tr.xs, {
      epochs: o.epochs,
      batchSize,
      seed: o.seed,
      signal: hooks.signal,
      optimizer: { name: 'adam', learningRate },
      onStep: progress,
      evaluate: () => heldOutLoss(tf, ae, te.xs),
      onEpoch: (e) =>
        void log(
          `=> Epoch ${e.epoch + 1}/${e.epochs}: mean training loss ${e.loss.toFixed(5)}, held-out loss ${e.metric!.toFixed(5)}`,
        ),
    });
    if (r.status === 'cancelled') return { passed: false, status: 'cancelled', checks, lines };

    const mse = await reconstructionMse(tf, ae, te.xs);
    const meanMse = await meanImageMse(tf, tr.xs, te.xs);
    check({
      name: 'learned',
      passed: mse < meanMse,
      detail: `held-out per-pixel MSE ${mse.toFixed(5)} (must be below the mean training image's ${meanMse.toFixed(5)})`,
    });
    const passed = verdict();

    const show = Math.min(16, nTest);
    const nView = Math.min(500, nTest);
    const codes = await encodeAll(tf, ae, te.xs);
    const shown = tf.slice(te.xs, [0, 0], [show, -1]);
    const recon = await reconstructAll(tf, ae, shown).finally(() => shown.dispose());
    const gen = await generate(
      tf,
      ae,
      fitCodeGaussian(await encodeAll(tf, ae, tr.xs), nTrain, o.latent),
      16,
      o.seed,
    );
    const pca = fitPca(codes.subarray(0, nView * o.latent), nView, o.latent, 2);
    return {
      passed,
      status: 'done',
      checks,
      lines,
      metrics: {
        heldOutMse: mse,
        meanImageMse: meanMse,
        epochLosses: r.epochs.map((e) => e.loss),
        seconds: (Date.now() - t0) / 1000,
        steps: r.steps,
      },
      gallery: {
        originals: testSet.images.slice(0, show * PIXELS),
        reconstructions: toU8(recon),
        generated: toU8(gen),
        count: show,
        codes2d: projectPca(pca, codes, nView),
        labels: testSet.labels.slice(0, nView),
        explained: [pca.explained[0] ?? 0, pca.explained[1] ?? 0],
      },
    };
  } finally {
    ae.dispose();
    if (data) tf.dispose([data.tr.xs, data.tr.ys, data.te.xs, data.te.ys]);
  }
}
