/**
 * Rehype plugin that fails the build when a page cites a key that is not in the bibliography.
 * rehype-citation itself leaves unknown keys as plain text; this runs just before it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Keys of a BibTeX file (`@type{key,`). */
export function bibKeys(bibtex: string): Set<string> {
  return new Set([...bibtex.matchAll(/@\w+\s*\{\s*([^,\s]+)\s*,/g)].map((m) => m[1]!));
}

/** Citation keys used in bracketed citations such as `[@a; @b, p. 3]` or `[-@a]`. */
export function citedKeys(text: string): string[] {
  const keys: string[] = [];
  for (const group of text.matchAll(/\[([^\[\]]*@[^\[\]]*)\]/g)) {
    for (const k of group[1]!.matchAll(/(?:^|[\s;\-])@(\w(?:[\w:.#$%&+?<>~/-]*\w)?)/g)) keys.push(k[1]!);
  }
  return keys;
}

/** Bibliography keys that none of the given page sources cites. */
export function uncitedKeys(bibtex: string, pages: readonly string[]): string[] {
  const cited = new Set(pages.flatMap(citedKeys));
  return [...bibKeys(bibtex)].filter((k) => !cited.has(k));
}

interface Node {
  type: string;
  value?: string;
  tagName?: string;
  children?: Node[];
}

export function rehypeCheckCitationKeys(options: { bibliography: string }) {
  const keys = bibKeys(readFileSync(resolve(options.bibliography), 'utf8'));
  return (tree: Node, file: { path?: string }) => {
    const bad: string[] = [];
    const visit = (node: Node) => {
      if (node.tagName === 'code' || node.tagName === 'pre') return;
      if (node.type === 'text' && node.value) for (const k of citedKeys(node.value)) if (!keys.has(k)) bad.push(k);
      node.children?.forEach(visit);
    };
    visit(tree);
    if (bad.length) throw new Error(`Unknown citation key(s) in ${file.path ?? 'a page'}: ${[...new Set(bad)].join(', ')}`);
  };
}

interface Element extends Node {
  type: 'element';
  tagName: string;
  properties: Record<string, unknown>;
  children: Node[];
}

const el = (tagName: string, properties: Record<string, unknown>, children: Node[]): Element => ({ type: 'element', tagName, properties, children });

/**
 * Runs after rehype-citation: gives the reference list a "References" heading and turns the DOI /
 * arXiv / URL text that the citation style prints into real links.
 */
export function rehypeReferenceLinks() {
  return (tree: Node) => {
    const visit = (node: Node, parent?: Node) => {
      const e = node as Element;
      if (e.type === 'element' && e.properties?.id === 'refs' && parent?.children) {
        const i = parent.children.indexOf(node);
        parent.children.splice(i, 0, el('h2', { id: 'references' }, [{ type: 'text', value: 'References' }]));
      }
      if (e.type === 'element' && Array.isArray(e.properties?.className) && (e.properties.className as string[]).includes('csl-entry')) {
        e.children = e.children.flatMap((child) => {
          if (child.type !== 'text' || !child.value) return [child];
          const parts = child.value.split(/(https?:\/\/[^\s<]+[^\s<.,;)])/);
          return parts.filter(Boolean).map((p) => (/^https?:\/\//.test(p) ? el('a', { href: p }, [{ type: 'text', value: p }]) : { type: 'text', value: p }));
        });
        return;
      }
      [...(node.children ?? [])].forEach((c) => visit(c, node));
    };
    visit(tree);
  };
}
