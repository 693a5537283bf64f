"""dl-58: residual blocks start as the identity; the quick transfer run reports every arm."""
import re

import torch

import resnet_transfer


def test_identity_block_is_the_identity_at_initialisation():
    block = resnet_transfer.Block(4, 4)
    x = torch.randn(2, 4, 7, 7)
    assert torch.equal(block(x), x)


def test_strided_block_halves_the_map_and_projects_channels():
    assert resnet_transfer.Block(4, 8, stride=2)(torch.randn(1, 4, 14, 14)).shape == (1, 8, 7, 7)


def test_quick_run_pretrains_and_transfers(script):
    out = script("resnet_transfer.py", "--quick")
    assert float(re.search(r"source task .*test accuracy ([\d.]+)", out).group(1)) > 0.9
    arms = dict(re.findall(r"(fine-tune|frozen|scratch)\s*: target test accuracy ([\d.]+)", out))
    assert set(arms) == {"fine-tune", "frozen", "scratch"}
    assert float(arms["fine-tune"]) > 0.5  # five classes: chance is 0.2
