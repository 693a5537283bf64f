import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { parseNpy } from '../../src/lib/data/npy.ts';
import { evaluateSet } from '../../src/lib/robustness/evaluate.ts';
import type { Results } from '../../src/lib/robustness/merge.ts';
import { fetchGeneral } from '../../src/lib/robustness/general-weights.ts';
import { isStat } from '../../src/lib/robustness/stats.ts';
import { MODEL_PARTS } from '../../src/lib/robustness/study.ts';
import { classifierOf } from '../../src/lib/robustness/recipes.ts';
import { at, pct, show } from '../../src/lib/robustness/report.ts';
import {
  fromBytes,
  fromSplit,
  makeVariant,
  VARIANTS,
  type ImageSet,
} from '../../src/lib/robustness/variants.ts';
import {
  mlpFromArtifacts,
  toFloat16Bits,
  type ModelJson,
} from '../../src/lib/robustness/weights.ts';

const root = join(import.meta.dirname, '../..');
const modelDir = join(root, 'public/models/robustness/baseline');
const results = JSON.parse(
  readFileSync(join(root, 'src/data/robustness-results.json'), 'utf8'),
) as Results;

describe('robustness lab: the committed baseline, t4 and results', async () => {
  const { tf } = await nodeTf('wasm');

  it('float16 encoding matches IEEE half precision', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(0.1)).toBe(0x2e66);
    expect(toFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(toFloat16Bits(1e-9)).toBe(0);
    expect(toFloat16Bits(NaN) & 0x7e00).toBe(0x7e00);
  });

  it('the shipped weights load and score ≥ 95 % on the real 10k test set, as the results say; t1–t4 reproduce too', async () => {
    const json = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as ModelJson;
    expect(json.sizes).toEqual([784, 500, 500, 500, 200, 200, 100, 50, 10]);
    const bin = new Uint8Array(readFileSync(join(modelDir, 'weights.bin')));
    const before = tf.memory().numTensors;
    const model = mlpFromArtifacts(tf, json, bin);
    const clean = fromSplit(await nodeSource.load('test'));
    expect(clean.count).toBe(10_000);
    const t4 = parseNpy(new Uint8Array(gunzipSync(readFileSync(join(modelDir, 't4.npy.gz')))));
    expect(t4.shape).toEqual([10_000, 28, 28]);
    const sets: Record<string, ImageSet> = {
      clean,
      t1: makeVariant(clean, 't1'),
      t2: makeVariant(clean, 't2'),
      t3: makeVariant(clean, 't3'),
      t4: { x: fromBytes(t4.data as Uint8Array), labels: clean.labels, count: clean.count },
    };
    for (const v of VARIANTS) {
      const e = (await evaluateSet(tf, classifierOf(model), sets[v]!))!;
      if (v === 'clean') expect(e.accuracy).toBeGreaterThanOrEqual(0.95);
      // Same model, same data; only the order of float additions may differ between runs.
      expect(Math.abs(e.accuracy - results.baseline.eval[v].accuracy)).toBeLessThanOrEqual(
        3 / 10_000,
      );
    }
    // t4 stays within ε of the clean images.
    let maxDiff = 0;
    for (let i = 0; i < clean.x.length; i++)
      maxDiff = Math.max(maxDiff, Math.abs(sets.t4!.x[i]! - clean.x[i]!));
    expect(maxDiff).toBeLessThanOrEqual(results.config.t4.eps + 1e-6);
    expect(() => mlpFromArtifacts(tf, json, bin.subarray(0, 100))).toThrow(/truncated/);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 600_000);

  it('the results are complete: every model with ≥ 3 seeds as mean ± sd, budgets within the task', () => {
    expect(results.format).toBe('runnable-answers/robustness@2');
    expect(results.missing).toEqual([]);
    const { budget, general, seeds } = results.config;
    expect(seeds.length).toBeGreaterThanOrEqual(3);
    for (const b of [budget, general]) {
      expect(b.trainCount).toBe(60_000);
      expect(b.epochs).toBeGreaterThanOrEqual(1);
      expect(b.epochs).toBeLessThanOrEqual(20);
    }
    const spreads = [
      ...MODEL_PARTS.map((m) => results.multiSeed[m]),
      ...Object.values(results.sorted),
    ];
    expect(Object.keys(results.sorted).length).toBeGreaterThanOrEqual(2);
    for (const m of spreads) {
      expect(m!.seeds.length).toBeGreaterThanOrEqual(3);
      expect(m!.runs.map((r) => r.seed)).toEqual(m!.seeds);
      for (const [k, st] of Object.entries(m!.accuracy)) {
        expect(isStat(st), k).toBe(true);
        expect(st!.values.length).toBe(m!.seeds.length);
        expect(st!.sd).toBeGreaterThanOrEqual(0);
        for (const v of st!.values) expect(v >= 0 && v <= 1).toBe(true);
        // The mean is the mean of the per-seed values written next to it.
        const mean = st!.values.reduce((a, b) => a + b, 0) / st!.values.length;
        expect(Math.abs(st!.mean - mean)).toBeLessThan(1e-5);
      }
    }
    // The shipped baseline is one of the baseline's seeds, and its numbers are that seed's draw.
    const b = results.multiSeed.baseline!;
    const i = b.seeds.indexOf(results.baseline.seed);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(b.accuracy.clean!.values[i]).toBe(results.baseline.eval.clean.accuracy);
    // The train page says the budget clears the task's 95 % for every seed.
    expect(Math.min(...b.accuracy.clean!.values)).toBeGreaterThanOrEqual(0.95);
    // The general model: ≥ 95 % on clean test images, on average over its seeds and for every seed.
    const g = results.multiSeed.general!;
    expect(g.accuracy.clean!.mean).toBeGreaterThanOrEqual(0.95);
    expect(Math.min(...g.accuracy.clean!.values)).toBeGreaterThanOrEqual(0.95);
    // Un-permuting t1's inputs with the permutation recovered from a few paired images restores the
    // clean accuracy up to the pixels no calibration image ever lit (a handful of images at most).
    expect(results.t1.unique + results.t1.tied).toBe(784);
    expect(results.t1.calibration).toBeLessThan(results.t1.images);
    expect(Math.abs(results.t1.fixedAccuracy - results.t1.cleanAccuracy)).toBeLessThanOrEqual(
      20 / results.t1.images,
    );
    // Sorted-pixel runs stopped on held-out loss; the reported epoch is one they trained.
    for (const s of Object.values(results.sorted))
      for (const r of s.runs) expect(r.history.length).toBeLessThanOrEqual(s.maxEpochs);
  });

  it('the shipped general model loads and reproduces its clean and t1 accuracy', async () => {
    const dir = join(root, 'public/models/robustness/general');
    const localFetch = (async (url: string) => {
      const bytes = readFileSync(join(dir, String(url).replace(/^file:\/\/general\//, '')));
      return new Response(bytes);
    }) as unknown as typeof fetch;
    const before = tf.memory().numTensors;
    const g = await fetchGeneral(tf, 'file://general/', { fetch: localFetch });
    const clean = fromSplit(await nodeSource.load('test'));
    const run = results.multiSeed.general!.runs.find((r) => r.seed === results.config.shippedSeed)!;
    for (const v of ['clean', 't1'] as const) {
      const e = (await evaluateSet(tf, g.classifier(v), makeVariant(clean, v)))!;
      // float16 weights: a few predictions may flip.
      expect(Math.abs(e.accuracy - run.accuracy[v]!), v).toBeLessThanOrEqual(20 / 10_000);
    }
    g.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 600_000);

  it('pages show numbers through the results file, never typed percentages', () => {
    expect(show(results, 'baseline.eval.clean.accuracy', 2)).toBe(
      pct(results.baseline.eval.clean.accuracy, 2),
    );
    expect(show(results, 't1.unique')).toBe(results.t1.unique.toLocaleString('en'));
    expect(show(results, 'no.such.path')).toBe('—');
    // A spread over seeds reads as mean ± sd, both in percentage points.
    const clean = results.multiSeed.baseline!.accuracy.clean!;
    expect(show(results, 'multiSeed.baseline.accuracy.clean', 2)).toBe(
      `${(100 * clean.mean).toFixed(2)} ± ${(100 * clean.sd).toFixed(2)}\u00a0%`,
    );
    expect(at(results, 'baseline.eval.t4.accuracy')).toBe(results.baseline.eval.t4.accuracy);
    const dir = join(root, 'src/content/docs/mnist-robustness');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.mdx') && n !== 'index.mdx')) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/\b\d+(\.\d+)?\s?%/);
      for (const m of text.matchAll(/<RobustNumber path="([^"]+)"/g))
        expect(at(results, m[1]!), `${f}: ${m[1]}`).toSatisfy(
          (v: unknown) => typeof v === 'number' || isStat(v),
        );
    }
  });

  it('`npm run experiments -- --fast` runs the whole study at a tiny size', () => {
    const out = mkdtempSync(join(tmpdir(), 'robust-fast-'));
    try {
      execFileSync(
        process.execPath,
        [join(root, 'scripts/experiments.ts'), '--fast', '--out', out],
        { cwd: root, stdio: 'pipe', timeout: 600_000 },
      );
      const r = JSON.parse(
        readFileSync(join(out, 'src/data/robustness-results.json'), 'utf8'),
      ) as Results;
      expect(r.config.budget.trainCount).toBe(600);
      expect(r.missing).toEqual([]);
      for (const m of MODEL_PARTS) expect(r.multiSeed[m]!.seeds).toEqual(r.config.seeds);
      expect(Object.keys(r.sorted).length).toBe(r.config.sorted.models.length);
      // One file per part, so a run can resume or be run part by part.
      expect(readdirSync(join(out, 'src/data/robustness-parts')).length).toBe(
        (MODEL_PARTS.length + r.config.sorted.models.length) * r.config.seeds.length,
      );
      expect(existsSync(join(out, 'public/models/robustness/general/trunk/weights.bin'))).toBe(
        true,
      );
      expect(existsSync(join(out, 'public/models/robustness/baseline/weights.bin'))).toBe(true);
      const t4 = parseNpy(
        new Uint8Array(
          gunzipSync(readFileSync(join(out, 'public/models/robustness/baseline/t4.npy.gz'))),
        ),
      );
      expect(t4.shape).toEqual([r.config.testCount, 28, 28]);
      // The tiny baseline is still far better than chance on clean images and worse on t4.
      expect(r.baseline.eval.clean.accuracy).toBeGreaterThan(0.5);
      expect(r.baseline.eval.t4.accuracy).toBeLessThan(r.baseline.eval.clean.accuracy);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 600_000);
});
