/** Self-check logic (src/lib/selfcheck): reading typed answers, rules, verdicts, progress, and the registry's placement. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseShape } from '../../src/lib/selfcheck/parse.ts';
import {
  checkAnswer,
  checkPart,
  expectedText,
  numberMatches,
  roundSig,
  ruleText,
} from '../../src/lib/selfcheck/check.ts';
import { forget, parseProgress, record, summarise } from '../../src/lib/selfcheck/progress.ts';
import { SELF_CHECKS, SELF_CHECK_IDS } from '../../src/lib/selfcheck/registry.ts';
import type { Part, SelfCheckSpec } from '../../src/lib/selfcheck/types.ts';
import {
  ANSWER_KEYS,
  answerKeyProblems,
  answerKeyText,
  type AnswerKey,
} from '../../src/lib/selfcheck/answer-keys.ts';

const value = (raw: string) => {
  const p = parseNumber(raw);
  if (!p.ok) throw new Error(p.message);
  return p.value;
};

describe('parseNumber', () => {
  it.each([
    ['−0.164', -0.164],
    ['-0.164', -0.164],
    ['–0.164', -0.164],
    ['-.164', -0.164],
    ['+0.1640', 0.164],
    ['0,164', 0.164],
    [' − 0.164 ', -0.164],
    ['1,234', 1234],
    ['370 698', 370698],
    ['370\u202F698', 370698],
    ['1,234.5', 1234.5],
    ['1.64e-1', 0.164],
    ['2.', 2],
  ])('reads %j as %d', (raw, expected) => {
    expect(value(raw)).toBeCloseTo(expected, 12);
  });

  it.each([
    '',
    '  ',
    'abc',
    '0.1.2',
    '1/2',
    '0.164 nats',
    '--1',
    '1,2,3',
    'Infinity',
    'NaN',
    '1e999',
  ])('refuses %j with a message', (raw) => {
    const p = parseNumber(raw);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message.length).toBeGreaterThan(5);
  });
});

describe('parseShape', () => {
  it.each([
    '(1, 512, 7, 7)',
    '[1,512,7,7]',
    'torch.Size([1, 512, 7, 7])',
    '1×512×7×7',
    '1x512x7x7',
    '1 512 7 7',
  ])('reads %j', (raw) => {
    expect(parseShape(raw)).toEqual({ ok: true, value: [1, 512, 7, 7] });
  });
  it.each(['', '(1, 512, 7.5, 7)', '(N, C, H, W)', '(1, -3, 2)'])('refuses %j', (raw) => {
    expect(parseShape(raw).ok).toBe(false);
  });
});

describe('number rules', () => {
  const z = -0.16400000000000003; // what float64 gives for 0.9·(−0.3) + 0.7·0.15 + 0.001
  it('significant digits: trailing zeros and extra correct digits pass, a wrong digit or sign fails', () => {
    expect(roundSig(0.16449, 3)).toBe(0.164);
    expect(numberMatches(value('−0.164'), z, { sig: 3 })).toBe(true);
    expect(numberMatches(value('-0.1640'), z, { sig: 3 })).toBe(true);
    expect(numberMatches(value('-.164'), z, { sig: 3 })).toBe(true);
    expect(numberMatches(value('0.164'), z, { sig: 3 })).toBe(false);
    expect(numberMatches(value('-0.165'), z, { sig: 3 })).toBe(false);
    expect(numberMatches(value('-0.16'), z, { sig: 3 })).toBe(false);
  });
  it('tolerance: inside passes, outside fails, boundary passes', () => {
    expect(numberMatches(-0.1645, z, { tol: 0.0005 })).toBe(true);
    expect(numberMatches(-0.1646, z, { tol: 0.0005 })).toBe(false);
    expect(numberMatches(0.164, z, { tol: 0.0005 })).toBe(false);
  });
  it('exact: only the value itself', () => {
    expect(numberMatches(2, 2, { exact: true })).toBe(true);
    expect(numberMatches(2.0001, 2, { exact: true })).toBe(false);
  });
  it('states the rule and shows the expected value at that precision', () => {
    const e = { kind: 'number', value: z, rule: { sig: 4 } } as const;
    expect(ruleText(e)).toBe('4 significant digits');
    expect(expectedText(e)).toBe('−0.1640');
    expect(ruleText({ kind: 'number', value: z, rule: { tol: 0.001 } })).toBe('±0.001');
    expect(expectedText({ kind: 'number', value: z, rule: { tol: 0.0005 } })).toBe('−0.164');
    expect(ruleText({ kind: 'shape', value: [1, 3, 2, 2], axes: ['N', 'C', 'H', 'W'] })).toBe(
      'shape as (N, C, H, W), every dimension exact',
    );
  });
});

describe('checkPart', () => {
  const shape: Part = {
    label: 's',
    expect: { kind: 'shape', value: [1, 64, 112, 112], axes: ['N', 'C', 'H', 'W'] },
  };
  const bool: Part = { label: 'b', expect: { kind: 'boolean', value: false } };
  const choice: Part = {
    label: 'c',
    expect: {
      kind: 'choice',
      options: [
        { key: 'a', text: 'A' },
        { key: 'b', text: 'B' },
      ],
      correct: 'b',
    },
  };
  it('shapes must match in order and length', () => {
    expect(checkPart(shape, '(1, 64, 112, 112)')).toEqual({ ok: true, correct: true });
    expect(checkPart(shape, '(1, 112, 112, 64)')).toEqual({ ok: true, correct: false });
    expect(checkPart(shape, '(64, 112, 112)')).toEqual({ ok: true, correct: false });
  });
  it('true/false and multiple choice', () => {
    expect(checkPart(bool, 'false')).toEqual({ ok: true, correct: true });
    expect(checkPart(bool, 'true')).toEqual({ ok: true, correct: false });
    expect(checkPart(bool, '').ok).toBe(false);
    expect(checkPart(choice, 'b')).toEqual({ ok: true, correct: true });
    expect(checkPart(choice, 'a')).toEqual({ ok: true, correct: false });
    expect(checkPart(choice, '').ok).toBe(false);
  });
  it('select all that apply: right only with exactly the right options', () => {
    const all: Part = {
      label: 'm',
      expect: {
        kind: 'choices',
        options: ['1', '2', '3'].map((key) => ({ key, text: key })),
        correct: ['1', '3'],
      },
    };
    expect(checkPart(all, '3 1')).toEqual({ ok: true, correct: true });
    expect(checkPart(all, '1')).toEqual({ ok: true, correct: false });
    expect(checkPart(all, '1 2 3')).toEqual({ ok: true, correct: false });
    expect(checkPart(all, '')).toMatchObject({ ok: false, message: /Select at least one/ });
    expect(expectedText(all.expect)).toBe('1; 3');
    expect(ruleText(all.expect)).toMatch(/every option/);
  });
});

describe('checkAnswer', () => {
  const spec: SelfCheckSpec = {
    id: 'x',
    parts: [
      { label: 'first', expect: { kind: 'number', value: 0.5, rule: { tol: 0.01 } } },
      { label: 'second', expect: { kind: 'number', value: 2, rule: { exact: true } } },
    ],
  };
  it('is correct only when every part is, and the verdict states the rules', () => {
    const right = checkAnswer(spec, ['0.505', '2']);
    expect(right).toMatchObject({ ok: true, correct: true, parts: [true, true] });
    if (right.ok) expect(right.text).toContain('±0.01; the exact value');
    const wrong = checkAnswer(spec, ['0.5', '3']);
    expect(wrong).toMatchObject({ ok: true, correct: false, parts: [true, false] });
    if (wrong.ok) expect(wrong.text).toMatch(/second is off/);
  });
  it('names the field it cannot read instead of judging', () => {
    const v = checkAnswer(spec, ['0.5', '']);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.message).toMatch(/^second:/);
  });
});

describe('progress', () => {
  it('records, keeps a correct answer through a later reveal, forgets a section, and counts', () => {
    let p = record({}, 'a', 'incorrect');
    p = record(p, 'a', 'correct');
    p = record(p, 'a', 'revealed');
    p = record(p, 'b', 'revealed');
    p = record(p, 'c', 'incorrect');
    expect(p).toEqual({ a: 'correct', b: 'revealed', c: 'incorrect' });
    expect(summarise(p, ['a', 'b', 'c', 'd'])).toMatchObject({
      checked: 2,
      correct: 1,
      total: 4,
      text: '2 of 4 checked, 1 correct',
    });
    expect(forget(p, ['a', 'b'])).toEqual({ c: 'incorrect' });
  });
  it('reads malformed storage as no progress', () => {
    expect(parseProgress(null)).toEqual({});
    expect(parseProgress('{oops')).toEqual({});
    expect(parseProgress('[1,2]')).toEqual({});
    expect(parseProgress('{"a":"correct","b":"maybe","c":3}')).toEqual({ a: 'correct' });
  });
});

describe('registry', () => {
  const docs = 'src/content/docs';
  const mdx = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? mdx(join(dir, e.name))
        : e.name.endsWith('.mdx')
          ? [readFileSync(join(dir, e.name), 'utf8')]
          : [],
    );
  const pages = mdx(docs).join('\n');

  it.each(Object.values(SELF_CHECKS).map((s) => [s.id, s] as const))(
    '%s: the revealed answer passes its own check, a nudged one does not, and the page places it',
    (id, spec) => {
      const shown = spec.parts.map((p) =>
        p.expect.kind === 'boolean'
          ? String(p.expect.value)
          : p.expect.kind === 'choice'
            ? p.expect.correct
            : p.expect.kind === 'choices'
              ? p.expect.correct.join(' ')
              : expectedText(p.expect),
      );
      expect(checkAnswer(spec, shown)).toMatchObject({ ok: true, correct: true });
      const nudged = spec.parts.map((p, i) => {
        const e = p.expect;
        if (e.kind === 'number') return String(e.value + Math.max(0.01, Math.abs(e.value) * 0.05));
        if (e.kind === 'shape') return `(${e.value.map((d) => d + 1).join(', ')})`;
        if (e.kind === 'boolean') return String(!e.value);
        if (e.kind === 'choice') return e.options.find((o) => o.key !== e.correct)!.key;
        if (e.kind === 'choices') return e.correct.slice(1).join(' ') || e.options[1]!.key;
        if (e.kind === 'formula') return `1.01 (${shown[i]})`;
        return shown[i]!;
      });
      expect(checkAnswer(spec, nudged)).toMatchObject({ ok: true, correct: false });
      expect(
        pages.includes(`<SelfCheck id="${id}" />`),
        `no page places <SelfCheck id="${id}" />`,
      ).toBe(true);
    },
  );
  it('lists the quiz questions too, without duplicates', () => {
    expect(SELF_CHECK_IDS).toContain('nn-008');
    expect(SELF_CHECK_IDS.some((id) => id.startsWith('quiz-'))).toBe(true);
    expect(new Set(SELF_CHECK_IDS).size).toBe(SELF_CHECK_IDS.length);
  });
});

describe('answer keys (true/false and multiple choice)', () => {
  const tf: AnswerKey = {
    kind: 'true-false',
    statements: [
      { label: 'a', value: true },
      { label: 'b', value: false },
    ],
  };
  const pick = (correct: string[], n = 4): AnswerKey => ({
    kind: 'choice',
    mode: 'multi',
    prompt: 'p',
    options: Array.from({ length: n }, (_, i) => ({ key: String(i + 1), text: `o${i + 1}` })),
    correct,
  });
  it('print the verdict an answer states', () => {
    expect(answerKeyText(tf)).toBe('True');
    expect(answerKeyText(tf, { part: 1 })).toBe('False');
    expect(() => answerKeyText(tf, { part: 2 })).toThrow();
    expect(answerKeyText(pick(['2']))).toBe('2');
    expect(answerKeyText(pick(['1', '3']))).toBe('1 and 3');
    expect(answerKeyText(pick(['1', '3']), { wrong: true })).toBe('2 and 4');
    expect(answerKeyText(pick(['1', '2', '4']))).toBe('1, 2 and 4');
    expect(answerKeyText(pick(['1', '2', '3', '4']))).toBe('1, 2, 3 and 4 (all of them)');
  });
  it('print the right term of each blank of a fill-in key', () => {
    const blanks: AnswerKey = {
      kind: 'fill-in',
      blanks: [
        { prompt: 'a', options: ['x', 'y'], correct: 'y' },
        { prompt: 'b', options: ['u', 'v', 'w'], correct: 'u' },
      ],
    };
    expect(answerKeyText(blanks)).toBe('y');
    expect(answerKeyText(blanks, { part: 1 })).toBe('u');
    expect(() => answerKeyText(blanks, { part: 2 })).toThrow();
    expect(answerKeyProblems('f', blanks)).toEqual([]);
    const broken = (options: string[], correct: string): AnswerKey => ({
      kind: 'fill-in',
      blanks: [{ prompt: 'p', options, correct }],
    });
    expect(answerKeyProblems('f', broken(['x', 'y'], 'z'))).toHaveLength(1);
    expect(answerKeyProblems('f', broken(['x', 'x'], 'x'))).toHaveLength(2);
    expect(answerKeyProblems('f', broken(['x'], 'x'))).toHaveLength(1);
    expect(answerKeyProblems('f', { kind: 'fill-in', blanks: [] })).toHaveLength(1);
  });
  it('find broken keys', () => {
    expect(answerKeyProblems('x', pick(['5']))).toEqual(['x: unknown correct key']);
    expect(
      answerKeyProblems('x', { ...pick(['1', '2']), mode: 'single' } as AnswerKey),
    ).toHaveLength(1);
    expect(answerKeyProblems('x', pick([]))).toEqual(['x: no right option']);
  });

  const docs = 'src/content/docs';
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? files(join(dir, e.name))
        : e.name.endsWith('.mdx')
          ? [join(dir, e.name)]
          : [],
    );
  const pages = files(docs).map((f) => readFileSync(f, 'utf8'));

  it.each(Object.entries(ANSWER_KEYS))(
    '%s: a sound key, judged by its self-check, printed by the answer on the page that checks it',
    (id, key) => {
      expect(answerKeyProblems(id, key)).toEqual([]);
      const spec = SELF_CHECKS[id]!;
      expect(SELF_CHECK_IDS).toContain(id);
      // The self-check accepts exactly the key: its true answer is correct, the flipped one is not.
      const right =
        key.kind === 'true-false'
          ? key.statements.map((s) => String(s.value))
          : key.kind === 'fill-in'
            ? key.blanks.map((b) => String(b.options.indexOf(b.correct) + 1))
            : [key.correct.join(' ')];
      // Parts after the key's (numbers or a formula from the page's code) answered as revealed.
      right.push(...spec.parts.slice(right.length).map((p) => expectedText(p.expect)));
      expect(checkAnswer(spec, right)).toMatchObject({ ok: true, correct: true });
      if (key.kind === 'true-false')
        key.statements.forEach((_, i) => {
          const flipped = right.map((r, j) => (j === i ? String(r !== 'true') : r));
          expect(checkAnswer(spec, flipped)).toMatchObject({ ok: true, correct: false });
        });
      if (key.kind === 'fill-in')
        key.blanks.forEach((b, i) => {
          const other = b.options.findIndex((o) => o !== b.correct) + 1;
          const wrong = right.map((r, j) => (j === i ? String(other) : r));
          expect(checkAnswer(spec, wrong)).toMatchObject({ ok: true, correct: false });
        });
      // The page that places the self-check states the verdict through the same key.
      const page = pages.find((p) => p.includes(`<SelfCheck id="${id}" />`));
      expect(page, `no page places <SelfCheck id="${id}" />`).toBeDefined();
      const printed = [
        ...page!.matchAll(new RegExp(`<AnswerKey id="${id}"( part=\\{(\\d+)\\})?`, 'g')),
      ];
      const statements =
        key.kind === 'true-false'
          ? key.statements.length
          : key.kind === 'fill-in'
            ? key.blanks.length
            : 1;
      expect(printed.length, `the answer to ${id} does not print its key`).toBeGreaterThanOrEqual(
        statements,
      );
      if (key.kind !== 'choice')
        for (let i = 0; i < statements; i++)
          expect(printed.some((m) => Number(m[2] ?? 0) === i)).toBe(true);
    },
  );
});
