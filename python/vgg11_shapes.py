"""nn-036 and nn-037: the output shapes of VGG11's feature extractor and of its first three layers.

torchvision is not needed: vgg11.features is rebuilt from its configuration (the same modules, in the
same order, printed the same way). The weights are random; pretrained ones would not change a shape.

    python3 python/vgg11_shapes.py            # random inputs, as in the question (some seconds of arithmetic)
    python3 python/vgg11_shapes.py --quick    # shapes only, on PyTorch's "meta" device (no arithmetic)
"""
import argparse

import torch
from torch import nn

CFG = (64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M")  # VGG11, configuration "A"
INPUTS = ((1, 3, 224, 224), (1, 3, 512, 512), (1, 3, 704, 1024))


def vgg11_features():
    layers, c_in = [], 3
    for c in CFG:
        if c == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        else:
            layers += [nn.Conv2d(c_in, c, kernel_size=3, padding=1), nn.ReLU(inplace=True)]
            c_in = c
    return nn.Sequential(*layers)


def output_shapes(module, inputs=INPUTS, device="cpu"):
    """Output shape for each input shape; device="meta" propagates shapes without computing values."""
    module = module.to(device).requires_grad_(False)  # frozen, as in the question's script
    with torch.no_grad():
        return [tuple(module(torch.randn(*shape, device=device)).shape) for shape in inputs]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="shapes only, on the meta device")
    args = ap.parse_args(argv)
    device = "meta" if args.quick else "cpu"
    torch.manual_seed(0)
    features = vgg11_features()
    print(f"vgg11.features: {len(features)} modules, last is {type(features[-1]).__name__}, "
          f"{sum(p.numel() for p in features.parameters())} parameters")
    for shape, out in zip(INPUTS, output_shapes(features, device=device)):
        print(f"features({shape}) -> {out}")
    print("vgg11.features[:3] =", features[:3])
    for shape, out in zip(INPUTS, output_shapes(features[:3], device=device)):
        print(f"features[:3]({shape}) -> {out}")


if __name__ == "__main__":
    main()
