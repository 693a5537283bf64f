import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parseIdx } from '../../src/lib/data/idx.ts';
import {
  DataError,
  MANIFEST_FORMAT,
  httpSource,
  sha256Hex,
  takeSubset,
  type Manifest,
} from '../../src/lib/data/mnist.ts';
import {
  CHUNK_IMAGES,
  chunkRanges,
  chunksFor,
  downloadBytes,
  filesFor,
} from '../../src/lib/data/mnist-chunks.ts';
import { IDX_FILES, mnistDataDir, nodeSource } from '../../src/lib/data/mnist-node.ts';

/**
 * A tiny fake site: manifest + gzip files for 5-image "test" and "train" splits, the images in
 * chunks of 2 (test-images-000 … -002), served by a fake fetch that records every URL.
 */
async function fakeSite(
  overrides: Partial<Record<string, Response | Error | ((u: string) => Response)>> = {},
) {
  const images = new Uint8Array(5 * 784).map((_, i) => i % 256);
  const labels = Uint8Array.from([3, 1, 4, 1, 5]);
  const files: Record<string, Uint8Array> = {};
  const describe = async (path: string, raw: Uint8Array, shape: number[]) => {
    files[path] = gzipSync(raw);
    return {
      path,
      bytes: files[path].length,
      rawBytes: raw.length,
      sha256: await sha256Hex(raw),
      shape,
    };
  };
  const manifest = { format: MANIFEST_FORMAT, splits: {} } as Manifest;
  for (const split of ['test', 'train'] as const)
    manifest.splits[split] = {
      count: 5,
      labels: await describe(`${split}-labels.u8.gz`, labels, [5]),
      images: await Promise.all(
        chunkRanges(5, 2).map(([a, b], k) =>
          describe(`${split}-images-00${k}.u8.gz`, images.subarray(a * 784, b * 784), [
            b - a,
            28,
            28,
          ]),
        ),
      ),
    };
  const calls: string[] = [];
  const fetchFn = (async (input: string) => {
    const url = String(input);
    calls.push(url);
    const name = url.split('/').pop()!;
    const o = overrides[name];
    if (o instanceof Error) throw o;
    if (typeof o === 'function') return o(url);
    if (o) return o;
    if (name === 'manifest.json') return new Response(JSON.stringify(manifest));
    if (files[name]) return new Response(files[name] as Uint8Array<ArrayBuffer>);
    return new Response('nope', { status: 404, statusText: 'Not Found' });
  }) as unknown as typeof fetch;
  return {
    images,
    labels,
    files,
    manifest,
    calls,
    source: httpSource({ baseUrl: '/data/mnist/', fetch: fetchFn, cache: false }),
  };
}

describe('MNIST chunks: which files the first n images need', () => {
  const chunks = chunkRanges(2500, 1000).map(([a, b]) => ({ shape: [b - a, 28, 28] }));
  it('splits a split into consecutive ranges, the last one shorter', () => {
    expect(chunkRanges(2500, 1000)).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 2500],
    ]);
    expect(chunkRanges(2000, 1000)).toHaveLength(2);
    expect(chunkRanges(0, 1000)).toEqual([]);
    expect(() => chunkRanges(10, 0)).toThrow(/at least 1/);
  });
  it('n images need ⌈n / chunk⌉ chunks, capped at all of them', () => {
    for (const [n, k] of [
      [0, 0],
      [1, 1],
      [256, 1],
      [1000, 1],
      [1001, 2],
      [2000, 2],
      [2001, 3],
      [2500, 3],
      [9999, 3],
    ] as const)
      expect(chunksFor(chunks, n)).toBe(k);
    expect(chunksFor(chunks)).toBe(3);
  });
  it('download size: labels plus the needed chunks', () => {
    const file = (bytes: number, count: number) => ({
      path: '',
      bytes,
      rawBytes: 0,
      sha256: '',
      shape: [count, 28, 28],
    });
    const split = {
      count: 2500,
      labels: file(7, 2500),
      images: [file(100, 1000), file(200, 1000), file(50, 500)],
    };
    expect(downloadBytes(split, 256)).toBe(107);
    expect(downloadBytes(split, 1500)).toBe(307);
    expect(downloadBytes(split)).toBe(357);
    expect(filesFor(split, 1).map((f) => f.bytes)).toEqual([7, 100]);
  });
  it('the site manifest, when built, puts every image in exactly one chunk of at most CHUNK_IMAGES', () => {
    const path = 'public/data/mnist/manifest.json';
    if (!existsSync(path)) return;
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    if (m.format !== MANIFEST_FORMAT) return; // a stale build; the next prebuild rewrites it
    for (const s of Object.values(m.splits)) {
      const counts = s.images.map((f) => f.shape[0]!);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(s.count);
      expect(Math.max(...counts)).toBeLessThanOrEqual(CHUNK_IMAGES);
      expect(s.labels.shape).toEqual([s.count]);
    }
  });
});

