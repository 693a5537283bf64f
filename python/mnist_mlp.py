"""mnist-train in PyTorch: the task's eight-layer MLP 784-500-500-500-200-200-100-50-10 (ReLU after every
layer but the last), trained with Adam to above 95 % test accuracy, as the page's TensorFlow.js baseline.

    python3 python/mnist_mlp.py             # 2 epochs on all 60,000 images, batch 128, lr 1e-3
    python3 python/mnist_mlp.py --quick     # 1 epoch on 20,000 images
"""
import argparse

import torch
from torch import nn

from classifier_training import accuracy, count_parameters, fit, mnist_tensors

SIZES = (784, 500, 500, 500, 200, 200, 100, 50, 10)
TRAINING = {"epochs": 2, "batch_size": 128, "lr": 1e-3, "seed": 1}  # the page's baseline recipe


def mlp(sizes=SIZES):
    """He-initialised (normal, std sqrt(2 / fan_in)) with zero biases, as the page's model."""
    layers = [nn.Flatten()]
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        linear = nn.Linear(fan_in, fan_out)
        nn.init.kaiming_normal_(linear.weight, nonlinearity="relu")
        nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1 epoch on 20,000 images")
    args = ap.parse_args(argv)
    torch.manual_seed(TRAINING["seed"])
    n, epochs = (20000, 1) if args.quick else (None, TRAINING["epochs"])
    x, y = mnist_tensors("train", n)
    xt, yt = mnist_tensors("test")
    model = mlp()
    print(f"layers with weights: {len(SIZES) - 1}; parameters: {count_parameters(model)}")
    fit(model, x, y, epochs, batch_size=TRAINING["batch_size"], lr=TRAINING["lr"], seed=TRAINING["seed"], on_epoch=lambda e, l: print(f"epoch {e + 1}: training loss {l:.4f}"))
    acc = accuracy(model, xt, yt)
    print(f"test accuracy on {len(yt)} images: {acc:.4f} ({'meets' if acc >= 0.95 else 'misses'} the 95 % target)")


if __name__ == "__main__":
    main()
