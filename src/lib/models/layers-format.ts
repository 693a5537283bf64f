/**
 * Our plain-variable MLPs (./mlp.ts) in TensorFlow.js's Layers format, so that anyone can load
 * them with tf.loadLayersModel: a tf.sequential of dense layers (named dense_0, dense_1, …; a
 * LeakyReLU layer after a dense layer whose activation is ours 'leakyrelu') holding the same weights.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ModelJson } from '../robustness/weights.ts';
import { LEAKY_RELU_SLOPE, type Activation } from './dense.ts';
import type { MLP } from './mlp.ts';

const LAYERS_ACTIVATION: Record<
  Exclude<Activation, 'leakyrelu'>,
  'relu' | 'linear' | 'sigmoid' | 'tanh' | 'elu'
> = {
  relu: 'relu',
  linear: 'linear',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  elu: 'elu',
};

/** The empty sequential model for these sizes and activations (the caller disposes it). */
export function sequentialFor(
  tf: typeof TF,
  sizes: readonly number[],
  activations: readonly Activation[],
): TF.Sequential {
  if (activations.length !== sizes.length - 1)
    throw new Error(
      `${sizes.length - 1} layers need as many activations, not ${activations.length}.`,
    );
  const model = tf.sequential({ name: 'mlp' });
  activations.forEach((a, i) => {
    model.add(
      tf.layers.dense({
        name: `dense_${i}`,
        units: sizes[i + 1]!,
        activation: a === 'leakyrelu' ? 'linear' : LAYERS_ACTIVATION[a],
        ...(i === 0 ? { inputShape: [sizes[0]!] } : {}),
      }),
    );
    if (a === 'leakyrelu')
      model.add(tf.layers.leakyReLU({ name: `leaky_relu_${i}`, alpha: LEAKY_RELU_SLOPE }));
  });
  return model;
}

/** A LayersModel with a copy of the MLP's weights (the caller disposes it; the MLP is untouched). */
export function mlpToLayersModel(tf: typeof TF, mlp: MLP): TF.Sequential {
  const model = sequentialFor(
    tf,
    mlp.sizes,
    mlp.layers.map((l) => l.activation),
  );
  try {
    model.setWeights(mlp.layers.flatMap((l) => [l.w, l.b]));
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/**
 * A Layers-format model.json for a model file of this site, reading the same weight shard: the
 * weights keep their order, shapes and float16 quantisation and are renamed to the dense layers'
 * kernel and bias. Those models have ReLU hidden layers and a linear (logits) output, unless the
 * file says otherwise (`output: 'relu'`, e.g. the input layers of the general robustness model).
 */
export function layersJsonFor(tf: typeof TF, json: ModelJson): Record<string, unknown> {
  const layers = json.sizes.length - 1;
  const model = sequentialFor(
    tf,
    json.sizes,
    Array.from({ length: layers }, (_, i) =>
      i === layers - 1 ? (json.output ?? 'linear') : 'relu',
    ),
  );
  try {
    const rename = (name: string) => {
      const m = /^([wb])(\d+)$/.exec(name);
      if (!m || Number(m[2]) >= layers)
        throw new Error(`Unexpected weight "${name}" in the model file.`);
      return `dense_${m[2]}/${m[1] === 'w' ? 'kernel' : 'bias'}`;
    };
    return {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version['tfjs-layers']}`,
      convertedBy: 'src/lib/models/layers-format.ts from a runnable-answers/mlp@1 file',
      modelTopology: model.toJSON(null, false),
      weightsManifest: json.weightsManifest.map((g) => ({
        paths: g.paths,
        weights: g.weights.map((w) => ({ ...w, name: rename(w.name) })),
      })),
    };
  } finally {
    model.dispose();
  }
}
