"""nn-001 / dl-51: the NumPy network's gradient check, dropout and its quick training run."""
import re

import numpy as np

import scratch_net


def small_problem(seed=0):
    rng = np.random.default_rng(seed)
    params = scratch_net.init_params(4, 6, 3, rng)
    params["b1"] += 0.1 * rng.standard_normal(6)
    return params, rng.standard_normal((5, 4)), rng.integers(0, 3, 5), rng


def test_backward_agrees_with_central_differences_with_and_without_dropout():
    params, X, y, rng = small_problem()
    _, mask = scratch_net.dropout_forward(np.ones((5, 6)), 0.5, rng)
    for m in (None, mask):
        errs = scratch_net.gradient_check(params, X, y, mask=m)
        assert max(errs.values()) < scratch_net.GRADCHECK_TOLERANCE, errs


def test_gradient_check_catches_a_wrong_backward_pass(monkeypatch):
    params, X, y, _ = small_problem(1)
    real_backward = scratch_net.backward

    def forgets_relu(params, cache, y):  # a classic slip: the ReLU mask left out of the backward pass
        g = real_backward(params, cache, y)
        n = cache["X"].shape[0]
        G2 = cache["P"].copy()
        G2[np.arange(n), y] -= 1.0
        G2 /= n
        g["W1"] = cache["X"].T @ (G2 @ params["W2"].T)
        return g

    monkeypatch.setattr(scratch_net, "backward", forgets_relu)
    errs = scratch_net.gradient_check(params, X, y)
    assert errs["W1"] > 1e-3


def test_inverted_dropout_keeps_the_expected_activation():
    rng = np.random.default_rng(3)
    a = np.ones((2000, 50))
    out, mask = scratch_net.dropout_forward(a, 0.3, rng)
    assert set(np.unique(mask)) == {0.0, 1 / 0.7}
    assert abs(out.mean() - 1.0) < 0.01  # E[a * M] = a
    assert abs((mask == 0).mean() - 0.3) < 0.01
    np.testing.assert_array_equal(scratch_net.dropout_backward(np.full_like(a, 2.0), mask), 2.0 * mask)


def test_quick_run_passes_its_checks_and_learns(script):
    out = script("scratch_net.py", "--quick")
    assert out.count("PASS") == 2
    acc = float(re.search(r"test accuracy on \d+ images: ([\d.]+)", out).group(1))
    assert acc > 0.8  # chance is 0.1; one epoch on 10,000 images reaches well above this
