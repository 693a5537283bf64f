/** The autoencoder task's own test (what `npm run autoencoder:test` runs), as part of the unit suite. */
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { runTaskTest, SUCCESS_MESSAGE, TASK_THRESHOLDS } from '../../src/lib/autoencoder/test.ts';

describe('autoencoder task test on real MNIST', async () => {
  const { tf } = await nodeTf('wasm');
  const trainSet = await nodeSource.load('train');
  const testSet = await nodeSource.load('test');

  it('passes with the default configuration and prints the success message last', async () => {
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const r = await runTaskTest(tf, trainSet, testSet, {}, { log: (l) => lines.push(l) });
    expect(r.checks.map((c) => [c.name, c.passed])).toEqual([
      ['shapes', true], ['learning', true], ['reconstruction', true], ['sparsity', true], ['determinism', true],
    ]);
    expect(r.passed).toBe(true);
    expect(lines).toEqual(r.lines);
    expect(lines.at(-1)).toBe(SUCCESS_MESSAGE);
    expect(r.metrics!.heldOutMse).toBeLessThan(TASK_THRESHOLDS.maxHeldOutMse);
    expect(r.metrics!.heldOutMse).toBeLessThan(0.6 * r.metrics!.meanImageMse);
    expect(r.metrics!.sparse.hoyer - r.metrics!.dense.hoyer).toBeGreaterThanOrEqual(TASK_THRESHOLDS.minHoyerGain);
    expect(r.gallery!.reconstructions).toHaveLength(16 * 784);
    expect(r.gallery!.generated).toHaveLength(16 * 784);
    expect(r.gallery!.codes2d).toHaveLength(2 * 500);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails — and does not print success — when the model is under-trained and λ = 0', async () => {
    const before = tf.memory().numTensors;
    const r = await runTaskTest(tf, trainSet, testSet, { trainImages: 200, testImages: 200, epochs: 1, lambda: 0, determinismSteps: 2 });
    const byName = Object.fromEntries(r.checks.map((c) => [c.name, c.passed]));
    expect(byName.reconstruction).toBe(false);
    expect(byName.sparsity).toBe(false);
    expect(byName.learning).toBe(false); // a single epoch cannot show a falling epoch loss
    expect(byName.shapes).toBe(true);
    expect(byName.determinism).toBe(true);
    expect(r.passed).toBe(false);
    expect(r.lines).not.toContain(SUCCESS_MESSAGE);
    expect(r.lines.at(-1)).toMatch(/^FAILED: 3 of 5 checks failed \(learning, reconstruction, sparsity\)/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on cancel and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const r = await runTaskTest(tf, trainSet, testSet, { trainImages: 500 }, { signal: ctl.signal, onProgress: (f) => f > 0.05 && ctl.abort() });
    expect(r.status).toBe('cancelled');
    expect(r.passed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
