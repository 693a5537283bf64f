/**
 * Line charts for demos, drawn with uPlot: a live one that grows during training and a static one.
 * Series whose label says "accuracy" (or that ask for it) get their own 0–1 axis on the right, so
 * accuracy is never drawn on the loss axis. The legend shows the latest values (not "--") when the
 * pointer is off the chart, and axes follow the light/dark theme.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { num } from '../format.ts';
import { onThemeChange, plotTheme, SERIES } from './theme.ts';

export interface SeriesSpec {
  label: string;
  /** Draw on the right-hand 0–1 axis (default: when the label mentions accuracy). */
  fraction?: boolean;
  dash?: boolean;
}

type SeriesArg = string | SeriesSpec;

const spec = (s: SeriesArg): SeriesSpec => (typeof s === 'string' ? { label: s } : s);
const isFraction = (s: SeriesSpec) => s.fraction ?? /accuracy/i.test(s.label);

/** The index of the last non-null value of each series (for the legend when the pointer is away). */
function lastIndices(data: (number | null)[][]): (number | null)[] {
  return data.map((col) => {
    for (let i = col.length - 1; i >= 0; i--)
      if (col[i] !== null && col[i] !== undefined && Number.isFinite(col[i])) return i;
    return null;
  });
}

type PlotHost = HTMLElement & { destroyPlots?: (() => void)[] };

/** Destroy the charts earlier drawn into `el` (uPlot instances and their theme watchers). */
function clear(el: PlotHost) {
  el.destroyPlots?.forEach((d) => d());
  el.destroyPlots = [];
  el.replaceChildren();
}

function makePlot(
  el: PlotHost,
  title: string,
  xLabel: string,
  series: SeriesSpec[],
  data: (number | null)[][],
  height: number,
  yLabel?: string,
) {
  const fraction = series.some(isFraction);
  const both = fraction && series.some((s) => !isFraction(s));
  const ink = () => plotTheme().text;
  // Tick labels with the typographic minus ("−3", not "-3"), as in the prose.
  const values = (_u: uPlot, splits: number[]) =>
    splits.map((v) =>
      v === null || v === undefined
        ? ''
        : Number(v.toPrecision(12))
            .toLocaleString('en', { maximumFractionDigits: 12 })
            .replace('-', '\u2212'),
    );
  const grid = { stroke: () => plotTheme().grid, width: 1 };
  const axes: uPlot.Axis[] = [{ label: xLabel, stroke: ink, grid, values }];
  if (!fraction || both) axes.push({ scale: 'y', label: yLabel, stroke: ink, grid, values });
  if (fraction)
    axes.push({
      scale: 'fraction',
      label: 'accuracy',
      stroke: ink,
      grid: both ? { show: false } : grid,
      side: both ? 1 : 3,
      values,
    });
  // uPlot calls the setData hook while it is being constructed, so the hooks use their argument.
  const showLatest = (u: uPlot) =>
    u.setLegend({ idxs: lastIndices(u.data as (number | null)[][]) }, false);
  const plot = new uPlot(
    {
      title,
      width: Math.max(280, el.clientWidth || 560),
      height,
      scales: { x: { time: false }, fraction: { range: [0, 1] } },
      axes,
      legend: { live: true },
      hooks: { setCursor: [(u) => u.cursor.idx == null && showLatest(u)], setData: [showLatest] },
      series: [
        { label: xLabel, value: (u: uPlot, v: number) => values(u, [v])[0]! },
        ...series.map((s, i) => ({
          label: s.label,
          scale: isFraction(s) ? 'fraction' : 'y',
          stroke: SERIES[i % SERIES.length],
          width: 2,
          spanGaps: true,
          dash: s.dash ? [6, 4] : undefined,
          value: (_u: uPlot, v: number | null) => (v === null || v === undefined ? '' : num(v, 4)),
        })),
      ],
    },
    data as uPlot.AlignedData,
    el,
  );
  showLatest(plot);
  const stopTheme = onThemeChange(() => plot.redraw(false, true));
  let destroyed = false;
  // Idempotent: an island may destroy a chart that a later chart in the same element clears again.
  const destroy = () => {
    if (destroyed) return;
    destroyed = true;
    stopTheme();
    plot.destroy();
  };
  (el.destroyPlots ??= []).push(destroy);
  return { plot, destroy };
}

export interface LiveChart {
  push(x: number, ys: (number | null)[]): void;
  reset(): void;
  destroy(): void;
}

/** A chart that grows point by point (replaces anything already in `el`, so a new run starts a fresh chart). */
export function liveChart(
  el: HTMLElement,
  opts: { title: string; xLabel: string; series: SeriesArg[]; height?: number; yLabel?: string },
): LiveChart {
  clear(el);
  const data: (number | null)[][] = [[], ...opts.series.map(() => [])];
  const { plot, destroy } = makePlot(
    el,
    opts.title,
    opts.xLabel,
    opts.series.map(spec),
    data,
    opts.height ?? 220,
    opts.yLabel,
  );
  return {
    push(x, ys) {
      data[0]!.push(x);
      ys.forEach((y, i) => data[i + 1]!.push(y));
      plot.setData(data as uPlot.AlignedData);
    },
    reset() {
      data.forEach((d) => (d.length = 0));
      plot.setData(data as uPlot.AlignedData);
    },
    destroy,
  };
}

/** A finished multi-series chart (replaces anything already in `el`). */
export function staticChart(
  el: HTMLElement,
  opts: {
    title: string;
    x: number[];
    series: (SeriesSpec & { y: (number | null)[] })[];
    height?: number;
    xLabel?: string;
    yLabel?: string;
  },
) {
  clear(el);
  return makePlot(
    el,
    opts.title,
    opts.xLabel ?? 'x',
    opts.series,
    [opts.x, ...opts.series.map((s) => s.y)],
    opts.height ?? 240,
    opts.yLabel,
  ).plot;
}
