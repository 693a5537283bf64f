/**
 * How the outcome of an anomaly-detection run (src/lib/labs/anomaly.ts) reads in the lab-anomaly
 * demo: the data sentence, the ROC curves of both scores with the chosen operating point, the
 * threshold and what it flags, and the test images the autoencoder reconstructs worst.
 */
import { count, drawDigits, drawRoc, num, pct } from '../demo/index.ts';
import type { DemoContext } from '../demo/runtime.ts';
import type { AnomalyResult } from '../../lib/labs/anomaly.ts';

const share = (v: number) => pct(v, 1);
/** Digits per row of the worst-reconstructed images (the lib returns 16). */
const TOP = 16;

/** How many images of each kind trained, set the threshold and were tested. */
export function dataSentence(r: AnomalyResult, digit: number, noise: number): string {
  const c = r.counts;
  const denoising = noise > 0 ? ` with Gaussian input noise σ = ${noise} (denoising)` : '';
  return (
    `Trained on ${count(c.train)} images of the nine other digits${denoising}; ${count(c.validation)} more normal images set the threshold. ` +
    `Test: ${count(c.normalTest)} normal images and ${count(c.anomalousTest)} images of the digit ${digit}.`
  );
}

/** Fill roc, roc-caption, threshold, top and top-caption for a finished run. */
export function showOperatingPoint(
  ctx: Pick<DemoContext, 'out'>,
  r: AnomalyResult & {
    ae: NonNullable<AnomalyResult['ae']>;
    top: NonNullable<AnomalyResult['top']>;
  },
  { digit, falseAlarmRate }: { digit: number; falseAlarmRate: number },
) {
  const { ae, baseline, top } = r;
  drawRoc(
    ctx.out<HTMLCanvasElement>('roc'),
    [
      { ...ae.roc, colour: '#4f6cff', label: `autoencoder, AUC ${num(ae.auc, 3)}` },
      {
        ...baseline.roc,
        colour: '#e0731f',
        label: `distance to mean, AUC ${num(baseline.auc, 3)}`,
        dash: [6, 4],
      },
    ],
    {
      xLabel: 'false-positive rate (normal digits flagged)',
      yLabel: 'true-positive rate (anomalies caught)',
      point: ae.test,
    },
  );
  ctx.out('roc-caption').textContent =
    `ROC curves on the test images (digit ${digit} = positive). The dot is the operating point chosen below; the dotted diagonal is a random score (AUC 0.5).`;
  const flagged = Number.isNaN(ae.test.precision)
    ? 'nothing is flagged'
    : `${share(ae.test.precision)} of flagged images are really ${digit}s`;
  ctx.out('threshold').textContent =
    `Threshold: flag an image when its reconstruction error is at least ${num(ae.threshold, 4)}, the level that ${share(falseAlarmRate)} of the held-aside normal images exceed. ` +
    `On the test images this flags ${share(ae.test.fpr)} of normal digits and catches ${share(ae.test.tpr)} of the ${digit}s; ${flagged}.`;
  drawDigits(ctx.out<HTMLCanvasElement>('top'), top.images, top.labels.length, TOP);
  const hits = top.labels.filter((l) => l === digit).length;
  ctx.out('top-caption').textContent =
    `The ${top.labels.length} test images with the largest reconstruction error (labels ${top.labels.join(', ')}): ${hits} of them are ${digit}s.`;
}
