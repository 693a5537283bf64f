/** Formula self-checks: the parser reads what readers write, locates what it cannot read, reaches nothing outside its tables, and the judge compares values at the stated points. */
import { describe, expect, it } from 'vitest';
import { checkPart, expectedText, ruleText } from '../../src/lib/selfcheck/check.ts';
import {
  evenPoints,
  formulaExpect,
  formulaValuesMatch,
  parseFormula,
} from '../../src/lib/selfcheck/formula.ts';
import { dSigmoid, dTanh } from '../../src/lib/calculus/activations.ts';
import { SELF_CHECKS } from '../../src/lib/selfcheck/registry.ts';
import type { Part } from '../../src/lib/selfcheck/types.ts';

/** Evaluate a formula in x (throws with the parser's message when it cannot read it). */
const at = (src: string, x: number, vars: Record<string, number> = {}) => {
  const p = parseFormula(src, ['x', ...Object.keys(vars)]);
  if (!p.ok) throw new Error(p.message);
  return p.value(new Map([['x', x], ...Object.entries(vars)]));
};
const message = (src: string, vars = ['x']) => {
  const p = parseFormula(src, vars);
  if (p.ok) throw new Error(`"${src}" was read`);
  return p.message;
};

describe('parseFormula', () => {
  it('reads α, η, θ and Ω as the declared alpha, eta, theta and Omega, and sign()', () => {
    const vars = { alpha: 0.5, eta: 0.1, theta: 2, Omega: 3 };
    expect(at('θ − η x', 4, vars)).toBeCloseTo(1.6, 12);
    expect(at('x + αΩ', 1, vars)).toBeCloseTo(2.5, 12);
    expect(at('α sign(x)', -3, vars)).toBe(-0.5);
    expect(at('sign(x)', 0)).toBe(0);
    expect(message('Ω x')).toContain("unknown name 'Ω'");
  });
  it('follows the usual precedence: powers before signs and products, right-associative powers', () => {
    expect(at('-x^2', 3)).toBe(-9);
    expect(at('2^3^2', 0)).toBe(512);
    expect(at('2^-x', 1)).toBe(0.5);
    expect(at('1 - 2 - 3', 0)).toBe(-4);
    expect(at('8 / 2 / 2', 0)).toBe(2);
    expect(at('2x^2', 3)).toBe(18);
    expect(at('(x + 1)(x - 1)', 3)).toBe(8);
    expect(at('x**2', 4)).toBe(16);
    expect(at('1e-3x', 2)).toBeCloseTo(0.002, 15);
  });

  it('reads typeset input: minus sign, middle dot, times sign, σ and π', () => {
    expect(at('\u22122 \u00B7 x \u00D7 3', 1)).toBe(-6);
    expect(at('σ(0)', 0)).toBe(0.5);
    expect(at('π', 0)).toBe(Math.PI);
    expect(at('e^x', 1)).toBeCloseTo(Math.E, 15);
    expect(at('max(0, x) + min(x, 1)', -2)).toBe(-2);
  });

  it('a declared variable wins over the function of the same name', () => {
    expect(at('s(x)', 0)).toBe(0.5);
    expect(at('s(x)', 2, { s: 3 })).toBe(6); // s is a stride here: s·x
    expect(at('σ^2', 0, { sigma: 3 })).toBe(9);
    expect(at('xσ(βx)', 2, { beta: 0 })).toBe(1); // a Greek letter stands alone: β·x
  });

  it('says where it cannot read, with a character position counted from 1', () => {
    expect(message('s(x)*(1-s(x)))')).toContain("unexpected ')' at character 14");
    expect(message('(x + 1')).toContain('ends too early');
    expect(message('x + * 2')).toContain("unexpected '*' at character 5");
    expect(message('x $ 2')).toContain("unexpected '$' at character 3");
    expect(message('y + 1')).toContain("unknown name 'y' at character 1");
    expect(message('tanh x')).toContain('tanh needs its argument in brackets');
    expect(message('max(x)')).toContain('max takes 2 arguments, not 1');
    expect(message('  ')).toBe('Enter a formula first.');
    expect(message('('.repeat(5000) + 'x' + ')'.repeat(5000))).toContain('longer than');
  });

  it('reaches nothing outside its own tables (no globals, no properties, no code)', () => {
    for (const src of [
      'constructor',
      'constructor(x)',
      'toString(x)',
      'hasOwnProperty(x)',
      'globalThis',
      'window',
      'process',
      'x.constructor',
      '__proto__',
      'x[0]',
      '`x`',
      'alert(1)',
      'Function(x)',
    ])
      expect(parseFormula(src, ['x']).ok, src).toBe(false);
  });
});

