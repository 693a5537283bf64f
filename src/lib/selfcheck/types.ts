/**
 * A self-check: what the reader is asked to type or choose before reading an answer, and the rule by
 * which the answer is judged. Expected values are filled in from the same src/lib code the page
 * prints (see registry.ts), never typed by hand.
 */

/** How a number is compared: to n significant digits, within ±tolerance, or exactly (integers). */
export type NumberRule = { sig: number } | { tol: number } | { exact: true };

export type Expect =
  | { kind: 'number'; value: number; rule: NumberRule }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'choice'; options: { key: string; text: string }[]; correct: string }
  /** Select all that apply: right when exactly the `correct` options are chosen. */
  | { kind: 'choices'; options: { key: string; text: string }[]; correct: readonly string[] }
  /** `axes` names the dimensions in the order the reader must give them, e.g. ['N', 'C', 'H', 'W']. */
  | { kind: 'shape'; value: readonly number[]; axes: readonly string[] }
  /**
   * A short formula in `vars`, judged by its values at `points` against `values` (the reference's,
   * computed at build time) within relative error `relTol`; `answer` is what the reveal shows.
   */
  | {
      kind: 'formula';
      vars: readonly string[];
      points: readonly (readonly number[])[];
      values: readonly number[];
      relTol: number;
      answer: string;
      hint?: string;
    };

/** One field of a self-check: its label (what to enter) and the expected answer. */
export interface Part {
  label: string;
  expect: Expect;
}

export interface SelfCheckSpec {
  /** Catalogue id of the question, e.g. "nn-008"; also the form's data-selfcheck value. */
  id: string;
  parts: Part[];
}
