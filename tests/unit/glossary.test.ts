/** Glossary: terms are well-formed and the build links the first use of each term in running text only. */
import { describe, expect, it } from 'vitest';
import { linkTerms, termMatcher } from '../../scripts/glossary-links.ts';
import { TERMS } from '../../src/lib/glossary/terms.ts';
import { element as e, text as t, type HastNode as N } from '../helpers/hast.ts';
const links = (n: N): string[] => [
  ...(n.tagName === 'a' && n.properties?.className
    ? [`${n.children![0]!.value}→${n.properties.href}`]
    : []),
  ...(n.children ?? []).flatMap(links),
];
const text = (n: N): string =>
  n.type === 'text' ? n.value! : (n.children ?? []).map(text).join('');

describe('glossary terms', () => {
  it('have unique ids and spellings, and a definition', () => {
    expect(new Set(TERMS.map((x) => x.id)).size).toBe(TERMS.length);
    const forms = TERMS.flatMap((x) => x.forms);
    expect(new Set(forms).size).toBe(forms.length);
    for (const x of TERMS) {
      expect(x.id).toMatch(/^[a-z0-9-]+$/);
      expect(x.forms.every((f) => f === f.toLowerCase())).toBe(true);
      expect(x.definition.length).toBeGreaterThan(30);
    }
  });
  it('match whole words only, longest spelling first', () => {
    const { pattern } = termMatcher();
    expect('a ReLU unit'.match(pattern)).toEqual(['ReLU']);
    expect('ReLUs and preludes'.match(pattern)).toBeNull();
    expect('the hidden layers of'.match(pattern)).toEqual(['hidden layers']);
  });
});

describe('linkTerms', () => {
  it('links the first use in paragraphs and list items, keeps the text, and skips headings, code, links and maths', () => {
    const tree = e('root', {}, [
      e('h2', {}, [t('Why ReLU')]),
      e('p', {}, [
        t('We use '),
        e('code', {}, [t('relu')]),
        t(' here: '),
        e('a', { href: '/x/' }, [t('dropout')]),
        e('span', { className: ['katex'] }, [t('tanh')]),
      ]),
      e('p', {}, [
        t('A ReLU unit after a '),
        e('strong', {}, [t('convolution')]),
        t('; ReLU again, and Dropout.'),
      ]),
      e('ul', {}, [e('li', {}, [t('dropout once more, then tanh')])]),
    ]);
    const before = text(tree);
    const ids = linkTerms(tree, (x) => `/glossary/#${x.id}`);
    expect(text(tree)).toBe(before);
    expect(links(tree)).toEqual([
      'ReLU→/glossary/#relu',
      'convolution→/glossary/#convolution',
      'Dropout→/glossary/#dropout',
      'tanh→/glossary/#tanh',
    ]);
    expect(ids.sort()).toEqual(['convolution', 'dropout', 'relu', 'tanh']);
  });
});
