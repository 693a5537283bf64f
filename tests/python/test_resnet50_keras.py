"""dl-58's Keras recipe (skipped without tensorflow): phase 1 trains only the head, phase 2 also the last stage."""
import importlib.util
import re

import pytest

HAS_TENSORFLOW = importlib.util.find_spec("tensorflow") is not None and importlib.util.find_spec("keras") is not None


@pytest.mark.skipif(not HAS_TENSORFLOW, reason="tensorflow/keras not installed (CI has only torch); "
                    "the committed output src/data/resnet50-keras-run.txt comes from a local run")
def test_quick_run_freezes_then_unfreezes_the_last_stage(script):
    out = script("resnet50_keras.py", "--quick")
    head = int(re.search(r"phase 1, base frozen: (\d+) trainable", out).group(1))
    assert head == 2048 * 10 + 10  # the Dense head on ResNet-50's 2048 pooled features, nothing else
    unfrozen = int(re.search(r"phase 2, conv5 stage unfrozen: (\d+) trainable", out).group(1))
    base = int(re.search(r"(\d+) parameters, weights", out).group(1))
    assert head < unfrozen < base
