/**
 * Convolution and pooling arithmetic: the closed-form output size, and a check of that formula
 * against real tfjs layers (zeroPadding2d + conv2d, and the tf.conv2d op with explicit padding).
 */
import type * as TF from '@tensorflow/tfjs';

/** Output length along one axis: ⌊(n + 2p − f) / s⌋ + 1 (cross-correlation, symmetric zero padding p). */
export function convOutputSize(n: number, f: number, s = 1, p = 0): number {
  if (![n, f, s, p].every(Number.isInteger)) throw new Error('n, f, s and p must be integers');
  if (n < 1 || f < 1 || s < 1 || p < 0) throw new Error('need n ≥ 1, f ≥ 1, s ≥ 1 and p ≥ 0');
  if (f > n + 2 * p)
    throw new Error(
      `the ${f}×${f} filter does not fit in the padded ${n + 2 * p}×${n + 2 * p} input`,
    );
  return Math.floor((n + 2 * p - f) / s) + 1;
}

/** TensorFlow-style 'same' padding: output ⌈n / s⌉, whatever the filter size. */
export function sameOutputSize(n: number, s = 1): number {
  return Math.ceil(n / s);
}

/** Input rows/columns never read by any window: (n + 2p − f) mod s (they are dropped by the floor). */
export function unusedRows(n: number, f: number, s = 1, p = 0): number {
  return (n + 2 * p - f) % s;
}

export interface ConvCase {
  n: number;
  f: number;
  s: number;
  p: number;
}

export interface ConvCheck extends ConvCase {
  formula: number;
  /** Spatial size produced by tf.layers (zeroPadding2d(p) then conv2d, 'valid'). */
  layers: number;
  /** Spatial size produced by the tf.conv2d op with numeric padding p. */
  op: number;
}

/**
 * Run a real n×n×1 input through tfjs convolution layers for each case and report the output size
 * next to the formula's. Weights are irrelevant to the shape, so kernels are ones.
 */
export function checkConvSizes(
  tf: typeof TF,
  cases: readonly ConvCase[],
  channelsOut = 2,
): ConvCheck[] {
  return cases.map(({ n, f, s, p }) => {
    const formula = convOutputSize(n, f, s, p);
    const model = tf.sequential({
      layers: [
        tf.layers.zeroPadding2d({ padding: p, inputShape: [n, n, 1] }),
        tf.layers.conv2d({
          filters: channelsOut,
          kernelSize: f,
          strides: s,
          padding: 'valid',
          kernelInitializer: 'ones',
        }),
      ],
    });
    try {
      const [layers, op] = tf.tidy(() => {
        const x = tf.ones([1, n, n, 1]) as TF.Tensor4D;
        const y = model.predict(x) as TF.Tensor4D;
        const yOp = tf.conv2d(x, tf.ones([f, f, 1, channelsOut]) as TF.Tensor4D, s, p);
        if (y.shape[1] !== y.shape[2] || yOp.shape[1] !== yOp.shape[2])
          throw new Error('non-square output');
        return [y.shape[1], yOp.shape[1]];
      }) as number[];
      return { n, f, s, p, formula, layers: layers!, op: op! };
    } finally {
      model.dispose();
    }
  });
}

/**
 * The same comparison without running any kernel: the output shape as tfjs's own shape logic infers
 * it, through the layers' computeOutputShape (zeroPadding2d then conv2d) and through
 * backend_util.computeConv2DInfo, the function the tf.conv2d op uses. Fast on every backend, so a
 * page can sweep hundreds of cases (GPU backends would otherwise compile a program per shape).
 */
export function inferConvSizes(
  tf: typeof TF,
  cases: readonly ConvCase[],
  channelsOut = 2,
): ConvCheck[] {
  return cases.map(({ n, f, s, p }) => {
    const pad = tf.layers.zeroPadding2d({ padding: p });
    const conv = tf.layers.conv2d({
      filters: channelsOut,
      kernelSize: f,
      strides: s,
      padding: 'valid',
    });
    const shape = conv.computeOutputShape(pad.computeOutputShape([1, n, n, 1])) as number[];
    const info = tf.backend_util.computeConv2DInfo([1, n, n, 1], [f, f, 1, channelsOut], s, 1, p);
    return {
      n,
      f,
      s,
      p,
      formula: convOutputSize(n, f, s, p),
      layers: shape[1]!,
      op: info.outHeight,
    };
  });
}

/** Every (n, f, s, p) with n ≤ maxN, f ≤ maxF, s ≤ maxS, p ≤ maxP for which the filter fits. */
export function convGrid(maxN = 9, maxF = 5, maxS = 3, maxP = 2): ConvCase[] {
  const out: ConvCase[] = [];
  for (let n = 1; n <= maxN; n++)
    for (let f = 1; f <= maxF; f++)
      for (let s = 1; s <= maxS; s++)
        for (let p = 0; p <= maxP; p++) if (f <= n + 2 * p) out.push({ n, f, s, p });
  return out;
}
