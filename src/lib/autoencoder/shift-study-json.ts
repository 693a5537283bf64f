/** The committed form of the shift study (src/data/autoencoder-shifts.json), and its small test configuration. */
import type { MethodName, MethodScore } from './uncertainty.ts';
import {
  SHIFT_STUDY_DEFAULTS,
  type ShiftStudyOptions,
  type ShiftStudyResult,
} from './shift-study.ts';
import type { ShiftName } from './shifts.ts';

export const SHIFT_STUDY_SMALL: ShiftStudyOptions = {
  ...SHIFT_STUDY_DEFAULTS,
  trainImages: 500,
  valImages: 200,
  testImages: 300,
  uncertainty: { ...SHIFT_STUDY_DEFAULTS.uncertainty, members: 2, epochs: 2, mcSamples: 4 },
  ae: { hidden: [64], latent: 8, epochs: 2 },
};

export interface ShiftStudyJson {
  format: 'runnable-answers/ae-shifts@1';
  options: ShiftStudyOptions;
  backend: string;
  seconds: number;
  temperature: number;
  passes: Record<MethodName, number>;
  rows: {
    shift: ShiftName;
    label: string;
    methods: Record<MethodName, MethodScore>;
    ood: {
      aeError: number | null;
      ensembleEntropy: number | null;
      singleEntropy: number | null;
      meanAeError: number;
    };
    /** base64 of four uint8 28×28 images. */
    examples: string;
  }[];
}

const b64 = (u: Uint8Array) => {
  let s = '';
  for (const v of u) s += String.fromCharCode(v);
  return btoa(s);
};

/** JSON-ready form of a finished study. */
export function shiftStudyJson(
  r: ShiftStudyResult,
  options: ShiftStudyOptions,
  backend: string,
  seconds: number,
): ShiftStudyJson {
  if (r.status !== 'done') throw new Error('The study was cancelled.');
  return {
    format: 'runnable-answers/ae-shifts@1',
    options,
    backend,
    seconds,
    temperature: r.temperature,
    passes: r.passes,
    rows: r.rows.map((row) => ({ ...row, examples: b64(row.examples) })),
  };
}
