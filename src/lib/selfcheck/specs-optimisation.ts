/**
 * Self-checks of optimisation and regularisation questions: the gradient-descent update (nn-070), the
 * distances of nn-081's vectors, the standard normal's moments (nn-091), the penalised cost (nn-098)
 * and the gradient of the L1-penalised objective (nn-107). Values come from the src/lib functions the
 * pages print from; nn-081's distance names are its answer key (./answer-keys.ts), and these parts follow it.
 */
import { normalPdf } from '../layers/gaussian.ts';
import { distanceTerms } from '../optim/distances.ts';
import { NN081_VECTORS } from '../optim/distance-question.ts';
import { evenPoints, formulaExpect } from './formula.ts';
import type { SelfCheckSpec } from './types.ts';
import { gradientStep, l1PenalisedGradient, penalisedCost } from './update-rules.ts';

/** Three-variable formulas are checked on a 3 × 3 × 3 grid (the first variable kept away from 0 where it takes a sign). */
const grid = (a: number[], b: number[], c: number[]) =>
  a.flatMap((x) => b.flatMap((y) => c.map((z) => [x, y, z])));
const spread = evenPoints(-2, 2, 3);
const positive = [0.01, 0.3, 1.5];
const nonZero = [-1.5, -0.2, 0.7];
const worked = distanceTerms(NN081_VECTORS.x1, NN081_VECTORS.x2);

/** Mean and variance of the page's normal density at its default (standard) parameters, by the trapezoid rule on [−12, 12]. */
function standardMoments(): { mean: number; variance: number } {
  const h = 1e-3;
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i <= 24_000; i++) {
    const x = -12 + i * h;
    const w = (i === 0 || i === 24_000 ? h / 2 : h) * normalPdf(x);
    m0 += w;
    m1 += w * x;
    m2 += w * x * x;
  }
  const mean = m1 / m0;
  /** To 9 decimals (and +0, never −0): what is left below that is quadrature error. */
  const clean = (v: number) => Math.round(v * 1e9) / 1e9 + 0;
  return { mean: clean(mean), variance: clean(m2 / m0 - mean * mean) };
}
const moments = standardMoments();
const within = { tol: 0.0005 } as const;

export const OPTIMISATION_SPECS: SelfCheckSpec[] = [
  {
    id: 'nn-070',
    parts: [
      {
        label: 'the new θ, as a formula in θ, η (learning rate) and g (the gradient at θ)',
        expect: formulaExpect({
          vars: ['theta', 'eta', 'g'],
          points: grid(spread, positive, spread),
          reference: gradientStep,
          relTol: 1e-9,
          answer: 'θ − η g',
          hint: 'write θ as theta, η as eta',
        }),
      },
    ],
  },
  {
    id: 'nn-081',
    parts: [
      {
        label: `Manhattan distance of x1 and x2`,
        expect: { kind: 'number', value: worked.manhattan, rule: { exact: true } },
      },
      {
        label: `Euclidean distance of x1 and x2`,
        expect: { kind: 'number', value: worked.euclidean, rule: { tol: 0.005 } },
      },
    ],
  },
  {
    id: 'nn-091',
    parts: [
      {
        label: 'mean of the standard normal',
        expect: { kind: 'number', value: moments.mean, rule: within },
      },
      {
        label: 'variance of the standard normal',
        expect: { kind: 'number', value: moments.variance, rule: within },
      },
    ],
  },
  {
    id: 'nn-098',
    parts: [
      {
        label: 'the penalised cost J̃, as a formula in J (the cost), α and Ω (the norm penalty)',
        expect: formulaExpect({
          vars: ['J', 'alpha', 'Omega'],
          points: grid(spread, positive, positive),
          reference: penalisedCost,
          relTol: 1e-9,
          answer: 'J + α Ω',
          hint: 'write α as alpha, Ω as Omega',
        }),
      },
    ],
  },
  {
    id: 'nn-107',
    parts: [
      {
        label: '∂/∂w of α|w| + J(w) for one weight w ≠ 0, as a formula in w, α and g = ∂J/∂w',
        expect: formulaExpect({
          vars: ['w', 'alpha', 'g'],
          points: grid(nonZero, positive, spread),
          reference: l1PenalisedGradient,
          relTol: 1e-9,
          answer: 'α sign(w) + g',
          hint: 'write α as alpha; sign(w) is −1, 0 or 1',
        }),
      },
    ],
  },
];
