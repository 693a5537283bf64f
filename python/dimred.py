"""dl-56 in PyTorch: reduce MNIST to two numbers per image with an autoencoder (784 -> 256 -> 64 -> 2 ->
64 -> 256 -> 784) and with PCA, and measure both the same way: k-nearest-neighbour accuracy in the 2-D
space (how well the digits stay apart) and reconstruction error (how much of the image two numbers keep).

    python3 python/dimred.py --quick         # 3,000 training images, 4 epochs
"""
import argparse

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from mnist_idx import load_mnist


class AutoEncoder(nn.Module):
    def __init__(self, widths=(784, 256, 64, 2)):
        super().__init__()

        def stack(sizes, last):
            layers = []
            for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
                layers += [nn.Linear(a, b), nn.ReLU() if i < len(sizes) - 2 else last]
            return nn.Sequential(*layers)

        self.encode = stack(widths, nn.Identity())  # a linear 2-unit code
        self.decode = stack(widths[::-1], nn.Sigmoid())  # pixels in [0, 1]

    def forward(self, x):
        return self.decode(self.encode(x))


def fit_pca(x, k=2):
    """Mean and the top-k principal directions (rows) of the rows of x, from the SVD of the centred data."""
    mean = x.mean(axis=0)
    _, _, vt = np.linalg.svd(x - mean, full_matrices=False)
    return mean, vt[:k]


def knn_predict(reference, ref_labels, query, k=5):
    """Majority label of the k nearest reference codes (Euclidean); a tie goes to the tied label whose
    nearest member is closest."""
    d2 = ((query[:, None, :] - reference[None, :, :]) ** 2).sum(-1)
    nearest = np.argsort(d2, axis=1, kind="stable")[:, :k]
    out = np.empty(len(query), dtype=np.int64)
    for i, row in enumerate(ref_labels[nearest]):
        labels = list(row)  # in order of distance
        out[i] = max(labels, key=lambda c: (labels.count(c), -labels.index(c)))
    return out


def train_autoencoder(x, epochs, batch_size=64, lr=2e-3, seed=1):
    torch.manual_seed(seed)
    model = AutoEncoder()
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    data = torch.from_numpy(x).float()
    g = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        total = 0.0
        for idx in torch.randperm(len(data), generator=g).split(batch_size):
            loss = F.mse_loss(model(data[idx]), data[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"autoencoder epoch {epoch + 1}: reconstruction MSE {total / len(data):.4f}")
    return model


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="3,000 training images, 4 epochs")
    args = ap.parse_args(argv)
    n, epochs = (3000, 4) if args.quick else (20000, 20)
    xi, y = load_mnist("train", n)
    ti, ty = load_mnist("test", 1000)
    x, xt = xi.reshape(len(xi), -1) / 255.0, ti.reshape(len(ti), -1) / 255.0

    mean, comps = fit_pca(x)
    pca_train, pca_test = (x - mean) @ comps.T, (xt - mean) @ comps.T
    pca_mse = float((((pca_test @ comps) + mean - xt) ** 2).mean())

    model = train_autoencoder(x, epochs)
    with torch.no_grad():
        ae_train = model.encode(torch.from_numpy(x).float()).numpy()
        t = torch.from_numpy(xt).float()
        ae_test = model.encode(t).numpy()
        ae_mse = F.mse_loss(model.decode(torch.from_numpy(ae_test)), t).item()

    for name, tr, te, mse in (("PCA", pca_train, pca_test, pca_mse), ("autoencoder", ae_train, ae_test, ae_mse)):
        acc = (knn_predict(tr, y, te) == ty).mean()
        print(f"{name:12s} 2-D codes: 5-NN test accuracy {acc:.3f}, test reconstruction MSE {mse:.4f}")


if __name__ == "__main__":
    main()
