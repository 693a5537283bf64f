/**
 * How far a training run is, as a fraction of its steps: what a progress bar shows after each step
 * the loop reports (see StepInfo in ./loop.ts).
 */
import type { StepInfo } from './loop.ts';

/** Where a step stands: 0-based epoch and batch, out of `epochs` and `batches`. */
export type StepPosition = Pick<StepInfo, 'epoch' | 'epochs' | 'batch' | 'batches'>;

/**
 * The share of the run done once step `s` has finished (1 after the last batch of the last epoch),
 * mapped into `span` when the run is one part of a longer job (e.g. [0.5, 0.75] for the third
 * quarter). Steps count equally, whichever epoch they are in.
 */
export function stepFraction(s: StepPosition, span: readonly [number, number] = [0, 1]): number {
  const done = (s.epoch * s.batches + s.batch + 1) / (s.epochs * s.batches);
  return span[0] + done * (span[1] - span[0]);
}

/** The span of part `index` (0-based) when a job is `parts` runs of equal weight, one after another. */
export function partSpan(index: number, parts: number): [number, number] {
  return [index / parts, (index + 1) / parts];
}
