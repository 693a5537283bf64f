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
import type { Results } from '../../src/lib/robustness/experiments.ts';
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

  it('the results are complete and consistent', () => {
    const accs: number[] = [];
    const walk = (o: unknown, path: string) => {
      if (typeof o === 'number' && /accuracy|fresh/i.test(path) && !path.startsWith('.config'))
        accs.push(o);
      else if (o && typeof o === 'object')
        for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
    };
    walk(results, '');
    expect(accs.length).toBeGreaterThan(30);
    for (const a of accs) expect(a >= 0 && a <= 1).toBe(true);
    for (const key of [
      'baseline',
      'variants',
      't1',
      'reference',
      't2',
      't3',
      't4',
      'sweep',
      'general',
    ] as const)
      expect(results[key]).toBeTruthy();
    expect(results.config.baseline.epochs).toBeLessThanOrEqual(20);
    // The first-layer permutation restores exactly the clean accuracy (up to float summation order).
    expect(Math.abs(results.t1.fixedAccuracy - results.t1.cleanAccuracy)).toBeLessThanOrEqual(
      2 / results.t1.images,
    );
    expect(results.t1.unique + results.t1.tied).toBe(784);
  });

  it('pages show numbers through the results file, never typed percentages', () => {
    expect(show(results, 'baseline.eval.clean.accuracy', 2)).toBe(
      pct(results.baseline.eval.clean.accuracy, 2),
    );
    expect(show(results, 't1.unique')).toBe(results.t1.unique.toLocaleString('en'));
    expect(show(results, 'no.such.path')).toBe('—');
    expect(at(results, 'baseline.eval.t4.accuracy')).toBe(results.baseline.eval.t4.accuracy);
    const dir = join(root, 'src/content/docs/mnist-robustness');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.mdx') && n !== 'index.mdx')) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/\b\d+(\.\d+)?\s?%/);
      for (const m of text.matchAll(/<RobustNumber path="([^"]+)"/g))
        expect(typeof at(results, m[1]!), `${f}: ${m[1]}`).toBe('number');
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
      expect(r.config.baseline.trainCount).toBe(1000);
      for (const key of [
        'baseline',
        't1',
        'reference',
        't2',
        't3',
        't4',
        'sweep',
        'general',
      ] as const)
        expect(r[key]).toBeTruthy();
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
