import { describe, expect, it } from 'vitest';
import {
  CONTENT_NAMES,
  contentImage,
  noiseImage,
  PICTURE_TITLES,
  STYLE_NAMES,
  styleImage,
} from '../../src/lib/style/images.ts';
import { transferSetup, type TransferChoice } from '../../src/lib/style/setup.ts';

const choice: TransferChoice = {
  content: 'ring',
  style: 'stripes',
  start: 'content',
  steps: 200,
  styleWeight: 10,
  tvWeight: 0,
};

describe('dl-42: from the reader’s choice to a style-transfer run', () => {
  it('from the content picture: content term on (α = 1), started at the content picture', () => {
    const s = transferSetup(choice);
    expect(s.texture).toBe(false);
    expect(s.options.contentWeight).toBe(1);
    expect(s.options.styleWeight).toBe(10);
    expect(s.options.init).toBe(s.start);
    expect(Array.from(s.start.data)).toEqual(Array.from(contentImage('ring').data));
    expect(Array.from(s.style.data)).toEqual(Array.from(styleImage('stripes').data));
    expect(s.problem).toBeNull();
    // About 50 loss reports whatever the length, at least one per step for short runs.
    expect(s.options.reportEvery).toBe(4);
    expect(transferSetup({ ...choice, steps: 12 }).options.reportEvery).toBe(1);
    expect(transferSetup({ ...choice, steps: 2000 }).options.reportEvery).toBe(40);
  });

  it('from noise: no content term, a larger step, and the same seeded noise every time', () => {
    const s = transferSetup({ ...choice, start: 'noise' });
    expect(s.texture).toBe(true);
    expect(s.options.contentWeight).toBe(0);
    expect(s.options.learningRate).toBeGreaterThan(transferSetup(choice).options.learningRate);
    expect(Array.from(s.start.data)).not.toEqual(Array.from(s.content.data));
    expect(Array.from(s.start.data)).toEqual(
      Array.from(transferSetup({ ...choice, start: 'noise' }).start.data),
    );
    expect(s.start.size).toBe(s.content.size);
    expect(Array.from(s.start.data)).toEqual(Array.from(noiseImage(s.content.size, 2).data));
  });

  it('passes the lib’s check through: texture synthesis needs a style weight above 0', () => {
    expect(transferSetup({ ...choice, start: 'noise', styleWeight: 0 }).problem).toBe(
      'At least one of the style and content weights must be above 0.',
    );
    expect(transferSetup({ ...choice, steps: 0 }).problem).toMatch(/^Steps must be/);
  });

  it('every picture a menu offers has a title of its own, and no title is left over', () => {
    const names = [...STYLE_NAMES, ...CONTENT_NAMES];
    expect(Object.keys(PICTURE_TITLES).sort()).toEqual([...names].sort());
    expect(new Set(names.map((n) => PICTURE_TITLES[n])).size).toBe(names.length);
  });
});
