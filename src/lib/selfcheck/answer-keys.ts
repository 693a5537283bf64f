/**
 * The answer keys of the true/false and multiple-choice questions: our verdict on each statement or
 * option, stated once. The self-checks (registry.ts) judge against them, and the first sentence of
 * each answer prints them (src/components/selfcheck/AnswerKey.astro), so the two cannot disagree.
 * The reasons are argued on the answer pages.
 */

export interface TrueFalseKey {
  kind: 'true-false';
  /** One entry per statement the question asks about, in its order. */
  statements: { label: string; value: boolean }[];
}

export interface ChoiceKey {
  kind: 'choice';
  /** 'single': exactly one option is right; 'multi': every option that applies. */
  mode: 'single' | 'multi';
  /** What the reader is asked to pick. */
  prompt: string;
  /** Keys are the question's own option numbers. */
  options: { key: string; text: string }[];
  correct: string[];
}

/**
 * A complete-the-sentence question: each blank is a choice among terms, exactly one of them right.
 * The answer prints the right term of each blank, so the check and the prose cannot disagree.
 */
export interface FillInKey {
  kind: 'fill-in';
  /** One entry per blank, in the sentence's order. */
  blanks: { prompt: string; options: string[]; correct: string }[];
}

export type AnswerKey = TrueFalseKey | ChoiceKey | FillInKey;

