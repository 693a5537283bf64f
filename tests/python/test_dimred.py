"""dl-56: PCA against its defining property, k-NN on an obvious case, and the quick run."""
import re

import numpy as np

import dimred


def test_pca_directions_are_orthonormal_and_capture_the_most_variance():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((200, 5)) * [5, 3, 1, 0.5, 0.1]
    mean, comps = dimred.fit_pca(x)
    np.testing.assert_allclose(comps @ comps.T, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(np.abs(comps[:, :2]), np.eye(2), atol=0.1)


def test_knn_recovers_two_separated_clusters():
    ref = np.array([[0, 0], [0, 1], [1, 0], [10, 10], [10, 11], [11, 10]], dtype=float)
    labels = np.array([0, 0, 0, 1, 1, 1])
    assert dimred.knn_predict(ref, labels, np.array([[0.5, 0.5], [10.5, 10.5]]), k=3).tolist() == [0, 1]


def test_quick_run_reports_both_reductions_well_above_chance(script):
    out = script("dimred.py", "--quick")
    for name in ("PCA", "autoencoder"):
        acc = float(re.search(name + r"\s+2-D codes: 5-NN test accuracy ([\d.]+)", out).group(1))
        assert acc > 0.3  # ten classes: chance is 0.1
