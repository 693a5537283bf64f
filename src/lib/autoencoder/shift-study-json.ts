/**
 * The committed form of the shift study (src/data/autoencoder-shifts.json): one run per seed, then
 * every score as mean ± sd over the seeds; and the small configuration the unit test re-runs.
 */
import type { MethodName } from './uncertainty.ts';
import {
  METHOD_NAMES,
  SHIFT_STUDY_DEFAULTS,
  type ShiftRow,
  type ShiftStudyOptions,
  type ShiftStudyResult,
} from './shift-study.ts';
import type { ShiftName } from './shifts.ts';
import type { ReliabilityBin } from '../regularisation/calibration.ts';
import { summarize, type Stat } from '../robustness/stats.ts';

/** The committed budget: all training images but the validation ones, three seeds. */
export const SHIFT_STUDY_FULL: ShiftStudyOptions = {
  ...SHIFT_STUDY_DEFAULTS,
  trainImages: 59000,
  valImages: 1000,
  testImages: 5000,
  uncertainty: { ...SHIFT_STUDY_DEFAULTS.uncertainty, members: 5, epochs: 5, batchSize: 128 },
  ae: { ...SHIFT_STUDY_DEFAULTS.ae, epochs: 5 },
};
export const SHIFT_STUDY_FULL_SEEDS = [1, 2, 3];

export const SHIFT_STUDY_SMALL: ShiftStudyOptions = {
  ...SHIFT_STUDY_DEFAULTS,
  trainImages: 500,
  valImages: 200,
  testImages: 300,
  uncertainty: { ...SHIFT_STUDY_DEFAULTS.uncertainty, members: 2, epochs: 2, mcSamples: 4 },
  ae: { hidden: [64], latent: 8, epochs: 2 },
};
export const SHIFT_STUDY_SMALL_SEEDS = [1, 2, 3];

/** One seed's finished study, JSON-ready (also the per-seed checkpoint of the script). */
export interface ShiftRunJson {
  seed: number;
  seconds: number;
  temperature: number;
  passes: Record<MethodName, number>;
  rows: (Omit<ShiftRow, 'examples'> & {
    /** base64 of four uint8 28×28 images. */
    examples: string;
  })[];
}

export type ScoreStats = Record<'accuracy' | 'nll' | 'ece' | 'entropy', Stat>;

export interface ShiftStudyJson {
  format: 'runnable-answers/ae-shifts@2';
  /** Options of every run; each run uses its own seed from `seeds` instead of options.seed. */
  options: ShiftStudyOptions;
  seeds: number[];
  backend: string;
  seconds: number;
  passes: Record<MethodName, number>;
  /** The fitted temperature of each seed's single network. */
  temperature: Stat;
  rows: {
    shift: ShiftName;
    label: string;
    /** Every score as mean ± sd over the seeds (values in the order of `seeds`). */
    methods: Record<MethodName, ScoreStats>;
    /** Reliability bins of the first seed's run. */
    bins: Record<MethodName, ReliabilityBin[]>;
    ood: {
      aeError: Stat | null;
      ensembleEntropy: Stat | null;
      singleEntropy: Stat | null;
      meanAeError: Stat;
    };
    /** Four examples from the first seed's run (base64 of uint8 28×28 images). */
    examples: string;
  }[];
}

const b64 = (u: Uint8Array) => {
  let s = '';
  for (const v of u) s += String.fromCharCode(v);
  return btoa(s);
};

/** JSON-ready form of one seed's finished study. */
export function shiftRunJson(r: ShiftStudyResult, seed: number, seconds: number): ShiftRunJson {
  if (r.status !== 'done') throw new Error('The study was cancelled.');
  return {
    seed,
    seconds,
    temperature: r.temperature,
    passes: r.passes,
    rows: r.rows.map((row) => ({ ...row, examples: b64(row.examples) })),
  };
}

/** Combine per-seed runs (same options) into the committed summary. */
export function shiftStudyJson(
  runs: ShiftRunJson[],
  options: ShiftStudyOptions,
  backend: string,
  seconds: number,
): ShiftStudyJson {
  if (runs.length === 0) throw new Error('No runs to summarise.');
  const first = runs[0]!;
  const stat = (f: (r: ShiftRunJson) => number) => summarize(runs.map(f));
  const maybe = (f: (r: ShiftRunJson) => number | null) =>
    f(first) === null ? null : stat((r) => f(r)!);
  return {
    format: 'runnable-answers/ae-shifts@2',
    options,
    seeds: runs.map((r) => r.seed),
    backend,
    seconds,
    passes: first.passes,
    temperature: stat((r) => r.temperature),
    rows: first.rows.map((row, i) => {
      const at = (r: ShiftRunJson) => r.rows[i]!;
      return {
        shift: row.shift,
        label: row.label,
        methods: Object.fromEntries(
          METHOD_NAMES.map((m) => [
            m,
            {
              accuracy: stat((r) => at(r).methods[m].accuracy),
              nll: stat((r) => at(r).methods[m].nll),
              ece: stat((r) => at(r).methods[m].ece),
              entropy: stat((r) => at(r).methods[m].entropy),
            },
          ]),
        ) as Record<MethodName, ScoreStats>,
        bins: Object.fromEntries(METHOD_NAMES.map((m) => [m, row.methods[m].bins])) as Record<
          MethodName,
          ReliabilityBin[]
        >,
        ood: {
          aeError: maybe((r) => at(r).ood.aeError),
          ensembleEntropy: maybe((r) => at(r).ood.ensembleEntropy),
          singleEntropy: maybe((r) => at(r).ood.singleEntropy),
          meanAeError: stat((r) => at(r).ood.meanAeError),
        },
        examples: row.examples,
      };
    }),
  };
}
