"""dl-52: the CNN's shapes and its quick training run."""
import re

import torch

import cnn_mnist


def test_feature_map_reaches_five_by_five_before_the_dense_layers():
    model = cnn_mnist.cnn(c1=4, c2=6, hidden=8)
    x = torch.zeros(3, 1, 28, 28)
    assert model[:6](x).shape == (3, 6, 5, 5)
    assert model(x).shape == (3, 10)


def test_quick_run_learns(script):
    out = script("cnn_mnist.py", "--quick")
    assert float(re.search(r"test accuracy on \d+ images: ([\d.]+)", out).group(1)) > 0.8
