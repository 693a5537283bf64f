/**
 * The Perceptron section's computed answers, with the questions' own inputs, evaluated by the same
 * functions the live demos run (float64). Pages import these at build time so that every answer is in
 * the page text; the demos re-compute them on the reader's backend.
 */
import { sigmoid, sigmoidApprox, tanh } from '../calculus/activations.ts';
import { NN014, singleNode, smallMlp, truthTable } from './perceptron.ts';

/** nn-008/009: one hidden node with inputs x, weights w and bias b (the first row of nn-014's layer). */
export const NN008 = { x: [0.9, 0.7], w: [-0.3, 0.15], b: 0.001 } as const;

/** nn-019/020: a threshold unit with unit weights; the two questions differ only in the bias. */
export const NN019 = { w: [1, 1] as const, biases: { 'nn-019': -2.5, 'nn-020': -0.25 } };

/** nn-025: the vector v at which the sigmoid and its base-2 approximations are compared. */
export const NN025_V = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99] as const;

/** nn-026: the array whose tanh the question asks for. */
export const NN026_INPUT = [0.37, 0.192, 0.571] as const;

/** nn-027: the `nn001` network, 200 → 512 → 512 → 10 (three nn.Linear layers). */
export const NN027_SIZES = [200, 512, 512, 10] as const;

/** Weights plus one bias per unit in every fully connected layer of a network with these widths. */
export function denseParameterCount(sizes: readonly number[]): number {
  return sizes.slice(1).reduce((total, n, i) => total + sizes[i]! * n + n, 0);
}

export function perceptronAnswers() {
  const node = singleNode(NN008.x, NN008.w, NN008.b);
  const mlp = (bias: number) =>
    smallMlp(NN014.x, NN014.w as unknown as number[][], bias, NN014.w1 as unknown as number[][]);
  return {
    nn008: { sum: node.sum },
    nn009: { relu: node.relu },
    nn014: {
      textBias: { bias: NN014.biases[0], ...mlp(NN014.biases[0]) },
      codeBias: { bias: NN014.biases[1], ...mlp(NN014.biases[1]) },
    },
    nn019: truthTable(NN019.w, NN019.biases['nn-019']),
    nn020: truthTable(NN019.w, NN019.biases['nn-020']),
    /** a_k(x) = 1/(1+2^(−kx)) is the sigmoid of slope c = k ln 2. */
    nn025Slopes: { 'k1.44': 1.44 * Math.LN2, 'k1.5': 1.5 * Math.LN2 },
    nn025: NN025_V.map((v) => ({
      v,
      sigmoid: sigmoid(v),
      approx144: sigmoidApprox(v, 1.44),
      approx15: sigmoidApprox(v, 1.5),
    })),
    nn026: NN026_INPUT.map(tanh),
    nn027: {
      parameters: denseParameterCount(NN027_SIZES),
      perLayer: NN027_SIZES.slice(1).map((n, i) => denseParameterCount([NN027_SIZES[i]!, n])),
    },
  };
}
