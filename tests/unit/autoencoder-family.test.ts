/** The one-knob-at-a-time study inside the task's family: a small run, and the committed file's freshness. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { classifierFeatures } from '../../src/lib/autoencoder/features.ts';
import {
  FAMILY_FULL,
  FAMILY_SMALL,
  FAMILY_VARIANTS,
  overSeeds,
  runFamilyStudy,
} from '../../src/lib/autoencoder/family-study.ts';
import { taskConfig, TASK_CONTRACT } from '../../src/lib/autoencoder/contract.ts';
import committed from '../../src/data/autoencoder-family.json';

describe('autoencoder family study', async () => {
  const { tf } = await nodeTf('wasm');

  it('small run: every variant meets the contract, scores are finite, a larger λ shrinks the codes; nothing leaks', async () => {
    const features = classifierFeatures(
      tf,
      JSON.parse(readFileSync('src/data/autoencoder-feature-net.json', 'utf8')),
    );
    const before = tf.memory().numTensors;
    const r = await runFamilyStudy(
      tf,
      await nodeSource.load('train'),
      await nodeSource.load('test'),
      features,
      FAMILY_SMALL,
    );
    expect(tf.memory().numTensors).toBe(before);
    features.dispose();
    expect(r.map((v) => v.id)).toEqual(FAMILY_VARIANTS.map((v) => v.id));
    for (const v of r) {
      expect(v.meetsContract).toBe(true);
      expect(v.layers).toBeLessThanOrEqual(TASK_CONTRACT.maxParamLayers);
      expect(v.runs).toHaveLength(FAMILY_SMALL.seeds.length);
      for (const run of v.runs)
        expect(
          Number.isFinite(run.fid) && run.fid > 0 && run.heldOutMse > 0 && run.heldOutMse < 1,
        ).toBe(true);
    }
    const code = (id: string) => overSeeds(r.find((v) => v.id === id)!.runs, 'meanAbsCode').mean;
    expect(code('lambda-0.03')).toBeLessThan(code('lambda-0'));
  });

  it('the committed full run matches the current variants and options', () => {
    expect(committed.options).toEqual(FAMILY_FULL);
    expect(committed.variants.map((v) => [v.id, v.label])).toEqual(
      FAMILY_VARIANTS.map((v) => [v.id, v.label]),
    );
    for (const [i, v] of committed.variants.entries()) {
      expect(v.config).toMatchObject(taskConfig(FAMILY_VARIANTS[i]!.knobs));
      expect(v.meetsContract).toBe(true);
      expect(v.runs.map((r) => r.seed)).toEqual(FAMILY_FULL.seeds);
    }
  });
});
