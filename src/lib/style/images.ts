/**
 * Small RGB pictures made by code, so the style-transfer demo needs no downloads: textures to take the
 * style from, and plain shapes to take the content from. A picture is size × size × 3 floats in
 * [0, 1], row-major (pixel (row, col) channel k at (row·size + col)·3 + k).
 */
import { rng } from '../util/random.ts';

export interface Picture {
  size: number;
  data: Float32Array;
}

type Rgb = readonly [number, number, number];

function paint(size: number, f: (row: number, col: number) => Rgb): Picture {
  const data = new Float32Array(size * size * 3);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      const v = f(r, c);
      data.set(v, (r * size + c) * 3);
    }
  return { size, data };
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  a[0] + (b[0] - a[0]) * t,
  a[1] + (b[1] - a[1]) * t,
  a[2] + (b[2] - a[2]) * t,
];

/** Value noise: a coarse grid of seeded random values, bilinearly interpolated (smooth blobs). */
function valueNoise(size: number, cells: number, seed: number): Float32Array {
  const r = rng(seed);
  const g = cells + 1;
  const grid = Float32Array.from({ length: g * g }, () => r.next());
  const out = new Float32Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const gy = (y / size) * cells;
      const gx = (x / size) * cells;
      const y0 = Math.floor(gy);
      const x0 = Math.floor(gx);
      const ty = gy - y0;
      const tx = gx - x0;
      const at = (i: number, j: number) => grid[i * g + j]!;
      const top = at(y0, x0) * (1 - tx) + at(y0, x0 + 1) * tx;
      const bottom = at(y0 + 1, x0) * (1 - tx) + at(y0 + 1, x0 + 1) * tx;
      out[y * size + x] = top * (1 - ty) + bottom * ty;
    }
  return out;
}

export const STYLE_NAMES = ['stripes', 'checks', 'dots', 'waves', 'blobs'] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

/** A texture to copy the style from. */
export function styleImage(name: StyleName, size = 32, seed = 7): Picture {
  switch (name) {
    case 'stripes': // diagonal orange and navy bands, 6 pixels per period
      return paint(size, (r, c) => ((r + c) % 6 < 3 ? [0.98, 0.55, 0.1] : [0.08, 0.12, 0.45]));
    case 'checks': // 4-pixel yellow and black squares
      return paint(size, (r, c) =>
        (Math.floor(r / 4) + Math.floor(c / 4)) % 2 ? [0.05, 0.05, 0.05] : [0.98, 0.86, 0.15],
      );
    case 'dots': // magenta dots of radius 2 on an 8-pixel grid, white paper
      return paint(size, (r, c) =>
        ((r % 8) - 3.5) ** 2 + ((c % 8) - 3.5) ** 2 <= 5 ? [0.85, 0.1, 0.6] : [0.97, 0.97, 0.95],
      );
    case 'waves': {
      // wavy teal and white lines
      return paint(size, (r, c) =>
        Math.sin(0.9 * r + 2.2 * Math.sin(0.35 * c)) > 0 ? [0.05, 0.55, 0.55] : [0.92, 0.97, 0.95],
      );
    }
    case 'blobs': {
      // smooth random blobs between red and pale blue
      const n = valueNoise(size, 6, seed);
      return paint(size, (r, c) => mix([0.85, 0.15, 0.1], [0.7, 0.85, 1], n[r * size + c]!));
    }
  }
}

export const CONTENT_NAMES = ['ring', 'cross', 'square', 'letter'] as const;
export type ContentName = (typeof CONTENT_NAMES)[number];

/** A grey shape to keep the layout of: bright figure on a dark ground. */
export function contentImage(name: ContentName, size = 32): Picture {
  const s = size;
  const u = (v: number) => v / s; // position as a fraction of the side
  const inside = (r: number, c: number): boolean => {
    const y = u(r + 0.5) - 0.5;
    const x = u(c + 0.5) - 0.5;
    switch (name) {
      case 'ring':
        return Math.hypot(x, y) < 0.36 && Math.hypot(x, y) > 0.2;
      case 'cross':
        return (
          (Math.abs(x) < 0.09 && Math.abs(y) < 0.38) || (Math.abs(y) < 0.09 && Math.abs(x) < 0.38)
        );
      case 'square':
        return Math.max(Math.abs(x), Math.abs(y)) < 0.3;
      case 'letter': // a block capital L
        return (
          (x > -0.3 && x < -0.12 && Math.abs(y) < 0.36) ||
          (y > 0.18 && y < 0.36 && x > -0.3 && x < 0.3)
        );
    }
  };
  return paint(size, (r, c) => (inside(r, c) ? [0.95, 0.95, 0.95] : [0.1, 0.1, 0.1]));
}

/** What each style and content picture shows, in a few words (a menu's entries). */
export const PICTURE_TITLES: Record<StyleName | ContentName, string> = {
  stripes: 'diagonal stripes',
  checks: 'checkerboard',
  dots: 'dots',
  waves: 'waves',
  blobs: 'random blobs',
  ring: 'ring',
  cross: 'cross',
  square: 'square',
  letter: 'letter L',
};

/** A picture of seeded uniform noise (a start point for pure texture synthesis). */
export function noiseImage(size = 32, seed = 1): Picture {
  const r = rng(seed);
  return { size, data: Float32Array.from({ length: size * size * 3 }, () => r.next()) };
}

/** RGBA bytes of a picture, for a canvas. */
export function toRgba(p: Picture): Uint8ClampedArray<ArrayBuffer> {
  const n = p.size * p.size;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 3; k++)
      out[4 * i + k] = Math.round(255 * Math.min(1, Math.max(0, p.data[3 * i + k]!)));
    out[4 * i + 3] = 255;
  }
  return out;
}
