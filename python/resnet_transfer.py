"""dl-58 in PyTorch: transfer learning with a small residual network, entirely on MNIST (no ImageNet
weights can be downloaded here): pre-train on digits 0-4, then learn digits 5-9 from a few labelled
images per class in three ways with the same budget -- fine-tune everything, freeze the body and train
a new head (linear probe), or train the same architecture from scratch.

    python3 python/resnet_transfer.py --quick

With Keras and ImageNet weights the same recipe reads: base = keras.applications.ResNet50(
weights="imagenet", include_top=False, pooling="avg"); base.trainable = False; add a Dense head; fit;
then unfreeze the top blocks and fit again with a learning rate ten times smaller.
"""
import argparse
import copy

import torch
from torch import nn

from classifier_training import accuracy, fit, mnist_tensors


class Block(nn.Module):
    """Pre-activation residual block y = shortcut(x) + conv(relu(conv(relu(x)))); its last conv starts at zero."""

    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.branch = nn.Sequential(
            nn.ReLU(), nn.Conv2d(c_in, c_out, 3, stride, 1), nn.ReLU(), nn.Conv2d(c_out, c_out, 3, 1, 1))
        nn.init.zeros_(self.branch[-1].weight)
        nn.init.zeros_(self.branch[-1].bias)
        self.shortcut = nn.Identity() if stride == 1 and c_in == c_out else nn.Conv2d(c_in, c_out, 1, stride)

    def forward(self, x):
        return self.shortcut(x) + self.branch(x)


def body(w1=16, w2=32):
    """28x28 -> conv, pool -> 14x14 block -> 7x7 block (stride 2) -> ReLU, global average pool, layer norm."""
    return nn.Sequential(
        nn.Conv2d(1, w1, 3, padding=1), nn.MaxPool2d(2),
        Block(w1, w1), Block(w1, w2, stride=2),
        nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.LayerNorm(w2),
    )


def classifier(features, head_seed):
    torch.manual_seed(head_seed)
    return nn.Sequential(features, nn.Linear(features[-1].normalized_shape[0], 5))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller pre-training set and fewer epochs")
    ap.add_argument("--per-class", type=int, default=10, help="labelled target images per digit 5-9")
    args = ap.parse_args(argv)
    n_source, source_epochs, target_epochs = (4000, 2, 15) if args.quick else (30000, 3, 30)

    xs, ys = mnist_tensors("train", n_source, digits=[0, 1, 2, 3, 4])
    torch.manual_seed(0)
    pretrained = body()
    source_model = nn.Sequential(pretrained, nn.Linear(32, 5))
    fit(source_model, xs, ys, source_epochs, lr=2e-3)
    xst, yst = mnist_tensors("test", 1000, digits=[0, 1, 2, 3, 4])
    print(f"source task (digits 0-4): test accuracy {accuracy(source_model, xst, yst):.3f} after {len(ys)} images x {source_epochs} epoch(s)")

    xt_all, yt_all = mnist_tensors("train", None, digits=[5, 6, 7, 8, 9])
    few = torch.cat([torch.nonzero(yt_all == d)[: args.per_class, 0] for d in range(5, 10)])
    xt, yt = xt_all[few], yt_all[few] - 5
    xtt, ytt = mnist_tensors("test", 1000 if args.quick else None, digits=[5, 6, 7, 8, 9])
    ytt = ytt - 5

    for arm in ("fine-tune", "frozen", "scratch"):
        if arm == "scratch":
            torch.manual_seed(1)
            features = body()
        else:
            features = copy.deepcopy(pretrained)
        model = classifier(features, head_seed=2)
        params = model[1].parameters() if arm == "frozen" else model.parameters()
        if arm == "frozen":
            features.requires_grad_(False)
        fit(model, xt, yt, target_epochs, batch_size=16, lr=2e-3, params=params)
        print(f"{arm:9s}: target test accuracy {accuracy(model, xtt, ytt):.3f} "
              f"({len(yt)} labelled images, {target_epochs} epochs)")


if __name__ == "__main__":
    main()
