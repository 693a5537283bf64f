/**
 * Uncertainty estimates for an MNIST classifier (gen-q1), all trained on the shared engine:
 * - a single network's softmax (the baseline);
 * - temperature scaling of that network (Guo et al., 2017): one scalar T fitted on held-out data;
 * - Monte Carlo dropout (Gal & Ghahramani, 2016): dropout kept on at test time, T passes averaged;
 * - a deep ensemble (Lakshminarayanan et al., 2017): M networks from different seeds, averaged;
 * - ensemble distillation (Hinton et al., 2015): one network trained on the ensemble's averaged
 *   probabilities — one forward pass at test time — once on the training images only, and once on the
 *   training images plus random convex mixtures of pairs of them (mixup-style inputs, labelled by the
 *   ensemble), so that the student also sees what the ensemble does off the data.
 * Each method maps images to class probabilities; `evaluateMethods` scores them with accuracy, NLL,
 * expected calibration error and predictive entropy on each shifted test set.
 */
import type * as TF from '@tensorflow/tfjs';
import { createMLP, forward, type MLP, type Trainable } from '../models/mlp.ts';
import { train, type StepInfo } from '../train/engine.ts';
import { softTargetCrossEntropy } from '../train/loss.ts';
import { mapImageRows } from './generate.ts';
import { permutation, rng } from '../util/random.ts';
import { calibration, type ReliabilityBin } from '../regularisation/calibration.ts';
import { PIXELS, CLASSES } from '../data/mnist-geometry.ts';

export type MethodName =
  'single' | 'temperature' | 'mcdropout' | 'ensemble' | 'distilled' | 'distilledMix';

export const METHOD_LABELS: Record<MethodName, string> = {
  single: 'single network',
  temperature: 'temperature-scaled',
  mcdropout: 'MC dropout',
  ensemble: 'deep ensemble',
  distilled: 'distilled ensemble',
  distilledMix: 'distilled, + mixed inputs',
};

/** A classifier with dropout on its hidden activations; `predict` is the training-mode pass. */
export interface DropoutNet extends Trainable {
  mlp: MLP;
  rate: number;
  /** Forward pass with a fresh dropout mask drawn from `seed` (inverted dropout), or none when seed is null. */
  logits(x: TF.Tensor2D, seed: number | null): TF.Tensor2D;
}

/** An MLP whose hidden activations get inverted dropout at `rate` in training (a new seeded mask every call). */
export function createDropoutNet(
  tf: typeof TF,
  sizes: number[],
  rate: number,
  seed: number,
): DropoutNet {
  const mlp = createMLP(tf, sizes, { seed, name: `drop${seed}` });
  let calls = 0;
  const logits = (x: TF.Tensor2D, s: number | null): TF.Tensor2D => {
    let h = x;
    mlp.layers.forEach((l, i) => {
      h = forward(tf, [l], h);
      if (i < mlp.layers.length - 1 && s !== null && rate > 0)
        h = tf.dropout(h, rate, undefined, s * 7 + i) as TF.Tensor2D;
    });
    return h;
  };
  return {
    mlp,
    rate,
    variables: mlp.variables,
    logits,
    predict: (x) => logits(x as TF.Tensor2D, seed * 1_000_003 + calls++),
  };
}

/** Softmax probabilities [n × 10] of `f(x)` computed in batches. */
function probsOf(
  tf: typeof TF,
  x: Float32Array,
  f: (xb: TF.Tensor2D) => TF.Tensor2D,
): Promise<Float32Array> {
  return mapImageRows(tf, x, CLASSES, f, 1000);
}

/** Logits of an MLP. */
export function logitsOf(tf: typeof TF, m: Trainable, x: Float32Array): Promise<Float32Array> {
  return probsOf(tf, x, (xb) => m.predict(xb) as TF.Tensor2D);
}

/** Softmax of logits with temperature T (rows of CLASSES), in float64 for stability, returned as float32. */
export function softmaxT(logits: Float32Array, t: number): Float32Array {
  const out = new Float32Array(logits.length);
  for (let i = 0; i < logits.length; i += CLASSES) {
    let m = -Infinity;
    for (let c = 0; c < CLASSES; c++) m = Math.max(m, logits[i + c]! / t);
    let z = 0;
    for (let c = 0; c < CLASSES; c++) z += Math.exp(logits[i + c]! / t - m);
    for (let c = 0; c < CLASSES; c++) out[i + c] = Math.exp(logits[i + c]! / t - m) / z;
  }
  return out;
}

