/**
 * The widths of one MLP whose training step costs what an autoencoder's does: the encoder and its
 * mirrored decoder end to end (input → hidden → code → hidden reversed → input), so the same matrices
 * are multiplied. A heavy demo times a few steps of this MLP (src/lib/train/probe.ts) to estimate a
 * full autoencoder run on the reader's device.
 */
import type { AutoencoderConfig } from './model.ts';

export function endToEndWidths(c: Pick<AutoencoderConfig, 'inputSize' | 'hidden' | 'latent'>) {
  return [c.inputSize, ...c.hidden, c.latent, ...[...c.hidden].reverse(), c.inputSize];
}
