/**
 * Weight counts of a chain of fully connected (or 1×1 convolution) layers given its widths, e.g.
 * [256, 32, 256] for a bottleneck and [256, 256] for the single wide layer that replaces it. A layer
 * from m to n units (or channels, for a 1×1 convolution) has m·n weights and n biases.
 */

export interface ChainCount {
  widths: number[];
  /** m·n per layer, in order. */
  perLayer: number[];
  weights: number;
  biases: number;
}

export function chainWeights(widths: readonly number[]): ChainCount {
  if (widths.length < 2 || widths.some((w) => !Number.isInteger(w) || w < 1))
    throw new Error('Need at least two positive whole widths.');
  const perLayer = widths.slice(1).map((n, i) => widths[i]! * n);
  return {
    widths: [...widths],
    perLayer,
    weights: perLayer.reduce((s, w) => s + w, 0),
    biases: widths.slice(1).reduce((s, n) => s + n, 0),
  };
}

/** The two figures of nn-053: the bottleneck 256 → 32 → 256 and the colleague's 256 → 256. */
export function bottleneckVersusWide(outer = 256, inner = 32) {
  const bottleneck = chainWeights([outer, inner, outer]);
  const wide = chainWeights([outer, outer]);
  return { bottleneck, wide, ratio: wide.weights / bottleneck.weights };
}
