import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { convWeights } from '../../src/lib/layers/conv-weights.ts';

describe('convolution weight tensor (nn-032)', async () => {
  const { tf } = await nodeTf('cpu');

  it('shape and counts agree with a real tfjs conv2d layer, and the padding keeps the size', () => {
    for (const [cin, cout, k] of [
      [3, 16, 3],
      [1, 4, 5],
      [8, 2, 1],
      [3, 7, 2],
    ] as const) {
      const c = convWeights(cin, cout, k);
      const size = 12;
      const layer = tf.layers.conv2d({ filters: cout, kernelSize: k, padding: 'valid' });
      const model = tf.sequential({
        layers: [
          tf.layers.zeroPadding2d({ padding: c.samePadding ?? 0, inputShape: [size, size, cin] }),
          layer,
        ],
      });
      expect(layer.getWeights()[0]!.shape).toEqual(c.tfShape);
      expect(model.countParams()).toBe(c.weights + c.biases);
      expect(c.torchShape).toEqual([c.tfShape[3], c.tfShape[2], c.tfShape[0], c.tfShape[1]]);
      if (c.samePadding !== null) expect(model.outputs[0]!.shape).toEqual([null, size, size, cout]);
      else expect(k % 2).toBe(0);
      model.dispose();
    }
  });

  it('the figure of nn-032: 512×512×3 → 3×3 ReLU convolution → 512×512×16', () => {
    const c = convWeights(3, 16, 3);
    expect(c.torchShape).toEqual([16, 3, 3, 3]);
    expect(c.samePadding).toBe(1);
    expect(c.weights).toBeLessThan(512); // weight sharing: independent of the 512×512 image
  });

  it('refuses impossible layers', () => {
    expect(() => convWeights(0, 16, 3)).toThrow();
    expect(() => convWeights(3, 16, 1.5)).toThrow();
  });
});
