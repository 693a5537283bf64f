/**
 * The label-smoothing comparisons, hard targets first and then smoothing ε, as the demo runs them. A
 * cancel stops the current arm but keeps what finished: completed arms whole, and the interrupted arm
 * as far as it got (its logit gaps so far; its network evaluated after the epochs it completed), so a
 * reader who stops at epoch 54 of 60 still sees the comparison, marked as partial.
 */
import type * as TF from '@tensorflow/tfjs';
import type { MnistSplit } from '../data/mnist.ts';
import {
  logitGapRun,
  smoothingRun,
  targetConfidence,
  type SmoothingRun,
} from './label-smoothing.ts';

/** The two arms' smoothing: 0 (hard targets), then ε. */
export const arms = (eps: number): [number, number] => [0, eps];

/** An arm's name in tables and legends: "hard targets" or "smoothed, ε = 0.1". */
export const armName = (eps: number) => (eps ? `smoothed, ε = ${eps}` : 'hard targets');

/** Progress callback: the fraction of the whole comparison done and a line saying where it is. */
type Progress = (fraction: number, text: string) => void;

export interface GapComparison {
  status: 'done' | 'cancelled';
  /**
   * Logit gap after each step (index 0 = start), one array per arm that took a step, each steps + 1
   * long; the steps a cancelled arm did not take are null.
   */
  gaps: (number | null)[][];
}

/** One example's logit gap under hard and smoothed targets (see logitGapRun). */
export async function compareLogitGaps(
  tf: typeof TF,
  o: { eps: number; steps: number; signal?: AbortSignal; onStep?: Progress },
): Promise<GapComparison> {
  const gaps: (number | null)[][] = [];
  for (const [arm, eps] of arms(o.eps).entries()) {
    const r = await logitGapRun(tf, {
      eps,
      steps: o.steps,
      signal: o.signal,
      onStep: (s) =>
        o.onStep?.((arm + s / o.steps) / 2, `One example, ${armName(eps)}: step ${s}/${o.steps}`),
    });
    if (r.gaps.length > 1)
      gaps.push(Array.from({ length: o.steps + 1 }, (_, t) => r.gaps[t] ?? null));
    if (r.status === 'cancelled') return { status: 'cancelled', gaps };
  }
  return { status: 'done', gaps };
}

export interface SmoothingComparison {
  status: 'done' | 'cancelled';
  /** One result per arm that completed at least one epoch; check epochsDone < epochs for partial ones. */
  arms: SmoothingRun[];
}

/** Two MNIST MLPs with the same seed, hard targets and then smoothing ε (see smoothingRun). */
export async function compareSmoothing(
  tf: typeof TF,
  trainSet: MnistSplit,
  testSet: MnistSplit,
  o: {
    eps: number;
    epochs: number;
    seed?: number;
    batchSize?: number;
    signal?: AbortSignal;
    onStep?: Progress;
  },
): Promise<SmoothingComparison> {
  const done: SmoothingRun[] = [];
  for (const [arm, eps] of arms(o.eps).entries()) {
    const r = await smoothingRun(tf, trainSet, testSet, {
      eps,
      epochs: o.epochs,
      seed: o.seed ?? 1,
      batchSize: o.batchSize,
      signal: o.signal,
      onStep: (s) =>
        o.onStep?.(
          (arm + (s.epoch * s.batches + s.batch + 1) / (s.epochs * s.batches)) / 2,
          `Training with ${armName(eps)}: epoch ${s.epoch + 1}/${s.epochs}, batch ${s.batch + 1}/${s.batches}`,
        ),
    });
    if (r.epochsDone > 0) done.push(r);
    if (r.status === 'cancelled') return { status: 'cancelled', arms: done };
  }
  return { status: 'done', arms: done };
}

/** "" for a run that completed, " (partial: 54 of 60 epochs)" for one that was cancelled. */
export const partialNote = (r: SmoothingRun) =>
  r.epochsDone < r.epochs ? ` (partial: ${r.epochsDone} of ${r.epochs} epochs)` : '';

/** What a cancelled comparison kept, in words. */
export function partialSummary(c: SmoothingComparison, eps: number): string {
  const kept = c.arms.map((r) => `${armName(r.eps)}: ${r.epochsDone} of ${r.epochs} epochs`);
  const missing = arms(eps)
    .slice(c.arms.length)
    .map((e) => `${armName(e)}: not trained`);
  return `Cancelled: partial results (${[...kept, ...missing].join('; ')}). Each network is evaluated as it stood when it stopped, so the columns are not an equal comparison.`;
}

/** How each table row reads a run: its label, its value and the kind of number it is. */
export const SMOOTHING_ROWS: {
  label: string;
  kind: 'loss' | 'fraction' | 'points' | 'gap';
  of: (r: SmoothingRun) => number;
}[] = [
  { label: 'final training loss (own targets)', kind: 'loss', of: (r) => r.finalTrainLoss },
  { label: 'test accuracy', kind: 'fraction', of: (r) => r.test.accuracy },
  {
    label: 'mean confidence (top probability)',
    kind: 'fraction',
    of: (r) => r.test.meanConfidence,
  },
  {
    label: 'confidence − accuracy',
    kind: 'points',
    of: (r) => r.test.meanConfidence - r.test.accuracy,
  },
  { label: 'expected calibration error (15 bins)', kind: 'fraction', of: (r) => r.test.ece },
  { label: 'test negative log-likelihood', kind: 'loss', of: (r) => r.test.nll },
  { label: 'mean logit gap on test digits', kind: 'gap', of: (r) => r.meanLogitGap },
];

/** Number formatters by kind of row, supplied by the caller (the page's typographic conventions). */
export type RowFormats = Record<(typeof SMOOTHING_ROWS)[number]['kind'], (v: number) => string>;

/** The comparison table: one column per arm kept (partial ones say so), one row per SMOOTHING_ROWS. */
export function smoothingTable(c: SmoothingComparison, format: RowFormats) {
  return {
    head: ['', ...c.arms.map((r) => armName(r.eps) + partialNote(r))],
    rows: SMOOTHING_ROWS.map((m) => [m.label, ...c.arms.map((r) => format[m.kind](m.of(r)))]),
  };
}

/** The comparison in one sentence (what smoothing changed), or what a cancelled one kept. */
export function comparisonSummary(
  c: SmoothingComparison,
  eps: number,
  pct: (fraction: number) => string,
): string {
  if (c.status === 'cancelled') return partialSummary(c, eps);
  const [hard, soft] = c.arms as [SmoothingRun, SmoothingRun];
  const change = (what: string, of: (r: SmoothingRun) => number) =>
    `${what} from ${pct(of(hard))} to ${pct(of(soft))}`;
  return `Smoothing moved the ${change('mean test confidence', (r) => r.test.meanConfidence)} (its training target caps it near ${pct(targetConfidence(10, eps))}) while ${change('accuracy went', (r) => r.test.accuracy)}; ${change('ECE went', (r) => r.test.ece)}.`;
}
