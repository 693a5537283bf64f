/**
 * "On this page" for a page that answers several questions: Starlight builds its table of contents
 * from Markdown headings only, so the question boxes (components) are missing from it. These
 * functions put one entry per question box where the box stands among the page's headings.
 */

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}
export interface TocItem extends Heading {
  children: TocItem[];
}

type Mark = { kind: 'heading'; depth: number } | { kind: 'question'; id: string };

/** Headings and question boxes of an MDX source, in document order (fenced code skipped). */
export function outline(mdx: string): Mark[] {
  const marks: Mark[] = [];
  let fence: string | undefined;
  for (const line of mdx.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = undefined;
      continue;
    }
    if (fence) continue;
    const h = /^(#{1,6})\s+\S/.exec(line);
    if (h) marks.push({ kind: 'heading', depth: h[1]!.length });
    for (const q of line.matchAll(/<QuestionBox\s+id=["']([^"']+)["']/g))
      marks.push({ kind: 'question', id: q[1]! });
  }
  return marks;
}

/**
 * The page's headings with one depth-2 heading per question box inserted in document order
 * (slug = question id, the box's anchor). Headings the build adds after the source's own (the
 * reference list) stay at the end. Returns undefined when the page has more headings in its source
 * than rendered, so the caller keeps Starlight's own table of contents.
 */
export function headingsWithQuestions(
  mdx: string,
  headings: readonly Heading[],
  questionTitle: (id: string) => string,
): Heading[] | undefined {
  const marks = outline(mdx);
  if (marks.filter((m) => m.kind === 'heading').length > headings.length) return undefined;
  let next = 0;
  const merged = marks.map((m) =>
    m.kind === 'heading' ? headings[next++]! : { depth: 2, slug: m.id, text: questionTitle(m.id) },
  );
  return [...merged, ...headings.slice(next)];
}

/** Nest flat headings the way Starlight does: under the page title, each under the last shallower one. */
export function nestToc(
  headings: readonly Heading[],
  title: string,
  minDepth: number,
  maxDepth: number,
): TocItem[] {
  const toc: TocItem[] = [{ depth: 2, slug: '_top', text: title, children: [] }];
  const inject = (items: TocItem[], item: TocItem): void => {
    const last = items.at(-1);
    if (!last || last.depth >= item.depth) items.push(item);
    else inject(last.children, item);
  };
  for (const h of headings)
    if (h.depth >= minDepth && h.depth <= maxDepth) inject(toc, { ...h, children: [] });
  return toc;
}
