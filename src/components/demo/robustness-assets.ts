/**
 * What the robustness demos load before they run (src/lib/robustness/lab.ts), with the loading shown
 * on the demo: the five test sets, with the MNIST download on the bar, and the shipped model, which
 * is disposed after its use.
 */
import type { MLP } from '../../lib/models/mlp.ts';
import { loadBaseline, loadTestSets } from '../../lib/robustness/lab.ts';
import { downloadProgress, mnistSource } from './mnist.ts';
import type { DemoContext } from './runtime.ts';

const BASE = import.meta.env.BASE_URL;

/** The first n clean test images and t1–t4 made from them. */
export async function loadVariantSets(ctx: Pick<DemoContext, 'signal' | 'progress'>, n: number) {
  const { sets } = await loadTestSets(mnistSource, BASE, n, {
    signal: ctx.signal,
    onProgress: downloadProgress(ctx, 'test'),
  });
  return sets;
}

/**
 * Load the shipped baseline network, then run `use` on it in the running phase; the network is
 * disposed when `use` ends, however it ends.
 */
export async function withShippedModel<T>(
  ctx: Pick<DemoContext, 'tf' | 'signal' | 'status' | 'phase'>,
  use: (model: MLP) => Promise<T>,
): Promise<T> {
  ctx.status('Loading the shipped model…');
  const model = await loadBaseline(ctx.tf, BASE, { signal: ctx.signal });
  try {
    ctx.phase('running');
    return await use(model);
  } finally {
    model.dispose();
  }
}
