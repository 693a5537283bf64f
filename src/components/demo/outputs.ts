/**
 * Emptying a demo's outputs before a new run, so that nothing of the last run stays on screen while
 * the next one computes.
 */
import type { DemoContext } from './runtime.ts';

const FORM = 'form, input, select, textarea, button';

/**
 * Empty the outputs named by `keys`, or, when none are named, every `[data-out]` element of the
 * demo that is not inside another one (what a run wrote inside an output goes with it), except forms
 * and what holds a form control (the reader's input stays). Elements lose their children; a canvas
 * loses its drawing (its size drops to 0 × 0) and the data attributes its plot set (data-points,
 * data-rows, data-curves, …), keeping only data-out.
 */
export function clearOutputs(ctx: Pick<DemoContext, 'out' | 'root'>, keys?: readonly string[]) {
  const els = keys
    ? keys.map((k) => ctx.out(k))
    : [...ctx.root.querySelectorAll<HTMLElement>('[data-out]')].filter(
        (el) =>
          !el.parentElement?.closest('[data-out]') && !el.matches(FORM) && !el.querySelector(FORM),
      );
  for (const el of els) {
    if (!(el instanceof HTMLCanvasElement)) {
      el.replaceChildren();
      continue;
    }
    el.width = el.height = 0;
    for (const k of Object.keys(el.dataset)) if (k !== 'out') delete el.dataset[k];
  }
}

/** The start of most runs once data is there: the running phase, the output area shown and emptied. */
export function startRunning(ctx: Pick<DemoContext, 'out' | 'root' | 'phase' | 'show'>) {
  ctx.phase('running');
  ctx.show();
  clearOutputs(ctx);
}
