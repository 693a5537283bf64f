import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { bottleneckVersusWide, chainWeights } from '../../src/lib/layers/bottleneck.ts';

describe('bottleneck vs wide layer: weight counts (nn-053)', async () => {
  const { tf } = await nodeTf('cpu');

  /** Independent reference: build the chain as real 1×1 convolutions in tfjs and count their parameters. */
  const tfjsCounts = (widths: number[], useBias: boolean) => {
    const model = tf.sequential();
    widths.slice(1).forEach((filters, i) =>
      model.add(
        tf.layers.conv2d({
          filters,
          kernelSize: 1,
          useBias,
          ...(i === 0 ? { inputShape: [4, 4, widths[0]!] } : {}),
        }),
      ),
    );
    const n = model.countParams();
    model.dispose();
    return n;
  };

  it('matches the parameter count of real 1×1 convolution stacks', () => {
    for (const widths of [
      [256, 32, 256],
      [256, 256],
      [3, 7],
      [10, 4, 9, 2],
    ]) {
      const c = chainWeights(widths);
      expect(c.weights, widths.join('→')).toBe(tfjsCounts(widths, false));
      expect(c.weights + c.biases, widths.join('→')).toBe(tfjsCounts(widths, true));
    }
  });

  it('removing the 32-unit bottleneck makes the layer four times heavier', () => {
    const { bottleneck, wide, ratio } = bottleneckVersusWide();
    expect(wide.weights).toBeGreaterThan(bottleneck.weights);
    expect(ratio).toBe(4);
    // A narrower code saves more: the ratio is outer / (2 · inner).
    expect(bottleneckVersusWide(256, 16).ratio).toBe(8);
  });

  it('refuses chains that are not layers', () => {
    expect(() => chainWeights([256])).toThrow();
    expect(() => chainWeights([256, 0])).toThrow();
    expect(() => chainWeights([2.5, 3])).toThrow();
  });
});
