/**
 * Every live demo's identity, written once: the name its island declares (`<Demo name>`) and mounts
 * (`mount(name, …)`), its heading, the Run button's label, whether a run can be cancelled, the
 * default seed of islands with a Seed field, and its provenance — the src/lib module that computes
 * what it shows and the unit test that checks it (./../demo/Provenance.astro reads both at build
 * time). An island keeps only what is its own: controls, outputs and its run.
 */
import { TASK_TEST_DEFAULTS } from '../../lib/autoencoder/test.ts';
import { VAE_DEFAULTS } from '../../lib/generative/vae.ts';
import { ANOMALY_LAB } from '../../lib/labs/anomaly.ts';
import { DIMRED_LAB } from '../../lib/labs/dimred.ts';
import { GAN_LAB } from '../../lib/labs/gan.ts';
import { SEQ2SEQ_LAB } from '../../lib/labs/seq2seq.ts';
import { TRANSFER_LAB } from '../../lib/labs/transfer.ts';
import { TRANSFORMER_LAB } from '../../lib/labs/transformer-task.ts';

export interface DemoIdentity {
  /** The demo's heading. */
  title: string;
  /** The Run button's label (default "Run"). */
  runLabel?: string;
  /** false for runs too short to need a Cancel button (default true). */
  cancellable?: boolean;
  /** The default seed: gives the demo a Seed field, read by the island as ctx.seed. */
  seed?: number;
  /** The src/lib module that computes what the demo shows. */
  module?: string;
  /** The unit test that checks that module. */
  test?: string;
}

