/**
 * Small seeded data sets for the training experiments (no downloads): interleaved spirals for the
 * learning-rate and batch-size runs, noisy two-moons for the over-fitting run, and an iris-like
 * four-feature, three-class set for the cross-validation run.
 */
import { rng } from '../util/random.ts';

/** Features (row-major, `dim` per example) and int class labels. */
export interface Dataset {
  x: Float32Array;
  y: Int32Array;
  dim: number;
  classes: number;
}

/** `k` interleaved spiral arms in [-1,1]², n examples in total (class i = i mod k), with noise. */
export function spirals(n: number, k = 3, seed = 0, noise = 0.2): Dataset {
  const r = rng(seed);
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    const t = r.next(); // position along the arm, 0 (centre) … 1 (rim)
    const angle = (2 * Math.PI * c) / k + 4 * t + noise * r.normal();
    x[2 * i] = t * Math.cos(angle);
    x[2 * i + 1] = t * Math.sin(angle);
    y[i] = c;
  }
  return { x, y, dim: 2, classes: k };
}

/** Two interleaved half-moons in roughly [-1,1]², with Gaussian jitter and a fraction of flipped labels. */
export function moons(n: number, seed = 0, jitter = 0.15, flip = 0.1): Dataset {
  const r = rng(seed);
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const a = Math.PI * r.next();
    const px = c ? 1 - Math.cos(a) : Math.cos(a);
    const py = c ? 0.5 - Math.sin(a) : Math.sin(a);
    x[2 * i] = (px - 0.5) / 1.5 + jitter * r.normal();
    x[2 * i + 1] = (py - 0.25) / 1.5 + jitter * r.normal();
    y[i] = r.next() < flip ? 1 - c : c;
  }
  return { x, y, dim: 2, classes: 2 };
}

/**
 * Class means and standard deviations (sepal length, sepal width, petal length, petal width, in cm)
 * close to those of Fisher's iris data; used only to shape a synthetic look-alike.
 */
const IRIS_MEAN = [
  [5.0, 3.4, 1.5, 0.25],
  [5.9, 2.8, 4.3, 1.3],
  [6.6, 3.0, 5.6, 2.0],
];
const IRIS_STD = [
  [0.35, 0.38, 0.17, 0.1],
  [0.52, 0.31, 0.47, 0.2],
  [0.64, 0.32, 0.55, 0.27],
];

/**
 * A synthetic stand-in for the iris data: 3 classes × `perClass` examples of 4 features drawn from
 * independent Gaussians per class. Rows are sorted by class, as in the classic file — which matters
 * for unshuffled k-fold splits.
 */
export function irisLike(perClass = 50, seed = 0): Dataset {
  const r = rng(seed);
  const n = 3 * perClass;
  const x = new Float32Array(4 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.floor(i / perClass);
    y[i] = c;
    for (let j = 0; j < 4; j++)
      x[4 * i + j] = Math.max(0.1, IRIS_MEAN[c]![j]! + IRIS_STD[c]![j]! * r.normal());
  }
  return { x, y, dim: 4, classes: 3 };
}

/** The rows `idx` of a data set, as a new data set. */
export function subset(d: Dataset, idx: ArrayLike<number>): Dataset {
  const x = new Float32Array(idx.length * d.dim);
  const y = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    const s = idx[i]!;
    x.set(d.x.subarray(s * d.dim, (s + 1) * d.dim), i * d.dim);
    y[i] = d.y[s]!;
  }
  return { x, y, dim: d.dim, classes: d.classes };
}
