#!/usr/bin/env bash
# Debian packages the test suite needs beyond npm: Chromium for Playwright (browsers cannot be
# downloaded here), CPU PyTorch with a fast BLAS for the Python twins in python/, and LibTorch's
# C++ headers so that the C++ twin (python/sigmoid_approx.cpp) is compiled and run by the tests.
# Installs only what is missing; a no-op on a machine that has them. Needs root (or sudo) and apt.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c 'import torch' 2>/dev/null || missing+=(python3-torch)
/usr/bin/python3 -c 'import pytest' 2>/dev/null || missing+=(python3-pytest)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
dpkg -s libtorch-dev >/dev/null 2>&1 || missing+=(libtorch-dev)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "system-deps: installing ${missing[*]} with apt-get"
sudo_=""
[ "$(id -u)" -eq 0 ] || sudo_=sudo
$sudo_ apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${missing[@]}" >/dev/null
