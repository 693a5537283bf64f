/**
 * The site's glossary: key terms in our own words. The glossary page lists them; the build links the
 * first use of each term on every answer page to its entry (scripts/glossary-links.ts).
 */
export interface Term {
  /** Anchor on the glossary page: /glossary/#id. */
  id: string;
  term: string;
  /** Lower-case spellings linked in page text (whole words), the term itself first. */
  forms: string[];
  definition: string;
}

export const TERMS: readonly Term[] = [
  {
    id: 'pre-activation',
    term: 'Pre-activation',
    forms: ['pre-activation', 'weighted sum'],
    definition:
      'What a unit computes before its activation function: the weighted sum of its inputs plus its bias, z = wᵀx + b.',
  },
  {
    id: 'activation-function',
    term: 'Activation function',
    forms: ['activation function', 'activation functions'],
    definition:
      'The function a unit applies to its pre-activation. A nonlinear one is what lets stacked layers represent more than a single linear map.',
  },
  {
    id: 'relu',
    term: 'ReLU',
    forms: ['relu'],
    definition:
      'Rectified linear unit, max(0, z): passes positive inputs unchanged and outputs zero otherwise, so its gradient is 1 or 0.',
  },
  {
    id: 'sigmoid',
    term: 'Sigmoid',
    forms: ['sigmoid'],
    definition:
      'The logistic function 1/(1 + e^(−z)), which squashes any real number into (0, 1); it flattens out, and its gradient vanishes, for large |z|.',
  },
  {
    id: 'tanh',
    term: 'tanh',
    forms: ['tanh'],
    definition:
      'The hyperbolic tangent, a sigmoid-shaped curve from −1 to 1 that is zero at zero; tanh(z) = 2σ(2z) − 1.',
  },
  {
    id: 'softmax',
    term: 'Softmax',
    forms: ['softmax'],
    definition:
      'Turns a vector of scores into probabilities: exponentiate each score and divide by the sum. Adding the same constant to every score changes nothing.',
  },
  {
    id: 'cross-entropy',
    term: 'Cross-entropy',
    forms: ['cross-entropy'],
    definition:
      'The loss −Σ tᵢ log pᵢ between a target distribution t and a prediction p; for a one-hot target it is minus the log of the probability given to the right class.',
  },
  {
    id: 'perceptron',
    term: 'Perceptron',
    forms: ['perceptron', 'perceptrons'],
    definition:
      'A single unit that outputs 1 when its pre-activation is positive and 0 otherwise. Its learning rule adds a misclassified input to the weights when the output should have been 1 and subtracts it when it should have been 0.',
  },
  {
    id: 'mlp',
    term: 'Multi-layer perceptron (MLP)',
    forms: ['multi-layer perceptron', 'mlp'],
    definition:
      'A feed-forward network of fully connected layers with a nonlinearity between them; the layers between input and output are its hidden layers.',
  },
  {
    id: 'hidden-layer',
    term: 'Hidden layer',
    forms: ['hidden layer', 'hidden layers'],
    definition:
      'A layer whose units are neither the network’s inputs nor its outputs; counting them is how one says how deep an MLP is.',
  },
  {
    id: 'backpropagation',
    term: 'Backpropagation',
    forms: ['backpropagation'],
    definition:
      'Computing the gradient of the loss with respect to every parameter by applying the chain rule from the output back towards the input, reusing each intermediate result.',
  },
  {
    id: 'gradient-check',
    term: 'Gradient check',
    forms: ['gradient check', 'gradient checking', 'gradcheck'],
    definition:
      'Comparing an analytic gradient with finite differences of the function; a large relative difference means the backward pass is wrong.',
  },
  {
    id: 'learning-rate',
    term: 'Learning rate',
    forms: ['learning rate'],
    definition:
      'The step size of gradient descent: how far the parameters move along the negative gradient in one update.',
  },
  {
    id: 'epoch',
    term: 'Epoch',
    forms: ['epoch', 'epochs'],
    definition: 'One pass of training over every example of the training set.',
  },
  {
    id: 'overfitting',
    term: 'Overfitting',
    forms: ['overfitting'],
    definition:
      'Fitting the training data, noise included, so closely that the error on unseen data rises while the training error keeps falling.',
  },
  {
    id: 'regularisation',
    term: 'Regularisation',
    forms: ['regularisation', 'regularization'],
    definition:
      'Anything added to training to make a model generalise better rather than fit the training set better: weight penalties, dropout, early stopping, data augmentation.',
  },
  {
    id: 'dropout',
    term: 'Dropout',
    forms: ['dropout'],
    definition:
      'During training, zeroing each unit’s output at random with probability p and scaling the survivors by 1/(1 − p); at test time every unit is kept.',
  },
  {
    id: 'batch-normalisation',
    term: 'Batch normalisation',
    forms: ['batch normalisation', 'batch normalization', 'batch norm'],
    definition:
      'Standardising each channel with the mean and variance of the current mini-batch, then applying a learned scale and shift; at test time running averages replace the batch statistics.',
  },
  {
    id: 'convolution',
    term: 'Convolution',
    forms: ['convolution', 'convolutions'],
    definition:
      'Sliding a small filter over an input and taking, at each position, the sum of elementwise products; deep-learning libraries compute cross-correlation and call it convolution.',
  },
  {
    id: 'stride',
    term: 'Stride',
    forms: ['stride'],
    definition:
      'How many positions a filter or pooling window moves between outputs; a stride of s shrinks each spatial size by about a factor of s.',
  },
  {
    id: 'padding',
    term: 'Padding',
    forms: ['padding'],
    definition:
      'Values (usually zeros) added around an input’s border before a convolution, so that border pixels are used as often as others and the output size can be controlled.',
  },
  {
    id: 'max-pooling',
    term: 'Max pooling',
    forms: ['max pooling', 'max-pooling'],
    definition:
      'Replacing each window of a feature map by its largest value, which shrinks the map and makes the output insensitive to small shifts.',
  },
  {
    id: 'autoencoder',
    term: 'Autoencoder',
    forms: ['autoencoder', 'autoencoders'],
    definition:
      'A network trained to reproduce its input through a narrower intermediate code, so that the code has to keep what matters about the input.',
  },
  {
    id: 'float32',
    term: 'float32',
    forms: ['float32'],
    definition:
      'Single-precision floating point: about 7 significant decimal digits, the default in PyTorch and TensorFlow.js, so results agree with a float64 reference only to about that precision.',
  },
];
