import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  byScore,
  DEFAULT_SPACE,
  halvingSchedule,
  randomSearch,
  sampleConfigs,
  spearman,
  successiveHalving,
} from '../../src/lib/autoencoder/search.ts';
import { planSearch } from '../../src/lib/autoencoder/search-experiment.ts';
import {
  alignStepCurves,
  bestSoFarCurve,
  meanCurve,
  type SearchStudyJson,
} from '../../src/lib/autoencoder/search-study.ts';
import { searchFindings } from '../../src/lib/autoencoder/search-findings.ts';
import type { Stat } from '../../src/lib/robustness/stats.ts';
import {
  runStudy,
  STUDY_FULL,
  STUDY_SMALL,
  type StudyResult,
} from '../../src/lib/autoencoder/study.ts';
import { extrapolateFid, ranks } from '../../src/lib/autoencoder/fid-study.ts';

/** A synthetic objective: trial i has true quality q[i]; low budgets add a deterministic, shrinking error. */
function synthetic(q: number[], noise: number) {
  const calls: [number, number][] = [];
  const reached = new Map<number, number>();
  const run = async (id: number, budget: number) => {
    expect(budget).toBeGreaterThan(reached.get(id) ?? 0); // budgets only grow: training resumes
    reached.set(id, budget);
    calls.push([id, budget]);
    return q[id]! + (noise * Math.sin(7 * id + budget)) / budget;
  };
  return { run, calls };
}

