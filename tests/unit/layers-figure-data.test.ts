import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  FIGURE_FILTER,
  FIGURE_POOL_INPUT,
  columnReadings,
  figurePool,
} from '../../src/lib/layers/figure-data.ts';

describe('the conv/ReLU/pool figures of nn-041 to nn-044', async () => {
  const { tf } = await nodeTf('cpu');

  it('MaxPool2d(2, 2) of the figure input agrees with tf.maxPool', () => {
    const ours = figurePool();
    const theirs = tf.tidy(
      () =>
        tf
          .maxPool(tf.tensor4d(FIGURE_POOL_INPUT.flat(), [1, 4, 4, 1]), 2, 2, 'valid')
          .arraySync() as number[][][][],
    );
    expect(ours).toEqual(theirs[0]!.map((r) => r.map((c) => c[0]!)));
    expect(ours.length).toBe(2);
  });

  it('the filter applied to the visible top of the column agrees with tf.conv2d, and ReLU only clips negatives', () => {
    const r = columnReadings();
    const top = [7, 3, -6];
    const theirs = tf.tidy(() =>
      Array.from(
        tf
          .conv2d(
            tf.tensor4d(top, [1, 3, 1, 1]),
            tf.tensor4d(FIGURE_FILTER.flat(), [2, 1, 1, 1]),
            1,
            'valid',
          )
          .dataSync(),
      ),
    );
    expect(r.convOfColumn.head).toEqual(theirs);
    expect(r.reluOfConv.head).toEqual(theirs.map((v) => Math.max(0, v)));
    expect(r.reluOfColumn.head).toEqual(top.map((v) => Math.max(0, v)));
    expect(r.reluOfColumn.head).toContain(0);
  });
});
