"""nn-001 and dl-51: a two-layer ReLU network and (inverted) dropout in plain NumPy -- forward pass,
hand-written backward pass, a central-difference gradient check, and mini-batch training on MNIST.

    python3 python/scratch_net.py            # gradient check, then 5 epochs on all 60,000 MNIST images
    python3 python/scratch_net.py --quick    # gradient check, then 1 epoch on 10,000 images (seconds)

Network: X -> Z1 = X W1 + b1 -> A1 = relu(Z1) -> A1 * M (dropout, training only)
           -> Z2 = A1 W2 + b2 -> softmax -> mean cross-entropy.
"""
import argparse

import numpy as np


def init_params(d, h, k, rng):
    """He-initialised weights (std sqrt(2 / fan_in)), zero biases."""
    return {
        "W1": rng.standard_normal((d, h)) * np.sqrt(2.0 / d),
        "b1": np.zeros(h),
        "W2": rng.standard_normal((h, k)) * np.sqrt(2.0 / h),
        "b2": np.zeros(k),
    }


def dropout_forward(a, p, rng):
    """Inverted dropout: keep each unit with probability 1 - p and scale the kept ones by 1 / (1 - p)."""
    if not 0.0 <= p < 1.0:
        raise ValueError("dropout rate p must be in [0, 1)")
    mask = (rng.random(a.shape) >= p) / (1.0 - p)
    return a * mask, mask


def dropout_backward(grad_out, mask):
    """The gradient flows through the kept units only, scaled by the same mask."""
    return grad_out * mask


def forward(params, X, y, p_drop=0.0, rng=None, mask=None):
    """Loss and the cache the backward pass needs. Pass `mask` to reuse a dropout mask (gradient check)."""
    Z1 = X @ params["W1"] + params["b1"]
    A1 = np.maximum(Z1, 0.0)
    if mask is None and p_drop > 0.0:
        A1, mask = dropout_forward(A1, p_drop, rng)
    elif mask is not None:
        A1 = A1 * mask
    Z2 = A1 @ params["W2"] + params["b2"]
    E = np.exp(Z2 - Z2.max(axis=1, keepdims=True))  # subtracting the row max leaves softmax unchanged
    P = E / E.sum(axis=1, keepdims=True)
    n = X.shape[0]
    loss = -np.log(P[np.arange(n), y]).mean()
    return loss, {"X": X, "Z1": Z1, "A1": A1, "mask": mask, "P": P}


def backward(params, cache, y):
    """Gradients of the mean cross-entropy with respect to every parameter."""
    X, Z1, A1, mask, P = cache["X"], cache["Z1"], cache["A1"], cache["mask"], cache["P"]
    n = X.shape[0]
    G2 = P.copy()
    G2[np.arange(n), y] -= 1.0
    G2 /= n  # dL/dZ2 = (softmax - onehot) / n
    grads = {"W2": A1.T @ G2, "b2": G2.sum(axis=0)}
    GA1 = G2 @ params["W2"].T
    if mask is not None:
        GA1 = dropout_backward(GA1, mask)
    G1 = GA1 * (Z1 > 0)  # ReLU passes the gradient where its input was positive (0 at the kink)
    grads["W1"] = X.T @ G1
    grads["b1"] = G1.sum(axis=0)
    return grads


def numerical_gradient(params, X, y, mask=None, h=1e-6):
    """Central differences (L(theta + h) - L(theta - h)) / 2h of the loss, one coordinate at a time."""
    numeric = {}
    for name, value in params.items():
        g = np.zeros_like(value)
        for i in np.ndindex(value.shape):
            old = value[i]
            value[i] = old + h
            plus, _ = forward(params, X, y, mask=mask)
            value[i] = old - h
            minus, _ = forward(params, X, y, mask=mask)
            value[i] = old
            g[i] = (plus - minus) / (2 * h)
        numeric[name] = g
    return numeric


def gradient_check(params, X, y, mask=None):
    """Largest relative error |analytic - numeric| / max(1, |numeric|) per parameter array."""
    _, cache = forward(params, X, y, mask=mask)
    analytic = backward(params, cache, y)
    numeric = numerical_gradient(params, X, y, mask=mask)
    return {k: float(np.max(np.abs(analytic[k] - numeric[k]) / np.maximum(1.0, np.abs(numeric[k])))) for k in params}


def sgd_step(params, grads, lr):
    for k in params:
        params[k] -= lr * grads[k]


def accuracy(params, X, y):
    _, cache = forward(params, X, y)
    return float((cache["P"].argmax(axis=1) == y).mean())


def train(params, X, y, epochs, batch_size, lr, p_drop, rng):
    """Mini-batch SGD with dropout; returns the mean training loss of each epoch."""
    losses = []
    for _ in range(epochs):
        order = rng.permutation(len(X))
        total = 0.0
        for start in range(0, len(X), batch_size):
            idx = order[start : start + batch_size]
            loss, cache = forward(params, X[idx], y[idx], p_drop=p_drop, rng=rng)
            sgd_step(params, backward(params, cache, y[idx]), lr)
            total += loss * len(idx)
        losses.append(total / len(X))
    return losses


GRADCHECK_TOLERANCE = 1e-7


def main(argv=None):
    from mnist_idx import load_mnist

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small budget: 10,000 training images, 1 epoch")
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    rng = np.random.default_rng(args.seed)

    # 1. Gradient check on a tiny network, without and with a (fixed) dropout mask.
    small = init_params(5, 7, 3, rng)
    small["b1"] += 0.1 * rng.standard_normal(7)  # non-zero biases so that their gradients are exercised
    Xs, ys = rng.standard_normal((8, 5)), rng.integers(0, 3, 8)
    _, mask = dropout_forward(np.ones((8, 7)), 0.5, rng)
    for label, m in (("no dropout", None), ("dropout p=0.5", mask)):
        errs = gradient_check(small, Xs, ys, mask=m)
        worst = max(errs.values())
        verdict = "PASS" if worst < GRADCHECK_TOLERANCE else "FAIL"
        print(f"gradient check ({label}): max relative error {worst:.2e} (tolerance {GRADCHECK_TOLERANCE:g}) {verdict}")
        if worst >= GRADCHECK_TOLERANCE:
            raise SystemExit(1)

    # 2. Train 784 -> 128 -> 10 on MNIST.
    n_train, epochs = (10000, 1) if args.quick else (60000, 5)
    images, labels = load_mnist("train", n_train)
    test_images, test_labels = load_mnist("test", 2000)
    X = images.reshape(len(images), -1) / 255.0
    Xt = test_images.reshape(len(test_images), -1) / 255.0
    params = init_params(784, 128, 10, rng)
    losses = train(params, X, labels.astype(np.int64), epochs, 64, 0.1, args.dropout, rng)
    print("epoch losses: " + ", ".join(f"{l:.4f}" for l in losses))
    print(f"test accuracy on {len(Xt)} images: {accuracy(params, Xt, test_labels.astype(np.int64)):.4f}")


if __name__ == "__main__":
    main()
