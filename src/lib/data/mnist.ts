/**
 * MNIST in the browser and in Node, behind one API.
 *
 * The site ships the 60k/10k images and labels as gzip-compressed raw uint8 files with a manifest
 * (sizes, SHA-256 of the uncompressed bytes), written by scripts/build-mnist.ts; images come in
 * chunks of consecutive images (./mnist-chunks.ts), so asking for the first n images fetches only
 * the chunks that hold them. `httpSource` streams the files with byte progress, decompresses with
 * DecompressionStream, verifies each checksum and caches each file with the Cache API.
 * `nodeSource` (./mnist-node.ts) reads the npm package's IDX files.
 */
import type * as TF from '@tensorflow/tfjs';
import { rng } from '../util/random.ts';
import { PIXELS } from './mnist-geometry.ts';
import { filesFor, type ManifestFile, type ManifestSplit } from './mnist-chunks.ts';

export type { ManifestFile, ManifestSplit } from './mnist-chunks.ts';

export type SplitName = 'train' | 'test';

export interface MnistSplit {
  /** count × 784 pixel values 0–255, row-major. */
  images: Uint8Array;
  /** count labels 0–9. */
  labels: Uint8Array;
  count: number;
}

export interface Progress {
  /** Bytes received so far over all files of this load. */
  loaded: number;
  /** Bytes expected in all (compressed sizes from the manifest). */
  total: number;
  file: string;
}

export interface Subset {
  /** Keep the first n examples. */
  first?: number;
  /** Keep a seeded random sample of n examples (in random order). */
  sample?: number;
  seed?: number;
}

export interface LoadOptions {
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
  subset?: Subset;
}

export interface MnistSource {
  load(split: SplitName, options?: LoadOptions): Promise<MnistSplit>;
}

export type DataErrorKind =
  'not-found' | 'http' | 'offline' | 'corrupt' | 'aborted' | 'unsupported';

/** An error a reader can act on: `kind` says which, `message` says what to do. */
export class DataError extends Error {
  readonly kind: DataErrorKind;
  constructor(kind: DataErrorKind, message: string) {
    super(message);
    this.name = 'DataError';
    this.kind = kind;
  }
}

export const MANIFEST_FORMAT = 'runnable-answers/mnist@2';

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  splits: Record<SplitName, ManifestSplit>;
}

