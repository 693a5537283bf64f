"""dl-54 in PyTorch: a character-level LSTM that learns to continue text, sampled with a temperature.
It trains on the same ten sonnets as the page (read from src/lib/labs/sonnets.ts) or on --text FILE.

    python3 python/char_lstm.py --quick      # 4 epochs, seconds
"""
import argparse
import math
import os
import re

import torch
import torch.nn.functional as F
from torch import nn

SONNETS_TS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "lib", "labs", "sonnets.ts")


def page_text():
    """The page's training text: the template literal assigned to SONNETS in sonnets.ts."""
    with open(SONNETS_TS, encoding="utf-8") as f:
        return re.search(r"export const SONNETS = `(.*?)`", f.read(), re.S).group(1)


class CharLSTM(nn.Module):
    """One-hot characters -> LSTM (gates i, f, g, o, as tfjs and Keras) -> next-character logits."""

    def __init__(self, vocab_size, hidden):
        super().__init__()
        self.vocab_size = vocab_size
        self.lstm = nn.LSTM(vocab_size, hidden, batch_first=True)
        self.readout = nn.Linear(hidden, vocab_size)
        with torch.no_grad():  # forget-gate bias 1, so that the cell remembers by default at the start
            self.lstm.bias_ih_l0[hidden : 2 * hidden].fill_(1.0)
            self.lstm.bias_hh_l0.zero_()

    def forward(self, codes, state=None):
        h, state = self.lstm(F.one_hot(codes, self.vocab_size).float(), state)
        return self.readout(h), state


def sequences(codes, length, stride):
    """(input, target) windows starting every `stride` characters; the target is the input shifted by one."""
    starts = range(0, len(codes) - length, stride)
    x = torch.stack([codes[s : s + length] for s in starts])
    y = torch.stack([codes[s + 1 : s + length + 1] for s in starts])
    return x, y


def unigram_entropy(codes, vocab_size):
    """Nats per character of a model that ignores context: the bar the LSTM has to beat."""
    p = torch.bincount(codes, minlength=vocab_size).double()
    p = p[p > 0] / p.sum()
    return -(p * p.log()).sum().item()


@torch.no_grad()
def sample(model, chars, prompt, length, temperature, generator):
    """Feed the prompt, then draw `length` characters with p_i proportional to exp(logit_i / temperature)."""
    index = {c: i for i, c in enumerate(chars)}
    model.eval()
    logits, state = model(torch.tensor([[index[c] for c in prompt]]))
    out = []
    for _ in range(length):
        last = logits[0, -1]
        nxt = last.argmax() if temperature == 0 else torch.multinomial(F.softmax(last / temperature, 0), 1, generator=generator)[0]
        out.append(chars[nxt])
        logits, state = model(nxt.view(1, 1), state)
    return "".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="4 epochs")
    ap.add_argument("--text", help="train on this UTF-8 file instead of the page's sonnets")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    text = open(args.text, encoding="utf-8").read() if args.text else page_text()
    chars = sorted(set(text))
    codes = torch.tensor([chars.index(c) for c in text])
    split = int(0.9 * len(codes))  # the last tenth is held out
    x, y = sequences(codes[:split], 64, 8)
    vx, vy = sequences(codes[split:], 64, 64)
    model = CharLSTM(len(chars), 128)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    epochs = 4 if args.quick else 30
    print(f"{len(text)} characters, vocabulary {len(chars)}; unigram entropy {unigram_entropy(codes[:split], len(chars)):.3f} nats/char")
    g = torch.Generator().manual_seed(0)
    for epoch in range(epochs):
        model.train()
        for idx in torch.randperm(len(x), generator=g).split(32):
            logits, _ = model(x[idx])
            loss = F.cross_entropy(logits.reshape(-1, len(chars)), y[idx].reshape(-1))
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)  # LSTMs occasionally produce a huge step
            opt.step()
        model.eval()
        with torch.no_grad():
            train_loss = F.cross_entropy(model(x)[0].reshape(-1, len(chars)), y.reshape(-1)).item()
            val_loss = F.cross_entropy(model(vx)[0].reshape(-1, len(chars)), vy.reshape(-1)).item()
        print(f"epoch {epoch + 1}: train {train_loss:.3f}, validation {val_loss:.3f} nats/char "
              f"(perplexity {math.exp(val_loss):.1f})")
    for t in (0.5, 1.0):
        print(f"temperature {t}: {sample(model, chars, 'Shall I ', 120, t, g)!r}")


if __name__ == "__main__":
    main()