describe('formula judging', () => {
  const points = evenPoints(-3, 3, 7).map((x) => [x]);
  const sigmoidPrime: Part = {
    label: "σ'(x)",
    expect: formulaExpect({
      vars: ['x'],
      points,
      reference: (x) => dSigmoid(x),
      relTol: 1e-6,
      answer: 'σ(x)(1 − σ(x))',
      hint: 'write σ as s(x) or sigma(x)',
    }),
  };
  const judge = (part: Part, raw: string) => checkPart(part, raw);

  it('accepts equivalent forms of the sigmoid derivative and rejects the usual mistakes', () => {
    for (const right of [
      'σ(x)(1−σ(x))',
      's(x)*(1-s(x))',
      'exp(-x)/(1+exp(-x))^2',
      'e^(-x) / (1 + e^(-x))^2',
      '1/(2 + exp(x) + exp(-x))',
      'sigma(x) - sigma(x)^2',
    ])
      expect(judge(sigmoidPrime, right), right).toEqual({ ok: true, correct: true });
    for (const wrong of [
      's(x)',
      '1 - s(x)^2',
      'exp(x)/(1+exp(-x))^2',
      's(x)*(1-s(x)) + 1e-5',
      'x*s(x)*(1-s(x))',
    ])
      expect(judge(sigmoidPrime, wrong), wrong).toEqual({ ok: true, correct: false });
    expect(judge(sigmoidPrime, 's(x)*(1-s(x)))')).toMatchObject({ ok: false });
  });

  it('tanh: sech² and 4σ(2x)(1−σ(2x)) are the same function as 1 − tanh²', () => {
    const part: Part = {
      label: "tanh'(x)",
      expect: formulaExpect({ vars: ['x'], points, reference: dTanh, relTol: 1e-6, answer: '' }),
    };
    for (const right of ['1 - tanh(x)^2', '4/(exp(x)+exp(-x))^2', '4 s(2x)(1 - s(2x))'])
      expect(judge(part, right), right).toEqual({ ok: true, correct: true });
    expect(judge(part, '1 - tanh(x)')).toEqual({ ok: true, correct: false });
  });

  it('compares by relative error, with an absolute floor where both sides are 0', () => {
    expect(formulaValuesMatch(1e6 + 0.5, 1e6, 1e-6)).toBe(true);
    expect(formulaValuesMatch(1 + 2e-6, 1, 1e-6)).toBe(false);
    expect(formulaValuesMatch(1e-17, 0, 1e-6)).toBe(true);
    expect(formulaValuesMatch(1e-9, 0, 1e-6)).toBe(false);
    expect(formulaValuesMatch(NaN, 0, 1e-6)).toBe(false);
    expect(formulaValuesMatch(Infinity, Infinity, 1e-6)).toBe(false);
  });

  it('states the points, the tolerance and the hint, and reveals the answer text', () => {
    expect(ruleText(sigmoidPrime.expect)).toBe(
      'checked at 7 points in [\u22123, 3], relative error ≤ 1e\u22126; write σ as s(x) or sigma(x)',
    );
    expect(expectedText(sigmoidPrime.expect)).toBe('σ(x)(1 − σ(x))');
  });

  it('several variables: the rule names each range, and every point counts', () => {
    const spec = SELF_CHECKS['nn-047']!;
    const e = spec.parts[0]!.expect;
    expect(ruleText(e)).toMatch(/points with x in \[−3, 3\], mu in \[.+\], sigma in \[.+\]/);
    const right = '-(x-mu)*exp(-((x-mu)/sigma)^2/2)/(sigma^3*sqrt(2*pi))';
    expect(checkPart(spec.parts[0]!, right)).toEqual({ ok: true, correct: true });
    // Right only for the standard normal (μ = 0, σ = 1): some of the points say otherwise.
    expect(checkPart(spec.parts[0]!, '-x*exp(-x^2/2)/sqrt(2*pi)')).toEqual({
      ok: true,
      correct: false,
    });
  });

  it('Swish: β must be used, since the points vary it', () => {
    const part = SELF_CHECKS['nn-034']!.parts[0]!;
    for (const right of ['x/(1+exp(-beta*x))', 'x σ(βx)', 'x*s(beta x)'])
      expect(checkPart(part, right), right).toEqual({ ok: true, correct: true });
    for (const wrong of ['x*s(x)', 'beta*x*s(x)', 'x*s(beta)'])
      expect(checkPart(part, wrong), wrong).toEqual({ ok: true, correct: false });
  });

  it('every formula self-check on the site reveals an answer its own check accepts', () => {
    const formulas = Object.values(SELF_CHECKS).flatMap((s) =>
      s.parts.filter((p) => p.expect.kind === 'formula'),
    );
    expect(formulas.length).toBeGreaterThanOrEqual(3);
    for (const p of formulas)
      expect(checkPart(p, expectedText(p.expect)), p.label).toEqual({ ok: true, correct: true });
  });
});
