"""A generated stand-in for CIFAR-10 with the same shapes and types (uint8 images 32x32x3, labels
0-9): CIFAR-10 cannot be downloaded on the machines that build and test this site.

Each class has its own colour and its own position for a bright square, plus pixel noise, so a small
network can learn it in seconds. It exercises the pipeline (shapes, types, throughput, training); it
says nothing about which transforms help on real photographs.
"""
import numpy as np

SHAPE = (32, 32, 3)
CLASSES = 10


def make_standin(n, seed=0):
    """n images (n, 32, 32, 3) uint8 and labels (n,) uint8, reproducible from `seed`."""
    rng = np.random.default_rng(seed)
    palette = np.random.default_rng(1234).uniform(40, 215, size=(CLASSES, 3))
    labels = rng.integers(0, CLASSES, n).astype(np.uint8)
    images = rng.normal(0, 25, size=(n, *SHAPE)) + palette[labels][:, None, None, :]
    for i, c in enumerate(labels):
        row, col = 4 + 2 * (c // 5) * 5, 4 + 5 * (c % 5)
        images[i, row : row + 6, col : col + 6, :] += 60
    return np.clip(images, 0, 255).astype(np.uint8), labels
