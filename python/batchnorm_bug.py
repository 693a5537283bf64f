"""nn-048 in PyTorch: batch norm on images normalises per channel (statistics over batch, height and
width), and the question's module fails because BatchNorm2d(32) follows a convolution with 64 outputs.

    python3 python/batchnorm_bug.py
"""
import torch
from torch import nn


class BNBuggy(nn.Module):
    """The question's module, with its garbled lines split: 64 channels meet a 32-channel batch norm."""

    def __init__(self):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(3, 64, kernel_size=3, padding=2))
        self.math = nn.Sequential(nn.BatchNorm2d(32), nn.PReLU(), nn.Dropout2d(0.05))

    def forward(self, x):
        return self.math(self.cnn(x))


class BNFixed(nn.Module):
    """BatchNorm2d(64) to match the convolution; padding=1 keeps a 3x3 convolution's output size."""

    def __init__(self):
        super().__init__()
        self.cnn = nn.Sequential(nn.Conv2d(3, 64, kernel_size=3, padding=1))
        self.math = nn.Sequential(nn.BatchNorm2d(64), nn.PReLU(), nn.Dropout2d(0.05))

    def forward(self, x):
        return self.math(self.cnn(x))


def per_channel_statistics(x):
    """Mean and standard deviation of each channel of batch-normalised x, over (N, H, W), in training mode."""
    y = nn.BatchNorm2d(x.shape[1]).train()(x)
    return y.mean(dim=(0, 2, 3)), y.std(dim=(0, 2, 3), unbiased=False), y


def main():
    torch.manual_seed(0)
    x = torch.rand(3, 3, 32, 32) * torch.tensor([1.0, 5.0, 20.0]).view(1, 3, 1, 1)  # three RGB images, channels on different scales
    mean, std, y = per_channel_statistics(x)
    print(f"BatchNorm2d(3) on {tuple(x.shape)}: per-channel mean {[round(v, 6) for v in mean.tolist()]}, "
          f"std {[round(v, 4) for v in std.tolist()]}")
    bn = nn.BatchNorm2d(3)
    print(f"statistics it keeps: {bn.running_mean.numel() + bn.running_var.numel()} (a mean and a variance per channel), "
          f"not {2 * 3 * 32 * 32} (per pixel)")
    print(f"one pixel position across the batch after BN is not standardised: mean {y[:, 0, 5, 5].mean().item():.3f}")
    try:
        BNBuggy().eval()(x)
    except RuntimeError as e:
        print(f"BNBuggy fails: {e}")
    print(f"conv output with padding=2: {tuple(BNBuggy().cnn(x).shape)}; BNFixed output: {tuple(BNFixed().eval()(x).shape)}")


if __name__ == "__main__":
    main()
