/**
 * Manhattan (L1, city-block) and Euclidean (L2) distances between two vectors, computed with tfjs
 * ops on whatever backend is active (webgpu in a capable browser), plus a float64 reference.
 */
import type * as TF from '@tensorflow/tfjs';

export interface Distances {
  /** Σ|aᵢ − bᵢ| computed on the backend (float32). */
  manhattan: number;
  /** √Σ(aᵢ − bᵢ)² computed on the backend (float32). */
  euclidean: number;
  /** Σ(aᵢ − bᵢ)², the squared Euclidean distance (what an "L2 penalty" usually means). */
  squaredEuclidean: number;
  /** The same three in float64 in plain JavaScript, as an independent reference. */
  reference: { manhattan: number; euclidean: number; squaredEuclidean: number };
  /** Name of the tfjs backend that did the arithmetic. */
  backend: string;
}

/** Float64 Manhattan, Euclidean and squared Euclidean distances. */
export function distances64(a: readonly number[], b: readonly number[]) {
  if (a.length !== b.length)
    throw new Error(`The vectors have different lengths (${a.length} and ${b.length}).`);
  let l1 = 0;
  let sq = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    l1 += Math.abs(d);
    sq += d * d;
  }
  return { manhattan: l1, euclidean: Math.sqrt(sq), squaredEuclidean: sq };
}

/**
 * The worked form of both distances, term by term, in float64: the difference a − b, its absolute
 * values (whose sum is the Manhattan distance) and its squares (whose sum is the squared Euclidean one).
 */
export function distanceTerms(a: readonly number[], b: readonly number[]) {
  const totals = distances64(a, b);
  const difference = a.map((x, i) => x - b[i]!);
  return {
    difference,
    absolute: difference.map(Math.abs),
    squares: difference.map((d) => d * d),
    ...totals,
  };
}

/** Both distances on the active tfjs backend; frees every tensor it makes. */
export async function distances(
  tf: typeof TF,
  a: readonly number[],
  b: readonly number[],
): Promise<Distances> {
  const reference = distances64(a, b);
  if (a.length === 0) throw new Error('The vectors are empty.');
  const out = tf.tidy(() => {
    const diff = tf.sub(tf.tensor1d([...a]), tf.tensor1d([...b]));
    const sq = tf.sum(tf.square(diff));
    return tf.stack([tf.sum(tf.abs(diff)), tf.sqrt(sq), sq]);
  });
  const [manhattan, euclidean, squaredEuclidean] = Array.from(await out.data());
  out.dispose();
  return {
    manhattan: manhattan!,
    euclidean: euclidean!,
    squaredEuclidean: squaredEuclidean!,
    reference,
    backend: tf.getBackend(),
  };
}

/**
 * Parse a vector typed by a reader, e.g. "6, 1, 4, 5" or "[2 8 3 -1]" (a Unicode minus is accepted).
 * Throws an Error with a message fit to show when the text is not a list of finite numbers.
 */
export function parseVector(text: string): number[] {
  const cleaned = text
    .replace(/[[\]()]/g, ' ')
    .replace(/\u2212/g, '-')
    .trim();
  if (!cleaned) throw new Error('Enter at least one number.');
  const parts = cleaned.split(/[\s,;]+/).filter(Boolean);
  const values = parts.map(Number);
  const bad = parts.findIndex((p, i) => p === '' || !Number.isFinite(values[i]!));
  if (bad >= 0)
    throw new Error(
      `"${parts[bad]}" is not a number. Write numbers separated by commas, e.g. 6, 1, 4, 5.`,
    );
  if (values.length > 10000) throw new Error('At most 10,000 entries, please.');
  return values;
}
