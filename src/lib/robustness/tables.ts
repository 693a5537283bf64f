/**
 * The robustness pages' tables as data: header and rows whose cells are either text or a path into
 * the results file (src/data/robustness-results.json), which the page formats with ./report.ts.
 * A path to a spread over seeds reads as mean ± sd.
 */
import type { Results } from './merge.ts';

export type Cell = { path: string; digits?: number } | { text: string };
export interface TableData {
  head: string[];
  rows: Cell[][];
}
export const TABLES = ['baseline', 'training', 'fixes', 'general', 'sorted', 'sweep'] as const;
export type TableId = (typeof TABLES)[number];

const P = (path: string, digits?: number): Cell => ({ path, digits });
const T = (text: string): Cell => ({ text });
const variants = ['clean', 't1', 't2', 't3', 't4'] as const;
const names: Record<(typeof variants)[number], string> = {
  clean: 'clean',
  t1: 't1 · fixed permutation',
  t2: 't2 · per-image permutation',
  t3: 't3 · Gaussian noise',
  t4: 't4 · PGD (against the shipped model)',
};
type Column = (typeof variants)[number] | 'fresh';
const columns: Column[] = [...variants, 'fresh'];

/** One model's row: its accuracy on the given columns (· elsewhere) and its training time. */
const modelRow = (label: string, base: string, has: Column[], time = true): Cell[] => [
  T(label),
  ...columns.map((c) => (has.includes(c) ? P(`${base}.accuracy.${c}`, 1) : T('·'))),
  ...(time ? [P(`${base}.trainSeconds`)] : []),
];

export function tableData(id: TableId, r: Partial<Results>): TableData {
  switch (id) {
    case 'baseline':
      return {
        head: [
          'test set',
          'shipped model',
          'all seeds (mean ± sd)',
          'mean softmax entropy (nats)',
          'mean ‖δ‖₂',
          'mean ‖δ‖∞',
        ],
        rows: variants.map((v) => [
          T(names[v]),
          P(`baseline.eval.${v}.accuracy`, 2),
          P(`multiSeed.baseline.accuracy.${v}`, 2),
          P(`baseline.eval.${v}.meanEntropy`, 3),
          P(`variants.${v}.l2`, 2),
          P(`variants.${v}.linf`, 3),
        ]),
      };
    case 'training':
      return {
        head: ['epoch', 'mean training loss', 'seconds'],
        rows: (r.baseline?.history ?? []).map((_, i) => [
          T(String(i + 1)),
          P(`baseline.history.${i}.loss`, 4),
          P(`baseline.history.${i}.seconds`, 0),
        ]),
      };
    case 'fixes':
      return {
        head: [
          'model',
          'clean',
          't1',
          't2',
          't3',
          't4 (shipped)',
          'fresh PGD on itself',
          'training time',
        ],
        rows: [
          modelRow('baseline: plain training on clean images', 'multiSeed.baseline', columns),
          [
            T('t1 fix: un-permute the input (baseline, no training)'),
            T('·'),
            P('multiSeed.baseline.accuracy.t1-unpermuted', 1),
            ...Array.from({ length: 4 }, () => T('·')),
            T('none'),
          ],
          modelRow('t1 fix: retrain on t1-permuted images', 'multiSeed.t1-retrained', ['t1']),
          modelRow('t2: training on freshly permuted images', 'multiSeed.t2-permuted', [
            'clean',
            't2',
          ]),
          ...Object.keys(r.sorted ?? {}).map((name) =>
            modelRow(`t2: sorted pixel values, ${name} (early stopping)`, `sorted.${name}`, ['t2']),
          ),
          modelRow('t3 fix: Gaussian-noise augmentation', 'multiSeed.t3-noise', [
            'clean',
            't3',
            't4',
            'fresh',
          ]),
          modelRow(
            't4 fix: adversarial training (FGSM, random start)',
            'multiSeed.t4-adversarial',
            ['clean', 't3', 't4', 'fresh'],
          ),
        ],
      };
    case 'general': {
      const best = Object.keys(r.sorted ?? {}).sort(
        (a, b) => r.sorted![b]!.accuracy.t2!.mean - r.sorted![a]!.accuracy.t2!.mean,
      )[0];
      return {
        head: ['model', 'clean', 't1', 't2', 't3', 't4 (shipped)', 'fresh PGD on itself'],
        rows: [
          modelRow('baseline', 'multiSeed.baseline', columns, false),
          [
            T(
              'specialised fix for each column (t1: un-permuted input; t2: best sorted-pixel model)',
            ),
            P('multiSeed.baseline.accuracy.clean', 1),
            P('multiSeed.baseline.accuracy.t1-unpermuted', 1),
            best ? P(`sorted.${best}.accuracy.t2`, 1) : T('—'),
            P('multiSeed.t3-noise.accuracy.t3', 1),
            P('multiSeed.t4-adversarial.accuracy.t4', 1),
            P('multiSeed.t4-adversarial.accuracy.fresh', 1),
          ],
          modelRow('one general model, variant id given', 'multiSeed.general', columns, false),
        ],
      };
    }
    case 'sorted':
      return {
        head: [
          'network',
          'epochs trained (of at most)',
          'epoch of lowest held-out loss',
          't2 accuracy',
          'per seed',
        ],
        rows: Object.entries(r.sorted ?? {}).map(([name, s]) => [
          T(`${name} (${s.sizes.join('–')})`),
          T(`${s.epochsTrained.values.join(', ')} (${s.maxEpochs})`),
          T(s.bestEpoch.values.join(', ')),
          P(`sorted.${name}.accuracy.t2`, 1),
          T(s.accuracy.t2!.values.map((v) => (100 * v).toFixed(1)).join(', ')),
        ]),
      };
    case 'sweep':
      return {
        head: ['perturbation', 'parameter', 'mean ‖δ‖₂', 'accuracy'],
        rows: [
          ...(r.sweep?.random ?? []).map((_, i) => [
            T('random Gaussian'),
            P(`sweep.random.${i}.sigma`, 2),
            P(`sweep.random.${i}.l2`, 2),
            P(`sweep.random.${i}.accuracy`, 1),
          ]),
          ...(r.sweep?.adversarial ?? []).map((_, i) => [
            T('PGD (L∞)'),
            P(`sweep.adversarial.${i}.eps`, 2),
            P(`sweep.adversarial.${i}.l2`, 2),
            P(`sweep.adversarial.${i}.accuracy`, 1),
          ]),
        ],
      };
  }
}
