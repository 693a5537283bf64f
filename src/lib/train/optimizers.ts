/**
 * The optimizers the engine offers, by name, and their disposal. Adam is our own few-pass version
 * (adam.ts); the others are tfjs's.
 */
import type * as TF from '@tensorflow/tfjs';
import { createAdam } from './adam.ts';

export type OptimizerSpec =
  | { name: 'sgd'; learningRate: number }
  | { name: 'momentum'; learningRate: number; momentum?: number }
  | { name: 'adam'; learningRate: number; beta1?: number; beta2?: number }
  | { name: 'rmsprop'; learningRate: number };

export function makeOptimizer(tf: typeof TF, spec: OptimizerSpec): TF.Optimizer {
  switch (spec.name) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'momentum':
      return tf.train.momentum(spec.learningRate, spec.momentum ?? 0.9);
    case 'adam':
      return createAdam(tf, {
        learningRate: spec.learningRate,
        beta1: spec.beta1,
        beta2: spec.beta2,
      });
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate);
  }
}

/** Set the learning rate of any of them (tfjs's optimizers expose it differently). */
export function setLearningRate(optimizer: TF.Optimizer, lr: number): void {
  const o = optimizer as unknown as {
    learningRate: number;
    setLearningRate?: (lr: number) => void;
  };
  if (o.setLearningRate) o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** Optimizers whose dispose() forgets part of their state (tfjs 4: momentum keeps its learning-rate scalar). */
export function disposeOptimizer(optimizer: TF.Optimizer): void {
  optimizer.dispose();
  const c = (optimizer as unknown as { c?: TF.Tensor }).c;
  if (c && !c.isDisposed) c.dispose();
}
