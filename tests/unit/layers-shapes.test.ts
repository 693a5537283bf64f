import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  checkConvSizes,
  convGrid,
  convOutputSize,
  inferConvSizes,
  sameOutputSize,
  unusedRows,
} from '../../src/lib/layers/conv-arithmetic.ts';
import {
  buildVgg11,
  forwardShape,
  sliceRepr,
  tfjsShapes,
  vgg11FeatureParams,
  vgg11Layers,
  vgg11ShapeLayers,
  vggShapes,
} from '../../src/lib/layers/vgg11.ts';
import { crossCorrelate, flip, maxPool, parseMatrix } from '../../src/lib/layers/matrix.ts';
import {
  ASSUMED_FILTER,
  ASSUMED_INPUT,
  ASSUMED_POOL_INPUT,
  maxPool2x2,
  workedExample,
  workedReference,
} from '../../src/lib/layers/worked-example.ts';
import {
  maxPoolExperiment,
  maxPoolSizes,
  poolBnOrder,
  poolComposition,
} from '../../src/lib/layers/maxpool.ts';

describe('layers: convolution arithmetic, VGG11 shapes, pooling', async () => {
  const { tf } = await nodeTf('cpu');

  it('the output-size formula matches real tfjs conv layers on every small case', () => {
    expect(convOutputSize(224, 7, 1, 2)).toBe(222);
    expect(convOutputSize(7, 3, 2, 0)).toBe(3);
    expect(convOutputSize(8, 3, 2, 0)).toBe(3); // one input column is never read
    expect(unusedRows(8, 3, 2, 0)).toBe(1);
    expect(sameOutputSize(7, 2)).toBe(4);
    expect(() => convOutputSize(3, 5, 1, 0)).toThrow(/does not fit/);
    const before = tf.memory().numTensors;
    const cases = convGrid(9, 5, 3, 2);
    expect(cases.length).toBeGreaterThan(300);
    const checks = checkConvSizes(tf, cases);
    expect(checks.filter((c) => c.layers !== c.formula || c.op !== c.formula)).toEqual([]);
    // The kernel-free inference the page uses for its sweep agrees with the kernels that ran.
    expect(inferConvSizes(tf, cases)).toEqual(checks);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('VGG11 features: the three example shapes, the last module, and features[:3]', async () => {
    const layers = vgg11Layers();
    expect(layers.filter((l) => l.kind === 'Conv2d')).toHaveLength(8);
    expect(layers.filter((l) => l.kind === 'MaxPool2d')).toHaveLength(5);
    expect(layers.at(-1)!.kind).toBe('MaxPool2d');
    expect(vggShapes(224, 224).at(-1)).toEqual([1, 512, 7, 7]);
    expect(vggShapes(512, 512).at(-1)).toEqual([1, 512, 16, 16]);
    expect(vggShapes(704, 1024).at(-1)).toEqual([1, 512, 22, 32]);
    expect(vggShapes(224, 224, 3).at(-1)).toEqual([1, 64, 112, 112]);
    expect(vggShapes(704, 1024, 3).at(-1)).toEqual([1, 64, 352, 512]);
    expect(sliceRepr(0, 3)).toContain('(2): MaxPool2d(kernel_size=2, stride=2');
    const before = tf.memory().numTensors;
    for (const [h, w] of [
      [224, 224],
      [512, 512],
      [704, 1024],
    ] as const)
      expect(tfjsShapes(vgg11ShapeLayers(tf), h, w)).toEqual(vggShapes(h, w));
    expect(tfjsShapes(vgg11ShapeLayers(tf, 3), 704, 1024).at(-1)).toEqual([1, 64, 352, 512]);
    expect(tf.memory().numTensors).toBe(before); // unbuilt layers allocate nothing
    const model = buildVgg11(tf);
    try {
      expect(model.countParams()).toBe(vgg11FeatureParams());
      expect(vgg11FeatureParams()).toBe(9220480);
      for (const [h, w] of [
        [224, 224],
        [512, 512],
        [704, 1024],
        [33, 47],
      ] as const)
        expect(tfjsShapes(model, h, w)).toEqual(vggShapes(h, w));
      const run = await forwardShape(tf, model, 32, 64);
      expect(run).toEqual({ shape: [1, 512, 1, 2], finite: true });
    } finally {
      model.dispose();
    }
    const block = buildVgg11(tf, 3);
    try {
      expect((await forwardShape(tf, block, 224, 224)).shape).toEqual([1, 64, 112, 112]);
    } finally {
      block.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('worked conv → ReLU → pool example: tfjs equals the float64 reference', async () => {
    expect(
      crossCorrelate(
        [
          [1, 2],
          [3, 4],
        ],
        [[1]],
      ),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(crossCorrelate([[1, 2, 3]], [[1, -1]])).toEqual([[-1, -1]]);
    expect(crossCorrelate([[1, 2, 3]], flip([[1, -1]]))).toEqual([[1, 1]]);
    expect(crossCorrelate([[1]], [[2]], 1, 1)).toEqual([
      [0, 0, 0],
      [0, 2, 0],
      [0, 0, 0],
    ]);
    const ref = workedReference();
    expect(ref.conv).toHaveLength(4);
    // The bar's rising edge gives positive responses, its falling edge negative ones, which ReLU removes.
    expect(ref.conv[0]).toEqual([25, 20, -22, -25]);
    expect(ref.relu[0]).toEqual([25, 20, 0, 0]);
    expect(ref.pool).toEqual([
      [25, 0],
      [23, 0],
    ]);
    const before = tf.memory().numTensors;
    const r = await workedExample(tf, ASSUMED_INPUT, ASSUMED_FILTER);
    expect(r.maxError).toBe(0);
    expect(r.tfjs).toEqual(ref);
    const p = await maxPool2x2(tf, ASSUMED_POOL_INPUT);
    expect(p.tfjs).toEqual([
      [6, 8],
      [3, 4],
    ]);
    expect(
      maxPool(
        [
          [1, 2, 3],
          [4, 5, 6],
          [7, 8, 9],
        ],
        2,
        2,
      ),
    ).toEqual([[5]]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => parseMatrix('1 2; 3')).toThrow(/row 2 has 1 entries/);
    expect(() => parseMatrix('1 x')).toThrow(/not a number/);
    expect(parseMatrix('1, 2\n3 4')).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('MaxPool001: shapes at each step, and two 2×2 pools equal one 4×4 pool exactly', async () => {
    expect(maxPoolSizes(224)).toEqual({
      conv: 222,
      pool1: 111,
      pool2: 55,
      single: 55,
      flat: 96800,
    });
    const before = tf.memory().numTensors;
    const r = await maxPoolExperiment(tf, 224);
    expect(r.shapes.map((s) => s.shape)).toEqual([
      [1, 3, 224, 224],
      [1, 32, 222, 222],
      [1, 32, 222, 222],
      [1, 32, 111, 111],
      [1, 32, 55, 55],
      [1, 96800],
    ]);
    expect(r.singleShape).toEqual([1, 32, 55, 55]);
    expect(r.maxDiff).toBe(0);
    expect(r.compared).toBe(96800);
    await expect(maxPoolExperiment(tf, 4)).rejects.toThrow(/from 9 to 512/);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('stacked pools: identical without padding for every size; TF "same" padding breaks it unless 4 divides n', async () => {
    const sizes = Array.from({ length: 29 }, (_, i) => i + 4);
    const valid = await poolComposition(tf, sizes, 'valid');
    expect(valid.every((c) => c.twoSize === c.oneSize && c.maxDiff === 0)).toBe(true);
    const same = await poolComposition(tf, [...sizes, 222], 'same');
    for (const c of same) {
      expect(c.twoSize).toBe(c.oneSize); // ⌈⌈n/2⌉/2⌉ = ⌈n/4⌉ always …
      if (c.n % 4 === 0 || c.n % 4 === 3) expect(c.maxDiff).toBe(0);
      else expect(c.maxDiff).toBeGreaterThan(0); // … but the 4×4 window is shifted by the top padding
    }
    const order = await poolBnOrder(tf);
    expect(order.positive).toBe(0);
    expect(order.negative).toBeGreaterThan(0.1);
  });
});

describe('layers: numbers the pages state (build-time answers)', async () => {
  const { answers } = await import('../../src/lib/layers/answers.ts');
  it('match the closed forms', () => {
    expect(answers.conv).toEqual({ resnetStem: 112, vggConv: 224, floorCase: 3, same7s2: 4 });
    expect(answers.vgg.map((v) => v.out)).toEqual([
      '(1, 512, 7, 7)',
      '(1, 512, 16, 16)',
      '(1, 512, 22, 32)',
    ]);
    expect(answers.vgg.map((v) => v.first3)).toEqual([
      '(1, 64, 112, 112)',
      '(1, 64, 256, 256)',
      '(1, 64, 352, 512)',
    ]);
    expect([answers.vggLast, answers.vggConvs, answers.vggPools, answers.vggModules]).toEqual([
      'MaxPool2d',
      8,
      5,
      21,
    ]);
    expect(answers.stacked.R).toBeCloseTo(0.6, 12);
    expect(answers.shift.trainVar).toBe(3);
    expect(answers.shift.testStd).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(answers.pool.output).toEqual([
      [6, 8],
      [3, 4],
    ]);
  });
});
