/** A table cell with a canvas into which AeResults draws `count` digits (base64 uint8 images, 28 × 28 each). */
import type { StaticCell } from '../../demo/StaticTable.astro';

export function digitsCell(digits: string, count: number, label: string): StaticCell {
  return { canvas: { 'data-digits': digits, 'data-count': String(count), 'aria-label': label } };
}
