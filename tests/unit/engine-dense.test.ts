import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { dense, LEAKY_RELU_SLOPE, type Activation } from '../../src/lib/models/dense.ts';
import { normalArray, rng } from '../../src/lib/util/random.ts';

const ACTIVATIONS: Activation[] = ['linear', 'relu', 'sigmoid', 'tanh', 'elu', 'leakyrelu'];

/** The activation in float64, written from its definition. */
function act64(a: Activation, z: number): number {
  switch (a) {
    case 'linear':
      return z;
    case 'relu':
      return Math.max(0, z);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-z));
    case 'tanh':
      return Math.tanh(z);
    case 'elu':
      return z > 0 ? z : Math.exp(z) - 1;
    case 'leakyrelu':
      return z > 0 ? z : LEAKY_RELU_SLOPE * z;
  }
}

/** L = Σ c ⊙ act(x·w + b) in float64 (row-major x [n,i], w [i,o]). */
function loss64(
  a: Activation,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  b: ArrayLike<number>,
  c: ArrayLike<number>,
  n: number,
  i: number,
  o: number,
): number {
  let s = 0;
  for (let r = 0; r < n; r++)
    for (let k = 0; k < o; k++) {
      let z = b[k]!;
      for (let j = 0; j < i; j++) z += x[r * i + j]! * w[j * o + k]!;
      s += c[r * o + k]! * act64(a, z);
    }
  return s;
}

describe('dense layer with hand-written gradient', async () => {
  const { tf } = await nodeTf('wasm');
  const [n, i, o] = [5, 7, 4];
  const r = rng(11);
  const xv = normalArray(n * i, 1, r);
  const wv = normalArray(i * o, 0.5, r);
  const bv = normalArray(o, 0.3, r);
  const cv = normalArray(n * o, 1, r);

  /** Gradients of Σ c ⊙ y with respect to x, w, b, through `layer`. */
  function grads(layer: (x: TF2, w: TF2, b: TF1) => TF2): Float32Array[] {
    return tf.tidy(() => {
      const c = tf.tensor2d(cv, [n, o]);
      const g = tf.grads((x, w, b) => tf.sum(tf.mul(c, layer(x as TF2, w as TF2, b as TF1))));
      return g([tf.tensor2d(xv, [n, i]), tf.tensor2d(wv, [i, o]), tf.tensor1d(bv)]).map(
        (t) => t.dataSync() as Float32Array,
      );
    });
  }
  type TF2 = import('@tensorflow/tfjs').Tensor2D;
  type TF1 = import('@tensorflow/tfjs').Tensor1D;

  /** The plain formulation, differentiated by tfjs's own autodiff. */
  const plain =
    (a: Activation) =>
    (x: TF2, w: TF2, b: TF1): TF2 => {
      const z = tf.add(tf.matMul(x, w), b) as TF2;
      switch (a) {
        case 'linear':
          return z;
        case 'relu':
          return tf.relu(z);
        case 'sigmoid':
          return tf.sigmoid(z);
        case 'tanh':
          return tf.tanh(z);
        case 'elu':
          return tf.elu(z);
        case 'leakyrelu':
          return tf.leakyRelu(z, LEAKY_RELU_SLOPE);
      }
    };

  for (const backend of ['wasm', 'cpu'] as const) {
    for (const a of ACTIVATIONS) {
      it(`${backend}, ${a}: value and gradients match tfjs autodiff of matMul + bias + activation`, async () => {
        await tf.setBackend(backend);
        const before = tf.memory().numTensors;
        const ours = grads((x, w, b) => dense(tf, x, w, b, a));
        const ref = grads(plain(a));
        for (let k = 0; k < 3; k++) {
          const diff = Math.max(...ours[k]!.map((v, j) => Math.abs(v - ref[k]![j]!)));
          expect(diff, ['dx', 'dw', 'db'][k]).toBeLessThan(1e-4);
        }
        const y = tf.tidy(() =>
          dense(
            tf,
            tf.tensor2d(xv, [n, i]),
            tf.tensor2d(wv, [i, o]),
            tf.tensor1d(bv),
            a,
          ).dataSync(),
        );
        const yRef = tf.tidy(() =>
          plain(a)(tf.tensor2d(xv, [n, i]), tf.tensor2d(wv, [i, o]), tf.tensor1d(bv)).dataSync(),
        );
        expect(Math.max(...y.map((v, j) => Math.abs(v - yRef[j]!)))).toBeLessThan(1e-5);
        expect(tf.memory().numTensors).toBe(before);
        await tf.setBackend('wasm');
      });
    }
  }

  for (const a of ACTIVATIONS) {
    it(`${a}: gradients match float64 central differences`, () => {
      const [dx, dw, db] = grads((x, w, b) => dense(tf, x, w, b, a));
      const h = 1e-6;
      const check = (
        values: number[] | Float32Array,
        analytic: Float32Array,
        set: (v: Float64Array) => [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>],
      ) => {
        for (let j = 0; j < values.length; j++) {
          const up = Float64Array.from(values);
          const down = Float64Array.from(values);
          up[j]! += h;
          down[j]! -= h;
          const numeric =
            (loss64(a, ...set(up), cv, n, i, o) - loss64(a, ...set(down), cv, n, i, o)) / (2 * h);
          expect(Math.abs(analytic[j]! - numeric) / Math.max(1, Math.abs(numeric))).toBeLessThan(
            1e-4,
          );
        }
      };
      check(xv, dx!, (v) => [v, wv, bv]);
      check(wv, dw!, (v) => [xv, v, bv]);
      check(bv, db!, (v) => [xv, wv, v]);
    });
  }

  it('works without a bias and inside optimizer.minimize (variables get updated, nothing leaks)', () => {
    const before = tf.memory().numTensors;
    const w = tf.tidy(() => tf.variable(tf.tensor2d(wv, [i, o])));
    const x = tf.tensor2d(xv, [n, i]);
    const w0 = w.dataSync().slice();
    const opt = tf.train.sgd(0.1);
    tf.tidy(() => {
      opt.minimize(
        () => tf.sum(tf.square(dense(tf, x, w, null, 'relu'))) as import('@tensorflow/tfjs').Scalar,
        false,
        [w],
      );
    });
    expect(w.dataSync().some((v, j) => v !== w0[j])).toBe(true);
    opt.dispose();
    tf.dispose([w, x]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('computes the product for dx only when the input is differentiated', async () => {
    const x = tf.tensor2d(xv, [n, i]);
    const w = tf.tensor2d(wv, [i, o]);
    // dx = dz·wᵀ is the only product whose result has x's shape [n, i].
    const dxProducts = async (wrt: 'w' | 'x and w') => {
      const info = await tf.profile(() => {
        const f = (xx: TF2, ww: TF2) => tf.sum(dense(tf, xx, ww, null, 'relu'));
        const g =
          wrt === 'w'
            ? [tf.grad((ww) => f(x, ww as TF2))(w)]
            : tf.grads((xx, ww) => f(xx as TF2, ww as TF2))([x, w]);
        tf.dispose(g);
        return [];
      });
      return info.kernels.filter(
        (k) => k.name === 'BatchMatMul' && k.outputShapes[0]?.join() === `${n},${i}`,
      ).length;
    };
    expect(await dxProducts('w')).toBe(0);
    expect(await dxProducts('x and w')).toBe(1);
    tf.dispose([x, w]);
  });
});
