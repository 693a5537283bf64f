"""Shared set-up of the tests of python/: the twins are importable, and each script can be run as the
reader would run it (as __main__, with command-line arguments), returning what it printed. Scripts run
in this process rather than in a fresh interpreter: importing torch again for every script costs more
than most quick runs."""
import contextlib
import io
import os
import runpy
import sys

import pytest
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PYTHON_DIR = os.path.join(ROOT, "python")
sys.path.insert(0, PYTHON_DIR)


def run_script(name, *args):
    """Run python/<name> as __main__ with `args`; fail the test if it exits with an error; return stdout."""
    out = io.StringIO()
    argv, threads = sys.argv, torch.get_num_threads()
    sys.argv = [os.path.join(PYTHON_DIR, name), *args]
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(sys.argv[0], run_name="__main__")
    except SystemExit as e:
        assert e.code in (0, None), f"{name} exited with {e.code}:\n{out.getvalue()}"
    finally:
        sys.argv = argv
        torch.set_num_threads(threads)  # a script may change it (augment_torch.py does)
    return out.getvalue()


@pytest.fixture
def script():
    return run_script
