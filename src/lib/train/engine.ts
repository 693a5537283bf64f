/**
 * The training engine's public surface, one import for the labs. Each job has its own file:
 *   loop.ts            train(): batches, progress, read-backs, Cancel, disposal on every exit path
 *   optimizers.ts      optimizers by name, learning-rate setting, disposal
 *   adam.ts            Adam with few elementwise passes
 *   loss.ts            the default loss (softmax cross-entropy on int32 labels)
 *   event-loop.ts      yielding to the event loop between steps
 *   abandoned-tape.ts  freeing the gradient tape a failed forward pass leaves behind (tfjs workaround)
 */
export {
  train,
  SYNC_BUDGET_MS,
  type EpochInfo,
  type StepInfo,
  type TrainConfig,
  type TrainResult,
} from './loop.ts';
export {
  disposeOptimizer,
  makeOptimizer,
  setLearningRate,
  type OptimizerSpec,
} from './optimizers.ts';
export { createAdam, type AdamConfig } from './adam.ts';
export { softmaxCrossEntropy } from './loss.ts';
export { yieldToEventLoop } from './event-loop.ts';
export { releaseAbandonedTape } from './abandoned-tape.ts';
