import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { coverage, loadAnswerPages, loadQuestions } from '../../scripts/catalogue.ts';
import {
  computeCoverage,
  formatCoverage,
  type Question,
} from '../../src/lib/catalogue/collections.ts';

const shared = parse(
  readFileSync(new URL('../../../shared/questions.yaml', import.meta.url), 'utf8'),
) as { questions: { id: string }[] }[];
const sharedIds = shared.flatMap((s) => s.questions.map((q) => q.id));

describe('question catalogue', () => {
  it('has exactly the ids of ../shared/questions.yaml, each once, with a restatement of our own', () => {
    const qs = loadQuestions();
    expect(sharedIds.length).toBe(170);
    expect(qs.map((q) => q.id).sort()).toEqual([...sharedIds].sort());
    for (const q of qs) expect(q.restatement.length, q.id).toBeGreaterThan(20);
  });

  it('answer pages only name known ids', () => {
    const cov = coverage();
    expect(cov.unknown).toEqual([]);
    expect(cov.answeredBy['nn-011']?.url).toBe(
      '/neural-networks/perceptron/linear-layers-and-relu/',
    );
    expect(loadAnswerPages().every((p) => p.questions.length > 0)).toBe(true);
  });

  it('computes coverage per collection', () => {
    const q = (id: string, collection: Question['collection']): Question => ({
      id,
      collection,
      section: 's',
      title: 't',
      restatement: 'r',
      kind: [],
    });
    const cov = computeCoverage(
      [q('nn-001', 'nn'), q('nn-002', 'nn'), q('dl-41', 'dl')],
      [
        { url: '/a/', title: 'A', questions: ['nn-002', 'zz-9'] },
        { url: '/b/', title: 'B', questions: ['nn-002'] },
      ],
    );
    expect(cov.answered).toBe(1);
    expect(cov.missing).toEqual(['nn-001', 'dl-41']);
    expect(cov.unknown).toEqual([{ url: '/a/', id: 'zz-9' }]);
    expect(cov.answeredBy['nn-002']!.url).toBe('/a/');
    expect(cov.byCollection.nn).toEqual({ answered: 1, total: 2 });
    expect(formatCoverage(cov)).toMatch(/^Answer coverage: 1 \/ 3 questions \(33\.3 %\)/);
  });
});
