/**
 * dl-57, the chatbot: the seq2seq model of ./seq2seq.ts trained on (message, reply) pairs that this
 * module generates from templates, with a word vocabulary, a tokeniser for typed messages and a reply
 * loop that decodes until the end token.
 *
 * The corpus is small and closed on purpose: greetings, sums and differences of two numbers written
 * in words ("what is two plus three" → "five"), the colour of a few things and the sound and home of a
 * few animals. Each fact (a sum, an animal's sound, …) can be asked with several phrasings. The
 * held-out set asks some facts in a phrasing that was never paired with that fact in training
 * (every held-out fact is seen in another phrasing; a held-out message with a word never seen in
 * training is moved back to training), so exact match
 * on it measures whether the model recombines seen words, not whether it memorised the sentence.
 */
import type * as TF from '@tensorflow/tfjs';
import {
  createSeq2Seq,
  EOS,
  greedyDecodeIds,
  packIds,
  trainTeacherForced,
  type Seq2Seq,
} from './seq2seq.ts';
import type { EpochInfo, StepInfo, TrainResult } from '../train/engine.ts';
import type { AdamRunOptions } from '../train/adam-settings.ts';
import { rng } from '../util/random.ts';
import { ONES } from './numwords.ts';

export interface Dialogue {
  message: string;
  reply: string;
}

/** A fact with the phrasings it can be asked in; `key` names the fact. */
interface Fact {
  key: string;
  asks: string[];
  reply: string;
}

/** Number words 0–18: the largest sum of two digits is 18. */
const NUMBERS = ONES.slice(0, 19);

/** Every fact of the corpus, each with its phrasings. */
export function chatFacts(): Fact[] {
  const facts: Fact[] = [];
  for (let a = 0; a <= 9; a++)
    for (let b = 0; b <= 9; b++) {
      const [x, y] = [NUMBERS[a]!, NUMBERS[b]!];
      facts.push({
        key: `${a}+${b}`,
        asks: [`what is ${x} plus ${y}`, `${x} plus ${y}`, `add ${x} and ${y}`],
        reply: NUMBERS[a + b]!,
      });
      if (a >= b)
        facts.push({
          key: `${a}-${b}`,
          asks: [`what is ${x} minus ${y}`, `${x} minus ${y}`, `take ${y} from ${x}`],
          reply: NUMBERS[a - b]!,
        });
    }
  const colours: [string, string][] = [
    ['the sky', 'blue'],
    ['grass', 'green'],
    ['snow', 'white'],
    ['coal', 'black'],
    ['a banana', 'yellow'],
    ['a tomato', 'red'],
    ['a carrot', 'orange'],
    ['a plum', 'purple'],
  ];
  for (const [thing, colour] of colours)
    facts.push({
      key: `colour ${thing}`,
      asks: [
        `what colour is ${thing}`,
        `tell me the colour of ${thing}`,
        `which colour is ${thing}`,
      ],
      reply: `${thing} is ${colour}`,
    });
  const animals: [string, string, string][] = [
    ['a dog', 'woof', 'a house'],
    ['a cat', 'meow', 'a house'],
    ['a cow', 'moo', 'a field'],
    ['a duck', 'quack', 'a pond'],
    ['a sheep', 'baa', 'a field'],
    ['an owl', 'hoot', 'a tree'],
    ['a frog', 'croak', 'a pond'],
    ['a bee', 'buzz', 'a hive'],
  ];
  for (const [animal, sound, home] of animals) {
    facts.push({
      key: `sound ${animal}`,
      asks: [
        `what does ${animal} say`,
        `what sound does ${animal} make`,
        `how does ${animal} sound`,
      ],
      reply: `${animal} says ${sound}`,
    });
    facts.push({
      key: `home ${animal}`,
      asks: [
        `where does ${animal} live`,
        `where is the home of ${animal}`,
        `what is the home of ${animal}`,
      ],
      reply: `${animal} lives in ${home}`,
    });
  }
  const greetings: [string[], string][] = [
    [['hello', 'hi', 'hey there'], 'hello'],
    [['good morning', 'morning'], 'good morning'],
    [['how are you', 'how are you today'], 'i am fine thank you'],
    [['thank you', 'thanks'], 'you are welcome'],
    [['bye', 'goodbye', 'see you'], 'goodbye'],
    [['who are you', 'what are you'], 'i am a small seq2seq model'],
  ];
  greetings.forEach(([asks, reply], i) => facts.push({ key: `greeting ${i}`, asks, reply }));
  return facts;
}

