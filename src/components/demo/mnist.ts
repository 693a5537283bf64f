/**
 * The one MNIST loader for demos: the site's files, with download progress in megabytes on the
 * demo's bar and status ("Downloading MNIST train set: 3.1 of 9.9 MB"), cancelled by the run's signal.
 */
import {
  httpSource,
  type Manifest,
  type MnistSplit,
  type Progress,
  type SplitName,
} from '../../lib/data/mnist.ts';
import { downloadBytes } from '../../lib/data/mnist-chunks.ts';
import type { DemoContext } from './runtime.ts';
import { megabytes } from './format.ts';

const MNIST_URL = `${import.meta.env.BASE_URL.replace(/\/$/, '')}/data/mnist/`;

/** The site's MNIST files, for lib functions that take a source (e.g. the robustness test sets). */
export const mnistSource = httpSource({ baseUrl: MNIST_URL });

/**
 * Bytes a run would download for the first n images of each split it names (all when n is
 * undefined), from the manifest alone: what a heavy demo states before it runs (./heavy.ts).
 */
export async function mnistDownloadBytes(
  parts: readonly [SplitName, number | undefined][],
  signal?: AbortSignal,
): Promise<number> {
  const res = await fetch(`${MNIST_URL}manifest.json`, { signal });
  if (!res.ok) throw new Error(`The MNIST manifest could not be read (HTTP ${res.status}).`);
  const m = (await res.json()) as Manifest;
  return parts.reduce((s, [split, first]) => s + downloadBytes(m.splits[split], first), 0);
}

/** A download-progress callback for the demo's bar and status: "Downloading MNIST test set: 3.1 of 9.9 MB". */
export function downloadProgress(ctx: Pick<DemoContext, 'progress'>, split: SplitName) {
  return (p: Progress) =>
    ctx.progress(
      p.loaded / p.total,
      `Downloading MNIST ${split} set: ${megabytes(p.loaded)} of ${megabytes(p.total)} MB`,
    );
}

/** The first `first` images of a split (all of them when omitted). */
export function loadMnist(
  ctx: Pick<DemoContext, 'signal' | 'progress'>,
  split: SplitName,
  first?: number,
): Promise<MnistSplit> {
  return mnistSource.load(split, {
    signal: ctx.signal,
    subset: first === undefined ? undefined : { first },
    onProgress: downloadProgress(ctx, split),
  });
}

/** The training and test sets a run needs, loaded one after the other. */
export async function loadTrainTest(
  ctx: Pick<DemoContext, 'signal' | 'progress'>,
  nTrain?: number,
  nTest?: number,
) {
  const train = await loadMnist(ctx, 'train', nTrain);
  const test = await loadMnist(ctx, 'test', nTest);
  return { train, test };
}
