/**
 * dl-44/dl-45 experiment: train an embedding with episodic prototypical training on some MNIST
 * digits (the base classes, training split only), then classify the other digits (the novel
 * classes, test split only) from k labelled examples each by the nearest class mean.
 *
 * Training uses the shared engine (src/lib/train/engine.ts) with one trick: its "examples" are
 * whole episodes. xs holds, per episode, the row indices of its support and query images in the
 * base-class image tensor; the engine shuffles and batches episodes, and the model's predict
 * gathers those images and embeds them. ys holds each episode's query targets (0 … way−1).
 */
import type * as TF from '@tensorflow/tfjs';
import type { MnistSplit } from '../data/mnist.ts';
import { train, type StepInfo, type TrainResult } from '../train/engine.ts';
import { ADAM_SYNC_EVERY } from '../train/adam-settings.ts';
import type { Trainable } from '../models/mlp.ts';
import { createEmbedding, prototypicalLoss, type EmbeddingKind } from './model.ts';
import { indexByClass, sampleEpisodes, type Episode, type EpisodeSpec } from './episodes.ts';
import { classifyEpisode, evaluateEpisodes, type Summary } from './evaluate.ts';
import { PIXELS } from '../data/mnist-geometry.ts';

export interface FewShotOptions {
  baseClasses: number[];
  novelClasses: number[];
  net: EmbeddingKind;
  /** Filters of the CNN's two convolutions (ignored by the MLP). */
  channels?: [number, number];
  dim: number;
  /** Training episodes (optimizer steps × episodesPerStep). */
  trainEpisodes: number;
  episodesPerStep: number;
  /** Training episodes use all base classes unless trainWay is smaller. */
  trainWay?: number;
  trainShot: number;
  trainQuery: number;
  learningRate: number;
  /** Test episodes: way among the novel classes, each shot in `shots`, `query` queries per class. */
  way: number;
  shots: number[];
  query: number;
  episodes: number;
  seed: number;
  signal?: AbortSignal;
  onStep?: (s: StepInfo) => void;
  /** Called when a new stage starts (embedding, evaluating), with a fraction done if known. */
  onStage?: (text: string, fraction: number | null) => void;
}

export interface ShotResult {
  shot: number;
  chance: number;
  raw: Summary;
  untrained: Summary;
  trained: Summary;
}

export interface ExampleEpisode {
  /** Original digits of episode classes 0 … way−1. */
  classes: number[];
  shot: number;
  /** Support images, class by class (way·shot × 784 bytes). */
  supportImages: Uint8Array;
  /** The first queries shown (count × 784 bytes), their true and predicted digits. */
  queryImages: Uint8Array;
  truth: number[];
  predicted: number[];
}

export interface FewShotResult {
  status: TrainResult['status'];
  train?: TrainResult;
  parameterCount: number;
  baseImages: number;
  novelImages: number;
  results: ShotResult[];
  example?: ExampleEpisode;
}

/**
 * The page's recipe for episodic training and testing (the reader picks the classes, network, way and
 * episode counts): 64-d embeddings, one 5-shot episode with 5 queries per class per Adam step at
 * 10⁻³, tests at 1 and 5 shots with 15 queries per class.
 */
export const PAGE_RECIPE: Pick<
  FewShotOptions,
  | 'dim'
  | 'episodesPerStep'
  | 'trainShot'
  | 'trainQuery'
  | 'learningRate'
  | 'shots'
  | 'query'
  | 'seed'
> = {
  dim: 64,
  episodesPerStep: 1,
  trainShot: 5,
  trainQuery: 5,
  learningRate: 1e-3,
  shots: [1, 5],
  query: 15,
  seed: 1,
};

/** "0,1,2,3,4|5,6,7,8,9" → base classes (trained on) and novel classes (tested on). */
export function parseClassSplit(text: string): { baseClasses: number[]; novelClasses: number[] } {
  const [base = '', novel = ''] = text.split('|');
  const digits = (s: string) =>
    s
      .split(',')
      .filter((d) => d.trim() !== '')
      .map(Number);
  return { baseClasses: digits(base), novelClasses: digits(novel) };
}

/** Rows of a split whose label is in `classes`. */
export function filterClasses(split: MnistSplit, classes: readonly number[]): MnistSplit {
  const keep: number[] = [];
  for (let i = 0; i < split.count; i++) if (classes.includes(split.labels[i]!)) keep.push(i);
  const images = new Uint8Array(keep.length * PIXELS);
  keep.forEach((r, i) =>
    images.set(split.images.subarray(r * PIXELS, (r + 1) * PIXELS), i * PIXELS),
  );
  return { images, labels: Uint8Array.from(keep, (r) => split.labels[r]!), count: keep.length };
}

