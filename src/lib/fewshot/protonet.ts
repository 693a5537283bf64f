/**
 * The prototypical-network decision rule (Snell et al., 2017), in plain TypeScript on Float32Arrays.
 *
 * Given support embeddings with their class (0 … way−1), a class's prototype is the mean of its
 * support embeddings; a query goes to the class whose prototype is nearest in squared Euclidean
 * distance. With raw pixels as "embeddings" this is the nearest-class-mean classifier, our baseline.
 */

/** Mean vector of each class: `way` × `dim` values, row c = mean of the rows whose label is c. */
export function prototypes(
  embeddings: Float32Array,
  dim: number,
  labels: ArrayLike<number>,
  way: number,
): Float32Array {
  if (embeddings.length !== labels.length * dim)
    throw new Error(`prototypes: ${embeddings.length} values for ${labels.length} rows of ${dim}`);
  const out = new Float32Array(way * dim);
  const count = new Array<number>(way).fill(0);
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i]!;
    if (!(c >= 0 && c < way)) throw new Error(`prototypes: label ${c} outside 0…${way - 1}`);
    count[c]!++;
    for (let j = 0; j < dim; j++) out[c * dim + j]! += embeddings[i * dim + j]!;
  }
  for (let c = 0; c < way; c++) {
    if (count[c] === 0) throw new Error(`prototypes: class ${c} has no support example`);
    for (let j = 0; j < dim; j++) out[c * dim + j]! /= count[c]!;
  }
  return out;
}

/** Squared Euclidean distance from row `i` of `a` to row `k` of `b`. */
export function sqDist(
  a: Float32Array,
  i: number,
  b: Float32Array,
  k: number,
  dim: number,
): number {
  let s = 0;
  for (let j = 0; j < dim; j++) {
    const d = a[i * dim + j]! - b[k * dim + j]!;
    s += d * d;
  }
  return s;
}

/** For each query row, the index of the nearest prototype (ties go to the lower index). */
export function nearestPrototype(
  queries: Float32Array,
  protos: Float32Array,
  dim: number,
): Int32Array {
  const nq = queries.length / dim;
  const way = protos.length / dim;
  const out = new Int32Array(nq);
  for (let i = 0; i < nq; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < way; c++) {
      const d = sqDist(queries, i, protos, c, dim);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * The class probabilities a prototypical network assigns: softmax over classes of −‖q − p_c‖².
 * (Only the training loss needs them; the decision is the arg max, i.e. the nearest prototype.)
 */
export function prototypeProbabilities(
  queries: Float32Array,
  protos: Float32Array,
  dim: number,
): Float64Array {
  const nq = queries.length / dim;
  const way = protos.length / dim;
  const out = new Float64Array(nq * way);
  for (let i = 0; i < nq; i++) {
    let m = -Infinity;
    for (let c = 0; c < way; c++) m = Math.max(m, -sqDist(queries, i, protos, c, dim));
    let z = 0;
    for (let c = 0; c < way; c++)
      z += out[i * way + c] = Math.exp(-sqDist(queries, i, protos, c, dim) - m);
    for (let c = 0; c < way; c++) out[i * way + c]! /= z;
  }
  return out;
}
