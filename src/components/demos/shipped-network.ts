/**
 * What the dl-41 attack demos start from: the first n MNIST test images and the shipped robustness
 * network (public/models/robustness/baseline), loaded with progress. The caller disposes `model`.
 */
import { loadMnist, type DemoContext } from '../demo/index.ts';
import { loadBaseline } from '../../lib/robustness/lab.ts';
import { classifierOf } from '../../lib/robustness/recipes.ts';
import { fromSplit } from '../../lib/robustness/variants.ts';

export async function testImagesAndShippedNetwork(ctx: DemoContext, n: number) {
  const set = fromSplit(await loadMnist(ctx, 'test', n));
  ctx.status('Loading the shipped network…');
  const model = await loadBaseline(ctx.tf, import.meta.env.BASE_URL, { signal: ctx.signal });
  return { set, model, classifier: classifierOf(model) };
}
