/**
 * What many training islands do after each epoch: a point on the live chart at the epoch's number
 * (1-based) and a status line "Epoch 3: …". Pass `epochReport(ctx, chart, values, text)` as the
 * lib's onEpoch.
 */
import type { LiveChart } from './plots/line.ts';
import type { DemoContext } from './runtime.ts';

export function epochReport<E extends { epoch: number }>(
  ctx: Pick<DemoContext, 'status'>,
  chart: Pick<LiveChart, 'push'>,
  /** The epoch's value for each series of the chart, in order (null: no point). */
  values: (e: E) => (number | null)[],
  /** The status after "Epoch n: ". */
  text: (e: E) => string,
): (e: E) => void {
  return (e) => {
    chart.push(e.epoch + 1, values(e));
    ctx.status(`Epoch ${e.epoch + 1}: ${text(e)}`);
  };
}
