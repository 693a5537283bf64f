/**
 * A line chart whose series fill in one after another on a fixed x axis: e.g. three models trained
 * in turn, each point drawn as its epoch ends. Not yet reached points are gaps.
 */
import { staticChart, type SeriesSpec } from './line.ts';

/** Draw the empty chart now; returns `set(series, i, y)`, which fills a point and redraws. */
export function fillingChart(
  el: HTMLElement,
  opts: { title: string; xLabel: string; x: number[]; series: SeriesSpec[]; height?: number },
): (series: number, i: number, y: number) => void {
  const ys = opts.series.map(() => opts.x.map((): number | null => null));
  const draw = () =>
    staticChart(el, { ...opts, series: opts.series.map((s, k) => ({ ...s, y: ys[k]! })) });
  draw();
  return (k, i, y) => {
    ys[k]![i] = y;
    draw();
  };
}