describe('search strategies', () => {
  it('halvingSchedule: budgets ×η, survivors ÷η down to one', () => {
    expect(halvingSchedule(16, { minBudget: 0.5 })).toEqual([
      { budget: 0.5, trials: 16 },
      { budget: 1, trials: 8 },
      { budget: 2, trials: 4 },
      { budget: 4, trials: 2 },
      { budget: 8, trials: 1 },
    ]);
    expect(halvingSchedule(9, { minBudget: 1, eta: 3 })).toEqual([
      { budget: 1, trials: 9 },
      { budget: 3, trials: 3 },
      { budget: 9, trials: 1 },
    ]);
    expect(halvingSchedule(16, { minBudget: 1, maxRungs: 2 })).toHaveLength(2);
    expect(() => halvingSchedule(4, { minBudget: 1, eta: 1 })).toThrow(/η/);
  });

  it('successive halving keeps exactly the best-scoring trials of each rung and discards the rest once', async () => {
    const q = [5, 3, 8, 1, 9, 2, 7, 4];
    const { run } = synthetic(q, 2);
    const discarded: number[] = [];
    const r = await successiveHalving(
      q.map((_, i) => i),
      run,
      { minBudget: 1 },
      { discard: (id) => discarded.push(id) },
    );
    expect(r.status).toBe('done');
    expect(r.rungs.map((g) => g.evaluated.length)).toEqual([8, 4, 2, 1]);
    for (const [i, g] of r.rungs.entries()) {
      const sorted = g.evaluated
        .slice()
        .sort(byScore)
        .map((e) => e.id);
      const next = r.rungs[i + 1];
      expect(g.kept).toEqual(sorted.slice(0, next ? next.evaluated.length : 1));
      if (next) expect(next.evaluated.map((e) => e.id).sort()).toEqual([...g.kept].sort());
    }
    expect(new Set(discarded).size).toBe(discarded.length);
    expect(discarded.sort()).toEqual(
      q
        .map((_, i) => i)
        .filter((i) => i !== r.best!.id)
        .sort(),
    );
    // Resumed training: 8·1 + 4·(2−1) + 2·(4−2) + 1·(8−4) = E(1 + k/2) with E = 8, k = 3.
    expect(r.spent).toBe(8 * (1 + 3 / 2));
    expect(r.best!.budget).toBe(8);
  });

  it('with a noise-free objective it finds the best trial; with heavy low-budget noise it can miss it', async () => {
    const q = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0.5, 10, 11, 12, 13, 14, 15];
    const clean = await successiveHalving(
      q.map((_, i) => i),
      synthetic(q, 0).run,
      { minBudget: 1 },
    );
    expect(clean.best!.id).toBe(9);
    const noisy = await successiveHalving(
      q.map((_, i) => i),
      synthetic(q, 40).run,
      { minBudget: 1 },
    );
    expect(noisy.best!.id).not.toBe(9);
  });

  it('random search gives every trial the full budget; both stop on cancel with the best so far', async () => {
    const q = [3, 1, 2];
    const { run, calls } = synthetic(q, 0);
    const r = await randomSearch([0, 1, 2], 4, run);
    expect(calls).toEqual([
      [0, 4],
      [1, 4],
      [2, 4],
    ]);
    expect(r.best!.id).toBe(1);
    expect(r.spent).toBe(12);
    const ctl = new AbortController();
    const c = await randomSearch([0, 1, 2], 4, async (id) => (id === 1 && ctl.abort(), q[id]!), {
      signal: ctl.signal,
    });
    expect(c.status).toBe('cancelled');
    expect(c.evaluations.map((e) => e.id)).toEqual([0]);
    expect(c.best!.id).toBe(0);
    const ctl2 = new AbortController();
    const h = await successiveHalving(
      [0, 1, 2, 3],
      async (id) => (id === 2 && ctl2.abort(), id),
      { minBudget: 1 },
      { signal: ctl2.signal },
    );
    expect(h.status).toBe('cancelled');
    expect(h.best!.id).toBe(0);
  });

  it('configurations are seeded draws from the space; the plan gives both strategies the same budget', () => {
    const a = sampleConfigs(DEFAULT_SPACE, 200, 3);
    expect(sampleConfigs(DEFAULT_SPACE, 200, 3)).toEqual(a);
    expect(sampleConfigs(DEFAULT_SPACE, 200, 4)).not.toEqual(a);
    for (const c of a) {
      expect(DEFAULT_SPACE.loss).toContain(c.loss);
      expect(DEFAULT_SPACE.depth).toContain(c.depth);
      expect(DEFAULT_SPACE.latent).toContain(c.latent);
      expect(c.lambda === 0 || (c.lambda >= 9.9e-5 && c.lambda <= 3.01e-2)).toBe(true);
    }
    const zeros = a.filter((c) => c.lambda === 0).length / a.length;
    expect(zeros).toBeGreaterThan(0.15);
    expect(zeros).toBeLessThan(0.35);
    const p = planSearch({ budget: 24, maxEpochs: 8, maxHalvingTrials: 16 });
    expect(p).toMatchObject({
      randomTrials: 3,
      halvingTrials: 16,
      brackets: 1,
      minBudget: 0.5,
      halvingCost: 24,
      randomCost: 24,
    });
    // A larger budget buys more brackets: one bracket of 16 from 6/16 epochs costs 6·(1 + 4/2) = 18.
    expect(planSearch({ budget: 36, maxEpochs: 6, maxHalvingTrials: 16 })).toMatchObject({
      randomTrials: 6,
      halvingTrials: 16,
      brackets: 2,
      halvingCost: 36,
      randomCost: 36,
    });
    expect(planSearch({ budget: 6, maxEpochs: 2, maxHalvingTrials: 4 }).halvingTrials).toBe(4);
    expect(() => planSearch({ budget: 1, maxEpochs: 2, maxHalvingTrials: 4 })).toThrow(/budget/);
    expect(ranks([3, 1, 2, 1])).toEqual([4, 1, 3, 1]);
  });

  it('best-so-far curve: resumed trials pay only their increment, the best never rises', () => {
    const curve = bestSoFarCurve([
      { id: 0, budget: 1, score: 5 },
      { id: 1, budget: 1, score: 7 },
      { id: 0, budget: 2, score: 4 },
      { id: 2, budget: 2, score: 6 },
    ]);
    expect(curve).toEqual([
      { epochs: 1, best: 5 },
      { epochs: 2, best: 5 },
      { epochs: 3, best: 4 },
      { epochs: 5, best: 4 },
    ]);
  });

  it('spearman and the 1/n extrapolation agree with hand-computed values', () => {
    expect(spearman([1, 2, 3], [10, 20, 30])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // ranks (1, 2, 3, 4) vs (2, 1, 4, 3): 1 − 6·Σd²/(n(n²−1)) = 1 − 6·4/60 = 0.6
    expect(spearman([1, 2, 3, 4], [2, 1, 4, 3])).toBeCloseTo(0.6, 12);
    expect(spearman([1, 1, 2], [5, 5, 9])).toBeCloseTo(1, 12);
    expect(spearman([1], [2])).toBeNaN();
    const sizes = [25, 100, 1000];
    const fit = extrapolateFid(
      sizes,
      sizes.map((n) => 3 + 500 / n),
    );
    expect(fit.infinite).toBeCloseTo(3, 9);
    expect(fit.slope).toBeCloseTo(500, 6);
  });
});

