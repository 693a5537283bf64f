import { describe, expect, it } from 'vitest';
import {
  count,
  digitsText,
  firstOf,
  fixed,
  layerWidths,
  megabytes,
  num,
  ordinal,
  pct,
  plural,
  shape,
} from '../../src/components/demo/format.ts';

describe('demo formatting', () => {
  it('writes negative numbers with the typographic minus, positive ones unchanged', () => {
    expect(fixed(-0.16449, 3)).toBe('\u22120.164');
    expect(fixed(0.16449, 3)).toBe('0.164');
    expect(num(-2.5, 2)).toBe('\u22122.50');
    expect(fixed(-0.0001, 2)).toBe('\u22120.00');
  });

  it('switches to scientific notation only for values too small for the digits asked', () => {
    expect(num(3.3e-11, 4)).toBe('3.30e-11');
    expect(num(-3.3e-11, 4)).toBe('\u22123.30e-11');
    expect(num(0.00012, 4)).toBe('0.0001');
    expect(num(0, 4)).toBe('0.0000');
    expect(num(Number.NaN)).toBe('NaN');
  });

  it('lists the first items of a long list and says how many more there are', () => {
    expect(firstOf(['a', 'b'], 3)).toBe('a; b.');
    expect(firstOf(['a', 'b', 'c'], 3)).toBe('a; b; c.');
    expect(firstOf(['a', 'b', 'c', 'd', 'e'], 2)).toBe('a; b; … and 3 more.');
  });

  it('spells plurals out and never writes "(s)"', () => {
    expect(plural(1, 'epoch')).toBe('1 epoch');
    expect(plural(0, 'epoch')).toBe('0 epochs');
    expect(plural(12000, 'image')).toBe('12,000 images');
    expect(plural(2, 'matrix', 'matrices')).toBe('2 matrices');
    for (const n of [0, 1, 2, 1000]) expect(plural(n, 'row')).not.toMatch(/\(s\)/);
  });

  it('formats percentages, counts, megabytes and shapes', () => {
    expect(pct(0.98765)).toBe('98.77 %');
    expect(pct(1, 1)).toBe('100.0 %');
    expect(count(60000)).toBe('60,000');
    expect(megabytes(9_612_647)).toBe('9.6');
    expect(shape([1, 3, 224, 224])).toBe('(1, 3, 224, 224)');
  });

  it('writes a network as its layer widths, spaced or tight', () => {
    expect(layerWidths([784, 128, 10])).toBe('784 → 128 → 10');
    expect(layerWidths([2, 16, 16, 2], true)).toBe('2→16→16→2');
    expect(layerWidths([5])).toBe('5');
  });

  it('writes ordinals with the English suffixes, teens included', () => {
    const cases: [number, string][] = [
      [1, '1st'],
      [2, '2nd'],
      [3, '3rd'],
      [4, '4th'],
      [5, '5th'],
      [10, '10th'],
      [11, '11th'],
      [12, '12th'],
      [13, '13th'],
      [21, '21st'],
      [22, '22nd'],
      [103, '103rd'],
      [111, '111th'],
      [112, '112th'],
    ];
    for (const [n, text] of cases) expect(ordinal(n)).toBe(text);
  });

  it('writes digits that run on as a range, others as a list', () => {
    expect(digitsText([0, 1, 2, 3, 4])).toBe('0–4');
    expect(digitsText([5, 6, 7, 8, 9])).toBe('5–9');
    expect(digitsText([0, 2, 4])).toBe('0, 2, 4');
    expect(digitsText([3, 4])).toBe('3, 4');
  });
});
