/** Contiguous slices of an MNIST split (e.g. training images [0, n) and a validation block after them). */
import type { MnistSplit } from '../data/mnist.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

/** Examples [start, start + count) of a split, as a new split sharing no memory with it. */
export function sliceSplit(split: MnistSplit, start: number, count: number): MnistSplit {
  const end = Math.min(split.count, start + count);
  const c = Math.max(0, end - start);
  return {
    images: split.images.slice(start * PIXELS, (start + c) * PIXELS),
    labels: split.labels.slice(start, start + c),
    count: c,
  };
}
