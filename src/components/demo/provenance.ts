/**
 * The run half of a demo's provenance (browser): after a run, the backend and precision it ran at,
 * and — when the island compares its numbers with a committed reference through ctx.reference —
 * "your run vs reference" with the largest difference and the tolerance (src/lib/backend/reference.ts).
 */
import type { BackendInfo } from '../../lib/backend/index.ts';
import { precisionOf, webglRendersFloat32, type Precision } from '../../lib/backend/precision.ts';
import { compareWithReference } from '../../lib/backend/reference.ts';

const sci = (v: number) =>
  v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(1).replace('-', '−') : 'not a number';

/** Show a source file's code (kept in a <template>) when its <details> is first opened. */
function revealSourceOnOpen(root: HTMLElement) {
  root.querySelectorAll<HTMLDetailsElement>('details[data-provenance]').forEach((details) => {
    details.addEventListener('toggle', () => {
      const template = details.querySelector('template');
      if (details.open && template) template.replaceWith(template.content.cloneNode(true));
    });
  });
}

export function provenanceRow(root: HTMLElement) {
  revealSourceOnOpen(root);
  const ranOn = root.querySelector<HTMLElement>('[data-role=ran-on]');
  const refEl = root.querySelector<HTMLElement>('[data-role=reference]');
  let precision: Precision = precisionOf('cpu', undefined);
  const lines: string[] = [];
  let allWithin = true;

  return {
    /** A run starts on this backend: say where it runs, forget the last comparison. */
    start(backend: BackendInfo) {
      precision = precisionOf(backend.name, webglRendersFloat32(backend.tf, backend.name));
      root.dataset.precision = precision.dtype;
      if (ranOn) {
        ranOn.textContent = `Ran with TensorFlow.js on ${backend.name}${backend.detail ? ` (${backend.detail})` : ''} in ${precision.text}.`;
        ranOn.hidden = false;
      }
      lines.length = 0;
      allWithin = true;
      if (refEl) refEl.hidden = true;
      delete root.dataset.reference;
    },
    /** Compare this run's numbers with a committed reference and show the verdict. */
    reference(label: string, run: readonly number[], reference: readonly number[], ops?: number) {
      const c = compareWithReference(run, reference, precision, ops);
      allWithin &&= c.within;
      lines.push(
        `${label}: largest difference ${sci(c.maxAbsDiff)}, tolerance ${sci(c.tolerance)} — ${c.within ? 'within' : 'OUTSIDE'} (rule: ${c.rule}).`,
      );
      root.dataset.reference = allWithin ? 'within' : 'outside';
      if (refEl) {
        refEl.textContent = `Your run vs reference. ${lines.join(' ')}`;
        refEl.hidden = false;
      }
      return c;
    },
  };
}
