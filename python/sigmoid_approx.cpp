// nn-025 in C++ with LibTorch: the sigmoid and its base-2 approximation 1 / (1 + 2^(-k x)), each with a
// hand-written backward pass; the printing loop over v; the approximation as a torch::autograd::Function;
// and a central-difference check of every backward pass in double precision.
//
// Build (Debian/Ubuntu: apt install libtorch-dev):
//   g++ -std=c++17 -O1 python/sigmoid_approx.cpp -I/usr/include/torch/csrc/api/include \
//       -ltorch -ltorch_cpu -lc10 -o /tmp/sigmoid_approx && /tmp/sigmoid_approx
#include <torch/torch.h>

#include <cmath>
#include <cstdio>
#include <vector>

// Forward, as given: y = 1 / (1 + e^(-x)).
torch::Tensor sigmoid001(const torch::Tensor& x) { return 1.0 / (1.0 + torch::exp(-x)); }

// Backward: dL/dx = dL/dy * y * (1 - y), from the saved output y.
torch::Tensor sigmoid001_backward(const torch::Tensor& grad_y, const torch::Tensor& y) {
  return grad_y * y * (1.0 - y);
}

// Forward: a = 1 / (1 + 2^(-k x)); k = 1.44 ~ log2(e), or 1.5 as in the question.
torch::Tensor sigmoid_approx(const torch::Tensor& x, double k) { return 1.0 / (1.0 + torch::pow(2.0, -k * x)); }

// Backward: dL/dx = dL/da * k ln2 * a * (1 - a).
torch::Tensor sigmoid_approx_backward(const torch::Tensor& grad_a, const torch::Tensor& a, double k) {
  return grad_a * (k * std::log(2.0)) * a * (1.0 - a);
}

// The approximation as an autograd op: autograd calls our backward instead of differentiating pow.
struct SigmoidApprox : public torch::autograd::Function<SigmoidApprox> {
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, torch::Tensor x, double k) {
    torch::Tensor a = sigmoid_approx(x, k);
    ctx->save_for_backward({a});
    ctx->saved_data["k"] = k;
    return a;
  }
  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grad_out) {
    torch::Tensor a = ctx->get_saved_variables()[0];
    double k = ctx->saved_data["k"].toDouble();
    return {sigmoid_approx_backward(grad_out[0], a, k), torch::Tensor()};  // no gradient for k
  }
};

// Largest |analytic - central difference| over x, in float64, for a function and its backward pass.
template <typename F, typename B>
double max_gradient_error(const torch::Tensor& x, F f, B backward, double h = 1e-6) {
  torch::Tensor numeric = (f(x + h) - f(x - h)) / (2 * h);
  torch::Tensor analytic = backward(torch::ones_like(x), f(x));
  return (analytic - numeric).abs().max().item<double>();
}

int main() {
  const std::vector<double> v = {0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99};
  const double k = 1.5;
  std::printf("v\tsigmoid\tsigmoid'\t1/(1+2^(-%.2fv))\tits derivative\n", k);
  for (auto it = v.begin(); it != v.end(); ++it) {
    torch::Tensor t0 = torch::tensor(*it, torch::kFloat64);
    torch::Tensor y = sigmoid001(t0);
    torch::Tensor a = sigmoid_approx(t0, k);
    std::printf("%.2f\t%.6f\t%.6f\t%.6f\t%.6f\n", *it, y.item<double>(),
                sigmoid001_backward(torch::ones_like(y), y).item<double>(), a.item<double>(),
                sigmoid_approx_backward(torch::ones_like(a), a, k).item<double>());
  }

  torch::Tensor grid = torch::linspace(-6, 6, 121, torch::kFloat64);
  double e1 = max_gradient_error(grid, sigmoid001, sigmoid001_backward);
  double e2 = max_gradient_error(
      grid, [&](const torch::Tensor& x) { return sigmoid_approx(x, k); },
      [&](const torch::Tensor& g, const torch::Tensor& a) { return sigmoid_approx_backward(g, a, k); });
  torch::Tensor x = grid.clone().requires_grad_(true);
  SigmoidApprox::apply(x, k).sum().backward();
  torch::Tensor numeric = (sigmoid_approx(grid + 1e-6, k) - sigmoid_approx(grid - 1e-6, k)) / 2e-6;
  double e3 = (x.grad() - numeric).abs().max().item<double>();
  const double tol = 1e-8;
  std::printf("max |backward - central difference|: sigmoid %.1e, approximation %.1e, autograd op %.1e (tolerance %.0e)\n",
              e1, e2, e3, tol);
  bool ok = e1 < tol && e2 < tol && e3 < tol;
  std::printf("%s\n", ok ? "all backward passes agree with central differences" : "GRADIENT CHECK FAILED");
  return ok ? 0 : 1;
}
