/**
 * A reliability diagram: one bar a confidence bin, as tall as the accuracy inside it, against the
 * diagonal of perfect calibration. Follows the light/dark theme.
 */
import { crispCanvas, plotTheme, SERIES, themed } from './theme.ts';

export interface ReliabilityBin {
  lo: number;
  hi: number;
  count: number;
  confidence: number | null;
  accuracy: number | null;
}

export function drawReliability(
  canvas: HTMLCanvasElement,
  bins: ReliabilityBin[],
  title: string,
  width = 160,
  height = 140,
) {
  themed(canvas, () => {
    const g = crispCanvas(canvas, width, height);
    canvas.style.width = `${width}px`;
    const t = plotTheme();
    const pad = 24;
    const sx = (v: number) => pad + v * (width - pad - 4);
    const sy = (v: number) => height - pad - v * (height - pad - 18);
    g.fillStyle = t.background;
    g.fillRect(0, 0, width, height);
    g.strokeStyle = t.faint;
    g.beginPath();
    g.moveTo(sx(0), sy(0));
    g.lineTo(sx(1), sy(1));
    g.stroke();
    g.fillStyle = SERIES[0]!;
    for (const b of bins) {
      if (!b.count || b.accuracy === null) continue;
      g.fillRect(sx(b.lo) + 1, sy(b.accuracy), sx(b.hi) - sx(b.lo) - 2, sy(0) - sy(b.accuracy));
    }
    g.fillStyle = t.text;
    g.font = '11px sans-serif';
    g.fillText(title, 4, 12);
    g.fillText('confidence →', width - 80, height - 6);
  });
}
