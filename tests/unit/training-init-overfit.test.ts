import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { distinctColumns, symmetryRun } from '../../src/lib/hyperparameters/symmetry.ts';
import { earlyStoppingEpoch, validationCurve } from '../../src/lib/hyperparameters/overfit.ts';

describe('symmetric initialisation', async () => {
  const { tf } = await nodeTf('cpu');

  it('distinctColumns counts equal columns', () => {
    expect(distinctColumns([1, 1, 2, 3, 3, 4], 2, 3)).toBe(2);
    expect(distinctColumns([1, 2, 3, 4], 1, 4)).toBe(4);
  });

  it.each(['tanh', 'relu'] as const)(
    'all-zero weights with %s: the first layer never moves and the net predicts one class',
    async (activation) => {
      const before = tf.memory().numTensors;
      const r = await symmetryRun(tf, { init: 'zeros', activation, epochs: 10 });
      expect(r.maxAbsW1).toBe(0);
      expect(r.distinctUnits).toBe(1);
      expect(r.trainAccuracy).toBeCloseTo(1 / 3, 2);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it.each(['tanh', 'relu', 'sigmoid'] as const)(
    '%s: equal non-zero weights move but the 16 hidden units stay copies of one',
    async (activation) => {
      const r = await symmetryRun(tf, { init: 'constant', activation, epochs: 10 });
      expect(r.maxAbsW1).toBeGreaterThan(0);
      expect(r.distinctUnits).toBe(1);
    },
  );

  it('random (Glorot) initialisation: 16 different units and a much better fit', async () => {
    const sym = await symmetryRun(tf, { init: 'constant', activation: 'relu', epochs: 30 });
    const rnd = await symmetryRun(tf, { init: 'glorot', activation: 'relu', epochs: 30 });
    expect(rnd.distinctUnits).toBe(16);
    expect(rnd.trainAccuracy).toBeGreaterThan(sym.trainAccuracy + 0.2);
  });
});

describe('validation curve over epochs', async () => {
  const { tf } = await nodeTf('cpu');

  it('training loss keeps falling; validation loss bottoms out early, then rises while accuracy hardly moves', async () => {
    const before = tf.memory().numTensors;
    // The demo's defaults (seed 1, 40 noisy training points, 200 epochs).
    const r = await validationCurve(tf, { seed: 1 });
    expect(r.status).toBe('done');
    expect(tf.memory().numTensors).toBe(before);
    const p = r.points;
    expect(p).toHaveLength(200);
    expect(r.bestEpoch).toBe(earlyStoppingEpoch(p));
    const best = p[r.bestEpoch - 1]!;
    const last = p.at(-1)!;
    expect(r.bestEpoch).toBeLessThan(50);
    expect(last.trainLoss).toBeLessThan(0.5 * best.trainLoss);
    expect(last.valLoss).toBeGreaterThan(2 * best.valLoss);
    expect(Math.abs(last.valAcc - best.valAcc)).toBeLessThan(0.1);
    // The gap between validation and training loss is the over-fitting signal.
    expect(last.valLoss - last.trainLoss).toBeGreaterThan(
      5 * Math.abs(best.valLoss - best.trainLoss),
    );
  });

  it('more training data, or clean labels, shrink the rise after the early-stopping point', async () => {
    const rise = (r: Awaited<ReturnType<typeof validationCurve>>) =>
      r.points.at(-1)!.valLoss - r.points[r.bestEpoch - 1]!.valLoss;
    const base = rise(await validationCurve(tf, { seed: 1 }));
    expect(rise(await validationCurve(tf, { seed: 1, nTrain: 200 }))).toBeLessThan(0.5 * base);
    expect(rise(await validationCurve(tf, { seed: 1, noise: 0 }))).toBeLessThan(0.5 * base);
  });

  it('earlyStoppingEpoch picks the minimum of the validation loss', () => {
    const pts = [3, 2, 1.5, 1.7, 2.5].map((v, i) => ({
      epoch: i + 1,
      valLoss: v,
      trainLoss: 0,
      trainAcc: 0,
      valAcc: 0,
    }));
    expect(earlyStoppingEpoch(pts)).toBe(3);
    expect(earlyStoppingEpoch([])).toBe(0);
  });
});
