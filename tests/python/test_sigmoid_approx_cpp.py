"""nn-025: the LibTorch C++ program compiles, its gradient check passes, and its table matches the
closed forms computed here independently. Skipped where the LibTorch headers (Debian: libtorch-dev)
are missing."""
import hashlib
import math
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import PYTHON_DIR

INCLUDE = "/usr/include/torch/csrc/api/include"
HAS_LIBTORCH = os.path.exists(os.path.join(INCLUDE, "torch", "torch.h")) and shutil.which("g++") is not None


FLAGS = ["-std=c++17", "-O1", f"-I{INCLUDE}", "-ltorch", "-ltorch_cpu", "-lc10"]


def compiled(source):
    """Compile `source` (or reuse a binary compiled from identical source with identical flags: compiling
    against the LibTorch headers is the slowest step of these tests)."""
    with open(source, "rb") as f:
        key = hashlib.sha256(f.read() + " ".join(FLAGS).encode()).hexdigest()[:16]
    exe = os.path.join(tempfile.gettempdir(), f"runnable-answers-sigmoid-approx-{key}")
    if not os.path.exists(exe):
        subprocess.run(["g++", source, *FLAGS[:3], "-o", exe + ".part", *FLAGS[3:]], check=True, timeout=600)
        os.replace(exe + ".part", exe)
    return exe


@pytest.fixture(scope="module")
def output():
    done = subprocess.run([compiled(os.path.join(PYTHON_DIR, "sigmoid_approx.cpp"))], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.skipif(not HAS_LIBTORCH, reason="LibTorch C++ headers (libtorch-dev) or g++ not installed")
def test_gradient_check_passes(output):
    assert "all backward passes agree with central differences" in output


@pytest.mark.skipif(not HAS_LIBTORCH, reason="LibTorch C++ headers (libtorch-dev) or g++ not installed")
def test_table_matches_the_closed_forms(output):
    rows = [line.split("\t") for line in output.splitlines()[1:12]]
    assert [r[0] for r in rows] == ["0.00", "0.10", "0.20", "0.30", "0.40", "0.50", "0.60", "0.70", "0.80", "0.90", "0.99"]
    k = 1.5
    for v, s, ds, a, da in ([float(c) for c in r] for r in rows):
        sig = 1 / (1 + math.exp(-v))
        approx = 1 / (1 + 2 ** (-k * v))
        assert abs(s - sig) < 1e-6 and abs(ds - sig * (1 - sig)) < 1e-6
        assert abs(a - approx) < 1e-6
        # d/dv (1 + 2^(-kv))^(-1) = k ln2 2^(-kv) / (1 + 2^(-kv))^2, written without the a(1 - a) shortcut
        assert abs(da - k * math.log(2) * 2 ** (-k * v) / (1 + 2 ** (-k * v)) ** 2) < 1e-6