/**
 * Split the corpus: for a `heldOutShare` of the facts with three or more phrasings, one phrasing
 * (chosen by the seed) goes to the held-out set; everything else is for training.
 */
export function chatCorpus(
  seed: number,
  heldOutShare = 0.25,
): { train: Dialogue[]; test: Dialogue[] } {
  const r = rng(seed);
  const trainSet: Dialogue[] = [];
  const held: Dialogue[] = [];
  for (const f of chatFacts()) {
    const hold = f.asks.length >= 3 && r.next() < heldOutShare ? r.int(f.asks.length) : -1;
    f.asks.forEach((message, k) =>
      (k === hold ? held : trainSet).push({ message, reply: f.reply }),
    );
  }
  // A held-out message whose words are not all seen in training (e.g. "hey there") goes back to training.
  const seen = new Set(trainSet.flatMap((d) => [...words(d.message), ...words(d.reply)]));
  const test: Dialogue[] = [];
  for (const d of held) (words(d.message).every((w) => seen.has(w)) ? test : trainSet).push(d);
  return { train: trainSet, test };
}

/** Lower-case words of a typed message: letters, digits and apostrophes; anything else separates words. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9']+/)
    .filter((w) => w.length > 0);
}

/** The unknown-word token's id (after PAD, SOS, EOS). */
export const UNK = 3;
const SPECIAL = ['⟨pad⟩', '⟨start⟩', '⟨end⟩', '⟨unknown⟩'];

export interface Vocabulary {
  /** Token by id: the four special tokens, then the words in alphabetical order. */
  tokens: string[];
  index: Map<string, number>;
}

/** Every word of the given dialogues (messages and replies share one vocabulary). */
export function buildVocabulary(dialogues: Dialogue[]): Vocabulary {
  const all = new Set<string>();
  for (const d of dialogues) for (const w of [...words(d.message), ...words(d.reply)]) all.add(w);
  const tokens = [...SPECIAL, ...[...all].sort()];
  return { tokens, index: new Map(tokens.map((t, i) => [t, i])) };
}

/** Token ids of a text (unknown words become UNK) and the words that were unknown. */
export function tokenize(v: Vocabulary, text: string): { ids: number[]; unknown: string[] } {
  const ws = words(text);
  const unknown = ws.filter((w) => !v.index.has(w) || v.index.get(w)! < SPECIAL.length);
  return {
    ids: ws.map((w) => (unknown.includes(w) ? UNK : v.index.get(w)!)),
    unknown: [...new Set(unknown)],
  };
}

/** The words of an id sequence up to (not including) the first end token. */
export function detokenizeWords(v: Vocabulary, ids: ArrayLike<number>): string {
  const out: string[] = [];
  for (let i = 0; i < ids.length && ids[i] !== EOS; i++)
    out.push(v.tokens[ids[i]!] ?? SPECIAL[UNK]!);
  return out.join(' ');
}

/** Problem with a typed message for the reader, or null. */
export function messageProblem(text: string, maxWords: number): string | null {
  const n = words(text).length;
  if (n === 0) return 'Type a message with at least one word.';
  if (n > maxWords)
    return `The message may have at most ${maxWords} words (the longest training message has that many).`;
  return null;
}

export interface ChatReply {
  message: string;
  /** The reply's words up to the end token. */
  reply: string;
  /** Words of the message that are not in the vocabulary (fed to the model as ⟨unknown⟩). */
  unknown: string[];
  /** The message as the model saw it, one label per source position. */
  sourceLabels: string[];
  /** Output labels (words, then "⟨end⟩" if it was produced) and the attention rows for them [rows, S]. */
  replyLabels: string[];
  attention: Float32Array;
  S: number;
}

/**
 * A trained chatbot: its vocabulary and weights as plain arrays, so no tensor stays alive between
 * messages; `reply` rebuilds the model for one call and frees it again.
 */
export interface ChatBot {
  vocab: Vocabulary;
  S: number;
  T: number;
  hidden: number;
  weights: Float32Array[];
  reply(tf: typeof TF, messages: string[]): Promise<ChatReply[]>;
}

function withModel<R>(
  tf: typeof TF,
  bot: Omit<ChatBot, 'reply'>,
  S: number,
  use: (m: Seq2Seq) => Promise<R>,
): Promise<R> {
  const m = createSeq2Seq(tf, {
    hidden: bot.hidden,
    attention: 'additive',
    srcLength: S,
    vocabSize: bot.vocab.tokens.length,
  });
  bot.weights.forEach((w, i) =>
    tf.tidy(() => m.variables[i]!.assign(tf.tensor(w, m.variables[i]!.shape))),
  );
  return use(m).finally(() => m.dispose());
}

