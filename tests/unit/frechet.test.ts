import { describe, expect, it } from 'vitest';
import {
  fitGaussian,
  frechetDistance,
  frechetDistanceOfFeatures,
  matMul,
  sqrtPsd,
  symmetricEigen,
  type Gaussian,
} from '../../src/lib/metrics/frechet.ts';
import { rng } from '../../src/lib/util/random.ts';

const gauss = (mean: number[], cov: number[]): Gaussian => ({
  d: mean.length,
  mean: Float64Array.from(mean),
  cov: Float64Array.from(cov),
});

/** n samples of N(mean, L Lᵀ) (L lower-triangular, row-major) from the seeded RNG. */
function samples(mean: number[], l: number[], n: number, seed: number): Float64Array {
  const d = mean.length;
  const r = rng(seed);
  const out = new Float64Array(n * d);
  const e = new Float64Array(d);
  for (let s = 0; s < n; s++) {
    for (let i = 0; i < d; i++) e[i] = r.normal();
    for (let i = 0; i < d; i++) {
      let v = mean[i]!;
      for (let j = 0; j <= i; j++) v += l[i * d + j]! * e[j]!;
      out[s * d + i] = v;
    }
  }
  return out;
}

describe('Fréchet distance', () => {
  it('fitGaussian: sample mean and unbiased covariance of a tiny set', () => {
    const g = fitGaussian([1, 2, 3, 6, 5, 4], 3, 2); // rows (1,2), (3,6), (5,4)
    expect(Array.from(g.mean)).toEqual([3, 4]);
    // deviations (-2,-2), (0,2), (2,0): cov = [[8,4],[4,8]]/2
    expect(Array.from(g.cov)).toEqual([4, 2, 2, 4]);
  });

  it('symmetricEigen reconstructs the matrix and sqrtPsd squares back to it', () => {
    const r = rng(3);
    const d = 7;
    const b = Array.from({ length: d * d }, () => r.normal());
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++)
        for (let k = 0; k < d; k++) a[i * d + j]! += b[i * d + k]! * b[j * d + k]!;
    const { values, vectors } = symmetricEigen(a, d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let k = 0; k < d; k++) s += vectors[i * d + k]! * values[k]! * vectors[j * d + k]!;
        expect(s).toBeCloseTo(a[i * d + j]!, 9);
      }
    const s = sqrtPsd(a, d);
    const s2 = matMul(s, s, d);
    s2.forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 9));
  });

  it('the distance of a distribution (and of a sample) to itself is 0', () => {
    const x = samples([1, -2, 0.5], [1, 0, 0, 0.5, 2, 0, -1, 0.3, 0.7], 500, 1);
    expect(frechetDistanceOfFeatures(x, 500, x, 500, 3)).toBeLessThan(1e-9);
    const g = gauss([0, 1], [2, 0.5, 0.5, 1]);
    expect(frechetDistance(g, g)).toBeLessThan(1e-12);
  });

  it('closed forms: 1-D, diagonal, and general 2×2 covariances', () => {
    // 1-D: (μ₁−μ₂)² + (σ₁−σ₂)²
    expect(frechetDistance(gauss([1], [4]), gauss([3], [9]))).toBeCloseTo(4 + 1, 12);
    // diagonal: ‖μ₁−μ₂‖² + Σ (σ₁ᵢ − σ₂ᵢ)²
    expect(
      frechetDistance(
        gauss([0, 0, 1], [1, 0, 0, 0, 4, 0, 0, 0, 9]),
        gauss([1, 1, 1], [4, 0, 0, 0, 4, 0, 0, 0, 1]),
      ),
    ).toBeCloseTo(2 + 1 + 0 + 4, 10);
    // general 2×2: tr √(Σ₁Σ₂) = √(tr(Σ₁Σ₂) + 2√(det Σ₁ det Σ₂)) (eigenvalues of a 2×2 product)
    const c1 = [2, 0.8, 0.8, 1];
    const c2 = [1, -0.6, -0.6, 3];
    const p = matMul(c1, c2, 2);
    const trSqrt = Math.sqrt(p[0]! + p[3]! + 2 * Math.sqrt((2 * 1 - 0.64) * (1 * 3 - 0.36)));
    const expected = (0.5 - -1) ** 2 + (2 - 0) ** 2 + 2 + 1 + 1 + 3 - 2 * trSqrt;
    expect(frechetDistance(gauss([0.5, 2], c1), gauss([-1, 0], c2))).toBeCloseTo(expected, 10);
    // Symmetric in its arguments.
    expect(frechetDistance(gauss([-1, 0], c2), gauss([0.5, 2], c1))).toBeCloseTo(expected, 10);
  });

  it('from large samples it approaches the closed form (and is biased upwards for small ones)', () => {
    const l1 = [1, 0, 0.5, 1];
    const l2 = [1.5, 0, 0, 0.5];
    const cov = (l: number[]) => [
      l[0]! ** 2,
      l[0]! * l[2]!,
      l[0]! * l[2]!,
      l[2]! ** 2 + l[3]! ** 2,
    ];
    const exact = frechetDistance(gauss([0, 0], cov(l1)), gauss([1, 0], cov(l2)));
    const big = frechetDistanceOfFeatures(
      samples([0, 0], l1, 40000, 1),
      40000,
      samples([1, 0], l2, 40000, 2),
      40000,
      2,
    );
    expect(Math.abs(big - exact)).toBeLessThan(0.03 * exact);
    // Two samples of the SAME distribution: the true distance is 0, the estimate is positive and shrinks with n.
    const same = (n: number, s: number) =>
      frechetDistanceOfFeatures(samples([0, 0], l1, n, s), n, samples([0, 0], l1, n, s + 1), n, 2);
    const small = [1, 2, 3, 4, 5].map((s) => same(50, 10 * s)).reduce((a, b) => a + b) / 5;
    const large = [1, 2, 3, 4, 5].map((s) => same(5000, 10 * s)).reduce((a, b) => a + b) / 5;
    expect(small).toBeGreaterThan(10 * large);
  });

  it('rejects mismatched inputs', () => {
    expect(() => fitGaussian([1, 2, 3], 2, 2)).toThrow(/expected 2×2/);
    expect(() => fitGaussian([1, 2], 1, 2)).toThrow(/at least 2/);
    expect(() => frechetDistance(gauss([0], [1]), gauss([0, 0], [1, 0, 0, 1]))).toThrow(
      /dimensions differ/,
    );
  });
});
