import { readFileSync } from 'node:fs';
import type * as TF from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { createMLP } from '../../src/lib/models/mlp.ts';
import { layersJsonFor, mlpToLayersModel } from '../../src/lib/models/layers-format.ts';
import { mlpFromArtifacts, type ModelJson } from '../../src/lib/robustness/weights.ts';

/** Save a LayersModel the way a download would, then load it back with tf.loadLayersModel. */
async function roundTrip(tf: typeof TF, model: TF.LayersModel) {
  let saved: TF.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(
      async (a) => ((saved = a), { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) }),
    ),
  );
  return tf.loadLayersModel(
    tf.io.fromMemory(
      JSON.parse(JSON.stringify(saved!.modelTopology)),
      saved!.weightSpecs,
      saved!.weightData,
    ),
  );
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('MLPs in the Layers format', () => {
  it('a converted MLP, saved and loaded with tf.loadLayersModel, predicts what the MLP predicts (every activation)', async () => {
    const { tf } = await nodeTf('cpu');
    const before = tf.memory().numTensors;
    for (const [hidden, output] of [
      ['relu', 'linear'],
      ['leakyrelu', 'sigmoid'],
      ['tanh', 'elu'],
    ] as const) {
      const mlp = createMLP(tf, [5, 7, 6, 3], { seed: 3, hidden, output, init: 'glorot' });
      const layers = mlpToLayersModel(tf, mlp);
      const loaded = await roundTrip(tf, layers);
      // Inputs with negative parts, so that leaky ReLU's slope matters.
      const x = tf.randomNormal([4, 5], 0, 2, 'float32', 7);
      // MLP.predict leaves its intermediate tensors to the caller's tidy, as the engine uses it.
      const [want, got] = tf.tidy(() => [mlp.predict(x), loaded.predict(x) as TF.Tensor]);
      expect(got.shape).toEqual([4, 3]);
      expect(maxDiff(await want.data(), await got.data())).toBeLessThan(1e-5);
      tf.dispose([x, want, got]);
      layers.dispose();
      loaded.dispose();
      mlp.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the committed robustness baseline loads as a LayersModel from its own weights.bin and agrees with the site’s loader', async () => {
    const { tf } = await nodeTf('cpu');
    const dir = 'public/models/robustness/baseline/';
    const json = JSON.parse(readFileSync(dir + 'model.json', 'utf8')) as ModelJson;
    const layersJson = JSON.parse(readFileSync(dir + 'model-layers.json', 'utf8'));
    // The committed file is what the converter makes today (rerun scripts/robustness-layers.ts if not).
    expect(layersJson).toEqual(JSON.parse(JSON.stringify(layersJsonFor(tf, json))));
    expect(layersJson.weightsManifest[0].paths).toEqual(['weights.bin']);
    const bin = readFileSync(dir + 'weights.bin');
    const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
    const loaded = await tf.loadLayersModel({
      load: async () => ({
        modelTopology: layersJson.modelTopology,
        weightSpecs: layersJson.weightsManifest.flatMap((g: { weights: unknown[] }) => g.weights),
        weightData,
      }),
    });
    const mlp = mlpFromArtifacts(tf, json, new Uint8Array(weightData));
    const x = tf.randomUniform([8, 784], 0, 1, 'float32', 11);
    const [want, got] = tf.tidy(() => [mlp.predict(x), loaded.predict(x) as TF.Tensor]);
    const w = await want.data();
    expect(maxDiff(w, await got.data())).toBeLessThan(
      1e-4 * Math.max(1, ...Array.from(w, Math.abs)),
    );
    tf.dispose([x, want, got]);
    loaded.dispose();
    mlp.dispose();
  });
});
