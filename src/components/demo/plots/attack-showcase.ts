/**
 * An attack's before and after, as a table with one column per digit: the clean digit with its true
 * label and the network's prediction, then for each attack the perturbation (red brightens a pixel,
 * blue darkens it, full colour is a change of ε) and the adversarial digit with the new prediction.
 * Prediction lines carry data-pred="fgsm-7" etc. for tests.
 */
import type { Prediction, ShowcaseItem } from '../../../lib/adversarial/attack-lab.ts';
import { deltaToRgba } from '../../../lib/adversarial/attack-lab.ts';
import { pct } from '../format.ts';
import { fillTable, type Cell } from '../table.ts';
import { digitRgba, rgbaCanvas } from './digits.ts';

const ATTACKS = ['fgsm', 'pgd'] as const;

/** A picture with lines of text under it (each line optionally tagged with data-pred). */
function pictureCell(picture: HTMLCanvasElement, ...lines: [string, string?][]): Cell {
  const f = document.createDocumentFragment();
  f.append(picture);
  for (const [text, pred] of lines) {
    const div = document.createElement('div');
    div.textContent = text;
    if (pred) div.dataset.pred = pred;
    f.append(div);
  }
  return f;
}

const says = (p: Prediction, truth: number) =>
  `says ${p.label} (${pct(p.confidence, 1)})${p.label === truth ? '' : ' ✗'}`;

/** Fill `el` with the table; `pgdSteps` names the PGD rows ("PGD-10"). */
export function fillAttackShowcase(
  el: HTMLElement,
  items: readonly ShowcaseItem[],
  eps: number,
  pgdSteps: number,
) {
  const rows: Cell[][] = [
    [
      'clean',
      ...items.map((it) =>
        pictureCell(
          rgbaCanvas(digitRgba(it.clean), `clean digit ${it.label}`),
          [`true ${it.label}`],
          [says(it.before, it.label)],
        ),
      ),
    ],
  ];
  for (const kind of ATTACKS) {
    const name = kind === 'fgsm' ? 'FGSM' : `PGD-${pgdSteps}`;
    rows.push(
      [
        `${name} perturbation`,
        ...items.map((it) =>
          rgbaCanvas(deltaToRgba(it[kind].delta, eps), `${name} perturbation of digit ${it.label}`),
        ),
      ],
      [
        `${name} result`,
        ...items.map((it) =>
          pictureCell(
            rgbaCanvas(digitRgba(it[kind].image), `${name} adversarial digit, true ${it.label}`),
            [says(it[kind].prediction, it.label), `${kind}-${it.label}`],
          ),
        ),
      ],
    );
  }
  fillTable(el, { rows, rowHeaders: true });
}
