/**
 * t1's fix: recover a fixed pixel permutation from paired clean/permuted images, then undo it inside
 * the network by permuting the rows of the first weight matrix — no retraining.
 *
 * If t1 pixel j reads clean pixel π(j), the first layer sees Σⱼ x̃ⱼ W[π(j), :] = Σᵢ xᵢ W[i, :], so the
 * network with W̃[j, :] = W[π(j), :] computes on t1 exactly what the original computes on clean
 * images (up to the order of float additions).
 */
import type * as TF from '@tensorflow/tfjs';
import { forward, type DenseLayer, type MLP } from '../models/mlp.ts';
import type { ImageSet } from './variants.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface Recovery {
  /** perm[j] = the clean pixel that permuted pixel j came from. */
  perm: Uint32Array;
  /** Pixels whose column (values over all images) is unique: their source is certain. */
  unique: number;
  /** certain[j] = 1 when pixel j's column is unique. */
  certain: Uint8Array;
  /** Pixels whose column equals other columns (e.g. always 0): any choice among them gives identical inputs. */
  tied: number;
}

/** FNV-1a hash of each pixel's column of values (over images), from the float bits. */
function columnHashes(x: Float32Array, count: number): Uint32Array {
  const bits = new Uint32Array(x.buffer, x.byteOffset, x.length);
  const h = new Uint32Array(PIXELS).fill(0x811c9dc5);
  for (let i = 0; i < count; i++) {
    const o = i * PIXELS;
    for (let j = 0; j < PIXELS; j++) h[j] = Math.imul(h[j]! ^ bits[o + j]!, 0x01000193) >>> 0;
  }
  return h;
}

function sameColumn(
  a: Float32Array,
  ja: number,
  b: Float32Array,
  jb: number,
  count: number,
): boolean {
  for (let i = 0; i < count; i++) if (a[i * PIXELS + ja] !== b[i * PIXELS + jb]) return false;
  return true;
}

/**
 * Match every permuted pixel's column to a clean pixel's column with exactly the same values.
 * Throws if some column has no partner: then the data are not one fixed permutation of the clean set
 * (for example t2, where each image has its own permutation).
 */
export function recoverPermutation(clean: ImageSet, permuted: ImageSet): Recovery {
  if (clean.count !== permuted.count || clean.count === 0)
    throw new Error(
      'recoverPermutation: need two non-empty sets of the same size, in the same order',
    );
  const n = clean.count;
  const hc = columnHashes(clean.x, n);
  const hp = columnHashes(permuted.x, n);
  const byHash = new Map<number, number[]>();
  hc.forEach((h, i) => byHash.set(h, [...(byHash.get(h) ?? []), i]));
  const used = new Uint8Array(PIXELS);
  const perm = new Uint32Array(PIXELS);
  const certain = new Uint8Array(PIXELS);
  let unique = 0;
  for (let j = 0; j < PIXELS; j++) {
    const candidates = (byHash.get(hp[j]!) ?? []).filter((i) =>
      sameColumn(clean.x, i, permuted.x, j, n),
    );
    const free = candidates.find((i) => !used[i]);
    if (free === undefined)
      throw new Error(
        `Pixel ${j} of the second set matches no unused pixel of the clean set: these images are not one fixed permutation of the clean images.`,
      );
    used[free] = 1;
    perm[j] = free;
    if (candidates.length === 1) (unique++, (certain[j] = 1));
  }
  return { perm, unique, certain, tied: PIXELS - unique };
}

/** A copy of the network whose first layer reads permuted inputs: W̃[j, :] = W[perm[j], :]. Shares the other layers. */
export function permuteFirstLayer(tf: typeof TF, model: MLP, perm: ArrayLike<number>): MLP {
  const first = model.layers[0]!;
  const w = tf.tidy(() =>
    tf.variable(tf.gather(first.w, tf.tensor1d(Int32Array.from(perm), 'int32')), false),
  );
  const layers: DenseLayer[] = [
    { w, b: first.b, activation: first.activation },
    ...model.layers.slice(1),
  ];
  return {
    sizes: model.sizes,
    layers,
    variables: [w, ...model.variables.slice(1)],
    predict: (x) => forward(tf, layers, x as TF.Tensor2D),
    dispose: () => w.dispose(),
  };
}

/**
 * Undo a recovered permutation on the input instead: out[i, perm[j]] = x[i, j], so the original
 * network reads t1 images as clean ones. Equivalent to permuteFirstLayer, with no model change.
 */
export function unpermuteInput(set: ImageSet, perm: ArrayLike<number>): ImageSet {
  const x = new Float32Array(set.x.length);
  for (let i = 0; i < set.count; i++) {
    const o = i * PIXELS;
    for (let j = 0; j < PIXELS; j++) x[o + perm[j]!] = set.x[o + j]!;
  }
  return { x, labels: set.labels, count: set.count };
}
