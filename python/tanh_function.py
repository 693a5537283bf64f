"""nn-026 and nn-027: tanh in pure Python, a torch.autograd.Function with a hand-written backward
pass checked by torch.autograd.gradcheck, and the parameter count of the question's tanh network.

    python3 python/tanh_function.py
"""
import math
import warnings

import torch
from torch import nn
from torch.autograd import Function, gradcheck

QUESTION_INPUT = [[0.37, 0.192, 0.571]]


def tanh_py(z):
    """tanh without overflow: divide numerator and denominator of (e^z - e^-z)/(e^z + e^-z) by e^|z|."""
    t = math.exp(-2.0 * abs(z))
    return math.copysign((1.0 - t) / (1.0 + t), z)


class TanhFunction(Function):
    """tanh with its own backward pass: d tanh(x)/dx = 1 - tanh(x)^2, from the saved output."""

    @staticmethod
    def forward(ctx, x):
        y = torch.tanh(x)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * (1.0 - y * y)


class BrokenTanhFunction(TanhFunction):
    """The same forward pass with a plausible slip in the backward one, dL/dx = dL/dy * (1 - y):
    gradcheck must reject it."""

    @staticmethod
    def backward(ctx, grad_y):
        (y,) = ctx.saved_tensors
        return grad_y * (1.0 - y)


def passes_gradcheck(fn, x, **kwargs):
    """gradcheck's verdict as a bool (it raises on failure unless raise_exception=False)."""
    return gradcheck(fn, (x,), raise_exception=False, **kwargs)


def nn001():
    """The question's model: 200 -> 512 -> 512 -> 10 with tanh, log-probabilities out."""
    return nn.Sequential(
        nn.Linear(200, 512), nn.Tanh(),
        nn.Linear(512, 512), nn.Tanh(),
        nn.Linear(512, 10), nn.LogSoftmax(dim=1),
    )


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())


def main():
    print("tanh in pure Python:", [[round(tanh_py(z), 6) for z in row] for row in QUESTION_INPUT])
    x64 = torch.tensor(QUESTION_INPUT, dtype=torch.float64, requires_grad=True)
    y = TanhFunction.apply(x64)
    print("TanhFunction.apply:", [round(v, 6) for v in y.detach().flatten().tolist()])
    print("gradcheck, float64, correct backward:", passes_gradcheck(TanhFunction.apply, x64))
    print("gradcheck, float64, broken backward: ", passes_gradcheck(BrokenTanhFunction.apply, x64))
    x32 = torch.tensor(QUESTION_INPUT, dtype=torch.float32, requires_grad=True)
    # gradcheck warns that float32 is not what it was designed for; that is the point being shown.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        print("gradcheck, float32, correct backward:", passes_gradcheck(TanhFunction.apply, x32))
    model = nn001()
    print("nn001:", model)
    hidden = sum(isinstance(m, nn.Tanh) for m in model)
    print(f"hidden layers: {hidden}; Linear layers: {sum(isinstance(m, nn.Linear) for m in model)}; "
          f"parameters: {count_parameters(model)}")


if __name__ == "__main__":
    main()
