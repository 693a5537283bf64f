/** Quiz logic (src/lib/quiz): grading, scoring, stored state, inline maths, and the generative quiz's specs. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import katex from 'katex';
import {
  correctKeys,
  grade,
  listKeys,
  specProblems,
  tally,
  verdictLabel,
} from '../../src/lib/quiz/check.ts';
import { parseState, serializeState, storageKey } from '../../src/lib/quiz/state.ts';
import { splitMath } from '../../src/lib/quiz/inline-math.ts';
import { GENERATIVE_QUIZ, GENERATIVE_QUIZ_IDS } from '../../src/lib/quiz/generative.ts';
import { QUIZZES } from '../../src/lib/quiz/registry.ts';
import type { QuizSpec } from '../../src/lib/quiz/types.ts';

const opt = (key: string, correct: boolean) => ({
  key,
  correct,
  text: `option ${key}`,
  why: `because ${key}`,
});
const multi: QuizSpec = {
  id: 't-multi',
  mode: 'multi',
  options: [opt('a', true), opt('b', false), opt('c', true), opt('d', false)],
};
const single: QuizSpec = {
  id: 't-single',
  mode: 'single',
  options: [opt('a', false), opt('b', true), opt('c', false)],
};

describe('grade', () => {
  it('multi-select: exactly the correct options is right, with score 1', () => {
    const g = grade(multi, ['c', 'a']);
    if (!g.ok) throw new Error(g.message);
    expect(g.allRight).toBe(true);
    expect(g.score).toBe(1);
    expect(g.verdicts.map((v) => v.verdict)).toEqual([
      'chosen-right',
      'left-right',
      'chosen-right',
      'left-right',
    ]);
    expect(g.summary).toBe('Right: exactly (a) and (c) are true.');
  });

  it('multi-select: a wrong pick and a miss each cost one option', () => {
    const g = grade(multi, ['a', 'b']);
    if (!g.ok) throw new Error(g.message);
    expect(g.allRight).toBe(false);
    expect(g.judgedRight).toBe(2);
    expect(g.score).toBe(0.5);
    expect(g.verdicts.map((v) => v.verdict)).toEqual([
      'chosen-right',
      'chosen-wrong',
      'missed',
      'left-right',
    ]);
    expect(g.summary).toBe(
      'Not quite: 2 of 4 options judged correctly; (b) is false, and (c) is also true.',
    );
    const all = grade(multi, ['a', 'b', 'c', 'd']);
    expect(all.ok && all.score).toBe(0.5);
    expect(all.ok && all.summary).toContain('(b) and (d) are false');
  });

  it('single choice: score 1 or 0, and the answer is named', () => {
    const right = grade(single, ['b']);
    expect(right.ok && [right.allRight, right.score, right.summary]).toEqual([
      true,
      1,
      'Right: (b) is the answer.',
    ]);
    const wrong = grade(single, ['c']);
    if (!wrong.ok) throw new Error(wrong.message);
    expect([wrong.allRight, wrong.score]).toEqual([false, 0]);
    expect(wrong.summary).toBe('Not quite: you chose (c); the answer is (b).');
    expect(wrong.verdicts.find((v) => v.key === 'b')!.verdict).toBe('missed');
  });

  it('refuses empty, unknown-only and double single-choice selections with a message', () => {
    const e = grade(multi, []);
    expect(e.ok).toBe(false);
    expect(!e.ok && e.message).toMatch(/Select at least one option/);
    expect(grade(single, ['zz']).ok).toBe(false);
    const two = grade(single, ['a', 'b']);
    expect(!two.ok && two.message).toMatch(/single option/);
    // Unknown keys next to known ones are ignored; duplicates count once.
    const g = grade(multi, ['a', 'c', 'a', 'zz']);
    expect(g.ok && g.allRight).toBe(true);
  });

  it('labels, key lists and the tally', () => {
    expect(listKeys([])).toBe('none');
    expect(listKeys(['a'])).toBe('(a)');
    expect(listKeys(['a', 'b', 'd'])).toBe('(a), (b) and (d)');
    expect(verdictLabel('missed')).toMatch(/^Missed/);
    expect(tally([grade(multi, ['a', 'c']), grade(single, ['a']), grade(multi, []), null])).toEqual(
      { right: 1, answered: 2, total: 4 },
    );
  });
});

describe('spec validation', () => {
  it('catches malformed specs', () => {
    expect(specProblems(multi)).toEqual([]);
    expect(specProblems({ ...single, options: [opt('a', true), opt('b', true)] }).join()).toMatch(
      /exactly one correct/,
    );
    expect(specProblems({ ...multi, options: [opt('a', false), opt('b', false)] }).join()).toMatch(
      /at least one correct/,
    );
    expect(specProblems({ ...multi, options: [opt('a', true), opt('a', false)] }).join()).toMatch(
      /duplicate/,
    );
    expect(
      specProblems({ ...multi, options: [opt('a', true), { ...opt('B!', false) }] }).join(),
    ).toMatch(/bad option key/);
    expect(
      specProblems({
        ...multi,
        options: [opt('a', true), { ...opt('b', false), why: ' ' }],
      }).join(),
    ).toMatch(/needs a text and a reason/);
  });
});

describe('stored state', () => {
  it('round-trips and is defensive against junk', () => {
    const raw = serializeState({ selected: ['a', 'c'], checked: true });
    expect(parseState(raw, multi)).toEqual({ selected: ['a', 'c'], checked: true });
    expect(parseState(null, multi)).toBeNull();
    expect(parseState('{not json', multi)).toBeNull();
    expect(parseState('42', multi)).toBeNull();
    expect(parseState(JSON.stringify({ v: 99, selected: ['a'] }), multi)).toBeNull();
    // Unknown keys dropped; single mode keeps one; "checked" needs a selection.
    expect(
      parseState(JSON.stringify({ v: 1, selected: ['a', 'x', 7, 'a'], checked: true }), multi),
    ).toEqual({ selected: ['a'], checked: true });
    expect(
      parseState(JSON.stringify({ v: 1, selected: ['b', 'c'], checked: false }), single),
    ).toEqual({ selected: ['b'], checked: false });
    expect(parseState(JSON.stringify({ v: 1, selected: ['x'], checked: true }), multi)).toEqual({
      selected: [],
      checked: false,
    });
    expect(storageKey('/generative-quiz/x/', 'quiz-1')).toBe(
      'runnable-answers:quiz:v1:/generative-quiz/x/#quiz-1',
    );
  });
});

describe('splitMath', () => {
  it('separates $…$ from text, honours \\$ and leaves an unmatched $ alone', () => {
    expect(splitMath('a $x^2$ b')).toEqual([
      { math: false, text: 'a ' },
      { math: true, text: 'x^2' },
      { math: false, text: ' b' },
    ]);
    expect(splitMath('$y$')).toEqual([{ math: true, text: 'y' }]);
    expect(splitMath('costs \\$5 and $z$')).toEqual([
      { math: false, text: 'costs $5 and ' },
      { math: true, text: 'z' },
    ]);
    expect(splitMath('a lone $ sign')).toEqual([{ math: false, text: 'a lone $ sign' }]);
    expect(splitMath('$$')).toEqual([{ math: false, text: '$$' }]);
  });
});

describe('the generative-models quiz', () => {
  const catalogue = (
    parse(readFileSync('src/content/questions/quiz.yaml', 'utf8')) as { id: string }[]
  ).map((q) => q.id);

  it('has one well-formed spec per catalogue question, registered for the component', () => {
    expect(GENERATIVE_QUIZ_IDS).toEqual(catalogue);
    for (const id of GENERATIVE_QUIZ_IDS) {
      const s = GENERATIVE_QUIZ[id]!;
      expect(s.id).toBe(id);
      expect(specProblems(s)).toEqual([]);
      expect(QUIZZES[id]).toBe(s);
    }
  });

  it('the answers we decided (each justified in its option reasons and on the page)', () => {
    expect(
      Object.fromEntries(
        GENERATIVE_QUIZ_IDS.map((id) => [id, correctKeys(GENERATIVE_QUIZ[id]!).join('')]),
      ),
    ).toEqual({
      'quiz-1': 'ab',
      'quiz-2': 'abc',
      'quiz-3': 'a',
      'quiz-4': 'cd',
      'quiz-5': 'a',
      'quiz-6': 'ac',
      'quiz-7': 'a',
    });
    expect(GENERATIVE_QUIZ['quiz-5']!.mode).toBe('single');
    expect(GENERATIVE_QUIZ['quiz-7']!.mode).toBe('single');
  });

  it('every piece of inline maths in options and reasons renders with KaTeX', () => {
    for (const s of Object.values(GENERATIVE_QUIZ))
      for (const o of s.options)
        for (const seg of [...splitMath(o.text), ...splitMath(o.why)])
          if (seg.math)
            expect(
              () => katex.renderToString(seg.text, { throwOnError: true }),
              `${s.id} ${o.key}: ${seg.text}`,
            ).not.toThrow();
  });
});
