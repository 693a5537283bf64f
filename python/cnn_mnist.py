"""dl-52 in PyTorch: a small convolutional network for MNIST, the same architecture as the page's
TensorFlow.js one (src/lib/labs/cnn.ts):

    28x28x1 -> conv 5x5 (c1) + ReLU -> max-pool 2 -> conv 3x3 (c2) + ReLU -> max-pool 2 -> 5x5x c2
            -> flatten -> dense (hidden) + ReLU -> dense 10 (logits)

    python3 python/cnn_mnist.py --quick     # 1 epoch on 6,000 images
"""
import argparse

import torch
from torch import nn

from classifier_training import accuracy, count_parameters, fit, mnist_tensors


def cnn(c1=8, c2=16, hidden=64):
    return nn.Sequential(
        nn.Conv2d(1, c1, 5), nn.ReLU(), nn.MaxPool2d(2),  # 28 -> 24 -> 12
        nn.Conv2d(c1, c2, 3), nn.ReLU(), nn.MaxPool2d(2),  # 12 -> 10 -> 5
        nn.Flatten(),  # PyTorch flattens channel-first (c, h, w); tfjs flattens (h, w, c)
        nn.Linear(5 * 5 * c2, hidden), nn.ReLU(),
        nn.Linear(hidden, 10),
    )


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1 epoch on 6,000 images")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    n, epochs = (6000, 1) if args.quick else (60000, 3)
    x, y = mnist_tensors("train", n)
    xt, yt = mnist_tensors("test", 2000 if args.quick else None)
    model = cnn()
    print(f"{model}\nparameters: {count_parameters(model)}")
    fit(model, x, y, epochs, lr=3e-3, on_epoch=lambda e, l: print(f"epoch {e + 1}: training loss {l:.4f}"))
    print(f"test accuracy on {len(yt)} images: {accuracy(model, xt, yt):.4f}")


if __name__ == "__main__":
    main()
