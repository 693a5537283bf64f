/**
 * An image grid that grows one row at a time, in a captioned figure: e.g. the same noise decoded
 * after every epoch, so the rows read top to bottom as training goes on.
 */
import { stackImages } from '../../../lib/data/stack-images.ts';
import { drawDigits } from './digits.ts';

export interface DigitRowsFigure {
  canvas: HTMLCanvasElement;
  /** Append a row of `perRow` digits (perRow × 784 bytes) and redraw. */
  add(row: Uint8Array): void;
}

/**
 * Append a new figure to `target`: a canvas described by `label` (with `data` attributes, e.g.
 * { kind: 'minimax' }), `caption` under it, drawn at `scale` CSS pixels per image pixel.
 */
export function digitRowsFigure(
  target: HTMLElement,
  o: {
    perRow: number;
    label: string;
    caption: string;
    scale?: number;
    data?: Record<string, string>;
  },
): DigitRowsFigure {
  const { perRow, label, caption, scale = 1.5, data = {} } = o;
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-label', label);
  Object.assign(canvas.dataset, data);
  const figcaption = document.createElement('figcaption');
  figcaption.textContent = caption;
  const figure = document.createElement('figure');
  figure.append(canvas, figcaption);
  target.append(figure);
  const rows: Uint8Array[] = [];
  return {
    canvas,
    add(row) {
      rows.push(row);
      drawDigits(canvas, stackImages(rows), rows.length * perRow, perRow);
      canvas.style.width = `${canvas.width * scale}px`;
    },
  };
}
