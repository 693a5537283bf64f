/**
 * tanh, sigmoid and the sigmoid approximation as tfjs ops with hand-written backward passes
 * (tf.customGrad) — the TypeScript counterpart of torch.autograd.Function with forward/backward.
 * `broken: true` plants a deliberate bug in the backward pass, to show a gradient check failing.
 */
import type * as TF from '@tensorflow/tfjs';

export interface OpOptions {
  broken?: boolean;
}

type UnaryOp = (x: TF.Tensor) => TF.Tensor;

/**
 * A unary op with a hand-written backward pass: `backward(dy, y)` gets the upstream gradient and the
 * saved forward output. (tf.customGrad's own type takes inputs and the save function as one rest
 * parameter, hence the single cast here.)
 */
function unaryOp(
  tf: typeof TF,
  forward: (x: TF.Tensor) => TF.Tensor,
  backward: (dy: TF.Tensor, y: TF.Tensor) => TF.Tensor,
): UnaryOp {
  const f = (x: TF.Tensor, save: TF.GradSaveFunc) => {
    const y = forward(x);
    save([y]);
    return { value: y, gradFunc: (dy: TF.Tensor, saved: TF.Tensor[]) => backward(dy, saved[0]!) };
  };
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as UnaryOp;
}

/** tanh: forward e^x−e^−x over e^x+e^−x (tf.tanh), backward dy · (1 − y²). Broken: dy · (1 − y). */
export function tanhOp(tf: typeof TF, o: OpOptions = {}): UnaryOp {
  return unaryOp(
    tf,
    (x) => tf.tanh(x),
    (dy, y) => tf.mul(dy, o.broken ? tf.sub(1, y) : tf.sub(1, tf.square(y))),
  );
}

/** sigmoid: forward 1/(1+e^−x), backward dy · y (1 − y). Broken: dy · y. */
export function sigmoidOp(tf: typeof TF, o: OpOptions = {}): UnaryOp {
  return unaryOp(
    tf,
    (x) => tf.div(1, tf.add(1, tf.exp(tf.neg(x)))),
    (dy, y) => tf.mul(dy, o.broken ? y : tf.mul(y, tf.sub(1, y))),
  );
}

/**
 * 1/(1+2^(−k x)): backward dy · k ln2 · y (1 − y). Broken: forgets the ln 2 (differentiates 2^u as if
 * it were e^u). Note that forgetting the whole factor k ln2 would go unnoticed for k = 1.44, since
 * 1.44 · ln 2 ≈ 0.998 — which is exactly why 2^(1.44x) approximates e^x.
 */
export function sigmoidApproxOp(tf: typeof TF, k = 1.44, o: OpOptions = {}): UnaryOp {
  return unaryOp(
    tf,
    (x) => tf.div(1, tf.add(1, tf.pow(2, tf.mul(-k, x)))),
    (dy, y) => tf.mul(dy, tf.mul(o.broken ? k : k * Math.LN2, tf.mul(y, tf.sub(1, y)))),
  );
}

export type CheckedOp = 'tanh' | 'sigmoid' | 'sigmoid-approx';

/** The op and, in float64, the very formula its backward pass uses (correct or broken), for gradcheck64. */
export function opAndReference(tf: typeof TF, name: CheckedOp, broken: boolean) {
  const k = 1.44;
  switch (name) {
    case 'tanh':
      return {
        op: tanhOp(tf, { broken }),
        f: Math.tanh,
        df: (x: number) => (broken ? 1 - Math.tanh(x) : 1 - Math.tanh(x) ** 2),
      };
    case 'sigmoid': {
      const s = (x: number) => 1 / (1 + Math.exp(-x));
      return {
        op: sigmoidOp(tf, { broken }),
        f: s,
        df: (x: number) => (broken ? s(x) : s(x) * (1 - s(x))),
      };
    }
    case 'sigmoid-approx': {
      const a = (x: number) => 1 / (1 + 2 ** (-k * x));
      return {
        op: sigmoidApproxOp(tf, k, { broken }),
        f: a,
        df: (x: number) => (broken ? k : k * Math.LN2) * a(x) * (1 - a(x)),
      };
    }
  }
}
