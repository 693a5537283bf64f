import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import { toTensors } from '../../src/lib/data/mnist.ts';
import {
  distanceTerms,
  distances,
  distances64,
  parseVector,
} from '../../src/lib/optim/distances.ts';
import {
  ROTATED_VALLEY,
  VALLEY,
  runOnValley,
  stepsToReach,
  valleyLoss,
} from '../../src/lib/optim/surface.ts';
import { compareOptimizersOnMnist } from '../../src/lib/optim/mnist-optimizers.ts';
import { deepNet, firstToLastRatio, gradientFlow } from '../../src/lib/optim/gradient-flow.ts';
import { countDead, deadReluExperiment } from '../../src/lib/optim/dead-relu.ts';
import { magnitudeThreshold, pruneMasks, pruningExperiment } from '../../src/lib/optim/pruning.ts';
import { createMLP } from '../../src/lib/models/mlp.ts';
import { train } from '../../src/lib/train/engine.ts';

describe('optimisation and loss experiments', async () => {
  const { tf } = await nodeTf('wasm');

  it('distances of [6,1,4,5] and [2,8,3,−1]: Manhattan 18, Euclidean √102, on the backend and in float64', async () => {
    const before = tf.memory().numTensors;
    const d = await distances(tf, [6, 1, 4, 5], [2, 8, 3, -1]);
    expect(d.manhattan).toBe(18);
    expect(d.squaredEuclidean).toBe(102);
    expect(d.euclidean).toBeCloseTo(Math.sqrt(102), 5);
    expect(d.reference).toEqual({
      manhattan: 18,
      euclidean: Math.sqrt(102),
      squaredEuclidean: 102,
    });
    expect(d.backend).toBe('wasm');
    expect(tf.memory().numTensors).toBe(before);
    expect(distances64([0, 0], [3, 4]).euclidean).toBe(5);
    const worked = distanceTerms([6, 1, 4, 5], [2, 8, 3, -1]);
    expect(worked.difference).toEqual([4, -7, 1, 6]);
    expect(worked.absolute.reduce((s, x) => s + x)).toBe(worked.manhattan);
    expect(worked.squares.reduce((s, x) => s + x)).toBe(worked.squaredEuclidean);
    expect(worked.euclidean).toBeCloseTo(Math.sqrt(102), 12);
    expect(parseVector('[2, 8, 3, \u22121]')).toEqual([2, 8, 3, -1]);
    expect(() => parseVector('1, x')).toThrow(/"x" is not a number/);
    await expect(distances(tf, [1, 2], [1])).rejects.toThrow(/different lengths/);
  });

  it("on an ill-conditioned axis-aligned valley, momentum and Adam reach the minimum in fewer steps than SGD; rotating it removes Adam's edge", async () => {
    const before = tf.memory().numTensors;
    const specs = [
      { name: 'sgd', learningRate: 0.9 },
      { name: 'momentum', learningRate: 0.3, momentum: 0.9 },
      { name: 'adam', learningRate: 0.3 },
    ] as const;
    const [sgd, mom, adam] = (await runOnValley(tf, VALLEY, specs, { steps: 200 }))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(sgd!.xs).toHaveLength(201);
    // The recorded losses are the float64 loss at the recorded positions.
    expect(sgd!.loss[5]).toBeCloseTo(valleyLoss(VALLEY, sgd!.xs[5]!, sgd!.ys[5]!), 12);
    const s = stepsToReach(sgd!.loss, 1e-3)!;
    const m = stepsToReach(mom!.loss, 1e-3)!;
    const a = stepsToReach(adam!.loss, 1e-3)!;
    expect(s).toBeGreaterThan(100);
    expect(m).toBeLessThan(0.7 * s);
    expect(a).toBeLessThan(0.7 * s);
    // SGD's first step overshoots across the steep direction: y changes sign (lr·b = 1.8 > 1).
    expect(Math.sign(sgd!.ys[1]!)).toBe(-Math.sign(VALLEY.start[1]));
    const [sgdR, , adamR] = (await runOnValley(tf, ROTATED_VALLEY, specs, { steps: 200 }))!;
    expect(stepsToReach(adamR!.loss, 1e-3)!).toBeGreaterThan(stepsToReach(sgdR!.loss, 1e-3)!);
    expect(stepsToReach([5, 0.1, 2, 0.1, 0.01], 0.5)).toBe(3);
    expect(stepsToReach([5, 4], 0.5)).toBeNull();
  });

  it('the valley run can be cancelled and frees everything', async () => {
    const before = tf.memory().numTensors;
    const ctl = new AbortController();
    const r = await runOnValley(tf, VALLEY, [{ name: 'momentum', learningRate: 0.3 }], {
      steps: 100,
      chunk: 5,
      signal: ctl.signal,
      onProgress: (d) => d >= 10 && ctl.abort(),
    });
    expect(r).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('sigmoid + Xavier: early-layer gradients vanish; ReLU + He keeps them; zero init gives exactly zero hidden gradients', async () => {
    const b = toTensors(tf, await nodeSource.load('test', { subset: { first: 128 } }));
    const before = tf.memory().numTensors;
    const sig = await gradientFlow(tf, b.xs, b.ys, {
      activation: 'sigmoid',
      init: 'glorot',
      depth: 8,
      width: 32,
    });
    const relu = await gradientFlow(tf, b.xs, b.ys, {
      activation: 'relu',
      init: 'he',
      depth: 8,
      width: 32,
    });
    expect(sig.weightGradNorms).toHaveLength(9);
    expect(firstToLastRatio(sig)).toBeLessThan(1e-3);
    expect(firstToLastRatio(relu)).toBeGreaterThan(0.1);
    // Monotone decay downwards through the sigmoid stack.
    for (let i = 0; i < 7; i++)
      expect(sig.weightGradNorms[i]!).toBeLessThan(sig.weightGradNorms[i + 1]!);
    for (const activation of ['sigmoid', 'tanh', 'relu'] as const) {
      const z = await gradientFlow(tf, b.xs, b.ys, {
        activation,
        init: 'zeros',
        depth: 4,
        width: 16,
      });
      expect(z.weightGradNorms.slice(0, -1)).toEqual([0, 0, 0, 0]);
      // Only sigmoid (σ(0) = ½ ≠ 0) gives the output weights a gradient.
      if (activation === 'sigmoid') expect(z.weightGradNorms[4]).toBeGreaterThan(0);
      else expect(z.weightGradNorms[4]).toBe(0);
      expect(z.biasGradNorms[4]).toBeGreaterThan(0);
    }
    expect(tf.memory().numTensors).toBe(before);
    // Symmetry: a zero-initialised sigmoid net keeps all hidden units of a layer identical under training.
    const model = deepNet(tf, 784, 10, {
      activation: 'sigmoid',
      init: 'zeros',
      depth: 2,
      width: 8,
    });
    await train({
      tf,
      model,
      xs: b.xs,
      ys: b.ys,
      optimizer: { name: 'sgd', learningRate: 0.5 },
      epochs: 5,
      batchSize: 32,
    });
    for (const l of model.layers.slice(0, 2)) {
      const w = (await l.w.array()) as number[][];
      const spread = Math.max(...w.map((row) => Math.max(...row) - Math.min(...row)));
      expect(spread).toBe(0);
    }
    const w2 = (await model.layers[1]!.w.array()) as number[][];
    expect(Math.max(...w2.flat().map(Math.abs))).toBeGreaterThan(0); // the weights did move, together
    model.dispose();
    tf.dispose([b.xs, b.ys]);
  });

  it('dead ReLUs: counted exactly on a hand-made net; a too-high Adam step kills many more than a sane one', async () => {
    const m = createMLP(tf, [2, 3, 2], { seed: 1 });
    m.layers[0]!.w.assign(
      tf.tensor2d([
        [1, 0, -1],
        [0, 0, -1],
      ]),
    );
    m.layers[0]!.b.assign(tf.tensor1d([0, -1, -0.5]));
    const x = tf.tensor2d([
      [1, 2],
      [0.5, 0.1],
      [2, 0],
    ]);
    const c = await countDead(tf, m, x);
    expect(c.dead).toEqual([2]); // unit 2: always −1; unit 3: −x1 − x2 − 0.5 < 0 for these inputs
    expect(c.fraction).toBeCloseTo(2 / 3, 12);
    m.dispose();
    x.dispose();
    const before = tf.memory().numTensors;
    const runs = (await deadReluExperiment(
      tf,
      await nodeSource.load('train', { subset: { first: 800 } }),
      await nodeSource.load('test', { subset: { first: 300 } }),
      {
        hidden: [64, 64],
        epochs: 1,
        batchSize: 32,
        settings: [
          { label: 'sane', activation: 'relu', optimizer: { name: 'adam', learningRate: 1e-3 } },
          {
            label: 'too high',
            activation: 'relu',
            optimizer: { name: 'adam', learningRate: 0.05 },
          },
        ],
      },
    ))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(runs[0]!.after.fraction).toBeLessThan(0.1);
    expect(runs[1]!.after.fraction).toBeGreaterThan(0.25);
    expect(runs[1]!.after.fraction).toBeGreaterThan(runs[0]!.after.fraction + 0.2);
  });

  it('magnitude pruning: masks have the exact sparsity; 0 % equals the baseline; accuracy falls at 99 %; magnitude beats random', async () => {
    const w = [Float32Array.from([0.5, -0.1, 0.3, -2]), Float32Array.from([0.05, 1, -0.2, 0.01])];
    const masks = pruneMasks(w, 0.5, 'magnitude');
    expect(Array.from(masks[0]!)).toEqual([1, 0, 1, 1]);
    expect(Array.from(masks[1]!)).toEqual([0, 1, 0, 0]);
    expect(magnitudeThreshold([3, -1, 2, 0.5], 0.5)).toBe(1);
    const rnd = pruneMasks(w, 0.75, 'random', 3);
    expect(rnd.flatMap((m) => Array.from(m)).filter((v) => v === 0)).toHaveLength(6);
    const before = tf.memory().numTensors;
    const r = (await pruningExperiment(
      tf,
      await nodeSource.load('train', { subset: { first: 1000 } }),
      await nodeSource.load('test', { subset: { first: 500 } }),
      {
        hidden: [100],
        epochs: 2,
        batchSize: 50,
        sparsities: [0, 0.5, 0.9, 0.99],
      },
    ))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(r.parameters).toBe(784 * 100 + 100 * 10);
    expect(r.baseline).toBeGreaterThan(0.75);
    expect(r.points[0]!.magnitude).toBe(r.baseline);
    expect(r.points[0]!.random).toBe(r.baseline);
    expect(r.points[3]!.magnitude).toBeLessThan(r.baseline - 0.2);
    expect(r.points[1]!.magnitude).toBeGreaterThan(r.points[1]!.random);
    expect(r.points[2]!.magnitude).toBeGreaterThan(r.points[2]!.random + 0.2);
  });

  it('SGD, momentum and Adam on an MNIST subset: same data, all learn, all tensors freed', async () => {
    const before = tf.memory().numTensors;
    const runs = (await compareOptimizersOnMnist(
      tf,
      await nodeSource.load('train', { subset: { first: 600 } }),
      await nodeSource.load('test', { subset: { first: 300 } }),
      {
        hidden: [64],
        epochs: 1,
        batchSize: 30,
        specs: [
          { name: 'sgd', learningRate: 0.1 },
          { name: 'momentum', learningRate: 0.01, momentum: 0.9 },
          { name: 'adam', learningRate: 1e-3 },
        ],
      },
    ))!;
    expect(tf.memory().numTensors).toBe(before);
    expect(runs).toHaveLength(3);
    for (const r of runs) {
      expect(r.loss[0]).toBeGreaterThan(r.loss[r.loss.length - 1]!);
      expect(r.testAccuracy).toBeGreaterThan(0.5);
    }
    // Same seed ⇒ same initial network and batches: losses are read at the same steps.
    expect(runs[0]!.steps).toEqual(runs[2]!.steps);
  });
});
