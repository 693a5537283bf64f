import { describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  augmentBatch,
  augmentationGrid,
  gaussianKernel,
  AUGMENT_SETTINGS,
  NO_AUGMENTATION,
  randomInverseAffines,
  rangesFrom,
  validateRanges,
  withAugmentation,
} from '../../src/lib/labs/augment.ts';
import { compareAugmentation } from '../../src/lib/labs/augment-compare.ts';
import { rng } from '../../src/lib/util/random.ts';

const ranges = { rotation: 15, shift: 2, zoom: 0.1, elastic: 20, sigma: 4 };

describe('dl-53: on-the-fly augmentation', async () => {
  const { tf } = await nodeTf('wasm');
  const test = await nodeSource.load('test', { subset: { first: 64 } });
  const images = () =>
    tf.tidy(() => tf.div(tf.tensor2d(test.images, [64, 784], 'float32'), 255) as TF.Tensor2D);
  const run = (a: typeof ranges, seed: number) => {
    const x = images();
    const y = augmentBatch(tf, x, a, rng(seed));
    const out = y.dataSync() as Float32Array;
    tf.dispose([x, y]);
    return out;
  };
  const mass = (v: ArrayLike<number>, k: number) =>
    Array.from(v)
      .slice(k * 784, (k + 1) * 784)
      .reduce((s, p) => s + p, 0);
  const centroid = (v: ArrayLike<number>, k: number) => {
    let m = 0,
      cx = 0,
      cy = 0;
    for (let p = 0; p < 784; p++) {
      const w = v[k * 784 + p]!;
      m += w;
      cx += w * (p % 28);
      cy += w * Math.floor(p / 28);
    }
    return [cx / m, cy / m];
  };

  it('no augmentation returns the images exactly', () => {
    const x = images();
    expect(Array.from(run(NO_AUGMENTATION as typeof ranges, 1))).toEqual(Array.from(x.dataSync()));
    x.dispose();
  });

  it('keeps shape and the [0, 1] range, and is deterministic per seed but fresh per draw', () => {
    const a = run(ranges, 7);
    expect(a.length).toBe(64 * 784);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThanOrEqual(1);
    expect(Array.from(run(ranges, 7))).toEqual(Array.from(a));
    expect(Array.from(run(ranges, 8))).not.toEqual(Array.from(a));
    // Two successive draws from one RNG differ (a fresh transform every step).
    const r = rng(3);
    const x = images();
    const [p, q] = [augmentBatch(tf, x, ranges, r), augmentBatch(tf, x, ranges, r)];
    expect(Array.from(p.dataSync())).not.toEqual(Array.from(q.dataSync()));
    tf.dispose([x, p, q]);
  });

  it('a pure shift moves the ink by that shift; mild transforms keep the ink mass', () => {
    // Shift only: a0 = b1 = 1 and the inverse map reads from (x − tx, y − ty), i.e. a2 = −tx, b2 = −ty,
    // so each image's ink centroid moves by its own (tx, ty). The batch draws its transforms in order.
    const m = randomInverseAffines(rng(5), 64, { ...NO_AUGMENTATION, shift: 3 });
    const shifted = run({ ...NO_AUGMENTATION, shift: 3 } as typeof ranges, 5);
    const orig = images();
    const o = orig.dataSync();
    let exact = 0;
    for (let k = 0; k < 64; k++) {
      expect(m[6 * k]).toBeCloseTo(1, 6);
      expect(m[6 * k + 4]).toBeCloseTo(1, 6);
      // Bilinear interpolation moves the centroid exactly by the shift unless ink leaves the frame.
      let margin = 28;
      for (let p = 0; p < 784; p++)
        if (o[k * 784 + p]! > 0)
          margin = Math.min(
            margin,
            p % 28,
            27 - (p % 28),
            Math.floor(p / 28),
            27 - Math.floor(p / 28),
          );
      if (margin < 4) continue;
      exact++;
      const [c0, c1] = [centroid(o, k), centroid(shifted, k)];
      expect(c1[0]! - c0[0]!).toBeCloseTo(-m[6 * k + 2]!, 3);
      expect(c1[1]! - c0[1]!).toBeCloseTo(-m[6 * k + 5]!, 3);
    }
    expect(exact).toBeGreaterThanOrEqual(10); // 14 of these 64 test digits keep a 4-pixel margin
    // Rotation ±15°, zoom ±10 %, shift ±2: the ink area scales by s² ∈ [0.81, 1.21], plus interpolation blur.
    const mild = run({ ...ranges, elastic: 0 }, 11);
    for (let k = 0; k < 64; k++)
      expect(Math.abs(mass(mild, k) / mass(o, k) - 1)).toBeLessThan(0.25);
    orig.dispose();
  });

  it('the inverse affine map undoes the forward rotation-zoom-shift about the centre', () => {
    const a = { rotation: 30, shift: 3, zoom: 0.2, elastic: 0, sigma: 4 };
    const m = randomInverseAffines(rng(9), 1, a);
    // Recover the forward map by inverting the 2×2 part and check it sends the centre to centre + t.
    const det = m[0]! * m[4]! - m[1]! * m[3]!;
    const c = 13.5;
    // Inverse map of the point (c + t) must be c: solve for t from a2, b2.
    const fwd = (x: number, y: number) => [
      (m[4]! * (x - m[2]!) - m[1]! * (y - m[5]!)) / det,
      (-m[3]! * (x - m[2]!) + m[0]! * (y - m[5]!)) / det,
    ];
    const [ox, oy] = fwd(c, c); // where the centre pixel of the input lands in the output
    expect(Math.abs(ox! - c)).toBeLessThanOrEqual(3 + 1e-9);
    expect(Math.abs(oy! - c)).toBeLessThanOrEqual(3 + 1e-9);
    const scale = 1 / Math.sqrt(det); // the inverse map scales by 1/s
    expect(scale).toBeGreaterThanOrEqual(0.8 - 1e-9);
    expect(scale).toBeLessThanOrEqual(1.2 + 1e-9);
  });

  it('Gaussian kernel sums to 1 and has radius 3σ; ranges are validated', () => {
    const k = gaussianKernel(2);
    expect(k.length).toBe(13);
    expect(k.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 6);
    expect(validateRanges(ranges)).toBeNull();
    expect(validateRanges({ ...ranges, rotation: -1 })).toMatch(/Rotation/);
    expect(validateRanges({ ...ranges, sigma: Number.NaN })).toMatch(/σ/);
  });

  it('each range is refused just outside its limits, with a message that names it and its unit', () => {
    const ok = { rotation: 180, shift: 0, zoom: 0.5, elastic: 60, sigma: 1 };
    expect(validateRanges(ok)).toBeNull(); // the limits themselves are allowed
    expect(validateRanges({ ...ok, rotation: 181 })).toBe(
      'Rotation must be between 0 and 180 degrees.',
    );
    expect(validateRanges({ ...ok, shift: -0.5 })).toBe('Shift must be between 0 and 10 pixels.');
    expect(validateRanges({ ...ok, zoom: 0.55 })).toBe('Zoom must be between 0 and 0.5.');
    expect(validateRanges({ ...ok, elastic: Infinity })).toBe(
      'Elastic strength α must be between 0 and 60.',
    );
    expect(validateRanges({ ...ok, sigma: 0.5 })).toBe(
      'Elastic smoothing σ must be between 1 and 8 pixels.',
    );
    expect(AUGMENT_SETTINGS).toEqual(['rotation', 'shift', 'zoom', 'elastic', 'sigma']);
    const text = { rotation: '15', shift: ' 2 ', zoom: '0.1', elastic: '', sigma: 'four' };
    const read = rangesFrom((k) => text[k]);
    expect(read).toEqual({ rotation: 15, shift: 2, zoom: 0.1, elastic: 0, sigma: NaN });
    expect(validateRanges(read)).toBe('Elastic smoothing σ must be between 1 and 8 pixels.');
  });

  it('the grid has the original first, then the augmented copies, as bytes', async () => {
    const g = await augmentationGrid(tf, test.images, 3, 4, ranges, 1);
    expect(g.length).toBe(3 * 5 * 784);
    for (let i = 0; i < 3; i++)
      expect(Array.from(g.subarray(i * 5 * 784, i * 5 * 784 + 784))).toEqual(
        Array.from(test.images.subarray(i * 784, (i + 1) * 784)),
      );
    expect(Array.from(g.subarray(784, 2 * 784))).not.toEqual(
      Array.from(test.images.subarray(0, 784)),
    );
  });

  it('a wrapped model augments inside training only and shares the variables', () => {
    const model = { variables: [], predict: (x: TF.Tensor) => x };
    const w = withAugmentation(tf, model, ranges, 1);
    const x = images();
    const y = w.predict(x);
    expect(y.shape).toEqual([64, 784]);
    expect(Array.from(y.dataSync())).not.toEqual(Array.from(x.dataSync()));
    expect(w.variables).toBe(model.variables);
    tf.dispose([x, y]);
  });

  it('tiny experiment: both runs learn, the augmented one is at least as robust to transformed test images; no leaks', async () => {
    const before = tf.memory().numTensors;
    const r = await compareAugmentation(
      tf,
      await nodeSource.load('train', { subset: { first: 500 } }),
      await nodeSource.load('test', { subset: { first: 500 } }),
      {
        shape: { c1: 8, c2: 16, hidden: 32 },
        ranges: { rotation: 15, shift: 2, zoom: 0.1, elastic: 0, sigma: 4 },
        epochs: 3,
        batchSize: 32,
        learningRate: 3e-3,
        seed: 1,
      },
    );
    expect(r.status).toBe('done');
    expect(r.plain!.clean).toBeGreaterThan(0.5);
    expect(r.augmented!.clean).toBeGreaterThan(0.5);
    expect(r.augmented!.transformed).toBeGreaterThan(r.plain!.transformed);
    expect(tf.memory().numTensors).toBe(before);
  });
});
