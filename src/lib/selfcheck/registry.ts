/**
 * Every self-check on the site, by question id. The expected values are the ones the answer pages
 * print, taken from the same src/lib functions at build time, or for true/false and multiple-choice
 * questions from the answer keys the pages print (answer-keys.ts); the generative quiz's questions
 * are self-checks too (their specs live in src/lib/quiz/registry.ts).
 */
import {
  perceptronAnswers,
  NN008,
  NN026_INPUT,
  NN027_SIZES,
} from '../experiments/perceptron-answers.ts';
import { singleNode } from '../experiments/perceptron.ts';
import { dSigmoid, dSigmoidApprox, dTanh, swish } from '../calculus/activations.ts';
import { normalPdfDerivative } from '../layers/gaussian.ts';
import { answers as layers } from '../layers/answers.ts';
import { convWeights } from '../layers/conv-weights.ts';
import { vgg11Layers, vggShapes } from '../layers/vgg11.ts';
import { maxPoolSizes } from '../layers/maxpool.ts';
import { QUIZZES } from '../quiz/registry.ts';
import { ANSWER_KEYS, blankOptions, type AnswerKey } from './answer-keys.ts';
import { evenPoints, formulaExpect } from './formula.ts';
import { LAYER_SPECS } from './specs-layers.ts';
import { OPTIMISATION_SPECS } from './specs-optimisation.ts';
import type { Part, SelfCheckSpec } from './types.ts';

const a = perceptronAnswers();
const NCHW = ['N', 'C', 'H', 'W'] as const;
const half = { tol: 0.0005 } as const;
const inputPairs = (rows: { x1: number; x2: number; sum: number }[]): Part[] =>
  rows.map((r) => ({
    label: `sum for (${r.x1}, ${r.x2})`,
    expect: { kind: 'number', value: r.sum, rule: { exact: true } },
  }));
const kinds = [...new Set(vgg11Layers().map((l) => l.kind))];
/** nn-045's module on its (1, 3, 224, 224) input; the channel count is what the flattened length is made of. */
const pool = maxPoolSizes(224);
const channels = pool.flat / pool.pool2 ** 2;

/** Formulas in x are checked at 7 points in [−3, 3], to a relative error of 1e-6. */
const inX = evenPoints(-3, 3, 7).map((x) => [x]);
const relTol = 1e-6;
/** σ'(x) = σ(x)(1 − σ(x)), asked by nn-010 and nn-025. */
const sigmoidDerivative = formulaExpect({
  vars: ['x'],
  points: inX,
  reference: (x) => dSigmoid(x),
  relTol,
  answer: 'σ(x)(1 − σ(x))',
  hint: 'write σ as s(x) or sigma(x)',
});
/** The question's base-2 approximation 1/(1 + 2^(−kx)), with the k its derivative part prints. */
const K = 1.5;
/** nn-047's density: x at the seven points above, for three (μ, σ) pairs. */
/** nn-034's Swish: x at the seven points, for three slopes β. */
const swishPoints = [0.5, 1, 2].flatMap((beta) => inX.map(([x]) => [x!, beta]));
const normalPoints = [
  [0, 1],
  [0.5, 2],
  [-1, 0.7],
].flatMap(([mu, sigma]) => inX.map(([x]) => [x!, mu!, sigma!]));

