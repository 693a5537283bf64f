/**
 * The reader's own digit string through the trained seq2seq model (lab-seq2seq): the model's answer
 * against the right one, and where the decoder looked while writing each output token, as a heat
 * map with a caption saying what the pattern should look like for the task.
 */
import { drawHeatmap } from '../../demo/index.ts';
import type { DemoContext } from '../../demo/runtime.ts';
import {
  outputTokenLabels,
  targetOf,
  type AttentionKind,
  type Seq2SeqRun,
  type Seq2SeqTask,
} from '../../../lib/labs/seq2seq.ts';

const PATTERN: Record<Seq2SeqTask, string> = {
  reverse:
    'For reversal, a clean anti-diagonal means the decoder has learned to read the input from the end.',
  sort: 'For sorting, each output digit should look at an input position holding that digit: attention follows content, not position.',
};

export interface Probe {
  query: string;
  task: Seq2SeqTask;
  attention: AttentionKind;
  /** The string lengths seen in training. */
  minLen: number;
  maxLen: number;
}

/** Decode `query` greedily and fill the outputs answer, heatmap (a canvas) and heatmap-caption. */
export async function probeAttention(
  ctx: Pick<DemoContext, 'out'>,
  run: Pick<Seq2SeqRun, 'decode'>,
  { query, task, attention, minLen, maxLen }: Probe,
) {
  const d = await run.decode([query]);
  const [answer, expected] = [d.outputs[0], targetOf(task, query)];
  const unseen = query.length > maxLen || query.length < minLen;
  ctx.out('answer').textContent =
    `Input ${query} → model ${answer ?? '(no digits)'}; expected ${expected} ${answer === expected ? '✓' : '✗'}` +
    (unseen ? ` (this length was never seen in training: ${minLen}–${maxLen} digits).` : '.');
  if (attention === 'none') {
    ctx.out('heatmap-caption').textContent =
      'The decoder without attention sees only the encoder’s final state, so there are no attention weights to show. Train with attention to see them.';
    return;
  }
  const canvas = ctx.out<HTMLCanvasElement>('heatmap');
  drawHeatmap(canvas, d.attention, outputTokenLabels(d), [...query], d.S);
  ctx.out('heatmap-caption').textContent =
    `Row t shows the weights α_t over the input digits when the decoder produced output token t (each row sums to 1). ${PATTERN[task]}`;
}
