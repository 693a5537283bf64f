/**
 * Helpers around the engine's optimizers for code that steps an optimizer itself (the 2-D surface
 * experiments) instead of going through train().
 */
import type * as TF from '@tensorflow/tfjs';

/**
 * Dispose an optimizer completely. tfjs 4's momentum optimizer inherits a learning-rate scalar from
 * SGD that its own dispose() forgets; the engine frees it the same way internally.
 */
export function disposeOptimizerFully(optimizer: TF.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: TF.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}
