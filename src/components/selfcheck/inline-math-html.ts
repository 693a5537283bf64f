/**
 * A quiz option's text as HTML: plain text escaped, inline maths between $…$ rendered by KaTeX at
 * build time (so the page needs no maths script).
 */
import katex from 'katex';
import { splitMath } from '../../lib/quiz/inline-math.ts';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

export const inlineMathHtml = (s: string): string =>
  splitMath(s)
    .map((seg) =>
      seg.math ? katex.renderToString(seg.text, { throwOnError: true }) : escapeHtml(seg.text),
    )
    .join('');
