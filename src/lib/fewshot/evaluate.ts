/**
 * N-way k-shot accuracy of the nearest-prototype rule on fixed features, averaged over episodes,
 * with a 95 % confidence interval. The same episodes (same seed) are used for every feature set,
 * so raw pixels, an untrained and a trained embedding are compared on identical tasks.
 */
import { nearestPrototype, prototypes } from './protonet.ts';
import type { Episode } from './episodes.ts';

/** Rows of a [count, dim] feature matrix gathered into one Float32Array. */
export function gatherRows(
  features: Float32Array,
  dim: number,
  rows: readonly number[],
): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => out.set(features.subarray(r * dim, (r + 1) * dim), i * dim));
  return out;
}

export interface EpisodePrediction {
  /** Predicted episode class of each query row. */
  predicted: Int32Array;
  accuracy: number;
}

/** Classify one episode's queries by the nearest support-class mean. */
export function classifyEpisode(
  features: Float32Array,
  dim: number,
  ep: Episode,
): EpisodePrediction {
  const protos = prototypes(
    gatherRows(features, dim, ep.support),
    dim,
    ep.supportLabels,
    ep.classes.length,
  );
  const predicted = nearestPrototype(gatherRows(features, dim, ep.query), protos, dim);
  let ok = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === ep.queryLabels[i]) ok++;
  return { predicted, accuracy: ok / predicted.length };
}

export interface Summary {
  /** Mean accuracy over episodes. */
  mean: number;
  /** Half-width of the normal-approximation 95 % interval of the mean: 1.96 · sd / √episodes. */
  ci95: number;
  episodes: number;
}

/** Mean and 95 % half-width of per-episode accuracies. */
export function summarise(accs: readonly number[]): Summary {
  const n = accs.length;
  if (n === 0) throw new Error('summarise: no episodes');
  const mean = accs.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? accs.reduce((s, a) => s + (a - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, ci95: (1.96 * Math.sqrt(variance)) / Math.sqrt(n), episodes: n };
}

/** Accuracy over all episodes, and the per-episode values. */
export function evaluateEpisodes(
  features: Float32Array,
  dim: number,
  episodes: readonly Episode[],
): Summary & { accuracies: number[] } {
  const accuracies = episodes.map((ep) => classifyEpisode(features, dim, ep).accuracy);
  return { ...summarise(accuracies), accuracies };
}
