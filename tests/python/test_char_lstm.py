"""dl-54: windows, sampling and the quick run beating the context-free baseline."""
import re

import torch

import char_lstm


def test_targets_are_inputs_shifted_by_one():
    codes = torch.arange(20)
    x, y = char_lstm.sequences(codes, 5, 3)
    assert torch.equal(y, x + 1)
    assert x[1, 0].item() == 3


def test_temperature_zero_is_greedy_and_deterministic():
    torch.manual_seed(0)
    model = char_lstm.CharLSTM(4, 8)
    a = char_lstm.sample(model, list("abcd"), "ab", 10, 0, torch.Generator().manual_seed(1))
    b = char_lstm.sample(model, list("abcd"), "ab", 10, 0, torch.Generator().manual_seed(2))
    assert a == b and len(a) == 10


def test_quick_run_beats_the_unigram_entropy(script):
    out = script("char_lstm.py", "--quick")
    entropy = float(re.search(r"unigram entropy ([\d.]+)", out).group(1))
    last_val = float(re.findall(r"validation ([\d.]+)", out)[-1])
    assert last_val < entropy - 0.3
