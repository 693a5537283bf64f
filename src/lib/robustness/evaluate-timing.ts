/**
 * How long the mnist-variants evaluation takes: the shipped baseline on the first n clean test images
 * and on t1–t4 made from them (5n images), through `evaluateSet` exactly as the page's demo calls it.
 * Loading the images and the model is not timed. Used by `npm run bench` (Node) and the /bench/ page.
 */
import type * as TF from '@tensorflow/tfjs';
import type { MnistSource } from '../data/mnist.ts';
import { evaluateSet } from './evaluate.ts';
import { loadBaseline, loadTestSets } from './lab.ts';
import { classifierOf } from './recipes.ts';
import { VARIANTS, type VariantId } from './variants.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface EvaluationTiming {
  /** Images evaluated per timed run (all five sets). */
  images: number;
  /** Wall-clock seconds of the fastest run. */
  seconds: number;
  /** CPU seconds of this process in that run, when a CPU clock was given (Node). */
  cpuSeconds?: number;
  /** Accuracy on each set (the same in every run). */
  accuracy: Record<VariantId, number>;
  /**
   * Mean softmax entropy on each set: a sum over every image's output, so two runs (e.g. on one
   * thread and on two) that agree here to the last digit computed the same outputs.
   */
  meanEntropy: Record<VariantId, number>;
}

export interface EvaluationTimingOptions {
  source: MnistSource;
  /** The site's base URL (the shipped files live under it). */
  base: string;
  /** Fetch for the shipped files (Node: one that reads public/). */
  fetch?: typeof fetch;
  /** Clean test images (default 10,000: 50,000 images in all). */
  n?: number;
  /** Timed runs; the fastest counts (default 2). */
  rounds?: number;
  /** Milliseconds of CPU time used by this process so far (Node: from process.cpuUsage). */
  cpuMs?: () => number;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export async function timeShippedEvaluation(
  tf: typeof TF,
  o: EvaluationTimingOptions,
): Promise<EvaluationTiming> {
  const { sets } = await loadTestSets(o.source, o.base, o.n ?? 10_000, { fetch: o.fetch });
  const model = await loadBaseline(tf, o.base, { fetch: o.fetch });
  const classify = classifierOf(model);
  try {
    // Warm-up: the first products create the backend's cached operators and compile what needs it.
    const c = sets.clean;
    const first = Math.min(c.count, 1000);
    await evaluateSet(tf, classify, {
      x: c.x.subarray(0, first * PIXELS),
      labels: c.labels.subarray(0, first),
      count: first,
    });
    let best: EvaluationTiming | null = null;
    for (let round = 0; round < (o.rounds ?? 2); round++) {
      const wall = now();
      const cpu = o.cpuMs?.() ?? 0;
      const accuracy = {} as Record<VariantId, number>;
      const meanEntropy = {} as Record<VariantId, number>;
      let images = 0;
      for (const v of VARIANTS) {
        const e = (await evaluateSet(tf, classify, sets[v]))!;
        accuracy[v] = e.accuracy;
        meanEntropy[v] = e.meanEntropy;
        images += e.count;
      }
      const seconds = (now() - wall) / 1000;
      const cpuSeconds = o.cpuMs ? ((o.cpuMs() ?? 0) - cpu) / 1000 : undefined;
      if (!best || seconds < best.seconds)
        best = { images, seconds, cpuSeconds, accuracy, meanEntropy };
    }
    return best!;
  } finally {
    model.dispose();
  }
}

/** `node wasm evaluation of the shipped model on clean + t1–t4 (50,000 images): 3.52 s (…); clean 98.1 %, …` */
export function formatEvaluationTiming(
  t: EvaluationTiming,
  where: string,
  backend: string,
): string {
  const cpu = t.cpuSeconds === undefined ? '' : `, ${t.cpuSeconds.toFixed(2)} CPU-seconds`;
  const acc = VARIANTS.map((v) => `${v} ${(100 * t.accuracy[v]).toFixed(2)} %`).join(', ');
  return `${where} ${backend} evaluation of the shipped model on ${VARIANTS.join(' + ')} (${t.images.toLocaleString('en-US')} images): ${t.seconds.toFixed(2)} s${cpu}; accuracy ${acc}`;
}
