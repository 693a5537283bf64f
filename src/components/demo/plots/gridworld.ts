/**
 * A grid world: each floor cell shaded by its value (darker blue = higher), with the greedy action as
 * an arrow; walls grey, goal green, pit red; the cells of a path outlined.
 */
import { greedy, stateValues, type Grid } from '../../../lib/fewshot/gridworld.ts';

const CELL = 52;
const ARROWS = '↑→↓←';

function cellColour(g: Grid, s: number, value: number): string {
  if (g.wall[s]) return '#777';
  if (g.cells[s] === 'G') return '#3cc47c';
  if (g.cells[s] === 'P') return '#e0524a';
  return `rgba(79, 140, 255, ${Math.max(0, Math.min(1, value)).toFixed(3)})`;
}

/** Draw the grid with the values and greedy actions of the action-value table `q` (4 per state). */
export function drawGridWorld(canvas: HTMLCanvasElement, g: Grid, q: Float64Array, path: number[]) {
  canvas.width = g.cols * CELL;
  canvas.height = g.rows * CELL;
  const c = canvas.getContext('2d')!;
  const v = stateValues(q);
  const onPath = new Set(path);
  c.font = '16px sans-serif';
  c.textAlign = 'center';
  c.textBaseline = 'middle';
  for (let s = 0; s < g.cells.length; s++) {
    const x = (s % g.cols) * CELL;
    const y = Math.floor(s / g.cols) * CELL;
    const cell = g.cells[s];
    c.fillStyle = cellColour(g, s, v[s]!);
    c.fillRect(x, y, CELL, CELL);
    c.strokeStyle = '#ccc';
    c.lineWidth = 1;
    c.strokeRect(x + 0.5, y + 0.5, CELL - 1, CELL - 1);
    if (onPath.has(s)) {
      c.strokeStyle = '#111';
      c.lineWidth = 3;
      c.strokeRect(x + 2, y + 2, CELL - 4, CELL - 4);
    }
    c.fillStyle = '#111';
    if (cell === 'G' || cell === 'P') c.fillText(cell, x + CELL / 2, y + CELL / 2);
    else if (!g.wall[s])
      c.fillText((cell === 'S' ? 'S ' : '') + ARROWS[greedy(q, s)], x + CELL / 2, y + CELL / 2);
  }
}
