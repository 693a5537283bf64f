/**
 * The "talk to it" half of the chatbot demo (Seq2SeqChat): a form whose messages go to a trained
 * ChatBot. Each reply joins the transcript, and its attention is drawn as a heat map with a caption.
 * Until `start` gives it a bot (and after `reset`), sending does nothing. The bot's weights live as
 * plain arrays between messages; each reply builds the model and frees it (src/lib/labs/chatbot.ts).
 */
import { drawHeatmap } from '../demo/index.ts';
import { messageProblem, type ChatBot, type ChatReply } from '../../lib/labs/chatbot.ts';

/** Longest message, in words, the model was built for. */
const MAX_WORDS = 12;

const unknownNote = (r: ChatReply) =>
  r.unknown.length ? `  [not in the vocabulary, read as ⟨unknown⟩: ${r.unknown.join(', ')}]` : '';

export function chatPanel(root: HTMLElement) {
  const q = <T extends HTMLElement>(k: string) => root.querySelector<T>(`[data-out="${k}"]`)!;
  let bot: ChatBot | null = null;
  let tf: typeof import('@tensorflow/tfjs') | null = null;

  async function send(text: string) {
    if (!bot || !tf) return;
    const problem = messageProblem(text, MAX_WORDS);
    q('chat-problem').textContent = problem ?? '';
    if (problem) return;
    const [r] = (await bot.reply(tf, [text])) as [ChatReply];
    const li = document.createElement('li');
    li.textContent = `you: ${text.trim()} → bot: ${r.reply || '(empty reply)'}${unknownNote(r)}`;
    q('transcript').append(li);
    const rows = r.replyLabels.map((_, i) => String(i + 1));
    drawHeatmap(q<HTMLCanvasElement>('chat-heatmap'), r.attention, rows, r.sourceLabels, r.S, 64);
    q('chat-caption').textContent =
      `Attention for “${r.reply}”: row i is the weight on each message word when the reply's word i was written (rows: ${r.replyLabels.map((w, i) => `${i + 1} ${w}`).join(', ')}). ` +
      (r.unknown.length
        ? `Every unknown word reaches the model as the same ⟨unknown⟩ token, so it cannot tell them apart; a reply to them is a guess from the other words.`
        : '');
  }

  q('chat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void send(q<HTMLInputElement>('message').value);
  });

  return {
    /** Forget the bot and empty the conversation (a new training run starts). */
    reset() {
      bot = null;
      for (const k of ['transcript', 'chat-caption', 'chat-problem']) q(k).replaceChildren();
      const cv = q<HTMLCanvasElement>('chat-heatmap');
      cv.width = cv.height = 0;
      delete cv.dataset.rows;
    },
    /** Talk with a trained bot from now on, starting with the message in the field. */
    async start(trained: ChatBot, tfjs: typeof import('@tensorflow/tfjs')) {
      bot = trained;
      tf = tfjs;
      await send(q<HTMLInputElement>('message').value);
    },
  };
}
