/**
 * One dense layer, act(x·w + b), with a hand-written gradient that takes each backend's fast kernels.
 *
 * tfjs's own gradient of matMul uses the transposed products dz·wᵀ and xᵀ·dz through matMul's
 * transposeA/transposeB flags. On the WebAssembly backend (tfjs 4.22, XNNPACK) those flags select a
 * path more than ten times slower than a plain product, while an explicit `tf.transpose` followed by a
 * plain product costs little more than the product (measured by scripts/bench.ts --kernels). On WebGL,
 * WebGPU and the CPU backend the flags only change how the kernel indexes memory, so there they stay.
 *
 * The gradients are lazy: a product is computed only for an input that lies on the path to the
 * differentiated variables (tfjs prunes the tape), so the first layer of a network being trained does
 * not pay for the gradient of its input, while an attack that differentiates with respect to the input
 * still gets it.
 */
import type * as TF from '@tensorflow/tfjs';

export type Activation = 'relu' | 'linear' | 'sigmoid' | 'tanh' | 'elu' | 'leakyrelu';

/** The slope of 'leakyrelu' for negative inputs (tf.leakyRelu's default is 0.2; ours is 0.01). */
export const LEAKY_RELU_SLOPE = 0.01;

/** Activations that every backend's _FusedMatMul kernel applies in the same kernel as the product. */
const FUSED: ReadonlySet<Activation> = new Set(['relu', 'linear', 'sigmoid', 'elu', 'leakyrelu']);

/** Backends on which a transposed product is much slower than an explicit transpose + plain product. */
export function prefersExplicitTranspose(backendName: string): boolean {
  return backendName === 'wasm';
}

/** a·bᵀ on the backend's fast path. */
function matMulBT(tf: typeof TF, a: TF.Tensor2D, b: TF.Tensor2D, explicit: boolean): TF.Tensor2D {
  return explicit ? tf.matMul(a, tf.transpose(b)) : tf.matMul(a, b, false, true);
}

/** aᵀ·b on the backend's fast path. */
function matMulAT(tf: typeof TF, a: TF.Tensor2D, b: TF.Tensor2D, explicit: boolean): TF.Tensor2D {
  return explicit ? tf.matMul(tf.transpose(a), b) : tf.matMul(a, b, true, false);
}

/**
 * act(x·w + b) in one kernel. Called directly rather than through tf.fused.matMul, because that op
 * splits itself into matMul, add and activation whenever a gradient is being recorded (it cannot
 * differentiate the fused kernel) — and during training one is.
 */
function fusedKernel(
  tf: typeof TF,
  x: TF.Tensor2D,
  w: TF.Tensor2D,
  b: TF.Tensor1D | null,
  activation: Activation,
): TF.Tensor2D {
  const [n, k] = x.shape;
  const m = w.shape[1];
  const out = tf.engine().runKernel(
    '_FusedMatMul',
    {
      a: tf.reshape(x, [1, n, k]),
      b: tf.reshape(w, [1, k, m]),
      bias: b ?? undefined,
    } as unknown as TF.NamedTensorMap,
    { transposeA: false, transposeB: false, activation, leakyreluAlpha: LEAKY_RELU_SLOPE },
  ) as TF.Tensor;
  return tf.reshape(out, [n, m]);
}

/**
 * dL/dz from dL/dy, written with the layer's output y = act(z) (so z need not be kept):
 * relu 1[y>0]; sigmoid y(1−y); tanh 1−y²; elu 1 for y>0 else y+1; leakyrelu 1 for y>0 else slope.
 */
function activationGrad(
  tf: typeof TF,
  dy: TF.Tensor2D,
  y: TF.Tensor2D,
  activation: Activation,
): TF.Tensor2D {
  switch (activation) {
    case 'linear':
      return dy;
    case 'relu':
      return tf.mul(dy, tf.step(y));
    case 'leakyrelu':
      return tf.mul(dy, tf.step(y, LEAKY_RELU_SLOPE));
    case 'sigmoid':
      return tf.mul(dy, tf.mul(y, tf.sub(1, y)));
    case 'tanh':
      return tf.mul(dy, tf.sub(1, tf.square(y)));
    case 'elu':
      return tf.mul(dy, tf.where(tf.greater(y, 0), tf.onesLike(y), tf.add(y, 1)));
  }
}

/** act(x·w + b) for x [n, in], w [in, out], b [out] (or null for no bias). */
export function dense(
  tf: typeof TF,
  x: TF.Tensor2D,
  w: TF.Tensor2D,
  b: TF.Tensor1D | null,
  activation: Activation = 'linear',
): TF.Tensor2D {
  const explicit = prefersExplicitTranspose(tf.getBackend());
  const inputs: Record<string, TF.Tensor> = b ? { x, w, b } : { x, w };
  const engine = tf.engine() as unknown as {
    runKernelFunc(params: {
      forwardFunc: (backend: unknown, save: (ts: TF.Tensor[]) => void) => TF.Tensor;
      backwardsFunc: (dy: TF.Tensor, saved: TF.Tensor[]) => Record<string, () => TF.Tensor>;
      inputs: Record<string, TF.Tensor>;
    }): TF.Tensor;
  };
  return engine.runKernelFunc({
    inputs,
    forwardFunc: (_backend, save) => {
      const y = FUSED.has(activation)
        ? fusedKernel(tf, x, w, b, activation)
        : tf.tanh(fusedKernel(tf, x, w, b, 'linear'));
      save([x, w, y]);
      return y;
    },
    backwardsFunc: (dy, saved) => {
      const [xs, ws, ys] = saved as [TF.Tensor2D, TF.Tensor2D, TF.Tensor2D];
      // dz is needed by every gradient (the node is on the tape only if some input needs one), so it is
      // computed once here; it lives in tfjs's backward-pass scope, which frees it when backprop ends.
      const dz = activationGrad(tf, dy as TF.Tensor2D, ys, activation);
      const grads: Record<string, () => TF.Tensor> = {
        x: () => matMulBT(tf, dz, ws, explicit),
        w: () => matMulAT(tf, xs, dz, explicit),
      };
      if (b) grads.b = () => tf.sum(dz, 0);
      return grads;
    },
  }) as TF.Tensor2D;
}
