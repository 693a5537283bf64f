import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { createEmbedding, describeEmbedding } from '../../src/lib/fewshot/model.ts';
import { PAGE_RECIPE, parseClassSplit, validateOptions } from '../../src/lib/fewshot/run.ts';

describe('dl-44: what the few-shot page sets up', async () => {
  const { tf } = await nodeTf('cpu');

  it('reads a class split as trained-on | tested-on digits', () => {
    expect(parseClassSplit('0,1,2,3,4|5,6,7,8,9')).toEqual({
      baseClasses: [0, 1, 2, 3, 4],
      novelClasses: [5, 6, 7, 8, 9],
    });
    expect(parseClassSplit('0,2,4,6,8|1,3,5,7,9').novelClasses).toEqual([1, 3, 5, 7, 9]);
    expect(parseClassSplit('1,2|').novelClasses).toEqual([]);
  });

  it('describes the network createEmbedding builds: the parameter count follows from the description', () => {
    expect(describeEmbedding('mlp', 64)).toBe('MLP (784 → 256 → 64)');
    expect(describeEmbedding('cnn', 64)).toBe(
      'CNN (conv 3×3×16, pool, conv 3×3×32, pool, dense 64)',
    );
    const params = (kind: 'mlp' | 'cnn') => {
      const m = createEmbedding(tf, kind, 64, 1);
      const n = m.parameterCount;
      m.dispose();
      return n;
    };
    expect(params('mlp')).toBe(784 * 256 + 256 + 256 * 64 + 64);
    // 28 → 26 → 13 → 11 → 5 after two valid 3×3 convolutions and two 2×2 pools.
    expect(params('cnn')).toBe(9 * 16 + 16 + 9 * 16 * 32 + 32 + 5 * 5 * 32 * 64 + 64);
  });

  it("the page's recipe with its default fields is a valid run for both splits", () => {
    for (const split of ['0,1,2,3,4|5,6,7,8,9', '0,2,4,6,8|1,3,5,7,9'])
      expect(
        validateOptions({
          ...PAGE_RECIPE,
          ...parseClassSplit(split),
          way: 5,
          trainEpisodes: 200,
          episodes: 600,
        }),
      ).toBeNull();
  });
});
