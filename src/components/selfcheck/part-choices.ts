/**
 * The options a SelfCheck part offers (True/False for a statement, the listed options for a choice,
 * none for a typed answer) and whether they go one per line.
 */
import type { Expect } from '../../lib/selfcheck/types.ts';

export interface Choice {
  key: string;
  text: string;
}

const TRUE_FALSE: Choice[] = [
  { key: 'true', text: 'True' },
  { key: 'false', text: 'False' },
];

export const choicesOf = (e: Expect): Choice[] =>
  e.kind === 'boolean' ? TRUE_FALSE : e.kind === 'choice' || e.kind === 'choices' ? e.options : [];

/** Options longer than a word or two go one per line, so they wrap instead of running off a phone's screen. */
export const listedOnePerLine = (e: Expect): boolean =>
  choicesOf(e).some((o) => o.text.length > 24);
