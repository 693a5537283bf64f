/**
 * Optimiser paths over a 2-D loss: the loss as a banded field (darker = lower), a white cross at the
 * minimum, and each path as a line with a dot per step in its series colour.
 */
import { drawField } from './field.ts';
import { SERIES } from './theme.ts';

export interface Path {
  xs: readonly number[];
  ys: readonly number[];
}

/**
 * `field` is g×g samples over the box `x` × `y` (row 0 at the top, as src/lib/optim/surface.ts's
 * valleyGrid gives them); `minimum` is where the cross goes.
 */
export function drawTrajectories(
  canvas: HTMLCanvasElement,
  field: ArrayLike<number>,
  g: number,
  x: readonly [number, number],
  y: readonly [number, number],
  paths: readonly Path[],
  minimum: readonly [number, number] = [0, 0],
) {
  const ctx = drawField(canvas, field, g, { low: [25, 30, 60], high: [225, 210, 210], bands: 14 });
  if (!ctx) return;
  const px = (v: number) => ((v - x[0]) / (x[1] - x[0])) * canvas.width;
  const py = (v: number) => ((y[1] - v) / (y[1] - y[0])) * canvas.height;
  const [mx, my] = [px(minimum[0]), py(minimum[1])];
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(mx - 6, my - 6);
  ctx.lineTo(mx + 6, my + 6);
  ctx.moveTo(mx + 6, my - 6);
  ctx.lineTo(mx - 6, my + 6);
  ctx.stroke();
  paths.forEach((p, k) => {
    ctx.strokeStyle = ctx.fillStyle = SERIES[k % SERIES.length]!;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    p.xs.forEach((v, i) => {
      if (i === 0) ctx.moveTo(px(v), py(p.ys[i]!));
      else ctx.lineTo(px(v), py(p.ys[i]!));
    });
    ctx.stroke();
    p.xs.forEach((v, i) => ctx.fillRect(px(v) - 1.5, py(p.ys[i]!) - 1.5, 3, 3));
  });
}
