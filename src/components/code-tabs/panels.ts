/**
 * The panels of a CodeTabs: the TypeScript that runs in the page first, then its twins, each with
 * an element id derived from its title (so that tabs and panels can point at each other).
 */

/** A download offered beside a listing. */
export interface Download {
  title: string;
  href: string;
}

/** A listing in another language, e.g. the PyTorch twin of the page's TypeScript. */
export interface Twin {
  code: string;
  /** Path shown above the listing, e.g. python/tanh_function.py. */
  title: string;
  /** URL of the file for download (an `?url` import of it). */
  href: string;
  label?: string;
  /** Language of the listing (python unless, say, C++). */
  lang?: string;
  /** Files of python/ this one imports, offered for download beside it. */
  needs?: Download[];
}

export interface Panel {
  id: string;
  label: string;
  code: string;
  title: string;
  lang: string;
  /** Download link of the listing; none for the TypeScript, which is the page's own. */
  href: string | undefined;
  needs: Download[];
}

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

export function codePanels(ts: string, tsTitle: string, tsLabel: string, twins: Twin[]): Panel[] {
  const base = `code-tabs-${slug(tsTitle)}`;
  return [
    {
      id: `${base}-ts`,
      label: tsLabel,
      code: ts,
      title: tsTitle,
      lang: 'ts',
      href: undefined,
      needs: [],
    },
    ...twins.map((t) => ({
      id: `${base}-${slug(t.title)}`,
      label: t.label ?? 'PyTorch, verified in CI',
      code: t.code,
      title: t.title,
      lang: t.lang ?? 'python',
      href: t.href,
      needs: t.needs ?? [],
    })),
  ];
}
