import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  bagNetworks,
  bootstrapIndices,
  decomposeErrors,
  ensembleMse,
  expectedUniqueFraction,
  simulateEnsemble,
} from '../../src/lib/regularisation/bagging.ts';
import {
  connectedCount,
  dropoutEnsemble,
  enumerateSubnetworks,
  weightScalingTarget,
} from '../../src/lib/regularisation/subnetworks.ts';
import { dropoutScalingCheck } from '../../src/lib/regularisation/dropout-scaling.ts';
import { doubleSoftmaxFloor, overfitBatch } from '../../src/lib/regularisation/overfit-batch.ts';

describe('bagging: the ensemble error v/k + (k−1)c/k', async () => {
  const { tf } = await nodeTf('cpu');

  it('Monte Carlo with correlated Gaussian errors matches the formula within 4 standard errors', () => {
    for (const [c, k] of [
      [0, 5],
      [0.3, 5],
      [0.7, 10],
      [1, 4],
      [0.5, 1],
    ] as const) {
      const s = simulateEnsemble({ v: 2, c, k, trials: 100_000, seed: 11 });
      expect(s.formula).toBeCloseTo(ensembleMse(2, c, k), 12);
      expect(Math.abs(s.estimate - s.formula)).toBeLessThan(4 * s.standardError);
      expect(Math.abs(s.memberMse - 2)).toBeLessThan(0.05);
    }
    expect(ensembleMse(1, 0, 10)).toBeCloseTo(0.1, 12); // independent errors: v/k
    expect(ensembleMse(1, 1, 10)).toBeCloseTo(1, 12); // identical errors: no gain
    expect(() => simulateEnsemble({ v: 1, c: 2, k: 3, trials: 10 })).toThrow();
  });

  it('for any set of real errors, v̄/k + (k−1)c̄/k is exactly the averaged model’s mean squared error', () => {
    const errors = [
      [0.3, -1.2, 0.5, 2],
      [0.1, -0.7, -0.2, 1.5],
      [-0.4, 0.2, 0.9, 1.1],
    ];
    const d = decomposeErrors(errors);
    const direct =
      [0, 1, 2, 3].reduce(
        (s, x) => s + ((errors[0]![x]! + errors[1]![x]! + errors[2]![x]!) / 3) ** 2,
        0,
      ) / 4;
    expect(d.ensemble).toBeCloseTo(direct, 14);
    expect(d.formula).toBeCloseTo(direct, 14);
    // The averaged model is never worse than the average member (c ≤ v by Cauchy–Schwarz).
    expect(d.ensemble).toBeLessThanOrEqual(d.v);
  });

  it('a bootstrap sample holds about 1 − (1 − 1/n)ⁿ ≈ 63.2 % distinct examples', () => {
    const n = 1000;
    let frac = 0;
    for (let s = 0; s < 50; s++) frac += new Set(bootstrapIndices(n, s)).size / n / 50;
    expect(Math.abs(frac - expectedUniqueFraction(n))).toBeLessThan(0.005);
    expect(expectedUniqueFraction(1e6)).toBeCloseTo(1 - 1 / Math.E, 5);
  });

  it('bagged regression networks (shared engine): the decomposition holds and the ensemble beats its average member', async () => {
    const before = tf.memory().numTensors;
    const r = await bagNetworks(tf, { k: 3, epochs: 60, seed: 1 });
    expect(r.status).toBe('done');
    expect(r.members).toHaveLength(3);
    const d = r.decomposition;
    expect(Math.abs(d.ensemble - d.formula)).toBeLessThan(1e-12);
    expect(d.ensemble).toBeLessThan(d.v);
    expect(d.rho).toBeGreaterThan(0);
    expect(d.rho).toBeLessThan(1);
    r.uniqueFractions.forEach((f) => expect(f).toBeLessThan(0.8));
    const all = await bagNetworks(tf, { k: 2, epochs: 5, seed: 1, bootstrap: false });
    expect(all.uniqueFractions).toEqual([1, 1]);
    const ctrl = new AbortController();
    const c = await bagNetworks(tf, {
      k: 3,
      epochs: 50,
      signal: ctrl.signal,
      onMember: (i, e) => i === 1 && e === 2 && ctrl.abort(),
    });
    expect(c.status).toBe('cancelled');
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('dropout: subnetworks, weight scaling and inverted dropout', async () => {
  const { tf } = await nodeTf('cpu');

  it('a 2-2-1 base network has 16 subnetworks, 9 of them connecting input to output', () => {
    const subs = enumerateSubnetworks([2, 2, 1]);
    expect(subs).toHaveLength(16);
    expect(new Set(subs.map((s) => s.kept.flat().join())).size).toBe(16);
    expect(subs.filter((s) => s.connected)).toHaveLength(9);
    expect(connectedCount([2, 2, 1])).toBe(9);
    expect(subs[15]!.edges).toBe(2 * 2 + 2 * 1);
    expect(subs[0]!.edges).toBe(0);
    expect(enumerateSubnetworks([3, 2, 2, 1]).filter((s) => s.connected)).toHaveLength(
      connectedCount([3, 2, 2, 1]),
    );
    expect(connectedCount([3, 2, 2, 1])).toBe(7 * 3 * 3);
  });

  it('exact enumeration: the weight-scaled network equals the ensemble mean for a network linear in its masks, and the normalised geometric mean for softmax on top', async () => {
    const before = tf.memory().numTensors;
    const lin = await dropoutEnsemble(tf, {
      sizes: [2, 2, 1],
      activation: 'linear',
      output: 'linear',
      keep: [0.8, 0.5],
      x: [1, -0.5],
    });
    expect(lin.members).toHaveLength(16);
    expect(lin.members.reduce((s, m) => s + m.prob, 0)).toBeCloseTo(1, 12);
    expect(lin.maxDiffArithmetic).toBeLessThan(1e-6);
    const soft = await dropoutEnsemble(tf, {
      sizes: [3, 3, 3],
      activation: 'linear',
      output: 'softmax',
      keep: [0.8, 0.5],
      x: [1, -0.5, 2],
    });
    expect(soft.maxDiffGeometric).toBeLessThan(1e-6);
    expect(soft.maxDiffArithmetic).toBeGreaterThan(1e-3); // the arithmetic mean of softmaxes is different
    const relu = await dropoutEnsemble(tf, {
      sizes: [2, 2, 1],
      activation: 'relu',
      output: 'linear',
      keep: [0.8, 0.5],
      x: [1, -0.5],
    });
    expect(relu.maxDiffArithmetic).toBeGreaterThan(1e-4); // only an approximation with a non-linearity
    expect(tf.memory().numTensors).toBe(before);
  });

  it('weightScalingTarget names the mean that the enumeration finds weight scaling to match', async () => {
    for (const activation of ['linear', 'relu'] as const)
      for (const output of ['linear', 'softmax'] as const) {
        const r = await dropoutEnsemble(tf, {
          sizes: [2, 3, output === 'softmax' ? 3 : 1],
          activation,
          output,
          keep: [0.8, 0.5],
          x: [1, -0.5],
        });
        const t = weightScalingTarget({ activation, output });
        const diff = t.mean === 'geometric' ? r.maxDiffGeometric : r.maxDiffArithmetic;
        if (t.exact) expect(diff, `${activation}/${output}`).toBeLessThan(1e-5);
        else expect(diff, `${activation}/${output}`).toBeGreaterThan(1e-4);
      }
  });

  it('Monte Carlo: standard dropout + weight scaling and inverted dropout (ours and tf.dropout) give the test-time pre-activations in expectation', async () => {
    const before = tf.memory().numTensors;
    for (const keep of [0.5, 0.8]) {
      const r = await dropoutScalingCheck(tf, { keep, samples: 4000, seed: 3 });
      expect(r.standard.maxZ).toBeLessThan(4.5);
      expect(r.inverted.maxZ).toBeLessThan(4.5);
      expect(r.tfDropout.maxZ).toBeLessThan(4.5);
      expect(r.testRatio).toBeCloseTo(keep, 5);
      expect(r.inverted.maxAbsError).toBeLessThan(0.1 * r.scale);
    }
    // After a ReLU the expectation is no longer preserved (Jensen's inequality).
    const g = await dropoutScalingCheck(tf, { keep: 0.5, samples: 4000, seed: 3 });
    expect(g.reluGap).toBeGreaterThan(0.05 * g.scale);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('overfit a small batch first', async () => {
  const { tf } = await nodeTf('wasm');

  it('a correct MLP drives the loss on 32 MNIST digits to ~0; the double-softmax bug is stuck at log(1 + 9/e) even at 100 % batch accuracy', async () => {
    const batch = await nodeSource.load('train', { subset: { first: 32 } });
    const before = tf.memory().numTensors;
    expect(doubleSoftmaxFloor(10)).toBeCloseTo(1.4611502, 6);
    const ok = await overfitBatch(tf, batch, { bug: 'none', steps: 80, seed: 1 });
    expect(ok.losses).toHaveLength(80);
    expect(ok.finalLoss).toBeLessThan(0.01);
    expect(ok.batchAccuracy).toBe(1);
    const bug = await overfitBatch(tf, batch, { bug: 'double-softmax', steps: 80, seed: 1 });
    bug.losses.forEach((l) => expect(l).toBeGreaterThan(doubleSoftmaxFloor(10) - 1e-4));
    expect(bug.finalLoss - doubleSoftmaxFloor(10)).toBeLessThan(0.02);
    expect(bug.batchAccuracy).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
