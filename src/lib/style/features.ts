/**
 * A small convolutional network with fixed random filters, used only as a feature extractor.
 *
 * Gatys et al. took their features from VGG-19 trained on ImageNet; a pretrained network is far too
 * large to ship here. Ustyuzhaninov et al. (2016, arXiv:1606.00021) showed that Gram statistics of even a one-layer
 * network with random filters synthesise convincing textures when the filters are many and of several
 * sizes, so random features are a known — if weaker — stand-in. Ours: `channels.length` blocks of
 * (k×k 'same' convolution → ReLU), with 2×2 average pooling between blocks. The filters come from the
 * project's seeded RNG (same seed → same network on every backend) and are never trained.
 */
import type * as TF from '@tensorflow/tfjs';
import { normalArray, rng } from '../util/random.ts';

export interface FeatureNetSpec {
  /** Output channels of each block (the input has 3). */
  channels: number[];
  /** Filter side (odd). */
  kernel: number;
  seed: number;
}

export const DEFAULT_FEATURE_NET: FeatureNetSpec = { channels: [32, 48, 64], kernel: 3, seed: 5 };

export interface FeatureNet {
  spec: FeatureNetSpec;
  /** Feature maps [1, h, w, c] after each block's ReLU, for one image [1, s, s, 3] in [0, 1]. */
  features(x: TF.Tensor4D): TF.Tensor4D[];
  dispose(): void;
}

export function randomFeatureNet(
  tf: typeof TF,
  spec: FeatureNetSpec = DEFAULT_FEATURE_NET,
): FeatureNet {
  if (spec.kernel % 2 !== 1 || spec.kernel < 1)
    throw new Error('randomFeatureNet: the kernel side must be odd');
  const r = rng(spec.seed);
  let cin = 3;
  const filters: TF.Tensor4D[] = [];
  for (const cout of spec.channels) {
    const k = spec.kernel;
    // He scale, so every block's activations stay of order one.
    filters.push(
      tf.tensor4d(normalArray(k * k * cin * cout, Math.sqrt(2 / (k * k * cin)), r), [
        k,
        k,
        cin,
        cout,
      ]),
    );
    cin = cout;
  }
  return {
    spec,
    features(x) {
      const out: TF.Tensor4D[] = [];
      // Centre the pixels so that a ReLU keeps about half of each filter's responses.
      let h = tf.sub(x, 0.5) as TF.Tensor4D;
      filters.forEach((f, i) => {
        if (i > 0) h = tf.avgPool(h, 2, 2, 'valid');
        h = tf.relu(tf.conv2d(h, f, 1, 'same'));
        out.push(h);
      });
      return out;
    },
    dispose: () => filters.forEach((f) => f.dispose()),
  };
}
