/**
 * What the robustness islands that train a network (robust-fix, robust-general) load first: the
 * first n training images and the five test sets (t4 from the shipped file).
 */
import { downloadProgress, loadMnist, mnistSource, type DemoContext } from '../demo/index.ts';
import { loadTestSets } from '../../lib/robustness/lab.ts';
import { fromSplit, type ImageSet } from '../../lib/robustness/variants.ts';

/** The first `n` training images (none for n = 0) and the five test sets from the first `nTest` test images. */
export async function loadTrainingData(ctx: DemoContext, n: number, nTest: number) {
  const train: ImageSet =
    n > 0
      ? fromSplit(await loadMnist(ctx, 'train', n))
      : { x: new Float32Array(0), labels: new Uint8Array(0), count: 0 };
  const { sets } = await loadTestSets(mnistSource, import.meta.env.BASE_URL, nTest, {
    signal: ctx.signal,
    onProgress: downloadProgress(ctx, 'test'),
  });
  return { train, sets };
}
