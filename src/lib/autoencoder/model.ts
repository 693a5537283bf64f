/**
 * The autoencoder of the "autoencoder task" (ae-task), specified by its doc comments.
 *
 * The original task shipped a partly written `autoencoder.py` that is not public; this module is our
 * own definition of the task in its spirit. The contract:
 *
 * - **Architecture.** A fully connected encoder `inputSize → hidden[0] → … → hidden[k-1] → latent`
 *   and a mirrored decoder `latent → hidden[k-1] → … → hidden[0] → inputSize`. Depth and widths are
 *   given by `hidden` (empty = a single linear map each way), the code size by `latent`. Hidden
 *   layers use `activation` (ReLU by default); the code layer is linear (codes are real vectors, so a
 *   Gaussian can be fitted to them); the decoder's last layer outputs *logits* and `decode` applies
 *   a sigmoid, so reconstructions lie in (0, 1) like the pixel intensities.
 * - **Reconstruction loss** (`loss`): `'mse'`, the mean over pixels of (x̂ − x)², or `'bce'`, the
 *   mean over pixels of the binary cross-entropy −[x log x̂ + (1−x) log(1−x̂)], computed from the
 *   logits for numerical stability. Both are averaged over the batch.
 * - **Regularisation.** `weightDecay` adds (weightDecay / 2)·Σ‖W‖² over every weight matrix (not the
 *   biases) of encoder and decoder — L2 weight decay. `codeL1` (the task's λ) adds
 *   λ · mean |zᵢⱼ| over the batch and the code units — an L1 penalty that pushes codes towards
 *   sparsity. Decay on the decoder keeps the network from dodging the L1 penalty by shrinking the
 *   codes and growing the decoder's weights.
 * - **Dropout** (`dropout`, default 0): during training only, each hidden activation of encoder and
 *   decoder is zeroed with that probability and the rest scaled by 1/(1 − p) — never the code or the
 *   output. `encode`/`decode`/`reconstruct` are the evaluation-time network (no dropout).
 * - **Determinism.** Weights come from the project's seeded RNG: the same config and seed build the
 *   same network on every backend.
 *
 * Training, generation and the task's test live in ./train.ts, ./generate.ts and ./test.ts.
 */
import type * as TF from '@tensorflow/tfjs';
import {
  createMLP,
  forward,
  type Activation,
  type DenseLayer,
  type MLP,
  type Trainable,
} from '../models/mlp.ts';

export type ReconLoss = 'mse' | 'bce';

export interface AutoencoderConfig {
  /** Input dimension (784 for MNIST). */
  inputSize: number;
  /** Encoder hidden widths, outermost first; the decoder mirrors them. */
  hidden: number[];
  /** Size of the code z. */
  latent: number;
  /** Hidden-layer activation (default relu). */
  activation?: Activation;
  /** Reconstruction loss (default mse). */
  loss?: ReconLoss;
  /** L2 weight-decay coefficient (default 0). */
  weightDecay?: number;
  /** λ, the L1 penalty on the codes (default 0). */
  codeL1?: number;
  /** Dropout probability after every hidden layer, during training only (default 0). */
  dropout?: number;
}

export interface Autoencoder {
  config: Required<AutoencoderConfig>;
  encoder: MLP;
  decoder: MLP;
  /** Every trainable variable of encoder and decoder. */
  variables: TF.Variable[];
  /** x [n, inputSize] → codes z [n, latent]. Synchronous, so it can run inside tf.tidy. */
  encode(x: TF.Tensor2D): TF.Tensor2D;
  /** z [n, latent] → reconstructions in (0, 1), [n, inputSize]. */
  decode(z: TF.Tensor2D): TF.Tensor2D;
  /** z → decoder logits (before the sigmoid). */
  decodeLogits(z: TF.Tensor2D): TF.Tensor2D;
  /** decode(encode(x)). */
  reconstruct(x: TF.Tensor2D): TF.Tensor2D;
  /** Free all variables. */
  dispose(): void;
}

/** Fill in the defaults of a config. */
export function withDefaults(c: AutoencoderConfig): Required<AutoencoderConfig> {
  return {
    activation: 'relu',
    loss: 'mse',
    weightDecay: 0,
    codeL1: 0,
    dropout: 0,
    ...c,
    hidden: [...c.hidden],
  };
}

/** Check a config and return a reader-facing message for the first problem, or null. */
export function configProblem(c: AutoencoderConfig): string | null {
  const ok = (v: number) => Number.isInteger(v) && v >= 1 && v <= 4096;
  if (!ok(c.inputSize)) return 'The input size must be a whole number from 1 to 4096.';
  if (!ok(c.latent)) return 'The code (latent) size must be a whole number from 1 to 4096.';
  if (c.hidden.length > 6) return 'Use at most 6 hidden layers per side.';
  if (!c.hidden.every(ok)) return 'Every hidden width must be a whole number from 1 to 4096.';
  for (const [name, v] of [
    ['weight decay', c.weightDecay ?? 0],
    ['λ (code L1)', c.codeL1 ?? 0],
  ] as const)
    if (!Number.isFinite(v) || v < 0) return `The ${name} must be a number ≥ 0.`;
  if (c.loss !== undefined && c.loss !== 'mse' && c.loss !== 'bce')
    return 'The loss must be "mse" or "bce".';
  if (c.dropout !== undefined && !(c.dropout >= 0 && c.dropout < 1))
    return 'The dropout probability must be at least 0 and below 1.';
  return null;
}