/** Pixels scaled to [0, 1]. */
export function pixels(split: MnistSplit): Float32Array {
  return Float32Array.from(split.images, (v) => v / 255);
}

/** Check a configuration; returns a message for the reader, or null when it is usable. */
export function validateOptions(
  o: Pick<
    FewShotOptions,
    'baseClasses' | 'novelClasses' | 'way' | 'shots' | 'episodes' | 'trainEpisodes' | 'query'
  >,
): string | null {
  const overlap = o.baseClasses.filter((c) => o.novelClasses.includes(c));
  if (overlap.length)
    return `Digits ${overlap.join(', ')} are both training and test classes; the test classes must be unseen.`;
  if (o.baseClasses.length < 2) return 'Training needs at least two base classes.';
  if (!Number.isInteger(o.way) || o.way < 2 || o.way > o.novelClasses.length)
    return `Way must be a whole number from 2 to ${o.novelClasses.length} (the number of unseen digits).`;
  if (!o.shots.length || o.shots.some((s) => !Number.isInteger(s) || s < 1 || s > 20))
    return 'Shots must be whole numbers from 1 to 20.';
  if (!Number.isInteger(o.episodes) || o.episodes < 10 || o.episodes > 5000)
    return 'Test episodes must be a whole number from 10 to 5,000.';
  if (!Number.isInteger(o.trainEpisodes) || o.trainEpisodes < 0 || o.trainEpisodes > 20000)
    return 'Training episodes must be a whole number from 0 to 20,000.';
  if (!Number.isInteger(o.query) || o.query < 1) return 'Queries per class must be at least 1.';
  return null;
}

/** Embed every row of `data` ([n, 784] tensor) in chunks; returns n × dim values. */
export async function embedAll(
  tf: typeof TF,
  model: Trainable,
  data: TF.Tensor2D,
  dim: number,
  chunk = 500,
  signal?: AbortSignal,
): Promise<Float32Array | null> {
  const n = data.shape[0];
  const out = new Float32Array(n * dim);
  for (let s = 0; s < n; s += chunk) {
    if (signal?.aborted) return null;
    const size = Math.min(chunk, n - s);
    const e = tf.tidy(() => model.predict(tf.slice(data, [s, 0], [size, PIXELS])));
    try {
      out.set((await e.data()) as Float32Array, s * dim);
    } finally {
      e.dispose();
    }
  }
  return out;
}

/** Lay out training episodes as rows of image indices (support, then query) and query targets. */
export function episodeTable(episodes: readonly Episode[]): {
  rows: Int32Array;
  targets: Int32Array;
  width: number;
  queries: number;
} {
  const width = episodes[0]!.support.length + episodes[0]!.query.length;
  const queries = episodes[0]!.query.length;
  const rows = new Int32Array(episodes.length * width);
  const targets = new Int32Array(episodes.length * queries);
  episodes.forEach((ep, i) => {
    rows.set([...ep.support, ...ep.query], i * width);
    targets.set(ep.queryLabels, i * queries);
  });
  return { rows, targets, width, queries };
}

