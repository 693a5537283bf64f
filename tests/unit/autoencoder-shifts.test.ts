import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { createMLP } from '../../src/lib/models/mlp.ts';
import { auroc, entropies } from '../../src/lib/autoencoder/ood.ts';
import { fgsm, shiftPixels, SHIFT_DEFAULTS } from '../../src/lib/autoencoder/shifts.ts';
import {
  createDropoutNet,
  fitTemperature,
  meanEntropy,
  nllAtTemperature,
  softmaxT,
} from '../../src/lib/autoencoder/uncertainty.ts';
import { METHOD_NAMES, runShiftStudy, SHIFT_NAMES } from '../../src/lib/autoencoder/shift-study.ts';
import {
  shiftRunJson,
  shiftStudyJson,
  SHIFT_STUDY_FULL,
  SHIFT_STUDY_FULL_SEEDS,
  SHIFT_STUDY_SMALL,
  SHIFT_STUDY_SMALL_SEEDS,
  type ShiftStudyJson,
} from '../../src/lib/autoencoder/shift-study-json.ts';
import type { Stat } from '../../src/lib/robustness/stats.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('shift, uncertainty and OOD building blocks', async () => {
  const { tf } = await nodeTf('wasm');

  it('AUROC: Mann–Whitney with ties, against hand-computed cases', () => {
    expect(auroc([1, 2, 3], [4, 5, 6])).toBe(1);
    expect(auroc([4, 5, 6], [1, 2, 3])).toBe(0);
    expect(auroc([1, 2], [1, 2])).toBe(0.5);
    // negatives 1, 3; positives 2, 4: pairs (1<2 ✓, 3>2 ✗, 1<4 ✓, 3<4 ✓) → 3/4
    expect(auroc([1, 3], [2, 4])).toBe(0.75);
    // one tie counts ½: negatives [2], positives [2, 3] → (½ + 1) / 2
    expect(auroc([2], [2, 3])).toBe(0.75);
    expect(() => auroc([], [1])).toThrow(/positives and negatives/);
  });

  it('shifts: t1 is one fixed permutation, t2 a different one per image, t3 stays in [0, 1]; all deterministic', () => {
    const r = rng(1);
    const x = Float32Array.from({ length: 3 * 784 }, () => r.next());
    const t1 = shiftPixels('t1', x);
    const t2 = shiftPixels('t2', x);
    const sorted = (a: Float32Array, i: number) =>
      Array.from(a.subarray(i * 784, (i + 1) * 784)).sort();
    for (let i = 0; i < 3; i++) {
      expect(sorted(t1, i)).toEqual(sorted(x, i)); // permutations keep the pixel values
      expect(sorted(t2, i)).toEqual(sorted(x, i));
    }
    // t1 moves pixel p of every image to the same place; t2 does not.
    const where = (a: Float32Array, i: number, v: number) =>
      Array.from(a.subarray(i * 784, (i + 1) * 784)).indexOf(v);
    const p = 100;
    expect(where(t1, 0, x[p]!)).toBe(where(t1, 1, x[784 + p]!));
    expect(where(t2, 0, x[p]!)).not.toBe(where(t2, 1, x[784 + p]!));
    expect(Array.from(shiftPixels('t2', x))).toEqual(Array.from(t2));
    const t3 = shiftPixels('t3', x);
    expect(t3.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(Array.from(shiftPixels('t3', x))).toEqual(Array.from(t3));
    expect(shiftPixels('blank', x).every((v) => v === 0)).toBe(true);
    expect(shiftPixels('faint', x)[5]).toBeCloseTo(0.5 * x[5]!, 7);
  });

  it("FGSM moves every pixel by at most ε and raises the attacked network's loss", async () => {
    const before = tf.memory().numTensors;
    const model = createMLP(tf, [784, 16, 10], { seed: 3 });
    const r = rng(2);
    const x = Float32Array.from({ length: 20 * 784 }, () => 0.2 + 0.6 * r.next());
    const labels = Array.from({ length: 20 }, (_, i) => i % 10);
    const adv = await fgsm(tf, model, x, labels, SHIFT_DEFAULTS.epsilon);
    let maxMove = 0;
    adv.forEach((v, i) => (maxMove = Math.max(maxMove, Math.abs(v - x[i]!))));
    expect(maxMove).toBeLessThanOrEqual(SHIFT_DEFAULTS.epsilon + 1e-6);
    expect(maxMove).toBeGreaterThan(SHIFT_DEFAULTS.epsilon - 1e-6);
    const loss = (v: Float32Array) =>
      tf.tidy(
        () =>
          tf.losses
            .softmaxCrossEntropy(
              tf.oneHot(tf.tensor1d(labels, 'int32'), 10),
              model.predict(tf.tensor2d(v, [20, 784])) as never,
            )
            .dataSync()[0]!,
      );
    expect(loss(adv)).toBeGreaterThan(loss(x));
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('temperature: softmaxT and NLL match float64 definitions; the fitted T minimises validation NLL', () => {
    const logits = Float32Array.from([2, 0, 0, 0, 0, 0, 0, 0, 0, -1]);
    const p = softmaxT(logits, 2);
    const z = Math.exp(1) + 8 + Math.exp(-0.5);
    expect(p[0]).toBeCloseTo(Math.exp(1) / z, 6);
    expect(nllAtTemperature(logits, [0], 2)).toBeCloseTo(-Math.log(Math.exp(1) / z), 6);
    // Over-confident logits (true probabilities are softer): the best T is > 1 and beats T = 1.
    const r = rng(5);
    const n = 2000;
    const big = new Float32Array(n * 10);
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const y = r.int(10);
      const correct = r.next() < 0.7;
      const top = correct ? y : (y + 1 + r.int(9)) % 10;
      big[i * 10 + top] = 6;
      labels.push(y);
    }
    const t = fitTemperature(big, labels);
    expect(t).toBeGreaterThan(1);
    for (const other of [1, t / 1.2, t * 1.2])
      expect(nllAtTemperature(big, labels, t)).toBeLessThanOrEqual(
        nllAtTemperature(big, labels, other) + 1e-9,
      );
    expect(meanEntropy(Float32Array.from({ length: 10 }, () => 0.1))).toBeCloseTo(Math.log(10), 6);
    expect(entropies(Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]))[0]).toBe(0);
  });

  it('dropout network: training passes differ (fresh masks), a fixed seed repeats, no seed is deterministic', () => {
    const net = createDropoutNet(tf, [8, 16, 3], 0.5, 1);
    const x = tf.ones([2, 8]) as never;
    const a = net.predict(x).dataSync();
    const b = net.predict(x).dataSync();
    expect(Array.from(a)).not.toEqual(Array.from(b));
    expect(Array.from(net.logits(x, 7).dataSync())).toEqual(
      Array.from(net.logits(x, 7).dataSync()),
    );
    expect(Array.from(net.logits(x, null).dataSync())).toEqual(
      Array.from(net.logits(x, null).dataSync()),
    );
    net.mlp.dispose();
  });
});

