/**
 * What the PyTorch twin (python/autoencoder.py) must reproduce: the task's contract as the TypeScript
 * side computes it, the weights of one seeded task autoencoder in PyTorch's layout (nn.Linear keeps
 * `weight` as [out, in]; ours is [in, out]), a fixed small input, and this side's codes,
 * reconstructions and loss on it. tests/python/test_autoencoder.py loads the weights into
 * `AutoEncoder(784, 20)` and compares.
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, rng } from '../util/random.ts';
import { createAutoencoder, asTrainable, trainingLoss } from './model.ts';
import {
  largestParameterDim,
  parameterCount,
  parameterisedLayerCount,
  SUCCESS_MESSAGE,
  TASK_CONTRACT,
  taskConfig,
} from './contract.ts';

export interface LinearJson {
  /** [out][in], as nn.Linear.weight. */
  weight: number[][];
  bias: number[];
}

export interface TwinSnapshot {
  contract: typeof TASK_CONTRACT & {
    successMessage: string;
    parameterisedLayers: number;
    parameters: number;
    largestDim: number;
  };
  encoder: LinearJson[];
  decoder: LinearJson[];
  /** rows × 784, values in [0, 1]. */
  input: number[][];
  codes: number[][];
  reconstruction: number[][];
  loss: number;
}

const rows = (v: Float32Array, width: number) =>
  Array.from({ length: v.length / width }, (_, i) =>
    Array.from(v.subarray(i * width, (i + 1) * width)),
  );

/** Build the task's autoencoder from `seed` (biases set to small seeded values so they matter too) and record it on `n` seeded inputs. */
export async function twinSnapshot(tf: typeof TF, seed: number, n = 4): Promise<TwinSnapshot> {
  const ae = createAutoencoder(tf, taskConfig(), seed);
  const r = rng(seed + 99);
  try {
    for (const l of [...ae.encoder.layers, ...ae.decoder.layers])
      tf.tidy(() => l.b.assign(tf.tensor1d(normalArray(l.b.size, 0.1, r))));
    const d = ae.config.inputSize;
    const x = Float32Array.from({ length: n * d }, () => r.next());
    const layers = async (mlpLayers: typeof ae.encoder.layers): Promise<LinearJson[]> =>
      Promise.all(
        mlpLayers.map(async (l) => {
          const [nIn, nOut] = l.w.shape as [number, number];
          const transposed = tf.transpose(l.w);
          const w = (await transposed.data()) as Float32Array;
          transposed.dispose();
          return {
            weight: rows(w, nIn).slice(0, nOut),
            bias: Array.from((await l.b.data()) as Float32Array),
          };
        }),
      );
    const [codes, recon, loss] = tf.tidy(() => {
      const xt = tf.tensor2d(x, [n, d]);
      return [
        ae.encode(xt),
        ae.reconstruct(xt),
        trainingLoss(tf, ae)(asTrainable(tf, ae).predict(xt), xt),
      ];
    });
    try {
      return {
        contract: {
          ...TASK_CONTRACT,
          successMessage: SUCCESS_MESSAGE,
          parameterisedLayers: parameterisedLayerCount(ae),
          parameters: parameterCount(ae),
          largestDim: largestParameterDim(ae),
        },
        encoder: await layers(ae.encoder.layers),
        decoder: await layers(ae.decoder.layers),
        input: rows(x, d),
        codes: rows((await codes.data()) as Float32Array, ae.config.latent),
        reconstruction: rows((await recon.data()) as Float32Array, d),
        loss: (await loss.data())[0]!,
      };
    } finally {
      tf.dispose([codes, recon, loss]);
    }
  } finally {
    ae.dispose();
  }
}
