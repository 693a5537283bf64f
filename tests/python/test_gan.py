"""dl-55: the losses' defining properties, the shapes, and the quick run."""
import os
import re

import torch

import gan


def test_losses_have_their_textbook_values():
    s = torch.tensor([0.0])
    ln2 = torch.log(torch.tensor(2.0)).item()
    assert abs(gan.discriminator_loss(s, s).item() - 2 * ln2) < 1e-6  # D undecided: -log 1/2 twice
    big = torch.tensor([-20.0])  # D confidently rejects the fake
    assert abs(gan.generator_loss(big, "minimax").item()) < 1e-6  # saturated: log(1 - D) is ~0 and flat
    assert gan.generator_loss(big).item() > 19  # non-saturating: -log D is large and still steep


def test_generator_makes_images_in_the_tanh_range():
    x = gan.generator()(torch.randn(5, gan.Z_DIM))
    assert x.shape == (5, 1, 28, 28) and x.min() >= -1 and x.max() <= 1


def test_quick_run_trains_and_writes_samples(script, tmp_path):
    path = tmp_path / "samples.pgm"
    out = script("gan.py", "--quick", "--out", str(path))
    assert re.search(r"step 150: D loss [\d.]+, G loss [\d.]+", out)
    with open(path, "rb") as f:
        assert f.readline() == b"P5 224 112 255\n"  # 32 samples in 8 columns of 28 pixels
    assert os.path.getsize(path) == len(b"P5 224 112 255\n") + 224 * 112
