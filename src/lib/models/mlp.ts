/**
 * Multi-layer perceptrons as plain tfjs variables: each layer is one `dense` op (fused
 * matMul + bias + activation, with a gradient on each backend's fast kernels). Weights come from the project's seeded RNG, so the same seed gives
 * the same network on every backend.
 */
import type * as TF from '@tensorflow/tfjs';
import { CLASSES, PIXELS } from '../data/mnist-geometry.ts';
import { normalArray, rng } from '../util/random.ts';
import { dense, type Activation } from './dense.ts';

export type { Activation };

/** The robustness task's network: 784-500-500-500-200-200-100-50-10, ReLU after every layer but the last. */
export const FIVEAI_SIZES: readonly number[] = [PIXELS, 500, 500, 500, 200, 200, 100, 50, CLASSES];

export interface DenseLayer {
  w: TF.Variable;
  b: TF.Variable;
  activation: Activation;
}

/** Anything the training engine can train: variables and a forward pass. */
export interface Trainable {
  variables: TF.Variable[];
  /** Forward pass; for classifiers, returns logits. */
  predict(x: TF.Tensor): TF.Tensor;
}

export interface MLP extends Trainable {
  sizes: number[];
  layers: DenseLayer[];
  dispose(): void;
}

export interface MLPOptions {
  seed?: number;
  /** Activation of hidden layers (default relu). */
  hidden?: Activation;
  /** Activation of the last layer (default linear: logits). */
  output?: Activation;
  /** Weight initialisation: he (default, for ReLU), glorot, or zeros. */
  init?: 'he' | 'glorot' | 'zeros';
  /** Prefix for variable names (keeps names unique when several models live together). */
  name?: string;
}

let counter = 0;

export function createMLP(tf: typeof TF, sizes: readonly number[], options: MLPOptions = {}): MLP {
  if (sizes.length < 2) throw new Error('createMLP: need at least input and output sizes');
  const r = rng(options.seed ?? 0);
  const name = options.name ?? `mlp${counter++}`;
  const layers: DenseLayer[] = [];
  for (let i = 0; i < sizes.length - 1; i++) {
    const fanIn = sizes[i]!;
    const fanOut = sizes[i + 1]!;
    const init = options.init ?? 'he';
    const std =
      init === 'he'
        ? Math.sqrt(2 / fanIn)
        : init === 'glorot'
          ? Math.sqrt(2 / (fanIn + fanOut))
          : 0;
    const wValues =
      std === 0 ? new Float32Array(fanIn * fanOut) : normalArray(fanIn * fanOut, std, r);
    layers.push({
      // Inside tidy: tf.variable copies its initial value, and the initial tensor must not outlive it.
      w: tf.tidy(() => tf.variable(tf.tensor2d(wValues, [fanIn, fanOut]), true, `${name}/w${i}`)),
      b: tf.tidy(() => tf.variable(tf.zeros([fanOut]), true, `${name}/b${i}`)),
      activation:
        i === sizes.length - 2 ? (options.output ?? 'linear') : (options.hidden ?? 'relu'),
    });
  }
  return {
    sizes: [...sizes],
    layers,
    variables: layers.flatMap((l) => [l.w, l.b]),
    predict: (x) => forward(tf, layers, x as TF.Tensor2D),
    dispose: () => layers.forEach((l) => (l.w.dispose(), l.b.dispose())),
  };
}

/** Forward pass through dense layers. */
export function forward(tf: typeof TF, layers: readonly DenseLayer[], x: TF.Tensor2D): TF.Tensor2D {
  let h = x;
  for (const l of layers) h = dense(tf, h, l.w as TF.Tensor2D, l.b as TF.Tensor1D, l.activation);
  return h;
}

/** Copy weights out as plain arrays (for saving, tests and comparisons). */
export async function exportWeights(
  model: MLP,
): Promise<{ w: Float32Array; b: Float32Array; shape: [number, number] }[]> {
  return Promise.all(
    model.layers.map(async (l) => ({
      w: (await l.w.data()) as Float32Array,
      b: (await l.b.data()) as Float32Array,
      shape: l.w.shape as [number, number],
    })),
  );
}
