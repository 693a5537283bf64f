"""mnist-train: the eight-layer MLP's structure and its quick training run."""
import re

from torch import nn

import mnist_mlp


def test_eight_linear_layers_with_relu_between_them_and_logits_out():
    model = mnist_mlp.mlp()
    linears = [m for m in model if isinstance(m, nn.Linear)]
    assert [(l.in_features, l.out_features) for l in linears] == list(zip(mnist_mlp.SIZES[:-1], mnist_mlp.SIZES[1:]))
    assert sum(isinstance(m, nn.ReLU) for m in model) == len(linears) - 1
    assert isinstance(model[-1], nn.Linear)


def test_quick_run_learns(script):
    out = script("mnist_mlp.py", "--quick")
    assert float(re.search(r"test accuracy on 10000 images: ([\d.]+)", out).group(1)) > 0.9
