"""nn-045: shapes through Conv2d(3, 32, 7, padding=2) -> BatchNorm2d(32) -> MaxPool2d(2, 2) twice on a
(1, 3, 224, 224) input in eval mode, and whether one MaxPool2d(4, 4) gives exactly the same result.

    python3 python/stacked_pooling.py
"""
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 32, kernel_size=7, padding=2)
        self.bn = nn.BatchNorm2d(32)
        self.pool1 = nn.MaxPool2d(2, 2)  # kernel_size=2, stride=2: non-overlapping 2x2 windows
        self.pool2 = nn.MaxPool2d(2, 2)

    def forward(self, x):
        shapes = {}
        x = self.bn(self.conv(x))
        shapes["after batch norm"] = tuple(x.shape)
        x = self.pool1(x)
        shapes["after pool 1"] = tuple(x.shape)
        x = self.pool2(x)
        shapes["after pool 2"] = tuple(x.shape)
        x = torch.flatten(x, 1)
        shapes["flattened"] = tuple(x.shape)
        return x, shapes


def pools_agree(n, seed=0):
    """Two 2x2/2 pools against one 4x4/4 pool on a random (1, 32, n, n) map: same shape and values?"""
    x = torch.randn(1, 32, n, n, generator=torch.Generator().manual_seed(seed))
    two = nn.MaxPool2d(2, 2)(nn.MaxPool2d(2, 2)(x))
    one = nn.MaxPool2d(4, 4)(x)
    return two.shape == one.shape and torch.equal(two, one), tuple(two.shape), tuple(one.shape)


def main():
    torch.manual_seed(0)
    model = Net().eval()  # eval: batch norm uses its running statistics, not those of this one image
    with torch.no_grad():
        _, shapes = model(torch.randn(1, 3, 224, 224))
    for name, shape in shapes.items():
        print(f"{name}: {shape}")
    for n in (shapes["after batch norm"][-1], 221):  # the model's own 222x222 map, and an odd size
        same, two, one = pools_agree(n)
        print(f"{n}x{n} map: two 2x2 pools {two}, one 4x4 pool {one}, identical: {same}")


if __name__ == "__main__":
    main()
