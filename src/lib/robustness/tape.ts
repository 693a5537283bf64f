/**
 * `detached(tf, f)`: run f outside any gradient tape that is being recorded, so that its result enters
 * the surrounding computation as a constant (tfjs has no public stopGradient).
 *
 * Needed for adversarial training: the attack computes an input gradient (its own tf.grad) inside
 * the optimizer's loss closure. Recorded on the optimizer's tape, the attack would be differentiated
 * again (second-order terms through sign(), all zero but expensive). Here the engine's tape state is
 * set aside while f runs and restored afterwards, whatever happens.
 */
import type * as TF from '@tensorflow/tfjs';

interface TapeState {
  gradientDepth: number;
  activeTape: unknown[] | null;
}

export function detached<T>(tf: typeof TF, f: () => T): T {
  const state = (tf.engine() as unknown as { state: TapeState }).state;
  const depth = state.gradientDepth;
  const tape = state.activeTape;
  state.gradientDepth = 0;
  state.activeTape = null;
  try {
    return f();
  } finally {
    state.gradientDepth = depth;
    state.activeTape = tape;
  }
}
