/**
 * Issue 18, item 1: "every question with a checkable answer gets a self-check before its answer".
 * The catalogue's `kind` says what a question asks for. A question that asks only for prose, a program
 * or a drawing has nothing a form can judge; any other kind (a number, a choice, true/false, a word to
 * fill in, a derivation ending in a short formula) must either have a self-check placed on its page
 * after its question box and before the next one, or a stated reason here why its answer cannot be
 * checked. A self-check that a page loses, or a new checkable question without one, shows up as
 * "missing" (tests/unit/selfcheck-audit.test.ts fails on it; scripts/selfcheck-audit.ts lists all).
 */

/** A catalogue entry as far as the audit is concerned. */
export interface AuditQuestion {
  id: string;
  kind: readonly string[];
}

/** An answer page: the ids its frontmatter names, and its MDX source. */
export interface AuditPage {
  url: string;
  questions: readonly string[];
  body: string;
}

export type Coverage =
  | { id: string; status: 'covered'; page: string }
  | { id: string; status: 'not checkable'; reason: string }
  | { id: string; status: 'missing'; problem: string };

/** Kinds whose answers are prose, code or a drawing: nothing for a form to judge. */
const UNCHECKABLE_KINDS: Readonly<Record<string, string>> = {
  written: 'asks for an explanation in prose',
  code: 'asks for a program (the page runs it; its tests check it)',
  plot: 'asks for a drawing',
};

/**
 * Questions whose kind suggests a checkable answer but whose answer is not one value a form can
 * judge, each with the reason.
 */
export const NOT_CHECKABLE: Readonly<Record<string, string>> = {
  'mnist-train':
    'its numbers are the outcome of a training run (they vary with seed and backend); nothing to predict before running',
  'mnist-variants':
    'accuracies measured by training and evaluating; the reader cannot know them beforehand, only run them',
  'mnist-generalise':
    'asks to build and train a model; its accuracy is a measured outcome, not a value to predict',
  'nn-004':
    'several costs are right (½ or not, 1/n or a sum, cross-entropy), so one formula check would mark correct answers wrong',
  'nn-023':
    'infinitely many (weights, threshold) pairs implement AND; the answer is a construction shown by its truth table',
  'nn-039':
    'a derivation of a posterior and a comparison with bagging, argued in prose; no single value is asked for',
  'nn-041':
    "the filter and input are missing from the source, and the result is a whole matrix (the form has no matrix field); the page's stand-in example is worked live",
  'nn-042': 'continues nn-041: a whole matrix computed from a figure missing in the source',
  'nn-043': 'continues nn-041: a whole matrix computed from a figure missing in the source',
  'nn-044':
    'the pooling input is missing from the source, the result is a matrix, and part 1 asks for prose',
  'nn-102':
    'the expected form hinges on a convention (α/2 · wᵀw or α · wᵀw); a formula check would judge a correct alternative wrong',
  'nn-103': 'asks why (prose); the update it derives is shown, not asked for',
  'nn-105':
    'asks for the effect on the solution, a matrix expression and prose; the formula parser reads scalars only',
  'nn-106':
    'the expected form hinges on a convention (with or without the factor α); a formula check would judge a correct alternative wrong',
  'nn-108': 'asks how (prose): the sparsity argument is geometric',
};

/** The page places a self-check for `id`: a SelfCheck after its question box and before the next box, or a Quiz. */
export function placesSelfCheck(body: string, id: string): boolean {
  if (body.includes(`<Quiz id="${id}"`)) return true;
  const box = body.indexOf(`<QuestionBox id="${id}"`);
  const check = body.indexOf(`<SelfCheck id="${id}"`);
  if (box < 0 || check < box) return false;
  const next = body.indexOf('<QuestionBox ', box + 1);
  return next < 0 || check < next;
}

/** Each question's self-check coverage, in catalogue order. */
export function selfCheckAudit(
  questions: readonly AuditQuestion[],
  pages: readonly AuditPage[],
  selfCheckIds: readonly string[],
): Coverage[] {
  return questions.map(({ id, kind }): Coverage => {
    const answering = pages.filter((p) => p.questions.includes(id));
    const placed = answering.find((p) => placesSelfCheck(p.body, id));
    const hasSpec = selfCheckIds.includes(id);
    if (hasSpec && placed) return { id, status: 'covered', page: placed.url };
    if (hasSpec)
      return {
        id,
        status: 'missing',
        problem: `has a self-check, but no page answering it places it between its question box and the next`,
      };
    const reason =
      NOT_CHECKABLE[id] ??
      (kind.length > 0 && kind.every((k) => k in UNCHECKABLE_KINDS)
        ? kind.map((k) => UNCHECKABLE_KINDS[k]).join('; ')
        : undefined);
    if (reason) return { id, status: 'not checkable', reason };
    return {
      id,
      status: 'missing',
      problem: `kind ${kind.join(', ')} has a checkable answer, but there is no self-check and no stated reason`,
    };
  });
}
