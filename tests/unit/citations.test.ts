import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  bibKeys,
  citedKeys,
  rehypeCheckCitationKeys,
  rehypeReferenceLinks,
  uncitedKeys,
} from '../../scripts/citations.ts';

/** The source of every answer page (the only place where `[@key]` becomes a citation). */
const pageSources = () =>
  (readdirSync('src/content/docs', { recursive: true }) as string[])
    .filter((f) => /\.mdx?$/.test(f))
    .map((f) => readFileSync(join('src/content/docs', f), 'utf8'));

describe('citations', () => {
  it('reads BibTeX keys and bracketed citation keys', () => {
    expect([...bibKeys('@article{a2000x,\n title={T}}\n@inproceedings{ b-1 ,x}')]).toEqual([
      'a2000x',
      'b-1',
    ]);
    expect(citedKeys('see [@a; @b, chap. 6] and [-@c], but not me@mail or [plain]')).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('fails the page on an unknown key, and passes known keys and code', () => {
    const check = rehypeCheckCitationKeys({ bibliography: 'src/content/refs.bib' });
    const known = [...bibKeys(readFileSync('src/content/refs.bib', 'utf8'))][0]!;
    const tree = (text: string, tag = 'p') => ({
      type: 'root',
      children: [{ type: 'element', tagName: tag, children: [{ type: 'text', value: text }] }],
    });
    expect(() => check(tree(`as shown [@${known}]`), { path: 'x.mdx' })).not.toThrow();
    expect(() => check(tree('[@nosuchkey2099]', 'code'), { path: 'x.mdx' })).not.toThrow();
    expect(() => check(tree('as shown [@nosuchkey2099]'), { path: 'x.mdx' })).toThrow(
      /Unknown citation key\(s\) in x.mdx: nosuchkey2099/,
    );
  });

  it('defines every key of the bibliography once (several people append to it)', () => {
    const keys = [
      ...readFileSync('src/content/refs.bib', 'utf8').matchAll(/^@\w+\{\s*([^,\s]+)\s*,/gm),
    ].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('finds bibliography entries that no page cites', () => {
    const bib = '@article{used2000,\n title={T}}\n@book{unused2001,\n title={U}}';
    expect(
      uncitedKeys(bib, [
        'as shown [@used2000, p. 3]',
        'no citation here, only @unused2001 in prose',
      ]),
    ).toEqual(['unused2001']);
  });

  it('cites every entry of the bibliography on some page (cite an entry where it belongs, or remove it)', () => {
    const pages = pageSources();
    expect(pages.length).toBeGreaterThan(50);
    expect(uncitedKeys(readFileSync('src/content/refs.bib', 'utf8'), pages)).toEqual([]);
  });

  it('adds a References heading and links DOIs in the reference list', () => {
    const entry = {
      type: 'element',
      tagName: 'div',
      properties: { className: ['csl-entry'] },
      children: [{ type: 'text', value: 'A. (2000). T. https://doi.org/10.1/x.' }],
    };
    const refs = { type: 'element', tagName: 'div', properties: { id: 'refs' }, children: [entry] };
    const root = { type: 'root', children: [refs] };
    rehypeReferenceLinks()(root as never);
    expect((root.children[0] as { tagName: string }).tagName).toBe('h2');
    const link = (entry.children as { tagName?: string; properties?: { href: string } }[]).find(
      (c) => c.tagName === 'a',
    );
    expect(link?.properties?.href).toBe('https://doi.org/10.1/x');
  });
});
