/**
 * The files of python/ for CodeTabs: each file's source (Vite `?raw`) and download URL (`?url`), and
 * the other python/ files it imports, so that a page names a twin by its file name only.
 */
const sources = import.meta.glob<string>('/python/*.{py,cpp}', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const urls = import.meta.glob<string>('/python/*.{py,cpp}', {
  query: '?url',
  import: 'default',
  eager: true,
});

export interface TwinListing {
  code: string;
  title: string;
  href: string;
  label?: string;
  lang?: string;
  needs: { title: string; href: string }[];
}

/** Local modules imported by a Python source (`import x` / `from x import y` at the start of a line). */
function localImports(code: string): string[] {
  const names = [...code.matchAll(/^\s*(?:from\s+(\w+)\s+import|import\s+(\w+))/gm)].map(
    (m) => `/python/${m[1] ?? m[2]}.py`,
  );
  return [...new Set(names)].filter((p) => p in sources);
}

/** The listing of python/<file>, with everything it imports from python/, transitively. */
export function twin(file: string, options: { label?: string; lang?: string } = {}): TwinListing {
  const path = `/python/${file}`;
  const code = sources[path];
  if (code === undefined) throw new Error(`python-twins: no file ${path}`);
  const needs: string[] = [];
  const visit = (p: string) => {
    for (const dep of localImports(sources[p]!)) {
      if (dep !== path && !needs.includes(dep)) {
        needs.push(dep);
        visit(dep);
      }
    }
  };
  visit(path);
  return {
    code,
    title: `python/${file}`,
    href: urls[path]!,
    ...options,
    needs: needs.map((p) => ({ title: p.slice(1), href: urls[p]! })),
  };
}
