/** A decision field: class-1 probabilities on a g×g grid over [−1, 1]², with labelled points on top. */
import { drawField } from './field.ts';

export function drawDecision(
  canvas: HTMLCanvasElement,
  grid: Float32Array,
  g: number,
  points?: { x: Float32Array; y: Int32Array },
) {
  const ctx = drawField(canvas, grid, g, { low: [220, 90, 70], high: [70, 90, 220], lo: 0, hi: 1 });
  if (!ctx || !points) return;
  const size = canvas.width;
  for (let i = 0; i < points.y.length; i++) {
    const px = ((points.x[2 * i]! + 1) / 2) * size;
    const py = ((1 - points.x[2 * i + 1]!) / 2) * size;
    ctx.beginPath();
    ctx.arc(px, py, 2.5, 0, 2 * Math.PI);
    ctx.fillStyle = points.y[i] ? '#cfe3ff' : '#ffd6cf';
    ctx.strokeStyle = points.y[i] ? '#1b4f9c' : '#9c2b1b';
    ctx.fill();
    ctx.stroke();
  }
}