describe('the committed study (src/data/autoencoder-search.json) and its small re-run', async () => {
  const { tf } = await nodeTf('wasm');
  const committed = JSON.parse(
    readFileSync('src/data/autoencoder-search.json', 'utf8'),
  ) as StudyResult;
  const saved = JSON.parse(readFileSync('src/data/autoencoder-feature-net.json', 'utf8'));

  const isStat = (st: Stat, values: number[]) => {
    expect(st.values).toEqual(values);
    expect(st.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 12);
    expect(st.sd).toBeGreaterThanOrEqual(0);
  };

  /** Properties that must hold at any size. */
  function checkStudy(s: StudyResult) {
    expect(s.format).toBe('runnable-answers/ae-study@2');
    const { plan, runs, summary } = s.search;
    expect(s.search.seeds).toEqual(s.options.searchSeeds);
    expect(s.search.seeds.length).toBeGreaterThanOrEqual(3);
    expect(runs.map((r) => r.seed)).toEqual(s.search.seeds);
    // Equal budgets across arms, and each arm spent exactly its budget at every seed.
    expect(plan.randomCost).toBeCloseTo(plan.halvingCost, 9);
    expect(plan.randomCost).toBeLessThanOrEqual(s.search.options.budget);
    for (const run of runs) {
      const [random, halving] = run.strategies;
      expect(random!.strategy).toBe('random');
      expect(halving!.strategy).toBe('halving');
      expect(random!.spent).toBeCloseTo(plan.randomCost, 9);
      expect(halving!.spent).toBeCloseTo(plan.halvingCost, 9);
      expect(random!.trials).toHaveLength(plan.randomTrials);
      expect(halving!.trials).toHaveLength(plan.halvingTrials * plan.brackets);
      for (const [i, g] of halving!.rungs!.entries()) {
        const next = halving!.rungs![i + 1];
        const sorted = g.evaluated
          .slice()
          .sort((a, b) => a.score - b.score || a.id - b.id)
          .map((e) => e.id);
        if (next && next.budget > g.budget)
          expect(g.kept).toEqual(sorted.slice(0, next.evaluated.length));
      }
      for (const st of run.strategies) {
        for (const t of st.trials) expect(t.fid).toBeGreaterThan(0);
        // The curve ends at the epochs spent, and the best found so far never gets worse.
        expect(st.curve.at(-1)!.epochs).toBeCloseTo(st.spent, 9);
        for (let i = 1; i < st.curve.length; i++)
          expect(st.curve[i]!.best).toBeLessThanOrEqual(st.curve[i - 1]!.best);
        expect(st.best!.epochs).toBe(s.search.options.maxEpochs);
      }
    }
    // Every seed of an arm evaluates at the same budgets, so the curves average seed by seed.
    for (const arm of ['random', 'halving'] as const)
      expect(meanCurve(runs, arm).at(-1)!.epochs).toBeCloseTo(plan.randomCost, 9);
    const bestOf = (k: 0 | 1) => runs.map((r) => r.strategies[k]!.best!.fid);
    isStat(summary.best.random, bestOf(0));
    isStat(summary.best.halving, bestOf(1));
    isStat(
      summary.halvingMinusRandom,
      bestOf(1).map((h, i) => h - bestOf(0)[i]!),
    );
    for (const p of ['search', 'metric'] as const) expect(s.parts[p].backend).toBeTruthy();
    expect(Date.parse(s.parts.search.ranAt)).not.toBeNaN();
    // Bias: two real samples (true distance 0) score lower as n grows.
    const real = s.bias.series[0]!.fid;
    for (let i = 1; i < real.length; i++) expect(real[i]!).toBeLessThan(real[i - 1]!);
    // Memorisation: copying the training set wins on FID under every extractor, and only the nearest-neighbour probe sees it.
    const [mem, ...aes] = s.generators;
    expect(mem!.label).toMatch(/memoriser/);
    for (const e of s.extractors) expect(mem!.ranks[e]).toBe(1);
    expect(mem!.nearestTrain).toBeLessThan(0.1);
    for (const g of aes) expect(g.nearestTrain).toBeGreaterThan(1);
    for (const g of s.generators) expect(atob(g.images)).toHaveLength(8 * 784);
  }

  it('the committed full study has the expected shape and properties', () => {
    expect(committed.options).toEqual(STUDY_FULL);
    expect(committed.search.options).toMatchObject(STUDY_FULL.search);
    checkStudy(committed);
    expect(committed.featureNet.testAccuracy).toBeGreaterThan(0.95);
    // At full size the real-vs-real FID at the largest n is small compared with the best autoencoder.
    expect(committed.bias.series[0]!.fid.at(-1)!).toBeLessThan(
      0.2 * committed.bias.series[1]!.fid.at(-1)!,
    );
  });

  it('the small version re-runs with the same structure and properties, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const small = await runStudy(
      tf,
      'wasm',
      await nodeSource.load('train'),
      await nodeSource.load('test'),
      saved,
      STUDY_SMALL,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(small.options).toEqual(STUDY_SMALL);
    checkStudy(small);
    const keys = (o: object): string[] => Object.keys(o).sort();
    expect(keys(small)).toEqual(keys(committed));
    expect(keys(small.generators[0]!)).toEqual(keys(committed.generators[0]!));
    expect(small.extractors).toEqual(committed.extractors);
  });
});

