/**
 * Short formulas typed by a reader, e.g. "s(x)*(1-s(x))" or "1 − tanh(x)^2": a small recursive-descent
 * parser (numbers, declared variables, pi and e, + − * / ^, unary minus, implicit multiplication as in
 * "2x" or "σ(x)(1−σ(x))", parentheses, and a fixed table of functions) that builds an evaluator out of
 * closures. Nothing typed is ever run as JavaScript (no eval, no Function): a name is either a declared
 * variable or an entry of the tables below, looked up in Maps, so "constructor" or "window" is refused.
 *
 * A formula is judged by evaluating it and the reference (a src/lib function, at build time) at the
 * same points and comparing within a relative tolerance.
 */
import type { Parsed } from './parse.ts';

/** Values of the declared variables at one point. */
export type Scope = ReadonlyMap<string, number>;
export type Formula = (scope: Scope) => number;

const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** The functions a reader may call, by every name accepted for them, with their argument counts. */
const FUNCTIONS: ReadonlyMap<string, { arity: number; f: (...a: number[]) => number }> = new Map([
  ['exp', { arity: 1, f: Math.exp }],
  ['log', { arity: 1, f: Math.log }],
  ['ln', { arity: 1, f: Math.log }],
  ['sqrt', { arity: 1, f: Math.sqrt }],
  ['tanh', { arity: 1, f: Math.tanh }],
  ['sigma', { arity: 1, f: sigmoid }],
  ['s', { arity: 1, f: sigmoid }],
  ['abs', { arity: 1, f: Math.abs }],
  ['floor', { arity: 1, f: Math.floor }],
  ['ceil', { arity: 1, f: Math.ceil }],
  ['sign', { arity: 1, f: Math.sign }],
  ['max', { arity: 2, f: Math.max }],
  ['min', { arity: 2, f: Math.min }],
]);
/** Greek letters stand for their spelled-out names: σ is the sigmoid, or the variable sigma where declared. */
const GREEK: ReadonlyMap<string, string> = new Map([
  ['σ', 'sigma'],
  ['μ', 'mu'],
  ['β', 'beta'],
  ['π', 'pi'],
  ['α', 'alpha'],
  ['η', 'eta'],
  ['θ', 'theta'],
  ['Ω', 'Omega'],
]);
const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

type Token =
  | { t: 'num'; v: number; at: number; text: string }
  | { t: 'name'; v: string; at: number; text: string }
  | { t: 'op'; v: string; at: number; text: string }
  | { t: 'end'; at: number; text: string };

/** Typographic operators readers paste: minus sign, en dash, middle dot, times, division sign. */
const OPS: Record<string, string> = {
  '+': '+',
  '-': '-',
  '\u2212': '-',
  '\u2013': '-',
  '*': '*',
  '\u00B7': '*',
  '\u22C5': '*',
  '\u00D7': '*',
  '/': '/',
  '\u00F7': '/',
  '^': '^',
  '(': '(',
  ')': ')',
  ',': ',',
};

class FormulaError extends Error {}

/** Positions in messages count characters from 1, as a reader counts them. */
const where = (at: number) => `at character ${at + 1}`;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const chars = [...src];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = chars.slice(i).join('');
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      // "1e-3" is one number; "2e" without exponent digits is 2·e (the exponent must be complete).
      out.push({ t: 'num', v: Number(num[0]), at: i, text: num[0] });
      i += [...num[0]].length;
      continue;
    }
    const name = /^([A-Za-z]+|[\u0391-\u03A9\u03B1-\u03C9])/.exec(rest); // a Greek letter is a name by itself: βx is β·x
    if (name) {
      out.push({ t: 'name', v: name[0], at: i, text: name[0] });
      i += [...name[0]].length;
      continue;
    }
    if (c === '*' && chars[i + 1] === '*') {
      out.push({ t: 'op', v: '^', at: i, text: '**' });
      i += 2;
      continue;
    }
    const op = OPS[c];
    if (op === undefined) throw new FormulaError(`unexpected '${c}' ${where(i)}`);
    out.push({ t: 'op', v: op, at: i, text: c });
    i++;
  }
  out.push({ t: 'end', at: chars.length, text: '' });
  return out;
}

/** Longer input is refused, which also bounds the parser's and the evaluator's recursion depth. */
const MAX_LENGTH = 300;

/**
 * Parse `src` with the variables `vars` (e.g. ['x'] or ['n', 'f', 's', 'p']). A declared variable
 * wins over a function of the same name ("s" is a stride when declared, else the sigmoid).
 */
export function parseFormula(src: string, vars: readonly string[]): Parsed<Formula> {
  if (src.trim() === '') return { ok: false, message: 'Enter a formula first.' };
  if (src.length > MAX_LENGTH)
    return { ok: false, message: `That formula is longer than ${MAX_LENGTH} characters.` };
  try {
    const f = new Parser(tokenize(src), new Set(vars)).parse();
    return { ok: true, value: f };
  } catch (e) {
    if (!(e instanceof FormulaError)) throw e;
    return { ok: false, message: `Cannot read the formula: ${e.message}.` };
  }
}

