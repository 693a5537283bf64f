/**
 * One progress reporter for every island that trains: pass `stepProgress(ctx)` as the lib's onStep
 * and the bar moves with each step while the status says "Epoch 2/10, batch 5/40" (or, with a label,
 * "Autoencoder: epoch 2/10, batch 5/40"). The fraction comes from src/lib/train/progress.ts.
 */
import { stepFraction, type StepPosition } from '../../lib/train/progress.ts';
import type { DemoContext } from './runtime.ts';

export interface StepProgressOptions<S> {
  /** What is training, when the run trains more than one thing ("Autoencoder", "minimax GAN"). */
  label?: string;
  /** The part of the bar this training fills (lib: partSpan), when it is one of several. */
  span?: readonly [number, number];
  /** Text appended after the batch count, e.g. the latest loss. */
  detail?: (s: S) => string;
}

/**
 * The reporter: `report(s)` after each step, or `report(s, options)` when what trains changes
 * during the run (the options given here are the defaults).
 */
export function stepProgress<S extends StepPosition>(
  ctx: Pick<DemoContext, 'progress'>,
  defaults: StepProgressOptions<S> = {},
): (s: S, options?: StepProgressOptions<S>) => void {
  return (s, options) => {
    const { label, span, detail } = { ...defaults, ...options };
    ctx.progress(
      stepFraction(s, span),
      `${label ? `${label}: epoch` : 'Epoch'} ${s.epoch + 1}/${s.epochs}, batch ${s.batch + 1}/${s.batches}${detail?.(s) ?? ''}`,
    );
  };
}
