/**
 * Softmax-entropy histograms of evaluated image sets (src/lib/robustness/evaluate.ts) on one static
 * chart: for each set, the fraction of its images in each entropy bin, plotted at the bins' centres.
 */
import { ENTROPY_BINS, MAX_ENTROPY, type Evaluation } from '../../lib/robustness/evaluate.ts';
import { staticChart } from './plots/line.ts';

const BIN_CENTRES = Array.from(
  { length: ENTROPY_BINS },
  (_, i) => ((i + 0.5) * MAX_ENTROPY) / ENTROPY_BINS,
);

/** `sets`: [legend label, evaluation] per curve. */
export function entropyChart(
  el: HTMLElement,
  title: string,
  sets: readonly (readonly [string, Evaluation])[],
) {
  return staticChart(el, {
    title,
    xLabel: 'entropy (nats)',
    x: BIN_CENTRES,
    series: sets.map(([label, e]) => ({ label, y: e.entropyHistogram.map((c) => c / e.count) })),
  });
}
