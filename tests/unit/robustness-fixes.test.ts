import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { PIXELS } from '../../src/lib/data/mnist-geometry.ts';
import { layersJsonFor } from '../../src/lib/models/layers-format.ts';
import { createMLP } from '../../src/lib/models/mlp.ts';
import { trainAndCompareFix } from '../../src/lib/robustness/fix-compare.ts';
import { FIXES, fixPlan } from '../../src/lib/robustness/fixes.ts';
import { createGeneralModel } from '../../src/lib/robustness/general.ts';
import { compareStats, generalComparison } from '../../src/lib/robustness/general-report.ts';
import { fetchGeneral, serializeGeneral } from '../../src/lib/robustness/general-weights.ts';
import { recoverPermutation, unpermuteInput } from '../../src/lib/robustness/permutation.ts';
import { classifierOf } from '../../src/lib/robustness/recipes.ts';
import { trainSorted } from '../../src/lib/robustness/sorted-study.ts';
import { summarize } from '../../src/lib/robustness/stats.ts';
import {
  fixedPermutation,
  fromSplit,
  head,
  makeVariant,
  sortPixels,
  VARIANTS,
  type ImageSet,
  type VariantId,
} from '../../src/lib/robustness/variants.ts';

describe('robustness fixes: un-permuting, the fix demo, the sorted-pixel study, the general model on disk', async () => {
  const { tf } = await nodeTf('wasm');
  const test = fromSplit(await nodeSource.load('test', { subset: { first: 300 } }));
  const train = fromSplit(await nodeSource.load('train', { subset: { first: 1200 } }));

  it('un-permuting t1 with a permutation recovered from the first images gives back the clean images', () => {
    const t1 = makeVariant(test, 't1');
    const rec = recoverPermutation(head(test, 100), head(t1, 100));
    const back = unpermuteInput(t1, rec.perm);
    // Pixels lit in some of the first 100 images are placed exactly.
    const truth = fixedPermutation();
    let differ = 0;
    for (let i = 0; i < back.x.length; i++) differ += back.x[i] !== test.x[i] ? 1 : 0;
    let exact = 0;
    rec.perm.forEach((p, j) => (exact += p === truth[j] ? 1 : 0));
    expect(exact).toBeGreaterThanOrEqual(rec.unique);
    // Only pixels dark in every calibration image can land wrong, and they are rarely lit later.
    expect(differ / back.x.length).toBeLessThan(0.01);
    // With all images as calibration, every image comes back exactly.
    const all = unpermuteInput(t1, recoverPermutation(test, t1).perm);
    expect(Array.from(all.x)).toEqual(Array.from(test.x));
  });

  it('every fix plan judges on the variant it fixes; the robust ones also under a fresh attack', () => {
    for (const f of FIXES) {
      const p = fixPlan(f, 1);
      expect(p.targets).toContain(f.slice(0, 2) as VariantId);
      expect(p.freshAttack).toBe(f === 't3' || f === 't4');
    }
    // t1's data are the permuted images; t2-sorted reads sorted test images.
    const p1 = fixPlan('t1', 0).trainData(head(train, 2));
    expect(Array.from(p1.x)).toEqual(Array.from(makeVariant(head(train, 2), 't1').x));
    expect(Array.from(fixPlan('t2-sorted', 0).testView(head(test, 2)).x)).toEqual(
      Array.from(sortPixels(head(test, 2)).x),
    );
  });

  it('the fix demo trains, compares with the shipped model, attacks the t4 fix, and frees every tensor; cancel returns null', async () => {
    const shipped = createMLP(tf, [784, 32, 10], { seed: 1, name: 'fake-shipped' });
    const sets = Object.fromEntries(
      VARIANTS.map((v) => [v, v === 't4' ? test : makeVariant(test, v)]),
    ) as Record<VariantId, ImageSet>;
    const before = tf.memory().numTensors;
    const r = (await trainAndCompareFix(tf, 't4', classifierOf(shipped), head(train, 256), sets, {
      epochs: 1,
    }))!;
    expect(r.rows.map((x) => x.set)).toEqual(['clean', 't3', 't4', 'fresh']);
    expect(r.freshCount).toBe(200);
    for (const row of r.rows) expect(row.after >= 0 && row.after <= 1).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    const stop = new AbortController();
    stop.abort();
    expect(
      await trainAndCompareFix(tf, 't3', classifierOf(shipped), head(train, 256), sets, {
        epochs: 1,
        signal: stop.signal,
      }),
    ).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    shipped.dispose();
  }, 120_000);

  it('the sorted-pixel study stops when held-out loss stops falling and reports the best epoch', async () => {
    const before = tf.memory().numTensors;
    const r = await trainSorted(
      tf,
      { name: 'tiny', sizes: [784, 16, 10], maxEpochs: 6 },
      train,
      test,
      { validation: 200, patience: 1, batchSize: 64, learningRate: 0.05, seed: 1 },
    );
    const losses = r.history.map((e) => e.metric!);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(r.stopping.bestEpoch).toBe(best);
    expect(r.stopping.epochsTrained).toBe(r.history.length);
    // Stopped early only right after an epoch that did not improve on the best.
    if (r.history.length < 6) expect(r.history.length).toBe(best + 1);
    expect(r.accuracy.t2).toBe(
      (r.history[best - 1] as unknown as { testAccuracy: number }).testAccuracy,
    );
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('the general model survives a round trip through its files (float16): same predictions up to rounding', async () => {
    const g = createGeneralModel(tf, 4);
    const pieces = await serializeGeneral(g, { test: true });
    const localFetch = (async (url: string) => {
      const [, piece, file] = /general\/([^/]+)\/(.+)$/.exec(String(url))!;
      const p = pieces[piece as keyof typeof pieces];
      return new Response(file === 'model.json' ? JSON.stringify(p.json) : p.bin.slice());
    }) as unknown as typeof fetch;
    const before = tf.memory().numTensors;
    const back = await fetchGeneral(tf, 'mem://general/', { fetch: localFetch });
    const x = tf.tensor2d(test.x.subarray(0, 20 * PIXELS), [20, PIXELS]);
    for (const v of VARIANTS) {
      const d = tf.tidy(
        () => tf.max(tf.abs(tf.sub(g.predict(v, x), back.predict(v, x)))).dataSync()[0]!,
      );
      expect(d, v).toBeLessThan(0.05);
    }
    x.dispose();
    back.dispose();
    // The Layers-format copy keeps each input piece's ReLU output and the trunk's linear logits.
    const activations = (json: (typeof pieces)['clean']['json']) =>
      (
        layersJsonFor(tf, json) as {
          modelTopology: { config: { layers: { config: { activation: string } }[] } };
        }
      ).modelTopology.config.layers.map((l) => l.config.activation);
    expect(activations(pieces.clean.json)).toEqual(['relu']);
    expect(activations(pieces.trunk.json).at(-1)).toBe('linear');
    expect(tf.memory().numTensors).toBe(before);
    g.dispose();
  });

  it('the generalise verdict: level within two seed spreads (or half a point), else behind or ahead', () => {
    expect(compareStats('c', summarize([0.95, 0.96]), summarize([0.955, 0.955])).verdict).toBe(
      'level',
    );
    const behind = compareStats('c', summarize([0.9, 0.901]), summarize([0.97, 0.971]));
    expect(behind.verdict).toBe('behind');
    expect(behind.points).toBeCloseTo(-7, 9);
    expect(compareStats('c', summarize([0.5, 0.52]), summarize([0.3, 0.31])).verdict).toBe('ahead');
    expect(generalComparison({})).toBe('');
  });
});
