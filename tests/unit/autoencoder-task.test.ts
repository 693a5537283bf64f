/** The autoencoder task's own test (what `npm run autoencoder:test` runs), on real MNIST at small budgets. */
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { runTaskTest, SUCCESS_MESSAGE } from '../../src/lib/autoencoder/test.ts';

const CONTRACT_CHECKS = ['code size', 'reconstruction size', 'layers', 'dimensions'];

describe('autoencoder task test on real MNIST', async () => {
  const { tf } = await nodeTf('wasm');
  const trainSet = await nodeSource.load('train');
  const testSet = await nodeSource.load('test');

  it('passes for the task model after a short training and prints the success message last', async () => {
    const before = tf.memory().numTensors;
    const lines: string[] = [];
    const r = await runTaskTest(
      tf,
      trainSet,
      testSet,
      { trainImages: 2000, testImages: 500, epochs: 2 },
      { log: (l) => lines.push(l) },
    );
    expect(r.checks.map((c) => [c.name, c.passed])).toEqual(
      [...CONTRACT_CHECKS, 'learned'].map((n) => [n, true]),
    );
    expect(r.passed).toBe(true);
    expect(lines).toEqual(r.lines);
    expect(lines.filter((l) => l.startsWith('=> Epoch'))).toHaveLength(2);
    expect(lines.at(-1)).toBe(SUCCESS_MESSAGE);
    expect(r.metrics!.heldOutMse).toBeLessThan(r.metrics!.meanImageMse);
    expect(r.metrics!.epochLosses[1]).toBeLessThan(r.metrics!.epochLosses[0]!);
    expect(r.gallery!.reconstructions).toHaveLength(16 * 784);
    expect(r.gallery!.generated).toHaveLength(16 * 784);
    expect(r.gallery!.codes2d).toHaveLength(2 * 500);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    [{ hidden: [256, 128, 64] }, 'layers', /8 layers with parameters/],
    [{ hidden: [801] }, 'dimensions', /largest parameter dimension 801/],
    [{ latent: 16 }, 'code size', /\[1, 16\]/],
  ])(
    'refuses %o before training: FAIL %s, no success message',
    async (options, failing, detail) => {
      const before = tf.memory().numTensors;
      const r = await runTaskTest(tf, trainSet, testSet, options);
      expect(r.status).toBe('done');
      expect(r.passed).toBe(false);
      expect(r.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual([failing]);
      expect(r.checks.find((c) => c.name === failing)!.detail).toMatch(detail);
      expect(r.lines.some((l) => l.startsWith('=> Epoch'))).toBe(false);
      expect(r.lines).not.toContain(SUCCESS_MESSAGE);
      expect(r.lines.at(-1)).toBe(`FAILED: 1 of 4 checks failed (${failing}).`);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('fails the learned check, and prints no success, when training is far too short', async () => {
    const before = tf.memory().numTensors;
    const r = await runTaskTest(tf, trainSet, testSet, {
      trainImages: 100,
      testImages: 200,
      epochs: 1,
    });
    expect(r.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['learned']);
    expect(r.metrics!.heldOutMse).toBeGreaterThanOrEqual(r.metrics!.meanImageMse);
    expect(r.lines).not.toContain(SUCCESS_MESSAGE);
    expect(r.lines.at(-1)).toBe('FAILED: 1 of 5 checks failed (learned).');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops on cancel and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const r = await runTaskTest(
      tf,
      trainSet,
      testSet,
      { trainImages: 1000 },
      { signal: ctl.signal, onProgress: (f) => f > 0.05 && ctl.abort() },
    );
    expect(r.status).toBe('cancelled');
    expect(r.passed).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
