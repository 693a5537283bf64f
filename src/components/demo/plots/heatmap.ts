/** A labelled heat map of weights in [0, 1] (rows × columns), e.g. attention: darker = more weight. */
import { crispCanvas, plotTheme, themed } from './theme.ts';

/**
 * `weights[r * stride + c]` for row r and column c (`stride` defaults to the column count).
 * Cells of weight ≥ 0.5 also show the value. Sets data-rows and data-cols.
 */
export function drawHeatmap(
  canvas: HTMLCanvasElement,
  weights: ArrayLike<number>,
  rowLabels: string[],
  colLabels: string[],
  stride = colLabels.length,
  cell = 30,
) {
  const left = 42;
  const top = 24;
  const rows = rowLabels.length;
  const cols = colLabels.length;
  const width = left + cols * cell + 4;
  const height = top + rows * cell + 4;
  themed(canvas, () => {
    const t = plotTheme();
    const g = crispCanvas(canvas, width, height);
    canvas.style.width = `${width}px`;
    g.fillStyle = t.background;
    g.fillRect(0, 0, width, height);
    g.font = '14px monospace';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillStyle = t.text;
    colLabels.forEach((c, j) => g.fillText(c, left + j * cell + cell / 2, top / 2));
    rowLabels.forEach((label, r) => {
      g.fillStyle = t.text;
      g.fillText(label, left / 2, top + r * cell + cell / 2);
      for (let j = 0; j < cols; j++) {
        const w = weights[r * stride + j]!;
        g.fillStyle = `rgba(79, 110, 255, ${Math.max(0.04, w)})`;
        g.fillRect(left + j * cell, top + r * cell, cell - 1, cell - 1);
        if (w >= 0.5) {
          g.fillStyle = '#fff';
          g.fillText(w.toFixed(1), left + j * cell + cell / 2, top + r * cell + cell / 2);
        }
      }
    });
  });
  canvas.dataset.rows = String(rows);
  canvas.dataset.cols = String(cols);
}
