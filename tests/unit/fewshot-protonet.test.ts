import { describe, expect, it } from 'vitest';
import {
  nearestPrototype,
  prototypeProbabilities,
  prototypes,
} from '../../src/lib/fewshot/protonet.ts';
import { indexByClass, sampleEpisode, sampleEpisodes } from '../../src/lib/fewshot/episodes.ts';
import { classifyEpisode, evaluateEpisodes, summarise } from '../../src/lib/fewshot/evaluate.ts';
import { episodeTable, filterClasses, validateOptions } from '../../src/lib/fewshot/run.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('dl-44: prototypes and the nearest-mean rule', () => {
  // Class 0: (0,0), (2,0) → prototype (1,0). Class 1: (0,4), (0,6), (3,5) → prototype (1,5).
  const support = Float32Array.from([0, 0, 0, 4, 2, 0, 0, 6, 3, 5]);
  const labels = [0, 1, 0, 1, 1];

  it("a prototype is the mean of its class's support embeddings (hand-computed)", () => {
    expect([...prototypes(support, 2, labels, 2)]).toEqual([1, 0, 1, 5]);
  });

  it('queries go to the nearest prototype in squared Euclidean distance; ties to the lower class', () => {
    const p = prototypes(support, 2, labels, 2);
    // (1,1): 1 vs 16 → 0.  (2,3): 10 vs 5 → 1.  (1,2.5): 6.25 vs 6.25 → tie → 0.  (5,5): 41 vs 16 → 1.
    expect([...nearestPrototype(Float32Array.from([1, 1, 2, 3, 1, 2.5, 5, 5]), p, 2)]).toEqual([
      0, 1, 0, 1,
    ]);
  });

  it('probabilities are softmax(−d²): for (1,1) the odds of class 0 to class 1 are e^15', () => {
    const pr = prototypeProbabilities(
      Float32Array.from([1, 1]),
      prototypes(support, 2, labels, 2),
      2,
    );
    expect(pr[0]! + pr[1]!).toBeCloseTo(1, 12);
    expect(Math.log(pr[0]! / pr[1]!)).toBeCloseTo(15, 6);
  });

  it('refuses a class without support examples and labels outside the episode', () => {
    expect(() => prototypes(Float32Array.from([1, 2]), 2, [0], 2)).toThrow(
      /class 1 has no support/,
    );
    expect(() => prototypes(Float32Array.from([1, 2]), 2, [2], 2)).toThrow(/outside/);
  });

  it('an episode is classified exactly as the rule says; raw features of a separable toy give 100 %', () => {
    // Four 1-D points per class, classes far apart: any support choice gives perfect accuracy.
    const feats = Float32Array.from([0, 0.1, 0.2, 0.3, 10, 10.1, 10.2, 10.3, 20, 20.1, 20.2, 20.3]);
    const lab = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
    const eps = sampleEpisodes(indexByClass(lab, [0, 1, 2]), { way: 3, shot: 1, query: 3 }, 20, 3);
    const s = evaluateEpisodes(feats, 1, eps);
    expect(s.mean).toBe(1);
    expect(s.ci95).toBe(0);
    const ep = eps[0]!;
    expect([...classifyEpisode(feats, 1, ep).predicted]).toEqual([...ep.queryLabels]);
  });

  it('summary: mean and 1.96·sd/√n of per-episode accuracies', () => {
    const s = summarise([0.5, 0.7, 0.9, 0.7]);
    expect(s.mean).toBeCloseTo(0.7, 12);
    // sample variance = (0.04 + 0 + 0.04 + 0) / 3
    expect(s.ci95).toBeCloseTo((1.96 * Math.sqrt(0.08 / 3)) / 2, 12);
  });
});

