/**
 * Hyper-parameter trials on a loss surface over [0, 1]²: the surface as a field (dark = low loss),
 * grid trials as squares and random trials as circles, and under the plot a tick for each value of x
 * tried (grid in the upper row, random in the lower), which shows how many distinct values each tried.
 */
import { drawField } from './field.ts';
import { SERIES } from './theme.ts';

export interface TrialPoint {
  x: number;
  y: number;
}

/** The canvas should be a little taller than wide: the square plot, then two rows of ticks. */
export function drawSearchTrials(
  canvas: HTMLCanvasElement,
  surface: ArrayLike<number>,
  g: number,
  grid: readonly TrialPoint[],
  random: readonly TrialPoint[],
) {
  const size = canvas.width;
  const ctx = drawField(
    canvas,
    surface,
    g,
    { low: [40, 60, 120], high: [240, 230, 220], lo: 0, hi: 1 },
    size,
    size,
  );
  if (!ctx) return;
  const mark = (p: TrialPoint, square: boolean, color: string) => {
    ctx.fillStyle = color;
    ctx.strokeStyle = '#000';
    ctx.beginPath();
    if (square) ctx.rect(p.x * size - 5, (1 - p.y) * size - 5, 10, 10);
    else ctx.arc(p.x * size, (1 - p.y) * size, 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.fillRect(p.x * size - 1, square ? size + 4 : size + 18, 2, 12);
  };
  grid.forEach((p) => mark(p, true, SERIES[1]!));
  random.forEach((p) => mark(p, false, SERIES[2]!));
}
