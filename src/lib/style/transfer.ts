/**
 * Style transfer by optimising pixels (Gatys, Ecker and Bethge 2016), on a small random feature net.
 *
 * Find the image x that minimises
 *   L(x) = α · Lcontent(x) + β · Lstyle(x) + γ · TV(x),
 *   Lcontent = ‖F_k(x) − F_k(c)‖² / ‖F_k(c)‖²                       (layout of the content image c),
 *   Lstyle   = Σ_l ‖G(F_l(x)) − G(F_l(s))‖² / ‖G(F_l(s))‖² / #layers  (texture of the style image s),
 *   TV       = mean squared difference of neighbouring pixels              (smoothness),
 * with F_l the feature maps of layer l and G their Gram matrix (./gram.ts). Each term is divided by
 * the size of its target, so the weights α and β are ratios, not tuned to a network's scale. Adam
 * updates the pixels directly; after each step they are clipped back to [0, 1].
 */
import type * as TF from '@tensorflow/tfjs';
import { releaseAbandonedTape, yieldToEventLoop } from '../train/engine.ts';
import type { FeatureNet } from './features.ts';
import { gram } from './gram.ts';
import type { Picture } from './images.ts';

export interface TransferOptions {
  steps: number;
  learningRate: number;
  /** α, β, γ above. */
  contentWeight: number;
  styleWeight: number;
  tvWeight?: number;
  /** Layer whose features define content (default 1). */
  contentLayer?: number;
  /** Layers whose Gram matrices define style (default: all). */
  styleLayers?: number[];
  /** Start from the content image, or from an explicit picture (e.g. noise for texture synthesis). */
  init: 'content' | Picture;
  signal?: AbortSignal;
  /** Compute and report the separate losses every n steps (default 10; always at the first and last step). */
  reportEvery?: number;
  onReport?: (r: LossReport) => void;
}

export interface LossReport {
  step: number;
  content: number;
  style: number;
  tv: number;
  total: number;
}

export interface TransferResult {
  status: 'done' | 'cancelled';
  image: Picture;
  history: LossReport[];
  seconds: number;
}

interface Targets {
  content: TF.Tensor4D;
  contentNorm: TF.Scalar;
  grams: TF.Tensor2D[];
  gramNorms: TF.Scalar[];
}

const asImage = (tf: typeof TF, p: Picture) => tf.tensor4d(p.data, [1, p.size, p.size, 3]);

/** The separate loss terms of image x (a [1, s, s, 3] tensor) against the targets. */
function terms(
  tf: typeof TF,
  net: FeatureNet,
  x: TF.Tensor4D,
  t: Targets,
  contentLayer: number,
  styleLayers: number[],
): { content: TF.Scalar; style: TF.Scalar; tv: TF.Scalar } {
  const f = net.features(x);
  const content = tf.div(
    tf.sum(tf.squaredDifference(f[contentLayer]!, t.content)),
    t.contentNorm,
  ) as TF.Scalar;
  const perLayer = styleLayers.map((l, i) =>
    tf.div(tf.sum(tf.squaredDifference(gram(tf, f[l]!), t.grams[i]!)), t.gramNorms[i]!),
  );
  const style = tf.div(tf.addN(perLayer), styleLayers.length) as TF.Scalar;
  const s = x.shape[1];
  const dy = tf.sub(
    tf.slice(x, [0, 1, 0, 0], [1, s - 1, s, 3]),
    tf.slice(x, [0, 0, 0, 0], [1, s - 1, s, 3]),
  );
  const dx = tf.sub(
    tf.slice(x, [0, 0, 1, 0], [1, s, s - 1, 3]),
    tf.slice(x, [0, 0, 0, 0], [1, s, s - 1, 3]),
  );
  const tv = tf.add(tf.mean(tf.square(dy)), tf.mean(tf.square(dx))) as TF.Scalar;
  return { content, style, tv };
}

/** Style loss alone: Lstyle of picture `x` against picture `style` (for tests and the page's table). */
export function styleLoss(
  tf: typeof TF,
  net: FeatureNet,
  x: Picture,
  style: Picture,
  layers?: number[],
): number {
  return tf.tidy(() => {
    const all = layers ?? net.spec.channels.map((_, i) => i);
    const fx = net.features(asImage(tf, x));
    const fs = net.features(asImage(tf, style));
    const per = all.map((l) => {
      const g = gram(tf, fs[l]!);
      return tf.div(tf.sum(tf.squaredDifference(gram(tf, fx[l]!), g)), tf.sum(tf.square(g)));
    });
    return (tf.div(tf.addN(per), all.length).dataSync() as Float32Array)[0]!;
  });
}

