/**
 * Activation functions and their derivatives in float64 (plain TypeScript): the reference every
 * tfjs version is checked against. x ↦ f(x), and f'(x) written out by hand.
 */

export interface Activation1D {
  name: string;
  f: (x: number) => number;
  /** Analytic derivative. */
  df: (x: number) => number;
}

/** Logistic sigmoid with slope c: 1 / (1 + e^(−c x)). */
export const sigmoid = (x: number, c = 1) =>
  x >= 0 ? 1 / (1 + Math.exp(-c * x)) : Math.exp(c * x) / (1 + Math.exp(c * x));
/** d/dx sigmoid_c(x) = c · s(x) · (1 − s(x)). */
export const dSigmoid = (x: number, c = 1) => {
  const s = sigmoid(x, c);
  return c * s * (1 - s);
};

/**
 * The hardware-friendly approximation: e^x ≈ 2^(1.44 x) (since log2 e ≈ 1.4427), so
 * sigmoid(x) ≈ 1 / (1 + 2^(−k x)) with k = 1.44 (or the coarser k = 1.5, cheaper in shift-and-add
 * hardware). We read the source's "2^(−1.5)" as 2^(−1.5x): without the x it is a constant.
 */
export const sigmoidApprox = (x: number, k = 1.44) => 1 / (1 + 2 ** (-k * x));
/** d/dx = k ln2 · a(x) · (1 − a(x)). */
export const dSigmoidApprox = (x: number, k = 1.44) => {
  const a = sigmoidApprox(x, k);
  return k * Math.LN2 * a * (1 - a);
};

export const tanh = (x: number) => Math.tanh(x);
/** d/dx tanh x = 1 − tanh² x. */
export const dTanh = (x: number) => 1 - Math.tanh(x) ** 2;

export const relu = (x: number) => Math.max(0, x);
/** ReLU is not differentiable at 0; we use the subgradient 0 there (as tfjs and PyTorch do). */
export const dRelu = (x: number) => (x > 0 ? 1 : 0);

export const leakyRelu = (x: number, a = 0.01) => (x > 0 ? x : a * x);
export const dLeakyRelu = (x: number, a = 0.01) => (x > 0 ? 1 : a);

/** Swish / SiLU: x · sigmoid(β x). */
export const swish = (x: number, beta = 1) => x * sigmoid(x, beta);
/** d/dx = s + β x s (1 − s), with s = sigmoid(β x). */
export const dSwish = (x: number, beta = 1) => {
  const s = sigmoid(x, beta);
  return s + beta * x * s * (1 - s);
};

/** The activations the lab plots, each parameterised by one optional number (slope, k, β, a). */
export function activation(
  name: 'sigmoid' | 'sigmoid-approx' | 'tanh' | 'relu' | 'leaky-relu' | 'swish',
  p?: number,
): Activation1D {
  switch (name) {
    case 'sigmoid':
      return {
        name: `sigmoid (c = ${p ?? 1})`,
        f: (x) => sigmoid(x, p ?? 1),
        df: (x) => dSigmoid(x, p ?? 1),
      };
    case 'sigmoid-approx':
      return {
        name: `1/(1+2^(−${p ?? 1.44}x))`,
        f: (x) => sigmoidApprox(x, p ?? 1.44),
        df: (x) => dSigmoidApprox(x, p ?? 1.44),
      };
    case 'tanh':
      return { name: 'tanh', f: tanh, df: dTanh };
    case 'relu':
      return { name: 'ReLU', f: relu, df: dRelu };
    case 'leaky-relu':
      return {
        name: `leaky ReLU (a = ${p ?? 0.01})`,
        f: (x) => leakyRelu(x, p ?? 0.01),
        df: (x) => dLeakyRelu(x, p ?? 0.01),
      };
    case 'swish':
      return {
        name: `Swish (β = ${p ?? 1})`,
        f: (x) => swish(x, p ?? 1),
        df: (x) => dSwish(x, p ?? 1),
      };
  }
}

/** n evenly spaced points on [lo, hi] with f and f' at each. */
export function sampleActivation(
  a: Activation1D,
  lo: number,
  hi: number,
  n = 201,
): { x: number[]; y: number[]; dy: number[] } {
  if (!(hi > lo) || n < 2) throw new Error('sampleActivation: need lo < hi and n ≥ 2');
  const x = Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
  return { x, y: x.map(a.f), dy: x.map(a.df) };
}