describe('the committed shift study (src/data/autoencoder-shifts.json) and its small re-run', async () => {
  const { tf } = await nodeTf('wasm');
  const committed = JSON.parse(
    readFileSync('src/data/autoencoder-shifts.json', 'utf8'),
  ) as ShiftStudyJson;
  const isStat = (s: Stat, n: number) => {
    expect(s.values).toHaveLength(n);
    expect(s.mean).toBeCloseTo(s.values.reduce((a, b) => a + b, 0) / n, 12);
    expect(s.sd).toBeGreaterThanOrEqual(0);
  };

  function checkStudy(s: ShiftStudyJson) {
    expect(s.format).toBe('runnable-answers/ae-shifts@2');
    const n = s.seeds.length;
    expect(n).toBeGreaterThanOrEqual(3);
    expect(new Set(s.seeds).size).toBe(n);
    expect(s.rows.map((r) => r.shift)).toEqual(SHIFT_NAMES);
    expect(Object.keys(s.passes).sort()).toEqual([...METHOD_NAMES].sort());
    expect(s.passes.single).toBe(1);
    expect(s.passes.distilled).toBe(1);
    expect(s.passes.ensemble).toBe(s.options.uncertainty.members);
    expect(s.passes.mcdropout).toBe(s.options.uncertainty.mcSamples);
    isStat(s.temperature, n);
    for (const t of s.temperature.values) expect(t).toBeGreaterThan(0);
    for (const r of s.rows) {
      for (const m of METHOD_NAMES) {
        const v = r.methods[m];
        for (const k of ['accuracy', 'nll', 'ece', 'entropy'] as const) isStat(v[k], n);
        for (const a of v.accuracy.values) expect(a).toBeGreaterThanOrEqual(0);
        for (const e of v.entropy.values) expect(e).toBeLessThanOrEqual(Math.log(10) + 1e-6);
        expect(r.bins[m].length).toBeGreaterThan(0);
      }
      // Temperature scaling never changes the predicted class, at any seed.
      expect(r.methods.temperature.accuracy.values).toEqual(r.methods.single.accuracy.values);
      expect(atob(r.examples)).toHaveLength(4 * 784);
      isStat(r.ood.meanAeError, n);
    }
    // The seeds differ: the single network's clean NLL is not the same number three times.
    expect(s.rows[0]!.methods.single.nll.sd).toBeGreaterThan(0);
    const row = (name: string) => s.rows.find((r) => r.shift === name)!;
    // Scrambled digits are easy for the reconstruction error, blank images fool it (below chance).
    expect(row('t2').ood.aeError!.mean).toBeGreaterThan(0.9);
    expect(row('blank').ood.aeError!.mean).toBeLessThan(0.5);
    expect(row('clean').ood.aeError).toBeNull();
    // The clean classifier beats chance by far; scrambled inputs bring it to about chance.
    expect(row('clean').methods.ensemble.accuracy.mean).toBeGreaterThan(
      row('t2').methods.ensemble.accuracy.mean + 0.4,
    );
  }

  it('the committed study: all training images but the validation ones, ≥ 5 members, ≥ 3 seeds, mean ± sd', () => {
    expect(committed.options).toEqual({ ...SHIFT_STUDY_FULL, seed: committed.seeds[0] });
    expect(committed.seeds).toEqual(SHIFT_STUDY_FULL_SEEDS);
    expect(committed.options.trainImages + committed.options.valImages).toBe(60000);
    expect(committed.options.uncertainty.members).toBeGreaterThanOrEqual(5);
    checkStudy(committed);
    for (const a of committed.rows[0]!.methods.ensemble.accuracy.values)
      expect(a).toBeGreaterThan(0.95);
  });

  it('summarising per-seed runs: every number is the mean and sample sd of the seeds', () => {
    const run = (seed: number, nll: number) => ({
      seed,
      seconds: 1,
      temperature: seed,
      passes: committed.passes,
      rows: [
        {
          shift: 'clean' as const,
          label: 'clean',
          methods: Object.fromEntries(
            METHOD_NAMES.map((m) => [m, { accuracy: 0.9, nll, ece: 0.01, entropy: 0.1, bins: [] }]),
          ) as never,
          ood: { aeError: null, ensembleEntropy: null, singleEntropy: null, meanAeError: 0.02 },
          examples: '',
        },
      ],
    });
    const s = shiftStudyJson([run(1, 0.1), run(2, 0.2), run(3, 0.6)], SHIFT_STUDY_SMALL, 'cpu', 3);
    expect(s.seeds).toEqual([1, 2, 3]);
    expect(s.temperature.mean).toBeCloseTo(2, 12);
    expect(s.rows[0]!.methods.single.nll.mean).toBeCloseTo(0.3, 12);
    // sample sd of (0.1, 0.2, 0.6): sqrt(((−0.2)² + (−0.1)² + 0.3²) / 2) = sqrt(0.07)
    expect(s.rows[0]!.methods.single.nll.sd).toBeCloseTo(Math.sqrt(0.07), 12);
    expect(s.rows[0]!.ood.aeError).toBeNull();
    expect(() => shiftStudyJson([], SHIFT_STUDY_SMALL, 'cpu', 0)).toThrow(/No runs/);
  });

  it('the small version re-runs (3 seeds) with the same structure and properties, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const train = await nodeSource.load('train');
    const test = await nodeSource.load('test');
    const runs = [];
    for (const seed of SHIFT_STUDY_SMALL_SEEDS) {
      const r = await runShiftStudy(tf, train, test, { ...SHIFT_STUDY_SMALL, seed });
      runs.push(shiftRunJson(r, seed, 0));
    }
    expect(tf.memory().numTensors).toBe(before);
    const small = shiftStudyJson(runs, SHIFT_STUDY_SMALL, 'wasm', 0);
    checkStudy(small);
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(small)).toEqual(keys(committed));
    expect(keys(small.rows[0]!)).toEqual(keys(committed.rows[0]!));
    expect(keys(small.rows[0]!.methods)).toEqual(keys(committed.rows[0]!.methods));
    const ctl = new AbortController();
    ctl.abort();
    expect(
      (await runShiftStudy(tf, train, test, SHIFT_STUDY_SMALL, { signal: ctl.signal })).status,
    ).toBe('cancelled');
    expect(tf.memory().numTensors).toBe(before);
  });
});
