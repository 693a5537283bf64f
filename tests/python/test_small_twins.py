"""nn-036/037, nn-045, nn-047, nn-083: the small twins run and their claims hold."""
import math

import torch

import batchnorm_bug
import vgg11_shapes
import normal_density
import stacked_pooling


def test_two_stacked_2x2_pools_equal_one_4x4_pool_in_floor_mode():
    for n in (4, 5, 6, 7, 221, 222):
        same, two, one = stacked_pooling.pools_agree(n, seed=n)
        assert same, (n, two, one)


def test_eval_mode_makes_the_output_independent_of_the_rest_of_the_batch():
    torch.manual_seed(0)
    model = stacked_pooling.Net()
    x = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        model.train()
        alone_train, _ = model(x[:1])
        model.bn.reset_running_stats()
        model.eval()
        alone, _ = model(x[:1])
        together, _ = model(x)
    assert torch.allclose(alone[0], together[0], atol=1e-6)
    assert not torch.allclose(alone_train[0], alone[0], atol=1e-3)  # training mode uses the batch's statistics


def test_normal_density_integrates_to_one_and_its_derivative_matches_central_differences():
    mu, sigma = 0.5, 1.5
    step = 1e-3
    total = sum(normal_density.normal_pdf(mu + (i + 0.5) * step, mu, sigma) for i in range(-15000, 15000)) * step
    assert abs(total - 1) < 1e-9
    for x in (-2.0, 0.0, 0.5, 3.0):
        h = 1e-6
        numeric = (normal_density.normal_pdf(x + h, mu, sigma) - normal_density.normal_pdf(x - h, mu, sigma)) / (2 * h)
        assert abs(normal_density.normal_pdf_dx(x, mu, sigma) - numeric) < 1e-9
    assert math.isclose(normal_density.normal_pdf(mu, mu, sigma), 1 / (sigma * math.sqrt(2 * math.pi)))


def test_batch_norm_standardises_each_channel_and_the_buggy_module_fails():
    x = torch.rand(4, 3, 9, 9) * torch.tensor([1.0, 10.0, 100.0]).view(1, 3, 1, 1)
    mean, std, _ = batchnorm_bug.per_channel_statistics(x)
    assert torch.allclose(mean, torch.zeros(3), atol=1e-5) and torch.allclose(std, torch.ones(3), atol=1e-3)
    try:
        batchnorm_bug.BNBuggy().eval()(x)
        raise AssertionError("the 32-channel batch norm accepted 64 channels")
    except RuntimeError:
        pass
    assert batchnorm_bug.BNFixed().eval()(x).shape == (4, 64, 9, 9)


def test_meta_device_shapes_equal_real_ones_on_a_small_input():
    features = vgg11_shapes.vgg11_features()
    small = [(1, 3, 64, 96)]
    assert vgg11_shapes.output_shapes(features, small) == vgg11_shapes.output_shapes(features, small, "meta")


def test_scripts_run(script):
    assert "last is MaxPool2d" in script("vgg11_shapes.py", "--quick")
    assert "identical: True" in script("stacked_pooling.py")
    assert "manhattan = 18" in script("manhattan.py")
    assert "BNBuggy fails" in script("batchnorm_bug.py")
    out = script("normal_density.py")
    assert "derivative (vs autograd)" in out
