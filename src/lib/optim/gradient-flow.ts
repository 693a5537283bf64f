/**
 * Per-layer gradient norms of a deep MLP at initialisation: how the choice of activation
 * (sigmoid, tanh, ReLU) and of initialisation (zeros, Xavier/Glorot, He) decides whether the
 * gradient reaching the first layers vanishes.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, type Activation, type MLP } from '../models/mlp.ts';
import { softmaxCrossEntropy } from '../train/engine.ts';

export type Init = 'zeros' | 'glorot' | 'he';

export interface GradientFlowOptions {
  activation: Activation;
  init: Init;
  /** Number of hidden layers. */
  depth: number;
  width: number;
  seed?: number;
}

export interface GradientFlow {
  activation: Activation;
  init: Init;
  /** ‖∂L/∂W_l‖_F for every weight matrix, input side first (the last entry is the output layer). */
  weightGradNorms: number[];
  /** ‖∂L/∂b_l‖ for every bias vector. */
  biasGradNorms: number[];
  /** Largest difference between any two columns (units) of each layer's weight gradient; 0 ⇒ all units receive the same update. */
  unitSpread: number[];
  loss: number;
}

/** The network used by the experiment: in → width ×depth → out, with the given activation and init. */
export function deepNet(
  tf: typeof TF,
  inputs: number,
  classes: number,
  o: GradientFlowOptions,
): MLP {
  return createMLP(tf, [inputs, ...Array.from({ length: o.depth }, () => o.width), classes], {
    hidden: o.activation,
    init: o.init,
    seed: o.seed ?? 1,
  });
}

/** Gradient norms of every layer of `model` for one batch (softmax cross-entropy). */
export async function layerGradients(
  tf: typeof TF,
  model: MLP,
  xs: TF.Tensor2D,
  ys: TF.Tensor1D,
): Promise<Omit<GradientFlow, 'activation' | 'init'>> {
  const { value, grads } = tf.variableGrads(
    () => softmaxCrossEntropy(tf, model.predict(xs), ys),
    model.variables,
  );
  try {
    const stats = tf.tidy(() => {
      const rows: TF.Tensor[] = [];
      for (const l of model.layers) {
        const g = grads[l.w.name]!;
        const spread = tf.max(tf.sub(tf.max(g, 1), tf.min(g, 1)));
        rows.push(tf.stack([tf.norm(g), tf.norm(grads[l.b.name]!), spread]));
      }
      return tf.stack(rows);
    });
    const v = await stats.data();
    stats.dispose();
    const n = model.layers.length;
    return {
      weightGradNorms: Array.from({ length: n }, (_, i) => v[3 * i]!),
      biasGradNorms: Array.from({ length: n }, (_, i) => v[3 * i + 1]!),
      unitSpread: Array.from({ length: n }, (_, i) => v[3 * i + 2]!),
      loss: (await value.data())[0]!,
    };
  } finally {
    value.dispose();
    tf.dispose(Object.values(grads));
  }
}

/** Build the network, measure its per-layer gradients on one batch, dispose it. */
export async function gradientFlow(
  tf: typeof TF,
  xs: TF.Tensor2D,
  ys: TF.Tensor1D,
  o: GradientFlowOptions,
): Promise<GradientFlow> {
  const model = deepNet(tf, xs.shape[1], 10, o);
  try {
    return { activation: o.activation, init: o.init, ...(await layerGradients(tf, model, xs, ys)) };
  } finally {
    model.dispose();
  }
}

/** Ratio ‖∂L/∂W_first‖ / ‖∂L/∂W_last hidden‖ — how much the gradient shrank on its way down (NaN if the denominator is 0). */
export function firstToLastRatio(f: GradientFlow): number {
  const g = f.weightGradNorms;
  const last = g[g.length - 2]!;
  return last === 0 ? NaN : g[0]! / last;
}
