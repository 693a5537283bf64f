import { describe, expect, it } from 'vitest';
import { mergeParts } from '../../src/lib/robustness/merge.ts';
import type { PartResult } from '../../src/lib/robustness/run-part.ts';
import {
  formatEta,
  fractionDone,
  nextPart,
  progressLine,
  secondsLeft,
  type RunState,
} from '../../src/lib/robustness/schedule.ts';
import { summarize } from '../../src/lib/robustness/stats.ts';
import { FAST_CONFIG, planParts, relativeSize } from '../../src/lib/robustness/study.ts';
import { FIVEAI_SIZES } from '../../src/lib/models/mlp.ts';

const state = (done: string[] = [], running: [string, number][] = []): RunState => ({
  done: new Set(done),
  running: new Map(running),
});

describe('robustness study: parts, scheduling and merging', () => {
  it('summarize: mean and sample standard deviation (n − 1)', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    // Σ(x − 5)² = 32 over n − 1 = 7.
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(s.values).toEqual([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(summarize([0.9]).sd).toBe(0);
    expect(() => summarize([])).toThrow();
  });

  it('the plan has every model with every seed, and only the shipped baseline needs nothing', () => {
    const plan = planParts(FAST_CONFIG);
    const ids = new Set(plan.map((p) => p.id));
    expect(ids.size).toBe(plan.length);
    expect(plan.length).toBe((6 + FAST_CONFIG.sorted.models.length) * FAST_CONFIG.seeds.length);
    expect(plan[0]!.id).toBe(`baseline-seed${FAST_CONFIG.shippedSeed}`);
    for (const p of plan.filter((p) => !p.model.startsWith('sorted-') && p !== plan[0]))
      expect(p.needs).toEqual([plan[0]!.id]);
    expect(relativeSize(FIVEAI_SIZES)).toBe(1);
    expect(relativeSize([784, 16, 10])).toBeLessThan(0.02);
  });

  it('the scheduler starts what others wait for, then the higher priority, then the longest', () => {
    const plan = planParts(FAST_CONFIG);
    const shipped = plan[0]!.id;
    expect(nextPart(plan, state())!.id).toBe(shipped);
    // While the shipped baseline runs, nothing that needs t4 may start: the longest sorted part goes.
    const second = nextPart(plan, state([], [[shipped, 0.5]]))!;
    expect(second.model.startsWith('sorted-')).toBe(true);
    const sortedCosts = plan.filter((p) => p.model.startsWith('sorted-')).map((p) => p.cost);
    expect(second.cost).toBe(Math.max(...sortedCosts));
    // Once it is done, model parts come before the remaining sorted parts.
    const third = nextPart(plan, state([shipped], [[second.id, 0.1]]))!;
    expect(third.priority).toBe(1);
    expect(nextPart(plan, state(plan.map((p) => p.id)))).toBeUndefined();
  });

  it('progress and ETA: weighted by cost, extrapolated from this run only', () => {
    const plan = planParts(FAST_CONFIG);
    const total = plan.reduce((s, p) => s + p.cost, 0);
    const [a, b] = plan;
    expect(fractionDone(plan, state())).toBe(0);
    expect(fractionDone(plan, state([a!.id], [[b!.id, 0.5]]))).toBeCloseTo(
      (a!.cost + 0.5 * b!.cost) / total,
      12,
    );
    expect(fractionDone(plan, state(plan.map((p) => p.id)))).toBe(1);
    // A quarter done in 60 s after resuming at 0: three quarters left take 180 s.
    expect(secondsLeft(0, 0.25, 60)).toBeCloseTo(180, 9);
    // Resumed at half: a further quarter in 60 s leaves one quarter, 60 s.
    expect(secondsLeft(0.5, 0.75, 60)).toBeCloseTo(60, 9);
    expect(secondsLeft(0.3, 0.3, 60)).toBeUndefined();
    expect(formatEta(45)).toBe('45 s');
    expect(formatEta(12 * 60)).toBe('12 min');
    expect(formatEta(undefined)).toBe('—');
    expect(progressLine(b!, 'epoch 3/5', 0.414, '12 min')).toBe(
      `[${b!.model} seed ${b!.seed}] epoch 3/5, 41 % of all parts, ETA 12 min`,
    );
  });

  it('merging: each metric becomes mean ± sd over seeds with the per-seed values; missing parts are listed', () => {
    const cfg = FAST_CONFIG;
    const evalOf = (accuracy: number) => ({
      count: 10,
      accuracy,
      confusion: [],
      meanEntropy: 0,
      entropyHistogram: [],
    });
    const shippedEval = {
      clean: evalOf(0.9),
      t1: evalOf(0.1),
      t2: evalOf(0.1),
      t3: evalOf(0.5),
      t4: evalOf(0.05),
    };
    const part = (model: PartResult['model'], seed: number, accuracy: PartResult['accuracy']) =>
      ({
        id: `${model}-seed${seed}`,
        model,
        seed,
        accuracy,
        trainSeconds: 10 * seed,
        history: [],
      }) as PartResult;
    const parts: PartResult[] = [
      {
        ...part('baseline', 1, { clean: 0.9, 't1-unpermuted': 0.89, fresh: 0 }),
        shipped: {
          eval: shippedEval,
          variants: { clean: { l2: 0, linf: 0 } } as never,
          sweep: { random: [], adversarial: [] },
          t1: { unique: 700, tied: 84, calibration: 300 },
          attackSeconds: 5,
        },
      },
      part('baseline', 3, { clean: 0.94, 't1-unpermuted': 0.93, fresh: 0.01 }),
      part('baseline', 2, { clean: 0.92, 't1-unpermuted': 0.91, fresh: 0.02 }),
      part('t3-noise', 2, { clean: 0.8, t3: 0.7 }),
      {
        ...part(`sorted-${cfg.sorted.models[0]!.name}`, 1, { t2: 0.3 }),
        stopping: { epochsTrained: 3, bestEpoch: 2 },
      },
    ];
    const r = mergeParts(cfg, parts, 'wasm');
    const b = r.multiSeed.baseline!;
    expect(b.seeds).toEqual([1, 2, 3]);
    expect(b.accuracy.clean!.values).toEqual([0.9, 0.92, 0.94]);
    expect(b.accuracy.clean!.mean).toBeCloseTo(0.92, 12);
    expect(b.accuracy.clean!.sd).toBeCloseTo(0.02, 12);
    expect(b.trainSeconds.mean).toBe(20);
    // The shipped model is one of the seeds, with its full evaluation.
    expect(r.baseline.seed).toBe(cfg.shippedSeed);
    expect(r.baseline.eval.clean.accuracy).toBe(0.9);
    expect(r.t1.fixedAccuracy).toBe(0.89);
    expect(r.t1.cleanAccuracy).toBe(0.9);
    expect(r.multiSeed['t3-noise']!.accuracy.t3!.n).toBe(1);
    expect(r.sorted[cfg.sorted.models[0]!.name]!.bestEpoch.mean).toBe(2);
    expect(r.missing).toContain('general-seed1');
    expect(r.missing).not.toContain('baseline-seed2');
    expect(() => mergeParts(cfg, parts.slice(1), 'wasm')).toThrow(/shipped baseline/);
  });
});
