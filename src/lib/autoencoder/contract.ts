/**
 * The autoencoder task's contract, shared with its PyTorch twin python/autoencoder.py (the
 * DeepBayes 2018 qualification task; tests/python/test_autoencoder.py checks that both sides agree):
 *
 * - the task's model is `AutoEncoder(784, 20)`: codes of size 20, reconstructions of size 784;
 * - only fully connected layers carry parameters, at most 6 of them, and no parameter dimension
 *   exceeds 800 (ours: 784 → 256 → 64 → 20 and back, ReLU between layers, a linear code, a sigmoid
 *   on the output);
 * - loss = mean squared reconstruction error + λ · mean |code| (an L1 penalty on the code activations),
 *   with λ = `TASK_CONTRACT.lambda` and no weight decay;
 * - trained with Adam (learning rate 1e-3) in batches of 50; the full test runs 10 epochs.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Autoencoder, AutoencoderConfig } from './model.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export const TASK_CONTRACT = {
  inputSize: PIXELS,
  codeSize: 20,
  /** Encoder hidden widths; the decoder mirrors them. */
  hidden: [256, 64] as readonly number[],
  /** λ, the weight of the L1 penalty on the codes. */
  lambda: 1e-3,
  maxParamLayers: 6,
  maxParamDim: 800,
  epochs: 10,
  batchSize: 50,
  learningRate: 1e-3,
} as const;

/** Printed last, and only when every check holds — the same line as the PyTorch file's. */
export const SUCCESS_MESSAGE = 'Success! AutoEncoder(784, 20) passed every check of the task.';

/** The task's autoencoder config; any knob can be overridden (to vary the model within the family, or to see the test refuse it). */
export function taskConfig(
  overrides: Partial<
    Pick<AutoencoderConfig, 'hidden' | 'latent' | 'codeL1' | 'loss' | 'dropout'>
  > = {},
): AutoencoderConfig {
  const c = TASK_CONTRACT;
  return {
    inputSize: c.inputSize,
    hidden: [...c.hidden],
    latent: c.codeSize,
    loss: 'mse',
    codeL1: c.lambda,
    weightDecay: 0,
    ...overrides,
  };
}

/** Number of layers that own trainable parameters (every dense layer of encoder and decoder). */
export function parameterisedLayerCount(ae: Autoencoder): number {
  return ae.encoder.layers.length + ae.decoder.layers.length;
}

/** Total number of trainable parameters. */
export function parameterCount(ae: Autoencoder): number {
  return ae.variables.reduce((s, v) => s + v.size, 0);
}

/** The largest dimension of any parameter tensor. */
export function largestParameterDim(ae: Autoencoder): number {
  return Math.max(...ae.variables.flatMap((v) => v.shape));
}

export interface ContractCheck {
  name: 'code size' | 'reconstruction size' | 'layers' | 'dimensions';
  passed: boolean;
  detail: string;
}

/** The task's interface checks on a model, probed with one random input (the same four the PyTorch test makes). */
export function contractChecks(tf: typeof TF, ae: Autoencoder): ContractCheck[] {
  const c = TASK_CONTRACT;
  const [code, recon] = tf.tidy(() => {
    const probe = tf.randomNormal([1, ae.config.inputSize], 0, 1, 'float32', 1) as TF.Tensor2D;
    return [ae.encode(probe).shape, ae.reconstruct(probe).shape];
  });
  const layers = parameterisedLayerCount(ae);
  const largest = largestParameterDim(ae);
  return [
    {
      name: 'code size',
      passed: code.length === 2 && code[1] === c.codeSize,
      detail: `encode(1 random input) → [${code.join(', ')}] (must be [1, ${c.codeSize}])`,
    },
    {
      name: 'reconstruction size',
      passed: recon.length === 2 && recon[1] === c.inputSize,
      detail: `reconstruct(1 random input) → [${recon.join(', ')}] (must be [1, ${c.inputSize}])`,
    },
    {
      name: 'layers',
      passed: layers <= c.maxParamLayers,
      detail: `${layers} layers with parameters, all fully connected (at most ${c.maxParamLayers})`,
    },
    {
      name: 'dimensions',
      passed: largest <= c.maxParamDim,
      detail: `largest parameter dimension ${largest} (at most ${c.maxParamDim}); ${parameterCount(ae).toLocaleString('en')} parameters`,
    },
  ];
}
