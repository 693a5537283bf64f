import { describe, expect, it } from 'vitest';
import type { GradSaveFunc, Tensor } from '@tensorflow/tfjs';
import { nodeTf } from '../helpers/tf.ts';
import {
  activation,
  dSigmoid,
  dSwish,
  dTanh,
  sampleActivation,
  sigmoid,
  sigmoidApprox,
  swish,
} from '../../src/lib/calculus/activations.ts';
import {
  bestStep,
  gradcheck32,
  gradcheck64,
  stepSizeSweep,
} from '../../src/lib/calculus/gradcheck.ts';
import {
  opAndReference,
  sigmoidApproxOp,
  sigmoidOp,
  tanhOp,
} from '../../src/lib/calculus/custom-ops.ts';

const grid = Array.from({ length: 41 }, (_, i) => -4 + i * 0.2);

describe('activations (float64 reference)', () => {
  it('match closed forms at known points', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2, 5)).toBeCloseTo(1 / (1 + Math.exp(-10)), 15);
    expect(sigmoid(-800)).toBe(0); // no overflow for large negative inputs
    expect(dSigmoid(0)).toBe(0.25);
    expect(sigmoidApprox(0)).toBe(0.5);
    expect(sigmoidApprox(1, 1.44)).toBeCloseTo(1 / (1 + 2 ** -1.44), 15);
    expect(dTanh(0)).toBe(1);
    expect(swish(0)).toBe(0);
    expect(dSwish(0)).toBe(0.5);
  });

  it('2^(1.44x) is close to e^x: the approximation stays within 0.002 of the sigmoid on [0, 1)', () => {
    const v = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99];
    const gap = Math.max(...v.map((x) => Math.abs(sigmoid(x) - sigmoidApprox(x))));
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(0.002);
    // The coarser k = 1.5 is measurably worse.
    expect(Math.max(...v.map((x) => Math.abs(sigmoid(x) - sigmoidApprox(x, 1.5))))).toBeGreaterThan(
      gap,
    );
  });

  it('every hand-written derivative passes a float64 gradient check', () => {
    const smooth = grid.filter((x) => Math.abs(x) > 1e-3); // ReLU-type functions have a kink at 0
    for (const [name, p] of [
      ['sigmoid', 2],
      ['sigmoid-approx', 1.44],
      ['tanh', undefined],
      ['leaky-relu', 0.1],
      ['swish', 1],
    ] as const) {
      const a = activation(name, p);
      const r = gradcheck64(a.f, a.df, smooth);
      expect(r.ok, `${name}: ${r.maxError}`).toBe(true);
    }
    const relu = activation('relu');
    expect(gradcheck64(relu.f, relu.df, smooth).ok).toBe(true);
    // At the kink the one-sided derivatives differ, and the central difference (0.5) matches neither.
    expect(gradcheck64(relu.f, relu.df, [0]).ok).toBe(false);
  });

  it('a wrong derivative fails the float64 check', () => {
    const r = gradcheck64(Math.tanh, (x) => 1 - Math.tanh(x), grid);
    expect(r.ok).toBe(false);
    expect(r.maxError).toBeGreaterThan(0.1);
  });

  it('samples a range and rejects an empty one', () => {
    const s = sampleActivation(activation('tanh'), -2, 2, 5);
    expect(s.x).toEqual([-2, -1, 0, 1, 2]);
    expect(s.y[2]).toBe(0);
    expect(() => sampleActivation(activation('tanh'), 1, 1)).toThrow();
  });
});