let counter = 0;

/** Build an autoencoder with seeded weights (He initialisation; encoder seed, decoder seed + 1). */
export function createAutoencoder(tf: typeof TF, config: AutoencoderConfig, seed = 0): Autoencoder {
  const problem = configProblem(config);
  if (problem) throw new Error(problem);
  const cfg = withDefaults(config);
  const name = `ae${counter++}`;
  const encoder = createMLP(tf, [cfg.inputSize, ...cfg.hidden, cfg.latent], {
    seed,
    hidden: cfg.activation,
    output: 'linear',
    name: `${name}/enc`,
  });
  const decoder = createMLP(tf, [cfg.latent, ...[...cfg.hidden].reverse(), cfg.inputSize], {
    seed: seed + 1,
    hidden: cfg.activation,
    output: 'linear',
    name: `${name}/dec`,
  });
  const decodeLogits = (z: TF.Tensor2D) => decoder.predict(z) as TF.Tensor2D;
  const decode = (z: TF.Tensor2D) => tf.tidy(() => tf.sigmoid(decodeLogits(z)));
  const encode = (x: TF.Tensor2D) => encoder.predict(x) as TF.Tensor2D;
  return {
    config: cfg,
    encoder,
    decoder,
    variables: [...encoder.variables, ...decoder.variables],
    encode,
    decode,
    decodeLogits,
    reconstruct: (x) => tf.tidy(() => decode(encode(x))),
    dispose: () => (encoder.dispose(), decoder.dispose()),
  };
}

/** Per-pixel reconstruction loss (mean over batch and pixels) of logits against targets in [0, 1]. */
export function reconstructionLoss(
  tf: typeof TF,
  kind: ReconLoss,
  logits: TF.Tensor2D,
  x: TF.Tensor2D,
): TF.Scalar {
  return tf.tidy(() => {
    if (kind === 'bce') return tf.losses.sigmoidCrossEntropy(x, logits) as TF.Scalar;
    return tf.mean(tf.squaredDifference(tf.sigmoid(logits), x)) as TF.Scalar;
  });
}

/** (weightDecay / 2) · Σ‖W‖² over the weight matrices of encoder and decoder. */
export function weightPenalty(tf: typeof TF, ae: Autoencoder): TF.Scalar {
  return tf.tidy(() => {
    const ws = [...ae.encoder.layers, ...ae.decoder.layers].map((l) => tf.sum(tf.square(l.w)));
    return tf.mul(tf.addN(ws), ae.config.weightDecay / 2) as TF.Scalar;
  });
}

/**
 * The autoencoder as something the shared training engine can train: `predict` returns the decoder
 * logits and the codes side by side, [n, inputSize + latent], so that the loss (see `trainingLoss`)
 * can add the L1 penalty on the codes of the very batch it reconstructs.
 */
export function asTrainable(tf: typeof TF, ae: Autoencoder, seed = 0): Trainable {
  const p = ae.config.dropout;
  if (p === 0) {
    return {
      variables: ae.variables,
      predict: (x) => {
        const z = ae.encode(x as TF.Tensor2D);
        return tf.concat([ae.decodeLogits(z), z], 1);
      },
    };
  }
  let calls = 0;
  const noisy = (layers: DenseLayer[], x: TF.Tensor2D) =>
    layers.reduce((h, l, i) => {
      const y = forward(tf, [l], h);
      return i < layers.length - 1
        ? (tf.dropout(y, p, undefined, seed * 1_000_003 + calls++) as TF.Tensor2D)
        : y;
    }, x);
  return {
    variables: ae.variables,
    predict: (x) => {
      const z = noisy(ae.encoder.layers, x as TF.Tensor2D);
      return tf.concat([noisy(ae.decoder.layers, z), z], 1);
    },
  };
}

/** The training objective on `asTrainable`'s output: reconstruction + λ·mean|z| (weight decay is added by the engine's penalty). */
export function trainingLoss(
  tf: typeof TF,
  ae: Autoencoder,
): (pred: TF.Tensor, target: TF.Tensor) => TF.Scalar {
  const { inputSize, latent, loss, codeL1 } = ae.config;
  return (pred, target) => {
    const n = pred.shape[0]!;
    const logits = tf.slice(pred as TF.Tensor2D, [0, 0], [n, inputSize]);
    const rec = reconstructionLoss(tf, loss, logits, target as TF.Tensor2D);
    if (codeL1 === 0) return rec;
    const z = tf.slice(pred as TF.Tensor2D, [0, inputSize], [n, latent]);
    return tf.add(rec, tf.mul(tf.mean(tf.abs(z)), codeL1)) as TF.Scalar;
  };
}

/**
 * Start the decoder's output bias at logit(mean pixel) of `xs`, so that an untrained decoder already
 * outputs the mean image instead of uniform grey (0.5). Cheap, deterministic, and it saves the first
 * epoch from spending itself on learning the background.
 */
export function initOutputBiasToMean(tf: typeof TF, ae: Autoencoder, xs: TF.Tensor2D): void {
  const last = ae.decoder.layers[ae.decoder.layers.length - 1]!;
  tf.tidy(() => {
    const p = tf.clipByValue(tf.mean(xs, 0), 1e-3, 1 - 1e-3);
    last.b.assign(tf.sub(tf.log(p), tf.log1p(tf.neg(p))) as TF.Tensor1D);
  });
}