describe('MNIST data', () => {
  it('the Node source reads the real package: 60k/10k, labels 0–9, matching the IDX headers', async () => {
    const test = await nodeSource.load('test');
    expect(test.count).toBe(10000);
    expect(test.images.length).toBe(10000 * 784);
    expect(Math.max(...test.labels)).toBe(9);
    const raw = parseIdx(
      new Uint8Array(readFileSync(join(mnistDataDir(), IDX_FILES.train.images))),
    );
    expect(raw.dims).toEqual([60000, 28, 28]);
    // The first test digit of MNIST is a 7.
    expect(test.labels[0]).toBe(7);
  });

  it('subsets: first n keeps order; a seeded sample is reproducible and label-consistent', async () => {
    const full = await nodeSource.load('test');
    const first = await nodeSource.load('test', { subset: { first: 3 } });
    expect(Array.from(first.labels)).toEqual(Array.from(full.labels.subarray(0, 3)));
    const a = takeSubset(full, { sample: 50, seed: 4 });
    const b = takeSubset(full, { sample: 50, seed: 4 });
    const c = takeSubset(full, { sample: 50, seed: 5 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.images)).not.toEqual(Array.from(c.images));
    // each sampled image is some image of the full set with the same label
    const img0 = a.images.subarray(0, 784);
    const match = Array.from({ length: full.count }, (_, i) => i).find((i) =>
      full.images.subarray(i * 784, (i + 1) * 784).every((v, k) => v === img0[k]),
    );
    expect(match).toBeDefined();
    expect(full.labels[match!]).toBe(a.labels[0]);
  });

  it('the HTTP source decompresses, verifies and reports byte progress', async () => {
    const site = await fakeSite();
    const progress: number[] = [];
    const split = await site.source.load('test', {
      onProgress: (p) => progress.push(p.loaded / p.total),
    });
    expect(Array.from(split.labels)).toEqual([3, 1, 4, 1, 5]);
    expect(Array.from(split.images)).toEqual(Array.from(site.images));
    expect(progress[0]).toBe(0);
    expect(progress[progress.length - 1]).toBe(1);
    expect(progress).toEqual([...progress].sort((x, y) => x - y));
  });

  it('the first n images fetch only the chunks that hold them; a seeded sample fetches all', async () => {
    const site = await fakeSite();
    const chunkCalls = () =>
      site.calls.filter((u) => /images-\d+/.test(u)).map((u) => u.split('/').pop());
    const progress: { loaded: number; total: number }[] = [];
    const three = await site.source.load('test', {
      subset: { first: 3 },
      onProgress: (p) => progress.push(p),
    });
    expect(chunkCalls()).toEqual(['test-images-000.u8.gz', 'test-images-001.u8.gz']);
    expect(Array.from(three.labels)).toEqual([3, 1, 4]);
    expect(Array.from(three.images)).toEqual(Array.from(site.images.subarray(0, 3 * 784)));
    // The bar runs over what this load needs, not the whole split.
    const needed = downloadBytes(site.manifest.splits.test, 3);
    expect(needed).toBeLessThan(downloadBytes(site.manifest.splits.test));
    expect(progress[progress.length - 1]).toMatchObject({ loaded: needed, total: needed });
    site.calls.length = 0;
    const sample = await site.source.load('test', { subset: { sample: 2, seed: 1 } });
    expect(chunkCalls()).toHaveLength(3);
    expect(sample.count).toBe(2);
  });

  it('progress runs from 0 to the download size even when the server already decoded the gzip', async () => {
    // astro preview sends .gz files with "Content-Encoding: gzip": the body we read is the raw data.
    const decodedBody = (raw: Uint8Array) => () =>
      new Response(raw as Uint8Array<ArrayBuffer>, { headers: { 'Content-Encoding': 'gzip' } });
    const plain = await fakeSite();
    const site = await fakeSite({
      'test-images-000.u8.gz': decodedBody(plain.images.subarray(0, 2 * 784)),
      'test-images-001.u8.gz': decodedBody(plain.images.subarray(2 * 784, 4 * 784)),
      'test-images-002.u8.gz': decodedBody(plain.images.subarray(4 * 784)),
      'test-labels.u8.gz': decodedBody(plain.labels),
    });
    const seen: { loaded: number; total: number }[] = [];
    const split = await site.source.load('test', {
      onProgress: (p) => seen.push({ loaded: p.loaded, total: p.total }),
    });
    expect(Array.from(split.images)).toEqual(Array.from(site.images));
    const total = downloadBytes(site.manifest.splits.test);
    expect(seen.every((p) => p.total === total && p.loaded <= total)).toBe(true);
    expect(seen[seen.length - 1]!.loaded).toBe(total);
  });

  it('reports a missing file as not-found with a clear message', async () => {
    const site = await fakeSite({ 'test-images-001.u8.gz': new Response('', { status: 404 }) });
    const err = await site.source.load('test').catch((e) => e);
    expect(err).toBeInstanceOf(DataError);
    expect(err.kind).toBe('not-found');
    expect(err.message).toMatch(/not found .*404/);
  });

  it('reports corrupt data (bad checksum, undecompressable) as corrupt', async () => {
    const site = await fakeSite();
    const tampered = new Uint8Array(site.images.subarray(0, 2 * 784));
    tampered[100] ^= 1;
    const bad = await fakeSite({ 'test-images-000.u8.gz': new Response(gzipSync(tampered)) });
    const e1 = await bad.source.load('test').catch((e) => e);
    expect(e1.kind).toBe('corrupt');
    expect(e1.message).toMatch(/checksum/);
    const garbage = site.files['test-images-000.u8.gz']!.slice(0, 30);
    const bad2 = await fakeSite({ 'test-images-000.u8.gz': new Response(garbage) });
    const e2 = await bad2.source.load('test').catch((e) => e);
    expect(e2.kind).toBe('corrupt');
  });

  it('reports a network failure as offline, and recovers when the network is back', async () => {
    let down = true;
    const site = await fakeSite({
      'manifest.json': () => {
        if (down) throw new TypeError('Failed to fetch');
        return new Response('x');
      },
    });
    const e = await site.source.load('test').catch((x) => x);
    expect(e.kind).toBe('offline');
    expect(e.message).toMatch(/Could not reach the server/);
    down = false;
    // A later attempt tries again instead of remembering the failure.
    const e2 = await site.source.load('test').catch((x) => x);
    expect(e2.kind).toBe('corrupt'); // 'x' is not JSON: a fresh request was made
  });

  it('stops when aborted', async () => {
    const site = await fakeSite();
    const ctrl = new AbortController();
    ctrl.abort();
    const e = await site.source.load('test', { signal: ctrl.signal }).catch((x) => x);
    expect(e).toBeInstanceOf(DataError);
  });

  it('rejects malformed IDX files', () => {
    expect(() => parseIdx(new Uint8Array([0, 0, 8]))).toThrow(/too short/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0, 0, 0, 0]))).toThrow(
      /unsigned-byte/,
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 1, 2]))).toThrow(
      /expected 11 bytes/,
    );
  });
});
