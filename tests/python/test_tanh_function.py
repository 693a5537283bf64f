"""nn-026 / nn-027: TanhFunction against torch.tanh and the closed-form derivative, gradcheck verdicts."""
import math
import warnings

import torch

import tanh_function


def test_pure_python_tanh_matches_math_tanh_and_does_not_overflow():
    for z in (-800.0, -3.0, -0.2, 0.0, 0.37, 5.0, 800.0):
        assert abs(tanh_function.tanh_py(z) - math.tanh(z)) < 1e-15


def test_backward_is_one_minus_tanh_squared():
    x = torch.linspace(-4, 4, 41, dtype=torch.float64, requires_grad=True)
    tanh_function.TanhFunction.apply(x).sum().backward()
    assert torch.allclose(x.grad, 1 / torch.cosh(x.detach()) ** 2, atol=1e-14)


def test_gradcheck_accepts_the_correct_backward_and_rejects_the_broken_one():
    x = torch.tensor(tanh_function.QUESTION_INPUT, dtype=torch.float64, requires_grad=True)
    assert tanh_function.passes_gradcheck(tanh_function.TanhFunction.apply, x)
    assert not tanh_function.passes_gradcheck(tanh_function.BrokenTanhFunction.apply, x)


def test_float32_fails_the_default_tolerances_even_when_correct():
    x = torch.tensor(tanh_function.QUESTION_INPUT, dtype=torch.float32, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert not tanh_function.passes_gradcheck(tanh_function.TanhFunction.apply, x)


def test_script_prints_the_verdicts_and_the_count(script):
    out = script("tanh_function.py")
    assert "gradcheck, float64, correct backward: True" in out
    assert "gradcheck, float64, broken backward:  False" in out
    expected = (200 * 512 + 512) + (512 * 512 + 512) + (512 * 10 + 10)  # weights plus biases of each Linear
    assert f"hidden layers: 2; Linear layers: 3; parameters: {expected}" in out
