/**
 * Judging a self-check answer against its rule, and saying which rule was applied. Multiple choice is
 * judged by the generative quiz's own grader (src/lib/quiz/check.ts), so there is one notion of a
 * right choice on the site.
 */
import { grade } from '../quiz/check.ts';
import { formulaValuesMatch, parseFormula } from './formula.ts';
import { parseNumber, parseShape } from './parse.ts';
import type { Expect, NumberRule, Part, SelfCheckSpec } from './types.ts';

export type PartResult = { ok: true; correct: boolean } | { ok: false; message: string };
export type Verdict =
  { ok: true; correct: boolean; parts: boolean[]; text: string } | { ok: false; message: string };

const MINUS = '\u2212';
const typographic = (s: string) => (s.startsWith('-') ? MINUS + s.slice(1) : s);

/** x rounded to n significant digits (as a number, so 0.1640 and 0.164 compare equal). */
export function roundSig(x: number, n: number): number {
  return Number(x.toPrecision(n));
}

/** Decimals that show a value to within ±tol: ±0.0005 → 3, ±0.001 → 3, ±0.05 → 1. */
function decimalsFor(tol: number): number {
  return Math.max(0, Math.ceil(-Math.log10(2 * tol) - 1e-9));
}

export function numberMatches(x: number, value: number, rule: NumberRule): boolean {
  if ('sig' in rule) return roundSig(x, rule.sig) === roundSig(value, rule.sig);
  if ('tol' in rule) return Math.abs(x - value) <= rule.tol * (1 + 1e-9);
  return x === value;
}

/** The rule in words, as the verdict states it. */
export function ruleText(e: Expect): string {
  switch (e.kind) {
    case 'number':
      if ('sig' in e.rule) return `${e.rule.sig} significant digit${e.rule.sig === 1 ? '' : 's'}`;
      if ('tol' in e.rule) return `±${e.rule.tol}`;
      return 'the exact value';
    case 'boolean':
      return 'True or False, for the statement as worded';
    case 'choice':
      return 'exactly one option is right';
    case 'choices':
      return 'every option must be rightly chosen or left out';
    case 'shape':
      return `shape as (${e.axes.join(', ')}), every dimension exact`;
    case 'formula':
      return `checked at ${e.points.length} points ${pointRanges(e.vars, e.points)}, relative error ≤ ${formatTol(e.relTol)}${e.hint ? `; ${e.hint}` : ''}`;
  }
}

/** 1e-6 rather than 0.000001. */
const formatTol = (t: number) => (t < 1e-3 ? t.toExponential() : String(t)).replace('e-', 'e−');

/** "in [−3, 3]" for one variable, "with n in [3, 9] and p in [0, 2]" for several. */
function pointRanges(vars: readonly string[], points: readonly (readonly number[])[]): string {
  const range = (i: number) => {
    const vs = points.map((p) => p[i]!);
    return `[${typographic(String(Math.min(...vs)))}, ${typographic(String(Math.max(...vs)))}]`;
  };
  if (vars.length === 1) return `in ${range(0)}`;
  return `with ${vars.map((v, i) => `${v} in ${range(i)}`).join(', ')}`;
}

/** The expected answer as the reveal shows it (numbers to the precision the rule asks for). */
export function expectedText(e: Expect): string {
  switch (e.kind) {
    case 'number':
      if ('sig' in e.rule) return typographic(e.value.toPrecision(e.rule.sig));
      if ('tol' in e.rule) return typographic(e.value.toFixed(decimalsFor(e.rule.tol)));
      return typographic(String(e.value));
    case 'boolean':
      return e.value ? 'True' : 'False';
    case 'choice':
      return e.options.find((o) => o.key === e.correct)!.text;
    case 'choices':
      return e.options
        .filter((o) => e.correct.includes(o.key))
        .map((o) => o.text)
        .join('; ');
    case 'shape':
      return `(${e.value.join(', ')})`;
    case 'formula':
      return e.answer;
  }
}

/**
 * Judge one field. `raw` is the text typed, or the chosen option's key ('true'/'false' for booleans),
 * or for select-all the chosen keys separated by spaces.
 */
export function checkPart(part: Part, raw: string): PartResult {
  const e = part.expect;
  switch (e.kind) {
    case 'number': {
      const p = parseNumber(raw);
      return p.ok ? { ok: true, correct: numberMatches(p.value, e.value, e.rule) } : p;
    }
    case 'boolean':
      if (raw !== 'true' && raw !== 'false')
        return { ok: false, message: 'Choose True or False first.' };
      return { ok: true, correct: (raw === 'true') === e.value };
    case 'choice':
    case 'choices': {
      const multi = e.kind === 'choices';
      const g = grade(
        {
          id: part.label,
          mode: multi ? 'multi' : 'single',
          options: e.options.map((o) => ({
            key: o.key,
            text: o.text,
            why: '',
            correct: multi ? e.correct.includes(o.key) : o.key === e.correct,
          })),
        },
        raw.split(' ').filter(Boolean),
      );
      return g.ok ? { ok: true, correct: g.allRight } : g;
    }
    case 'shape': {
      const p = parseShape(raw);
      if (!p.ok) return p;
      return {
        ok: true,
        correct: p.value.length === e.value.length && p.value.every((d, i) => d === e.value[i]),
      };
    }
    case 'formula': {
      const p = parseFormula(raw, e.vars);
      if (!p.ok) return p;
      const f = p.value;
      return {
        ok: true,
        correct: e.points.every((pt, i) =>
          formulaValuesMatch(f(new Map(e.vars.map((v, j) => [v, pt[j]!]))), e.values[i]!, e.relTol),
        ),
      };
    }
  }
}

/** Judge every field; the first field that cannot be read refuses the whole check (naming the field). */
export function checkAnswer(spec: SelfCheckSpec, raws: readonly string[]): Verdict {
  const results = spec.parts.map((p, i) => checkPart(p, raws[i] ?? ''));
  const bad = results.findIndex((r) => !r.ok);
  if (bad >= 0) {
    const r = results[bad] as { message: string };
    return {
      ok: false,
      message: spec.parts.length > 1 ? `${spec.parts[bad]!.label}: ${r.message}` : r.message,
    };
  }
  const parts = results.map((r) => (r as { correct: boolean }).correct);
  const correct = parts.every(Boolean);
  const rules = [...new Set(spec.parts.map((p) => ruleText(p.expect)))].join('; ');
  const wrong = spec.parts.filter((_, i) => !parts[i]).map((p) => p.label);
  const text = correct
    ? `Correct (rule: ${rules}).`
    : `Not correct (rule: ${rules})${spec.parts.length > 1 ? `: ${wrong.join(', ')} ${wrong.length === 1 ? 'is' : 'are'} off` : ''}. Try again, or show the answer.`;
  return { ok: true, correct, parts, text };
}
