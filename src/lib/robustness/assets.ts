/**
 * Loading the lab's shipped files in the browser (no DOM): the baseline's weights and t4.
 * Both live under `<base>/models/robustness/baseline/` and are written by `npm run experiments`.
 */
import type * as TF from '@tensorflow/tfjs';
import { parseNpy } from '../data/npy.ts';
import type { MLP } from '../models/mlp.ts';
import { fetchMLP } from './weights.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

/** Folder of the shipped baseline under the site's base URL. */
export const modelFolder = (base: string) =>
  `${base.replace(/\/$/, '')}/models/robustness/baseline/`;

/** Folder of the shipped general model (one sub-folder per piece) under the site's base URL. */
export const generalFolder = (base: string) =>
  `${base.replace(/\/$/, '')}/models/robustness/general/`;

/** gunzip with the platform's DecompressionStream (browsers, Node ≥ 18); bytes without the gzip magic pass through. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The shipped t4 images as bytes (count × 784), the first `count` of them. */
export async function fetchT4(
  folder: string,
  count: number,
  o: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  const f = o.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const res = await f(folder + 't4.npy.gz', { signal: o.signal });
  if (!res.ok)
    throw new Error(
      `Could not load t4 (${folder}t4.npy.gz: HTTP ${res.status}). Run "npm run experiments" and rebuild.`,
    );
  const a = parseNpy(await gunzip(new Uint8Array(await res.arrayBuffer())));
  if (a.dtype !== 'uint8' || a.shape.length !== 3)
    throw new Error('The shipped t4 file has an unexpected format.');
  return (a.data as Uint8Array).subarray(0, Math.min(count, a.shape[0]!) * PIXELS);
}

/** The shipped baseline network. */
export function fetchBaseline(
  tf: typeof TF,
  folder: string,
  o: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<MLP> {
  return fetchMLP(tf, folder, o);
}
