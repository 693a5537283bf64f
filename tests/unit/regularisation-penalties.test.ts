import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  gram,
  maxAbsDiff,
  solve,
  symmetricEigen,
  xty,
} from '../../src/lib/regularisation/linalg.ts';
import {
  coefficientPaths,
  dataGradient,
  lassoAlphaMax,
  lassoCD,
  lassoKktViolation,
  logGrid,
  makeRegression,
  minPenaltyOverRescaling,
  noisyInputLeastSquares,
  objective,
  ridge,
  ridgeTowards,
  ridgeViaEigen,
  softThreshold,
} from '../../src/lib/regularisation/penalised-regression.ts';
import { fitLinear } from '../../src/lib/regularisation/linear-fit.ts';
import {
  decayFactor,
  halfLifeSteps,
  maxCurvature,
  weightDecayRun,
  withDeadFeature,
} from '../../src/lib/regularisation/weight-decay.ts';

describe('L2 and L1 penalties on linear regression', async () => {
  const { tf } = await nodeTf('cpu');
  const D = makeRegression({ seed: 1 });

  it('float64 helpers: solve and the Jacobi eigen-decomposition reconstruct their inputs', () => {
    const A = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const x = solve(A, [1, 2, 3]);
    expect(
      maxAbsDiff(
        A.map((r) => r.reduce((s, v, j) => s + v * x[j]!, 0)),
        [1, 2, 3],
      ),
    ).toBeLessThan(1e-12);
    const { values, vectors } = symmetricEigen(A);
    for (let i = 0; i < 3; i++) {
      const q = vectors.map((r) => r[i]!);
      const Aq = A.map((r) => r.reduce((s, v, j) => s + v * q[j]!, 0));
      expect(
        maxAbsDiff(
          Aq,
          q.map((v) => values[i]! * v),
        ),
      ).toBeLessThan(1e-10);
    }
    expect(values[0]).toBeGreaterThan(values[2]!);
  });

  it('the data is standardised: XᵀX/n has a unit diagonal and y is centred', () => {
    const H = gram(D.X, D.X.n);
    H.forEach((r, j) => expect(r[j]).toBeCloseTo(1, 12));
    expect(D.y.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 10);
  });

  it('ridge: the closed form zeroes the gradient, equals λ/(λ+α) shrinkage in the eigenbasis, and shrinks the norm monotonically', () => {
    const alpha = 0.5;
    const w = ridge(D.X, D.y, alpha);
    const g = dataGradient(D.X, D.y, w).map((v, j) => v + alpha * w[j]!);
    expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-12);
    const e = ridgeViaEigen(D.X, D.y, alpha);
    expect(maxAbsDiff(e.w, w)).toBeLessThan(1e-10);
    e.factors.forEach((f, i) => expect(f).toBeCloseTo(e.lambdas[i]! / (e.lambdas[i]! + alpha), 14));
    // Directions of small curvature are shrunk most.
    expect(e.factors[e.factors.length - 1]!).toBeLessThan(e.factors[0]!);
    const norms = [0, 0.1, 1, 10].map((a) => Math.hypot(...ridge(D.X, D.y, a)));
    for (let i = 1; i < norms.length; i++) expect(norms[i]!).toBeLessThan(norms[i - 1]!);
  });

  it('ridge by gradient descent on the backend (shared engine) converges to the closed form', async () => {
    const alpha = 0.5;
    const before = tf.memory().numTensors;
    const lr = 1 / (maxCurvature(D.X) + alpha);
    const r = await fitLinear(tf, D.X, D.y, { penalty: 'l2', alpha, steps: 120, learningRate: lr });
    expect(r.status).toBe('done');
    expect(maxAbsDiff(r.w, ridge(D.X, D.y, alpha))).toBeLessThan(1e-4);
    expect(r.losses[r.losses.length - 1]!).toBeLessThan(r.losses[0]!);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('lasso: coordinate descent satisfies the KKT conditions and sets irrelevant weights exactly to zero', () => {
    for (const alpha of [0.05, 0.2, 0.5]) {
      const { w } = lassoCD(D.X, D.y, alpha);
      expect(lassoKktViolation(D.X, D.y, w, alpha)).toBeLessThan(1e-9);
      expect(objective(D.X, D.y, w, alpha, 'l1')).toBeLessThanOrEqual(
        objective(
          D.X,
          D.y,
          w.map((v) => v * 1.01),
          alpha,
          'l1',
        ),
      );
    }
    const w = lassoCD(D.X, D.y, 0.5).w;
    expect(w.filter((v) => v === 0).length).toBeGreaterThanOrEqual(4);
    // The three relevant features (0, 1, 4) survive.
    expect(w[0]).toBeGreaterThan(0);
    expect(w[1]).toBeLessThan(0);
    expect(w[4]).toBeGreaterThan(0);
    // Ridge at a comparable shrinkage zeroes nothing.
    expect(ridge(D.X, D.y, 0.5).filter((v) => v === 0)).toHaveLength(0);
  });

  it('α_max = max|xⱼᵀy|/n is exactly where the lasso solution becomes all zeros', () => {
    const am = lassoAlphaMax(D.X, D.y);
    expect(lassoCD(D.X, D.y, am * 1.0001).w.every((v) => v === 0)).toBe(true);
    expect(lassoCD(D.X, D.y, am * 0.99).w.filter((v) => v !== 0)).toHaveLength(1);
  });

  it('orthonormal design: lasso = soft-thresholded least squares, ridge = least squares/(1+α)', () => {
    // Columns of a Hadamard matrix: XᵀX/n = I.
    const h = [
      [1, 1, 1, 1],
      [1, -1, 1, -1],
      [1, 1, -1, -1],
      [1, -1, -1, 1],
    ];
    const rows = [...h, ...h.map((r) => r.map((v, j) => (j === 0 ? v : -v)))];
    const X = { data: Float64Array.from(rows.flat()), n: 8, d: 4 };
    expect(
      maxAbsDiff(gram(X, 8).flat(), [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]),
    ).toBeLessThan(1e-15);
    const y = [1.3, -0.2, 0.7, 2.1, -1.1, 0.4, 0.05, -0.9];
    const ols = xty(X, y, 8);
    for (const alpha of [0.1, 0.3, 0.6]) {
      expect(
        maxAbsDiff(
          lassoCD(X, y, alpha).w,
          ols.map((v) => softThreshold(v, alpha)),
        ),
      ).toBeLessThan(1e-12);
      expect(
        maxAbsDiff(
          ridge(X, y, alpha),
          ols.map((v) => v / (1 + alpha)),
        ),
      ).toBeLessThan(1e-12);
    }
  });

  it('coefficient paths: lasso zeros grow as α grows (all zero above α_max); ridge never produces a zero', () => {
    const am = lassoAlphaMax(D.X, D.y);
    const P = coefficientPaths(D.X, D.y, logGrid(am * 1.5, am / 1000, 25));
    expect(P.lassoZeros[0]).toBe(8);
    expect(P.lassoZeros[P.lassoZeros.length - 1]!).toBeLessThanOrEqual(1);
    expect(P.ridgeZeros.every((z) => z === 0)).toBe(true);
    // Each lasso point is optimal.
    P.alphas.forEach((a, k) =>
      expect(lassoKktViolation(D.X, D.y, P.lasso[k]!, a)).toBeLessThan(1e-8),
    );
  });

  it('L1 on the backend: proximal gradient (ISTA) reaches exact zeros and the lasso solution; subgradient descent only hovers near zero', async () => {
    const alpha = 0.2;
    const lr = 1 / maxCurvature(D.X);
    const cd = lassoCD(D.X, D.y, alpha).w;
    const ista = await fitLinear(tf, D.X, D.y, {
      penalty: 'l1-prox',
      alpha,
      steps: 300,
      learningRate: lr,
    });
    expect(maxAbsDiff(ista.w, cd)).toBeLessThan(1e-4);
    cd.forEach((v, j) => expect(Math.abs(ista.w[j]!) === 0).toBe(v === 0));
    const sub = await fitLinear(tf, D.X, D.y, {
      penalty: 'l1-subgradient',
      alpha,
      steps: 300,
      learningRate: lr,
    });
    expect(Array.from(sub.w).filter((v) => v === 0)).toHaveLength(0);
    // …although its objective is close to the optimum.
    expect(
      objective(D.X, D.y, sub.w, alpha, 'l1') - objective(D.X, D.y, cd, alpha, 'l1'),
    ).toBeLessThan(0.05);
  });
});

describe('weight decay is multiplicative shrinkage', async () => {
  const { tf } = await nodeTf('cpu');

  it('with plain gradient descent an unused weight follows (1 − ηα)^t exactly, and the live weights reach the ridge solution', async () => {
    const alpha = 0.1;
    const lr = 0.2;
    const before = tf.memory().numTensors;
    const r = await weightDecayRun(tf, { alpha, learningRate: lr, steps: 60 });
    expect(r.status).toBe('done');
    expect(r.dead).toHaveLength(61);
    r.dead.forEach((v, t) => expect(Math.abs(v - r.deadPredicted[t]!)).toBeLessThan(1e-6));
    expect(r.dead[1]! / r.dead[0]!).toBeCloseTo(decayFactor(lr, alpha), 6);
    expect(maxAbsDiff(r.finalLive, r.ridgeLive)).toBeLessThan(1e-3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('one step of L2-penalised gradient descent equals (1 − ηα)w − η∇J(w)', async () => {
    const base = makeRegression({ seed: 3 });
    const alpha = 0.3;
    const lr = 0.1;
    const w0 = Array.from({ length: 8 }, (_, j) => 0.5 - 0.1 * j);
    const r = await fitLinear(tf, base.X, base.y, {
      penalty: 'l2',
      alpha,
      steps: 1,
      learningRate: lr,
      init: w0,
      recordEvery: 1,
    });
    const g = dataGradient(base.X, base.y, w0);
    const expected = w0.map((w, j) => (1 - lr * alpha) * w - lr * g[j]!);
    expect(maxAbsDiff(r.w, expected)).toBeLessThan(1e-6);
  });

  it('with Adam the same L2 term shrinks the unused weight by about η per step — additively, not geometrically', async () => {
    const lr = 0.05;
    const r = await weightDecayRun(tf, {
      alpha: 0.1,
      learningRate: lr,
      steps: 10,
      optimizer: 'adam',
    });
    // Each step removes between 0.95η and η from the weight (Adam's normalised step), whatever its size.
    for (let t = 1; t <= 10; t++) {
      const perStep = (1 - r.dead[t]!) / (lr * t);
      expect(perStep).toBeGreaterThan(0.95);
      expect(perStep).toBeLessThan(1.0001);
    }
    // Plain gradient descent with the same η and α would only have reached 0.95.
    expect(r.dead[10]!).toBeLessThan(0.6);
  });

  it('half-life and helpers', () => {
    expect(decayFactor(0.1, 0.01)).toBeCloseTo(0.999, 12);
    expect(decayFactor(0.1, 0.01) ** halfLifeSteps(0.1, 0.01)).toBeCloseTo(0.5, 10);
    const d = withDeadFeature(makeRegression({ seed: 2, n: 10 }));
    expect(d.X.d).toBe(9);
    for (let i = 0; i < 10; i++) expect(d.X.data[i * 9 + 8]).toBe(0);
  });
});

describe('closed forms stated on the norm-penalty pages', () => {
  const D = makeRegression({ seed: 5 });

  it('shrinking towards w₀ is ridge on the residual y − Xw₀: zero gradient, and w → w₀ as α grows', () => {
    const w0 = [1, 1, 1, 1, 0, 0, 0, 0];
    const alpha = 0.4;
    const w = ridgeTowards(D.X, D.y, alpha, w0);
    const g = dataGradient(D.X, D.y, w).map((v, j) => v + alpha * (w[j]! - w0[j]!));
    expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-12);
    expect(maxAbsDiff(ridgeTowards(D.X, D.y, 1e6, w0), w0)).toBeLessThan(1e-4);
    expect(
      maxAbsDiff(ridgeTowards(D.X, D.y, alpha, new Array(8).fill(0)), ridge(D.X, D.y, alpha)),
    ).toBeLessThan(1e-12);
  });

  it('least squares on Gaussian-noised inputs approaches ridge with α = s²', () => {
    const s = 0.6;
    const noisy = noisyInputLeastSquares(D.X, D.y, s, 400, 3);
    const target = ridge(D.X, D.y, s * s);
    expect(maxAbsDiff(noisy, target)).toBeLessThan(0.05);
    // …and is far from the unregularised solution.
    expect(maxAbsDiff(noisy, ridge(D.X, D.y, 0))).toBeGreaterThan(0.3);
  });

  it('per-layer penalties on a bias-free ReLU net: the minimum over rescalings is L·(∏ α_l‖W_l‖²)^{1/L}', () => {
    const alphas = [1e-3, 4e-3, 2e-2];
    const sq = [5, 0.7, 2.2];
    // Brute force over c₁, c₂ (c₃ = 1/(c₁c₂)) on a log grid.
    let best = Infinity;
    for (let i = -300; i <= 300; i++)
      for (let j = -300; j <= 300; j++) {
        const c1 = Math.exp(i / 100);
        const c2 = Math.exp(j / 100);
        const c3 = 1 / (c1 * c2);
        best = Math.min(
          best,
          alphas[0]! * c1 * c1 * sq[0]! +
            alphas[1]! * c2 * c2 * sq[1]! +
            alphas[2]! * c3 * c3 * sq[2]!,
        );
      }
    expect(best / minPenaltyOverRescaling(alphas, sq)).toBeCloseTo(1, 3);
    // Same product of α's ⇒ same minimum.
    expect(minPenaltyOverRescaling([2e-3, 4e-3, 1e-2], sq)).toBeCloseTo(
      minPenaltyOverRescaling(alphas, sq),
      12,
    );
  });
});
