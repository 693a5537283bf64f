/**
 * Checking and scoring a quiz answer. Pure functions: the component passes the selected keys and
 * shows what comes back.
 */
import type { QuizSpec } from './types.ts';

/**
 * How one option was judged:
 * - 'chosen-right': a correct option that was selected;
 * - 'chosen-wrong': a wrong option that was selected;
 * - 'missed': a correct option that was left out (multi-select only; in single mode it is 'missed' too);
 * - 'left-right': a wrong option that was rightly left out.
 */
export type Verdict = 'chosen-right' | 'chosen-wrong' | 'missed' | 'left-right';

export interface Graded {
  ok: true;
  /** Verdict per option key, in the spec's order. */
  verdicts: { key: string; verdict: Verdict }[];
  /** True when exactly the correct options were selected. */
  allRight: boolean;
  /** Options judged correctly (selected if correct, left out if wrong). */
  judgedRight: number;
  /** Number of options. */
  total: number;
  /** judgedRight / total in multi mode; 1 or 0 in single mode. */
  score: number;
  /** One sentence for the status line. */
  summary: string;
}

export interface NotGraded {
  ok: false;
  /** What the reader must do first. */
  message: string;
}

/** Problems with a spec (empty when it is usable): duplicate keys, wrong count of correct options, empty texts. */
export function specProblems(spec: QuizSpec): string[] {
  const problems: string[] = [];
  const keys = spec.options.map((o) => o.key);
  if (spec.options.length < 2) problems.push(`${spec.id}: needs at least two options`);
  if (new Set(keys).size !== keys.length) problems.push(`${spec.id}: duplicate option keys`);
  const nCorrect = spec.options.filter((o) => o.correct).length;
  if (spec.mode === 'single' && nCorrect !== 1)
    problems.push(
      `${spec.id}: a single-choice question needs exactly one correct option, has ${nCorrect}`,
    );
  if (spec.mode === 'multi' && nCorrect < 1)
    problems.push(`${spec.id}: a multi-select question needs at least one correct option`);
  for (const o of spec.options) {
    if (!/^[a-z0-9-]+$/.test(o.key)) problems.push(`${spec.id}: bad option key "${o.key}"`);
    if (!o.text.trim() || !o.why.trim())
      problems.push(`${spec.id}: option ${o.key} needs a text and a reason`);
  }
  return problems;
}

/** The keys of the correct options. */
export function correctKeys(spec: QuizSpec): string[] {
  return spec.options.filter((o) => o.correct).map((o) => o.key);
}

/** Letters for a list of keys, as the reader sees them: "(a) and (c)". */
export function listKeys(keys: string[]): string {
  const k = keys.map((x) => `(${x})`);
  return k.length <= 1 ? (k[0] ?? 'none') : `${k.slice(0, -1).join(', ')} and ${k[k.length - 1]}`;
}

/** Grade a selection. Unknown keys are ignored; an empty selection (or two picks in single mode) is refused with a message. */
export function grade(spec: QuizSpec, selected: readonly string[]): Graded | NotGraded {
  const known = new Set(spec.options.map((o) => o.key));
  const chosen = new Set(selected.filter((k) => known.has(k)));
  if (chosen.size === 0)
    return {
      ok: false,
      message:
        spec.mode === 'single'
          ? 'Choose an option first, then press Check.'
          : 'Select at least one option first, then press Check.',
    };
  if (spec.mode === 'single' && chosen.size > 1)
    return { ok: false, message: 'This question has one answer: choose a single option.' };
  const verdicts = spec.options.map((o) => {
    const picked = chosen.has(o.key);
    const verdict: Verdict = o.correct
      ? picked
        ? 'chosen-right'
        : 'missed'
      : picked
        ? 'chosen-wrong'
        : 'left-right';
    return { key: o.key, verdict };
  });
  const judgedRight = verdicts.filter(
    (v) => v.verdict === 'chosen-right' || v.verdict === 'left-right',
  ).length;
  const total = verdicts.length;
  const allRight = judgedRight === total;
  const score = spec.mode === 'single' ? (allRight ? 1 : 0) : judgedRight / total;
  const missed = verdicts.filter((v) => v.verdict === 'missed').map((v) => v.key);
  const wrong = verdicts.filter((v) => v.verdict === 'chosen-wrong').map((v) => v.key);
  let summary: string;
  if (allRight)
    summary =
      spec.mode === 'single'
        ? `Right: ${listKeys(correctKeys(spec))} is the answer.`
        : `Right: exactly ${listKeys(correctKeys(spec))} are true.`;
  else if (spec.mode === 'single')
    summary = `Not quite: you chose ${listKeys(wrong)}; the answer is ${listKeys(correctKeys(spec))}.`;
  else {
    const parts = [];
    if (wrong.length) parts.push(`${listKeys(wrong)} ${wrong.length === 1 ? 'is' : 'are'} false`);
    if (missed.length)
      parts.push(`${listKeys(missed)} ${missed.length === 1 ? 'is' : 'are'} also true`);
    summary = `Not quite: ${judgedRight} of ${total} options judged correctly; ${parts.join(', and ')}.`;
  }
  return { ok: true, verdicts, allRight, judgedRight, total, score, summary };
}

/** Short label for a verdict, for the line under each option. */
export function verdictLabel(v: Verdict): string {
  switch (v) {
    case 'chosen-right':
      return 'Right: this option is true and you chose it.';
    case 'chosen-wrong':
      return 'Wrong: this option is false but you chose it.';
    case 'missed':
      return 'Missed: this option is true too.';
    case 'left-right':
      return 'Right to leave out: this option is false.';
  }
}

/** Total over several graded questions (ungraded ones count as not right). */
export function tally(results: (Graded | NotGraded | null)[]): {
  right: number;
  answered: number;
  total: number;
} {
  const answered = results.filter((r): r is Graded => r?.ok === true);
  return {
    right: answered.filter((r) => r.allRight).length,
    answered: answered.length,
    total: results.length,
  };
}