/** Mean negative log-likelihood of labels under softmax(logits / T). */
export function nllAtTemperature(
  logits: Float32Array,
  labels: ArrayLike<number>,
  t: number,
): number {
  let s = 0;
  const n = labels.length;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let c = 0; c < CLASSES; c++) m = Math.max(m, logits[i * CLASSES + c]! / t);
    let z = 0;
    for (let c = 0; c < CLASSES; c++) z += Math.exp(logits[i * CLASSES + c]! / t - m);
    s += m + Math.log(z) - logits[i * CLASSES + labels[i]!]! / t;
  }
  return s / n;
}

/** The temperature minimising validation NLL: golden-section search on log T in [log 0.05, log 20]. */
export function fitTemperature(logits: Float32Array, labels: ArrayLike<number>): number {
  const f = (u: number) => nllAtTemperature(logits, labels, Math.exp(u));
  let a = Math.log(0.05);
  let b = Math.log(20);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 60; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return Math.exp((a + b) / 2);
}

/** Mean entropy (nats) of probability rows of 10. */
export function meanEntropy(p: Float32Array): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) h -= p[i]! * Math.log(p[i]!);
  return h / (p.length / 10);
}

export interface UncertaintyModels {
  /** Ensemble members (plain MLPs); member 0 is the "single network". */
  members: MLP[];
  dropout: DropoutNet;
  student: MLP;
  /** Student distilled on training images plus mixtures of pairs of them. */
  studentMix: MLP;
  temperature: number;
  dispose(): void;
}

export interface UncertaintyOptions {
  hidden: number[];
  members: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  dropoutRate: number;
  /** Stochastic passes of MC dropout. */
  mcSamples: number;
  seed: number;
}

export const UNCERTAINTY_DEFAULTS: UncertaintyOptions = {
  hidden: [128],
  members: 5,
  epochs: 5,
  batchSize: 64,
  learningRate: 2e-3,
  dropoutRate: 0.3,
  mcSamples: 20,
  seed: 1,
};

/**
 * Train everything: M ensemble members, a dropout network, then a student distilled from the
 * ensemble's mean probabilities on the training images; fit the single network's temperature on
 * the validation images. Frees everything on cancel or error; returns null when cancelled.
 */
export async function trainUncertaintyModels(
  tf: typeof TF,
  train_: { x: Float32Array; labels: Uint8Array },
  val: { x: Float32Array; labels: Uint8Array },
  o: UncertaintyOptions,
  hooks: { signal?: AbortSignal; onProgress?: (fraction: number, text: string) => void } = {},
): Promise<UncertaintyModels | null> {
  const n = train_.labels.length;
  const sizes = [PIXELS, ...o.hidden, CLASSES];
  const xs = tf.tensor2d(train_.x, [n, PIXELS]);
  const ys = tf.tensor1d(Int32Array.from(train_.labels), 'int32');
  const members: MLP[] = [];
  let dropout: DropoutNet | null = null;
  let student: MLP | null = null;
  let studentMix: MLP | null = null;
  let mixXs: TF.Tensor2D | null = null;
  let soft: TF.Tensor2D | null = null;
  const total = o.members + 4;
  let k = 0;
  const step = (what: string) => (s: StepInfo) =>
    hooks.onProgress?.(
      (k + s.step / (s.epochs * s.batches)) / total,
      `Training ${what}: epoch ${s.epoch + 1}/${s.epochs}, batch ${s.batch + 1}/${s.batches}`,
    );
  const common = {
    tf,
    xs,
    optimizer: { name: 'adam' as const, learningRate: o.learningRate },
    epochs: o.epochs,
    batchSize: o.batchSize,
    signal: hooks.signal,
    syncEvery: 20,
  };
  const dispose = () => {
    members.forEach((m) => m.dispose());
    dropout?.mlp.dispose();
    student?.dispose();
    studentMix?.dispose();
  };
  try {
    for (let i = 0; i < o.members; i++, k++) {
      const m = createMLP(tf, sizes, { seed: o.seed + i, name: `member${o.seed + i}` });
      members.push(m);
      const r = await train({
        ...common,
        model: m,
        ys,
        seed: o.seed + i,
        onStep: step(`ensemble member ${i + 1}/${o.members}`),
      });
      if (r.status === 'cancelled') return (dispose(), null);
    }
    dropout = createDropoutNet(tf, sizes, o.dropoutRate, o.seed + 500);
    const rd = await train({
      ...common,
      model: dropout,
      ys,
      seed: o.seed + 500,
      onStep: step('the dropout network'),
    });
    k++;
    if (rd.status === 'cancelled') return (dispose(), null);
    // Distillation targets: the ensemble's mean probabilities on the training images.
    soft = ensembleProbs(tf, members, xs);
    student = createMLP(tf, sizes, { seed: o.seed + 900, name: `student${o.seed}` });
    const rs = await train({
      ...common,
      model: student,
      ys: soft,
      seed: o.seed + 900,
      onStep: step('the distilled student'),
      loss: (logits, target) => softTargetCrossEntropy(tf, logits, target),
    });
    k++;
    if (rs.status === 'cancelled') return (dispose(), null);
    // Second student: the same targets on the training images, plus as many convex mixtures
    // a·x_i + (1−a)·x_π(i) (a uniform, π a seeded permutation) labelled by the ensemble.
    soft.dispose();
    const r = rng(o.seed + 950);
    const perm = permutation(n, o.seed + 951);
    const a = Float32Array.from({ length: n }, () => r.next());
    mixXs = tf.tidy(() => {
      const w = tf.tensor2d(a, [n, 1]);
      const mixed = tf.add(
        tf.mul(xs, w),
        tf.mul(tf.gather(xs, tf.tensor1d(Int32Array.from(perm), 'int32')), tf.sub(1, w)),
      );
      return tf.concat([xs, mixed], 0) as TF.Tensor2D;
    });
    const mx = mixXs;
    soft = ensembleProbs(tf, members, mx);
    studentMix = createMLP(tf, sizes, { seed: o.seed + 900, name: `studentmix${o.seed}` });
    const rm = await train({
      ...common,
      xs: mx,
      model: studentMix,
      ys: soft,
      seed: o.seed + 901,
      onStep: step('the student on mixed inputs'),
      loss: (logits, target) => softTargetCrossEntropy(tf, logits, target),
    });
    k += 2;
    if (rm.status === 'cancelled') return (dispose(), null);
    const temperature = fitTemperature(await logitsOf(tf, members[0]!, val.x), val.labels);
    const d = dropout;
    const s = student;
    const sm = studentMix;
    return { members, dropout: d, student: s, studentMix: sm, temperature, dispose };
  } catch (e) {
    dispose();
    throw e;
  } finally {
    soft?.dispose();
    mixXs?.dispose();
    tf.dispose([xs, ys]);
  }
}

