"""nn-083: the Manhattan (city-block) distance between [6, 1, 4, 5] and [2, 8, 3, -1] in PyTorch, on the
GPU when there is one (on CPU otherwise, with the same code).

    python3 python/manhattan.py
"""
import torch

A = [6.0, 1.0, 4.0, 5.0]
B = [2.0, 8.0, 3.0, -1.0]


def manhattan(a, b):
    """sum_i |a_i - b_i| on the tensors' device."""
    return (a - b).abs().sum()


def main():
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    a = torch.tensor(A, device=device)
    b = torch.tensor(B, device=device)
    d = manhattan(a, b)
    # The batched form for many pairs at once: torch.cdist with p=1 on (n, d) and (m, d) matrices.
    d_cdist = torch.cdist(a[None], b[None], p=1)[0, 0]
    print(f"device {device}: manhattan = {d.item():g}, torch.cdist(p=1) = {d_cdist.item():g}, "
          f"plain Python = {sum(abs(x - y) for x, y in zip(A, B)):g}")


if __name__ == "__main__":
    main()
