/**
 * Rehype plugin (after rehype-katex): keeps the search index to the text a reader sees once.
 * KaTeX writes every formula three times — MathML for screen readers, its TeX source inside the
 * MathML, and the visible HTML — so without a hint Pagefind indexes "5θ4 5\theta^4 5θ4". The
 * MathML copy (with the TeX) is marked `data-pagefind-ignore`; screen readers still get it.
 */
import type { Element, Root, RootContent } from 'hast';

const hasClass = (el: Element, name: string) => {
  const c = el.properties?.className;
  return Array.isArray(c) ? c.includes(name) : c === name;
};

export function rehypeSearchHints() {
  return (tree: Root) => {
    const walk = (nodes: RootContent[]) => {
      for (const node of nodes) {
        if (node.type !== 'element') continue;
        if (hasClass(node, 'katex-mathml'))
          node.properties = { ...node.properties, dataPagefindIgnore: '' };
        else walk(node.children);
      }
    };
    walk(tree.children);
  };
}
