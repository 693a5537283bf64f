/**
 * A worked conv → ReLU → max-pool example. The source's input and filter figures are missing, so
 * we fix an input and a filter of our own (below) and compute every stage twice: exactly in float64
 * and with tfjs ops on the backend.
 */
import type * as TF from '@tensorflow/tfjs';
import { crossCorrelate, maxAbsDiff, maxPool, relu, type Matrix } from './matrix.ts';

/**
 * Assumed input: a 6×6 single-channel image with a bright vertical bar (columns 3–4) whose
 * brightness varies by row, so both a rising and a falling edge are present.
 */
export const ASSUMED_INPUT: Matrix = [
  [0, 1, 8, 8, 1, 0],
  [0, 2, 9, 9, 2, 0],
  [1, 2, 9, 8, 1, 0],
  [0, 1, 7, 9, 2, 1],
  [0, 1, 8, 7, 1, 0],
  [1, 0, 6, 8, 2, 0],
];

/** Assumed filter: a 3×3 vertical-edge detector (Prewitt-like), responding to dark-to-bright steps. */
export const ASSUMED_FILTER: Matrix = [
  [-1, 0, 1],
  [-1, 0, 1],
  [-1, 0, 1],
];

/** Assumed input of the separate MaxPool2d(2, 2) question: a 4×4 matrix. */
export const ASSUMED_POOL_INPUT: Matrix = [
  [1, 3, 2, 4],
  [5, 6, 7, 8],
  [3, 2, 1, 0],
  [1, 2, 3, 4],
];

export interface WorkedStages {
  conv: Matrix;
  relu: Matrix;
  pool: Matrix;
}

/** Exact float64 stages: cross-correlation (stride 1, no padding), ReLU, 2×2 max-pool of stride 2. */
export function workedReference(
  input: Matrix = ASSUMED_INPUT,
  filter: Matrix = ASSUMED_FILTER,
  stride = 1,
  pad = 0,
): WorkedStages {
  const conv = crossCorrelate(input, filter, stride, pad);
  const r = relu(conv);
  if (r.length < 2 || r[0]!.length < 2)
    throw new Error(
      `The convolution output is ${r.length}×${r[0]!.length}: too small for a 2×2 max-pool.`,
    );
  return { conv, relu: r, pool: maxPool(r, 2, 2) };
}

export interface WorkedResult {
  reference: WorkedStages;
  tfjs: WorkedStages;
  /** Largest |tfjs − float64| over the three stages. */
  maxError: number;
}

/** The same three stages with tf.conv2d, tf.relu and tf.maxPool on the active backend. */
export async function workedExample(
  tf: typeof TF,
  input: Matrix = ASSUMED_INPUT,
  filter: Matrix = ASSUMED_FILTER,
  stride = 1,
  pad = 0,
): Promise<WorkedResult> {
  const reference = workedReference(input, filter, stride, pad);
  const ts = tf.tidy(() => {
    const x = tf.tensor4d(input.flat(), [1, input.length, input[0]!.length, 1]);
    const k = tf.tensor4d(filter.flat(), [filter.length, filter[0]!.length, 1, 1]);
    const c = tf.conv2d(x, k, stride, pad);
    const r = tf.relu(c);
    const p = tf.maxPool(r, 2, 2, 'valid');
    return [c, r, p].map((t) => tf.squeeze(t, [0, 3]));
  });
  try {
    const [conv, rel, pool] = (await Promise.all(ts.map((t) => t.array()))) as Matrix[];
    const tfjs = { conv: conv!, relu: rel!, pool: pool! };
    const maxError = Math.max(
      maxAbsDiff(tfjs.conv, reference.conv),
      maxAbsDiff(tfjs.relu, reference.relu),
      maxAbsDiff(tfjs.pool, reference.pool),
    );
    return { reference, tfjs, maxError };
  } finally {
    tf.dispose(ts);
  }
}

/** tf.maxPool(2, 2, 'valid') of a matrix, next to the float64 reference. */
export async function maxPool2x2(
  tf: typeof TF,
  input: Matrix = ASSUMED_POOL_INPUT,
): Promise<{ reference: Matrix; tfjs: Matrix; maxError: number }> {
  if (input.length < 2 || input[0]!.length < 2) throw new Error('The input must be at least 2×2.');
  const reference = maxPool(input, 2, 2);
  const t = tf.tidy(() =>
    tf.squeeze(
      tf.maxPool(tf.tensor4d(input.flat(), [1, input.length, input[0]!.length, 1]), 2, 2, 'valid'),
      [0, 3],
    ),
  );
  try {
    const tfjs = (await t.array()) as Matrix;
    return { reference, tfjs, maxError: maxAbsDiff(tfjs, reference) };
  } finally {
    t.dispose();
  }
}
