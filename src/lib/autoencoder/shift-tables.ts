/**
 * The live shift study's results as captioned text tables and one-line summaries (no DOM): what the
 * AeShifts island shows for the "uncertainty" and "ood" views.
 */
import { METHOD_LABELS, METHOD_NAMES, type ShiftStudyResult } from './shift-study.ts';

export interface TextTable {
  caption: string;
  head: string[];
  rows: string[][];
}

const f = (v: number | null, d = 3) => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(d));
const methodHead = (first: string) => [first, ...METHOD_NAMES.map((m) => METHOD_LABELS[m])];

/** Accuracy, ECE and entropy per shift and method, then forward passes per prediction. */
export function uncertaintyTables(r: ShiftStudyResult): TextTable[] {
  const metrics = [
    ['accuracy', 'Accuracy'],
    ['ece', 'Expected calibration error (10 bins)'],
    ['entropy', 'Mean predictive entropy (nats)'],
  ] as const;
  return [
    ...metrics.map(([metric, caption]) => ({
      caption,
      head: methodHead('shift'),
      rows: r.rows.map((row) => [row.label, ...METHOD_NAMES.map((m) => f(row.methods[m][metric]))]),
    })),
    {
      caption: 'Forward passes per prediction',
      head: methodHead(''),
      rows: [['passes', ...METHOD_NAMES.map((m) => String(r.passes[m]))]],
    },
  ];
}

export function uncertaintySummary(r: ShiftStudyResult): string {
  const c = r.rows[0]!.methods;
  return `Clean ECE: single ${f(c.single.ece)}, temperature-scaled (T = ${f(r.temperature, 2)}) ${f(c.temperature.ece)}, ensemble ${f(c.ensemble.ece)}, distilled ${f(c.distilled.ece)}.`;
}

export const OOD_CAPTION =
  'AUROC, clean test images vs each shift (0.5 = chance; below 0.5 = shifted images look MORE typical)';
/** Column heads of the OOD table; the second column holds example images. */
export const OOD_HEAD = [
  'shift',
  'examples',
  'autoencoder error',
  'ensemble entropy',
  'single-net entropy',
  'mean AE error',
];

/** One row per shifted set: its label, four example images (uint8), and the four score cells. */
export function oodRows(r: ShiftStudyResult) {
  return r.rows
    .filter((row) => row.shift !== 'clean')
    .map((row) => ({
      label: row.label,
      examples: row.examples,
      cells: [
        f(row.ood.aeError),
        f(row.ood.ensembleEntropy),
        f(row.ood.singleEntropy),
        f(row.ood.meanAeError, 4),
      ],
    }));
}

export function oodSummary(r: ShiftStudyResult): string {
  const worst = r.rows
    .filter((row) => row.ood.aeError !== null)
    .sort((a, b) => a.ood.aeError! - b.ood.aeError!)[0]!;
  return `Clean images: mean reconstruction error ${f(r.rows[0]!.ood.meanAeError, 4)}. Worst case for the autoencoder: ${worst.label}, AUROC ${f(worst.ood.aeError)}.`;
}
