/**
 * What every robustness demo needs first, without DOM: the first n clean test images, t1–t3 made from
 * them, the first n images of the shipped t4, and the shipped baseline network.
 */
import type * as TF from '@tensorflow/tfjs';
import type { MnistSource, Progress } from '../data/mnist.ts';
import type { MLP } from '../models/mlp.ts';
import { fetchBaseline, fetchT4, modelFolder } from './assets.ts';
import {
  fromBytes,
  fromSplit,
  makeVariant,
  VARIANTS,
  type ImageSet,
  type VariantId,
} from './variants.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface LabData {
  sets: Record<VariantId, ImageSet>;
}

/** Load the clean test images (first n) and build all five test sets. */
export async function loadTestSets(
  source: MnistSource,
  base: string,
  n: number,
  o: { signal?: AbortSignal; onProgress?: (p: Progress) => void; fetch?: typeof fetch } = {},
): Promise<LabData> {
  const clean = fromSplit(
    await source.load('test', { subset: { first: n }, signal: o.signal, onProgress: o.onProgress }),
  );
  const t4 = await fetchT4(modelFolder(base), clean.count, { signal: o.signal, fetch: o.fetch });
  if (t4.length !== clean.count * PIXELS)
    throw new Error('The shipped t4 has fewer images than requested.');
  const sets = {
    clean,
    t1: makeVariant(clean, 't1'),
    t2: makeVariant(clean, 't2'),
    t3: makeVariant(clean, 't3'),
    t4: { x: fromBytes(t4), labels: clean.labels, count: clean.count },
  };
  return { sets };
}

/** The shipped baseline (the caller disposes it). */
export function loadBaseline(
  tf: typeof TF,
  base: string,
  o: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<MLP> {
  return fetchBaseline(tf, modelFolder(base), o);
}

export { VARIANTS };
