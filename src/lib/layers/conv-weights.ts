/**
 * The weight tensor of one 2-D convolution layer from its channel counts and kernel size: its shape
 * in PyTorch's layout (out, in, kh, kw) and in TensorFlow's (kh, kw, in, out), the number of weights
 * and biases, and the zero padding that keeps the spatial size at stride 1.
 */
import { convOutputSize } from './conv-arithmetic.ts';

export interface ConvWeights {
  torchShape: [number, number, number, number];
  tfShape: [number, number, number, number];
  weights: number;
  biases: number;
  /** Padding p with output size = input size at stride 1 (odd kernels only; null for even ones). */
  samePadding: number | null;
}

export function convWeights(inChannels: number, outChannels: number, kernel: number): ConvWeights {
  if (![inChannels, outChannels, kernel].every((v) => Number.isInteger(v) && v > 0))
    throw new Error('Need positive whole channel counts and kernel size.');
  // Search the padding rather than quote (k − 1)/2: the output-size formula decides.
  const probe = 4 * kernel + 1;
  const samePadding =
    Array.from({ length: kernel }, (_, p) => p).find(
      (p) => convOutputSize(probe, kernel, 1, p) === probe,
    ) ?? null;
  return {
    torchShape: [outChannels, inChannels, kernel, kernel],
    tfShape: [kernel, kernel, inChannels, outChannels],
    weights: outChannels * inChannels * kernel * kernel,
    biases: outChannels,
    samePadding,
  };
}
