"""dl-55 in PyTorch: a GAN on MNIST. A fully connected discriminator, a small upsampling convolutional
generator (DCGAN-style), the discriminator's binary cross-entropy and the non-saturating generator
loss, alternating one D step and one G step with Adam. Writes a grid of samples as a PGM image.

    python3 python/gan.py --quick            # 150 steps on 10,000 images; samples in /tmp/gan-samples.pgm
"""
import argparse

import torch
import torch.nn.functional as F
from torch import nn

from mnist_idx import load_mnist

Z_DIM = 32


def generator():
    return nn.Sequential(
        nn.Linear(Z_DIM, 64 * 7 * 7), nn.ReLU(), nn.Unflatten(1, (64, 7, 7)),
        nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1), nn.ReLU(),  # 7 -> 14
        nn.ConvTranspose2d(32, 1, 4, stride=2, padding=1), nn.Tanh(),  # 14 -> 28, pixels in [-1, 1]
    )


def discriminator(hidden=256):
    return nn.Sequential(
        nn.Flatten(), nn.Linear(784, hidden), nn.LeakyReLU(0.2),
        nn.Linear(hidden, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1),  # a logit: real vs generated
    )


def discriminator_loss(real_logits, fake_logits):
    """-log D(x) - log(1 - D(G(z))), with D = sigmoid(logit): real labelled 1, generated 0."""
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def generator_loss(fake_logits, kind="non-saturating"):
    """non-saturating: -log D(G(z)); minimax: log(1 - D(G(z))), whose gradient vanishes when D wins."""
    if kind == "minimax":
        return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def train(G, D, real, steps, batch_size=64, lr=2e-4, seed=0, log_every=100):
    g = torch.Generator().manual_seed(seed)
    opt_g = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.5, 0.999))
    history = []
    for step in range(1, steps + 1):
        x = real[torch.randint(len(real), (batch_size,), generator=g)]
        z = torch.randn(batch_size, Z_DIM, generator=g)
        fake = G(z)
        # D step: generated images are constants here (detach), so only D's parameters get gradients.
        loss_d = discriminator_loss(D(x), D(fake.detach()))
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        # G step against the updated D; D's parameters receive gradients but opt_g does not touch them.
        loss_g = generator_loss(D(fake))
        opt_g.zero_grad()
        loss_g.backward()
        opt_g.step()
        if step % log_every == 0 or step == steps:
            history.append((step, loss_d.item(), loss_g.item()))
            print(f"step {step}: D loss {loss_d.item():.3f}, G loss {loss_g.item():.3f}")
    return history


def write_pgm(path, images, columns=8):
    """Images (n, 1, 28, 28) in [-1, 1] as one grey-scale grid, in the plain PGM format (no imaging library)."""
    n = len(images)
    rows = (n + columns - 1) // columns
    grid = torch.zeros(rows * 28, columns * 28)
    for i, img in enumerate(images):
        r, c = divmod(i, columns)
        grid[r * 28 : (r + 1) * 28, c * 28 : (c + 1) * 28] = img[0]
    pixels = ((grid + 1) * 127.5).clamp(0, 255).round().to(torch.uint8)
    with open(path, "wb") as f:
        f.write(f"P5 {pixels.shape[1]} {pixels.shape[0]} 255\n".encode())
        f.write(bytes(pixels.flatten().tolist()))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="150 steps on 10,000 images")
    ap.add_argument("--out", default="/tmp/gan-samples.pgm")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    images, _ = load_mnist("train", 10000 if args.quick else None)
    real = torch.from_numpy(images.copy()).float().div(127.5).sub(1).unsqueeze(1)  # [-1, 1], like tanh's range
    G, D = generator(), discriminator()
    train(G, D, real, 150 if args.quick else 5000)
    with torch.no_grad():
        samples = G(torch.randn(32, Z_DIM, generator=torch.Generator().manual_seed(1)))
        d_real = torch.sigmoid(D(real[:512])).mean().item()
        d_fake = torch.sigmoid(D(G(torch.randn(512, Z_DIM)))).mean().item()
    print(f"mean D(real) {d_real:.3f}, mean D(generated) {d_fake:.3f}")
    print(f"generated pixels: mean {samples.mean().item():.3f} (real {real.mean().item():.3f}), "
          f"share above 0: {(samples > 0).float().mean().item():.3f} (real {(real > 0).float().mean().item():.3f})")
    write_pgm(args.out, samples)
    print(f"wrote {len(samples)} samples to {args.out}")


if __name__ == "__main__":
    main()
