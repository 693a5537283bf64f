import { describe, expect, it } from 'vitest';
import { nodeTf } from '../helpers/tf.ts';
import {
  perceptronReport,
  type PerceptronReport,
  type ReportBlock,
} from '../../src/lib/experiments/perceptron-report.ts';

type Table = Extract<ReportBlock, { kind: 'table' }>;
const tables = (r: PerceptronReport) => r.blocks.filter((b): b is Table => b.kind === 'table');
const texts = (r: PerceptronReport) =>
  r.blocks.flatMap((b) => (b.kind === 'text' ? [`${b.lead ?? ''}${b.text}`] : []));

describe('Perceptron live numbers: float64 beside tfjs', async () => {
  const { tf } = await nodeTf('cpu');

  it('every check agrees to float32 precision, and no tensor is left behind', async () => {
    const before = tf.memory().numTensors;
    for (const topic of ['node', 'mlp', 'sums', 'and', 'activations'] as const) {
      const r = await perceptronReport(tf, topic, 'cpu');
      for (const c of r.checks) {
        expect(c.run).toHaveLength(c.reference.length);
        c.run.forEach((v, i) => expect(Math.abs(v - c.reference[i]!)).toBeLessThan(1e-6));
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('one node: the sum 0.9·(−0.3) + 0.7·0.15 + 0.001 is negative, so ReLU gives 0 on both sides', async () => {
    const r = await perceptronReport(tf, 'node', 'cpu');
    const [sum, relu] = tables(r)[0]!.rows;
    expect(sum![1]).toBeCloseTo(-0.164, 12);
    expect([relu![1], relu![2]]).toEqual([0, 0]);
    expect(tables(r)[0]!.head[2]).toBe('tfjs (cpu)');
  });

  it("the 2-3-2 MLP: one table per bias; with the code's 0.002, H3 = 0.664 and γ1 = 0.59·0.664", async () => {
    const r = await perceptronReport(tf, 'mlp', 'cpu');
    expect(tables(r)).toHaveLength(2);
    expect(r.checks.map((c) => c.label)).toEqual(['bias 0.001', 'bias 0.002']);
    const rows = tables(r)[1]!.rows;
    const h3 = rows.find((row) => String(row[0]).startsWith('H3'))!;
    expect(h3[1]).toBeCloseTo(0.37 * 0.9 + 0.47 * 0.7 + 0.002, 12);
    expect(rows.find((row) => row[0] === 'γ1')![1]).toBeCloseTo(0.59 * 0.664, 12);
    expect(String(rows[0]![0])).toBe('H1 = ReLU(−0.1630)'); // −0.27 + 0.105 + 0.002, typographic minus
    const p1 = rows.find((row) => row[0] === 'softmax γ1')![1] as number;
    expect(p1).toBeCloseTo(1 / (1 + Math.exp(-(0.59 + 0.79) * 0.664)), 12);
  });

  it('threshold units: step outputs follow the sums; the AND unit matches AND and no unit does XOR', async () => {
    const sums = await perceptronReport(tf, 'sums', 'cpu');
    for (const t of tables(sums))
      for (const [, , sum, out] of t.rows) expect(out).toBe((sum as number) > 0 ? '1' : '0');
    expect(tables(sums).map((t) => t.rows.map((row) => row[3]).join(''))).toEqual([
      '0000', // b = −2.5: even 1 + 1 stays below zero
      '0111', // b = −0.25: any single 1 is enough
    ]);
    const and = await perceptronReport(tf, 'and', 'cpu');
    for (const row of tables(and)[0]!.rows) expect(row[3]).toBe(row[4]);
    expect(texts(and).at(-1)).toContain('for XOR it finds none');
  });

  it('sigmoid approximations: the difference column is the approximation minus sigmoid', async () => {
    const r = await perceptronReport(tf, 'activations', 'cpu');
    for (const [v, s, approx, diff] of tables(r)[0]!.rows) {
      expect(s).toBeCloseTo(1 / (1 + Math.exp(-Number(v))), 12);
      expect(diff).toBeCloseTo((approx as number) - (s as number), 15);
    }
    expect(texts(r)[0]).toContain(`${Math.tanh(0.37).toFixed(6)}`);
  });
});
