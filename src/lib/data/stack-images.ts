/**
 * Image sets laid end to end: the rows of a figure (originals, then reconstructions, …) as one
 * buffer of count × PIXELS bytes, the layout the image-grid plot draws.
 */

/** The sets in order, one after another, in a new buffer. */
export function stackImages(sets: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(sets.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of sets) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}
