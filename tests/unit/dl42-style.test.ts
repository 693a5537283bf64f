import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { randomFeatureNet } from '../../src/lib/style/features.ts';
import { gram, gramReference } from '../../src/lib/style/gram.ts';
import {
  contentImage,
  noiseImage,
  styleImage,
  toRgba,
  STYLE_NAMES,
  CONTENT_NAMES,
} from '../../src/lib/style/images.ts';
import { styleLoss, transferStyle, validateTransfer } from '../../src/lib/style/transfer.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('dl-42: Gram matrices and style transfer on a random feature net', async () => {
  const { tf } = await nodeTf('wasm');

  it('the Gram matrix equals a hand computation and a float64 reference, and ignores where features are', () => {
    // Four positions (2×2) with two channels: (1, 2), (3, 4), (0, 1), (2, 0).
    // Σ f₁² = 1+9+0+4 = 14, Σ f₁f₂ = 2+12+0+0 = 14, Σ f₂² = 4+16+1+0 = 21; divided by 4 positions.
    const values = [1, 2, 3, 4, 0, 1, 2, 0];
    const g = tf.tidy(() => gram(tf, tf.tensor3d(values, [2, 2, 2])).arraySync());
    expect(g).toEqual([
      [3.5, 3.5],
      [3.5, 5.25],
    ]);
    expect(gramReference(values, 2)).toEqual([
      [3.5, 3.5],
      [3.5, 5.25],
    ]);
    // Random [1, 5, 4, 6] features against the float64 reference; then shuffle the positions.
    const r = rng(9);
    const f = Float32Array.from({ length: 5 * 4 * 6 }, () => r.normal());
    const ref = gramReference(f, 6);
    const shuffled = new Float32Array(f.length);
    const order = [...Array(20).keys()].reverse();
    order.forEach((p, i) => shuffled.set(f.subarray(p * 6, p * 6 + 6), i * 6));
    const [a, b] = tf.tidy(() => [
      gram(tf, tf.tensor4d(f, [1, 5, 4, 6])).arraySync(),
      gram(tf, tf.tensor4d(shuffled, [1, 5, 4, 6])).arraySync(),
    ]);
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) {
        expect(a[i]![j]).toBeCloseTo(ref[i]![j]!, 5);
        expect(b[i]![j]).toBeCloseTo(ref[i]![j]!, 5);
        expect(a[i]![j]).toBeCloseTo(a[j]![i]!, 6);
      }
    expect(() => gram(tf, tf.zeros([2, 3, 3, 4]))).toThrow(/one image at a time/);
  });

  it('pictures are valid: right size, values in [0, 1], deterministic', () => {
    for (const s of STYLE_NAMES) {
      const p = styleImage(s);
      expect(p.data.length).toBe(32 * 32 * 3);
      expect(Math.min(...p.data)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...p.data)).toBeLessThanOrEqual(1);
      expect(styleImage(s).data).toEqual(p.data);
    }
    for (const c of CONTENT_NAMES) expect(new Set(contentImage(c).data).size).toBe(2);
    expect(Array.from(toRgba(contentImage('square')).subarray(0, 4))).toEqual([26, 26, 26, 255]);
  });

  it('the style loss is zero for the style image itself and large for a plain shape', () => {
    const net = randomFeatureNet(tf);
    const before = tf.memory().numTensors;
    expect(styleLoss(tf, net, styleImage('stripes'), styleImage('stripes'))).toBeCloseTo(0, 6);
    expect(styleLoss(tf, net, contentImage('ring'), styleImage('stripes'))).toBeGreaterThan(0.3);
    // A shifted copy of the stripes has (almost) the same Gram statistics: style ignores position.
    const shifted = styleImage('stripes');
    const orig = styleImage('stripes');
    for (let r = 0; r < 32; r++)
      for (let c = 0; c < 32; c++)
        shifted.data.set(
          orig.data.subarray((r * 32 + ((c + 3) % 32)) * 3, (r * 32 + ((c + 3) % 32)) * 3 + 3),
          (r * 32 + c) * 3,
        );
    expect(styleLoss(tf, net, shifted, orig)).toBeLessThan(0.02);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('optimising the pixels lowers the style loss many times while keeping the layout closer than the style image does', async () => {
    const net = randomFeatureNet(tf);
    const before = tf.memory().numTensors;
    const content = contentImage('ring');
    const style = styleImage('stripes');
    const reports: number[] = [];
    const r = await transferStyle(tf, net, content, style, {
      steps: 80,
      learningRate: 0.03,
      contentWeight: 1,
      styleWeight: 10,
      init: 'content',
      reportEvery: 20,
      onReport: (l) => reports.push(l.step),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.status).toBe('done');
    expect(reports).toEqual([0, 20, 40, 60, 80]);
    const first = r.history[0]!;
    const last = r.history.at(-1)!;
    expect(first.content).toBe(0);
    expect(last.style).toBeLessThan(first.style / 10);
    expect(last.total).toBeLessThan(first.total);
    expect(Math.min(...r.image.data)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...r.image.data)).toBeLessThanOrEqual(1);
    // The reported style loss is the one styleLoss computes from the returned picture.
    expect(styleLoss(tf, net, r.image, style)).toBeCloseTo(last.style, 4);
    // Content: the result is nearer the ring (in feature space) than the stripes themselves are.
    const stripesAsResult = await transferStyle(tf, net, content, style, {
      steps: 1,
      learningRate: 1e-9,
      contentWeight: 1,
      styleWeight: 0,
      init: style,
      reportEvery: 1,
    });
    expect(last.content).toBeLessThan(stripesAsResult.history[0]!.content);
    // And in pixels: the figure of the ring stays brighter than its ground, which plain stripes are not.
    const contrast = (p: { data: Float32Array }) => {
      let inside = 0,
        outside = 0,
        ni = 0,
        no = 0;
      for (let i = 0; i < 32 * 32; i++) {
        const y = (p.data[3 * i]! + p.data[3 * i + 1]! + p.data[3 * i + 2]!) / 3;
        if (content.data[3 * i]! > 0.5) ((inside += y), ni++);
        else ((outside += y), no++);
      }
      return inside / ni - outside / no;
    };
    expect(contrast(r.image)).toBeGreaterThan(0.15);
    expect(Math.abs(contrast(style))).toBeLessThan(0.05);
    net.dispose();
  }, 30_000);

  it('from noise with no content term it synthesises a texture (style loss falls); cancel and bad input behave', async () => {
    const net = randomFeatureNet(tf);
    const before = tf.memory().numTensors;
    const r = await transferStyle(tf, net, contentImage('ring'), styleImage('checks'), {
      steps: 60,
      learningRate: 0.05,
      contentWeight: 0,
      styleWeight: 1,
      init: noiseImage(32, 2),
      reportEvery: 30,
    });
    expect(r.history.at(-1)!.style).toBeLessThan(r.history[0]!.style / 5);
    const ac = new AbortController();
    let n = 0;
    const c = await transferStyle(tf, net, contentImage('ring'), styleImage('dots'), {
      steps: 500,
      learningRate: 0.03,
      contentWeight: 1,
      styleWeight: 10,
      init: 'content',
      reportEvery: 1,
      signal: ac.signal,
      onReport: () => ++n === 3 && ac.abort(),
    });
    expect(c.status).toBe('cancelled');
    expect(c.history.length).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
    expect(
      validateTransfer({ steps: 0, learningRate: 0.03, contentWeight: 1, styleWeight: 1 }),
    ).toMatch(/Steps/);
    expect(
      validateTransfer({ steps: 10, learningRate: 0.03, contentWeight: 0, styleWeight: 0 }),
    ).toMatch(/At least one/);
    expect(
      validateTransfer({ steps: 10, learningRate: NaN, contentWeight: 1, styleWeight: 1 }),
    ).toMatch(/learning rate/);
    await expect(
      transferStyle(tf, net, contentImage('ring'), styleImage('dots'), {
        steps: 10,
        learningRate: 0.03,
        contentWeight: 1,
        styleWeight: -1,
        init: 'content',
      }),
    ).rejects.toThrow(/≥ 0/);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  }, 30_000);
});
