/**
 * Values computed by the TypeScript that runs in the pages, printed as JSON on stdout, so that the
 * PyTorch/NumPy twins in python/ can be checked against them (tests/python/test_cross_checks.py runs
 * this script and reads its last line; tfjs may print a banner before it). tfjs runs on the cpu backend (float32); the plain-TypeScript parts run in float64.
 *   node scripts/twin-reference.ts
 */
import * as tf from '@tensorflow/tfjs';
import { backward, forward, initTwoLayer, mat } from '../src/lib/calculus/scratch-net.ts';
import { opAndReference, tanhOp } from '../src/lib/calculus/custom-ops.ts';
import { gradcheck64 } from '../src/lib/calculus/gradcheck.ts';
import { NN014, singleNode, smallMlp } from '../src/lib/experiments/perceptron.ts';
import { createMLP, exportWeights, FIVEAI_SIZES } from '../src/lib/models/mlp.ts';
import { createCnn } from '../src/lib/labs/cnn.ts';
import { createCharLstm } from '../src/lib/labs/char-lstm.ts';
import { discriminatorLoss, generatorLoss } from '../src/lib/labs/gan.ts';
import { fitTopPca, knnPredict } from '../src/lib/labs/dimred.ts';
import { rng } from '../src/lib/util/random.ts';
import { BASELINE_TRAINING } from '../src/lib/robustness/recipes.ts';
import { sliceRepr, vgg11FeatureParams, vgg11Layers, vggShapes } from '../src/lib/layers/vgg11.ts';
import { maxPoolSizes } from '../src/lib/layers/maxpool.ts';
import { distances64 } from '../src/lib/optim/distances.ts';
import { normalPdf, normalPdfDerivative } from '../src/lib/layers/gaussian.ts';
import { batchNormBug, batchNormPerChannel } from '../src/lib/layers/batchnorm.ts';

await tf.setBackend('cpu');
const list = (a: ArrayLike<number>) => Array.from(a);

/** nn-001 / dl-51: the from-scratch network's loss and gradients for seeded weights and inputs (float64). */
function scratchNet() {
  const [n, d, h, k] = [6, 3, 5, 4];
  const p = initTwoLayer(d, h, k, 11);
  const r = rng(5);
  p.b1.forEach((_, i) => (p.b1[i] = 0.1 * r.normal()));
  p.b2.forEach((_, i) => (p.b2[i] = 0.1 * r.normal()));
  const x = mat(
    n,
    d,
    Array.from({ length: n * d }, () => r.normal()),
  );
  const labels = Array.from({ length: n }, () => r.int(k));
  const c = forward(p, x, labels);
  const g = backward(p, c, labels);
  return {
    shapes: { n, d, h, k },
    params: { w1: list(p.w1.data), b1: list(p.b1), w2: list(p.w2.data), b2: list(p.b2) },
    x: list(x.data),
    labels,
    loss: c.loss,
    probs: list(c.probs.data),
    grads: { w1: list(g.w1.data), b1: list(g.b1), w2: list(g.w2.data), b2: list(g.b2) },
  };
}

/** nn-026: the tanh custom op (tf.customGrad) forward and backward on the question's input and a wider grid, float32. */
function tanh() {
  const xs = [0.37, 0.192, 0.571, -2.5, -1, -0.1, 0, 0.8, 1.7, 3];
  const op = tanhOp(tf);
  const [y, g] = tf.tidy(() => {
    const x = tf.tensor1d(xs);
    return [op(x), tf.grad((v: tf.Tensor) => tf.sum(op(v)))(x)];
  });
  const out = { xs, value: list(y.dataSync()), grad: list(g.dataSync()) };
  tf.dispose([y, g]);
  const verdict = (broken: boolean) => {
    const { f, df } = opAndReference(tf, 'tanh', broken);
    return gradcheck64(f, df, xs).ok;
  };
  return { ...out, gradcheck64: { correct: verdict(false), broken: verdict(true) } };
}

/** nn-027 and a shared-weights forward pass: parameter counts and outputs of tfjs MLPs. */
async function mlps() {
  const nn001 = createMLP(tf, [200, 512, 512, 10], { hidden: 'tanh', seed: 1 });
  const nn001Params = nn001.variables.reduce((s, v) => s + v.size, 0);
  nn001.dispose();
  const sizes = [4, 6, 3];
  const tiny = createMLP(tf, sizes, { hidden: 'tanh', seed: 3, init: 'glorot' });
  const r = rng(9);
  for (const l of tiny.layers) {
    const b = tf.tensor1d(Array.from({ length: l.b.size }, () => 0.1 * r.normal()));
    l.b.assign(b);
    b.dispose();
  }
  const xs = Array.from({ length: 2 * sizes[0]! }, () => r.normal());
  const out = tf.tidy(() => tiny.predict(tf.tensor2d(xs, [2, sizes[0]!])));
  const result = {
    nn001: { sizes: [200, 512, 512, 10], parameters: nn001Params },
    tiny: {
      sizes,
      weights: (await exportWeights(tiny)).map((l) => ({
        w: list(l.w),
        b: list(l.b),
        shape: l.shape,
      })),
      x: xs,
      output: list(out.dataSync()),
    },
  };
  out.dispose();
  tiny.dispose();
  return result;
}

/** nn-008/009/014: the hand-calculation reference (float64). */
function perceptron() {
  return {
    weighted: singleNode(NN014.x, NN014.w[0]!, 0),
    node: singleNode(NN014.x, NN014.w[0]!, NN014.biases[0]),
    mlp: NN014.biases.map((b) => ({
      bias: b,
      ...smallMlp(NN014.x, NN014.w as unknown as number[][], b, NN014.w1 as unknown as number[][]),
    })),
  };
}

