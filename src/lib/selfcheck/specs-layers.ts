/**
 * Self-checks of the layer questions on convolution arithmetic (nn-035), VGG11's architecture
 * (nn-038) and stacked dropout (nn-040); expected values from the src/lib functions those pages print
 * from. The true/false verdict of nn-040 is its answer key (./answer-keys.ts); these parts follow it.
 */
import { convOutputSize } from '../layers/conv-arithmetic.ts';
import { combinedRate } from '../layers/dropout.ts';
import { VGG11_CFG, vgg11Layers, vggShapes } from '../layers/vgg11.ts';
import { evenPoints, formulaExpect } from './formula.ts';
import type { SelfCheckSpec } from './types.ts';

const exact = { exact: true } as const;
const layers = vgg11Layers();
const count = (kind: string) => layers.filter((l) => l.kind === kind).length;
/** The module after each convolution, and the pooling module, as PyTorch names them. */
const afterConv = layers[layers.findIndex((l) => l.kind === 'Conv2d') + 1]!.kind;
const poolKind = layers.find((l) => l.kind.includes('Pool'))!.kind;
/** How much one pool shrinks the side: the input side over the side after features[:3] (conv, ReLU, pool). */
const side = 224;
const poolFactor = side / vggShapes(side, side, 3).at(-1)![3];
/** The kernel PyTorch prints for the first convolution, e.g. kernel_size=(3, 3). */
const kernel = /kernel_size=\((\d+), (\d+)\)/
  .exec(layers.find((l) => l.kind === 'Conv2d')!.repr)!
  .slice(1)
  .map(Number);
const channels = VGG11_CFG.filter((c): c is number => c !== 'M');
/** The growth of the channel count at each pool where it changes (64 → 128 → …), checked to be one factor. */
const growth = [...new Set(channels)].slice(1).map((c, i, a) => c / (i ? a[i - 1]! : channels[0]!));
if (new Set(growth).size !== 1) throw new Error('VGG11 channels do not grow by one factor');

/** VGG11's architecture in numbers, as nn-038's blanks ask for them; its answer prints these too. */
export const VGG11_FACTS = {
  convolutions: count('Conv2d'),
  activation: afterConv,
  pools: count(poolKind),
  poolKind,
  poolFactor,
  kernel: kernel.join('×'),
  firstChannels: channels[0]!,
  channelGrowth: growth[0]!,
  maxChannels: Math.max(...channels),
};

/** (n, f, s, p) cases with and without a remainder, so the floor matters. */
const convPoints = [
  [8, 3, 1, 0],
  [8, 3, 2, 0],
  [7, 3, 2, 1],
  [224, 7, 2, 3],
  [32, 5, 1, 2],
  [10, 4, 3, 0],
  [28, 3, 2, 0],
];
const ratePoints = evenPoints(0, 0.9, 4).flatMap((p) =>
  evenPoints(0.05, 0.8, 3).map((q) => [p, q]),
);

export const LAYER_SPECS: SelfCheckSpec[] = [
  {
    id: 'nn-035',
    parts: [
      {
        label: 'output size o, as a formula in n, f, s and p',
        expect: formulaExpect({
          vars: ['n', 'f', 's', 'p'],
          points: convPoints,
          reference: convOutputSize,
          relTol: 1e-9,
          answer: 'floor((n + 2p − f)/s) + 1',
          hint: 'checked at cases where s does not divide n + 2p − f too; floor(…) rounds down',
        }),
      },
    ],
  },
  {
    id: 'nn-038',
    parts: [
      {
        label: 'convolutional layers',
        expect: { kind: 'number', value: VGG11_FACTS.convolutions, rule: exact },
      },
      {
        label: 'activation after each convolution',
        expect: {
          kind: 'choice',
          options: ['Sigmoid', 'Tanh', 'ReLU', 'Softmax'].map((k) => ({ key: k, text: k })),
          correct: afterConv,
        },
      },
      {
        label: 'pooling operations',
        expect: { kind: 'number', value: VGG11_FACTS.pools, rule: exact },
      },
      {
        label: 'kind of pooling',
        expect: {
          kind: 'choice',
          options: [
            { key: 'AvgPool2d', text: 'average' },
            { key: 'MaxPool2d', text: 'max' },
          ],
          correct: poolKind,
        },
      },
      {
        label: 'factor each pool shrinks height and width by',
        expect: { kind: 'number', value: VGG11_FACTS.poolFactor, rule: exact },
      },
      {
        label: 'kernel of every convolution',
        expect: { kind: 'shape', value: kernel, axes: ['height', 'width'] },
      },
      {
        label: 'channels of the first convolution',
        expect: { kind: 'number', value: VGG11_FACTS.firstChannels, rule: exact },
      },
      {
        label: 'factor the channel count grows by after a pool',
        expect: { kind: 'number', value: VGG11_FACTS.channelGrowth, rule: exact },
      },
      {
        label: 'channel count it stops at',
        expect: { kind: 'number', value: VGG11_FACTS.maxChannels, rule: exact },
      },
    ],
  },
  {
    id: 'nn-040',
    parts: [
      {
        label: 'the single layer’s drop rate R, as a formula in P and Q',
        expect: formulaExpect({
          vars: ['P', 'Q'],
          points: ratePoints,
          reference: combinedRate,
          relTol: 1e-9,
          answer: '1 − (1 − P)(1 − Q)',
          hint: 'write a product of P and Q as P*Q',
        }),
      },
    ],
  },
];
