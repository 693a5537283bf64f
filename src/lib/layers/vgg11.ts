/**
 * VGG11 (configuration "A" of Simonyan & Zisserman) as torchvision builds `vgg11.features`:
 * eight 3×3 convolutions (stride 1, padding 1), each followed by ReLU, and five 2×2 max-pools of
 * stride 2. Shapes are given in PyTorch's NCHW order; tfjs itself works in NHWC.
 */
import type * as TF from '@tensorflow/tfjs';
import { convOutputSize } from './conv-arithmetic.ts';

/** Output channels of each convolution, 'M' for a max-pool (torchvision's cfg "A"). */
export const VGG11_CFG: readonly (number | 'M')[] = [
  64,
  'M',
  128,
  'M',
  256,
  256,
  'M',
  512,
  512,
  'M',
  512,
  512,
  'M',
];

export interface VggLayer {
  /** Index in torchvision's `vgg11.features` Sequential. */
  index: number;
  kind: 'Conv2d' | 'ReLU' | 'MaxPool2d';
  /** PyTorch's printed form of the module. */
  repr: string;
}

/** The modules of `vgg11.features`, in order, with the text PyTorch prints for each. */
export function vgg11Layers(): VggLayer[] {
  const out: VggLayer[] = [];
  let cin = 3;
  for (const c of VGG11_CFG) {
    if (c === 'M') {
      out.push({
        index: out.length,
        kind: 'MaxPool2d',
        repr: 'MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)',
      });
    } else {
      out.push({
        index: out.length,
        kind: 'Conv2d',
        repr: `Conv2d(${cin}, ${c}, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))`,
      });
      out.push({ index: out.length, kind: 'ReLU', repr: 'ReLU(inplace=True)' });
      cin = c;
    }
  }
  return out;
}

/** What `print(vgg11.features[a:b])` shows. */
export function sliceRepr(start: number, end: number): string {
  const body = vgg11Layers()
    .slice(start, end)
    .map((l, i) => `  (${start + i}): ${l.repr}`)
    .join('\n');
  return `Sequential(\n${body}\n)`;
}

export type Shape = [number, number, number, number];

/**
 * Closed-form NCHW shape after each of the first `upTo` modules of vgg11.features for an input
 * (1, 3, h, w): a 3×3 conv with padding 1 keeps h and w, a 2×2/2 pool floors them to half.
 */
export function vggShapes(h: number, w: number, upTo = vgg11Layers().length): Shape[] {
  const shapes: Shape[] = [];
  let s: Shape = [1, 3, h, w];
  let ci = 0;
  for (const l of vgg11Layers().slice(0, upTo)) {
    if (l.kind === 'Conv2d') {
      const c = VGG11_CFG.filter((v) => v !== 'M')[ci++] as number;
      s = [1, c, convOutputSize(s[2], 3, 1, 1), convOutputSize(s[3], 3, 1, 1)];
    } else if (l.kind === 'MaxPool2d') {
      s = [1, s[1], convOutputSize(s[2], 2, 2, 0), convOutputSize(s[3], 2, 2, 0)];
    }
    shapes.push(s);
  }
  return shapes;
}

/**
 * Build vgg11.features[0:upTo] as real tfjs layers (NHWC, random weights, seeded). The
 * Sequential takes inputs of any height and width.
 */
export function buildVgg11(tf: typeof TF, upTo = vgg11Layers().length, seed = 1): TF.Sequential {
  const model = tf.sequential();
  let ci = 0;
  const convs = VGG11_CFG.filter((v) => v !== 'M') as number[];
  vgg11Layers()
    .slice(0, upTo)
    .forEach((l, i) => {
      const first = i === 0 ? { inputShape: [null, null, 3] as (number | null)[] } : {};
      if (l.kind === 'Conv2d')
        model.add(
          tf.layers.conv2d({
            ...first,
            filters: convs[ci++]!,
            kernelSize: 3,
            strides: 1,
            padding: 'same',
            kernelInitializer: tf.initializers.heNormal({ seed: seed + i }),
          }),
        );
      else if (l.kind === 'ReLU') model.add(tf.layers.reLU(first));
      else
        model.add(tf.layers.maxPooling2d({ ...first, poolSize: 2, strides: 2, padding: 'valid' }));
    });
  return model;
}

/** NHWC shape [1, h, w, c] → NCHW [1, c, h, w]. */
export function toNCHW(s: readonly (number | null)[]): Shape {
  return [s[0] ?? 1, s[3]!, s[1]!, s[2]!] as Shape;
}

/**
 * The layers of vgg11.features[0:upTo] as tfjs layer objects that are not built (no weights are
 * allocated), for shape inference only.
 */
export function vgg11ShapeLayers(tf: typeof TF, upTo = vgg11Layers().length): TF.layers.Layer[] {
  const convs = VGG11_CFG.filter((v) => v !== 'M') as number[];
  let ci = 0;
  return vgg11Layers()
    .slice(0, upTo)
    .map((l) =>
      l.kind === 'Conv2d'
        ? tf.layers.conv2d({ filters: convs[ci++]!, kernelSize: 3, strides: 1, padding: 'same' })
        : l.kind === 'ReLU'
          ? tf.layers.reLU()
          : tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'valid' }),
    );
}

/**
 * Shapes tfjs itself infers, layer by layer (Layer.computeOutputShape; no arithmetic of ours,
 * no forward pass), for an input of height h and width w. Returned in NCHW order.
 */
export function tfjsShapes(
  model: TF.Sequential | TF.layers.Layer[],
  h: number,
  w: number,
): Shape[] {
  let s: (number | null)[] = [1, h, w, 3];
  const layers = Array.isArray(model) ? model : model.layers;
  return layers.map((layer) => {
    s = layer.computeOutputShape(s) as (number | null)[];
    return toNCHW(s);
  });
}

/** Run a real forward pass on a seeded random (1, h, w, 3) input; returns the NCHW output shape. */
export async function forwardShape(
  tf: typeof TF,
  model: TF.Sequential,
  h: number,
  w: number,
  seed = 3,
): Promise<{ shape: Shape; finite: boolean }> {
  const [shape, ok] = tf.tidy(() => {
    const y = model.predict(tf.randomUniform([1, h, w, 3], 0, 1, 'float32', seed)) as TF.Tensor4D;
    return [y.shape, tf.all(tf.isFinite(y))] as const;
  });
  try {
    return { shape: toNCHW(shape), finite: (await ok.data())[0] === 1 };
  } finally {
    ok.dispose();
  }
}

/** Parameters of vgg11.features (weights + biases), from the configuration. */
export function vgg11FeatureParams(): number {
  let cin = 3;
  let total = 0;
  for (const c of VGG11_CFG) if (c !== 'M') ((total += 9 * cin * c + c), (cin = c));
  return total;
}
