/** A tfjs workaround: freeing what a failed forward pass left on the gradient tape. */
import type * as TF from '@tensorflow/tfjs';

/**
 * tfjs keeps ("saves") copies of tensors on its gradient tape during a forward pass and frees them
 * in the backward pass. When the forward pass throws, the backward pass never runs and the saved
 * copies outlive every tf.tidy. This frees them and closes the tape, so a failed step leaks nothing.
 */
export function releaseAbandonedTape(tf: typeof TF): void {
  const state = (
    tf.engine() as unknown as {
      state: { gradientDepth: number; activeTape: { saved?: TF.Tensor[] }[] | null };
    }
  ).state;
  if (state.gradientDepth !== 0 || !state.activeTape) return;
  for (const node of state.activeTape) node.saved?.forEach((t) => t.isDisposed || t.dispose());
  state.activeTape = null;
}
