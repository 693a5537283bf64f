"""dl-53: the Keras pipeline (skipped without tensorflow) and its PyTorch twin."""
import importlib.util
import re

import numpy as np
import pytest
import torch

import augment_torch
from cifar_standin import make_standin

HAS_TENSORFLOW = importlib.util.find_spec("tensorflow") is not None and importlib.util.find_spec("keras") is not None


def test_standin_has_cifar10_shapes_and_all_classes():
    x, y = make_standin(500, seed=3)
    assert x.shape == (500, 32, 32, 3) and x.dtype == np.uint8
    assert y.dtype == np.uint8 and set(np.unique(y)) == set(range(10))


def test_torch_augmentation_keeps_shape_range_and_is_reproducible():
    x = torch.rand(16, 3, 32, 32)
    a = augment_torch.augment(x, torch.Generator().manual_seed(1))
    b = augment_torch.augment(x, torch.Generator().manual_seed(1))
    c = augment_torch.augment(x, torch.Generator().manual_seed(2))
    assert a.shape == x.shape and a.min() >= 0 and a.max() <= 1
    assert torch.equal(a, b)
    assert not torch.allclose(a, c)


def test_torch_augmentation_with_zero_ranges_is_at_most_a_flip():
    x = torch.rand(32, 3, 32, 32)
    out = augment_torch.augment(x, torch.Generator().manual_seed(0), max_shift=0.0, max_degrees=0.0, max_contrast=0.0)
    for orig, aug in zip(x, out):
        assert torch.allclose(aug, orig, atol=1e-5) or torch.allclose(aug, orig.flip(2), atol=1e-5)


def test_batches_keep_their_labels_and_test_batches_are_not_augmented():
    x, y = make_standin(100, seed=0)
    test = augment_torch.AugmentedBatches(x, y, 40, train=False)
    xb, yb = test[1]
    assert torch.equal(yb, torch.from_numpy(y[40:80]).long())
    assert torch.equal(xb, torch.from_numpy(x[40:80]).permute(0, 3, 1, 2).float() / 255)
    train = augment_torch.AugmentedBatches(x, y, 40)
    train.new_epoch()
    xb, yb = train[0]
    assert torch.equal(yb, torch.from_numpy(y)[train.order[:40]].long())


def test_torch_quick_run_learns_the_standin(script):
    out = script("augment_torch.py", "--quick")
    assert float(re.search(r"test accuracy .*: ([\d.]+)", out).group(1)) > 0.5  # chance is 0.1


@pytest.mark.skipif(not HAS_TENSORFLOW, reason="tensorflow/keras not installed (CI has only torch); "
                    "the committed output src/data/augment-keras-run.txt comes from a local run")
def test_keras_quick_run_learns_the_standin(script):
    out = script("augment_keras.py", "--quick")
    assert "augmented batch (64, 32, 32, 3) float32, values in [0.000, 1.000]" in out
    assert float(re.search(r"test accuracy .*: ([\d.]+)", out).group(1)) > 0.5