class Parser {
  private i = 0;
  private readonly tokens: Token[];
  private readonly vars: ReadonlySet<string>;
  constructor(tokens: Token[], vars: ReadonlySet<string>) {
    this.tokens = tokens;
    this.vars = vars;
  }

  private get tok(): Token {
    return this.tokens[this.i]!;
  }
  private isOp(v: string): boolean {
    return this.tok.t === 'op' && this.tok.v === v;
  }
  private unexpected(): never {
    const t = this.tok;
    if (t.t === 'end') throw new FormulaError(`it ends too early (after character ${t.at})`);
    throw new FormulaError(`unexpected '${t.text}' ${where(t.at)}`);
  }
  private expect(v: string) {
    if (!this.isOp(v)) this.unexpected();
    this.i++;
  }

  parse(): Formula {
    const f = this.sum();
    if (this.tok.t !== 'end') this.unexpected();
    return f;
  }

  private sum(): Formula {
    let f = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const minus = this.tok.t === 'op' && this.tok.v === '-';
      this.i++;
      const [a, b] = [f, this.product()];
      f = minus ? (s) => a(s) - b(s) : (s) => a(s) + b(s);
    }
    return f;
  }

  /** Products and quotients; a factor that starts right after another (a number, a name, "(") multiplies. */
  private product(): Formula {
    let f = this.unary();
    for (;;) {
      const t = this.tok;
      if (this.isOp('*') || this.isOp('/')) {
        const divide = t.t === 'op' && t.v === '/';
        this.i++;
        const [a, b] = [f, this.unary()];
        f = divide ? (s) => a(s) / b(s) : (s) => a(s) * b(s);
      } else if (t.t === 'num' || t.t === 'name' || this.isOp('(')) {
        const [a, b] = [f, this.power()];
        f = (s) => a(s) * b(s);
      } else return f;
    }
  }

  private unary(): Formula {
    if (this.isOp('-')) {
      this.i++;
      const a = this.unary();
      return (s) => -a(s);
    }
    if (this.isOp('+')) {
      this.i++;
      return this.unary();
    }
    return this.power();
  }

  /** a^b^c is a^(b^c); the exponent may carry its own sign (2^-x). */
  private power(): Formula {
    const base = this.atom();
    if (!this.isOp('^')) return base;
    this.i++;
    const exponent = this.unary();
    return (s) => base(s) ** exponent(s);
  }

  private atom(): Formula {
    const t = this.tok;
    if (t.t === 'num') {
      this.i++;
      return () => t.v;
    }
    if (this.isOp('(')) {
      this.i++;
      const f = this.sum();
      this.expect(')');
      return f;
    }
    if (t.t !== 'name') this.unexpected();
    this.i++;
    const name = GREEK.get(t.v) ?? t.v;
    if (this.vars.has(name)) return (s) => s.get(name) ?? NaN;
    const fn = FUNCTIONS.get(name);
    if (fn) {
      if (!this.isOp('('))
        throw new FormulaError(`${t.v} needs its argument in brackets, as ${t.v}(x)`);
      this.i++;
      const args: Formula[] = [this.sum()];
      while (this.isOp(',')) {
        this.i++;
        args.push(this.sum());
      }
      if (args.length !== fn.arity)
        throw new FormulaError(
          `${t.v} takes ${fn.arity} argument${fn.arity === 1 ? '' : 's'}, not ${args.length} (${where(t.at)})`,
        );
      this.expect(')');
      return (s) => fn.f(...args.map((a) => a(s)));
    }
    const c = CONSTANTS.get(name);
    if (c !== undefined) return () => c;
    const known = [...this.vars].join(', ');
    throw new FormulaError(
      `unknown name '${t.v}' ${where(t.at)}; the variables here are ${known}` +
        (t.v.length > 1 ? ` (write products with *, e.g. x*x)` : ''),
    );
  }
}

/** Reader and reference agree at a point: relative error within tol (an absolute 1e-12 where both are near 0). */
export function formulaValuesMatch(got: number, want: number, relTol: number): boolean {
  if (!Number.isFinite(got)) return false;
  const diff = Math.abs(got - want);
  return diff <= 1e-12 || diff <= relTol * Math.max(Math.abs(got), Math.abs(want));
}

/** n evenly spaced points from lo to hi, both included. */
export function evenPoints(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

export interface FormulaSpec {
  /** The variables the reader writes, in the order of each point's coordinates. */
  vars: readonly string[];
  points: readonly (readonly number[])[];
  /** The page's own function, called at each point (at build time; only the values reach the page). */
  reference: (...at: number[]) => number;
  relTol: number;
  /** The formula the reveal shows, written so this parser reads it (a test checks it passes). */
  answer: string;
  /** How to write what this parser does not guess, e.g. "write σ as s(x) or sigma(x)". */
  hint?: string;
}

/** The self-check expectation for a formula: the reference's values at the points, computed now. */
export function formulaExpect(s: FormulaSpec) {
  return {
    kind: 'formula' as const,
    vars: s.vars,
    points: s.points,
    values: s.points.map((p) => s.reference(...p)),
    relTol: s.relTol,
    answer: s.answer,
    ...(s.hint ? { hint: s.hint } : {}),
  };
}
