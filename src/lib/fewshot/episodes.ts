/**
 * N-way k-shot episodes (Vinyals et al., 2016): pick `way` classes from a pool, then `shot` support
 * and `query` query examples of each, all distinct. Inside an episode the classes are renamed
 * 0 … way−1 in the order drawn, so a model can never rely on which digit a class "really" is.
 */
import { rng, type Rng } from '../util/random.ts';

export interface EpisodeSpec {
  way: number;
  shot: number;
  /** Query examples per class. */
  query: number;
}

export interface Episode {
  /** The original class of episode class c is classes[c]. */
  classes: number[];
  /** Dataset row indices: `shot` rows of class 0, then `shot` of class 1, … */
  support: number[];
  /** Dataset row indices: `query` rows of class 0, then of class 1, … */
  query: number[];
  /** Episode class (0 … way−1) of each support row and each query row. */
  supportLabels: Int32Array;
  queryLabels: Int32Array;
}

/** Row indices of each class in `pool`, from a label array. */
export function indexByClass(
  labels: ArrayLike<number>,
  pool: readonly number[],
): Map<number, number[]> {
  const m = new Map<number, number[]>(pool.map((c) => [c, []]));
  for (let i = 0; i < labels.length; i++) m.get(labels[i]!)?.push(i);
  return m;
}

/** k distinct items of `items`, uniformly at random (partial Fisher–Yates on a copy). */
export function sampleWithoutReplacement<T>(items: readonly T[], k: number, r: Rng): T[] {
  if (k > items.length) throw new Error(`cannot draw ${k} distinct items from ${items.length}`);
  const a = items.slice();
  for (let i = 0; i < k; i++) {
    const j = i + r.int(a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}

export function checkSpec(spec: EpisodeSpec, byClass: Map<number, number[]>): void {
  const { way, shot, query } = spec;
  if (!Number.isInteger(way) || way < 2)
    throw new Error('An episode needs at least 2 classes (way ≥ 2).');
  if (way > byClass.size)
    throw new Error(`Only ${byClass.size} classes to draw from, but way = ${way}.`);
  if (!Number.isInteger(shot) || shot < 1)
    throw new Error('Each class needs at least one support example (shot ≥ 1).');
  if (!Number.isInteger(query) || query < 1)
    throw new Error('Each class needs at least one query example.');
  for (const [c, rows] of byClass) {
    if (rows.length < shot + query)
      throw new Error(`Class ${c} has ${rows.length} examples; an episode needs ${shot + query}.`);
  }
}

/** One episode drawn with `r` from the classes of `byClass` (see indexByClass). */
export function sampleEpisode(byClass: Map<number, number[]>, spec: EpisodeSpec, r: Rng): Episode {
  checkSpec(spec, byClass);
  const classes = sampleWithoutReplacement([...byClass.keys()], spec.way, r);
  const support: number[] = [];
  const query: number[] = [];
  classes.forEach((c) => {
    const rows = sampleWithoutReplacement(byClass.get(c)!, spec.shot + spec.query, r);
    support.push(...rows.slice(0, spec.shot));
    query.push(...rows.slice(spec.shot));
  });
  const labelsOf = (per: number) =>
    Int32Array.from({ length: spec.way * per }, (_, i) => Math.floor(i / per));
  return {
    classes,
    support,
    query,
    supportLabels: labelsOf(spec.shot),
    queryLabels: labelsOf(spec.query),
  };
}

/** `count` episodes from one seed: the same seed gives the same episodes. */
export function sampleEpisodes(
  byClass: Map<number, number[]>,
  spec: EpisodeSpec,
  count: number,
  seed: number,
): Episode[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => sampleEpisode(byClass, spec, r));
}
