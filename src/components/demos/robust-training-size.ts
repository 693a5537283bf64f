/**
 * The size of a training run in the robustness islands that train a network (robust-fix,
 * robust-general): the fields, declared once (frontmatter), and their reader (script).
 */
import { epochs, images } from '../demo/controls/spec.ts';
import type { Controls } from '../demo/controls/read.ts';

/** Training images (name "n"), epochs and test images (name "test"). */
export const TRAINING_SIZE_CONTROLS = [
  images([500, 5000, 20000, 60000], 5000),
  epochs(20, 2),
  images([200, 2000, 10000], 2000, { split: 'test' }),
];

export function readTrainingSize(c: Controls) {
  return { n: c.choiceNumber('n'), epochs: c.int('epochs'), nTest: c.choiceNumber('test') };
}
