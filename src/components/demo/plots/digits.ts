/** An image grid: MNIST-sized digits (count × 784 bytes, 0 = background) drawn dark on light. */
import { IMAGE_SIDE as SIDE, PIXELS } from '../../../lib/data/mnist-geometry.ts';

/** Draw `count` digits from `images` into the canvas, `perRow` to a row; `scale` pixels per pixel. */
export function drawDigits(
  canvas: HTMLCanvasElement,
  images: Uint8Array | Float32Array,
  count: number,
  perRow = 8,
  scale = 1,
) {
  const rows = Math.ceil(count / perRow);
  const w = perRow * SIDE;
  const h = rows * SIDE;
  const off = new OffscreenCanvas(w, h);
  const g = off.getContext('2d')!;
  const img = g.createImageData(w, h);
  const float = images instanceof Float32Array;
  img.data.fill(255);
  for (let k = 0; k < count; k++) {
    const ox = (k % perRow) * SIDE;
    const oy = Math.floor(k / perRow) * SIDE;
    for (let p = 0; p < PIXELS; p++) {
      const raw = images[k * PIXELS + p]!;
      const v = 255 - (float ? Math.round(255 * Math.min(1, Math.max(0, raw))) : raw);
      const o = 4 * ((oy + Math.floor(p / SIDE)) * w + ox + (p % SIDE));
      img.data[o] = img.data[o + 1] = img.data[o + 2] = v;
    }
  }
  g.putImageData(img, 0, 0);
  canvas.width = w * scale;
  canvas.height = h * scale;
  const c = canvas.getContext('2d')!;
  c.imageSmoothingEnabled = false;
  c.drawImage(off, 0, 0, w * scale, h * scale);
}

/** Size a canvas to `side`×`side` pixels and draw RGBA bytes on it. */
export function putRgba(canvas: HTMLCanvasElement, rgba: Uint8ClampedArray, side = SIDE) {
  canvas.width = side;
  canvas.height = side;
  const image = new ImageData(new Uint8ClampedArray(rgba), side, side);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
}

/** A new canvas of `side`×`side` pixels from RGBA bytes, with an accessible label. */
export function rgbaCanvas(rgba: Uint8ClampedArray, label: string, side = SIDE): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.setAttribute('aria-label', label);
  putRgba(c, rgba, side);
  return c;
}

/** One digit with values in [0, 1] as RGBA bytes, dark ink on white as printed. */
export function digitRgba(x: Float32Array): Uint8ClampedArray {
  const out = new Uint8ClampedArray(x.length * 4);
  for (let i = 0; i < x.length; i++) {
    out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = 255 - Math.round(255 * x[i]!);
    out[4 * i + 3] = 255;
  }
  return out;
}
