/** ROC curves: false-positive rate → x, true-positive rate → y, the chance diagonal and a legend. */
import { crispCanvas, plotTheme, themed } from './theme.ts';

export interface RocCurve {
  fpr: ArrayLike<number>;
  tpr: ArrayLike<number>;
  label: string;
  colour: string;
  dash?: number[];
}

/** Draw the curves (and an optional operating point); sets data-curves to their number. */
export function drawRoc(
  canvas: HTMLCanvasElement,
  curves: RocCurve[],
  opts: { xLabel: string; yLabel: string; point?: { fpr: number; tpr: number }; size?: number },
) {
  const size = opts.size ?? 360;
  const m = { l: 46, r: 12, t: 12, b: 40 };
  const w = size - m.l - m.r;
  const h = size - m.t - m.b;
  const X = (v: number) => m.l + v * w;
  const Y = (v: number) => m.t + (1 - v) * h;
  themed(canvas, () => {
    const t = plotTheme();
    const g = crispCanvas(canvas, size, size);
    const line = (x0: number, y0: number, x1: number, y1: number) => {
      g.beginPath();
      g.moveTo(x0, y0);
      g.lineTo(x1, y1);
      g.stroke();
    };
    g.fillStyle = t.background;
    g.fillRect(0, 0, size, size);
    g.strokeStyle = t.grid;
    g.lineWidth = 1;
    g.font = '11px sans-serif';
    g.fillStyle = t.text;
    for (let i = 0; i <= 5; i++) {
      const v = i / 5;
      line(X(v), Y(0), X(v), Y(1));
      line(X(0), Y(v), X(1), Y(v));
      g.textAlign = 'center';
      g.fillText(v.toFixed(1), X(v), Y(0) + 14);
      g.textAlign = 'right';
      g.fillText(v.toFixed(1), X(0) - 5, Y(v) + 4);
    }
    g.textAlign = 'center';
    g.fillText(opts.xLabel, X(0.5), size - 8);
    g.save();
    g.translate(12, Y(0.5));
    g.rotate(-Math.PI / 2);
    g.fillText(opts.yLabel, 0, 0);
    g.restore();
    g.setLineDash([3, 3]);
    g.strokeStyle = t.faint;
    line(X(0), Y(0), X(1), Y(1));
    g.lineWidth = 2;
    curves.forEach((c, k) => {
      g.strokeStyle = c.colour;
      g.setLineDash(c.dash ?? []);
      g.beginPath();
      for (let i = 0; i < c.fpr.length; i++)
        (i ? g.lineTo : g.moveTo).call(g, X(c.fpr[i]!), Y(c.tpr[i]!));
      g.stroke();
      const ly = Y(0.12 - 0.07 * k);
      line(X(0.42), ly, X(0.52), ly);
      g.fillStyle = t.text;
      g.textAlign = 'left';
      g.fillText(c.label, X(0.54), ly + 4);
    });
    g.setLineDash([]);
    if (opts.point) {
      g.fillStyle = t.text;
      g.beginPath();
      g.arc(X(opts.point.fpr), Y(opts.point.tpr), 4.5, 0, 2 * Math.PI);
      g.fill();
    }
  });
  canvas.dataset.curves = String(curves.length);
}
