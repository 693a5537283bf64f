/** The references of the update-rule self-checks (src/lib/selfcheck/update-rules.ts) against TensorFlow.js's optimiser, regulariser and autodiff. */
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  gradientStep,
  l1PenalisedGradient,
  penalisedCost,
} from '../../src/lib/selfcheck/update-rules.ts';

describe('update rules', async () => {
  const { tf } = await nodeTf('cpu');
  const cases = [
    [0.7, 0.1, -2],
    [-1.5, 0.03, 4],
    [3, 1, 0.25],
  ] as const;

  it.each(cases)('θ = %d, η = %d, g = %d: one step of tf.train.sgd', (theta, eta, g) => {
    const v = tf.variable(tf.scalar(theta));
    const opt = tf.train.sgd(eta);
    const grad = tf.scalar(g);
    opt.applyGradients([{ name: v.name, tensor: grad }]);
    expect(v.dataSync()[0]).toBeCloseTo(gradientStep(theta, eta, g), 6);
    tf.dispose([v, grad]);
    opt.dispose();
  });

  it("the cost with an L2 penalty: J plus tfjs's l2 regulariser of the weights", () => {
    const w = tf.tensor1d([0.5, -1.2, 2]);
    const alpha = 0.01;
    const j = 1.75;
    const reg = tf.tidy(() => tf.regularizers.l2({ l2: alpha }).apply(w).dataSync()[0]!);
    const omega = w.square().sum().dataSync()[0]!;
    expect(penalisedCost(j, alpha, omega)).toBeCloseTo(j + reg, 6);
    w.dispose();
  });

  it.each(cases)('w = %d, α = %d, g = %d: the gradient of α|w| + g·w by tf.grad', (w, alpha, g) => {
    const grad = tf.tidy(
      () =>
        tf
          .grad((x: import('@tensorflow/tfjs').Tensor) =>
            tf.add(tf.mul(alpha, tf.abs(x)), tf.mul(g, x)),
          )(tf.scalar(w))
          .dataSync()[0]!,
    );
    expect(l1PenalisedGradient(w, alpha, g)).toBeCloseTo(grad, 6);
  });
});
