import { describe, expect, it } from 'vitest';
import { epochReport } from '../../src/components/demo/epoch-report.ts';

describe('epochReport', () => {
  it('puts each epoch on the chart at its 1-based number and says it in the status', () => {
    const points: [number, (number | null)[]][] = [];
    const statuses: string[] = [];
    const report = epochReport<{ epoch: number; loss: number; auc?: number }>(
      { status: (t) => statuses.push(t) },
      { push: (x, ys) => points.push([x, ys]) },
      (e) => [e.loss, e.auc ?? null],
      (e) => `loss ${e.loss}`,
    );
    report({ epoch: 0, loss: 0.5, auc: 0.75 });
    report({ epoch: 1, loss: 0.25 });
    expect(points).toEqual([
      [1, [0.5, 0.75]],
      [2, [0.25, null]],
    ]);
    expect(statuses).toEqual(['Epoch 1: loss 0.5', 'Epoch 2: loss 0.25']);
  });
});
