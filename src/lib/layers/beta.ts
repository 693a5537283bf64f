/**
 * Beta–Bernoulli posterior of a drop probability θ: with a Beta(a, b) prior (uniform for a = b = 1)
 * and k drops seen among n independent units, the posterior is Beta(a + k, b + n − k). Closed form
 * here; a Monte Carlo check by rejection sampling on the tfjs backend.
 */
import type * as TF from '@tensorflow/tfjs';

/** log Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms; |error| < 1e-13 for x ≥ 0.5). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Beta(a, b) density at θ ∈ [0, 1]. */
export function betaPdf(theta: number, a: number, b: number): number {
  if (theta < 0 || theta > 1) return 0;
  if ((theta === 0 && a < 1) || (theta === 1 && b < 1)) return Infinity;
  const logB = logGamma(a) + logGamma(b) - logGamma(a + b);
  const la = a === 1 ? 0 : (a - 1) * Math.log(theta);
  const lb = b === 1 ? 0 : (b - 1) * Math.log(1 - theta);
  return Math.exp(la + lb - logB);
}

export interface BetaPosterior {
  a: number;
  b: number;
  mean: number;
  /** Posterior mode (MAP); for a uniform prior this is the observed fraction k/n. */
  mode: number;
  sd: number;
  /** Central 95 % credible interval, by numerical integration of the density. */
  interval: [number, number];
  /** P(θ > 1/2 | data). */
  probAboveHalf: number;
}

/** Posterior of θ after k drops in n trials under a Beta(a0, b0) prior (default uniform). */
export function betaPosterior(n: number, k: number, a0 = 1, b0 = 1): BetaPosterior {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0 || k < 0 || k > n)
    throw new Error('Need whole numbers with 0 ≤ k ≤ n.');
  const a = a0 + k;
  const b = b0 + n - k;
  const mean = a / (a + b);
  const mode = a > 1 && b > 1 ? (a - 1) / (a + b - 2) : a > 1 ? 1 : b > 1 ? 0 : NaN;
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  const cdf = betaCdfTable(a, b);
  const quantile = (q: number) => {
    const i = cdf.findIndex((v) => v >= q);
    return i / (cdf.length - 1);
  };
  const half = cdf[(cdf.length - 1) / 2]!;
  return {
    a,
    b,
    mean,
    mode,
    sd,
    interval: [quantile(0.025), quantile(0.975)],
    probAboveHalf: 1 - half,
  };
}

/** CDF of Beta(a, b) on a grid of 20 001 points (Simpson-free trapezoid on a fine midpoint grid). */
function betaCdfTable(a: number, b: number, m = 20000): number[] {
  const cdf = [0];
  let acc = 0;
  for (let i = 0; i < m; i++) {
    acc += betaPdf((i + 0.5) / m, a, b) / m;
    cdf.push(acc);
  }
  return cdf.map((v) => v / acc);
}

/** Density of the posterior on `points` evenly spaced θ in [0, 1], for plotting. */
export function posteriorCurve(
  n: number,
  k: number,
  points = 101,
): { theta: number[]; density: number[] } {
  const { a, b } = betaPosterior(n, k);
  const theta = Array.from({ length: points }, (_, i) => i / (points - 1));
  return { theta, density: theta.map((t) => betaPdf(t, a, b)) };
}

export interface MonteCarloPosterior {
  /** Histogram density of accepted θ at the bin centres. */
  centres: number[];
  density: number[];
  accepted: number;
  samples: number;
  /** Mean of the accepted θ (estimates the posterior mean). */
  mean: number;
}

/**
 * Rejection sampling: draw θ from the uniform prior, simulate n units that each drop with
 * probability θ, keep θ when exactly k dropped. The kept θ are draws from the posterior; the
 * acceptance rate estimates P(k drops) = 1/(n + 1) under the uniform prior.
 */
export async function posteriorMonteCarlo(
  tf: typeof TF,
  n: number,
  k: number,
  samples = 100_000,
  bins = 25,
  seed = 1,
): Promise<MonteCarloPosterior> {
  betaPosterior(n, k);
  const [thetaT, accT] = tf.tidy(() => {
    const theta = tf.randomUniform([samples, 1], 0, 1, 'float32', seed);
    const drops = tf.sum(
      tf.cast(
        tf.less(tf.randomUniform([samples, Math.max(n, 1)], 0, 1, 'float32', seed + 1), theta),
        'float32',
      ),
      1,
    );
    const accept = n === 0 ? tf.onesLike(drops) : tf.equal(drops, k);
    return [tf.reshape(theta, [samples]), tf.cast(accept, 'float32')];
  });
  try {
    const [theta, acc] = await Promise.all([thetaT.data(), accT.data()]);
    const counts = new Array<number>(bins).fill(0);
    let accepted = 0;
    let sum = 0;
    for (let i = 0; i < samples; i++) {
      if (acc[i] !== 1) continue;
      accepted++;
      sum += theta[i]!;
      counts[Math.min(bins - 1, Math.floor(theta[i]! * bins))]!++;
    }
    return {
      centres: counts.map((_, i) => (i + 0.5) / bins),
      density: counts.map((c) => (accepted ? (c * bins) / accepted : 0)),
      accepted,
      samples,
      mean: accepted ? sum / accepted : NaN,
    };
  } finally {
    thetaT.dispose();
    accT.dispose();
  }
}
