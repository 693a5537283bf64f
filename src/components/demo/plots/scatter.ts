/** A scatter of 2-D points coloured by class label, on axes fitted to the 1st–99th percentiles. */
import { CLASSES, crispCanvas, plotTheme, themed } from './theme.ts';

/** Robust axis range: the 1st to 99th percentile of the values, widened by 8 %. */
export function robustRange(v: ArrayLike<number>): [number, number] {
  const s = Array.from(v).sort((a, b) => a - b);
  const lo = s[Math.floor(0.01 * (s.length - 1))]!;
  const hi = s[Math.ceil(0.99 * (s.length - 1))]!;
  const pad = 0.08 * (hi - lo || 1);
  return [lo - pad, hi + pad];
}

/** Draw points (x0, y0, x1, y1, …) coloured by `labels` (as their digit when `glyphs`); sets data-points to the count. */
export function drawScatter(
  canvas: HTMLCanvasElement,
  xy: Float32Array,
  labels: ArrayLike<number>,
  size = 340,
  glyphs = false,
) {
  const n = labels.length;
  const [x0, x1] = robustRange(Array.from({ length: n }, (_, i) => xy[2 * i]!));
  const [y0, y1] = robustRange(Array.from({ length: n }, (_, i) => xy[2 * i + 1]!));
  themed(canvas, () => {
    const g = crispCanvas(canvas, size, size);
    g.fillStyle = plotTheme().background;
    g.fillRect(0, 0, size, size);
    g.globalAlpha = glyphs ? 0.9 : 0.65;
    g.font = '10px sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (let i = 0; i < n; i++) {
      const [x, y] = [
        ((xy[2 * i]! - x0) / (x1 - x0)) * size,
        (1 - (xy[2 * i + 1]! - y0) / (y1 - y0)) * size,
      ];
      g.fillStyle = CLASSES[labels[i]! % CLASSES.length]!;
      if (glyphs) {
        g.fillText(String(labels[i]), x, y);
        continue;
      }
      g.beginPath();
      g.arc(x, y, 2.2, 0, 2 * Math.PI);
      g.fill();
    }
    g.globalAlpha = 1;
  });
  canvas.dataset.points = String(n);
}
