/**
 * Rehype plugin: on every content page except the glossary itself, the first use of each glossary
 * term in running text (paragraphs and list items, not headings, links, code or maths) becomes a
 * link to its entry on /glossary/. Terms live in src/lib/glossary/terms.ts.
 */
import { TERMS, type Term } from '../src/lib/glossary/terms.ts';

interface Node {
  type: string;
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: Node[];
}

const SKIP = new Set([
  'a',
  'code',
  'pre',
  'kbd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'svg',
  'math',
  'button',
  'summary',
  'figcaption',
]);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The term each lower-case spelling belongs to, and one regex matching any spelling as a whole word (longest first). */
export function termMatcher(terms: readonly Term[] = TERMS): {
  byForm: Map<string, Term>;
  pattern: RegExp;
} {
  const byForm = new Map<string, Term>();
  for (const t of terms) for (const f of t.forms) byForm.set(f.toLowerCase(), t);
  const forms = [...byForm.keys()].sort((a, b) => b.length - a.length).map(escape);
  return { byForm, pattern: new RegExp(`(?<![\\w-])(${forms.join('|')})(?![\\w-])`, 'gi') };
}

const skipped = (n: Node) => {
  if (n.tagName && SKIP.has(n.tagName)) return true;
  const cls = n.properties?.className;
  return (
    Array.isArray(cls) &&
    cls.some((c) => typeof c === 'string' && (c.startsWith('katex') || c === 'not-content'))
  );
};

/** Link the first use of each term in `tree`; `href(term)` gives the link target. Returns the ids linked. */
export function linkTerms(
  tree: Node,
  href: (t: Term) => string,
  terms: readonly Term[] = TERMS,
): string[] {
  const { byForm, pattern } = termMatcher(terms);
  const linked = new Set<string>();
  const splitText = (text: string): Node[] | null => {
    const out: Node[] = [];
    let last = 0;
    for (const m of text.matchAll(pattern)) {
      const term = byForm.get(m[1]!.toLowerCase())!;
      if (linked.has(term.id)) continue;
      linked.add(term.id);
      if (m.index! > last) out.push({ type: 'text', value: text.slice(last, m.index) });
      out.push({
        type: 'element',
        tagName: 'a',
        properties: { href: href(term), className: ['glossary-link'] },
        children: [{ type: 'text', value: m[1]! }],
      });
      last = m.index! + m[1]!.length;
    }
    if (!out.length) return null;
    if (last < text.length) out.push({ type: 'text', value: text.slice(last) });
    return out;
  };
  const visit = (node: Node, inProse: boolean) => {
    if (!node.children || skipped(node)) return;
    const prose = inProse || node.tagName === 'p' || node.tagName === 'li';
    node.children = node.children.flatMap((c) => {
      if (c.type === 'text' && prose && c.value) return splitText(c.value) ?? [c];
      if (c.type === 'element' || c.type === 'root') visit(c, prose);
      return [c];
    });
  };
  visit(tree, false);
  return [...linked];
}

export function rehypeGlossaryLinks() {
  return (tree: Node, file: { path?: string }) => {
    if (/[\\/]glossary\.mdx?$/.test(file.path ?? '')) return;
    linkTerms(tree, (t) => `/glossary/#${t.id}`);
  };
}
