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
    for (const k of group[1]!.matchAll(/(?:^|[\s;\-])@(\w(?:[\w:.#$%&+?<>~/-]*\w)?)/g))
      keys.push(k[1]!);
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
      if (node.type === 'text' && node.value)
        for (const k of citedKeys(node.value)) if (!keys.has(k)) bad.push(k);
      node.children?.forEach(visit);
    };
    visit(tree);
    if (bad.length)
      throw new Error(
        `Unknown citation key(s) in ${file.path ?? 'a page'}: ${[...new Set(bad)].join(', ')}`,
      );
  };
}

interface Element extends Node {
  type: 'element';
  tagName: string;
  properties: Record<string, unknown>;
  children: Node[];
}

const el = (tagName: string, properties: Record<string, unknown>, children: Node[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

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
        parent.children.splice(
          i,
          0,
          el('h2', { id: 'references' }, [{ type: 'text', value: 'References' }]),
        );
      }
      if (
        e.type === 'element' &&
        Array.isArray(e.properties?.className) &&
        (e.properties.className as string[]).includes('csl-entry')
      ) {
        e.children = e.children.flatMap((child) => {
          if (child.type !== 'text' || !child.value) return [child];
          const parts = child.value.split(/(https?:\/\/[^\s<]+[^\s<.,;)])/);
          return parts
            .filter(Boolean)
            .map((p) =>
              /^https?:\/\//.test(p)
                ? el('a', { href: p }, [{ type: 'text', value: p }])
                : { type: 'text', value: p },
            );
        });
        return;
      }
      [...(node.children ?? [])].forEach((c) => visit(c, node));
    };
    visit(tree);
  };
}

/** The text of a node and its descendants, whitespace collapsed. */
function textOf(node: Node): string {
  const raw = (n: Node): string =>
    n.type === 'text' ? (n.value ?? '') : (n.children ?? []).map(raw).join('');
  return raw(node).replace(/\s+/g, ' ').trim();
}

/**
 * Runs after rehype-citation: every in-text citation link (`<a href="#bib-KEY">`) gets its reference,
 * as plain text, in a tooltip right after it that the link names with aria-describedby. The site's CSS
 * shows it while the link is hovered or focused; screen readers announce it with the link. Built into
 * the page, so a preview costs no request.
 */
export function rehypeCitationPreviews() {
  return (tree: Node) => {
    const entries = new Map<string, string>();
    const links: { link: Element; parent: Node; key: string }[] = [];
    const visit = (node: Node, parent?: Node) => {
      const e = node as Element;
      if (e.type === 'element') {
        const cls = e.properties?.className;
        const id = e.properties?.id;
        if (
          Array.isArray(cls) &&
          cls.includes('csl-entry') &&
          typeof id === 'string' &&
          id.startsWith('bib-')
        ) {
          entries.set(id.slice(4), textOf(e));
          return;
        }
        const href = e.properties?.href;
        if (e.tagName === 'a' && typeof href === 'string' && href.startsWith('#bib-') && parent)
          links.push({ link: e, parent, key: href.slice(5) });
      }
      (node.children ?? []).forEach((c) => visit(c, node));
    };
    visit(tree);
    links.forEach(({ link, parent, key }, n) => {
      const text = entries.get(key);
      if (!text) return;
      const id = `cite-preview-${n + 1}`;
      link.properties['aria-describedby'] = id;
      link.properties.className = ['cite-link'];
      const siblings = parent.children!;
      siblings.splice(
        siblings.indexOf(link) + 1,
        0,
        el('span', { id, role: 'tooltip', className: ['cite-preview'] }, [
          { type: 'text', value: text },
        ]),
      );
    });
  };
}
