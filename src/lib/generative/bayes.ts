/**
 * Bayes' rule for the translation-room question (quiz-4): two hypotheses, "understands Chinese" (U)
 * and "does not" (¬U); evidence: k correct translations out of n, each correct independently with
 * probability p₁ under U and p₀ under ¬U. The binomial coefficient is the same under both hypotheses
 * and cancels. The decision is the one with the smaller expected loss (Bishop 2006, sec. 1.5).
 */

export interface BayesInput {
  /** P(U) before seeing any translation. */
  priorUnderstands: number;
  /** p₁ = P(a translation is correct | U). */
  pCorrectIfUnderstands: number;
  /** p₀ = P(a translation is correct | ¬U). */
  pCorrectIfNot: number;
  /** Translations seen. */
  n: number;
  /** Of which correct. */
  k: number;
  /** Loss of wrongly saying "he understands", relative to wrongly saying "he does not" (default 1: fewest mistakes). */
  costRatio?: number;
}

export interface BayesOk {
  ok: true;
  posteriorUnderstands: number;
  posteriorNot: number;
  /** Likelihood ratio P(evidence | U) / P(evidence | ¬U) (may be 0 or Infinity). */
  likelihoodRatio: number;
  priorOdds: number;
  posteriorOdds: number;
  /** The guess with the smaller expected loss. */
  decision: 'understands' | 'does not understand' | 'either';
}

export interface BayesError {
  ok: false;
  message: string;
}

/** Check the inputs; null when they are usable, else a message a reader can act on. */
export function bayesInputProblem(x: BayesInput): string | null {
  const prob = (v: number, what: string) =>
    Number.isFinite(v) && v >= 0 && v <= 1
      ? null
      : `${what} must be a probability between 0 and 1.`;
  const p =
    prob(x.priorUnderstands, 'The prior P(understands)') ??
    prob(x.pCorrectIfUnderstands, 'P(correct | understands)') ??
    prob(x.pCorrectIfNot, 'P(correct | does not understand)');
  if (p) return p;
  if (!Number.isInteger(x.n) || x.n < 1 || x.n > 10000)
    return 'The number of translations n must be a whole number from 1 to 10,000.';
  if (!Number.isInteger(x.k) || x.k < 0)
    return 'The number of correct translations k must be a whole number, 0 or more.';
  if (x.k > x.n) return `k = ${x.k} correct translations cannot exceed n = ${x.n} translations.`;
  const c = x.costRatio ?? 1;
  if (!Number.isFinite(c) || c <= 0) return 'The cost ratio must be a positive number.';
  return null;
}

/** m · log p, with 0 · log 0 = 0 (p⁰ = 1 even for p = 0). */
function logPow(p: number, m: number): number {
  return m === 0 ? 0 : m * Math.log(p);
}

/** Posterior, odds and the Bayes decision, or a message when the input is unusable or the evidence impossible. */
export function bayesRoom(x: BayesInput): BayesOk | BayesError {
  const problem = bayesInputProblem(x);
  if (problem) return { ok: false, message: problem };
  const { priorUnderstands: pu, pCorrectIfUnderstands: p1, pCorrectIfNot: p0, n, k } = x;
  const logLik1 = logPow(p1, k) + logPow(1 - p1, n - k);
  const logLik0 = logPow(p0, k) + logPow(1 - p0, n - k);
  const logJoint1 = Math.log(pu) + logLik1;
  const logJoint0 = Math.log(1 - pu) + logLik0;
  if (logJoint1 === -Infinity && logJoint0 === -Infinity)
    return {
      ok: false,
      message:
        "With these numbers the observed translations are impossible under both hypotheses (probability 0), so Bayes' rule has nothing to condition on. Change a rate or the prior.",
    };
  const posteriorUnderstands =
    logJoint0 === -Infinity
      ? 1
      : logJoint1 === -Infinity
        ? 0
        : 1 / (1 + Math.exp(logJoint0 - logJoint1));
  const posteriorNot = 1 - posteriorUnderstands;
  const likelihoodRatio = logLik0 === -Infinity ? Infinity : Math.exp(logLik1 - logLik0);
  const priorOdds = pu / (1 - pu);
  const posteriorOdds = posteriorNot === 0 ? Infinity : posteriorUnderstands / posteriorNot;
  // Say "understands" when its expected loss, P(¬U | e) · c, is below that of "does not", P(U | e) · 1.
  const c = x.costRatio ?? 1;
  const lossSayU = posteriorNot * c;
  const lossSayNot = posteriorUnderstands;
  const decision =
    Math.abs(lossSayU - lossSayNot) < 1e-12
      ? 'either'
      : lossSayU < lossSayNot
        ? 'understands'
        : 'does not understand';
  return {
    ok: true,
    posteriorUnderstands,
    posteriorNot,
    likelihoodRatio,
    priorOdds,
    posteriorOdds,
    decision,
  };
}

/** Parse a text field as a number; null for empty or non-numeric text (so "0.5abc" is refused). */
export function parseNumber(raw: string): number | null {
  const t = raw.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** The calculator's fields, in reading order: each one's name in a form and in messages. */
export const BAYES_FIELDS = [
  { name: 'prior', input: 'priorUnderstands', said: 'P(understands)' },
  { name: 'p1', input: 'pCorrectIfUnderstands', said: 'P(correct | understands)' },
  { name: 'p0', input: 'pCorrectIfNot', said: 'P(correct | only English)' },
  { name: 'n', input: 'n', said: 'n' },
  { name: 'k', input: 'k', said: 'k' },
  { name: 'cost', input: 'costRatio', said: 'the cost ratio' },
] as const satisfies readonly { name: string; input: keyof BayesInput; said: string }[];

export type BayesFieldName = (typeof BAYES_FIELDS)[number]['name'];

/**
 * The input from the fields' raw text, or the first field that is not a number with a message for
 * it. (Whether the numbers make sense is bayesRoom's check.)
 */
export function readBayesFields(
  raw: Record<BayesFieldName, string>,
): { ok: true; input: BayesInput } | { ok: false; field: BayesFieldName; message: string } {
  const input = {} as Record<keyof BayesInput, number>;
  for (const f of BAYES_FIELDS) {
    const v = parseNumber(raw[f.name]);
    if (v === null)
      return {
        ok: false,
        field: f.name,
        message: `${f.said} is “${raw[f.name]}”, which is not a number. Type a number such as 0.3.`,
      };
    input[f.input] = v;
  }
  return { ok: true, input };
}

/**
 * P(U | m correct translations in a row) for m = 0 … `longest` under the input's prior and rates
 * (m = 0 is the prior itself; NaN where the run is impossible under both hypotheses).
 */
export function posteriorAfterRuns(x: BayesInput, longest = 20): number[] {
  return Array.from({ length: longest + 1 }, (_, m) => {
    if (m === 0) return x.priorUnderstands;
    const r = bayesRoom({ ...x, n: m, k: m, costRatio: 1 });
    return r.ok ? r.posteriorUnderstands : NaN;
  });
}
