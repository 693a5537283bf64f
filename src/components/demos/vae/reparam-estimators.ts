/**
 * The reparameterisation trick on its own (part 1 of the gen-vae demo): the gradient of E[z²] for
 * z ~ N(μ, σ²) exactly, by the pathwise and the score-function estimators (float64, the same seeded
 * noise), and pathwise by autodiff on the page's backend; a table and a sentence on the estimators'
 * spread. Maths in src/lib/generative/reparam.ts.
 */
import { count, fillTable, num } from '../../demo/index.ts';
import type { DemoContext } from '../../demo/runtime.ts';
import {
  REPARAM_EXAMPLE,
  compareGradientEstimators,
  pathwiseGradientTf,
} from '../../../lib/generative/reparam.ts';
import { normalArray, rng } from '../../../lib/util/random.ts';

const { mu: MU, sigma: SIGMA, draws: DRAWS } = REPARAM_EXAMPLE;
const pm = (s: { mean: number; std: number }) =>
  `${num(s.mean, 3)} (one sample: ± ${num(s.std, 2)})`;

/** Fill the outputs estimators (a table) and spread. */
export async function showEstimators(ctx: Pick<DemoContext, 'tf' | 'backend' | 'out'>) {
  const c = compareGradientEstimators(MU, SIGMA, DRAWS, 7);
  const g = await pathwiseGradientTf(ctx.tf, MU, SIGMA, normalArray(DRAWS, 1, rng(7)));
  fillTable(ctx.out('estimators'), {
    head: [`${count(DRAWS)} samples`, '∂/∂μ', '∂/∂σ'],
    rowHeaders: true,
    rows: [
      [`exact (2μ, 2σ)`, num(c.exact.dMu, 3), num(c.exact.dSigma, 3)],
      ['pathwise, through z = μ + σε', pm(c.pathwise.dMu), pm(c.pathwise.dSigma)],
      [`pathwise by tf.grad on ${ctx.backend.name}`, num(g.dMu, 3), num(g.dSigma, 3)],
      ['score function (no trick)', pm(c.score.dMu), pm(c.score.dSigma)],
    ],
  });
  const ratio = (score: { std: number }, path: { std: number }) => num(score.std / path.std, 1);
  ctx.out('spread').textContent =
    `Both estimators are unbiased; the spread of a single-sample estimate is ${ratio(c.score.dMu, c.pathwise.dMu)}× (μ) and ${ratio(c.score.dSigma, c.pathwise.dSigma)}× (σ) larger without the trick.`;
}
