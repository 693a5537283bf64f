/**
 * The self-check audit (src/lib/selfcheck/audit.ts) of this checkout: the catalogue, every answer
 * page with its MDX source, and the ids that have a self-check.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { frontmatter, loadQuestions } from '../catalogue.ts';
import { selfCheckAudit, type AuditPage, type Coverage } from '../../src/lib/selfcheck/audit.ts';
import { SELF_CHECK_IDS } from '../../src/lib/selfcheck/registry.ts';

const ROOT = new URL('../..', import.meta.url).pathname;

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : name.endsWith('.mdx') ? [p] : [];
  });
}

/** Every answer page with the ids its frontmatter names and its source. */
export function loadAuditPages(root = ROOT): AuditPage[] {
  const docs = join(root, 'src/content/docs');
  return walk(docs).map((file) => {
    const body = readFileSync(file, 'utf8');
    const fm = frontmatter(body);
    return {
      url: relative(docs, file).split(sep).join('/'),
      questions: Array.isArray(fm.questions) ? fm.questions.map(String) : [],
      body,
    };
  });
}

export function auditSite(root = ROOT): Coverage[] {
  return selfCheckAudit(loadQuestions(root), loadAuditPages(root), SELF_CHECK_IDS);
}
