"""Shared set-up of the tests of python/: the twins are importable, and each script can be run as the
reader would run it (a fresh interpreter, its quick mode), returning what it printed."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PYTHON_DIR = os.path.join(ROOT, "python")
sys.path.insert(0, PYTHON_DIR)


def run_script(name, *args, timeout=120):
    """Run python/<name> with this interpreter; fail the test on a non-zero exit; return stdout."""
    done = subprocess.run(
        [sys.executable, os.path.join(PYTHON_DIR, name), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )
    assert done.returncode == 0, f"{name} exited with {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture
def script():
    return run_script
