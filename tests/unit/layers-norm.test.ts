import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  batchNormBug,
  batchNormPerChannel,
  dropoutBeforeBn,
} from '../../src/lib/layers/batchnorm.ts';
import { weightNormCheck } from '../../src/lib/layers/weight-norm.ts';
import { gaussianCheck, normalPdf, normalPdfDerivative } from '../../src/lib/layers/gaussian.ts';
import { fitIdentity, identityByZeroing } from '../../src/lib/layers/residual.ts';

describe('layers: normalisation, the normal density, residual blocks', async () => {
  const { tf } = await nodeTf('cpu');

  it('batch norm on an RGB batch normalises each channel over (N, H, W), not each pixel', async () => {
    const before = tf.memory().numTensors;
    const r = await batchNormPerChannel(tf);
    r.channelMean.forEach((m) => expect(Math.abs(m)).toBeLessThan(1e-5));
    r.channelVar.forEach((v) => expect(Math.abs(v - 1)).toBeLessThan(0.01));
    expect(r.formulaError).toBeLessThan(1e-5);
    expect(r.weightShapes).toEqual([[3], [3], [3], [3]]);
    // Individual pixel positions are not centred or scaled to 1 over the batch.
    expect(r.pixelMeanMaxAbs).toBeGreaterThan(0.5);
    expect(r.pixelStdRange[1] - r.pixelStdRange[0]).toBeGreaterThan(0.3);
    expect([r.perChannelStats, r.perPixelStats]).toEqual([6, 384]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('running Conv2d(3, 64) → BatchNorm(32) fails on the channel count; BatchNorm(64) runs', async () => {
    const before = tf.memory().numTensors;
    const r = await batchNormBug(tf, 32);
    expect(r.error).toMatch(
      /expected axis 3 of input shape to have value 32 but got shape 1,34,34,64/,
    );
    expect(r.convShape).toEqual([1, 64, 34, 34]); // padding 2 with a 3×3 kernel grows 32 → 34
    expect(r.fixedShape).toEqual([1, 64, 34, 34]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('dropout before BN inflates the training variance by the closed form', async () => {
    for (const p of [0.1, 0.5]) {
      const r = await dropoutBeforeBn(tf, p, 1, 1, 200_000, 3);
      expect(Math.abs(r.trainVar - r.expectedTrainVar) / r.expectedTrainVar).toBeLessThan(0.02);
      expect(Math.abs(r.testVar - 1)).toBeLessThan(0.02);
      expect(Math.abs(r.testStd - r.expectedTestStd)).toBeLessThan(0.01);
    }
    expect((await dropoutBeforeBn(tf, 0.5)).expectedTrainVar).toBeCloseTo(3, 12);
  });

  it('weight normalisation: autodiff gradients equal the closed forms; ∂L/∂v ⟂ v; ‖v‖ grows', async () => {
    const r = await weightNormCheck(tf);
    expect(r.gError).toBeLessThan(1e-5);
    expect(r.vError).toBeLessThan(1e-5);
    expect(Math.abs(r.cosine)).toBeLessThan(1e-5);
    expect(r.normAfter).toBeGreaterThan(r.normBefore);
    expect(r.normAfter).toBeCloseTo(r.normAfterExpected, 5);
  });

  it('normal density from scratch and its derivative, against autodiff and finite differences', async () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    expect(normalPdf(3, 1, 2)).toBeCloseTo(Math.exp(-0.5) / (2 * Math.sqrt(2 * Math.PI)), 15);
    expect(normalPdfDerivative(1, 1, 2)).toBe(-0);
    expect(normalPdfDerivative(-1)).toBeCloseTo(normalPdf(-1), 15);
    const before = tf.memory().numTensors;
    const g = await gaussianCheck(tf, 1, 2);
    expect(g.pdfError).toBeLessThan(1e-6);
    expect(g.gradError).toBeLessThan(1e-6);
    expect(g.finiteDiffError).toBeLessThan(1e-8);
    expect(g.integral).toBeCloseTo(1, 9);
    expect(g.steepestAt).toBeCloseTo(1 - 2, 9);
    expect(tf.memory().numTensors).toBe(before);
    await expect(gaussianCheck(tf, 0, 0)).rejects.toThrow(/σ/);
  });

  it('a residual block is exactly the identity when F is zero, and a residual stack learns the identity', async () => {
    const before = tf.memory().numTensors;
    const z = await identityByZeroing(tf);
    expect(z.residual).toBe(0);
    expect(z.plain).toBeGreaterThan(0.5);
    const f = await fitIdentity(tf, { depth: 6, epochs: 6, seed: 1 });
    expect(f.status).toBe('done');
    expect(f.residual.at(-1)!).toBeLessThan(0.05);
    expect(f.plain.at(-1)!).toBeGreaterThan(0.5);
    expect(f.residual[0]!).toBeLessThan(f.plain[0]!);
    const ctl = new AbortController();
    ctl.abort();
    expect((await fitIdentity(tf, { epochs: 2, signal: ctl.signal })).status).toBe('cancelled');
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