export const DEMOS = {
  'activation-lab': {
    title: 'Activation functions and their derivatives',
    runLabel: 'Plot',
    module: 'src/lib/calculus/activations.ts',
    test: 'tests/unit/calculus.test.ts',
    cancellable: false,
  },
  'gradcheck-lab': {
    title: 'Custom backward passes, checked',
    runLabel: 'Run gradient check',
    cancellable: false,
  },
  'dl41-attack': {
    title: 'Attack the shipped MNIST network: FGSM and PGD',
    runLabel: 'Load and attack',
    module: 'src/lib/adversarial/attack-lab.ts',
    test: 'tests/unit/dl41-adversarial.test.ts',
  },
  'dl41-squeeze': {
    title: 'Defence (a): squeeze the bit depth — and attack it properly',
    runLabel: 'Load and compare',
    module: 'src/lib/adversarial/attack-lab.ts',
    test: 'tests/unit/dl41-adversarial.test.ts',
    seed: 1,
  },
  'dl41-advtrain': {
    title: 'Defence (b): adversarial training versus plain training',
    runLabel: 'Load and train both',
    module: 'src/lib/adversarial/defences.ts',
    test: 'tests/unit/dl41-adversarial.test.ts',
    seed: 1,
  },
  'ae-search': {
    title: 'Automated search: random search vs successive halving, scored by FID',
    runLabel: 'Run the search',
    module: 'src/lib/autoencoder/search-experiment.ts',
    test: 'tests/unit/autoencoder-search.test.ts',
  },
  'ae-task': {
    title: "The autoencoder task's test, run in your browser",
    runLabel: 'Run the test',
    module: 'src/lib/autoencoder/test.ts',
    test: 'tests/unit/autoencoder-task.test.ts',
    seed: TASK_TEST_DEFAULTS.seed,
  },
  'lab-anomaly': {
    title: 'Anomaly detection by reconstruction error',
    runLabel: 'Load and train',
    module: 'src/lib/labs/anomaly.ts',
    test: 'tests/unit/labs-anomaly.test.ts',
    seed: ANOMALY_LAB.seed,
  },
  'lab-augment': {
    title: 'Real-time augmentation of MNIST digits',
    runLabel: 'Augment',
    module: 'src/lib/labs/augment.ts',
    test: 'tests/unit/labs-augment.test.ts',
  },
  'lab-char-lstm': {
    title: 'A character-level LSTM writes (something like) sonnets',
    runLabel: 'Train and generate',
    module: 'src/lib/labs/char-lstm.ts',
    test: 'tests/unit/labs-char-lstm.test.ts',
    seed: 1,
  },
  'lab-cnn': {
    title: 'Train a small CNN on MNIST',
    runLabel: 'Load and train',
    module: 'src/lib/labs/cnn.ts',
    test: 'tests/unit/labs-cnn.test.ts',
    seed: 1,
  },
  'lab-dimred': {
    title: 'Two numbers per digit: autoencoder vs PCA',
    runLabel: 'Load and train',
    seed: DIMRED_LAB.seed,
  },
  'fewshot-proto': {
    title: 'Few-shot digits: prototypes of classes the network never saw',
    runLabel: 'Load, train and test',
    module: 'src/lib/fewshot/run.ts',
    test: 'tests/unit/fewshot-train.test.ts',
  },
  'lab-gan': {
    title: 'A GAN on MNIST: minimax vs non-saturating generator loss',
    runLabel: 'Train',
    seed: GAN_LAB.seed,
  },
  'gen-gan-losses': {
    title: 'Rebuilt plots: log(1 − D(G(z))) versus −log D(G(z))',
    runLabel: 'Compute and plot',
    module: 'src/lib/generative/gan-losses.ts',
    test: 'tests/unit/generative-maths.test.ts',
    cancellable: false,
  },
  'gen-vae': {
    title: 'A small VAE on MNIST, trained here with the reparameterisation trick',
    runLabel: 'Load MNIST and train',
    seed: VAE_DEFAULTS.seed,
  },
  'layers-batchnorm': {
    title: 'Batch normalisation on an RGB batch, and the channel-count bug',
    runLabel: 'Run',
    module: 'src/lib/layers/batchnorm.ts',
    test: 'tests/unit/layers-norm.test.ts',
  },
  'layers-conv-size': {
    title: 'Convolution output size: formula versus tfjs',
    runLabel: 'Compute',
    module: 'src/lib/layers/conv-arithmetic.ts',
    test: 'tests/unit/layers-shapes.test.ts',
    cancellable: false,
  },
  'layers-dropout-posterior': {
    title: 'Posterior of the drop rate θ (uniform prior)',
    runLabel: 'Compute',
    module: 'src/lib/layers/beta.ts',
    test: 'tests/unit/layers-dropout.test.ts',
  },
  'layers-dropout-stack': {
    title: 'Dropout experiments with tf.dropout',
    runLabel: 'Run',
    module: 'src/lib/layers/dropout.ts',
    test: 'tests/unit/layers-dropout.test.ts',
  },
  'layers-gaussian': {
    title: 'Normal density and its derivative',
    runLabel: 'Plot',
    module: 'src/lib/layers/gaussian.ts',
    test: 'tests/unit/layers-norm.test.ts',
    cancellable: false,
  },
  'layers-maxpool': {
    title: 'Two 2×2 max-pools or one 4×4 max-pool?',
    runLabel: 'Run the module',
    module: 'src/lib/layers/maxpool.ts',
    test: 'tests/unit/layers-shapes.test.ts',
  },
  'layers-residual': {
    title: 'Residual blocks and the identity map',
    runLabel: 'Run',
    module: 'src/lib/layers/residual.ts',
    test: 'tests/unit/layers-norm.test.ts',
    seed: 1,
  },
  'layers-vgg11': {
    title: 'VGG11 features, layer by layer (random weights)',
    runLabel: 'Build and run',
    module: 'src/lib/layers/vgg11.ts',
    test: 'tests/unit/layers-shapes.test.ts',
  },
  'layers-weight-norm': {
    title: 'Weight normalisation: gradients and the growth of ‖v‖',
    runLabel: 'Check',
    module: 'src/lib/layers/weight-norm.ts',
    test: 'tests/unit/layers-norm.test.ts',
    cancellable: false,
  },
  'layers-worked': {
    title: 'Convolution, ReLU and max-pooling by the numbers',
    runLabel: 'Compute',
    module: 'src/lib/layers/worked-example.ts',
    test: 'tests/unit/layers-shapes.test.ts',
    cancellable: false,
  },
  'linear-collapse': {
    title: 'Two linear layers are one; ReLU changes that',
    runLabel: 'Run the experiment',
    module: 'src/lib/experiments/linear-collapse.ts',
    test: 'tests/unit/linear-collapse.test.ts',
    seed: 1,
  },
  'mnist-quick': {
    title: 'Load MNIST and train a small MLP',
    runLabel: 'Load and train',
    module: 'src/lib/experiments/mnist-quick.ts',
    test: 'tests/unit/mnist-quick.test.ts',
    seed: 1,
  },
  'optim-dead-relu': {
    title: 'Dead ReLUs: detect them, cause them, avoid them',
    runLabel: 'Load and train',
    module: 'src/lib/optim/dead-relu.ts',
    test: 'tests/unit/optim.test.ts',
    seed: 1,
  },
  'optim-distances': {
    title: 'Manhattan and Euclidean distance on the active backend',
    runLabel: 'Compute',
    module: 'src/lib/optim/distances.ts',
    test: 'tests/unit/optim.test.ts',
  },
  'optim-gradflow': {
    title: 'Where does the gradient go? Per-layer gradient norms',
    runLabel: 'Measure',
    seed: 1,
  },
  'optim-mnist': {
    title: 'SGD, momentum and Adam on MNIST',
    runLabel: 'Load and train',
    module: 'src/lib/optim/mnist-optimizers.ts',
    test: 'tests/unit/optim.test.ts',
    seed: 1,
  },
  'optim-pruning': {
    title: 'Magnitude pruning: accuracy against sparsity',
    runLabel: 'Load, train and prune',
    module: 'src/lib/optim/pruning.ts',
    test: 'tests/unit/optim.test.ts',
    seed: 1,
  },
  'optim-surface': {
    title: 'SGD, momentum and Adam on a narrow valley',
    runLabel: 'Run the optimisers',
    module: 'src/lib/optim/surface.ts',
    test: 'tests/unit/optim.test.ts',
  },
  'qlearning-grid': {
    title: 'Q-learning on a grid world',
    runLabel: 'Learn',
    module: 'src/lib/fewshot/gridworld.ts',
    test: 'tests/unit/fewshot-gridworld.test.ts',
  },
  'reg-bagging': {
    title: 'Bagging: v/k + (k − 1)c/k by simulation, then with real networks',
    runLabel: 'Run',
    module: 'src/lib/regularisation/bagging.ts',
    test: 'tests/unit/regularisation-ensembles.test.ts',
    seed: 1,
  },
  'reg-dropout-scaling': {
    title: 'Weight scaling and inverted dropout give the same expected pre-activations',
    runLabel: 'Sample masks',
    module: 'src/lib/regularisation/dropout-scaling.ts',
    test: 'tests/unit/regularisation-ensembles.test.ts',
    cancellable: false,
    seed: 1,
  },
  'reg-early-stopping': {
    title: 'Early stopping with patience on a live validation curve',
    runLabel: 'Load MNIST and train',
    module: 'src/lib/regularisation/early-stopping.ts',
    test: 'tests/unit/regularisation-early-stopping.test.ts',
    seed: 1,
  },
  'reg-label-smoothing': {
    title: 'Label smoothing against hard targets: logit gap, confidence and calibration',
    runLabel: 'Load MNIST and train',
    module: 'src/lib/regularisation/label-smoothing.ts',
    test: 'tests/unit/regularisation-smoothing.test.ts',
  },
  'reg-overfit-batch': {
    title: 'Overfit one small batch first: a correct pipeline against a buggy one',
    runLabel: 'Load MNIST and train',
    module: 'src/lib/regularisation/overfit-batch.ts',
    test: 'tests/unit/regularisation-ensembles.test.ts',
    seed: 1,
  },
  'reg-penalty-paths': {
    title: 'L1 versus L2: coefficient paths, zeros, and gradient descent against the closed forms',
    runLabel: 'Run',
    module: 'src/lib/regularisation/penalty-comparison.ts',
    test: 'tests/unit/regularisation-penalty-comparison.test.ts',
  },
  'reg-subnetworks': {
    title:
      'Every subnetwork of a small base network, and the weight-scaling rule against the exact ensemble',
    runLabel: 'Enumerate',
    module: 'src/lib/regularisation/subnetworks.ts',
    test: 'tests/unit/regularisation-ensembles.test.ts',
    cancellable: false,
  },
  'reg-weight-decay': {
    title: 'Weight decay: the unused weight shrinks by (1 − ηα) every step',
    runLabel: 'Run',
    module: 'src/lib/regularisation/linalg.ts',
    test: 'tests/unit/regularisation-penalties.test.ts',
  },
  'lab-resnet': {
    title: 'Transfer a small ResNet from digits 0–4 to digits 5–9',
    runLabel: 'Pre-train and transfer',
    module: 'src/lib/labs/transfer.ts',
    test: 'tests/unit/labs-resnet.test.ts',
    seed: TRANSFER_LAB.seed,
  },
  'robust-eval': {
    title: 'The shipped model on clean, t1, t2, t3 and t4',
    runLabel: 'Evaluate',
  },
  'robust-fix': {
    title: 'Train a fix and compare it with the shipped model',
    runLabel: 'Train the fix',
  },
  'robust-fix-t1': {
    title: 'Undo t1 inside the network: recover the permutation, permute the first layer',
    runLabel: 'Recover and fix',
  },
  'robust-general': {
    title: 'One model for all variants (variant id given at test time)',
    runLabel: 'Train the general model',
    module: 'src/lib/robustness/evaluate.ts',
    test: 'tests/unit/robustness.test.ts',
    seed: 2,
  },
  'robust-npy': {
    title: 'Evaluate the shipped model on your own .npy files',
    runLabel: 'Evaluate my files',
  },
  'robust-sweep': {
    title: 'Random versus adversarial noise: accuracy against perturbation size',
    runLabel: 'Sweep',
    module: 'src/lib/robustness/attacks.ts',
    test: 'tests/unit/robustness.test.ts',
  },
  'robust-train': {
    title: "Train the task's eight-layer MLP in your browser",
    runLabel: 'Train',
  },
  'lab-scratch': {
    title: 'A network from scratch on MNIST: gradient check, then training',
    runLabel: 'Check and train',
    module: 'src/lib/calculus/scratch-net.ts',
    test: 'tests/unit/scratch-net.test.ts',
    seed: 1,
  },
  'scratch-net': {
    title: 'A two-layer ReLU network with dropout, from scratch',
    runLabel: 'Train from scratch',
    module: 'src/lib/calculus/scratch-net.ts',
    test: 'tests/unit/scratch-net.test.ts',
  },
  'lab-seq2seq': {
    title: 'Sequence to sequence with attention, trained in your browser',
    runLabel: 'Train',
    module: 'src/lib/labs/seq2seq.ts',
    test: 'tests/unit/labs-seq2seq.test.ts',
    seed: SEQ2SEQ_LAB.seed,
  },
  'lab-seq2seq-chat': {
    title: 'Chat: the same model as a tiny chatbot',
    runLabel: 'Train the chatbot',
    module: 'src/lib/labs/chatbot.ts',
    test: 'tests/unit/labs-seq2seq.test.ts',
    seed: 1,
  },
  'dl42-style': {
    title: 'Gram-matrix style transfer on 32×32 pictures',
    runLabel: 'Optimise',
    module: 'src/lib/style/features.ts',
    test: 'tests/unit/dl42-style.test.ts',
  },
  'training-batch': {
    title: 'Batch size 1, a mini-batch, or the whole training set',
    runLabel: 'Train three networks',
    module: 'src/lib/hyperparameters/batch-size.ts',
    test: 'tests/unit/training-batch.test.ts',
    seed: 1,
  },
  'training-kfold': {
    title: 'One hold-out split versus k-fold cross-validation (iris-like data)',
    runLabel: 'Split and score',
    module: 'src/lib/hyperparameters/data.ts',
    test: 'tests/unit/training-kfold.test.ts',
    seed: 1,
  },
  'training-lr': {
    title: 'Learning rate: too low, about right, too high — and warm-up',
    runLabel: 'Train five networks',
    module: 'src/lib/hyperparameters/lr-curves.ts',
    test: 'tests/unit/training-lr.test.ts',
    seed: 1,
  },
  'training-overfit': {
    title: 'A validation curve: training longer than you should',
    runLabel: 'Train',
    module: 'src/lib/hyperparameters/overfit.ts',
    test: 'tests/unit/training-init-overfit.test.ts',
    seed: 1,
  },
  'training-search': {
    title: 'Grid search versus random search, same budget',
    runLabel: 'Compare',
    module: 'src/lib/hyperparameters/search.ts',
    test: 'tests/unit/training-search.test.ts',
  },
  'training-symmetry': {
    title: 'Zero, constant and random initial weights',
    runLabel: 'Train three networks',
    module: 'src/lib/hyperparameters/symmetry.ts',
    test: 'tests/unit/training-init-overfit.test.ts',
    seed: 1,
  },
  'lab-transformer': {
    title: 'A small Transformer translates number words into digits',
    runLabel: 'Train',
    module: 'src/lib/labs/numwords.ts',
    test: 'tests/unit/labs-transformer.test.ts',
    seed: TRANSFORMER_LAB.seed,
  },
  'xor-lab': {
    title: 'Training the smallest XOR network (2 → 2 → 1)',
    runLabel: 'Train',
    module: 'src/lib/experiments/perceptron.ts',
    test: 'tests/unit/perceptron.test.ts',
  },
  'ae-shifts-uncertainty': {
    title: 'Uncertainty methods on shifted digits, trained in your browser',
    runLabel: 'Train and evaluate',
  },
  'ae-shifts-ood': {
    title: 'Reconstruction error as an out-of-distribution score, trained in your browser',
    runLabel: 'Train and evaluate',
  },
  'perceptron-node': {
    title: 'One hidden node: the sum, then ReLU',
    runLabel: 'Compute',
    module: 'src/lib/experiments/perceptron-report.ts',
    test: 'tests/unit/perceptron-report.test.ts',
    cancellable: false,
  },
  'perceptron-mlp': {
    title: 'The 2-3-2 MLP: hidden values, outputs, softmax, loss',
    runLabel: 'Compute',
    module: 'src/lib/experiments/perceptron-report.ts',
    test: 'tests/unit/perceptron-report.test.ts',
    cancellable: false,
  },
  'perceptron-sums': {
    title: 'A single threshold unit over the four binary inputs',
    runLabel: 'Compute',
    module: 'src/lib/experiments/perceptron-report.ts',
    test: 'tests/unit/perceptron-report.test.ts',
    cancellable: false,
  },
  'perceptron-and': {
    title: 'AND from one threshold unit (and why XOR is impossible)',
    runLabel: 'Compute',
    module: 'src/lib/experiments/perceptron-report.ts',
    test: 'tests/unit/perceptron-report.test.ts',
    cancellable: false,
  },
  'perceptron-activations': {
    title: 'Sigmoid vs its 2^(−1.44x) approximation, and tanh',
    runLabel: 'Compute',
    module: 'src/lib/experiments/perceptron-report.ts',
    test: 'tests/unit/perceptron-report.test.ts',
    cancellable: false,
  },
} satisfies Record<string, DemoIdentity>;

/** A demo's name: `<Demo name>` and `mount(name)` accept only these. */
export type DemoName = keyof typeof DEMOS;
