"""The PyTorch/NumPy twins against the TypeScript that runs in the pages, on the same inputs and weights.

The TypeScript values come from scripts/twin-reference.ts, run here with the project's Node. The
tolerances follow from the precisions: float64 against float64 agrees to rounding (1e-12); tfjs's
float32 against PyTorch's float32 differs by a few units in the last place (1e-6 absolute) because
the two libraries round intermediate results differently.
"""
import json
import os
import subprocess

import numpy as np
import pytest
import torch
from torch import nn

from conftest import ROOT
import char_lstm
import batchnorm_bug
import cnn_mnist
import dimred
import gan
import hidden_node
import manhattan
import normal_density
import stacked_pooling
import vgg11_shapes
import mnist_mlp
import scratch_net
import tanh_function
from classifier_training import count_parameters

NODE = os.path.join(ROOT, "node_modules", ".bin", "node")
FLOAT64_TOL = 1e-12
FLOAT32_TOL = 1e-6


@pytest.fixture(scope="module")
def ts():
    if not os.path.exists(NODE):
        pytest.skip("node_modules/.bin/node is missing: run npm install first")
    done = subprocess.run([NODE, "scripts/twin-reference.ts"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_scratch_network_loss_and_gradients_match_typescript(ts):
    s = ts["scratchNet"]
    n, d, h, k = (s["shapes"][c] for c in "ndhk")
    params = {
        "W1": np.array(s["params"]["w1"]).reshape(d, h),
        "b1": np.array(s["params"]["b1"]),
        "W2": np.array(s["params"]["w2"]).reshape(h, k),
        "b2": np.array(s["params"]["b2"]),
    }
    X = np.array(s["x"]).reshape(n, d)
    y = np.array(s["labels"])
    loss, cache = scratch_net.forward(params, X, y)
    grads = scratch_net.backward(params, cache, y)
    assert abs(loss - s["loss"]) < FLOAT64_TOL
    np.testing.assert_allclose(cache["P"].ravel(), s["probs"], rtol=0, atol=FLOAT64_TOL)
    for ours, theirs in (("W1", "w1"), ("b1", "b1"), ("W2", "w2"), ("b2", "b2")):
        np.testing.assert_allclose(grads[ours].ravel(), s["grads"][theirs], rtol=0, atol=FLOAT64_TOL, err_msg=ours)


def test_tanh_function_matches_the_tfjs_custom_op(ts):
    t = ts["tanh"]
    x = torch.tensor(t["xs"], dtype=torch.float32, requires_grad=True)
    y = tanh_function.TanhFunction.apply(x)
    y.sum().backward()
    np.testing.assert_allclose(y.detach().numpy(), t["value"], rtol=0, atol=FLOAT32_TOL)
    np.testing.assert_allclose(x.grad.numpy(), t["grad"], rtol=0, atol=FLOAT32_TOL)


def test_gradcheck_verdicts_agree_with_the_typescript_check(ts):
    verdicts = ts["tanh"]["gradcheck64"]
    x = torch.tensor(ts["tanh"]["xs"], dtype=torch.float64, requires_grad=True)
    assert tanh_function.passes_gradcheck(tanh_function.TanhFunction.apply, x) == verdicts["correct"]
    assert tanh_function.passes_gradcheck(tanh_function.BrokenTanhFunction.apply, x) == verdicts["broken"]


def test_nn001_parameter_count_matches_the_tfjs_mlp(ts):
    m = ts["mlps"]["nn001"]
    assert m["sizes"] == [200, 512, 512, 10]
    assert tanh_function.count_parameters(tanh_function.nn001()) == m["parameters"]


def test_tanh_mlp_forward_from_shared_weights(ts):
    tiny = ts["mlps"]["tiny"]
    sizes = tiny["sizes"]
    layers = []
    for i, w in enumerate(tiny["weights"]):
        lin = nn.Linear(*w["shape"])
        with torch.no_grad():
            # tfjs stores W as [in, out] and computes x W; nn.Linear stores [out, in] and computes x W^T.
            lin.weight.copy_(torch.tensor(w["w"]).reshape(w["shape"]).T)
            lin.bias.copy_(torch.tensor(w["b"]))
        layers += [lin, nn.Tanh()] if i < len(tiny["weights"]) - 1 else [lin]
    model = nn.Sequential(*layers)
    x = torch.tensor(tiny["x"], dtype=torch.float32).reshape(-1, sizes[0])
    with torch.no_grad():
        out = model(x)
    np.testing.assert_allclose(out.numpy().ravel(), tiny["output"], rtol=0, atol=FLOAT32_TOL)


def test_hidden_node_and_small_mlp_match_the_hand_calculation(ts):
    p = ts["perceptron"]
    out1, z, out2 = hidden_node.single_node(torch.float64)
    assert abs(out1.item() - p["weighted"]["sum"]) < FLOAT64_TOL
    assert abs(z.item() - p["node"]["sum"]) < FLOAT64_TOL
    assert out2.item() == p["node"]["relu"]
    for ref in p["mlp"]:
        r = hidden_node.small_mlp(ref["bias"], torch.float64)
        for ours, theirs in (("hidden_sum", "hiddenSum"), ("hidden", "hidden"), ("outputs", "outputs"), ("probs", "probs"),
                             ("cross_entropy_if_target", "crossEntropyIfTarget")):
            np.testing.assert_allclose(r[ours].numpy(), ref[theirs], rtol=0, atol=FLOAT64_TOL, err_msg=ours)
        assert abs(r["entropy"].item() - ref["entropy"]) < FLOAT64_TOL
        # PyTorch's default float32 differs from the float64 reference only at float32 rounding.
        r32 = hidden_node.small_mlp(ref["bias"])
        np.testing.assert_allclose(r32["probs"].numpy(), ref["probs"], rtol=0, atol=FLOAT32_TOL)


def test_cnn_and_eight_layer_mlp_have_the_pages_parameter_counts(ts):
    c = ts["parameterCounts"]
    assert count_parameters(cnn_mnist.cnn(**c["cnn"]["shape"])) == c["cnn"]["parameters"]
    assert list(mnist_mlp.SIZES) == c["fiveai"]["sizes"]
    assert count_parameters(mnist_mlp.mlp()) == c["fiveai"]["parameters"]
    t = c["fiveai"]["training"]
    assert mnist_mlp.TRAINING == {"epochs": t["epochs"], "batch_size": t["batchSize"], "lr": t["learningRate"], "seed": t["seed"]}


def test_torch_lstm_reproduces_the_hand_written_tfjs_lstm(ts):
    """Same weights, same gate order (i, f, g, o): nn.LSTM on one-hot inputs equals the page's cell."""
    r = ts["charLstm"]
    v, h, w = r["vocab"], r["hidden"], r["weights"]
    model = char_lstm.CharLSTM(v, h)
    with torch.no_grad():
        # tfjs computes x Wx + h Wh + b with Wx [v, 4h]; PyTorch x W_ih^T + b_ih + h W_hh^T + b_hh.
        model.lstm.weight_ih_l0.copy_(torch.tensor(w["wx"]).reshape(v, 4 * h).T)
        model.lstm.weight_hh_l0.copy_(torch.tensor(w["wh"]).reshape(h, 4 * h).T)
        model.lstm.bias_ih_l0.copy_(torch.tensor(w["b"]))
        model.lstm.bias_hh_l0.zero_()
        model.readout.weight.copy_(torch.tensor(w["wy"]).reshape(h, v).T)
        model.readout.bias.copy_(torch.tensor(w["by"]))
        logits, _ = model(torch.tensor(r["codes"]))
    # Six recurrent steps in float32: rounding differences compound a little, hence 1e-5.
    np.testing.assert_allclose(logits.numpy().ravel(), r["logits"], rtol=0, atol=1e-5)


def test_gan_losses_match_the_tfjs_formulas(ts):
    g = ts["ganLosses"]
    real, fake = torch.tensor(g["real"]), torch.tensor(g["fake"])
    assert abs(gan.discriminator_loss(real, fake).item() - g["discriminator"]) < FLOAT32_TOL
    assert abs(gan.generator_loss(fake, "minimax").item() - g["minimax"]) < FLOAT32_TOL
    assert abs(gan.generator_loss(fake).item() - g["nonSaturating"]) < FLOAT32_TOL


def test_pca_and_knn_agree_with_the_typescript(ts):
    r = ts["dimred"]
    x = np.array(r["x"]).reshape(r["n"], r["d"])
    mean, comps = dimred.fit_pca(x)
    np.testing.assert_allclose(mean, r["pca"]["mean"], atol=FLOAT64_TOL)
    theirs = np.array(r["pca"]["components"]).reshape(2, r["d"])
    # Principal directions are defined up to sign; the TypeScript finds them by subspace iteration,
    # so they agree to its convergence tolerance rather than to rounding.
    np.testing.assert_allclose(np.abs((comps * theirs).sum(axis=1)), [1.0, 1.0], atol=1e-8)
    variances = (((x - mean) @ comps.T) ** 2).sum(axis=0) / (r["n"] - 1)
    np.testing.assert_allclose(variances, r["pca"]["variances"], rtol=1e-8)
    k = r["knn"]
    predicted = dimred.knn_predict(np.array(k["ref"]).reshape(-1, 2), np.array(k["refLabels"]),
                                   np.array(k["query"]).reshape(-1, 2), k=k["k"])
    assert predicted.tolist() == k["predicted"]


def test_vgg11_modules_printout_and_shapes_match_the_layers_page(ts):
    v = ts["shapes"]["vgg"]
    features = vgg11_shapes.vgg11_features()
    assert len(features) == v["modules"] and type(features[-1]).__name__ == v["last"]
    assert sum(p.numel() for p in features.parameters()) == v["parameters"]
    assert repr(features[:3]) == v["firstThree"]  # the page prints what PyTorch prints
    inputs = [(1, 3, h, w) for h, w in v["inputs"]]
    # Shapes on the meta device (no arithmetic); test_small_twins runs real tensors through the first layers.
    assert [list(s) for s in vgg11_shapes.output_shapes(features, inputs, "meta")] == v["full"]
    assert [list(s) for s in vgg11_shapes.output_shapes(features[:3], inputs, "meta")] == v["firstThreeShapes"]


def test_stacked_pooling_shapes_match_the_closed_forms(ts):
    m = ts["shapes"]["maxPool"]
    with torch.no_grad():
        _, shapes = stacked_pooling.Net().eval()(torch.randn(1, 3, 224, 224))
    assert shapes["after batch norm"] == (1, 32, m["conv"], m["conv"])
    assert shapes["after pool 1"] == (1, 32, m["pool1"], m["pool1"])
    assert shapes["after pool 2"] == (1, 32, m["pool2"], m["pool2"])
    assert shapes["flattened"] == (1, m["flat"])
    assert stacked_pooling.pools_agree(m["conv"])[2] == (1, 32, m["single"], m["single"])


def test_manhattan_distance_matches_the_typescript(ts):
    d = ts["shapes"]["manhattan"]
    assert manhattan.manhattan(torch.tensor(d["a"]), torch.tensor(d["b"])).item() == d["value"]


def test_normal_density_and_derivative_match_the_typescript(ts):
    n = ts["shapes"]["normal"]
    np.testing.assert_allclose(normal_density.normal_pdf(n["xs"], n["mu"], n["sigma"]), n["pdf"], rtol=1e-14, atol=FLOAT64_TOL)
    np.testing.assert_allclose(normal_density.normal_pdf_dx(n["xs"], n["mu"], n["sigma"]), n["dx"], rtol=1e-14, atol=FLOAT64_TOL)


def test_batchnorm_bug_matches_the_tfjs_experiment(ts):
    b = ts["batchNorm"]
    x = torch.rand(1, 3, 32, 32)
    assert b["bug"]["error"]  # tfjs refuses the 32-channel layer too
    assert list(batchnorm_bug.BNBuggy().cnn(x).shape) == b["bug"]["convShape"]
    bn = torch.nn.BatchNorm2d(3)
    # gamma, beta, running mean, running variance: one number per channel each, in both libraries.
    assert [list(t.shape) for t in (bn.weight, bn.bias, bn.running_mean, bn.running_var)] == b["weightShapes"]
    assert bn.running_mean.numel() + bn.running_var.numel() == b["perChannelStats"]