/** dl-52 and mnist-train: parameter counts of the page's CNN and of the task's eight-layer MLP. */
function parameterCounts() {
  const shape = { c1: 8, c2: 16, hidden: 64 };
  const cnn = createCnn(tf, shape, 0);
  const mlp = createMLP(tf, FIVEAI_SIZES, { seed: 0 });
  const out = {
    cnn: { shape, parameters: cnn.parameterCount },
    fiveai: {
      sizes: [...FIVEAI_SIZES],
      parameters: mlp.variables.reduce((s, v) => s + v.size, 0),
      training: BASELINE_TRAINING,
    },
  };
  cnn.dispose();
  mlp.dispose();
  return out;
}

/** dl-54: the hand-written LSTM's next-character logits for a code sequence, with its weights. */
async function charLstm() {
  const [vocab, hidden] = [6, 5];
  const model = createCharLstm(tf, vocab, hidden, 4);
  const codes = [
    [0, 3, 1, 5, 2, 4],
    [5, 5, 0, 1, 2, 3],
  ];
  const logits = tf.tidy(() => model.predict(tf.tensor2d(codes, undefined, 'int32')));
  const [wx, wh, b, wy, by] = await Promise.all(
    model.variables.map(async (v) => list(await v.data())),
  );
  const out = {
    vocab,
    hidden,
    codes,
    weights: { wx, wh, b, wy, by },
    logits: list(await logits.data()),
  };
  logits.dispose();
  model.dispose();
  return out;
}

/** dl-55: the two players' losses on fixed discriminator logits. */
function ganLosses() {
  const real = [2.5, -0.3, 0.8, 4, -1.2];
  const fake = [-3, 0.1, -0.7, 1.5, -6];
  const value = (f: () => tf.Scalar) => {
    const t = f();
    const v = t.dataSync()[0]!;
    t.dispose();
    return v;
  };
  return {
    real,
    fake,
    discriminator: value(() =>
      tf.tidy(() => discriminatorLoss(tf, tf.tensor1d(real), tf.tensor1d(fake))),
    ),
    minimax: value(() => tf.tidy(() => generatorLoss(tf, tf.tensor1d(fake), 'minimax'))),
    nonSaturating: value(() =>
      tf.tidy(() => generatorLoss(tf, tf.tensor1d(fake), 'non-saturating')),
    ),
  };
}

/** dl-56: the top-2 PCA directions and k-NN labels of the page's TypeScript on seeded data (float64). */
function dimred() {
  const r = rng(21);
  const [n, d] = [40, 6];
  // Anisotropic data, so that the two leading directions are well separated from the rest.
  const scales = [3, 2, 1, 0.5, 0.3, 0.1];
  const x = Array.from({ length: n * d }, (_, i) => r.normal() * scales[i % d]! + (i % d));
  const pca = fitTopPca(x, n, d, 2, 200, 0);
  const ref = Array.from({ length: 30 * 2 }, () => r.normal());
  const refLabels = Array.from({ length: 30 }, () => r.int(4));
  const query = Array.from({ length: 15 * 2 }, () => r.normal());
  return {
    n,
    d,
    x,
    pca: { mean: list(pca.mean), components: list(pca.components), variances: list(pca.variances) },
    knn: {
      k: 5,
      ref,
      refLabels,
      query,
      predicted: list(knnPredict(ref, refLabels, query, 2, 5, 4)),
    },
  };
}

/** nn-036/037, nn-045, nn-083: shapes, printed modules and distances from the Layers and Optimisation pages' code. */
function shapesAndDistances() {
  const inputs: [number, number][] = [
    [224, 224],
    [512, 512],
    [704, 1024],
  ];
  const layers = vgg11Layers();
  return {
    vgg: {
      inputs,
      modules: layers.length,
      last: layers[layers.length - 1]!.kind,
      parameters: vgg11FeatureParams(),
      firstThree: sliceRepr(0, 3),
      full: inputs.map(([h, w]) => vggShapes(h, w).at(-1)),
      firstThreeShapes: inputs.map(([h, w]) => vggShapes(h, w, 3).at(-1)),
    },
    maxPool: maxPoolSizes(224),
    manhattan: {
      a: [6, 1, 4, 5],
      b: [2, 8, 3, -1],
      value: distances64([6, 1, 4, 5], [2, 8, 3, -1]).manhattan,
    },
    normal: (() => {
      const [xs, mu, sigma] = [[-3, -1, -0.5, 0, 0.3, 1, 2.5, 7], 0.5, 1.5];
      return {
        xs,
        mu,
        sigma,
        pdf: xs.map((x) => normalPdf(x, mu, sigma)),
        dx: xs.map((x) => normalPdfDerivative(x, mu, sigma)),
      };
    })(),
  };
}

/** nn-048: what the page's tfjs batch-norm experiments report about the question's module. */
async function batchNorm() {
  const bug = await batchNormBug(tf, 32);
  const perChannel = await batchNormPerChannel(tf, 16, 8, 8, 1);
  return {
    bug,
    weightShapes: perChannel.weightShapes,
    perChannelStats: perChannel.perChannelStats,
    perPixelStats: perChannel.perPixelStats,
  };
}

const before = tf.memory().numTensors;
const values = {
  batchNorm: await batchNorm(),
  shapes: shapesAndDistances(),
  scratchNet: scratchNet(),
  tanh: tanh(),
  mlps: await mlps(),
  perceptron: perceptron(),
  parameterCounts: parameterCounts(),
  charLstm: await charLstm(),
  ganLosses: ganLosses(),
  dimred: dimred(),
};
if (tf.memory().numTensors !== before)
  throw new Error(`twin-reference leaked ${tf.memory().numTensors - before} tensors`);
process.stdout.write(JSON.stringify(values) + '\n');
