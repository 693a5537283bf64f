/**
 * A self-check question: one prompt, options marked true or false by us, and a short reason for
 * each option. The longer explanation (with citations) lives in the answer page, not here.
 */

/** 'single': exactly one option is right (radio buttons). 'multi': select all that apply (checkboxes). */
export type QuizMode = 'single' | 'multi';

export interface QuizOption {
  /** Stable key, shown as the option's letter: 'a', 'b', … */
  key: string;
  /** The option as the reader sees it. May contain inline maths between $…$. */
  text: string;
  /** Whether this option belongs to the right answer (our decision, justified in `why`). */
  correct: boolean;
  /** Why the option is right or wrong, in one or two sentences. May contain $…$. */
  why: string;
}

export interface QuizSpec {
  /** Catalogue id, e.g. 'quiz-3'. */
  id: string;
  mode: QuizMode;
  options: QuizOption[];
}
