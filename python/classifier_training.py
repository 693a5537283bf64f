"""The one training loop of the PyTorch twins that classify MNIST (cnn_mnist.py, mnist_mlp.py,
resnet_transfer.py): mini-batch Adam on cross-entropy, and accuracy, on CPU tensors."""
import torch
import torch.nn.functional as F

from mnist_idx import load_mnist


def mnist_tensors(split, limit=None, digits=None):
    """Images as float (n, 1, 28, 28) in [0, 1] and labels as int64, optionally only some digits."""
    images, labels = load_mnist(split, None if digits is not None else limit)
    x = torch.from_numpy(images.copy()).float().div_(255).unsqueeze(1)
    y = torch.from_numpy(labels.copy()).long()
    if digits is not None:
        keep = torch.isin(y, torch.tensor(digits))
        x, y = x[keep][:limit], y[keep][:limit]
    return x, y


def fit(model, x, y, epochs, batch_size=64, lr=1e-3, seed=0, params=None, on_epoch=None):
    """Train `params` (default: all of the model's) with Adam; returns the mean loss of each epoch."""
    g = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(params if params is not None else model.parameters(), lr=lr)
    losses = []
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(y), generator=g)
        total = 0.0
        for start in range(0, len(y), batch_size):
            idx = order[start : start + batch_size]
            loss = F.cross_entropy(model(x[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        losses.append(total / len(y))
        if on_epoch:
            on_epoch(epoch, losses[-1])
    return losses


@torch.no_grad()
def accuracy(model, x, y, batch_size=1000):
    model.eval()
    correct = sum((model(x[i : i + batch_size]).argmax(1) == y[i : i + batch_size]).sum().item() for i in range(0, len(y), batch_size))
    return correct / len(y)


def count_parameters(model):
    return sum(p.numel() for p in model.parameters())
