/** One row of MNIST digits as a new canvas with an accessible label (for a table cell or a list). */
import { PIXELS } from '../../../lib/data/mnist-geometry.ts';
import { drawDigits } from './digits.ts';

export function digitStrip(images: Uint8Array, label: string): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.setAttribute('aria-label', label);
  c.className = 'digits';
  const n = images.length / PIXELS;
  drawDigits(c, images, n, n);
  return c;
}
