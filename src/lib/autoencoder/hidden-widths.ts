/** Hidden widths typed as text ("256,64"), as the autoencoder task's page asks for them. */

/** "256,64" → [256, 64]; empty (or blank) for no hidden layer; throws on anything but whole numbers ≥ 1. */
export function parseHiddenWidths(s: string): number[] {
  if (!s.trim()) return [];
  const widths = s.split(',').map((p) => (p.trim() === '' ? NaN : Number(p.trim())));
  if (!widths.every((v) => Number.isInteger(v) && v >= 1))
    throw new Error('Hidden widths must be whole numbers separated by commas, e.g. 256,64.');
  return widths;
}
