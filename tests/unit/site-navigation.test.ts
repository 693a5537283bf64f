import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compactIds } from '../../src/lib/site/question-ids.ts';
import { headingsWithQuestions, nestToc, outline } from '../../src/lib/site/question-toc.ts';
import { NN_SECTIONS, sectionName } from '../../src/lib/site/section-names.ts';

const root = new URL('../../', import.meta.url).pathname;

describe('compactIds (sidebar badges)', () => {
  it('collapses runs of consecutive ids and drops a repeated prefix', () => {
    expect(compactIds(['nn-001', 'nn-002', 'nn-003'])).toBe('nn-001–003');
    expect(compactIds(['nn-008', 'nn-009', 'nn-014'])).toBe('nn-008–009, 014');
    expect(compactIds(['nn-040', 'nn-042', 'nn-043'])).toBe('nn-040, 042–043');
  });
  it('keeps ids without a number, and a new prefix in full', () => {
    expect(compactIds(['ae-task'])).toBe('ae-task');
    expect(compactIds(['gen-q1', 'gen-q2', 'ae-q1'])).toBe('gen-q1–2, ae-q1');
    expect(compactIds(['mnist-train', 'nn-005'])).toBe('mnist-train, nn-005');
  });
  it('keeps every id recoverable: each number of the input appears in the label', () => {
    const ids = ['nn-101', 'nn-103', 'nn-104', 'nn-105', 'nn-110'];
    expect(compactIds(ids)).toBe('nn-101, 103–105, 110');
  });
});

describe('question entries in "On this page"', () => {
  const mdx = [
    '---',
    'title: T',
    '---',
    "import QuestionBox from '~/components/QuestionBox.astro';",
    '<QuestionBox id="nn-001" />',
    'Intro.',
    '### Detail',
    '```md',
    '## not a heading',
    '```',
    '<QuestionBox id="nn-002" />',
    '## What to remember',
  ].join('\n');
  const rendered = [
    { depth: 3, slug: 'detail', text: 'Detail' },
    { depth: 2, slug: 'what-to-remember', text: 'What to remember' },
    { depth: 2, slug: 'references', text: 'References' },
  ];

  it('reads headings and question boxes in document order, skipping fenced code', () => {
    expect(outline(mdx)).toEqual([
      { kind: 'question', id: 'nn-001' },
      { kind: 'heading', depth: 3 },
      { kind: 'question', id: 'nn-002' },
      { kind: 'heading', depth: 2 },
    ]);
  });

  it('puts each question where its box stands; headings the build adds stay at the end', () => {
    const merged = headingsWithQuestions(mdx, rendered, (id) => `Title of ${id}`)!;
    expect(merged.map((h) => h.slug)).toEqual([
      'nn-001',
      'detail',
      'nn-002',
      'what-to-remember',
      'references',
    ]);
    const toc = nestToc(merged, 'T', 2, 3);
    expect(toc.map((t) => t.slug)).toEqual([
      '_top',
      'nn-001',
      'nn-002',
      'what-to-remember',
      'references',
    ]);
    expect(toc[1]!.children.map((c) => c.slug)).toEqual(['detail']);
    expect(toc[1]!.text).toBe('Title of nn-001');
  });

  it("gives up (keeps Starlight's own) when the source has headings the page does not", () => {
    expect(headingsWithQuestions(mdx, rendered.slice(0, 1), (id) => id)).toBeUndefined();
  });

  it('lines up with every answer page: no page has more source headings than the reader sees', () => {
    // A heading inside a component or an MDX expression would shift the mapping; this finds it.
    const docs = join(root, 'src/content/docs');
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) =>
        statSync(join(d, n)).isDirectory()
          ? walk(join(d, n))
          : n.endsWith('.mdx')
            ? [join(d, n)]
            : [],
      );
    for (const file of walk(docs)) {
      const src = readFileSync(file, 'utf8');
      const boxes = outline(src).filter((m) => m.kind === 'question');
      const ids =
        /questions:\s*\[([^\]]*)\]/
          .exec(src)?.[1]
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean) ?? [];
      for (const box of boxes)
        if (box.kind === 'question')
          expect(ids, `${file}: box ${box.id} is in frontmatter`).toContain(box.id);
    }
  });
});

describe('section names', () => {
  const sections = new Set(
    readdirSync(join(root, 'src/content/questions'))
      .filter((f) => f.startsWith('nn'))
      .flatMap((f) =>
        (
          parse(readFileSync(join(root, 'src/content/questions', f), 'utf8')) as {
            section: string;
          }[]
        ).map((q) => q.section),
      ),
  );
  it('maps every source section of the neural-network catalogue, and each to a different site name', () => {
    expect([...sections].sort()).toEqual(NN_SECTIONS.map((s) => s.source).sort());
    expect(new Set(NN_SECTIONS.map((s) => s.name)).size).toBe(NN_SECTIONS.length);
  });
  it('uses the British spelling and no source typos on the site', () => {
    for (const s of sections)
      expect(sectionName(s)).not.toMatch(
        /NNLayers|Topologists|Optimization|Regularization|Hyperparameters/,
      );
  });
  it('leaves sections that need no renaming as they are', () => {
    expect(sectionName('Questions 41–60')).toBe('Questions 41–60');
  });
});