describe('best-so-far curves on one axis', () => {
  it('each curve holds its last value and stops where its arm stopped spending', () => {
    const a = {
      label: 'a',
      points: [
        { epochs: 1, best: 5 },
        { epochs: 3, best: 4 },
      ],
    };
    const b = { label: 'b', points: [{ epochs: 2, best: 6 }] };
    expect(alignStepCurves([a, b])).toEqual({
      x: [1, 2, 3],
      series: [
        { label: 'a', y: [5, 5, 4] },
        { label: 'b', y: [null, 6, null] },
      ],
    });
  });
});

describe('findings per seed from a committed search', () => {
  it("halving's winner's first-rung rank, the rung correlation, and random search's winner inside halving", () => {
    const config = { loss: 'mse' as const, lambda: 0, depth: 1, latent: 8 };
    const trial = (id: number, epochs: number, fid: number) => ({
      id,
      label: `t${id}`,
      config,
      epochs,
      fid,
      heldOutMse: 0.02,
    });
    const plan = planSearch({ budget: 4, maxEpochs: 2, maxHalvingTrials: 4 });
    expect(plan).toMatchObject({ halvingTrials: 4, brackets: 1, minBudget: 0.5 });
    const ev = (pairs: [number, number][]) => pairs.map(([id, score]) => ({ id, score }));
    const study = {
      plan,
      runs: [
        {
          seed: 7,
          seconds: 1,
          strategies: [
            {
              strategy: 'random' as const,
              spent: 4,
              trials: [trial(0, 2, 9), trial(1, 2, 8)],
              best: { id: 1, label: 't1', fid: 8, epochs: 2 },
              curve: [],
            },
            {
              strategy: 'halving' as const,
              spent: 4,
              trials: [trial(0, 1, 10), trial(1, 0.5, 12), trial(2, 2, 7), trial(3, 0.5, 13)],
              rungs: [
                {
                  budget: 0.5,
                  evaluated: ev([
                    [0, 11],
                    [1, 12],
                    [2, 11.5],
                    [3, 13],
                  ]),
                  kept: [0, 2],
                },
                {
                  budget: 1,
                  evaluated: ev([
                    [0, 10],
                    [2, 9],
                  ]),
                  kept: [2],
                },
                { budget: 2, evaluated: ev([[2, 7]]), kept: [2] },
              ],
              best: { id: 2, label: 't2', fid: 7, epochs: 2 },
              curve: [],
            },
          ],
        },
      ],
    } as unknown as SearchStudyJson;
    const [f] = searchFindings(study);
    expect(f).toEqual({
      seed: 7,
      randomWinner: 't1 (FID 8.00)',
      halvingWinner: 't2 (FID 7.00)',
      winnerFirstRungRank: 2, // 11 (trial 0) < 11.5 (trial 2)
      firstRungSize: 4,
      rungCorrelation: -1, // trial 0 led at rung 1 and trailed at rung 2
      randomWinnerInHalving: { epochs: 0.5, fid: 12 },
    });
  });
});

describe('mean best-so-far curve over seeds', () => {
  it('averages seed by seed at the shared budgets, and refuses curves that do not line up', () => {
    const run = (seed: number, curve: { epochs: number; best: number }[]) => ({
      seed,
      seconds: 0,
      strategies: [{ strategy: 'random' as const, curve }] as never,
    });
    const a = run(1, [
      { epochs: 2, best: 10 },
      { epochs: 4, best: 8 },
    ]);
    const b = run(2, [
      { epochs: 2, best: 12 },
      { epochs: 4, best: 6 },
    ]);
    expect(meanCurve([a, b], 'random')).toEqual([
      { epochs: 2, best: 11 },
      { epochs: 4, best: 7 },
    ]);
    expect(() => meanCurve([a, run(3, [{ epochs: 3, best: 1 }])], 'random')).toThrow(/different/);
  });
});
