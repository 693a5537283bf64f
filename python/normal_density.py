"""nn-047: the normal density without SciPy (NumPy only), and its derivative with respect to x for
back-propagation, both checked against PyTorch's Normal distribution and autograd.

    python3 python/normal_density.py

d/dx N(x; mu, sigma) = -(x - mu) / sigma^2 * N(x; mu, sigma). The derivative reuses the density, so
with SciPy it is `-(x - mu) / sigma**2 * scipy.stats.norm.pdf(x, mu, sigma)`; SciPy is optional here
(used only to compare when it is installed).
"""
import math

import numpy as np
import torch


def normal_pdf(x, mu=0.0, sigma=1.0):
    """Density of N(mu, sigma^2) at x (a number or an array), straight from the formula."""
    if sigma <= 0:
        raise ValueError("sigma must be positive")
    z = (np.asarray(x, dtype=float) - mu) / sigma
    return np.exp(-0.5 * z * z) / (sigma * math.sqrt(2.0 * math.pi))


def normal_pdf_dx(x, mu=0.0, sigma=1.0, pdf=normal_pdf):
    """d/dx of the density, for back-propagating through it; pdf=scipy.stats.norm.pdf uses SciPy's."""
    return -(np.asarray(x, dtype=float) - mu) / sigma**2 * pdf(x, mu, sigma)


def main():
    xs = [-3.0, -1.0, -0.5, 0.0, 0.3, 1.0, 2.5]
    mu, sigma = 0.5, 1.5
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    dist = torch.distributions.Normal(torch.tensor(mu, dtype=torch.float64), torch.tensor(sigma, dtype=torch.float64))
    dist.log_prob(t).exp().sum().backward()  # autograd's derivative, an independent reference
    worst_pdf = np.abs(normal_pdf(xs, mu, sigma) - dist.log_prob(t.detach()).exp().numpy()).max()
    worst_dx = np.abs(normal_pdf_dx(xs, mu, sigma) - t.grad.numpy()).max()
    print(f"N(x; {mu}, {sigma}) at {xs}: {np.round(normal_pdf(xs, mu, sigma), 6).tolist()}")
    print(f"max |ours - torch.distributions.Normal|: density {worst_pdf:.1e}, derivative (vs autograd) {worst_dx:.1e}")
    try:
        from scipy.stats import norm
    except ImportError:
        print("SciPy not installed: skipped the comparison with scipy.stats.norm.pdf")
    else:
        worst = np.abs(normal_pdf_dx(xs, mu, sigma, pdf=norm.pdf) - normal_pdf_dx(xs, mu, sigma)).max()
        print(f"max |derivative via scipy.stats.norm.pdf - ours|: {worst:.1e}")


if __name__ == "__main__":
    main()