const specs: SelfCheckSpec[] = [
  {
    id: 'nn-010',
    parts: [
      {
        label: '∂σ(xᵢ)/∂xᵢ, as a formula in xᵢ (write x)',
        expect: sigmoidDerivative,
      },
    ],
  },
  {
    id: 'nn-008',
    parts: [
      {
        label: 'out₁ (what reaches the sum node)',
        expect: { kind: 'number', value: singleNode(NN008.x, NN008.w, 0).sum, rule: half },
      },
      {
        label: 'z (what the sum node produces)',
        expect: { kind: 'number', value: a.nn008.sum, rule: half },
      },
    ],
  },
  {
    id: 'nn-009',
    parts: [
      {
        label: 'out₂ = ReLU(z)',
        expect: { kind: 'number', value: a.nn009.relu, rule: { exact: true } },
      },
    ],
  },
  {
    id: 'nn-014',
    parts: [
      {
        label: `p₁ with B = ${a.nn014.textBias.bias}`,
        expect: { kind: 'number', value: a.nn014.textBias.probs[0]!, rule: { sig: 3 } },
      },
      {
        label: `−Σ p log p with B = ${a.nn014.textBias.bias} (nats)`,
        expect: { kind: 'number', value: a.nn014.textBias.entropy, rule: { sig: 3 } },
      },
    ],
  },
  { id: 'nn-019', parts: inputPairs(a.nn019) },
  { id: 'nn-020', parts: inputPairs(a.nn020) },
  {
    id: 'nn-025',
    parts: [
      {
        label: 'slope c of 1/(1+2^(−1.44x)) as a sigmoid σ(cx)',
        expect: { kind: 'number', value: a.nn025Slopes['k1.44'], rule: { sig: 3 } },
      },
      {
        label: 'd/dx σ(x), as a formula in x',
        expect: sigmoidDerivative,
      },
      {
        label: `d/dx 1/(1+2^(−${K}x)), as a formula in x`,
        expect: formulaExpect({
          vars: ['x'],
          points: inX,
          reference: (x) => dSigmoidApprox(x, K),
          relTol,
          answer: `${K} ln(2) · 2^(−${K}x) / (1 + 2^(−${K}x))^2`,
          hint: 'write ln 2 as ln(2) or log(2)',
        }),
      },
    ],
  },
  {
    id: 'nn-026',
    parts: [
      ...a.nn026.map((value, i): Part => ({
        label: `tanh(${NN026_INPUT[i]})`,
        expect: { kind: 'number', value, rule: { sig: 4 } },
      })),
      {
        label: 'd/dx tanh(x), as a formula in x',
        expect: formulaExpect({
          vars: ['x'],
          points: inX,
          reference: dTanh,
          relTol,
          answer: '1 − tanh(x)^2',
          hint: 'functions: tanh, exp, sqrt, log (natural)',
        }),
      },
    ],
  },
  {
    id: 'nn-027',
    parts: [
      {
        label: 'hidden layers',
        expect: { kind: 'number', value: NN027_SIZES.length - 2, rule: { exact: true } },
      },
      {
        label: 'parameters',
        expect: { kind: 'number', value: a.nn027.parameters, rule: { exact: true } },
      },
    ],
  },
  {
    id: 'nn-034',
    parts: [
      {
        label: 'Swish with slope β, as a formula in x and β',
        expect: formulaExpect({
          vars: ['x', 'beta'],
          points: swishPoints,
          reference: swish,
          relTol,
          answer: 'x σ(βx)',
          hint: 'write β as beta, σ as s or sigma',
        }),
      },
    ],
  },
  {
    id: 'nn-047',
    parts: [
      {
        label: '∂/∂x of the normal density N(x; μ, σ), as a formula in x, μ and σ',
        expect: formulaExpect({
          vars: ['x', 'mu', 'sigma'],
          points: normalPoints,
          reference: normalPdfDerivative,
          relTol,
          answer: '−(x − μ)/σ^2 · exp(−(x − μ)^2 / (2σ^2)) / (σ sqrt(2π))',
          hint: 'write μ as mu, σ as sigma, π as pi',
        }),
      },
    ],
  },
  {
    id: 'nn-032',
    parts: [
      {
        label: 'shape of W in PyTorch’s layout (out, in, height, width)',
        expect: {
          kind: 'shape',
          value: convWeights(3, 16, 3).torchShape,
          axes: ['out-channels', 'in-channels', 'height', 'width'],
        },
      },
    ],
  },
  {
    id: 'nn-036',
    parts: [
      {
        label: 'output shape for (1, 3, 224, 224)',
        expect: { kind: 'shape', value: vggShapes(224, 224).at(-1)!, axes: NCHW },
      },
      {
        label: 'last layer of vgg11.features',
        expect: {
          kind: 'choice',
          options: kinds.map((k) => ({ key: k.toLowerCase(), text: k })),
          correct: layers.vggLast.toLowerCase(),
        },
      },
    ],
  },
  {
    id: 'nn-037',
    parts: [
      {
        label: 'output shape of features[:3] for (1, 3, 224, 224)',
        expect: { kind: 'shape', value: vggShapes(224, 224, 3).at(-1)!, axes: NCHW },
      },
    ],
  },
  {
    id: 'nn-045',
    parts: [
      {
        label: 'shape after line 8 (the batch-norm layer)',
        expect: { kind: 'shape', value: [1, channels, pool.conv, pool.conv], axes: NCHW },
      },
      {
        label: 'shape after line 10 (the second max-pool)',
        expect: { kind: 'shape', value: [1, channels, pool.pool2, pool.pool2], axes: NCHW },
      },
      {
        label: 'length of each flattened row',
        expect: { kind: 'number', value: pool.flat, rule: { exact: true } },
      },
    ],
  },
];

/** A true/false key asks for one verdict per statement; a fill-in key for one term per blank; a choice key for the option(s) it names. */
function fromAnswerKey(id: string, key: AnswerKey): SelfCheckSpec {
  if (key.kind === 'fill-in')
    return {
      id,
      parts: key.blanks.map((b) => {
        const options = blankOptions(b);
        const correct = options.find((o) => o.text === b.correct)!.key;
        return { label: b.prompt, expect: { kind: 'choice', options, correct } };
      }),
    };
  if (key.kind === 'true-false')
    return {
      id,
      parts: key.statements.map((s) => ({
        label: key.statements.length > 1 ? s.label : `True or false: ${s.label}`,
        expect: { kind: 'boolean', value: s.value },
      })),
    };
  return {
    id,
    parts: [
      {
        label: key.prompt,
        expect:
          key.mode === 'single'
            ? { kind: 'choice', options: key.options, correct: key.correct[0]! }
            : { kind: 'choices', options: key.options, correct: key.correct },
      },
    ],
  };
}

/**
 * Every self-check by id. Where a question has both an answer key and a spec (a verdict, then numbers
 * or a formula), the key's parts come first.
 */
const allSpecs = [...specs, ...LAYER_SPECS, ...OPTIMISATION_SPECS];
export const SELF_CHECKS: Readonly<Record<string, SelfCheckSpec>> = Object.fromEntries(
  allSpecs
    .filter((s) => !(s.id in ANSWER_KEYS))
    .concat(
      Object.entries(ANSWER_KEYS).map(([id, key]) => {
        const keyed = fromAnswerKey(id, key);
        const more = allSpecs.find((s) => s.id === id);
        return more ? { id, parts: [...keyed.parts, ...more.parts] } : keyed;
      }),
    )
    .map((s) => [s.id, s]),
);

/** Every question id that has a self-check on its page (the SelfCheck forms and the quiz questions). */
export const SELF_CHECK_IDS: readonly string[] = [
  ...Object.keys(SELF_CHECKS),
  ...Object.keys(QUIZZES),
];
