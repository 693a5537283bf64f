"""python/autoencoder.py: the task's contract, a quick run of its test, refusal of broken models, and
agreement with the TypeScript twin that runs in the page (src/lib/autoencoder/). Seconds on CPU.

Run: /usr/bin/python3 -m pytest -q tests/python/test_autoencoder.py
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys

import pytest
import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCE = os.path.join(ROOT, 'python', 'autoencoder.py')
COMMITTED_RUN = os.path.join(ROOT, 'src', 'data', 'autoencoder-pytorch-run.json')

_spec = importlib.util.spec_from_file_location('autoencoder', SOURCE)
ae = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ae)
TASK_MODEL = ae.AutoEncoder


def run_python(*args, timeout=120):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def node():
    local = os.path.join(ROOT, 'node_modules', '.bin', 'node')
    return local if os.path.exists(local) else shutil.which('node')


# --- the contract -------------------------------------------------------------------------------

def test_the_task_model_meets_the_contract():
    model = ae.AutoEncoder(784, 20)
    assert ae.contract_problems(model) == []
    x = torch.rand(5, 784)
    code, recon = model.encode(x), model(x)
    assert code.shape == (5, 20) and recon.shape == (5, 784)
    assert torch.all((recon > 0) & (recon < 1))
    layers = ae.parameterised_layers(model)
    assert len(layers) <= 6
    modules = dict(model.named_modules())
    assert all(isinstance(modules[name], nn.Linear) for name in layers)
    assert max(max(p.shape) for p in model.parameters()) <= 800


def test_loss_is_mean_squared_error_plus_lambda_times_mean_absolute_code():
    torch.manual_seed(0)
    x = torch.rand(6, 784, dtype=torch.float64)
    model = ae.AutoEncoder(784, 20, lam=0.5).double()
    recon = model(x)
    # Written out element by element, independently of the vectorised loss_function.
    squared = sum((recon[i, j] - x[i, j]) ** 2 for i in range(6) for j in range(784)) / (6 * 784)
    codes = model.encode(x)
    absolute = sum(abs(codes[i, k]) for i in range(6) for k in range(20)) / (6 * 20)
    assert model.loss_function(recon, x).item() == pytest.approx((squared + 0.5 * absolute).item(), rel=1e-12)
    model.lam = 0
    assert model.loss_function(recon, x).item() == pytest.approx(squared.item(), rel=1e-12)


@pytest.mark.parametrize('make, expected', [
    (lambda: ae.AutoEncoder(784, 20, widths=(256, 128, 64)), 'at most 6 layers with parameters, it has 8'),
    (lambda: ae.AutoEncoder(784, 20, widths=(801,)), 'the largest is 801'),
    (lambda: ae.AutoEncoder(784, 16), 'Hidden representation size must be 20'),
])
def test_broken_models_are_refused(make, expected):
    problems = ae.contract_problems(make())
    assert any(expected in p for p in problems), problems


def test_a_layer_with_parameters_that_is_not_linear_is_refused():
    model = ae.AutoEncoder(784, 20)
    model.encoder.insert(1, nn.BatchNorm1d(256))
    assert any('Only nn.Linear' in p and 'encoder.1' in p for p in ae.contract_problems(model))


def test_a_parameter_on_the_model_itself_is_refused():
    model = ae.AutoEncoder(784, 20)
    model.scale = nn.Parameter(torch.ones(1))
    assert any('the model itself' in p for p in ae.contract_problems(model))


def test_dropout_layers_are_allowed_and_add_no_parameterised_layer():
    model = ae.AutoEncoder(784, 20, dropout=0.2)
    assert any(isinstance(m, nn.Dropout) for m in model.modules())
    assert ae.contract_problems(model) == []


def test_the_test_itself_refuses_a_broken_model_and_prints_no_success(monkeypatch):
    printed = []
    monkeypatch.setattr(ae, 'AutoEncoder', lambda inp, hid: TASK_MODEL(inp, hid, widths=(801,)))
    with pytest.raises(AssertionError, match='largest is 801'):
        ae.test(epochs=1, limit=300, log=printed.append)
    assert ae.SUCCESS_MESSAGE not in printed


# --- running the file --------------------------------------------------------------------------

def test_importing_trains_nothing_and_prints_nothing():
    r = run_python('-c', f'import sys; sys.path.insert(0, {os.path.dirname(SOURCE)!r}); import autoencoder', timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ''


def test_a_quick_run_prints_the_same_success_line_as_the_committed_full_run():
    r = run_python(SOURCE, '--epochs', '2', '--limit', '6000')
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert lines[-1] == ae.SUCCESS_MESSAGE
    assert sum(line.startswith('=> Epoch') for line in lines) == 2
    with open(COMMITTED_RUN) as f:
        committed = json.load(f)
    assert committed['exitCode'] == 0
    assert committed['lines'][-1] == ae.SUCCESS_MESSAGE
    assert sum(line.startswith('=> Epoch') for line in committed['lines']) == ae.EPOCHS
    assert '60000 training' in committed['lines'][0]


# --- agreement with the TypeScript twin ----------------------------------------------------------

@pytest.fixture(scope='module')
def twin():
    exe = node()
    if exe is None:
        pytest.fail('node is needed for the cross-check (run npm install)')
    r = subprocess.run([exe, 'scripts/autoencoder-twin.ts', '--seed', '7'], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_both_sides_state_the_same_contract(twin):
    c = twin['contract']
    assert (c['inputSize'], c['codeSize']) == (ae.INPUT_SIZE, ae.CODE_SIZE)
    assert tuple(c['hidden']) == ae.HIDDEN_WIDTHS
    assert c['lambda'] == ae.LAMBDA
    assert (c['maxParamLayers'], c['maxParamDim']) == (ae.MAX_PARAM_LAYERS, ae.MAX_PARAM_DIM)
    assert (c['epochs'], c['batchSize'], c['learningRate']) == (ae.EPOCHS, ae.BATCH_SIZE, ae.LEARNING_RATE)
    assert c['successMessage'] == ae.SUCCESS_MESSAGE
    model = ae.AutoEncoder(784, 20)
    assert c['parameterisedLayers'] == len(ae.parameterised_layers(model))
    assert c['parameters'] == sum(p.numel() for p in model.parameters())
    assert c['largestDim'] == max(max(p.shape) for p in model.parameters())


def load_twin_weights(model, twin):
    linears = [m for m in model.encoder if isinstance(m, nn.Linear)] + [m for m in model.decoder if isinstance(m, nn.Linear)]
    exported = twin['encoder'] + twin['decoder']
    assert len(linears) == len(exported)
    with torch.no_grad():
        for layer, w in zip(linears, exported):
            layer.weight.copy_(torch.tensor(w['weight']))
            layer.bias.copy_(torch.tensor(w['bias']))


def test_shared_weights_give_the_same_codes_reconstructions_and_loss(twin):
    """Both sides compute in float32 with different summation orders: agreement to 1e-5 relative."""
    model = ae.AutoEncoder(784, 20)
    load_twin_weights(model, twin)
    model.eval()
    x = torch.tensor(twin['input'])
    with torch.no_grad():
        codes, recon = model.encode(x), model(x)
        loss = model.loss_function(recon, x).item()
    assert torch.allclose(codes, torch.tensor(twin['codes']), rtol=1e-5, atol=1e-5)
    assert torch.allclose(recon, torch.tensor(twin['reconstruction']), rtol=1e-5, atol=1e-6)
    assert loss == pytest.approx(twin['loss'], rel=1e-5)
    # The comparison can fail: the same weights with the output biases nudged give a different loss.
    with torch.no_grad():
        model.decoder[-1].bias += 0.5
        nudged = model.loss_function(model(x), x).item()
    assert nudged != pytest.approx(twin['loss'], rel=1e-5)
