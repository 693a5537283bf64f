/**
 * The update rule and the penalised objectives that the optimisation and regularisation pages state
 * (nn-070, nn-098, nn-107), for one parameter: the references their formula self-checks are judged
 * against. tests/unit/selfcheck-update-rules.test.ts checks them against TensorFlow.js's own SGD
 * optimiser and automatic differentiation.
 */

/** Plain gradient descent: θ − η·g, for a parameter θ with gradient g and learning rate η. */
export const gradientStep = (theta: number, eta: number, g: number): number => theta - eta * g;

/** A cost with a parameter-norm penalty: J + α·Ω, for the unpenalised cost J and the penalty Ω. */
export const penalisedCost = (j: number, alpha: number, omega: number): number => j + alpha * omega;

/**
 * Gradient of the L1-penalised objective J(w) + α·|w| at w ≠ 0, for one weight w with ∂J/∂w = g:
 * α·sign(w) + g.
 */
export const l1PenalisedGradient = (w: number, alpha: number, g: number): number =>
  alpha * Math.sign(w) + g;
