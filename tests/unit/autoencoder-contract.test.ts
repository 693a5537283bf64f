/** The task's contract (src/lib/autoencoder/contract.ts) and the snapshot the PyTorch cross-check loads (twin.ts). */
import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { createAutoencoder } from '../../src/lib/autoencoder/model.ts';
import {
  contractChecks,
  largestParameterDim,
  parameterCount,
  parameterisedLayerCount,
  taskConfig,
  TASK_CONTRACT,
} from '../../src/lib/autoencoder/contract.ts';
import { twinSnapshot } from '../../src/lib/autoencoder/twin.ts';

describe('autoencoder task contract', async () => {
  const { tf } = await nodeTf('cpu');

  it('the task model: 784-256-64-20 and back, six dense layers, parameter count and largest dimension by hand', () => {
    const ae = createAutoencoder(tf, taskConfig(), 0);
    const sizes = [784, 256, 64, 20, 64, 256, 784];
    const byHand = sizes.slice(1).reduce((s, out, i) => s + sizes[i]! * out + out, 0);
    expect(parameterisedLayerCount(ae)).toBe(6);
    expect(parameterCount(ae)).toBe(byHand);
    expect(largestParameterDim(ae)).toBe(784);
    expect(ae.config).toMatchObject({
      latent: 20,
      loss: 'mse',
      codeL1: TASK_CONTRACT.lambda,
      weightDecay: 0,
    });
    expect(contractChecks(tf, ae).every((c) => c.passed)).toBe(true);
    ae.dispose();
  });

  it('each check fails for the model that breaks it, and only that check', () => {
    const cases: [Parameters<typeof taskConfig>[0], string][] = [
      [{ latent: 19 }, 'code size'],
      [{ hidden: [512, 256, 64] }, 'layers'],
      [{ hidden: [900, 64] }, 'dimensions'],
    ];
    for (const [overrides, name] of cases) {
      const before = tf.memory().numTensors;
      const ae = createAutoencoder(tf, taskConfig(overrides), 0);
      expect(
        contractChecks(tf, ae)
          .filter((c) => !c.passed)
          .map((c) => c.name),
      ).toEqual([name]);
      ae.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('the twin snapshot: PyTorch layout, and its loss equals a float64 forward pass through the exported weights', async () => {
    const before = tf.memory().numTensors;
    const s = await twinSnapshot(tf, 3, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(s.encoder.map((l) => [l.weight.length, l.weight[0]!.length])).toEqual([
      [256, 784],
      [64, 256],
      [20, 64],
    ]);
    expect(s.decoder.map((l) => [l.weight.length, l.weight[0]!.length])).toEqual([
      [64, 20],
      [256, 64],
      [784, 256],
    ]);
    const dense = (layers: typeof s.encoder, x: number[], lastSigmoid: boolean) =>
      layers.reduce((h, l, i) => {
        const y = l.weight.map((row, o) => row.reduce((acc, w, j) => acc + w * h[j]!, l.bias[o]!));
        const last = i === layers.length - 1;
        return y.map((v) => (!last ? Math.max(0, v) : lastSigmoid ? 1 / (1 + Math.exp(-v)) : v));
      }, x);
    let squared = 0;
    let absolute = 0;
    s.input.forEach((x, i) => {
      const z = dense(s.encoder, x, false);
      const xHat = dense(s.decoder, z, true);
      z.forEach((v, k) =>
        expect(Math.abs(v - s.codes[i]![k]!)).toBeLessThan(1e-4 * (1 + Math.abs(v))),
      );
      squared += xHat.reduce((a, v, p) => a + (v - x[p]!) ** 2, 0);
      absolute += z.reduce((a, v) => a + Math.abs(v), 0);
    });
    const loss = squared / (2 * 784) + TASK_CONTRACT.lambda * (absolute / (2 * 20));
    expect(Math.abs(s.loss - loss) / loss).toBeLessThan(1e-5);
  });
});