/** An ensemble's class probabilities: the mean of its members' softmax outputs on x. */
export function ensembleProbs(tf: typeof TF, members: Trainable[], x: TF.Tensor2D): TF.Tensor2D {
  return tf.tidy(
    () =>
      tf.div(
        tf.addN(members.map((m) => tf.softmax(m.predict(x) as TF.Tensor2D))),
        members.length,
      ) as TF.Tensor2D,
  );
}

/** Class probabilities of every method on images x; also the forward passes each needs per image. */
export async function methodProbs(
  tf: typeof TF,
  m: UncertaintyModels,
  x: Float32Array,
  mcSamples: number,
  seed: number,
): Promise<Record<MethodName, { probs: Float32Array; passes: number }>> {
  const single = await logitsOf(tf, m.members[0]!, x);
  const mc = await probsOf(
    tf,
    x,
    (xb) =>
      tf.div(
        tf.addN(
          Array.from({ length: mcSamples }, (_, t) => tf.softmax(m.dropout.logits(xb, seed + t))),
        ),
        mcSamples,
      ) as TF.Tensor2D,
  );
  const ens = await probsOf(tf, x, (xb) => ensembleProbs(tf, m.members, xb));
  const student = await probsOf(tf, x, (xb) => tf.softmax(m.student.predict(xb) as TF.Tensor2D));
  const studentMix = await probsOf(tf, x, (xb) =>
    tf.softmax(m.studentMix.predict(xb) as TF.Tensor2D),
  );
  return {
    single: { probs: softmaxT(single, 1), passes: 1 },
    temperature: { probs: softmaxT(single, m.temperature), passes: 1 },
    mcdropout: { probs: mc, passes: mcSamples },
    ensemble: { probs: ens, passes: m.members.length },
    distilled: { probs: student, passes: 1 },
    distilledMix: { probs: studentMix, passes: 1 },
  };
}

export interface MethodScore {
  accuracy: number;
  nll: number;
  ece: number;
  entropy: number;
  bins: ReliabilityBin[];
}

/** Score probabilities against labels. */
export function scoreProbs(
  probs: Float32Array,
  labels: ArrayLike<number>,
  nBins = 10,
): MethodScore {
  const c = calibration(probs, labels, 10, nBins);
  return {
    accuracy: c.accuracy,
    nll: c.nll,
    ece: c.ece,
    entropy: meanEntropy(probs),
    bins: c.bins,
  };
}
