import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { calibration } from '../../src/lib/regularisation/calibration.ts';
import {
  logitGapRun,
  optimalLogitGap,
  smoothedCrossEntropy,
  smoothedTargets,
  smoothingRun,
  targetConfidence,
} from '../../src/lib/regularisation/label-smoothing.ts';

describe('label smoothing', async () => {
  const { tf } = await nodeTf('wasm');

  it('smoothed targets sum to one and the loss equals tfjs’s own labelSmoothing option', () => {
    const labels = tf.tensor1d([0, 3, 9], 'int32');
    const q = smoothedTargets(tf, labels, 10, 0.1);
    const rows = q.sum(1).arraySync() as number[];
    rows.forEach((v) => expect(v).toBeCloseTo(1, 6));
    expect((q.arraySync() as number[][])[1]![3]).toBeCloseTo(targetConfidence(10, 0.1), 6);
    const logits = tf.tensor2d(
      Array.from({ length: 30 }, (_, i) => Math.sin(i * 1.7) * 3),
      [3, 10],
    );
    const ours = smoothedCrossEntropy(tf, logits, labels, 0.1);
    const theirs = tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 10), logits, undefined, 0.1);
    expect(ours.dataSync()[0]).toBeCloseTo(theirs.dataSync()[0]!, 5);
    tf.dispose([labels, q, logits, ours, theirs]);
  });

  it('with smoothing, gradient descent on one example’s logits converges to the gap log(1 + K(1−ε)/ε); with hard targets the gap keeps growing', async () => {
    const before = tf.memory().numTensors;
    expect(optimalLogitGap(10, 0.1)).toBeCloseTo(Math.log(91), 12);
    expect(optimalLogitGap(10, 0)).toBe(Infinity);
    const soft = await logitGapRun(tf, { eps: 0.1, steps: 150 });
    expect(soft.gaps[150]!).toBeCloseTo(optimalLogitGap(10, 0.1), 4);
    const hard = await logitGapRun(tf, { eps: 0, steps: 300 });
    expect(hard.gaps[300]!).toBeGreaterThan(hard.gaps[100]! + 0.5);
    expect(hard.gaps[300]!).toBeGreaterThan(optimalLogitGap(10, 0.1));
    for (let t = 1; t < hard.gaps.length; t++)
      expect(hard.gaps[t]!).toBeGreaterThan(hard.gaps[t - 1]!);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('calibration: ECE, accuracy, confidence and NLL on hand-made predictions', () => {
    // Two examples at confidence 0.9 (one right), two at 0.6 (both right), k = 2.
    const probs = [0.9, 0.1, 0.9, 0.1, 0.4, 0.6, 0.6, 0.4];
    const labels = [0, 1, 1, 0];
    const c = calibration(probs, labels, 2, 10);
    expect(c.accuracy).toBeCloseTo(0.75, 12);
    expect(c.meanConfidence).toBeCloseTo(0.75, 12);
    // Bin 0.9: acc 0.5 vs conf 0.9; bin 0.6: acc 1 vs conf 0.6 → ECE = 0.5·0.4 + 0.5·0.4.
    expect(c.ece).toBeCloseTo(0.4, 12);
    expect(c.nll).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.1) + Math.log(0.6) + Math.log(0.6)) / 4,
      12,
    );
    expect(c.bins.reduce((s, b) => s + b.count, 0)).toBe(4);
    expect(calibration([1, 0, 0, 1], [0, 1], 2).ece).toBe(0);
  });

  it('on a small MNIST subset: hard targets are over-confident; ε = 0.01 brings confidence to accuracy (lower ECE); ε = 0.1 overshoots into under-confidence', async () => {
    const trainSet = await nodeSource.load('train', { subset: { first: 600 } });
    const testSet = await nodeSource.load('test', { subset: { first: 2000 } });
    const before = tf.memory().numTensors;
    const runs: Awaited<ReturnType<typeof smoothingRun>>[] = [];
    for (const eps of [0, 0.01, 0.1])
      runs.push(
        await smoothingRun(tf, trainSet, testSet, { eps, epochs: 40, hidden: [128], seed: 1 }),
      );
    const [h, s1, s10] = runs as [(typeof runs)[0], (typeof runs)[0], (typeof runs)[0]];
    for (const r of runs) expect(r.test.accuracy).toBeGreaterThan(0.75);
    // Confidence and logit gap fall monotonically with ε.
    expect(s1.test.meanConfidence).toBeLessThan(h.test.meanConfidence);
    expect(s10.test.meanConfidence).toBeLessThan(s1.test.meanConfidence);
    expect(s1.meanLogitGap).toBeLessThan(h.meanLogitGap);
    expect(s10.meanLogitGap).toBeLessThan(s1.meanLogitGap);
    // Hard targets: over-confident. ε = 0.1: under-confident. ε = 0.01: the best calibrated of the three.
    expect(h.test.meanConfidence).toBeGreaterThan(h.test.accuracy + 0.02);
    expect(s10.test.meanConfidence).toBeLessThan(s10.test.accuracy - 0.05);
    expect(s1.test.ece).toBeLessThan(h.test.ece);
    expect(h.test.ece).toBeLessThan(s10.test.ece);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);
});
