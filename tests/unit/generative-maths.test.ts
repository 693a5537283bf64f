/**
 * The maths behind the generative-quiz demos: the VAE's KL term (closed form vs Monte Carlo), the
 * reparameterised gradient, the two GAN generator losses (autodiff vs closed form vs finite
 * differences), and the Bayes calculator (vs hand computation).
 */
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { rng } from '../../src/lib/util/random.ts';
import { klMonteCarlo, klTerm, klToStdNormal } from '../../src/lib/generative/kl.ts';
import {
  compareGradientEstimators,
  pathwiseGradientTf,
  reparameterise,
} from '../../src/lib/generative/reparam.ts';
import {
  centralDifference,
  dGrid,
  logit,
  lossCurves,
  lossCurvesTf,
  maxAbsDiff,
  nonSaturatingGrad,
  nonSaturatingLoss,
  saturatingGrad,
  saturatingLoss,
  sigmoid,
} from '../../src/lib/generative/gan-losses.ts';
import { bayesRoom, parseNumber } from '../../src/lib/generative/bayes.ts';

describe('KL[N(μ, σ²) ‖ N(0, I)]', async () => {
  const { tf } = await nodeTf('cpu');

  it('is zero at the prior and matches a hand computation', () => {
    expect(klToStdNormal([0, 0, 0], [0, 0, 0])).toBe(0);
    // One dimension, μ = 1, σ² = e: ½ (1 + e − 1 − 1) = (e − 1)/2.
    expect(klToStdNormal([1], [1])).toBeCloseTo((Math.E - 1) / 2, 12);
    // Dimensions add.
    expect(klToStdNormal([1, -0.5], [1, -2])).toBeCloseTo(
      klToStdNormal([1], [1]) + klToStdNormal([-0.5], [-2]),
      12,
    );
  });

  it('the closed form agrees with a Monte-Carlo estimate within 4 standard errors', () => {
    const cases: [number[], number[]][] = [
      [
        [0.3, -1.2, 2],
        [-0.5, 0.4, -1.5],
      ],
      [
        [0, 0],
        [1.5, -1],
      ],
      [[2.5], [0]],
    ];
    for (const [i, [mu, lv]] of cases.entries()) {
      const exact = klToStdNormal(mu, lv);
      const mc = klMonteCarlo(mu, lv, 200_000, rng(100 + i));
      expect(mc.stderr).toBeGreaterThan(0);
      expect(Math.abs(mc.mean - exact)).toBeLessThan(4 * mc.stderr);
      expect(Math.abs(mc.mean - exact) / exact).toBeLessThan(0.02);
    }
  });

  it('the tfjs version used in the VAE loss equals the float64 closed form per row', async () => {
    const mu = [
      [0.3, -1.2],
      [2, 0],
      [0, 0],
    ];
    const lv = [
      [-0.5, 0.4],
      [-1.5, 1],
      [0, 0],
    ];
    const before = tf.memory().numTensors;
    const t = tf.tidy(() => klTerm(tf, tf.tensor2d(mu), tf.tensor2d(lv)));
    const got = await t.data();
    t.dispose();
    mu.forEach((m, i) => expect(got[i]).toBeCloseTo(klToStdNormal(m, lv[i]!), 5));
    expect(got[2]).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the reparameterisation trick', async () => {
  const { tf } = await nodeTf('cpu');

  it('z = μ + σ ε has mean μ and standard deviation σ', async () => {
    const n = 20_000;
    const r = rng(3);
    const eps = Float32Array.from({ length: n }, () => r.normal());
    const z = tf.tidy(() =>
      reparameterise(tf, tf.fill([n], 1.5), tf.fill([n], Math.log(0.25)), tf.tensor1d(eps)),
    );
    const v = Array.from(await z.data());
    z.dispose();
    const mean = v.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    expect(Math.abs(mean - 1.5)).toBeLessThan(4 * (0.5 / Math.sqrt(n)));
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.02);
  });

  it('pathwise and score-function estimators are both unbiased for ∇E[z²] = (2μ, 2σ), the pathwise one with far less variance', () => {
    const c = compareGradientEstimators(0.8, 0.6, 100_000, 5);
    expect(c.exact).toEqual({ dMu: 1.6, dSigma: 1.2 });
    for (const est of [c.pathwise, c.score]) {
      expect(Math.abs(est.dMu.mean - c.exact.dMu)).toBeLessThan(
        (5 * est.dMu.std) / Math.sqrt(c.samples),
      );
      expect(Math.abs(est.dSigma.mean - c.exact.dSigma)).toBeLessThan(
        (5 * est.dSigma.std) / Math.sqrt(c.samples),
      );
    }
    // Var of the pathwise d/dμ estimate 2z is 4σ² exactly.
    expect(c.pathwise.dMu.std).toBeCloseTo(2 * 0.6, 1);
    expect(c.score.dMu.std).toBeGreaterThan(2 * c.pathwise.dMu.std);
    expect(c.score.dSigma.std).toBeGreaterThan(2 * c.pathwise.dSigma.std);
  });

  it('tfjs autodiff through μ + σ ε gives the pathwise gradient mean(2z), mean(2zε)', async () => {
    const r = rng(9);
    const eps = Float32Array.from({ length: 64 }, () => r.normal());
    const before = tf.memory().numTensors;
    const g = await pathwiseGradientTf(tf, 0.8, 0.6, eps);
    expect(tf.memory().numTensors).toBe(before);
    let dm = 0;
    let ds = 0;
    for (const e of eps) {
      dm += 2 * (0.8 + 0.6 * e);
      ds += 2 * (0.8 + 0.6 * e) * e;
    }
    expect(g.dMu).toBeCloseTo(dm / eps.length, 4);
    expect(g.dSigma).toBeCloseTo(ds / eps.length, 4);
  });
});

describe('GAN generator losses log(1 − D(G(z))) and −log D(G(z))', async () => {
  const { tf } = await nodeTf('cpu');
  const d = dGrid(41);

  it('the closed forms equal the textbook expressions in d = σ(s)', () => {
    for (const di of d) {
      const s = logit(di);
      expect(sigmoid(s)).toBeCloseTo(di, 12);
      expect(saturatingLoss(s)).toBeCloseTo(Math.log(1 - di), 10);
      expect(nonSaturatingLoss(s)).toBeCloseTo(-Math.log(di), 10);
      expect(saturatingGrad(s)).toBeCloseTo(-di, 12);
      expect(nonSaturatingGrad(s)).toBeCloseTo(-(1 - di), 12);
    }
  });

  it('the derivatives with respect to the logit match central differences (float64)', () => {
    for (const s of [-9, -4, -1, -0.1, 0, 0.7, 3, 8]) {
      expect(Math.abs(saturatingGrad(s) - centralDifference(saturatingLoss, s))).toBeLessThan(1e-8);
      expect(Math.abs(nonSaturatingGrad(s) - centralDifference(nonSaturatingLoss, s))).toBeLessThan(
        1e-8,
      );
    }
  });

  it('tfjs autodiff reproduces losses and derivatives, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const t = await lossCurvesTf(tf, d);
    expect(tf.memory().numTensors).toBe(before);
    const ref = lossCurves(d);
    expect(maxAbsDiff(t.saturating, ref.saturating)).toBeLessThan(1e-4);
    expect(maxAbsDiff(t.nonSaturating, ref.nonSaturating)).toBeLessThan(1e-4);
    expect(maxAbsDiff(t.saturatingGrad, ref.saturatingGrad)).toBeLessThan(1e-5);
    expect(maxAbsDiff(t.nonSaturatingGrad, ref.nonSaturatingGrad)).toBeLessThan(1e-5);
  });

  it('when D confidently rejects fakes (d → 0) the saturating gradient vanishes and the other stays near −1', () => {
    const s = logit(0.001);
    expect(Math.abs(saturatingGrad(s))).toBeLessThan(0.0011);
    expect(nonSaturatingGrad(s)).toBeLessThan(-0.998);
    // Both losses fall as d rises: the same direction of improvement for G.
    const c = lossCurves(d);
    for (let i = 1; i < d.length; i++) {
      expect(c.saturating[i]!).toBeLessThan(c.saturating[i - 1]!);
      expect(c.nonSaturating[i]!).toBeLessThan(c.nonSaturating[i - 1]!);
    }
    expect(() => dGrid(5, 0, 1)).toThrow();
  });
});

