/**
 * Numbers the layer pages state in their prose, computed at build time by the same pure functions
 * the live demos and the unit tests use (no tfjs needed). Import from MDX: {answers.vgg[0].out}.
 */
import { convOutputSize, sameOutputSize } from './conv-arithmetic.ts';
import { sliceRepr, vgg11FeatureParams, vgg11Layers, vggShapes } from './vgg11.ts';
import { maxPoolSizes } from './maxpool.ts';
import { betaPosterior } from './beta.ts';
import { combinedRate } from './dropout.ts';
import {
  ASSUMED_FILTER,
  ASSUMED_INPUT,
  ASSUMED_POOL_INPUT,
  workedReference,
} from './worked-example.ts';
import { maxPool } from './matrix.ts';

const shape = (s: readonly number[]) => `(${s.join(', ')})`;
const EXAMPLES = [
  [224, 224],
  [512, 512],
  [704, 1024],
] as const;

export const answers = {
  conv: {
    resnetStem: convOutputSize(224, 7, 2, 3),
    vggConv: convOutputSize(224, 3, 1, 1),
    floorCase: convOutputSize(8, 3, 2, 0),
    same7s2: sameOutputSize(7, 2),
  },
  vgg: EXAMPLES.map(([h, w]) => ({
    input: shape([1, 3, h, w]),
    out: shape(vggShapes(h, w).at(-1)!),
    first3: shape(vggShapes(h, w, 3).at(-1)!),
  })),
  vggLast: vgg11Layers().at(-1)!.kind,
  vggConvs: vgg11Layers().filter((l) => l.kind === 'Conv2d').length,
  vggPools: vgg11Layers().filter((l) => l.kind === 'MaxPool2d').length,
  vggModules: vgg11Layers().length,
  vggParams: vgg11FeatureParams().toLocaleString('en'),
  first3Repr: sliceRepr(0, 3),
  maxpool: maxPoolSizes(224),
  posterior: betaPosterior(4, 4),
  stacked: { P: 0.2, Q: 0.5, R: combinedRate(0.2, 0.5) },
  worked: { input: ASSUMED_INPUT, filter: ASSUMED_FILTER, ...workedReference() },
  pool: { input: ASSUMED_POOL_INPUT, output: maxPool(ASSUMED_POOL_INPUT, 2, 2) },
  /** Dropout before BN with unit mean and variance, drop rate 0.5: training-time variance (σ²+μ²)/(1−p) − μ². */
  shift: {
    p: 0.5,
    trainVar: (1 + 1) / (1 - 0.5) - 1,
    testStd: Math.sqrt(1 / ((1 + 1) / (1 - 0.5) - 1)),
  },
};
