/**
 * The generative-models quiz (quiz-1 … quiz-7): options in our own words and the answers we decided,
 * each with its reason. The answer pages (src/content/docs/generative-quiz) give the full argument and
 * the citations; tests/unit/quiz.test.ts checks every spec is well formed.
 */
import type { QuizSpec } from './types.ts';

export const GENERATIVE_QUIZ: Record<string, QuizSpec> = {
  'quiz-1': {
    id: 'quiz-1',
    mode: 'multi',
    options: [
      {
        key: 'a',
        text: 'The fitted model gives high probability to the data we actually observed.',
        correct: true,
        why: 'That is what maximising the likelihood means: among the models considered, pick the one under which the observed sample is most probable.',
      },
      {
        key: 'b',
        text: 'It minimises $\\mathrm{KL}[p_\\text{data} \\,\\|\\, p_\\text{model}]$.',
        correct: true,
        why: 'This KL equals $\\mathbb{E}_{p_\\text{data}}[\\log p_\\text{data}] - \\mathbb{E}_{p_\\text{data}}[\\log p_\\text{model}]$; the first term does not involve the model, so making the KL small is making the expected log-likelihood large.',
      },
      {
        key: 'c',
        text: 'It minimises $\\mathrm{KL}[p_\\text{model} \\,\\|\\, p_\\text{data}]$.',
        correct: false,
        why: 'The reverse direction averages over the model, needs $\\log p_\\text{data}$ (which we never have), and rewards fits that sit on one mode. It is the direction variational inference uses, not maximum likelihood.',
      },
      {
        key: 'd',
        text: "It minimises the data's reconstruction error.",
        correct: false,
        why: 'Most likelihoods involve no reconstruction at all. Only when the model itself reconstructs $x$ (e.g. a decoder with a Gaussian or Bernoulli output) does its negative log-likelihood take the form of a squared-error or cross-entropy reconstruction loss.',
      },
    ],
  },
  'quiz-2': {
    id: 'quiz-2',
    mode: 'multi',
    options: [
      {
        key: 'a',
        text: 'The decoder is a neural network and hence strongly non-linear.',
        correct: true,
        why: 'With a non-linear $p_\\theta(x\\mid z)$ the integral over $z$ has no closed form. With a linear-Gaussian decoder it does: that model is probabilistic PCA, fitted by exact maximum likelihood.',
      },
      {
        key: 'b',
        text: 'The latent variable is continuous.',
        correct: true,
        why: 'Needed together with (a): a continuous $z$ makes the marginal an integral. A discrete $z$ with few values would make it a finite sum, computable however non-linear the decoder. On its own it explains nothing (probabilistic PCA has a continuous $z$).',
      },
      {
        key: 'c',
        text: 'Maximum likelihood needs the marginal probability of the data.',
        correct: true,
        why: 'The objective is $\\log p_\\theta(x) = \\log \\int p_\\theta(x\\mid z)\\,p(z)\\,dz$ for every training point, and its gradient needs the posterior $p_\\theta(z\\mid x)$. With (a) and (b), neither can be computed.',
      },
      {
        key: 'd',
        text: 'The dataset contains too many examples.',
        correct: false,
        why: 'Dataset size is handled by minibatch stochastic gradients, as for any model. The obstacle is per example: even one $\\log p_\\theta(x)$ is out of reach.',
      },
    ],
  },
  'quiz-3': {
    id: 'quiz-3',
    mode: 'multi',
    options: [
      {
        key: 'a',
        text: 'It lower-bounds the maximum likelihood objective.',
        correct: true,
        why: 'For every $x$ and every $q$: $\\log p_\\theta(x) = \\text{ELBO} + \\mathrm{KL}[q(z\\mid x)\\,\\|\\,p_\\theta(z\\mid x)]$, and a KL is never negative.',
      },
      {
        key: 'b',
        text: 'Its gap to the maximum likelihood objective equals $\\mathrm{KL}[p(z) \\,\\|\\, q(z\\mid x)]$.',
        correct: false,
        why: 'The gap is $\\mathrm{KL}[q(z\\mid x)\\,\\|\\,p_\\theta(z\\mid x)]$: the encoder against the true posterior, with $q$ first. A KL between $q$ and the prior appears inside the ELBO, not as its gap.',
      },
      {
        key: 'c',
        text: 'Its KL term can always be read as a regulariser on the encoder.',
        correct: false,
        why: '"Always" is what fails. With a fixed prior such as $\\mathcal{N}(0, I)$ the term pulls each $q(z\\mid x)$ towards the prior. If the prior has parameters of its own, the same term also fits the prior to the encoder\'s outputs.',
      },
      {
        key: 'd',
        text: 'The best decoder under it is also the maximum likelihood optimum.',
        correct: false,
        why: 'Only if the encoder family can match the true posterior, so that the gap vanishes at the optimum. Otherwise the ELBO also rewards decoders whose posteriors are easy for $q$ to fit, and its optimum can differ.',
      },
    ],
  },
  'quiz-4': {
    id: 'quiz-4',
    mode: 'multi',
    options: [
      {
        key: 'a',
        text: 'He certainly understands Chinese.',
        correct: false,
        why: "Certainty would need that a person without Chinese can never produce a correct translation. Nothing says so; in Searle's room a rule book produces correct output without understanding.",
      },
      {
        key: 'b',
        text: 'He probably does not, with probability 0.8.',
        correct: false,
        why: '0.8 is the prior. It stays the posterior only if a correct translation is equally likely with and without Chinese, i.e. if the evidence carries no information.',
      },
      {
        key: 'c',
        text: 'Ask for the rate of correct translations among people who speak only English.',
        correct: true,
        why: "This is $p(\\text{correct}\\mid\\text{no Chinese})$, the likelihood of the evidence under one hypothesis. Bayes' rule cannot be applied without it.",
      },
      {
        key: 'd',
        text: 'Ask for the rate of correct translations among people who speak both languages.',
        correct: true,
        why: 'This is $p(\\text{correct}\\mid\\text{Chinese})$, the other likelihood. The posterior odds are the prior odds times the ratio of these two rates.',
      },
    ],
  },
  'quiz-5': {
    id: 'quiz-5',
    mode: 'single',
    options: [
      {
        key: 'a',
        text: '$y = \\mu + \\sigma \\odot \\epsilon$ with $\\epsilon \\sim \\mathcal{N}(0, I)$',
        correct: true,
        why: 'The randomness sits in $\\epsilon$, which has no parameters; $y$ is a differentiable function of $\\mu$ and $\\sigma$ ($\\partial y/\\partial\\mu = 1$, $\\partial y/\\partial\\sigma = \\epsilon$), so gradients pass through the sample.',
      },
      {
        key: 'b',
        text: '$y \\sim \\mathcal{N}(\\mu, \\sigma)$',
        correct: false,
        why: 'This names the distribution that (a) also produces, but says nothing about how to draw from it; a sample drawn directly has no gradient path back to $\\mu$ and $\\sigma$.',
      },
      {
        key: 'c',
        text: '$y \\sim \\mathcal{N}(E(x), \\epsilon)$',
        correct: false,
        why: 'The noise $\\epsilon$ is put in the place of a variance, and $y$ is still drawn directly: no reparameterisation happens.',
      },
      {
        key: 'd',
        text: 'None of these.',
        correct: false,
        why: 'Option (a) is the trick as Kingma and Welling state it for a Gaussian.',
      },
    ],
  },
  'quiz-6': {
    id: 'quiz-6',
    mode: 'multi',
    options: [
      {
        key: 'a',
        text: 'It approximates a mapping from an input to plausible latent codes.',
        correct: true,
        why: 'Given $x$ it outputs the parameters of $q_\\phi(z\\mid x)$, a distribution over the codes likely to have produced $x$, in a single forward pass (amortised inference).',
      },
      {
        key: 'b',
        text: 'It equals the true posterior.',
        correct: false,
        why: 'A diagonal Gaussian cannot in general equal $p_\\theta(z\\mid x)$; the remaining mismatch is exactly the gap between the ELBO and $\\log p_\\theta(x)$.',
      },
      {
        key: 'c',
        text: 'It approximates the true posterior.',
        correct: true,
        why: 'Training pushes $q_\\phi(z\\mid x)$ towards $p_\\theta(z\\mid x)$, because maximising the ELBO over $\\phi$ minimises $\\mathrm{KL}[q_\\phi(z\\mid x)\\,\\|\\,p_\\theta(z\\mid x)]$.',
      },
      {
        key: 'd',
        text: 'It is still needed when generating new samples.',
        correct: false,
        why: 'New samples come from $z \\sim p(z)$ passed through the decoder. The encoder is needed for training and for anything that starts from a given $x$ (reconstruction, embedding), not for sampling.',
      },
    ],
  },
  'quiz-7': {
    id: 'quiz-7',
    mode: 'single',
    options: [
      {
        key: 'a',
        text: '$-\\log D(G(z))$',
        correct: true,
        why: "Its derivative with respect to the discriminator's logit is $-(1 - D(G(z)))$, close to $-1$ when $D$ confidently rejects a sample, so a poor generator still gets a strong signal.",
      },
      {
        key: 'b',
        text: '$\\log(1 - D(G(z)))$',
        correct: false,
        why: 'Its derivative with respect to the logit is $-D(G(z))$, which vanishes exactly when $D$ confidently rejects the samples, the usual situation early in training: the loss saturates.',
      },
    ],
  },
};

/** The ids in page order. */
export const GENERATIVE_QUIZ_IDS = Object.keys(GENERATIVE_QUIZ);