export async function runFewShot(
  tf: typeof TF,
  trainSplit: MnistSplit,
  testSplit: MnistSplit,
  o: FewShotOptions,
): Promise<FewShotResult> {
  const problem = validateOptions(o);
  if (problem) throw new Error(problem);
  const base = filterClasses(trainSplit, o.baseClasses);
  const novel = filterClasses(testSplit, o.novelClasses);
  const trainSpec: EpisodeSpec = {
    way: Math.min(o.trainWay ?? o.baseClasses.length, o.baseClasses.length),
    shot: o.trainShot,
    query: o.trainQuery,
  };
  const baseByClass = indexByClass(base.labels, o.baseClasses);
  const novelByClass = indexByClass(novel.labels, o.novelClasses);
  const novelPixels = pixels(novel);

  const model = createEmbedding(tf, o.net, o.dim, o.seed, o.channels);
  const tensors: TF.Tensor[] = [];
  const keep = <T extends TF.Tensor>(t: T) => (tensors.push(t), t);
  const empty = {
    parameterCount: model.parameterCount,
    baseImages: base.count,
    novelImages: novel.count,
    results: [],
  };
  try {
    const novelData = keep(tf.tensor2d(novelPixels, [novel.count, PIXELS]));
    o.onStage?.('Embedding the unseen digits with the untrained network…', null);
    const before = await embedAll(tf, model, novelData, o.dim, 500, o.signal);
    if (!before) return { status: 'cancelled', ...empty };

    let trainResult: TrainResult | undefined;
    if (o.trainEpisodes > 0) {
      const table = episodeTable(
        sampleEpisodes(baseByClass, trainSpec, o.trainEpisodes, o.seed * 31 + 1),
      );
      const baseData = keep(tf.tensor2d(pixels(base), [base.count, PIXELS]));
      const xs = keep(tf.tensor2d(table.rows, [o.trainEpisodes, table.width], 'int32'));
      const ys = keep(tf.tensor2d(table.targets, [o.trainEpisodes, table.queries], 'int32'));
      // The engine's model: a batch of episodes (rows of indices) → embeddings of all their images.
      const episodic: Trainable = {
        variables: model.variables,
        predict: (idx) => model.predict(tf.gather(baseData, tf.reshape(idx, [-1]))),
      };
      trainResult = await train({
        tf,
        model: episodic,
        xs,
        ys,
        epochs: 1,
        batchSize: o.episodesPerStep,
        seed: o.seed,
        signal: o.signal,
        syncEvery: ADAM_SYNC_EVERY,
        optimizer: { name: 'adam', learningRate: o.learningRate },
        loss: (emb, targets) =>
          prototypicalLoss(tf, emb, targets, trainSpec.way, trainSpec.shot, trainSpec.query),
        onStep: o.onStep,
      });
      if (trainResult.status === 'cancelled')
        return { status: 'cancelled', train: trainResult, ...empty };
    }

    o.onStage?.('Embedding the unseen digits with the trained network…', null);
    const after = await embedAll(tf, model, novelData, o.dim, 500, o.signal);
    if (!after) return { status: 'cancelled', train: trainResult, ...empty };

    const results: ShotResult[] = [];
    let example: ExampleEpisode | undefined;
    for (const [i, shot] of o.shots.entries()) {
      if (o.signal?.aborted) return { status: 'cancelled', train: trainResult, ...empty };
      o.onStage?.(
        `Evaluating ${o.way}-way ${shot}-shot on ${o.episodes} episodes…`,
        i / o.shots.length,
      );
      await new Promise((r) => setTimeout(r, 0));
      const eps = sampleEpisodes(
        novelByClass,
        { way: o.way, shot, query: o.query },
        o.episodes,
        o.seed * 1009 + shot,
      );
      results.push({
        shot,
        chance: 1 / o.way,
        raw: evaluateEpisodes(novelPixels, PIXELS, eps),
        untrained: evaluateEpisodes(before, o.dim, eps),
        trained: evaluateEpisodes(after, o.dim, eps),
      });
      if (i === o.shots.length - 1)
        example = exampleEpisode(novel, after, o.dim, eps[0]!, shot, 12);
    }
    return { status: 'done', train: trainResult, ...empty, results, example };
  } finally {
    model.dispose();
    tf.dispose(tensors);
  }
}

/** The support images of one episode and its first `show` queries with true and predicted digits. */
export function exampleEpisode(
  novel: MnistSplit,
  features: Float32Array,
  dim: number,
  ep: Episode,
  shot: number,
  show: number,
): ExampleEpisode {
  const pick = (rows: readonly number[]) => {
    const out = new Uint8Array(rows.length * PIXELS);
    rows.forEach((r, i) =>
      out.set(novel.images.subarray(r * PIXELS, (r + 1) * PIXELS), i * PIXELS),
    );
    return out;
  };
  const { predicted } = classifyEpisode(features, dim, ep);
  // Interleave the classes so the queries shown are not all of the first class.
  const perClass = ep.query.length / ep.classes.length;
  const order = Array.from(
    { length: ep.query.length },
    (_, i) => (i % ep.classes.length) * perClass + Math.floor(i / ep.classes.length),
  ).slice(0, show);
  return {
    classes: ep.classes,
    shot,
    supportImages: pick(ep.support),
    queryImages: pick(order.map((i) => ep.query[i]!)),
    truth: order.map((i) => ep.classes[ep.queryLabels[i]!]!),
    predicted: order.map((i) => ep.classes[predicted[i]!]!),
  };
}
