/**
 * Node-side access to the question catalogue and the answer pages' frontmatter.
 * Used by the content config (catalogue collection), the build's coverage report and the tests.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import {
  COLLECTIONS,
  computeCoverage,
  formatCoverage,
  type AnswerPage,
  type Question,
} from '../src/lib/catalogue/collections.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/** All catalogue entries, in collection order, validated. Throws on a malformed entry. */
export function loadQuestions(root = ROOT): Question[] {
  const out: Question[] = [];
  const seen = new Set<string>();
  for (const c of COLLECTIONS) {
    const path = join(root, 'src/content/questions', `${c.id}.yaml`);
    let items: unknown;
    try {
      items = parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`Catalogue ${path}: ${(e as Error).message}`);
    }
    if (!Array.isArray(items)) throw new Error(`Catalogue ${path}: expected a list of questions`);
    for (const raw of items as Record<string, unknown>[]) {
      const q = raw as unknown as Question;
      for (const key of ['id', 'collection', 'section', 'title', 'restatement'] as const) {
        if (typeof q[key] !== 'string' || !(q[key] as string).trim())
          throw new Error(`Catalogue ${path}: entry ${String(q.id)} lacks "${key}"`);
      }
      if (q.collection !== c.id)
        throw new Error(`Catalogue ${path}: ${q.id} says collection ${q.collection}`);
      if (seen.has(q.id)) throw new Error(`Catalogue: duplicate id ${q.id}`);
      seen.add(q.id);
      out.push({ ...q, kind: Array.isArray(q.kind) ? q.kind : [] });
    }
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.mdx?$/.test(name) ? [p] : [];
  });
}

/** Front matter of a Markdown/MDX file (empty object if none). */
export function frontmatter(text: string): Record<string, unknown> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  return m ? ((parse(m[1]!) as Record<string, unknown>) ?? {}) : {};
}

/** Every docs page that names question ids in its frontmatter, with its site URL. */
export function loadAnswerPages(root = ROOT): AnswerPage[] {
  const docs = join(root, 'src/content/docs');
  return walk(docs)
    .map((file) => {
      const fm = frontmatter(readFileSync(file, 'utf8'));
      const slug = relative(docs, file)
        .split(sep)
        .join('/')
        .replace(/\.mdx?$/, '')
        .replace(/(^|\/)index$/, '');
      return {
        url: `/${slug}${slug ? '/' : ''}`,
        title: String(fm.title ?? slug),
        questions: Array.isArray(fm.questions) ? fm.questions.map(String) : [],
      };
    })
    .filter((p) => p.questions.length > 0);
}

export function coverage(root = ROOT) {
  return computeCoverage(loadQuestions(root), loadAnswerPages(root));
}

/** Astro integration: prints answer coverage at the end of every build; fails on unknown ids. */
export function coverageReport() {
  return {
    name: 'runnable-answers:coverage',
    hooks: {
      'astro:build:done': ({ logger }: { logger: { info(m: string): void } }) => {
        const cov = coverage();
        if (cov.unknown.length)
          throw new Error(
            `Pages name unknown question ids: ${cov.unknown.map((u) => `${u.id} (${u.url})`).join(', ')}`,
          );
        logger.info('\n' + formatCoverage(cov));
      },
    },
  };
}