describe('dl-44: the episode sampler', () => {
  // 10 classes × 30 examples, labels in a shuffled order.
  const r = rng(5);
  const labels = Uint8Array.from({ length: 300 }, (_, i) => i % 10);
  for (let i = labels.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [labels[i], labels[j]] = [labels[j]!, labels[i]!];
  }
  const novel = [5, 6, 7, 8, 9];

  it('never draws a class outside the pool (the training classes), and support and query are disjoint', () => {
    const byClass = indexByClass(labels, novel);
    for (const ep of sampleEpisodes(byClass, { way: 4, shot: 5, query: 15 }, 300, 11)) {
      expect(new Set(ep.classes).size).toBe(4);
      ep.classes.forEach((c) => expect(novel).toContain(c));
      const all = [...ep.support, ...ep.query];
      expect(new Set(all).size).toBe(all.length); // no example twice, so support ∩ query = ∅
      all.forEach((row) => expect(novel).toContain(labels[row]));
      ep.support.forEach((row, i) => expect(labels[row]).toBe(ep.classes[ep.supportLabels[i]!]));
      ep.query.forEach((row, i) => expect(labels[row]).toBe(ep.classes[ep.queryLabels[i]!]));
      expect(ep.support.length).toBe(20);
      expect(ep.query.length).toBe(60);
    }
  });

  it('is reproducible from its seed, and different seeds give different episodes', () => {
    const byClass = indexByClass(labels, novel);
    const a = sampleEpisodes(byClass, { way: 5, shot: 1, query: 5 }, 5, 1);
    expect(sampleEpisodes(byClass, { way: 5, shot: 1, query: 5 }, 5, 1)).toEqual(a);
    expect(sampleEpisodes(byClass, { way: 5, shot: 1, query: 5 }, 5, 2)).not.toEqual(a);
  });

  it('uses every class of the pool about equally often (uniform class choice)', () => {
    const byClass = indexByClass(labels, novel);
    const count = new Map<number, number>();
    const g = rng(9);
    for (let i = 0; i < 2000; i++)
      sampleEpisode(byClass, { way: 2, shot: 1, query: 1 }, g).classes.forEach((c) =>
        count.set(c, (count.get(c) ?? 0) + 1),
      );
    // Expected 800 each; 5 standard deviations ≈ 5·√(2000·0.4·0.6) ≈ 110.
    novel.forEach((c) => expect(Math.abs(count.get(c)! - 800)).toBeLessThan(110));
  });

  it('refuses episodes it cannot fill', () => {
    const byClass = indexByClass(labels, novel);
    expect(() => sampleEpisode(byClass, { way: 6, shot: 1, query: 1 }, rng(1))).toThrow(
      /Only 5 classes/,
    );
    expect(() => sampleEpisode(byClass, { way: 2, shot: 20, query: 11 }, rng(1))).toThrow(
      /has 30 examples; an episode needs 31/,
    );
  });

  it('filterClasses keeps only the wanted digits, and the training table lists support then query rows', () => {
    const split = { images: new Uint8Array(300 * 784), labels, count: 300 };
    const base = filterClasses(split, [0, 1, 2, 3, 4]);
    expect(base.count).toBe(150);
    expect([...base.labels].every((l) => l <= 4)).toBe(true);
    const eps = sampleEpisodes(
      indexByClass(base.labels, [0, 1, 2, 3, 4]),
      { way: 5, shot: 2, query: 3 },
      4,
      1,
    );
    const t = episodeTable(eps);
    expect(t.width).toBe(25);
    expect([...t.rows.subarray(25, 50)]).toEqual([...eps[1]!.support, ...eps[1]!.query]);
    expect([...t.targets.subarray(15, 30)]).toEqual([...eps[1]!.queryLabels]);
  });

  it('validateOptions explains what is wrong', () => {
    const ok = {
      baseClasses: [0, 1, 2, 3, 4],
      novelClasses: [5, 6, 7, 8, 9],
      way: 5,
      shots: [1, 5],
      episodes: 600,
      trainEpisodes: 200,
      query: 15,
    };
    expect(validateOptions(ok)).toBeNull();
    expect(validateOptions({ ...ok, novelClasses: [4, 5, 6] })).toMatch(
      /Digits 4 are both training and test classes/,
    );
    expect(validateOptions({ ...ok, way: 6 })).toMatch(/Way must be a whole number from 2 to 5/);
    expect(validateOptions({ ...ok, way: 2.5 })).toMatch(/Way/);
    expect(validateOptions({ ...ok, episodes: 5 })).toMatch(/Test episodes/);
    expect(validateOptions({ ...ok, trainEpisodes: -1 })).toMatch(/Training episodes/);
  });
});
