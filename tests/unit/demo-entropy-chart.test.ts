import { describe, expect, it, vi } from 'vitest';

// The chart library needs a page; the options it is handed are what this test checks.
const drawn = vi.hoisted(() => ({ opts: [] as unknown[] }));
vi.mock('../../src/components/demo/plots/line.ts', () => ({
  staticChart: (_el: unknown, opts: unknown) => drawn.opts.push(opts),
}));

import { entropyChart } from '../../src/components/demo/entropy-chart.ts';
import { ENTROPY_BINS, type Evaluation } from '../../src/lib/robustness/evaluate.ts';

const evaluation = (histogram: number[]): Evaluation => ({
  count: histogram.reduce((s, c) => s + c, 0),
  accuracy: 1,
  confusion: [],
  meanEntropy: 0,
  entropyHistogram: histogram,
});

describe('entropyChart', () => {
  it('plots each set as the fraction of its images per bin, at the centres of bins spanning 0 to ln 10', () => {
    const few = Array.from({ length: ENTROPY_BINS }, (_, i) =>
      i === 0 ? 1 : i === ENTROPY_BINS - 1 ? 3 : 0,
    );
    const many = Array.from({ length: ENTROPY_BINS }, () => 5);
    entropyChart({} as HTMLElement, 'Softmax entropy', [
      ['few', evaluation(few)],
      ['many', evaluation(many)],
    ]);
    const opts = drawn.opts.at(-1) as {
      title: string;
      xLabel: string;
      x: number[];
      series: { label: string; y: number[] }[];
    };
    expect(opts.title).toBe('Softmax entropy');
    expect(opts.xLabel).toBe('entropy (nats)');
    const width = Math.log(10) / ENTROPY_BINS;
    expect(opts.x).toHaveLength(ENTROPY_BINS);
    expect(opts.x[0]).toBeCloseTo(width / 2, 12);
    expect(opts.x.at(-1)).toBeCloseTo(Math.log(10) - width / 2, 12);
    expect(opts.series.map((s) => s.label)).toEqual(['few', 'many']);
    expect(opts.series[0]!.y[0]).toBe(0.25);
    expect(opts.series[0]!.y.at(-1)).toBe(0.75);
    expect(opts.series[1]!.y.every((v) => v === 1 / ENTROPY_BINS)).toBe(true);
  });
});
