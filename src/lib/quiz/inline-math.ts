/** Split option text into plain and inline-maths segments ($…$), for build-time KaTeX rendering. */

export interface Segment {
  math: boolean;
  text: string;
}

/**
 * "a $x^2$ b" → [text "a ", math "x^2", text " b"]. A backslash-escaped \$ is a literal dollar; an
 * unmatched $ is kept as text.
 */
export function splitMath(s: string): Segment[] {
  const out: Segment[] = [];
  let buf = '';
  let i = 0;
  const push = (seg: Segment) => {
    if (seg.text) out.push(seg);
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '$') {
      buf += '$';
      i += 2;
      continue;
    }
    if (c === '$') {
      let j = i + 1;
      while (j < s.length && !(s[j] === '$' && s[j - 1] !== '\\')) j++;
      if (j < s.length && j > i + 1) {
        push({ math: false, text: buf });
        buf = '';
        push({ math: true, text: s.slice(i + 1, j) });
        i = j + 1;
        continue;
      }
    }
    buf += c;
    i++;
  }
  push({ math: false, text: buf });
  return out;
}