/** Greedy replies of model `m` to messages (padded to the longest of S and the messages). */
async function replies(
  tf: typeof TF,
  m: Seq2Seq,
  v: Vocabulary,
  messages: string[],
  S: number,
  T: number,
): Promise<ChatReply[]> {
  const toks = messages.map((msg) => tokenize(v, msg));
  const src = new Int32Array(messages.length * S);
  toks.forEach((t, i) => src.set(t.ids.slice(0, S), i * S));
  const { tokens, attention } = await greedyDecodeIds(tf, m, src, messages.length, S, T);
  return messages.map((message, i) => {
    const out = Array.from(tokens.subarray(i * T, (i + 1) * T));
    const end = out.indexOf(EOS);
    const shown = out.slice(0, end < 0 ? T : end + 1);
    return {
      message,
      reply: detokenizeWords(v, out),
      unknown: toks[i]!.unknown,
      sourceLabels: toks[i]!.ids.slice(0, S).map((id) => v.tokens[id]!),
      replyLabels: shown.map((id) => v.tokens[id] ?? SPECIAL[UNK]!),
      attention: attention.slice(i * T * S, (i * T + shown.length) * S),
      S,
    };
  });
}

export function exactMatch(got: string[], want: string[]): number {
  return want.length ? got.filter((g, i) => g === want[i]).length / want.length : 0;
}

export interface ChatRunOptions extends AdamRunOptions {
  hidden: number;
  onStep?: (s: StepInfo) => void;
  /** After each epoch: exact-match accuracy of the greedy replies to the held-out messages. */
  onEpoch?: (e: EpochInfo & { exact: number }) => void | Promise<void>;
}

export interface ChatRun {
  result: TrainResult;
  history: { loss: number; exact: number }[];
  train: Dialogue[];
  test: Dialogue[];
  /** Greedy replies to the held-out messages after the last epoch. */
  testReplies: string[];
  bot: ChatBot;
  parameterCount: number;
}

/**
 * Build the corpus and vocabulary, train on the shared engine (Adam, masked cross-entropy, teacher
 * forcing), score the held-out messages after every epoch, and hand back the weights as arrays.
 * No tensor survives the call (success, cancel or error).
 */
export async function trainChatBot(tf: typeof TF, o: ChatRunOptions): Promise<ChatRun> {
  const { train: trainSet, test } = chatCorpus(o.seed);
  const vocab = buildVocabulary(trainSet);
  const src = trainSet.map((d) => tokenize(vocab, d.message).ids);
  const tgt = trainSet.map((d) => tokenize(vocab, d.reply).ids);
  const S = Math.max(...src.map((s) => s.length));
  const T = Math.max(...tgt.map((t) => t.length)) + 1;
  const packed = packIds(src, tgt, S, T);
  const model = createSeq2Seq(
    tf,
    { hidden: o.hidden, attention: 'additive', srcLength: S, vocabSize: vocab.tokens.length },
    o.seed,
  );
  const history: ChatRun['history'] = [];
  let testReplies: string[] = [];
  try {
    let exact = 0;
    const result = await trainTeacherForced(tf, model, packed, S, T, {
      ...o,
      evaluate: async () => {
        testReplies = (
          await replies(
            tf,
            model,
            vocab,
            test.map((d) => d.message),
            S,
            T,
          )
        ).map((r) => r.reply);
        exact = exactMatch(
          testReplies,
          test.map((d) => d.reply),
        );
        return exact;
      },
      onEpoch: async (e) => {
        history.push({ loss: e.loss, exact });
        await o.onEpoch?.({ ...e, exact });
      },
    });
    const weights = await Promise.all(
      model.variables.map(async (v) => (await v.data()) as Float32Array),
    );
    const core = { vocab, S, T, hidden: o.hidden, weights };
    const bot: ChatBot = {
      ...core,
      reply: (tf2, messages) => {
        const longest = Math.max(S, ...messages.map((m) => words(m).length));
        return withModel(tf2, core, longest, (m) => replies(tf2, m, vocab, messages, longest, T));
      },
    };
    return {
      result,
      history,
      train: trainSet,
      test,
      testReplies,
      bot,
      parameterCount: model.parameterCount,
    };
  } finally {
    model.dispose();
  }
}
