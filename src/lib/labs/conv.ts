/**
 * A stride-1, 'valid' 2-D convolution that can be trained on every tfjs backend.
 *
 * tfjs's WebAssembly backend (4.x) has the forward convolution and the input gradient
 * (Conv2DBackpropInput) but no kernel for the filter gradient (Conv2DBackpropFilter), so training
 * any convolution there throws. When the active backend lacks that kernel, this op supplies the
 * filter gradient itself, using the fact that it is again a convolution:
 *   ∂L/∂K[a, b, ci, co] = Σ_{n,i,j} x[n, i+a, j+b, ci] · g[n, i, j, co]
 * is a 'valid' convolution of x (with the batch axis n playing the role of input channels and ci
 * that of the batch) by the upstream gradient g (an oh×ow filter with n inputs and co outputs).
 * Two transposes in, one conv2d, one transpose out. Elsewhere the op is plain tf.conv2d. The input
 * gradient is likewise written as a forward convolution (`inputGradient`), the fast path on wasm.
 * `conv3x3` is the 'same'-padded 3×3 convolution built on it.
 */
import type * as TF from '@tensorflow/tfjs';

/** True when the active backend can differentiate tf.conv2d with respect to its filter. */
export function hasFilterGradient(tf: typeof TF): boolean {
  return tf.getKernel('Conv2DBackpropFilter', tf.getBackend()) !== undefined;
}

/** Filter gradient of a stride-1 'valid' convolution, computed as a forward convolution. */
export function filterGradient(tf: typeof TF, x: TF.Tensor4D, g: TF.Tensor4D): TF.Tensor4D {
  return tf.tidy(() => {
    const xT = tf.transpose(x, [3, 1, 2, 0]); // [ci, h, w, n]
    const gT = tf.transpose(g, [1, 2, 0, 3]); // [oh, ow, n, co]
    return tf.transpose(tf.conv2d(xT, gT, 1, 'valid'), [1, 2, 0, 3]); // [ci, kh, kw, co] → [kh, kw, ci, co]
  });
}

/**
 * Input gradient of a stride-1 'valid' convolution, computed as a forward ('full') convolution of the
 * upstream gradient with the filter turned by 180° and its channel axes swapped:
 *   ∂L/∂x = conv2d(pad(g, kh−1, kw−1), rot180(K)ᵀ, 'valid').
 * The same numbers as tf.conv2dTranspose, which on the WebAssembly backend (tfjs 4.22) is about six
 * times slower than this (measured on the MNIST CNN's second layer, batch 64).
 */
export function inputGradient(tf: typeof TF, g: TF.Tensor4D, filter: TF.Tensor4D): TF.Tensor4D {
  return tf.tidy(() => {
    const [kh, kw] = filter.shape;
    const turned = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [kh, kw, co, ci]
    return tf.conv2d(
      tf.pad(g, [
        [0, 0],
        [kh - 1, kh - 1],
        [kw - 1, kw - 1],
        [0, 0],
      ]),
      turned,
      1,
      'valid',
    );
  });
}

export interface ConvOptions {
  /** Use the hand-written backward pass (default: only when the backend lacks the filter kernel). */
  portable?: boolean;
  /** False when x is data, not a computed tensor: the portable backward pass then skips ∂L/∂x. */
  inputGradient?: boolean;
}

/**
 * conv2d(x, filter), stride 1, no padding. On the portable path the backward pass uses
 * `filterGradient` and tf.conv2dTranspose instead of tf.conv2d's own gradient.
 */
export function conv2dValid(
  tf: typeof TF,
  x: TF.Tensor4D,
  filter: TF.Tensor4D,
  options: ConvOptions = {},
): TF.Tensor4D {
  const portable = options.portable ?? !hasFilterGradient(tf);
  if (!portable) return tf.conv2d(x, filter, 1, 'valid');
  const op = tf.customGrad((...args: (TF.Tensor | TF.GradSaveFunc)[]) => {
    const [xi, fi, save] = args as [TF.Tensor4D, TF.Tensor4D, TF.GradSaveFunc];
    save([xi, fi]);
    return {
      value: tf.conv2d(xi, fi, 1, 'valid'),
      gradFunc: (dy: TF.Tensor, saved: TF.Tensor[]) => {
        const [xs, fs] = saved as [TF.Tensor4D, TF.Tensor4D];
        return [
          options.inputGradient === false
            ? tf.zerosLike(xs)
            : inputGradient(tf, dy as TF.Tensor4D, fs),
          filterGradient(tf, xs, dy as TF.Tensor4D),
        ];
      },
    };
  });
  return op(x, filter) as TF.Tensor4D;
}

/** A 3×3 convolution with 'same' padding (pad by one, then a valid convolution). */
export function conv3x3(
  tf: typeof TF,
  x: TF.Tensor4D,
  k: TF.Tensor4D,
  inputGradient = true,
): TF.Tensor4D {
  return conv2dValid(
    tf,
    tf.pad(x, [
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ]),
    k,
    { inputGradient },
  );
}