describe('custom ops with hand-written backward passes (float32, tfjs)', async () => {
  const { tf } = await nodeTf('cpu');

  it('forward values equal the float64 reference, e.g. tanh([[0.37, 0.192, 0.571]])', async () => {
    const x = tf.tensor2d([[0.37, 0.192, 0.571]]);
    const y = await tanhOp(tf)(x).data();
    [0.37, 0.192, 0.571].forEach((v, i) => expect(y[i]).toBeCloseTo(Math.tanh(v), 6));
    x.dispose();
  });

  it('correct backward passes pass gradcheck in float32; the broken ones fail', async () => {
    const before = tf.memory().numTensors;
    for (const make of [
      (b: boolean) => tanhOp(tf, { broken: b }),
      (b: boolean) => sigmoidOp(tf, { broken: b }),
      (b: boolean) => sigmoidApproxOp(tf, 1.44, { broken: b }),
    ]) {
      const good = await gradcheck32(tf, make(false), grid);
      const bad = await gradcheck32(tf, make(true), grid);
      expect(good.ok, `max error ${good.maxError}`).toBe(true);
      expect(good.maxError).toBeLessThan(1e-3);
      expect(bad.ok).toBe(false);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it("1.44 · ln 2 ≈ 1: dropping the whole factor from the approximation's gradient is invisible to the check", async () => {
    const sneaky = tf.customGrad(((x: Tensor, save: GradSaveFunc) => {
      const y = tf.div(1, tf.add(1, tf.pow(2, tf.mul(-1.44, x))));
      save([y]);
      return {
        value: y,
        gradFunc: (dy: Tensor, [s]: Tensor[]) => tf.mul(dy, tf.mul(s!, tf.sub(1, s!))),
      };
    }) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: Tensor) => Tensor;
    const r = await gradcheck32(tf, sneaky, grid);
    expect(r.ok).toBe(true);
    expect(Math.abs(1.44 * Math.LN2 - 1)).toBeLessThan(0.003);
  });

  it('the custom gradients equal tfjs autodiff of the built-in ops', async () => {
    const x = tf.tensor1d(grid);
    const mine = await tf
      .grad((v: Tensor) => tf.sum(sigmoidOp(tf)(v)))(x)
      .data();
    const builtin = await tf
      .grad((v: Tensor) => tf.sum(tf.sigmoid(v)))(x)
      .data();
    mine.forEach((g, i) => expect(g).toBeCloseTo(builtin[i]!, 6));
    x.dispose();
  });
});

describe('step-size sweep', async () => {
  const { tf } = await nodeTf('cpu');
  const xs = Array.from({ length: 31 }, (_, i) => -3 + i * 0.2);
  const hs = [0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6];

  it('correct tanh: float32 bottoms out near h ≈ 1e-3 with error ~1e-4; float64 goes far lower at a much smaller h', async () => {
    const before = tf.memory().numTensors;
    const s = await stepSizeSweep(tf, opAndReference(tf, 'tanh', false), xs, hs);
    expect(tf.memory().numTensors).toBe(before);
    const best32 = bestStep(s, 'err32');
    const best64 = bestStep(s, 'err64');
    expect(best32.h).toBeGreaterThanOrEqual(1e-4);
    expect(best32.h).toBeLessThanOrEqual(1e-2);
    expect(best32.error).toBeGreaterThan(1e-7);
    expect(best64.h).toBeLessThanOrEqual(1e-4);
    expect(best64.error).toBeLessThan(1e-9);
    // rounding dominates float32 at tiny h
    expect(s[s.length - 1]!.err32).toBeGreaterThan(best32.error * 10);
  });

  it('broken tanh backward (1 − y instead of 1 − y²): no step brings either check near its tolerance', async () => {
    const s = await stepSizeSweep(tf, opAndReference(tf, 'tanh', true), xs, hs);
    // At x = −3 the two formulas differ by (1 − tanh x) − (1 − tanh² x) = tanh² x − tanh x ≈ 1.985,
    // relative to max(1, |tanh' x|) = 1, whatever h is.
    const gap = Math.tanh(-3) ** 2 - Math.tanh(-3);
    expect(bestStep(s, 'err64').error).toBeGreaterThan(0.99 * gap);
    expect(bestStep(s, 'err32').error).toBeGreaterThan(0.9 * gap); // float32 rounding at h = 1e-6 is ~0.06
    for (const p of s) expect(p.err64).toBeCloseTo(gap, 1);
  });

  it('the sweep differentiates the chosen op: at a large step sigmoid truncates far less than tanh', async () => {
    const tanh = await stepSizeSweep(tf, opAndReference(tf, 'tanh', false), xs, [0.1]);
    const sig = await stepSizeSweep(tf, opAndReference(tf, 'sigmoid', false), xs, [0.1]);
    // truncation error ≈ h²/6 · |f'''|: |tanh'''| reaches 2, |sigmoid'''| only 1/8
    expect(tanh[0]!.err64 / sig[0]!.err64).toBeGreaterThan(5);
  });
});
