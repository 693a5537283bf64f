/** The lab's activations evaluated with tfjs built-in ops on the active backend, with autodiff gradients. */
import type * as TF from '@tensorflow/tfjs';

export type ActivationName =
  'sigmoid' | 'sigmoid-approx' | 'tanh' | 'relu' | 'leaky-relu' | 'swish';

export function tfActivation(
  tf: typeof TF,
  name: ActivationName,
  p: number,
): (x: TF.Tensor) => TF.Tensor {
  switch (name) {
    case 'sigmoid':
      return (x) => tf.sigmoid(tf.mul(p, x));
    case 'sigmoid-approx':
      return (x) => tf.div(1, tf.add(1, tf.pow(2, tf.mul(-p, x))));
    case 'tanh':
      return (x) => tf.tanh(x);
    case 'relu':
      return (x) => tf.relu(x);
    case 'leaky-relu':
      return (x) => tf.prelu(x, tf.scalar(p));
    case 'swish':
      return (x) => tf.mul(x, tf.sigmoid(tf.mul(p, x)));
  }
}

/** f(xs) and f'(xs) via tf.grad, read back to the CPU. Leaves no tensors behind. */
export async function activationOnBackend(
  tf: typeof TF,
  name: ActivationName,
  p: number,
  xs: number[],
): Promise<{ value: Float32Array; grad: Float32Array }> {
  const f = tfActivation(tf, name, p);
  const [v, g] = tf.tidy(() => {
    const x = tf.tensor1d(xs);
    return [f(x), tf.grad((t: TF.Tensor) => tf.sum(f(t)))(x)];
  });
  const value = (await v.data()) as Float32Array;
  const grad = (await g.data()) as Float32Array;
  tf.dispose([v, g]);
  return { value, grad };
}