/** Apply a subset (first n, or a seeded sample of n) to a split. */
export function takeSubset(split: MnistSplit, subset?: Subset): MnistSplit {
  if (!subset || (subset.first === undefined && subset.sample === undefined)) return split;
  let idx: number[];
  if (subset.sample !== undefined) {
    const n = Math.min(subset.sample, split.count);
    const r = rng(subset.seed ?? 0);
    // Partial Fisher–Yates: the first n positions become a uniform sample without replacement.
    const all = Array.from({ length: split.count }, (_, i) => i);
    for (let i = 0; i < n; i++) {
      const j = i + r.int(split.count - i);
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    idx = all.slice(0, n);
  } else {
    idx = Array.from({ length: Math.min(subset.first!, split.count) }, (_, i) => i);
  }
  const images = new Uint8Array(idx.length * PIXELS);
  const labels = new Uint8Array(idx.length);
  idx.forEach((src, dst) => {
    images.set(split.images.subarray(src * PIXELS, (src + 1) * PIXELS), dst * PIXELS);
    labels[dst] = split.labels[src]!;
  });
  return { images, labels, count: idx.length };
}

/** Pixels scaled to [0,1] as a [count, 784] float32 tensor and labels as int32 [count]. */
export function toTensors(tf: typeof TF, split: MnistSplit): { xs: TF.Tensor2D; ys: TF.Tensor1D } {
  const f = new Float32Array(split.images.length);
  for (let i = 0; i < f.length; i++) f[i] = split.images[i]! / 255;
  return {
    xs: tf.tensor2d(f, [split.count, PIXELS]),
    ys: tf.tensor1d(Int32Array.from(split.labels), 'int32'),
  };
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // a server already decoded it
  if (typeof DecompressionStream === 'undefined')
    throw new DataError(
      'unsupported',
      'This browser cannot decompress the data (no DecompressionStream). Please use a current browser.',
    );
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface HttpSourceOptions {
  /** URL of the folder holding manifest.json, e.g. '/data/mnist/'. */
  baseUrl: string;
  fetch?: typeof fetch;
  /** Use the Cache API where present (default true). */
  cache?: boolean;
  cacheName?: string;
}

/** Loads the site's MNIST files over HTTP (browser, or Node with a server). */
export function httpSource(opts: HttpSourceOptions): MnistSource {
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  const base = opts.baseUrl.endsWith('/') ? opts.baseUrl : opts.baseUrl + '/';
  const cacheName = opts.cacheName ?? 'runnable-answers-mnist-v1';
  let manifest: Promise<Manifest> | null = null;

  async function get(url: string, what: string, signal?: AbortSignal): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(url, { signal });
    } catch (e) {
      if (signal?.aborted) throw new DataError('aborted', 'Loading was cancelled.');
      throw new DataError(
        'offline',
        `Could not reach the server for ${what} (${(e as Error).message}). Check your connection and try again.`,
      );
    }
    if (res.status === 404)
      throw new DataError(
        'not-found',
        `${what} was not found at ${url} (HTTP 404). The site's data files are missing: rebuild the site with "npm run build".`,
      );
    if (!res.ok)
      throw new DataError(
        'http',
        `The server answered ${res.status} ${res.statusText} for ${what} (${url}). Try again later.`,
      );
    return res;
  }

  async function loadManifest(signal?: AbortSignal): Promise<Manifest> {
    const res = await get(base + 'manifest.json', 'the MNIST manifest', signal);
    let m: Manifest;
    try {
      m = (await res.json()) as Manifest;
    } catch {
      throw new DataError(
        'corrupt',
        'The MNIST manifest is not valid JSON: the download is damaged. Reload the page.',
      );
    }
    if (m.format !== MANIFEST_FORMAT)
      throw new DataError('corrupt', `Unknown MNIST manifest format "${String(m.format)}".`);
    return m;
  }

  async function readWithProgress(
    res: Response,
    onChunk: (n: number) => void,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    if (!res.body) return new Uint8Array(await res.arrayBuffer());
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        if (signal?.aborted) throw new DataError('aborted', 'Loading was cancelled.');
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        size += value.length;
        onChunk(value.length);
      }
    } catch (e) {
      await reader.cancel().catch(() => {});
      if (e instanceof DataError) throw e;
      if (signal?.aborted) throw new DataError('aborted', 'Loading was cancelled.');
      throw new DataError(
        'offline',
        `The connection broke while downloading (${(e as Error).message}). Try again.`,
      );
    }
    const out = new Uint8Array(size);
    let off = 0;
    for (const c of chunks) {
      out.set(c, off);
      off += c.length;
    }
    return out;
  }

  async function file(
    f: ManifestFile,
    progress: (n: number) => void,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const url = base + f.path;
    const cache =
      opts.cache !== false && typeof caches !== 'undefined'
        ? await caches.open(cacheName).catch(() => null)
        : null;
    const key = `${url}?sha256=${f.sha256}`;
    const cached = cache ? await cache.match(key).catch(() => undefined) : undefined;
    let compressed: Uint8Array;
    if (cached) {
      compressed = new Uint8Array(await cached.arrayBuffer());
      progress(compressed.length);
    } else {
      const res = await get(url, `the data file ${f.path}`, signal);
      // Some servers (astro preview, for one) send a .gz file with "Content-Encoding: gzip", so the
      // browser hands us the decompressed bytes. Count them in compressed-size units so that the
      // progress bar still runs from 0 to the manifest's download size.
      const decoded = /gzip|deflate|br|zstd/i.test(res.headers.get('content-encoding') ?? '');
      const scale = decoded ? f.bytes / f.rawBytes : 1;
      let seen = 0;
      let counted = 0;
      compressed = await readWithProgress(
        res,
        (n) => {
          seen += n;
          const now = Math.min(f.bytes, Math.round(seen * scale));
          progress(now - counted);
          counted = now;
        },
        signal,
      );
      if (counted < f.bytes && decoded) progress(f.bytes - counted);
    }
    let raw: Uint8Array;
    try {
      raw = await gunzip(compressed);
    } catch (e) {
      if (e instanceof DataError) throw e;
      if (cached) await cache?.delete(key);
      throw new DataError(
        'corrupt',
        `The data file ${f.path} could not be decompressed: it is damaged. Reload the page to download it again.`,
      );
    }
    if (raw.length !== f.rawBytes || (await sha256Hex(raw)) !== f.sha256) {
      if (cached) await cache?.delete(key);
      throw new DataError(
        'corrupt',
        `The data file ${f.path} failed its checksum (SHA-256): it is damaged or out of date. Reload the page to download it again.`,
      );
    }
    if (cache && !cached)
      await cache.put(key, new Response(compressed as Uint8Array<ArrayBuffer>)).catch(() => {});
    return raw;
  }

  return {
    async load(split, options = {}) {
      manifest ??= loadManifest(options.signal).catch((e) => {
        manifest = null;
        throw e;
      });
      const m = await manifest;
      // A seeded sample may pick any image, so it needs the whole split; "first n" needs the chunks
      // holding those n.
      const first = options.subset?.sample === undefined ? options.subset?.first : undefined;
      const [labelsFile, ...chunks] = filesFor(m.splits[split], first);
      const total = [labelsFile!, ...chunks].reduce((s, f) => s + f.bytes, 0);
      let loaded = 0;
      const report = (path: string) => (n: number) => {
        loaded += n;
        options.onProgress?.({ loaded, total, file: path });
      };
      options.onProgress?.({ loaded: 0, total, file: labelsFile!.path });
      const labelsAll = await file(labelsFile!, report(labelsFile!.path), options.signal);
      const parts: Uint8Array[] = [];
      for (const f of chunks) parts.push(await file(f, report(f.path), options.signal));
      const count = chunks.reduce((s, f) => s + f.shape[0]!, 0);
      const images = new Uint8Array(count * PIXELS);
      let offset = 0;
      for (const part of parts) {
        images.set(part, offset);
        offset += part.length;
      }
      if (offset !== count * PIXELS || labelsAll.length < count)
        throw new DataError('corrupt', 'MNIST images and labels disagree in count.');
      const labels = labelsAll.subarray(0, count);
      return takeSubset({ images, labels, count }, options.subset);
    },
  };
}
