"""nn-008, nn-009 and nn-014 in PyTorch: one hidden node's sum and ReLU, then the 2-3-2 ReLU network
with softmax and its loss. Float32 is PyTorch's default; the float64 line is the hand calculation.

    python3 python/hidden_node.py
"""
import torch

X = [0.9, 0.7]
W_HIDDEN = [[-0.3, 0.15], [0.32, -0.91], [0.37, 0.47]]  # row i: weights into hidden unit H_i
W_OUT = [[0.15, -0.46, 0.59], [0.10, 0.32, -0.79]]  # row j: weights into output gamma_j (no output bias)
BIASES = (0.001, 0.002)  # the text says 0.001, the listing 0.002


def single_node(dtype=torch.float32, bias=BIASES[0]):
    """nn-008/009, as the figure draws it: H1 sends out1 = w . x to a sum node that adds the bias,
    z = out1 + B; then out2 = relu(z)."""
    x = torch.tensor(X, dtype=dtype)
    w = torch.tensor(W_HIDDEN[0], dtype=dtype)
    out1 = torch.dot(w, x)
    z = out1 + bias
    return out1, z, torch.relu(z)


def small_mlp(bias, dtype=torch.float32):
    """nn-014: hidden = relu(W x + B), outputs = W1 hidden, softmax; entropy and per-target cross-entropy."""
    x = torch.tensor(X, dtype=dtype)
    hidden_sum = torch.tensor(W_HIDDEN, dtype=dtype) @ x + bias
    hidden = torch.relu(hidden_sum)
    outputs = torch.tensor(W_OUT, dtype=dtype) @ hidden
    probs = torch.softmax(outputs, dim=0)
    log_probs = torch.log_softmax(outputs, dim=0)
    return {
        "hidden_sum": hidden_sum,
        "hidden": hidden,
        "outputs": outputs,
        "probs": probs,
        "entropy": -(probs * log_probs).sum(),  # the source's "-sum y_i log y_i" with y = softmax output
        "cross_entropy_if_target": -log_probs,  # -log p_t for a one-hot target t
    }


def fmt(t):
    return [round(v, 6) for v in t.flatten().tolist()]


def main():
    for dtype in (torch.float32, torch.float64):
        out1, z, out2 = single_node(dtype)
        print(f"[{dtype}] nn-008: out1 = w.x = {out1.item():.6f}, sum node z = out1 + B = {z.item():.6f}; "
              f"nn-009: out2 = relu(z) = {out2.item():.6f}")
    for bias in BIASES:
        r = small_mlp(bias)
        print(f"nn-014, B = {bias}: hidden sums {fmt(r['hidden_sum'])}, hidden {fmt(r['hidden'])}, "
              f"outputs {fmt(r['outputs'])}, softmax {fmt(r['probs'])}, entropy {r['entropy'].item():.6f}, "
              f"cross-entropy if target is gamma_1 / gamma_2 {fmt(r['cross_entropy_if_target'])}")


if __name__ == "__main__":
    main()
