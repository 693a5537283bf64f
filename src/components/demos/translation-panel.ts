/**
 * The "translate your words" half of the Transformer demo (lab-transformer): the trained model's
 * digits for the reader's words with a verdict, and the attention of its last decoder layer (mean
 * over heads, then each head) as heat tables. After training, and again on request without
 * retraining; each translation must free its tensors (data-translate-leak on the demo says how many
 * it did not).
 */
import { el } from '../demo/table.ts';
import { heatTable } from '../demo/plots/heat-table.ts';
import { wordsProblem } from '../../lib/labs/numwords.ts';
import type { Translation } from '../../lib/labs/transformer-task.ts';
import type { BackendInfo } from '../../lib/backend/index.ts';

type Translate = (text: string) => Promise<Translation>;

function verdict(t: Translation): string {
  if (t.expected === null)
    return ' (these words are not a well-formed number name, so there is no right answer; the model answers anyway)';
  return t.digits === String(t.expected) ? ' ✓ correct' : ` ✗ (correct: ${t.expected})`;
}

export function translationPanel(root: HTMLElement) {
  const out = (k: string) => root.querySelector<HTMLElement>(`[data-out="${k}"]`)!;
  const field = <T extends HTMLInputElement | HTMLSelectElement>(name: string) =>
    root.querySelector<T>(`[name=${name}]`)!;
  const button = root.querySelector<HTMLButtonElement>('[data-role=translate]')!;
  let model: { translate: Translate; tf: BackendInfo['tf'] } | null = null;

  async function show(text: string) {
    if (!model) return;
    const { translate, tf } = model;
    const before = tf.memory().numTensors;
    try {
      const t = await translate(text);
      const digits = el('strong', t.digits || '(nothing)');
      digits.dataset.out = 'digits';
      out('translation').replaceChildren(
        el('strong', t.words.join(' ')),
        ' → ',
        digits,
        verdict(t),
      );
      const map = { rows: t.tokens, cols: t.words, corner: 'output ↓ / source →' };
      const caption =
        'Mean over heads: row = output token, column = source word; each row sums to 1.';
      out('heatmap').replaceChildren();
      heatTable(out('heatmap'), { ...map, weights: t.mean, caption });
      out('heads').replaceChildren();
      t.heads.forEach((h, i) =>
        heatTable(out('heads'), { ...map, weights: h, caption: `head ${i + 1}` }),
      );
      out('translate-status').textContent = '';
    } catch (e) {
      out('translate-status').textContent = (e as Error).message;
    } finally {
      const leaked = tf.memory().numTensors - before;
      root.dataset.translateLeak = String(leaked);
      if (leaked)
        out('translate-status').textContent += ` (Warning: ${leaked} tensors were not freed.)`;
    }
  }

  button.addEventListener('click', async () => {
    const words = field<HTMLInputElement>('words').value;
    const problem = wordsProblem(words, Number(field<HTMLSelectElement>('max').value));
    if (problem) {
      out('translate-status').textContent = problem;
      return;
    }
    button.disabled = true;
    await show(words);
    button.disabled = false;
  });

  return {
    /** Forget the model (a new one is training): translating is off until `start`. */
    reset() {
      model = null;
      button.disabled = true;
    },
    /** Use this model from now on, and translate `text` with it. */
    async start(translate: Translate, tf: BackendInfo['tf'], text: string) {
      model = { translate, tf };
      await show(text);
      button.disabled = false;
    },
  };
}
