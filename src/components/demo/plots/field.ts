/**
 * A scalar field sampled on a g×g grid (row 0 at the top), drawn as a picture stretched over the
 * canvas: values mapped linearly from `lo`…`hi` (default: their own range) onto a colour ramp,
 * optionally in alternating bands that read as contour lines. Marks are drawn on top by the caller
 * through the returned context.
 */
export type Rgb = readonly [number, number, number];

export interface FieldStyle {
  /** Colours at `lo` and at `hi`. */
  low: Rgb;
  high: Rgb;
  lo?: number;
  hi?: number;
  /** Number of bands across the range; every other band is drawn a little lighter. */
  bands?: number;
}

/** Draw the field over the canvas's top-left `width`×`height` pixels (default: all of it). */
export function drawField(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  g: number,
  style: FieldStyle,
  width = canvas.width,
  height = canvas.height,
): CanvasRenderingContext2D | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  let lo = style.lo ?? Infinity;
  let hi = style.hi ?? -Infinity;
  if (style.lo === undefined || style.hi === undefined)
    for (let i = 0; i < g * g; i++) {
      if (style.lo === undefined) lo = Math.min(lo, values[i]!);
      if (style.hi === undefined) hi = Math.max(hi, values[i]!);
    }
  const img = new ImageData(g, g);
  for (let i = 0; i < g * g; i++) {
    const t = Math.min(1, Math.max(0, (values[i]! - lo) / (hi - lo || 1)));
    const band = style.bands && Math.floor(t * style.bands) % 2 ? 12 : 0;
    for (let k = 0; k < 3; k++)
      img.data[4 * i + k] = style.low[k]! + t * (style.high[k]! - style.low[k]!) + band;
    img.data[4 * i + 3] = 255;
  }
  const off = new OffscreenCanvas(g, g);
  off.getContext('2d')!.putImageData(img, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(off, 0, 0, width, height);
  return ctx;
}