describe('Bayes calculator for the translation room', () => {
  /** The room of the hand computations: P(U) = 0.2, p₁ = 0.9, p₀ = 0.3. */
  const room = { priorUnderstands: 0.2, pCorrectIfUnderstands: 0.9, pCorrectIfNot: 0.3 };
  /** That room after one translation, which was correct. */
  const oneCorrect = { ...room, n: 1, k: 1 };

  it('matches a hand computation for one correct translation', () => {
    // P(U) = 0.2, p₁ = 0.9, p₀ = 0.3: P(U | correct) = 0.18 / (0.18 + 0.24) = 3/7.
    const r = bayesRoom(oneCorrect);
    if (!r.ok) throw new Error(r.message);
    expect(r.posteriorUnderstands).toBeCloseTo(3 / 7, 12);
    expect(r.likelihoodRatio).toBeCloseTo(3, 12);
    expect(r.priorOdds).toBeCloseTo(0.25, 12);
    expect(r.posteriorOdds).toBeCloseTo(0.75, 12);
    expect(r.decision).toBe('does not understand');
  });

  it('k of n translations: posterior odds = prior odds · (p₁/p₀)^k · ((1−p₁)/(1−p₀))^(n−k)', () => {
    const r = bayesRoom({ ...room, n: 5, k: 4 });
    if (!r.ok) throw new Error(r.message);
    const odds = 0.25 * 3 ** 4 * (0.1 / 0.7);
    expect(r.posteriorOdds).toBeCloseTo(odds, 10);
    expect(r.posteriorUnderstands).toBeCloseTo(odds / (1 + odds), 12);
    expect(r.decision).toBe('understands');
    // Many translations do not underflow.
    const big = bayesRoom({ ...room, n: 5000, k: 4500 });
    expect(big.ok && big.posteriorUnderstands).toBe(1);
  });

  it('equal rates leave the prior unchanged (the "0.8" answer is only right then)', () => {
    const r = bayesRoom({
      priorUnderstands: 0.2,
      pCorrectIfUnderstands: 0.6,
      pCorrectIfNot: 0.6,
      n: 3,
      k: 2,
    });
    expect(r.ok && r.posteriorNot).toBeCloseTo(0.8, 12);
  });

  it('certainty needs a zero rate; costs move the decision', () => {
    const sure = bayesRoom({ ...oneCorrect, pCorrectIfNot: 0 });
    expect(sure.ok && sure.posteriorUnderstands).toBe(1);
    // P(U | e) = 3/7: with equal costs say "does not"; if a wrong "does not" costs 2× more, say "understands".
    expect(
      bayesRoom({ ...oneCorrect, costRatio: 0.5 }).ok &&
        (bayesRoom({ ...oneCorrect, costRatio: 0.5 }) as { decision: string }).decision,
    ).toBe('understands');
    expect((bayesRoom({ ...oneCorrect, costRatio: 0.75 }) as { decision: string }).decision).toBe(
      'either',
    );
  });

  it('bad input gives a clear message instead of a number', () => {
    const msg = (x: Partial<typeof oneCorrect> & { costRatio?: number }) => {
      const r = bayesRoom({ ...oneCorrect, ...x });
      return r.ok ? '' : r.message;
    };
    expect(msg({ priorUnderstands: 1.2 })).toMatch(/prior .* between 0 and 1/);
    expect(msg({ pCorrectIfNot: NaN })).toMatch(/does not understand\) must be a probability/);
    expect(msg({ k: 3 })).toMatch(/cannot exceed n = 1/);
    expect(msg({ n: 2.5 })).toMatch(/whole number/);
    expect(msg({ costRatio: 0 })).toMatch(/positive/);
    expect(msg({ pCorrectIfUnderstands: 0, pCorrectIfNot: 0 })).toMatch(/impossible under both/);
    expect(parseNumber(' 0.25 ')).toBe(0.25);
    expect(parseNumber('0.5abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
  });
});