export const ANSWER_KEYS: Readonly<Record<string, AnswerKey>> = {
  'nn-002': {
    kind: 'fill-in',
    blanks: [
      {
        prompt: 'there are … input layer(s)',
        options: ['no', 'one', 'two', 'any number of'],
        correct: 'one',
      },
      {
        prompt: '… output layer(s)',
        options: ['no', 'one', 'two', 'any number of'],
        correct: 'one',
      },
      {
        prompt: 'and no … connections at all',
        options: ['weighted', 'feed-forward', 'feedback (recurrent)', 'bias'],
        correct: 'feedback (recurrent)',
      },
    ],
  },
  'nn-003': {
    kind: 'true-false',
    statements: [
      { label: '(1) trained on labelled data, w_j and b are learned automatically', value: true },
      {
        label:
          '(2) a sigmoid neuron accepts inputs between 0 and 1 and outputs values between 0 and 1',
        value: true,
      },
    ],
  },
  'nn-005': {
    kind: 'fill-in',
    blanks: [
      {
        prompt: 'To solve this equation, we have to apply …',
        options: [
          'a closed-form solution (normal equations)',
          'gradient descent',
          'back-propagation alone',
        ],
        correct: 'gradient descent',
      },
    ],
  },
  'nn-007': {
    kind: 'fill-in',
    blanks: [
      {
        prompt: 'This approach is known as …',
        options: ['full-batch gradient descent', 'stochastic gradient descent', 'Newton’s method'],
        correct: 'stochastic gradient descent',
      },
      {
        prompt: 'The number of examples sampled for each step is the …',
        options: ['epoch count', 'learning rate', 'mini-batch size'],
        correct: 'mini-batch size',
      },
      {
        prompt: 'The per-example gradients are computed by …',
        options: ['back-propagation', 'forward propagation', 'dropout'],
        correct: 'back-propagation',
      },
    ],
  },
  'nn-010': {
    kind: 'true-false',
    statements: [
      { label: '(3) ReLU is differentiable at every point', value: false },
      {
        label: '(4) for σ applied elementwise to a vector x, ∂σ(xᵢ)/∂xⱼ = 0 whenever i ≠ j',
        value: true,
      },
    ],
  },
  'nn-013': {
    kind: 'choice',
    mode: 'single',
    prompt: 'Which activation can never be back-propagated?',
    options: [
      { key: '1', text: '(1) f(x) = |x|' },
      { key: '2', text: '(2) f(x) = x (the garbled "f(x) = f(x)")' },
      { key: '3', text: '(3) x sin(1/x), 0 at 0' },
      { key: '4', text: '(4) −x below 0, x² above' },
    ],
    correct: ['3'],
  },
  'nn-016': {
    kind: 'true-false',
    statements: [{ label: 'a perceptron outputs 0 or 1', value: true }],
  },
  'nn-017': {
    kind: 'true-false',
    statements: [{ label: 'a multi-layer perceptron is supervised learning', value: true }],
  },
  'nn-018': {
    kind: 'true-false',
    statements: [
      { label: 'accuracy = correctly classified / incorrectly classified', value: false },
    ],
  },
  'nn-029': {
    kind: 'choice',
    mode: 'single',
    prompt: 'Which initialisation of a tanh network leads to vanishing gradients?',
    options: [
      { key: '1', text: '(1) Kaiming (He) normal' },
      { key: '2', text: '(2) Xavier (Glorot) uniform' },
      { key: '3', text: '(3) every parameter zero' },
    ],
    correct: ['3'],
  },
  'nn-033': {
    kind: 'fill-in',
    blanks: [
      {
        prompt: 'f(x) = x for x > 0, ax otherwise, with a in (0, 1), is the …',
        options: ['ReLU', 'leaky ReLU', 'ELU', 'Swish'],
        correct: 'leaky ReLU',
      },
    ],
  },
  'nn-040': {
    kind: 'true-false',
    statements: [
      {
        label: 'two consecutive dropout layers (rate P, then Q) act as one dropout layer',
        value: true,
      },
    ],
  },
  'nn-049': {
    kind: 'true-false',
    statements: [
      {
        label: 'an activation after dropout equals the same activation before dropout',
        value: false,
      },
    ],
  },
  'nn-050': {
    kind: 'choice',
    mode: 'multi',
    prompt: 'Which building blocks can a CNN be made of? Select all that apply.',
    options: [
      { key: '1', text: '(1) pooling layers' },
      { key: '2', text: '(2) convolutional layers' },
      { key: '3', text: '(3) normalisation layers' },
      { key: '4', text: '(4) non-linear activations' },
      { key: '5', text: '(5) linear activations' },
    ],
    correct: ['1', '2', '3', '4', '5'],
  },
  'nn-051': {
    kind: 'choice',
    mode: 'multi',
    prompt: 'Which orderings with a single BN layer are sound designs? Select all that apply.',
    options: [
      { key: '1', text: '(1) CONV → act → BN → Dropout' },
      { key: '2', text: '(2) CONV → act → Dropout → BN' },
      { key: '3', text: '(3) CONV → BN → act → Dropout' },
      { key: '4', text: '(4) BN → CONV → act → Dropout' },
      { key: '5', text: '(5) CONV → Dropout → BN → act' },
      { key: '6', text: '(6) Dropout → CONV → BN → act' },
    ],
    correct: ['1', '3', '4'],
  },
  'nn-055': {
    kind: 'fill-in',
    blanks: [
      {
        prompt: 'In y = x + F(x), the symbol ⊕ denotes …',
        options: [
          'Concatenation along the channels',
          'Element-wise addition',
          'Element-wise multiplication',
          'A learned gate',
        ],
        correct: 'Element-wise addition',
      },
    ],
  },
  'nn-066': {
    kind: 'fill-in',
    blanks: [
      {
        prompt: 'features that are not present in an … set',
        options: ['training', 'unseen (held-out test)', 'augmented'],
        correct: 'unseen (held-out test)',
      },
      {
        prompt: 'This phenomenon is called …',
        options: ['under-fitting', 'over-fitting', 'vanishing gradients'],
        correct: 'over-fitting',
      },
    ],
  },
  'nn-080': {
    kind: 'choice',
    mode: 'multi',
    prompt: 'Which statements about SGD hold? Select all that apply.',
    options: [
      {
        key: '1',
        text: '(1) it computes the gradient, then updates the weights, example by example',
      },
      { key: '2', text: '(2) a one-example gradient is close to the true one, so it is steadier' },
      { key: '3', text: '(3) it usually escapes poor local minima' },
      { key: '4', text: '(4) it usually needs more memory' },
    ],
    correct: ['1', '3'],
  },
  'nn-081': {
    kind: 'fill-in',
    blanks: [
      {
        prompt: '|x1 − x2| + |y1 − y2| is the … distance',
        options: ['Euclidean', 'Manhattan', 'Chebyshev'],
        correct: 'Manhattan',
      },
      {
        prompt: '√Σ(xᵢ − yᵢ)² is the … distance',
        options: ['Euclidean', 'Manhattan', 'Chebyshev'],
        correct: 'Euclidean',
      },
      {
        prompt: 'Penalising the L2 norm involves the … norm',
        options: ['Euclidean', 'Manhattan'],
        correct: 'Euclidean',
      },
    ],
  },
  'nn-127': {
    kind: 'true-false',
    statements: [{ label: 'dropout aims to approximate bagging for neural networks', value: true }],
  },
};

