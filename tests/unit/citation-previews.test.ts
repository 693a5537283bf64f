/** Citation previews (scripts/citations.ts): each in-text citation link is described by a tooltip holding its reference. */
import { describe, expect, it } from 'vitest';
import { rehypeCitationPreviews } from '../../scripts/citations.ts';
import { element as e, text as t, type HastNode as N } from '../helpers/hast.ts';

const page = () =>
  e('root', {}, [
    e('p', {}, [
      t('as shown '),
      e('span', { id: 'citation--a2000--1' }, [
        t('('),
        e('a', { href: '#bib-a2000' }, [t('A, 2000')]),
        t(')'),
      ]),
      t(' and '),
      e('span', { id: 'citation--b2001--1' }, [
        t('('),
        e('a', { href: '#bib-b2001' }, [t('B, 2001')]),
        t(')'),
      ]),
      t(' and a '),
      e('a', { href: '#bib-nosuch' }, [t('dangling')]),
      e('a', { href: '#elsewhere' }, [t('plain link')]),
    ]),
    e('div', { id: 'refs' }, [
      e('div', { className: ['csl-entry'], id: 'bib-a2000' }, [
        t('Author, A. (2000). '),
        e('i', {}, [t('A   Book')]),
        t('. Press.'),
      ]),
      e('div', { className: ['csl-entry'], id: 'bib-b2001' }, [t('Bee, B. (2001). Paper.')]),
    ]),
  ]);

const find = (n: N, ok: (n: N) => boolean): N[] => [
  ...(ok(n) ? [n] : []),
  ...(n.children ?? []).flatMap((c) => find(c, ok)),
];

describe('rehypeCitationPreviews', () => {
  it('puts each reference, as text, in a tooltip right after its link and names it with aria-describedby', () => {
    const tree = page();
    rehypeCitationPreviews()(tree as never);
    const tips = find(tree, (n) => n.properties?.role === 'tooltip');
    expect(tips.map((n) => n.children?.[0]?.value)).toEqual([
      'Author, A. (2000). A Book. Press.',
      'Bee, B. (2001). Paper.',
    ]);
    const citation = find(tree, (n) => n.properties?.id === 'citation--a2000--1')[0]!;
    const [, link, tip] = citation.children!;
    expect(link!.properties!['aria-describedby']).toBe(tip!.properties!.id);
    expect(new Set(tips.map((n) => n.properties!.id)).size).toBe(2);
  });
  it('leaves links without a reference entry, and other links, alone', () => {
    const tree = page();
    rehypeCitationPreviews()(tree as never);
    const others = find(
      tree,
      (n) =>
        n.tagName === 'a' &&
        (n.properties?.href === '#bib-nosuch' || n.properties?.href === '#elsewhere'),
    );
    expect(others.map((n) => n.properties!['aria-describedby'])).toEqual([undefined, undefined]);
  });
});
