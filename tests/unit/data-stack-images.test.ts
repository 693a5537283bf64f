import { describe, expect, it } from 'vitest';
import { PIXELS } from '../../src/lib/data/mnist-geometry.ts';
import { stackImages } from '../../src/lib/data/stack-images.ts';

describe('stackImages', () => {
  it('puts each set after the previous one, image by image', () => {
    const a = new Uint8Array(2 * PIXELS).fill(1);
    const b = new Uint8Array(PIXELS).fill(2);
    a[PIXELS] = 9; // first pixel of a's second image
    const s = stackImages([a, b]);
    expect(s.length).toBe(3 * PIXELS);
    expect(s[0]).toBe(1);
    expect(s[PIXELS]).toBe(9);
    expect(s[2 * PIXELS - 1]).toBe(1);
    expect(s[2 * PIXELS]).toBe(2);
    expect(s[3 * PIXELS - 1]).toBe(2);
  });

  it('copies: changing an input afterwards leaves the stack alone', () => {
    const a = new Uint8Array([1, 2, 3]);
    const s = stackImages([a]);
    a[0] = 7;
    expect(Array.from(s)).toEqual([1, 2, 3]);
    expect(stackImages([]).length).toBe(0);
  });
});
