/** Live line charts for demos, drawn with uPlot (UI only). */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface LiveChart {
  push(x: number, ys: (number | null)[]): void;
  reset(): void;
  destroy(): void;
}

export function liveChart(el: HTMLElement, opts: { title: string; xLabel: string; series: string[]; height?: number }): LiveChart {
  const colors = ['#4f8cff', '#ff7a59', '#3cc47c', '#c678dd'];
  const data: number[][] = [[], ...opts.series.map(() => [])];
  const width = Math.max(280, el.clientWidth || 560);
  const plot = new uPlot(
    {
      title: opts.title,
      width,
      height: opts.height ?? 220,
      scales: { x: { time: false } },
      axes: [{ label: opts.xLabel, stroke: 'currentColor' }, { stroke: 'currentColor' }],
      series: [{ label: opts.xLabel }, ...opts.series.map((label, i) => ({ label, stroke: colors[i % colors.length], width: 2, spanGaps: true }))],
    },
    data as uPlot.AlignedData,
    el,
  );
  return {
    push(x, ys) {
      data[0]!.push(x);
      ys.forEach((y, i) => data[i + 1]!.push(y as number));
      plot.setData(data as uPlot.AlignedData);
    },
    reset() {
      data.forEach((d) => (d.length = 0));
      plot.setData(data as uPlot.AlignedData);
    },
    destroy: () => plot.destroy(),
  };
}

/** Draw MNIST digits (count×784 uint8) into a canvas as a grid. */
export function drawDigits(canvas: HTMLCanvasElement, images: Uint8Array, count: number, perRow = 8) {
  const rows = Math.ceil(count / perRow);
  canvas.width = perRow * 28;
  canvas.height = rows * 28;
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(perRow * 28, rows * 28);
  for (let k = 0; k < count; k++) {
    const ox = (k % perRow) * 28;
    const oy = Math.floor(k / perRow) * 28;
    for (let p = 0; p < 784; p++) {
      const v = 255 - images[k * 784 + p]!;
      const o = 4 * ((oy + Math.floor(p / 28)) * perRow * 28 + ox + (p % 28));
      img.data[o] = img.data[o + 1] = img.data[o + 2] = v;
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** A static multi-series line chart (replaces any chart already in `el`). */
export function staticChart(el: HTMLElement, opts: { title: string; x: number[]; series: { label: string; y: number[]; dash?: boolean }[]; height?: number; xLabel?: string }) {
  const colors = ['#4f8cff', '#ff7a59', '#3cc47c', '#c678dd', '#e5c07b'];
  el.replaceChildren();
  return new uPlot(
    {
      title: opts.title,
      width: Math.max(280, el.clientWidth || 560),
      height: opts.height ?? 240,
      scales: { x: { time: false } },
      axes: [{ label: opts.xLabel ?? 'x', stroke: 'currentColor' }, { stroke: 'currentColor' }],
      series: [{ label: opts.xLabel ?? 'x' }, ...opts.series.map((s, i) => ({ label: s.label, stroke: colors[i % colors.length], width: 2, dash: s.dash ? [6, 4] : undefined }))],
    },
    [opts.x, ...opts.series.map((s) => s.y)] as uPlot.AlignedData,
    el,
  );
}
