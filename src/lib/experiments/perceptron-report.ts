/**
 * What the Perceptron section's "live numbers" demos show, as data: paragraphs and tables of the
 * float64 hand calculations next to the same quantities computed with tfjs on the page's backend, and
 * the pairs of numbers to compare (tfjs run against float64 reference). A page renders the blocks;
 * numbers in tables are left as numbers so that the page decides how many decimals to print.
 */
import type * as TF from '@tensorflow/tfjs';
import { sigmoid, sigmoidApprox } from '../calculus/activations.ts';
import { tanhOp } from '../calculus/custom-ops.ts';
import {
  AND,
  findThresholdUnit,
  NN014,
  singleNode,
  smallMlp,
  smallMlpOnBackend,
  truthTable,
  XOR,
} from './perceptron.ts';
import { NN008, NN019, NN025_V, NN026_INPUT } from './perceptron-answers.ts';

export type ReportBlock =
  | { kind: 'text'; text: string; lead?: string }
  | { kind: 'table'; head: string[]; rows: (string | number)[][] };

export interface Check {
  label: string;
  run: number[];
  reference: number[];
}

export interface PerceptronReport {
  blocks: ReportBlock[];
  checks: Check[];
}

export type PerceptronTopic = 'node' | 'mlp' | 'sums' | 'and' | 'activations';

const text = (t: string, lead?: string): ReportBlock => ({ kind: 'text', text: t, lead });
const table = (head: string[], rows: (string | number)[][]): ReportBlock => ({
  kind: 'table',
  head,
  rows,
});
const vsBackend = (backend: string) => ['Quantity', 'float64', `tfjs (${backend})`];

/** nn-008/009: one hidden node, its sum and ReLU. */
async function node(tf: typeof TF, backend: string): Promise<PerceptronReport> {
  const r = singleNode(NN008.x, NN008.w, NN008.b);
  const t = tf.tidy(() =>
    tf.relu(tf.add(tf.dot(tf.tensor1d([...NN008.x]), tf.tensor1d([...NN008.w])), NN008.b)),
  );
  const dev = (await t.data())[0]!;
  t.dispose();
  return {
    blocks: [
      table(vsBackend(backend), [
        ['sum = 0.9·(−0.3) + 0.7·0.15 + 0.001', r.sum, '—'],
        ['ReLU(sum)', r.relu, dev],
      ]),
    ],
    checks: [{ label: 'ReLU(sum)', run: [dev], reference: [r.relu] }],
  };
}

/** nn-014: the 2-3-2 MLP with the text's bias and with the code's. */
async function mlp(tf: typeof TF, backend: string): Promise<PerceptronReport> {
  const out: PerceptronReport = { blocks: [], checks: [] };
  const w = NN014.w as unknown as number[][];
  const w1 = NN014.w1 as unknown as number[][];
  for (const b of NN014.biases) {
    const r = smallMlp(NN014.x, w, b, w1);
    const dev = await smallMlpOnBackend(tf, NN014.x, w, b, w1);
    out.checks.push({
      label: `bias ${b}`,
      run: [...dev.hidden, ...dev.outputs, ...dev.probs],
      reference: [...r.hidden, ...r.outputs, ...r.probs],
    });
    out.blocks.push(
      text(` (${b === 0.001 ? "the text's value" : "the code's value"})`, `Bias ${b}`),
      table(vsBackend(backend), [
        ...r.hiddenSum.map((s, i) => [
          `H${i + 1} = ReLU(${s.toFixed(4).replace('-', '−')})`,
          r.hidden[i]!,
          dev.hidden[i]!,
        ]),
        ...r.outputs.map((o, i) => [`γ${i + 1}`, o, dev.outputs[i]!]),
        ...r.probs.map((p, i) => [`softmax γ${i + 1}`, p, dev.probs[i]!]),
        ['−Σ p log p (the formula as printed: entropy)', r.entropy, '—'],
        ['cross-entropy if the target is class 1', r.crossEntropyIfTarget[0]!, '—'],
        ['cross-entropy if the target is class 2', r.crossEntropyIfTarget[1]!, '—'],
      ]),
    );
  }
  return out;
}

/** nn-019/020: the threshold unit's sums and outputs for both biases. */
function sums(): PerceptronReport {
  return {
    blocks: Object.values(NN019.biases).flatMap((b) => [
      text('', `w = (1, 1), b = ${b}`),
      table(
        ['x₁', 'x₂', 'sum', 'step(sum)'],
        truthTable(NN019.w, b).map((r) => [String(r.x1), String(r.x2), r.sum, String(r.out)]),
      ),
    ]),
    checks: [],
  };
}

/** nn-023: AND from one threshold unit, and the search that finds no unit for XOR. */
function and(): PerceptronReport {
  const unit = findThresholdUnit(AND);
  const xorUnit = findThresholdUnit(XOR);
  const found = unit ? `AND first at w = (${unit.w.join(', ')}), b = ${unit.b}` : 'nothing for AND';
  return {
    blocks: [
      text('w = (1, 1), threshold 1.5 (bias −1.5):'),
      table(
        ['x₁', 'x₂', 'sum − 1.5', 'output', 'AND'],
        truthTable([1, 1], -1.5).map((r) => [
          String(r.x1),
          String(r.x2),
          r.sum,
          String(r.out),
          String(AND(r.x1, r.x2)),
        ]),
      ),
      text(
        `A brute-force search over weights and biases in {−2, −1.5, …, 2} finds ${found}; for XOR it finds ${xorUnit ? 'a unit (unexpected!)' : 'none, as the separability argument predicts'}.`,
      ),
    ],
    checks: [],
  };
}

/** nn-025/026: sigmoid against its base-2 approximations, and tanh through the custom op. */
async function activations(tf: typeof TF, backend: string): Promise<PerceptronReport> {
  const x = tf.tensor2d([[...NN026_INPUT]]);
  const y = tanhOp(tf)(x);
  const t = Array.from(await y.data());
  tf.dispose([x, y]);
  const exact = NN026_INPUT.map((z) => Math.tanh(z));
  const list = (v: number[]) => `[${v.map((z) => z.toFixed(6)).join(', ')}]`;
  return {
    blocks: [
      table(
        ['v', 'sigmoid(v)', '1/(1+2^(−1.44v))', 'difference', '1/(1+2^(−1.5v))'],
        NN025_V.map((v) => [
          String(v),
          sigmoid(v),
          sigmoidApprox(v, 1.44),
          sigmoidApprox(v, 1.44) - sigmoid(v),
          sigmoidApprox(v, 1.5),
        ]),
      ),
      // ASCII minus here, as in code, so that a reader can paste the arrays.
      text(
        `tanh([[${NN026_INPUT.join(', ')}]]) in float64: ${list(exact)}; with the custom tanh op on ${backend}: ${list(t)}.`,
      ),
    ],
    checks: [{ label: 'tanh', run: t, reference: exact }],
  };
}

/** The report of one topic; `backend` names the tfjs backend in column headings and text. */
export async function perceptronReport(
  tf: typeof TF,
  topic: PerceptronTopic,
  backend: string,
): Promise<PerceptronReport> {
  switch (topic) {
    case 'node':
      return node(tf, backend);
    case 'mlp':
      return mlp(tf, backend);
    case 'sums':
      return sums();
    case 'and':
      return and();
    case 'activations':
      return activations(tf, backend);
  }
}
