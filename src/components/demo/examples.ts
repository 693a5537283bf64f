/**
 * A table of worked examples: each row an input, the expected answer, the model's answer and ✓ or
 * ✗ (styled like every result table).
 */
import { fillTable } from './table.ts';

export interface Example {
  input: string;
  expected: string;
  /** The model's answer; null or '' when it gave none (shown as `none`). */
  answer: string | null;
}

export function fillExamples(
  target: HTMLElement,
  examples: readonly Example[],
  { caption, head, none }: { caption: string; head: [string, string, string]; none: string },
): HTMLTableElement {
  return fillTable(target, {
    caption,
    head: [...head, ''],
    rows: examples.map((e) => [
      e.input,
      e.expected,
      e.answer || none,
      e.answer === e.expected ? '✓' : '✗',
    ]),
  });
}