export function validateTransfer(
  o: Pick<TransferOptions, 'steps' | 'learningRate' | 'contentWeight' | 'styleWeight'>,
): string | null {
  if (!Number.isInteger(o.steps) || o.steps < 1 || o.steps > 2000)
    return 'Steps must be a whole number from 1 to 2,000.';
  if (!(o.learningRate > 0 && o.learningRate <= 1))
    return 'The learning rate must be a number in (0, 1].';
  if (
    !(o.styleWeight >= 0) ||
    !(o.contentWeight >= 0) ||
    !Number.isFinite(o.styleWeight) ||
    !Number.isFinite(o.contentWeight)
  )
    return 'The weights must be numbers ≥ 0.';
  if (o.styleWeight === 0 && o.contentWeight === 0)
    return 'At least one of the style and content weights must be above 0.';
  return null;
}

export async function transferStyle(
  tf: typeof TF,
  net: FeatureNet,
  content: Picture,
  style: Picture,
  o: TransferOptions,
): Promise<TransferResult> {
  const problem = validateTransfer(o);
  if (problem) throw new Error(problem);
  if (content.size !== style.size)
    throw new Error('transferStyle: the content and style pictures must have the same size');
  const layers = net.spec.channels.length;
  const contentLayer = o.contentLayer ?? 1;
  const styleLayers = o.styleLayers ?? Array.from({ length: layers }, (_, i) => i);
  if (contentLayer < 0 || contentLayer >= layers || styleLayers.some((l) => l < 0 || l >= layers))
    throw new Error(`transferStyle: layers must be between 0 and ${layers - 1}`);
  const start = o.init === 'content' ? content : o.init;
  if (start.size !== content.size)
    throw new Error('transferStyle: the start picture has the wrong size');
  const t0 = typeof performance !== 'undefined' ? performance.now() : Date.now();
  const every = Math.max(1, o.reportEvery ?? 10);
  const history: LossReport[] = [];
  const targets: Targets = tf.tidy(() => {
    const fc = net.features(asImage(tf, content));
    const fs = net.features(asImage(tf, style));
    const c = fc[contentLayer]!;
    const grams = styleLayers.map((l) => gram(tf, fs[l]!));
    return {
      content: c,
      contentNorm: tf.sum(tf.square(c)) as TF.Scalar,
      grams,
      gramNorms: grams.map((g) => tf.sum(tf.square(g)) as TF.Scalar),
    };
  });
  // tf.variable copies its initial value: make that value inside tidy so it does not outlive the call.
  const x = tf.tidy(() => tf.variable(asImage(tf, start), true, undefined, 'float32'));
  const optimizer = tf.train.adam(o.learningRate);
  const weights = { content: o.contentWeight, style: o.styleWeight, tv: o.tvWeight ?? 0 };
  const report = async (step: number) => {
    const v = tf.tidy(() => {
      const l = terms(tf, net, x as TF.Tensor4D, targets, contentLayer, styleLayers);
      return tf.stack([l.content, l.style, l.tv]);
    });
    const [c, s, tv] = Array.from((await v.data()) as Float32Array) as [number, number, number];
    v.dispose();
    const r = {
      step,
      content: c,
      style: s,
      tv,
      total: weights.content * c + weights.style * s + weights.tv * tv,
    };
    history.push(r);
    o.onReport?.(r);
  };
  let status: TransferResult['status'] = 'done';
  try {
    await report(0);
    for (let step = 1; step <= o.steps; step++) {
      if (o.signal?.aborted) {
        status = 'cancelled';
        break;
      }
      tf.tidy(() => {
        optimizer.minimize(
          () => {
            const l = terms(tf, net, x as TF.Tensor4D, targets, contentLayer, styleLayers);
            return tf.addN([
              tf.mul(l.content, weights.content),
              tf.mul(l.style, weights.style),
              tf.mul(l.tv, weights.tv),
            ]) as TF.Scalar;
          },
          false,
          [x],
        );
        x.assign(tf.clipByValue(x, 0, 1));
      });
      if (step % every === 0 || step === o.steps) await report(step);
      await yieldToEventLoop();
    }
    const data = (await x.data()) as Float32Array;
    const t1 = typeof performance !== 'undefined' ? performance.now() : Date.now();
    return {
      status,
      image: { size: content.size, data: new Float32Array(data) },
      history,
      seconds: (t1 - t0) / 1000,
    };
  } catch (e) {
    releaseAbandonedTape(tf);
    throw e;
  } finally {
    x.dispose();
    optimizer.dispose();
    tf.dispose([targets.content, targets.contentNorm, ...targets.grams, ...targets.gramNorms]);
  }
}
