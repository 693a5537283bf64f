import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  AND,
  BINARY_INPUTS,
  findThresholdUnit,
  NN014,
  singleNode,
  smallMlp,
  smallMlpOnBackend,
  trainXor,
  truthTable,
  XOR,
  xorByHand,
} from '../../src/lib/experiments/perceptron.ts';

describe('perceptron section numbers', async () => {
  const { tf } = await nodeTf('cpu');

  it('nn-008/009: 0.9·(−0.3) + 0.7·0.15 + 0.001 = −0.164, and ReLU gives 0', () => {
    const r = singleNode([0.9, 0.7], [-0.3, 0.15], 0.001);
    expect(r.sum).toBeCloseTo(-0.164, 12);
    expect(r.relu).toBe(0);
  });

  it('nn-014: hidden values, outputs, softmax and losses; tfjs agrees', async () => {
    const r = smallMlp(NN014.x, NN014.w as never, 0.002, NN014.w1 as never);
    expect(r.hiddenSum[0]).toBeCloseTo(-0.163, 12);
    expect(r.hidden).toEqual([0, 0, expect.closeTo(0.664, 12)]);
    expect(r.outputs[0]).toBeCloseTo(0.59 * 0.664, 12);
    expect(r.outputs[1]).toBeCloseTo(-0.79 * 0.664, 12);
    expect(r.probs[0]! + r.probs[1]!).toBeCloseTo(1, 12);
    expect(r.probs[0]).toBeCloseTo(1 / (1 + Math.exp(-(0.59 + 0.79) * 0.664)), 12);
    expect(r.crossEntropyIfTarget[0]).toBeCloseTo(-Math.log(r.probs[0]!), 12);
    expect(r.entropy).toBeCloseTo(
      -(r.probs[0]! * Math.log(r.probs[0]!) + r.probs[1]! * Math.log(r.probs[1]!)),
      12,
    );
    const dev = await smallMlpOnBackend(tf, NN014.x, NN014.w as never, 0.002, NN014.w1 as never);
    dev.probs.forEach((p, i) => expect(p).toBeCloseTo(r.probs[i]!, 6));
    // The text's bias (0.001) shifts only H3, by 0.001.
    expect(smallMlp(NN014.x, NN014.w as never, 0.001, NN014.w1 as never).hidden[2]).toBeCloseTo(
      0.663,
      12,
    );
  });

  it('nn-019/020: sums with w = (1, 1) and b = −2.5 or −0.25', () => {
    expect(truthTable([1, 1], -2.5).map((r) => r.sum)).toEqual([-2.5, -1.5, -1.5, -0.5]);
    expect(truthTable([1, 1], -0.25).map((r) => r.sum)).toEqual([-0.25, 0.75, 0.75, 1.75]);
    expect(truthTable([1, 1], -0.25).map((r) => r.out)).toEqual([0, 1, 1, 1]); // OR
  });

  it('nn-023: a single threshold unit computes AND (w = 1, 1; threshold 1.5) but no unit computes XOR', () => {
    expect(truthTable([1, 1], -1.5).map((r) => r.out)).toEqual(
      BINARY_INPUTS.map(([a, b]) => AND(a, b)),
    );
    expect(findThresholdUnit(AND)).not.toBeNull();
    expect(findThresholdUnit(XOR)).toBeNull();
    expect(BINARY_INPUTS.map(([a, b]) => xorByHand(a, b))).toEqual([0, 1, 1, 0]);
  });

  it('the smallest XOR net (2-2-1) learns XOR from a good seed, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    let solvedAny = false;
    for (const seed of [1, 2, 3]) {
      const fit = await trainXor(tf, { seed, steps: 300 });
      fit.model.dispose();
      if (fit.solved) {
        solvedAny = true;
        expect(fit.losses[fit.losses.length - 1]).toBeLessThan(fit.losses[0]!);
        break;
      }
    }
    expect(solvedAny).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
