/** Issue 18 item 1: every question with a checkable answer has a self-check before its answer (src/lib/selfcheck/audit.ts). */
import { describe, expect, it } from 'vitest';
import { NOT_CHECKABLE, placesSelfCheck, selfCheckAudit } from '../../src/lib/selfcheck/audit.ts';
import { SELF_CHECK_IDS } from '../../src/lib/selfcheck/registry.ts';
import { auditSite } from '../../scripts/lib/selfcheck-audit-site.ts';
import { loadQuestions } from '../../scripts/catalogue.ts';

const box = (id: string) => `<QuestionBox id="${id}" />`;
const check = (id: string) => `<SelfCheck id="${id}" />`;

describe('placesSelfCheck', () => {
  it('finds a self-check between its question box and the next box, or a quiz question', () => {
    expect(placesSelfCheck(`${box('a')}\n${check('a')}\nanswer\n${box('b')}`, 'a')).toBe(true);
    expect(placesSelfCheck(`${box('b')}\n${box('a')}\n${check('a')}`, 'a')).toBe(true);
    expect(placesSelfCheck('<Quiz id="q">', 'q')).toBe(true);
  });
  it('refuses one placed before its box, under another question, or absent', () => {
    expect(placesSelfCheck(`${check('a')}\n${box('a')}`, 'a')).toBe(false);
    expect(placesSelfCheck(`${box('a')}\n${box('b')}\n${check('a')}`, 'a')).toBe(false);
    expect(placesSelfCheck(`${box('a')}\nanswer`, 'a')).toBe(false);
    expect(placesSelfCheck(`${box('ab')}\n${check('ab')}`, 'a')).toBe(false);
  });
});

describe('selfCheckAudit', () => {
  const page = (questions: string[], body: string) => ({ url: 'p.mdx', questions, body });
  it('sorts questions into covered, not checkable (with a reason) and missing', () => {
    const rows = selfCheckAudit(
      [
        { id: 'x-1', kind: ['numeric'] },
        { id: 'x-2', kind: ['written', 'code'] },
        { id: 'x-3', kind: ['mcq'] },
        { id: 'x-4', kind: ['true-false'] },
        { id: 'nn-004', kind: ['derivation'] },
      ],
      [
        page(
          ['x-1', 'x-2', 'x-3', 'x-4'],
          `${box('x-1')}${check('x-1')}${box('x-3')}${box('x-4')}`,
        ),
      ],
      ['x-1', 'x-4'],
    );
    expect(rows.map((r) => r.status)).toEqual([
      'covered',
      'not checkable',
      'missing',
      'missing', // a self-check exists but the page does not place it
      'not checkable',
    ]);
    expect(rows[1]).toMatchObject({ reason: expect.stringContaining('prose') });
    expect(rows[4]).toMatchObject({ reason: NOT_CHECKABLE['nn-004'] });
  });
});

describe('this site', () => {
  const rows = auditSite();
  it('every question with a checkable answer has a self-check placed before its answer', () => {
    const missing = rows.filter((r) => r.status === 'missing');
    expect(
      missing,
      missing.map((r) => `${r.id}: ${'problem' in r ? r.problem : ''}`).join('\n'),
    ).toEqual([]);
    expect(rows.filter((r) => r.status === 'covered').length).toBeGreaterThan(30);
  });
  it('every stated reason names a catalogue question that has no self-check', () => {
    const ids = new Set(loadQuestions().map((q) => q.id));
    for (const id of Object.keys(NOT_CHECKABLE)) {
      expect(ids.has(id), `${id} is not in the catalogue`).toBe(true);
      expect(SELF_CHECK_IDS.includes(id), `${id} has a self-check: drop its reason`).toBe(false);
    }
  });
});
