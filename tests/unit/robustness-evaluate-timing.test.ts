import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  formatEvaluationTiming,
  timeShippedEvaluation,
} from '../../src/lib/robustness/evaluate-timing.ts';
import { VARIANTS } from '../../src/lib/robustness/variants.ts';
import results from '../../src/data/robustness-results.json';
import { nodeTf } from '../helpers/tf.ts';

const publicFetch = (async (url: string) =>
  new Response(await readFile(String(url)))) as unknown as typeof fetch;

describe('timing the shipped-model evaluation (the bench line)', () => {
  it('evaluates all five sets of 10,000 images, reproduces the experiment script’s accuracies, leaks nothing', async () => {
    const { tf } = await nodeTf('wasm');
    const before = tf.memory().numTensors;
    let clock = 0;
    const t = await timeShippedEvaluation(tf, {
      source: nodeSource,
      base: 'public',
      fetch: publicFetch,
      rounds: 1,
      cpuMs: () => (clock += 250),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(t.images).toBe(50_000);
    expect(t.seconds).toBeGreaterThan(0);
    expect(t.cpuSeconds).toBe(0.25);
    // npm run experiments evaluated the same model on the same images (committed results).
    const scripted = (
      results as {
        baseline: { eval: Record<string, { accuracy: number; meanEntropy: number }> };
      }
    ).baseline.eval;
    for (const v of VARIANTS) {
      expect(t.accuracy[v], v).toBeCloseTo(scripted[v]!.accuracy, 6);
      // The results file keeps six significant digits.
      expect(t.meanEntropy[v], v).toBeCloseTo(scripted[v]!.meanEntropy, 4);
    }
    const line = formatEvaluationTiming(t, 'node', 'wasm');
    expect(line).toMatch(
      /^node wasm evaluation of the shipped model on clean \+ t1 \+ t2 \+ t3 \+ t4 \(50,000 images\): \d+\.\d\d s, 0\.25 CPU-seconds; accuracy clean /,
    );
  }, 120_000);
});