/** A blank's options as a choice's options: keys "1", "2", … in the order written. */
export function blankOptions(blank: FillInKey['blanks'][number]): { key: string; text: string }[] {
  return blank.options.map((text, i) => ({ key: String(i + 1), text }));
}

/** "3", "1 and 3", "1, 3 and 4". */
function listKeys(keys: readonly string[]): string {
  return keys.length <= 1
    ? (keys[0] ?? 'none')
    : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
}

/**
 * The key as an answer's first sentence states it: "True"/"False" for statement `part`; the right term
 * of blank `part`; for a choice
 * the numbers of the right options ("1, 3 and 4", with "(all of them)" when every option is right),
 * or with `wrong` the numbers of the others.
 */
export function answerKeyText(
  key: AnswerKey,
  { part = 0, wrong = false }: { part?: number; wrong?: boolean } = {},
): string {
  if (key.kind === 'fill-in') {
    const b = key.blanks[part];
    if (!b) throw new Error(`This answer key has no blank ${part}.`);
    return b.correct;
  }
  if (key.kind === 'true-false') {
    const s = key.statements[part];
    if (!s) throw new Error(`This answer key has no statement ${part}.`);
    return s.value ? 'True' : 'False';
  }
  const keys = key.options.map((o) => o.key).filter((k) => key.correct.includes(k) !== wrong);
  const all = !wrong && keys.length === key.options.length && keys.length > 1;
  return all ? `${listKeys(keys)} (all of them)` : listKeys(keys);
}

/** Problems with a key (empty when usable): unknown or duplicate keys, a single choice without exactly one answer. */
export function answerKeyProblems(id: string, key: AnswerKey): string[] {
  if (key.kind === 'true-false')
    return key.statements.length ? [] : [`${id}: a true/false key needs a statement`];
  if (key.kind === 'fill-in')
    return key.blanks.length
      ? key.blanks.flatMap((b, i) => [
          ...(b.options.filter((o) => o === b.correct).length === 1
            ? []
            : [`${id}: blank ${i + 1} needs its right term among its options, once`]),
          ...(new Set(b.options).size === b.options.length && b.options.length >= 2
            ? []
            : [`${id}: blank ${i + 1} needs two or more different options`]),
        ])
      : [`${id}: a fill-in key needs a blank`];
  const problems: string[] = [];
  const keys = key.options.map((o) => o.key);
  if (new Set(keys).size !== keys.length) problems.push(`${id}: duplicate option keys`);
  if (key.correct.some((k) => !keys.includes(k))) problems.push(`${id}: unknown correct key`);
  if (key.mode === 'single' && key.correct.length !== 1)
    problems.push(`${id}: a single choice needs exactly one right option`);
  if (key.correct.length === 0) problems.push(`${id}: no right option`);
  return problems;
}
