/** The words and tables the autoencoder islands print, computed in src/lib from results. */
import { describe, expect, it } from 'vitest';
import { parseHiddenWidths } from '../../src/lib/autoencoder/hidden-widths.ts';
import {
  oodRows,
  oodSummary,
  OOD_HEAD,
  uncertaintySummary,
  uncertaintyTables,
} from '../../src/lib/autoencoder/shift-tables.ts';
import { METHOD_NAMES, type ShiftStudyResult } from '../../src/lib/autoencoder/shift-study.ts';
import { describeOutcome, describePlan } from '../../src/lib/autoencoder/search-text.ts';
import { planSearch, type StrategyResult } from '../../src/lib/autoencoder/search-experiment.ts';

describe('hidden widths typed as text', () => {
  it('parses comma lists, allows none, refuses anything but whole numbers ≥ 1', () => {
    expect(parseHiddenWidths('256, 64')).toEqual([256, 64]);
    expect(parseHiddenWidths('  ')).toEqual([]);
    for (const bad of ['64,abc', '64,,32', '0', '2.5', '-3'])
      expect(() => parseHiddenWidths(bad)).toThrow(/whole numbers/);
  });
});

/** A result with two rows whose numbers are easy to find in the text. */
function shiftResult(): ShiftStudyResult {
  const score = (a: number) => ({ accuracy: a, nll: 0.5, ece: a / 10, entropy: 0.25, bins: [] });
  const methods = (a: number) =>
    Object.fromEntries(METHOD_NAMES.map((m, i) => [m, score(a + i / 100)])) as never;
  const ood = { ensembleEntropy: 0.6, singleEntropy: 0.55, meanAeError: 0.01234 };
  return {
    status: 'done',
    temperature: 1.25,
    passes: Object.fromEntries(METHOD_NAMES.map((m, i) => [m, i + 1])) as never,
    rows: [
      {
        shift: 'clean',
        label: 'clean',
        methods: methods(0.9),
        ood: { ...ood, aeError: null, ensembleEntropy: null, singleEntropy: null },
        examples: new Uint8Array(4 * 784),
      },
      {
        shift: 't2',
        label: 't2 scrambled',
        methods: methods(0.1),
        ood: { ...ood, aeError: 0.95 },
        examples: new Uint8Array(4 * 784),
      },
      {
        shift: 'blank',
        label: 'blank',
        methods: methods(0.1),
        ood: { ...ood, aeError: 0.2 },
        examples: new Uint8Array(4 * 784),
      },
    ],
  };
}

describe('the shift study as tables', () => {
  it('one table per metric, rows per shift and columns per method, then the forward passes', () => {
    const t = uncertaintyTables(shiftResult());
    expect(t.map((x) => x.caption)).toEqual([
      'Accuracy',
      'Expected calibration error (10 bins)',
      'Mean predictive entropy (nats)',
      'Forward passes per prediction',
    ]);
    expect(t[0]!.head).toHaveLength(1 + METHOD_NAMES.length);
    expect(t[0]!.rows[1]).toEqual([
      't2 scrambled',
      '0.100',
      '0.110',
      '0.120',
      '0.130',
      '0.140',
      '0.150',
    ]);
    expect(t[3]!.rows).toEqual([['passes', '1', '2', '3', '4', '5', '6']]);
    expect(uncertaintySummary(shiftResult())).toBe(
      'Clean ECE: single 0.090, temperature-scaled (T = 1.25) 0.091, ensemble 0.093, distilled 0.094.',
    );
  });

  it('the OOD table leaves out clean images and names the worst shift for the autoencoder', () => {
    const rows = oodRows(shiftResult());
    expect(rows.map((r) => r.label)).toEqual(['t2 scrambled', 'blank']);
    expect(rows[0]!.cells).toEqual(['0.950', '0.600', '0.550', '0.0123']);
    expect(2 + rows[0]!.cells.length).toBe(OOD_HEAD.length);
    expect(oodSummary(shiftResult())).toBe(
      'Clean images: mean reconstruction error 0.0123. Worst case for the autoencoder: blank, AUROC 0.200.',
    );
  });
});

describe('the search in words', () => {
  it('the plan names trials, rungs and brackets; the outcome names each best trial', () => {
    const o = { budget: 36, maxEpochs: 6, trainImages: 10000, samples: 500, realImages: 1000 };
    const text = describePlan(planSearch({ ...o, maxHalvingTrials: 16 }), o);
    expect(text).toContain('Budget 36 epochs per strategy over 10,000 images.');
    expect(text).toContain('Random search: 6 trials × 6 epochs.');
    expect(text).toContain(
      '2 brackets of 16 trials, budgets 0.375 → 0.75 → 1.5 → 3 → 6 epochs, costing 36 epochs',
    );
    const one = describePlan(planSearch({ budget: 6, maxEpochs: 2, maxHalvingTrials: 16 }), {
      ...o,
      budget: 6,
      maxEpochs: 2,
    });
    expect(one).toContain('Successive halving (η = 2): 16 trials');
    const config = { loss: 'mse' as const, lambda: 0, depth: 1, latent: 8 };
    const rec = {
      id: 0,
      config,
      epochs: 2,
      fid: 9.876,
      heldOutMse: 0.02,
      images: new Uint8Array(),
    };
    const r = (strategy: 'random' | 'halving', best: typeof rec | null): StrategyResult => ({
      strategy,
      status: 'done',
      configs: [config],
      evaluations: [],
      trials: best ? [best] : [],
      best,
      spent: 2,
    });
    expect(describeOutcome([r('random', rec), r('halving', null)])).toBe(
      'random search: best FID 9.88 (MSE · λ=0 · 1 hidden · z=8) from 1 trial for 2 epochs; successive halving: best FID — (—) from 0 trials for 2 epochs',
    );
  });
});
