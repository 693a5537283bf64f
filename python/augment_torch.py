"""dl-53 in PyTorch: the same real-time augmentation of CIFAR-10-shaped images in plain torch ops
(torchvision is not needed), applied per batch in DataLoader worker processes so that the next
batches are prepared in parallel while the model trains on the current one.

    python3 python/augment_torch.py --quick
"""
import argparse
import math
import time

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset

from cifar_standin import CLASSES, make_standin


def random_affine_grid(n, size, max_shift, max_degrees, generator):
    """Sampling grids for a random rotation (+-max_degrees) and shift (+-max_shift of the side) per image."""
    theta = (torch.rand(n, generator=generator) * 2 - 1) * math.radians(max_degrees)
    shift = (torch.rand(n, 2, generator=generator) * 2 - 1) * max_shift * 2  # grid coordinates span [-1, 1]
    cos, sin = torch.cos(theta), torch.sin(theta)
    mats = torch.stack([torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1)
    return F.affine_grid(mats, (n, 3, size, size), align_corners=False)


def augment(x, generator, max_shift=0.1, max_degrees=15.0, max_contrast=0.2):
    """x: float (n, 3, H, W) in [0, 1]. Horizontal flip, rotation + shift (reflecting borders), contrast."""
    n, _, size, _ = x.shape
    flip = torch.rand(n, generator=generator) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    x = F.grid_sample(x, random_affine_grid(n, size, max_shift, max_degrees, generator), padding_mode="reflection",
                      align_corners=False)
    factor = 1 + (torch.rand(n, 1, 1, 1, generator=generator) * 2 - 1) * max_contrast
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    return ((x - mean) * factor + mean).clamp(0, 1)


class AugmentedBatches(Dataset):
    """Item i is the i-th batch of this epoch, augmented afresh: a worker builds whole batches at once."""

    def __init__(self, images, labels, batch_size, train=True, seed=0):
        self.x = torch.from_numpy(images).permute(0, 3, 1, 2).contiguous()  # NHWC uint8 -> NCHW
        self.y = torch.from_numpy(labels).long()
        self.batch_size, self.train, self.seed, self.epoch = batch_size, train, seed, 0
        self.order = torch.arange(len(self.y))

    def new_epoch(self):
        self.epoch += 1
        g = torch.Generator().manual_seed(self.seed * 1000 + self.epoch)
        self.order = torch.randperm(len(self.y), generator=g) if self.train else torch.arange(len(self.y))

    def __len__(self):
        return math.ceil(len(self.y) / self.batch_size)

    def __getitem__(self, i):
        idx = self.order[i * self.batch_size : (i + 1) * self.batch_size]
        x = self.x[idx].float() / 255.0
        if self.train:
            g = torch.Generator().manual_seed(self.seed * 1_000_003 + self.epoch * 10_007 + i)
            x = augment(x, g)
        return x, self.y[idx]


def loader(ds, workers):
    # batch_size=None: the dataset already returns batches; workers > 0 prepares them in other processes.
    extra = {"prefetch_factor": 2} if workers else {}  # each worker keeps two batches ready
    return DataLoader(ds, batch_size=None, shuffle=False, num_workers=workers, **extra)


def small_cnn():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, CLASSES),
    )


def seconds_per_pass(ds, workers):
    start = time.perf_counter()
    for _ in loader(ds, workers):
        pass
    return time.perf_counter() - start


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2,000 images, 3 epochs")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    torch.set_num_threads(1)  # leave the cores to the loader workers; the model is tiny
    n, epochs = (2000, 3) if args.quick else (20000, 10)
    x_train, y_train = make_standin(n, seed=0)
    x_test, y_test = make_standin(n // 4, seed=1)
    train, test = AugmentedBatches(x_train, y_train, 64), AugmentedBatches(x_test, y_test, 256, train=False)
    print(f"stand-in for CIFAR-10: train {x_train.shape} {x_train.dtype}, test {x_test.shape}")
    xb, _ = train[0]
    print(f"augmented batch {tuple(xb.shape)} {xb.dtype}, values in [{xb.min().item():.3f}, {xb.max().item():.3f}]")
    again, _ = train[0]
    train.new_epoch()
    other, _ = train[0]
    print(f"same batch index, same epoch: identical={torch.equal(xb, again)}; next epoch: new images and transforms "
          f"(mean |difference| {(xb - other).abs().mean().item():.4f})")
    print(f"one pass over the augmented data: {seconds_per_pass(train, 0):.2f} s in the main process, "
          f"{seconds_per_pass(train, args.workers):.2f} s with {args.workers} workers")

    model = small_cnn()
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    losses = []
    for _ in range(epochs):
        train.new_epoch()
        model.train()
        total, count = 0.0, 0
        for xb, yb in loader(train, args.workers):
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total, count = total + loss.item() * len(yb), count + len(yb)
        losses.append(total / count)
    print("training loss per epoch: " + ", ".join(f"{v:.3f}" for v in losses))
    model.eval()
    with torch.no_grad():
        correct = sum((model(xb).argmax(1) == yb).sum().item() for xb, yb in loader(test, 0))
    print(f"test accuracy on the stand-in (no augmentation at test time): {correct / len(y_test):.3f}")


if __name__ == "__main__":
    main()
