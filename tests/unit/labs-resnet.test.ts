import { describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { nodeTf } from '../helpers/tf.ts';
import { nodeSource } from '../../src/lib/data/mnist-node.ts';
import {
  classifier,
  cloneBody,
  createBlock,
  createBody,
  createHead,
  residualBlock,
  subsample,
} from '../../src/lib/labs/resnet.ts';
import {
  ARMS,
  armBatchSize,
  imagesToLoad,
  phaseSpan,
  runTransfer,
  selectDigits,
} from '../../src/lib/labs/transfer.ts';
import { train } from '../../src/lib/train/engine.ts';
import { rng } from '../../src/lib/util/random.ts';

describe('dl-58: residual blocks, the small ResNet and transfer', async () => {
  const { tf: t, name } = await nodeTf('wasm');
  /** The lab's transfer task: pre-train on the digits 0–4, then learn 5–9 from a few images. */
  const zeroToFourThenFiveToNine = { sourceDigits: [0, 1, 2, 3, 4], targetDigits: [5, 6, 7, 8, 9] };

  it('block shapes: identity keeps [n,14,14,8]; stride 2 with projection gives [n,7,7,16]; the net gives w₂ features and class logits', () => {
    const before = t.memory().numTensors;
    const r = rng(1);
    const id = createBlock(t, 8, 8, 1, r, 'test/id', 1);
    const down = createBlock(t, 8, 16, 2, r, 'test/down', 1);
    expect(id.projection).toBeUndefined();
    expect(down.projection!.shape).toEqual([8, 16]);
    const body = createBody(t, { widths: [8, 16], blocks: 2 }, 1);
    const head = createHead(t, body.featureSize, 5, 2);
    const shapes = t.tidy(() => {
      const x = t.randomNormal([2, 14, 14, 8], 0, 1, 'float32', 1) as TF.Tensor4D;
      return [
        residualBlock(t, x, id).shape,
        residualBlock(t, x, down).shape,
        body.features(t.zeros([3, 784])).shape,
        classifier(t, body, head, true).predict(t.zeros([3, 784])).shape,
      ];
    });
    expect(shapes).toEqual([
      [2, 14, 14, 8],
      [2, 7, 7, 16],
      [3, 16],
      [3, 5],
    ]);
    expect(body.blocks.map((b) => [b.stride, b.projection !== undefined])).toEqual([
      [1, false],
      [1, false],
      [2, true],
      [1, false],
    ]);
    [id, down].forEach((b) => [b.k1, b.b1, b.k2, b.b2, b.projection].forEach((v) => v?.dispose()));
    body.dispose();
    head.dispose();
    expect(t.memory().numTensors).toBe(before);
  });

  it('with the last convolution of its branch at zero, an identity block is exactly the identity (negative inputs included), a projection block is its shortcut', () => {
    const r = rng(2);
    const id = createBlock(t, 4, 4, 1, r, 'test/id0'); // branchScale 0: k2 = 0, b2 = 0
    const down = createBlock(t, 4, 6, 2, r, 'test/down0');
    const [gap, projGap, subsampled] = t.tidy(() => {
      const x = t.randomNormal([2, 6, 6, 4], 0, 1, 'float32', 2) as TF.Tensor4D;
      const s = subsample(t, t.relu(x) as TF.Tensor4D);
      const shortcut = t.reshape(t.matMul(t.reshape(s, [-1, 4]), down.projection!), [2, 3, 3, 6]);
      return [
        t.max(t.abs(t.sub(residualBlock(t, x, id), x))).dataSync()[0]!,
        t.max(t.abs(t.sub(residualBlock(t, x, down), shortcut))).dataSync()[0]!,
        // subsample keeps rows and columns 0, 2, 4
        t
          .max(
            t.abs(
              t.sub(subsample(t, x), t.stridedSlice(x, [0, 0, 0, 0], [2, 6, 6, 4], [1, 2, 2, 1])),
            ),
          )
          .dataSync()[0]!,
      ];
    });
    expect(gap).toBe(0);
    expect(projGap).toBe(0);
    expect(subsampled).toBe(0);
    [id, down].forEach((b) => [b.k1, b.b1, b.k2, b.b2, b.projection].forEach((v) => v?.dispose()));
  });

  it("on wasm (no filter-gradient kernel) a block's gradients equal tfjs's own on the cpu backend", async () => {
    expect(name).toBe('wasm');
    const grads = (tf: typeof TF) => {
      const r = rng(3);
      const block = createBlock(tf, 3, 5, 2, r, 'test/grad', 1);
      const vars = [block.k1, block.b1, block.k2, block.b2, block.projection!];
      const x = tf.tensor4d(
        Float32Array.from({ length: 2 * 6 * 6 * 3 }, (_, i) => Math.sin(i * 0.7)),
        [2, 6, 6, 3],
      );
      const w = tf.tensor4d(
        Float32Array.from({ length: 2 * 3 * 3 * 5 }, (_, i) => Math.cos(i * 1.1)),
        [2, 3, 3, 5],
      );
      const { grads: g } = tf.variableGrads(
        () => tf.sum(tf.mul(residualBlock(tf, x, block), w)) as TF.Scalar,
        vars,
      );
      const out = vars.map((v) => g[v.name]!.dataSync());
      tf.dispose([x, w, ...Object.values(g), ...vars]);
      return out;
    };
    const mine = grads(t);
    await t.setBackend('cpu');
    const ref = grads(t);
    await t.setBackend('wasm');
    ref.forEach((r, i) => r.forEach((v, j) => expect(mine[i]![j]).toBeCloseTo(v, 3)));
  });

  it('selectDigits relabels by position and keeps the first few of each digit', () => {
    const split = {
      images: new Uint8Array(8 * 784),
      labels: Uint8Array.from([5, 0, 9, 5, 7, 5, 9, 1]),
      count: 8,
    };
    const s = selectDigits(split, [5, 6, 7, 8, 9], { perClass: 2 });
    expect(Array.from(s.labels)).toEqual([0, 4, 0, 2, 4]);
    expect(selectDigits(split, [0, 1], {}).count).toBe(2);
    expect(selectDigits(split, [5, 9], { limit: 3 }).count).toBe(3);
  });

  it('a frozen body is not changed by training the head; a cloned body is independent of its original', async () => {
    const body = createBody(t, { widths: [4, 8], blocks: 1 }, 4);
    const copy = cloneBody(t, body);
    const head = createHead(t, 8, 3, 5);
    const snapshot = body.variables.map((v) => v.dataSync().slice());
    const xs = t.randomUniform([12, 784], 0, 1, 'float32', 6);
    const ys = t.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32');
    const frozen = classifier(t, body, head, false);
    expect(frozen.trainableCount).toBe(8 * 3 + 3);
    const headBefore = head.w.dataSync().slice();
    await train({
      tf: t,
      model: frozen,
      xs,
      ys,
      optimizer: { name: 'adam', learningRate: 1e-2 },
      epochs: 2,
      batchSize: 4,
    });
    body.variables.forEach((v, i) =>
      expect(Array.from(v.dataSync())).toEqual(Array.from(snapshot[i]!)),
    );
    expect(Array.from(head.w.dataSync())).not.toEqual(Array.from(headBefore));
    await train({
      tf: t,
      model: classifier(t, copy, head, true),
      xs,
      ys,
      optimizer: { name: 'adam', learningRate: 1e-2 },
      epochs: 1,
      batchSize: 4,
    });
    body.variables.forEach((v, i) =>
      expect(Array.from(v.dataSync())).toEqual(Array.from(snapshot[i]!)),
    );
    expect(Array.from(copy.stem.k.dataSync())).not.toEqual(Array.from(snapshot[0]!));
    t.dispose([xs, ys]);
    [body, copy, head].forEach((m) => m.dispose());
  });

  it('tiny transfer run: pre-training learns 0–4; on 5–9 with 10 images per digit, fine-tuning is above chance and ahead of scratch; no leaks', async () => {
    const before = t.memory().numTensors;
    const r = await runTransfer(
      t,
      await nodeSource.load('train', { subset: { first: 2000 } }),
      await nodeSource.load('test', { subset: { first: 500 } }),
      {
        shape: { widths: [8, 16], blocks: 1 },
        ...zeroToFourThenFiveToNine,
        pretrainCount: 800,
        pretrainEpochs: 1,
        pretrainBatchSize: 16,
        perClass: 10,
        epochs: 6,
        batchSize: 10,
        learningRate: 1e-2,
        seed: 1,
      },
    );
    expect(r.status).toBe('done');
    expect(r.counts.target).toBe(50);
    expect(r.pretrainAccuracy[0]).toBeGreaterThan(0.6); // chance is 0.2
    const [fine, frozen, scratch] = r.arms;
    expect(r.arms.map((a) => a.arm)).toEqual(['fine-tune', 'frozen', 'scratch']);
    expect(frozen!.trainable).toBe(r.headParameters);
    expect(fine!.trainable).toBe(r.bodyParameters + r.headParameters);
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    expect(fine!.accuracy.at(-1)).toBeGreaterThan(0.4);
    expect(mean(fine!.accuracy)).toBeGreaterThan(mean(scratch!.accuracy));
    expect(t.memory().numTensors).toBe(before);
  });

  it('cancelling during an arm stops it within a step and frees everything', async () => {
    const before = t.memory().numTensors;
    const ac = new AbortController();
    const r = await runTransfer(
      t,
      await nodeSource.load('train', { subset: { first: 600 } }),
      await nodeSource.load('test', { subset: { first: 100 } }),
      {
        shape: { widths: [4, 8], blocks: 1 },
        ...zeroToFourThenFiveToNine,
        pretrainCount: 64,
        pretrainEpochs: 1,
        perClass: 4,
        epochs: 3,
        batchSize: 10,
        learningRate: 3e-3,
        seed: 2,
        signal: ac.signal,
        onStep: (phase, s) => phase === 'frozen' && s.step === 1 && ac.abort(),
      },
    );
    expect(r.status).toBe('cancelled');
    expect(r.arms.map((a) => a.arm)).toEqual(['fine-tune', 'frozen']);
    expect(t.memory().numTensors).toBe(before);
  });
});

describe('phaseSpan', () => {
  it('pre-training fills the first half of the bar, the arms the second half in turn, without gaps', () => {
    const spans = [phaseSpan('pretrain'), ...ARMS.map(phaseSpan)];
    expect(spans[0]).toEqual([0, 0.5]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeCloseTo(spans[i - 1]![1], 12);
    expect(spans.at(-1)![1]).toBeCloseTo(1, 12);
    expect(spans[2]![1] - spans[2]![0]).toBeCloseTo(1 / 6, 12);
  });
});

describe('imagesToLoad', () => {
  it('loads enough of MNIST for every pre-training count the lab offers, and 100 labelled images of each new digit', async () => {
    for (const wanted of [100, 500, 1000, 3000, 6000]) {
      const set = await nodeSource.load('train', { subset: { first: imagesToLoad(wanted) } });
      const labels = Array.from(set.labels);
      expect(labels.filter((l) => l < 5).length).toBeGreaterThanOrEqual(wanted);
      for (let d = 5; d <= 9; d++)
        expect(labels.filter((l) => l === d).length).toBeGreaterThan(100);
    }
  });
});

describe('armBatchSize', () => {
  it('divides the labelled set of five digits exactly, in batches of at least 5', () => {
    for (let perClass = 1; perClass <= 100; perClass++) {
      const b = armBatchSize(perClass);
      expect((5 * perClass) % b, `perClass ${perClass}`).toBe(0);
      expect(b).toBeGreaterThanOrEqual(5);
    }
    expect(armBatchSize(20)).toBe(10); // the largest of the two when both divide
  });
});
