"""conformance.tolerance: where the derived bounds demand NaN (resize.nan, tolerance.model)."""

from __future__ import annotations

from typing import Any

import numpy as np

from conformance.tolerance import nan_required
from oracle import resize_plan


def test_a_nan_read_through_a_weight_within_its_slack_is_not_required() -> None:
    # Found by the thorough profile on torch-cpu: 2 -> 3 half_pixel with
    # scale_factor 1.6666666666666667 puts output 2 at x = 1 - 6.7e-17, so sample 0
    # has weight 6.7e-17.  PyTorch's float32 coordinate is 1 exactly and reads only
    # sample 1, returning 0.0 where the oracle gives NaN.
    x = np.array([np.nan, 0.0]).reshape(1, 1, 2)
    kwargs: dict[str, Any] = {
        "mode": "linear",
        "coordinate_mode": "half_pixel",
        "scale_factor": (5 / 3,),
    }
    (plan,) = resize_plan((2,), **kwargs)
    weight = plan.weights[2][plan.indices[2] == 0].sum()
    assert 0 < weight < 1e-15
    for dtype in ("float32", "float64"):
        assert nan_required(x, kwargs, dtype).tolist() == [[[True, True, False]]]


def test_nan_is_required_through_every_weight_beyond_its_slack() -> None:
    x = np.zeros((1, 2, 4, 5))
    x[0, 1, 2, 3] = np.nan
    kwargs: dict[str, Any] = {"mode": "cubic", "size": (6, 7)}
    required = nan_required(x, kwargs, "float32")
    assert not required[0, 0].any()
    plans = resize_plan((4, 5), **kwargs)
    rows = [
        {int(i) for i in np.flatnonzero(((p.indices == j) & (p.weights != 0)).any(1))}
        for p, j in zip(plans, (2, 3), strict=True)
    ]
    assert {tuple(ij) for ij in np.argwhere(required[0, 1])} == {
        (i, j) for i in rows[0] for j in rows[1]
    }


def test_extrapolated_outputs_are_never_required_to_be_nan() -> None:
    x = np.full((1, 1, 3), np.nan)
    kwargs: dict[str, Any] = {
        "mode": "linear",
        "size": (4,),
        "coordinate_mode": "tf_crop_and_resize",
        "roi": [(-0.5, 1.5)],
    }
    (plan,) = resize_plan((3,), **kwargs)
    assert plan.outside.any() and not plan.outside.all()
    assert nan_required(x, kwargs, "float32")[0, 0].tolist() == (~plan.outside).tolist()
