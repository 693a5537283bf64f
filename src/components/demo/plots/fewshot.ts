/**
 * The few-shot demo's two figures: the accuracy per number of shots (mean ± 95 % interval over test
 * episodes, against chance, raw pixels and the untrained network), and one test episode as two
 * captioned digit grids — the support set (one row per class, top to bottom in the order of
 * `classes`) and the first queries with true → predicted digits. The episode's canvases and captions
 * carry data-out support, support-caption, queries and queries-caption.
 */
import type { ExampleEpisode, ShotResult } from '../../../lib/fewshot/run.ts';
import { fixed, pct } from '../format.ts';
import { fillTable } from '../table.ts';
import { drawDigits } from './digits.ts';

const interval = (x: { mean: number; ci95: number }) =>
  `${fixed(100 * x.mean, 1)} ± ${pct(x.ci95, 1)}`;

/** One row per k: k, chance, then raw pixels, untrained and trained network as "mean ± ci %". */
export function fillShotTable(table: HTMLElement, results: readonly ShotResult[]) {
  fillTable(table, {
    head: ['k (shots)', 'chance', 'raw pixels', 'untrained network', 'trained network'],
    rows: results.map((s) => [
      String(s.shot),
      pct(s.chance, 1),
      interval(s.raw),
      interval(s.untrained),
      interval(s.trained),
    ]),
  });
}

function figure(out: string, label: string, caption: string, draw: (c: HTMLCanvasElement) => void) {
  const canvas = document.createElement('canvas');
  canvas.dataset.out = out;
  canvas.setAttribute('aria-label', label);
  draw(canvas);
  const figcaption = document.createElement('figcaption');
  figcaption.dataset.out = `${out}-caption`;
  figcaption.textContent = caption;
  const f = document.createElement('figure');
  f.append(canvas, figcaption);
  return f;
}

/** Replace the contents of `el` with the episode's support and query figures. */
export function fillEpisode(el: HTMLElement, ex: ExampleEpisode) {
  const wrong = ex.truth.filter((t, i) => t !== ex.predicted[i]).length;
  const pairs = ex.truth.map(
    (t, i) => `${t}→${ex.predicted[i]}${t === ex.predicted[i] ? '' : ' ✗'}`,
  );
  el.replaceChildren(
    figure(
      'support',
      'Support images of one test episode, one row per class',
      `Support set of the first ${ex.shot}-shot test episode: one row per class, digits ${ex.classes.join(', ')} from top to bottom. The network never saw these digits while training.`,
      (c) => drawDigits(c, ex.supportImages, ex.classes.length * ex.shot, ex.shot),
    ),
    figure(
      'queries',
      'Query images of the same episode',
      `Queries of that episode, true → predicted by the nearest prototype: ${pairs.join(', ')} (${wrong} wrong).`,
      (c) => drawDigits(c, ex.queryImages, ex.truth.length, ex.truth.length),
    ),
  );
}
