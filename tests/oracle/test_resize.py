"""oracle.resize against an exact rational evaluation of its semantics, PyTorch and onnx.reference.

Sections:

1. An exact evaluation (fractions.Fraction) of whole resizes from the spec's
   own forms (tests.oracle.spec_forms: coord.*, nearest.rounding,
   interp.linear.weights, interp.cubic.kernel, resize.border,
   resize.exclude_outside, resize.antialias, resize.area,
   resize.output_length, resize.coordinate_scale), combined as the tensor
   product of the axes (resize.separable), compared with the oracle on every
   small case.
2. NaN propagation (resize.nan) and empty batches.
3. Plans: indices in range, padding, float and exact source coordinates.
4. Every ValueError path.
5. Cross-checks against PyTorch ``F.interpolate`` (float64) and
   ``onnx.reference`` where they express the same convention; known
   disagreements are strict xfails with a minimal reproducer.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
from oracle import (
    COORDINATE_MODES,
    NEAREST_MODES,
    AxisPlan,
    apply_plan,
    axis_weights,
    resize_plan,
)
from tests.oracle import spec_forms

# --------------------------------------------------------------------------------------
# 1. Exact evaluation of the semantics
# --------------------------------------------------------------------------------------


class UndefinedError(Exception):
    """An output whose weights renormalise by a zero sum (the oracle must raise)."""


@dataclass
class ExactAxis:
    """Per output position: (clamped index, weight, error scale) per tap, tap set, outside.

    The error scale bounds how much a float64 evaluation of the weight can be off, in
    units of the unit roundoff (a few of them): ``|w|`` for exact-ish weights, more where
    the kernel's terms cancel (spec.tolerance.evaluation_magnitude).
    """

    rows: list[list[tuple[int, Fraction, Fraction]]] = field(default_factory=list)
    tapsets: list[set[int]] = field(default_factory=list)
    outside: list[bool] = field(default_factory=list)
    sources: list[Fraction] | None = None


def exact_axis(
    n: int, out: int, s: Fraction, p: dict[str, Any], roi: tuple[Fraction, Fraction] | None
) -> ExactAxis:
    """One axis of the resize, every formula taken from the spec (tests.oracle.spec_forms)."""
    mode, cm = p["mode"], p["coordinate_mode"]
    axis = ExactAxis()
    if mode == "area":
        for i in range(out):
            lo, hi = spec_forms.area_window(i, n, out)
            axis.rows.append(
                [(j, Fraction(1, hi - lo), Fraction(1, hi - lo)) for j in range(lo, hi)]
            )
            axis.tapsets.append(set(range(lo, hi)))
            axis.outside.append(False)
        return axis
    axis.sources = []
    window = roi if roi is not None else (Fraction(0), Fraction(1))
    for i in range(out):
        x = spec_forms.source_coordinate(cm, i, n, out, s, window)
        axis.sources.append(x)
        outside = cm == "tf_crop_and_resize" and spec_forms.extrapolates(x, n)
        axis.outside.append(outside)
        if mode == "nearest":
            j = spec_forms.clamp(spec_forms.round_index(x, p["nearest_mode"]), n)
            axis.rows.append([(j, Fraction(1), Fraction(1))])
            axis.tapsets.append({j})
            continue
        a = Fraction(p["cubic_a"])
        stretch = s if p["antialias"] and s < 1 else Fraction(1)
        raw = (
            spec_forms.antialias_taps(x, s, mode, a)
            if stretch != 1
            else spec_forms.plain_taps(x, mode, a)
        )
        renormalise = p["exclude_outside"] or stretch != 1
        kept = [
            (j, w, spec_forms.evaluation_magnitude(mode, (j - x) * stretch, a))
            for j, w in raw.items()
            if not p["exclude_outside"] or 0 <= j <= n - 1
        ]
        total = sum((w for _, w, _ in kept), Fraction(0))
        if renormalise and total == 0:
            if not outside:
                raise UndefinedError(f"output {i}: source {x}")
            kept, total = [], Fraction(1)
        if renormalise:
            spread = sum(c for _, _, c in kept)
            kept = [(j, w / total, (c + abs(w / total) * spread) / abs(total)) for j, w, c in kept]
        axis.rows.append([(spec_forms.clamp(j, n), w, max(c, abs(w))) for j, w, c in kept])
        axis.tapsets.append({spec_forms.clamp(j, n) for j, _, _ in kept})
    return axis


def exact_lengths(
    shape: tuple[int, ...], size: Any, scale_factor: Any
) -> tuple[list[int], list[Fraction]]:
    """resize.output_length and resize.coordinate_scale of every axis, from the spec."""
    nd = len(shape)
    sizes = (
        [None] * nd if size is None else (list(size) if isinstance(size, tuple) else [size] * nd)
    )
    factors = (
        [None] * nd
        if scale_factor is None
        else (list(scale_factor) if isinstance(scale_factor, tuple) else [scale_factor] * nd)
    )
    outs = [
        spec_forms.output_length(n, z, f) for n, z, f in zip(shape, sizes, factors, strict=True)
    ]
    scales = [
        spec_forms.coordinate_scale(n, z, f) for n, z, f in zip(shape, sizes, factors, strict=True)
    ]
    return outs, scales


def exact_resize(
    x: NDArray[np.float64], **p: Any
) -> tuple[NDArray[np.float64], NDArray[np.float64], list[ExactAxis]]:
    """Exact result (rounded once to float64) and an error scale per output (sum |W||x|, with
    cancelling kernel terms counted), evaluated as the tensor product of the axes."""
    spatial = x.shape[2:]
    outs, scales = exact_lengths(spatial, p.get("size"), p.get("scale_factor"))
    rois = p.get("roi") or [None] * len(spatial)
    axes = [
        exact_axis(n, o, s, p, None if r is None else (Fraction(r[0]), Fraction(r[1])))
        for n, o, s, r in zip(spatial, outs, scales, rois, strict=True)
    ]
    result = np.empty(x.shape[:2] + tuple(outs))
    magnitude = np.empty_like(result)
    xs = [[Fraction(v) for v in plane.ravel()] for plane in x.reshape((-1, *spatial))]
    strides = [math.prod(spatial[a + 1 :]) for a in range(len(spatial))]
    for plane, values in enumerate(xs):
        for pos in itertools.product(*(range(o) for o in outs)):
            index = np.unravel_index(plane, x.shape[:2]) + pos
            if any(ax.outside[i] for ax, i in zip(axes, pos, strict=True)):
                result[index] = p.get("extrapolation_value", 0.0)
                magnitude[index] = 0.0
                continue
            total, mag = Fraction(0), Fraction(0)
            for combo in itertools.product(*(ax.rows[i] for ax, i in zip(axes, pos, strict=True))):
                w = math.prod((c[1] for c in combo), start=Fraction(1))
                scale = math.prod((c[2] for c in combo), start=Fraction(1))
                v = values[sum(c[0] * st for c, st in zip(combo, strides, strict=True))]
                total += w * v
                mag += abs(scale * v)
            result[index] = float(total)
            magnitude[index] = float(mag)
    return result, magnitude, axes


DEFAULTS: dict[str, Any] = {
    "mode": "nearest",
    "coordinate_mode": "half_pixel",
    "nearest_mode": "round_prefer_floor",
    "cubic_a": -0.75,
    "exclude_outside": False,
    "antialias": False,
}

ROIS = [(0.0, 1.0), (0.25, 0.75), (-0.3, 1.2), (0.8, 0.1), (0.5, 0.5)]


def small_cases() -> Iterator[dict[str, Any]]:
    """1-D cases: every length pair up to 6 for every mode, coordinate mode and option."""
    options: list[dict[str, Any]] = []
    for cm in COORDINATE_MODES:
        options += [
            {"mode": "nearest", "coordinate_mode": cm, "nearest_mode": nm} for nm in NEAREST_MODES
        ]
        for excl in (False, True):
            options.append({"mode": "linear", "coordinate_mode": cm, "exclude_outside": excl})
            for a in (-0.75, -0.5):
                options.append(
                    {"mode": "cubic", "coordinate_mode": cm, "exclude_outside": excl, "cubic_a": a}
                )
            options.append(
                {
                    "mode": "linear",
                    "coordinate_mode": cm,
                    "exclude_outside": excl,
                    "antialias": True,
                }
            )
            options.append(
                {
                    "mode": "cubic",
                    "coordinate_mode": cm,
                    "exclude_outside": excl,
                    "antialias": True,
                    "cubic_a": -0.5,
                }
            )
    options.append({"mode": "area"})
    for k, opt in enumerate(options):
        for n, out in itertools.product(range(1, 7), repeat=2):
            case = {**DEFAULTS, **opt, "shape": (2, 1, n), "size": out}
            if case["coordinate_mode"] == "tf_crop_and_resize":
                case["roi"] = [ROIS[(k + n + out) % len(ROIS)]]
                case["extrapolation_value"] = -7.5
            yield case


SCALES = [0.3, 0.5, 0.7, 1 / 3, 1.1, 1.5, 2.0, 2.5, 3.0]


def scale_cases() -> Iterator[dict[str, Any]]:
    """scale_factor alone and with size (as ONNX keep_aspect_ratio_policy gives both)."""
    modes: list[dict[str, Any]] = [
        {"mode": "nearest", "coordinate_mode": "asymmetric", "nearest_mode": "floor"},
        {"mode": "nearest", "coordinate_mode": "half_pixel", "nearest_mode": "round_prefer_ceil"},
        {"mode": "linear", "coordinate_mode": "half_pixel"},
        {"mode": "linear", "coordinate_mode": "half_pixel_symmetric"},
        {"mode": "linear", "coordinate_mode": "half_pixel", "antialias": True},
        {"mode": "cubic", "coordinate_mode": "asymmetric"},
        {"mode": "cubic", "coordinate_mode": "half_pixel_symmetric", "exclude_outside": True},
        {
            "mode": "cubic",
            "coordinate_mode": "pytorch_half_pixel",
            "antialias": True,
            "exclude_outside": True,
        },
        {"mode": "area"},
    ]
    for opt in modes:
        for n, sf in itertools.product(range(1, 7), SCALES):
            yield {**DEFAULTS, **opt, "shape": (1, 2, n), "scale_factor": sf}
            yield {**DEFAULTS, **opt, "shape": (1, 2, n), "scale_factor": sf, "size": max(1, n - 1)}


def multi_axis_cases() -> Iterator[dict[str, Any]]:
    """2-D and 3-D cases with N > 1, C > 1 and per-axis parameters, drawn with a fixed seed."""
    rng = random.Random(20240601)
    for k in range(60):
        nd = 2 if k < 40 else 3
        top = 6 if nd == 2 else 4
        mode = rng.choice(["nearest", "linear", "cubic", "area"])
        opt: dict[str, Any] = {"mode": mode}
        if mode != "area":
            opt["coordinate_mode"] = rng.choice(COORDINATE_MODES)
            opt["nearest_mode"] = rng.choice(NEAREST_MODES)
            opt["exclude_outside"] = rng.random() < 0.5
            opt["cubic_a"] = rng.choice([-0.75, -0.5, -0.6])
        if mode in ("linear", "cubic") and nd == 2:
            opt["antialias"] = rng.random() < 0.4
        shape = (rng.randint(1, 2), rng.randint(1, 3), *(rng.randint(1, top) for _ in range(nd)))
        case = {**DEFAULTS, **opt, "shape": shape}
        if rng.random() < 0.7:
            case["size"] = tuple(rng.randint(1, top) for _ in range(nd))
        else:
            case["scale_factor"] = tuple(
                rng.choice([0.5, 1.5, 2.0, 1 / 3, 0.75]) for _ in range(nd)
            )
            if any(
                spec_forms.output_length(n, None, f) < 1
                for n, f in zip(shape[2:], case["scale_factor"], strict=True)
            ):
                case["size"] = tuple(rng.randint(1, top) for _ in range(nd))
        if case.get("coordinate_mode") == "tf_crop_and_resize":
            case["roi"] = [rng.choice(ROIS) for _ in range(nd)]
            case["extrapolation_value"] = 2.25
        yield case


def _case_id(case: dict[str, Any]) -> str:
    keys_ = [
        "shape",
        "size",
        "scale_factor",
        "mode",
        "coordinate_mode",
        "nearest_mode",
        "cubic_a",
        "exclude_outside",
        "antialias",
        "roi",
    ]
    return ", ".join(f"{k}={case[k]!r}" for k in keys_ if k in case)


def _input(shape: tuple[int, ...], seed: int) -> NDArray[np.float64]:
    """Small integers: exactly representable, so the exact result is exact."""
    return np.random.default_rng(seed).integers(-8, 9, size=shape).astype(np.float64)


def _params(case: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in case.items() if k != "shape"}


def check_against_exact(case: dict[str, Any], seed: int) -> None:
    x = _input(case["shape"], seed)
    params = _params(case)
    arguments = ", ".join(f"{k}={v!r}" for k, v in params.items())
    reproducer = f"oracle.resize(x, {arguments}) with x.shape={x.shape}"
    try:
        want, magnitude, axes = exact_resize(x, **params)
    except UndefinedError:
        with pytest.raises(ValueError, match=r"^(exclude_outside|antialias):"):
            oracle.resize(x, **params)
        return
    got = oracle.resize(x, **params)
    assert got.shape == want.shape, reproducer
    assert got.dtype == np.float64
    # Within a few float64 roundings of every weight and product (tolerance.model, u = 2^-53).
    bound = 64 * 2.0**-53 * magnitude + 1e-300
    err = np.abs(got - want)
    assert (err <= bound).all(), f"{reproducer}: max excess {np.max(err - bound)}\n{got}\n{want}"
    plans = resize_plan(
        x.shape[2:], **{k: v for k, v in params.items() if k != "extrapolation_value"}
    )
    for plan, ax in zip(plans, axes, strict=True):
        assert plan.source == (None if ax.sources is None else tuple(ax.sources)), reproducer
        assert plan.outside.tolist() == ax.outside, reproducer
        assert plan.active is not None
        for i, taps in enumerate(ax.tapsets):
            if not ax.outside[i]:
                assert set(plan.indices[i][plan.active[i]].tolist()) == taps, (reproducer, i)
                assert set(plan.indices[i].tolist()) == taps, (reproducer, i)


@pytest.mark.parametrize(
    ("mode", "coordinate_mode"),
    [(m, cm) for m in ("nearest", "linear", "cubic") for cm in COORDINATE_MODES]
    + [("area", "half_pixel")],
)
def test_one_axis_equals_exact_evaluation(mode: str, coordinate_mode: str) -> None:
    cases = [
        c for c in small_cases() if c["mode"] == mode and c["coordinate_mode"] == coordinate_mode
    ]
    assert cases
    for k, case in enumerate(cases):
        check_against_exact(case, k)


def test_scale_factor_cases_equal_exact_evaluation() -> None:
    for k, case in enumerate(scale_cases()):
        n, factor = case["shape"][-1], case["scale_factor"]
        if "size" not in case and spec_forms.output_length(n, None, factor) < 1:
            with pytest.raises(ValueError, match="scale_factor"):
                oracle.resize(_input(case["shape"], k), **_params(case))
            continue
        check_against_exact(case, k)


@pytest.mark.parametrize("case", list(multi_axis_cases()), ids=_case_id)
def test_multi_axis_equals_exact_evaluation(case: dict[str, Any]) -> None:
    check_against_exact(case, 7)


def test_exact_reference_sees_the_float_value_of_scale_factor() -> None:
    # 10 * 0.7 is 6.9999999999999996 exactly: floor gives 6, not 7 (resize.output_length).
    assert oracle.resize(np.zeros((1, 1, 10)), scale_factor=0.7).shape == (1, 1, 6)
    # 3 * (1/3 as a float) is below 1.
    with pytest.raises(ValueError, match=r"^scale_factor: floor"):
        oracle.resize(np.zeros((1, 1, 3)), scale_factor=1 / 3)


def test_center_of_four_pixels() -> None:
    # interp.linear.center_of_four: each of the four neighbours weighs exactly 1/4.
    x = np.array([[1.0, 2.0], [3.0, 5.0]]).reshape(1, 1, 2, 2)
    y = oracle.resize(x, size=1, mode="linear", coordinate_mode="half_pixel")
    assert y.item() == (1 + 2 + 3 + 5) / 4


def test_length_one_on_both_sides() -> None:
    x = np.array([3.5]).reshape(1, 1, 1)
    for mode in ("nearest", "linear", "cubic", "area"):
        for cm in COORDINATE_MODES if mode != "area" else ("half_pixel",):
            roi = [(0.2, 0.4)] if cm == "tf_crop_and_resize" else None
            # cubic weights sum to one only up to rounding
            np.testing.assert_allclose(
                oracle.resize(x, size=1, mode=mode, coordinate_mode=cm, roi=roi),
                [[[3.5]]],
                rtol=1e-15,
            )
            np.testing.assert_allclose(
                oracle.resize(x, size=3, mode=mode, coordinate_mode=cm, roi=roi),
                [[[3.5] * 3]],
                rtol=1e-15,
            )


def test_align_corners_keeps_the_corners() -> None:
    x = _input((2, 3, 5, 4), 1)
    y = oracle.resize(x, size=(9, 7), mode="cubic", coordinate_mode="align_corners")
    np.testing.assert_array_equal(
        y[..., ::4, ::2][..., :, [0, -1]], x[..., ::2, :][..., :, [0, -1]]
    )


def test_bool_int_and_float32_inputs() -> None:
    x = np.arange(12, dtype=np.int16).reshape(1, 1, 3, 4)
    np.testing.assert_array_equal(
        oracle.resize(x, size=(3, 4), mode="linear"), x.astype(np.float64)
    )
    y = oracle.resize(x.astype(np.float32), size=(6, 8), mode="linear")
    assert y.dtype == np.float64
    np.testing.assert_array_equal(
        y, oracle.resize(x.astype(np.float64), size=(6, 8), mode="linear")
    )


def test_result_is_a_new_array() -> None:
    x = np.ones((1, 1, 3))
    y = oracle.resize(x, size=3)
    y[...] = 5
    assert x.tolist() == [[[1.0, 1.0, 1.0]]]


# --------------------------------------------------------------------------------------
# 2. NaN propagation (resize.nan) and empty batches
# --------------------------------------------------------------------------------------


NAN_CASES = [
    c
    for c in itertools.chain(small_cases(), scale_cases())
    if c["shape"][-1] in (1, 3, 5) and (c.get("size") in (1, 2, 4, 6) or "size" not in c)
]


@pytest.mark.parametrize("mode", ["nearest", "linear", "cubic", "area"])
def test_nan_propagates_exactly_to_the_outputs_whose_tap_set_holds_it(mode: str) -> None:
    checked = 0
    for case in NAN_CASES:
        if case["mode"] != mode:
            continue
        params = _params(case)
        n = case["shape"][-1]
        if exact_lengths(case["shape"][2:], case.get("size"), case.get("scale_factor"))[0][0] < 1:
            continue  # an invalid scale_factor (tested elsewhere)
        try:
            _, _, (axis,) = exact_resize(_input(case["shape"], 0), **params)
        except UndefinedError:
            continue
        for p in range(n):
            x = np.ones(case["shape"])
            x[..., p] = np.nan
            got = np.isnan(oracle.resize(x, **params))[0, 0]
            want = [
                p in taps and not out for taps, out in zip(axis.tapsets, axis.outside, strict=True)
            ]
            assert got.tolist() == want, (_case_id(case), p)
            checked += 1
    assert checked > 100


def test_nan_in_a_zero_weight_tap_still_propagates() -> None:
    # align_corners 3 -> 5: output 2 sits exactly on sample 1 (t = 0) but its tap
    # set is {1, 2}; 0 * NaN is NaN (resize.nan, as PyTorch).
    x = np.array([0.0, 1.0, np.nan]).reshape(1, 1, 3)
    y = oracle.resize(x, size=5, mode="linear", coordinate_mode="align_corners")
    assert np.isnan(y[0, 0]).tolist() == [False, False, True, True, True]


def test_nan_in_two_dimensions_is_the_outer_product_of_tap_sets() -> None:
    x = np.zeros((1, 1, 4, 4))
    x[0, 0, 1, 2] = np.nan
    y = oracle.resize(x, size=(2, 2), mode="area")
    assert np.isnan(y[0, 0]).tolist() == [[False, True], [False, False]]


def test_outside_outputs_ignore_nan() -> None:
    x = np.full((1, 1, 3), np.nan)
    y = oracle.resize(
        x,
        size=3,
        mode="linear",
        coordinate_mode="tf_crop_and_resize",
        roi=[(1.0, 2.0)],
        extrapolation_value=4.0,
    )
    assert np.isnan(y[0, 0, 0]) and y[0, 0, 1:].tolist() == [4.0, 4.0]


def test_padding_and_dropped_taps_are_inert_for_inf() -> None:
    # area 2 -> 3: the one-sample windows are padded; padding must not turn inf into NaN.
    x = np.array([np.inf, 1.0]).reshape(1, 1, 2)
    assert oracle.resize(x, size=3, mode="area").tolist() == [[[np.inf, np.inf, 1.0]]]
    # exclude_outside drops the tap left of sample 0: 0 * inf must not appear.
    y = oracle.resize(x, size=4, mode="linear", exclude_outside=True)
    assert y[0, 0, 0] == np.inf
    (plan,) = resize_plan((2,), size=4, mode="linear", exclude_outside=True)
    assert plan.active is not None and plan.active.tolist()[0] == [True, False]  # then padding
    assert plan.indices.tolist()[0] == [0, 0] and plan.weights.tolist()[0] == [1.0, 0.0]


def test_a_row_whose_every_tap_is_dropped_reads_nothing() -> None:
    # tf_crop_and_resize far right of the input with exclude_outside: x = 6, 7.5, 9 on 4
    # samples, no tap inside; the rows are extrapolated and their one entry is inactive.
    (plan,) = resize_plan(
        (4,),
        size=3,
        mode="linear",
        coordinate_mode="tf_crop_and_resize",
        roi=[(2.0, 3.0)],
        exclude_outside=True,
    )
    assert plan.outside.all() and plan.active is not None and not plan.active.any()
    x = np.full((1, 1, 4), np.nan)
    assert oracle.resize(
        x,
        size=3,
        mode="linear",
        coordinate_mode="tf_crop_and_resize",
        roi=[(2.0, 3.0)],
        exclude_outside=True,
        extrapolation_value=1.5,
    ).tolist() == [[[1.5] * 3]]


def test_inf_meets_a_zero_weight_in_the_tap_set() -> None:
    # align_corners 2 -> 3: x = 0, 1/2, 1.  Output 0 holds sample 1 with weight 0,
    # and 0 * inf is NaN.  Output 2 reads sample 1 through two taps (the right one is
    # clamped) whose weights 1 and 0 add up on it (resize.border): 1 * inf is inf.
    # PyTorch multiplies tap by tap and gives NaN there.
    x = np.array([0.0, np.inf]).reshape(1, 1, 2)
    y = oracle.resize(x, size=3, mode="linear", coordinate_mode="align_corners")
    assert np.isnan(y[0, 0, 0]) and y[0, 0, 1:].tolist() == [np.inf, np.inf]


def _tap_by_tap(x: NDArray[np.float64], plans: tuple[AxisPlan, ...]) -> NDArray[np.float64]:
    """resize.separable and resize.nan written out: every output is the sum, in Python
    floats, of ``w_1 * ... * w_d * x`` over the product of the axes' active taps."""
    out = np.empty(x.shape[:2] + tuple(p.out_length for p in plans))
    for index in np.ndindex(*out.shape):
        plane, outputs = x[index[:2]], index[2:]
        per_axis = [
            [
                (int(p.indices[o, t]), float(p.weights[o, t]))
                for t in range(p.taps)
                if p.active is None or p.active[o, t]
            ]
            for p, o in zip(plans, outputs, strict=True)
        ]
        total = 0.0
        for combo in itertools.product(*per_axis):
            term = float(plane[tuple(j for j, _ in combo)])
            for _, w in combo:
                term = w * term
            total += term
        out[index] = total
    return out


NON_FINITE_CASES = [
    ((2, 3, 5, 6), {"size": (7, 4), "mode": "linear"}),
    ((1, 2, 6, 5), {"size": (3, 8), "mode": "cubic", "coordinate_mode": "align_corners"}),
    ((2, 2, 9, 4), {"size": (4, 9), "mode": "cubic", "antialias": True, "exclude_outside": True}),
    ((1, 3, 8, 3), {"size": (3, 7), "mode": "area"}),  # a band axis and a selection axis
    ((2, 1, 5, 4), {"size": (9, 7), "mode": "nearest"}),
    ((1, 2, 3, 4, 5), {"size": (5, 2, 6), "mode": "linear", "antialias": True}),
]


@pytest.mark.parametrize(("shape", "params"), NON_FINITE_CASES)
def test_non_finite_samples_match_the_tap_by_tap_sum(
    shape: tuple[int, ...], params: dict[str, Any]
) -> None:
    # apply_plan contracts the finite part with matrix products over block windows and
    # the non-finite part tap by tap (resize.nan); together they must equal the
    # defining sum: the same NaN and infinities, and the same finite values to rounding.
    rng = np.random.default_rng(len(shape) * 100 + shape[-1])
    plans = resize_plan(shape[2:], **params)
    for trial in range(12):
        x = rng.uniform(-2, 2, shape)
        spots = rng.choice(x.size, size=1 + trial % 4, replace=False)
        x.flat[spots] = rng.choice([np.nan, np.inf, -np.inf], size=spots.size)
        got = oracle.resize(x, **params)
        with np.errstate(invalid="ignore"):
            want = _tap_by_tap(x, plans)
        assert np.array_equal(np.isnan(got), np.isnan(want)), (trial, x)
        assert np.array_equal(np.isposinf(got), np.isposinf(want)), (trial, x)
        assert np.array_equal(np.isneginf(got), np.isneginf(want)), (trial, x)
        finite = np.isfinite(want)
        assert finite.any() and not finite.all(), trial
        np.testing.assert_allclose(got[finite], want[finite], rtol=0, atol=1e-13)


def test_finite_planes_beside_a_non_finite_one_are_untouched() -> None:
    # Only planes whose sum is not finite are split; their neighbours, and the finite
    # outputs of the split plane, equal the resize of the input with the sample set to 0.
    x = np.random.default_rng(5).uniform(-1, 1, (2, 3, 6, 7))
    clean = x.copy()
    x[1, 2, 3, 4] = np.inf
    clean[1, 2, 3, 4] = 0.0
    params: dict[str, Any] = {"size": (11, 5), "mode": "cubic"}
    got, want = oracle.resize(x, **params), oracle.resize(clean, **params)
    finite = np.isfinite(got)
    assert not finite[1, 2].all() and finite[:1].all() and finite[1, :2].all()
    assert np.array_equal(got[finite], want[finite])


def test_any_memory_layout_gives_the_same_result() -> None:
    # apply_plan reshapes and slices its planes; strided, transposed, reversed and
    # Fortran-ordered inputs, and other dtypes, must read the same samples.
    base = np.random.default_rng(1).standard_normal((3, 4, 10, 12))
    layouts: list[NDArray[Any]] = [
        base[:, :, ::2, 1::2],
        base.transpose(1, 0, 2, 3),
        base[..., ::-1],
        np.asfortranarray(base),
        base.astype(np.float32),
        (base * 100).astype(np.int16),
    ]
    for x in layouts:
        params: dict[str, Any]
        for params in (
            {"size": (7, 9), "mode": "linear"},
            {"size": (3, 4), "mode": "cubic", "antialias": True},
            {"size": (11, 5), "mode": "nearest"},
            {"size": (4, 13), "mode": "area"},
        ):
            got = oracle.resize(x, **params)
            want = oracle.resize(np.ascontiguousarray(x), **params)
            assert np.array_equal(got, want), (x.strides, x.dtype, params)


@pytest.mark.parametrize("mode", ["nearest", "linear", "cubic", "area"])
def test_empty_batch_and_channels(mode: oracle.ResizeMode) -> None:
    for shape in [(0, 3, 4, 5), (2, 0, 4), (0, 0, 2, 2, 2)]:
        nd = len(shape) - 2
        y = oracle.resize(np.zeros(shape), size=(3,) * nd, mode=mode)
        assert y.shape == shape[:2] + (3,) * nd and y.dtype == np.float64


# --------------------------------------------------------------------------------------
# 3. Plans
# --------------------------------------------------------------------------------------


def test_plan_shapes_ranges_and_read_only() -> None:
    for case in itertools.islice(itertools.chain(small_cases(), multi_axis_cases()), 0, None, 7):
        params = {k: v for k, v in _params(case).items() if k != "extrapolation_value"}
        try:
            plans = resize_plan(case["shape"][2:], **params)
        except ValueError:
            continue
        for plan in plans:
            assert isinstance(plan, AxisPlan)
            assert plan.active is not None
            shape = (plan.out_length, plan.taps)
            assert plan.indices.shape == plan.weights.shape == plan.active.shape == shape
            assert (plan.weights[~plan.active] == 0).all()
            assert plan.indices.dtype == np.intp and plan.weights.dtype == np.float64
            assert ((plan.indices >= 0) & (plan.indices < plan.in_length)).all()
            assert np.isfinite(plan.weights).all()
            assert not plan.indices.flags.writeable and not plan.weights.flags.writeable


def test_area_windows_are_padded_inside_the_window() -> None:
    (plan,) = resize_plan((5,), size=3, mode="area")
    # windows [0, 2), [1, 4), [3, 5)
    assert plan.indices.tolist() == [[0, 1, 1], [1, 2, 3], [3, 4, 4]]
    assert plan.weights[:, 2].tolist() == [0.0, 1 / 3, 0.0]
    assert plan.source is None


def test_antialias_windows_and_exact_tap_bounds() -> None:
    # 8 -> 2, half_pixel: x = 1.5 and 5.5, s = 1/4: taps with |j - x| < 4, 8 of them, of
    # which 6 lie inside the input.
    (plan,) = resize_plan((8,), size=2, mode="linear", antialias=True, exclude_outside=True)
    assert plan.taps == 6 and plan.indices.tolist() == [[0, 1, 2, 3, 4, 5], [2, 3, 4, 5, 6, 7]]
    np.testing.assert_allclose(plan.weights.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    # x = 2, s = 1/2 (asymmetric 8 -> 4, output 1): |j - 2| < 2 excludes j = 0 and 4 exactly.
    (plan,) = resize_plan((8,), size=4, mode="linear", coordinate_mode="asymmetric", antialias=True)
    assert sorted(set(plan.indices[1].tolist())) == [1, 2, 3]


def test_antialias_changes_nothing_when_upsampling() -> None:
    for mode, a in (("linear", -0.75), ("cubic", -0.75), ("cubic", -0.5)):
        for excl in (False, True):
            common = dict(size=(7, 9), mode=mode, cubic_a=a, exclude_outside=excl)
            plain, aa = resize_plan((4, 5), **common), resize_plan((4, 5), antialias=True, **common)  # type: ignore[arg-type]
            for p, q in zip(plain, aa, strict=True):
                assert np.array_equal(p.indices, q.indices) and np.array_equal(p.weights, q.weights)


def test_axis_weights_float_path_equals_fraction_path() -> None:
    rng = np.random.default_rng(3)
    xs = np.concatenate([rng.uniform(-3, 12, 200), np.arange(-2, 12, 0.25)])
    fr = [Fraction(v) for v in xs]
    for mode, aa, excl in itertools.product(("linear", "cubic"), (False, True), (False, True)):
        kw = dict(mode=mode, cubic_a=-0.6, exclude_outside=excl, scale=Fraction(1, 3), antialias=aa)
        i1, w1 = axis_weights(xs, 10, **kw)  # type: ignore[arg-type]
        i2, w2 = axis_weights(fr, 10, **kw)  # type: ignore[arg-type]
        assert np.array_equal(i1, i2) and np.array_equal(w1, w2, equal_nan=True)


def test_axis_weights_marks_undefined_rows_with_nan() -> None:
    _, w = axis_weights(
        [Fraction(-1), Fraction(1, 2)],
        2,
        mode="linear",
        cubic_a=-0.75,
        exclude_outside=True,
        scale=Fraction(1),
        antialias=False,
    )
    assert np.isnan(w[0]).all() and w[1].tolist() == [0.5, 0.5]


def test_apply_plan_order_is_shrinking_first() -> None:
    # Same result whatever the pass order (resize.separable); check one against the exact value.
    x = _input((1, 2, 6, 3), 9)
    plans = resize_plan((6, 3), size=(2, 5), mode="cubic")
    want, magnitude, _ = exact_resize(x, **{**DEFAULTS, "mode": "cubic", "size": (2, 5)})
    assert (np.abs(apply_plan(x, plans) - want) <= 64 * 2.0**-53 * magnitude).all()


def test_huge_source_coordinates() -> None:
    # size and a tiny scale_factor: x is about 1e300; every tap clamps to the last sample.
    x = _input((1, 1, 4), 2)
    for mode in ("nearest", "linear", "cubic"):
        y = oracle.resize(x, size=3, scale_factor=1e-300, mode=mode)
        np.testing.assert_allclose(y[0, 0, 1:], [x[0, 0, -1]] * 2, rtol=1e-15)


# --------------------------------------------------------------------------------------
# 4. Every ValueError path names the parameter
# --------------------------------------------------------------------------------------

X = np.zeros((1, 1, 4, 4))
BAD: list[tuple[str, Any, dict[str, Any]]] = [
    ("x", [[[1.0]]], {"size": 2}),
    ("x", np.zeros((1, 1, 2), dtype=bool), {"size": 2}),
    ("x", np.zeros((1, 1, 2), dtype=complex), {"size": 2}),
    ("x", np.zeros((1, 1, 2), dtype=object), {"size": 2}),
    ("x", np.zeros((1, 2)), {"size": 2}),
    ("x", np.zeros((1, 1, 2, 2, 2, 2)), {"size": 2}),
    ("x", np.zeros((1, 1, 0, 2)), {"size": 2}),
    ("size", X, {}),
    ("size", X, {"size": 0}),
    ("size", X, {"size": (2, 0)}),
    ("size", X, {"size": (2, 2, 2)}),
    ("size", X, {"size": 2.0}),
    ("size", X, {"size": True}),
    ("size", X, {"size": "2"}),
    ("scale_factor", X, {"scale_factor": 0.0}),
    ("scale_factor", X, {"scale_factor": -1.0}),
    ("scale_factor", X, {"scale_factor": float("inf")}),
    ("scale_factor", X, {"scale_factor": float("nan")}),
    ("scale_factor", X, {"scale_factor": (2.0,)}),
    ("scale_factor", X, {"scale_factor": True}),
    ("scale_factor", X, {"scale_factor": 0.2}),
    ("scale_factor", X, {"scale_factor": (1.0, 1j)}),
    ("mode", X, {"size": 2, "mode": "bilinear"}),
    ("mode", X, {"size": 2, "mode": None}),
    ("coordinate_mode", X, {"size": 2, "coordinate_mode": "tf_half_pixel_for_nn"}),
    ("nearest_mode", X, {"size": 2, "nearest_mode": "round"}),
    ("cubic_a", X, {"size": 2, "cubic_a": float("nan")}),
    ("cubic_a", X, {"size": 2, "cubic_a": "-0.5"}),
    ("exclude_outside", X, {"size": 2, "exclude_outside": 1}),
    ("antialias", X, {"size": 2, "antialias": None}),
    ("antialias", X, {"size": 2, "antialias": True, "mode": "nearest"}),
    ("antialias", X, {"size": 2, "antialias": True, "mode": "area"}),
    ("coordinate_mode", X, {"size": 2, "mode": "area", "coordinate_mode": "align_corners"}),
    ("roi", X, {"size": 2, "roi": [(0, 1), (0, 1)]}),
    ("roi", X, {"size": 2, "coordinate_mode": "tf_crop_and_resize"}),
    ("roi", X, {"size": 2, "coordinate_mode": "tf_crop_and_resize", "roi": [(0, 1)]}),
    ("roi", X, {"size": 2, "coordinate_mode": "tf_crop_and_resize", "roi": [(0, 1), (0, 1, 2)]}),
    (
        "roi",
        X,
        {"size": 2, "coordinate_mode": "tf_crop_and_resize", "roi": [(0, 1), (0, float("nan"))]},
    ),
    ("roi", X, {"size": 2, "coordinate_mode": "tf_crop_and_resize", "roi": [(0, 1), (0, "1")]}),
    ("roi", X, {"size": 2, "coordinate_mode": "tf_crop_and_resize", "roi": (0, 1, 0, 1)}),
    ("extrapolation_value", X, {"size": 2, "extrapolation_value": None}),
    ("extrapolation_value", X, {"size": 2, "extrapolation_value": True}),
    # half_pixel_symmetric, 2 -> 4 with scale 1: x_0 = -1 exactly; both linear taps
    # with nonzero weight lie outside, renormalisation by zero is undefined.
    (
        "exclude_outside",
        np.zeros((1, 1, 2)),
        {
            "size": 4,
            "scale_factor": 1.0,
            "mode": "linear",
            "coordinate_mode": "half_pixel_symmetric",
            "exclude_outside": True,
        },
    ),
]


@pytest.mark.parametrize(
    ("parameter", "x", "kwargs"), BAD, ids=[f"{p}-{i}" for i, (p, _, _) in enumerate(BAD)]
)
def test_invalid_arguments_raise_value_error_naming_the_parameter(
    parameter: str, x: Any, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(ValueError) as info:
        oracle.resize(x, **kwargs)
    message = str(info.value)
    assert message.startswith(parameter + ":") or f"{parameter}," in message, message
    assert "(see " in message and message.endswith(")"), message


def test_invalid_plan_arguments() -> None:
    for bad in [(), (1, 2, 3, 4), (0,), (2.0,), "ab"]:
        with pytest.raises(ValueError, match="spatial_shape"):
            resize_plan(bad, size=2)  # type: ignore[arg-type]
    good: dict[str, Any] = dict(
        in_length=3,
        mode="linear",
        cubic_a=-0.75,
        exclude_outside=False,
        scale=Fraction(1),
        antialias=False,
    )
    for name, value in [
        ("mode", "nearest"),
        ("in_length", 0),
        ("scale", Fraction(0)),
        ("scale", -1.0),
        ("antialias", 1),
        ("cubic_a", float("inf")),
    ]:
        args = {**good, name: value}
        with pytest.raises(ValueError, match=f"^{name}:"):
            axis_weights([Fraction(1)], args.pop("in_length"), **args)
    with pytest.raises(ValueError, match="source"):
        axis_weights(
            np.array([np.nan]),
            3,
            mode="linear",
            cubic_a=-0.75,
            exclude_outside=False,
            scale=Fraction(1),
            antialias=False,
        )
    plans = resize_plan((4,), size=2)
    with pytest.raises(ValueError, match="plans"):
        apply_plan(np.zeros((1, 1, 4, 4)), plans)
    with pytest.raises(ValueError, match="plans"):
        apply_plan(np.zeros((1, 1, 5)), plans)
    with pytest.raises(ValueError, match="x"):
        apply_plan(np.zeros((1, 1, 4), dtype=complex), plans)
    with pytest.raises(ValueError, match="extrapolation_value"):
        apply_plan(np.zeros((1, 1, 4)), plans, "0")  # type: ignore[arg-type]


def test_error_message_format() -> None:
    with pytest.raises(ValueError) as info:
        oracle.resize(X, scale_factor=-1.0)
    assert (
        str(info.value) == "scale_factor: every entry must be finite and > 0, got -1.0 "
        "(see resize.coordinate_scale)"
    )


def test_accepted_argument_forms() -> None:
    a = oracle.resize(X, size=[3, 5], scale_factor=[0.75, np.float32(1.25)], mode="linear")
    b = oracle.resize(X, size=(np.int64(3), 5), scale_factor=(0.75, 1.25), mode="linear")
    assert np.array_equal(a, b) and a.shape == (1, 1, 3, 5)
    assert oracle.resize(X, scale_factor=2, mode="nearest").shape == (1, 1, 8, 8)
    roi = [[0, 1], (np.float32(0.25), 0.75)]
    oracle.resize(
        X, size=2, coordinate_mode="tf_crop_and_resize", roi=roi, extrapolation_value=np.float32(1)
    )


# --------------------------------------------------------------------------------------
# 5a. PyTorch F.interpolate (float64)
# --------------------------------------------------------------------------------------


def _torch() -> Any:
    return pytest.importorskip("torch")


def _interpolate(x: NDArray[np.float64], **kwargs: Any) -> NDArray[np.float64]:
    torch = _torch()
    out = torch.nn.functional.interpolate(torch.from_numpy(x), **kwargs)
    return np.asarray(out.numpy(), dtype=np.float64)


def _close(
    got: NDArray[np.float64], want: NDArray[np.float64], what: str, tol: float = 1e-13
) -> None:
    assert got.shape == want.shape, what
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol, err_msg=what)


TORCH_SHAPES = (
    [(2, 3, n) for n in range(1, 8)]
    + [(1, 2, 3, 5), (2, 1, 4, 4), (1, 1, 1, 6)]
    + [(1, 2, 3, 2, 4)]
)


def _out_sizes(shape: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
    nd = len(shape) - 2
    picks = [1, 2, 3, 5, 8, 13]
    for k in range(len(picks)):
        yield tuple(picks[(k + a) % len(picks)] for a in range(nd))


@pytest.mark.parametrize(
    ("torch_kwargs", "oracle_kwargs"),
    [
        (
            {"mode": "nearest"},
            {"mode": "nearest", "coordinate_mode": "asymmetric", "nearest_mode": "floor"},
        ),
        (
            {"mode": "nearest-exact"},
            {
                "mode": "nearest",
                "coordinate_mode": "half_pixel",
                "nearest_mode": "round_prefer_ceil",
            },
        ),
        (
            {"mode": "LINEAR", "align_corners": False},
            {"mode": "linear", "coordinate_mode": "half_pixel"},
        ),
        (
            {"mode": "LINEAR", "align_corners": True},
            {"mode": "linear", "coordinate_mode": "align_corners"},
        ),
        ({"mode": "area"}, {"mode": "area"}),
    ],
    ids=["nearest", "nearest-exact", "linear-half-pixel", "linear-align-corners", "area"],
)
def test_torch_agrees_on_1_to_3_axes(
    torch_kwargs: dict[str, Any], oracle_kwargs: dict[str, Any]
) -> None:
    for k, shape in enumerate(TORCH_SHAPES):
        x = np.random.default_rng(k).standard_normal(shape)
        for size in _out_sizes(shape):
            tk = dict(torch_kwargs)
            if tk["mode"] == "LINEAR":
                tk["mode"] = ["linear", "bilinear", "trilinear"][len(size) - 1]
            _close(
                oracle.resize(x, size=size, **oracle_kwargs),
                _interpolate(x, size=size, **tk),
                f"{shape} -> {size} {tk}",
            )


@pytest.mark.parametrize("align_corners", [False, True])
def test_torch_bicubic_agrees(align_corners: bool) -> None:
    cm: oracle.CoordinateMode = "align_corners" if align_corners else "half_pixel"
    for k, shape in enumerate([(1, 2, 3, 5), (2, 1, 4, 4), (1, 1, 1, 6), (1, 1, 7, 2)]):
        x = np.random.default_rng(k).standard_normal(shape)
        for size in _out_sizes(shape):
            want = _interpolate(x, size=size, mode="bicubic", align_corners=align_corners)
            _close(
                oracle.resize(x, size=size, mode="cubic", coordinate_mode=cm, cubic_a=-0.75),
                want,
                f"{shape} -> {size}",
            )


@pytest.mark.parametrize(("mode", "a"), [("bilinear", -0.75), ("bicubic", -0.5)])
def test_torch_antialias_is_exclude_outside(mode: str, a: float) -> None:
    # equiv.torch.antialias: PyTorch antialias is antialias with exclude_outside
    # (bicubic: a = -1/2).
    oracle_mode: oracle.ResizeMode = "linear" if mode == "bilinear" else "cubic"
    for k, shape in enumerate([(1, 2, 16, 12), (2, 1, 7, 9), (1, 1, 5, 5), (1, 1, 1, 8)]):
        x = np.random.default_rng(k).standard_normal(shape)
        for size in [(1, 1), (2, 3), (3, 2), (5, 5), (4, 11), (20, 3)]:
            want = _interpolate(x, size=size, mode=mode, antialias=True, align_corners=False)
            got = oracle.resize(
                x, size=size, mode=oracle_mode, cubic_a=a, antialias=True, exclude_outside=True
            )
            _close(got, want, f"{shape} -> {size}")


def test_torch_scale_factor_agrees_where_lengths_and_coordinates_agree() -> None:
    # With recompute_scale_factor=False PyTorch maps coordinates with 1/scale_factor.
    for n, sf in itertools.product(range(2, 9), [0.5, 0.75, 1.5, 2.0, 2.5, 3.0, 4.0]):
        if spec_forms.output_length(n, None, sf) == n:
            continue  # PyTorch copies such an axis (see the xfail below)
        x = np.random.default_rng(n).standard_normal((1, 2, n))
        cases: list[tuple[str, dict[str, Any]]] = [
            ("linear", {"mode": "linear"}),
            (
                "nearest",
                {"mode": "nearest", "coordinate_mode": "asymmetric", "nearest_mode": "floor"},
            ),
        ]
        for tm, om in cases:
            want = _interpolate(x, scale_factor=sf, mode=tm, recompute_scale_factor=False)
            _close(oracle.resize(x, scale_factor=sf, **om), want, f"n={n} sf={sf} {tm}")


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="PyTorch computes floor(in * scale_factor) in float: 10 * 0.7 -> 7 "
    "(resize.output_length)",
)
def test_torch_deviation_output_length_from_float_product() -> None:
    x = np.arange(10.0).reshape(1, 1, 10)
    assert (
        _interpolate(x, scale_factor=0.7, mode="nearest").shape
        == oracle.resize(x, scale_factor=0.7).shape
    )


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="PyTorch copies an axis whose length does not change even when scale_factor != 1 "
    "(resize.coordinate_scale)",
)
def test_torch_deviation_copies_unchanged_axis() -> None:
    x = np.arange(4.0).reshape(
        1, 1, 4
    )  # floor(4 * 1.1) = 4; s = 1.1 gives x_i = (i + 1/2)/1.1 - 1/2
    want = oracle.resize(x, scale_factor=1.1, mode="linear")
    _close(
        want, _interpolate(x, scale_factor=1.1, mode="linear", recompute_scale_factor=False), "copy"
    )


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="PyTorch nearest rounds i / scale_factor in floating point (nearest.rounding)",
)
def test_torch_deviation_nearest_with_decimal_scale_factor() -> None:
    # x_11 = 11 / 0.55000000000000004441 = 19.99999999999999838...: floor is 19; PyTorch takes 20.
    x = np.arange(45.0).reshape(1, 1, 45)
    want = oracle.resize(
        x, scale_factor=0.55, mode="nearest", coordinate_mode="asymmetric", nearest_mode="floor"
    )
    assert np.array_equal(
        _interpolate(x, scale_factor=0.55, mode="nearest", recompute_scale_factor=False), want
    )


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="PyTorch (half_pixel) maps out == 1 to the centre; pytorch_half_pixel maps it to 0 "
    "(coord.pytorch_half_pixel)",
)
def test_torch_deviation_pytorch_half_pixel_length_one() -> None:
    x = np.arange(4.0).reshape(1, 1, 4)
    want = oracle.resize(x, size=1, mode="linear", coordinate_mode="pytorch_half_pixel")
    _close(want, _interpolate(x, size=1, mode="linear", align_corners=False), "out == 1")


def _nan_masks(
    x_len: int, out: int, torch_kwargs: dict[str, Any], oracle_kwargs: dict[str, Any], two_d: bool
) -> Iterator[tuple[int, Any, Any]]:
    for p in range(x_len):
        x = np.ones((1, 1, 1, x_len) if two_d else (1, 1, x_len))
        x[..., p] = np.nan
        size = (1, out) if two_d else out
        yield (
            p,
            np.isnan(_interpolate(x, size=size, **torch_kwargs)),
            np.isnan(oracle.resize(x, size=size, **oracle_kwargs)),
        )


@pytest.mark.parametrize(
    ("torch_kwargs", "oracle_kwargs", "two_d"),
    [
        (
            {"mode": "nearest"},
            {"mode": "nearest", "coordinate_mode": "asymmetric", "nearest_mode": "floor"},
            False,
        ),
        (
            {"mode": "nearest-exact"},
            {"mode": "nearest", "nearest_mode": "round_prefer_ceil"},
            False,
        ),
        ({"mode": "area"}, {"mode": "area"}, False),
        (
            {"mode": "linear", "align_corners": True},
            {"mode": "linear", "coordinate_mode": "align_corners"},
            False,
        ),
        ({"mode": "bicubic", "align_corners": False}, {"mode": "cubic"}, True),
    ],
    ids=["nearest", "nearest-exact", "area", "linear-align-corners", "bicubic"],
)
def test_torch_propagates_nan_like_the_oracle(
    torch_kwargs: dict[str, Any], oracle_kwargs: dict[str, Any], two_d: bool
) -> None:
    # resize.nan.  Lengths are powers of two so that PyTorch's float coordinates
    # are exact, and in != out (PyTorch copies an unchanged axis).
    for n, out in [(2, 4), (4, 8), (8, 4), (4, 2), (2, 8), (8, 2), (1, 4), (4, 1), (8, 16)]:
        for p, want, got in _nan_masks(n, out, torch_kwargs, oracle_kwargs, two_d):
            assert np.array_equal(got, want), (n, out, p, want.ravel(), got.ravel())


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="PyTorch's linear mode clamps a source coordinate below 0 up to 0 before choosing "
    "its taps, so x in (-1, 0) has the tap set {0, 1}, not {0} (resize.nan)",
)
def test_torch_deviation_linear_tap_set_left_of_sample_zero() -> None:
    x = np.array([1.0, np.nan]).reshape(1, 1, 2)  # 2 -> 3, half_pixel: x_0 = -1/6
    # PyTorch: [nan, nan, nan]; oracle: [1, nan, nan].
    assert np.array_equal(
        np.isnan(oracle.resize(x, size=3, mode="linear")),
        np.isnan(_interpolate(x, size=3, mode="linear")),
    )


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="PyTorch's antialias window is (x - r, x + r], not (x - r, x + r): a sample at "
    "exactly x + r joins the tap set with weight 0 (resize.nan, resize.antialias)",
)
def test_torch_deviation_antialias_window_right_end() -> None:
    x = np.ones((1, 1, 1, 5))
    x[..., 2] = np.nan  # 5 -> 3, s = 3/5, r = 5/3: x_0 = 1/3, x_0 + r = 2 exactly
    kwargs: dict[str, Any] = {"size": (1, 3), "antialias": True}
    want = np.isnan(_interpolate(x, mode="bilinear", **kwargs))  # [nan, nan, 1]
    got = np.isnan(oracle.resize(x, mode="linear", exclude_outside=True, **kwargs))  # [1, nan, 1]
    assert np.array_equal(got, want)


# --------------------------------------------------------------------------------------
# 5b. onnx.reference
# --------------------------------------------------------------------------------------


def _onnx_resize(
    x: NDArray[np.float64], sizes: tuple[int, ...], **attrs: Any
) -> NDArray[np.float64]:
    onnx = pytest.importorskip("onnx")
    from onnx import TensorProto, helper
    from onnx.reference import ReferenceEvaluator

    roi = attrs.pop("roi", None)
    inputs = ["X", "roi" if roi is not None else "", "", "sizes"]
    node = helper.make_node("Resize", inputs, ["Y"], **attrs)
    graph = helper.make_graph(
        [node],
        "resize",
        [helper.make_tensor_value_info("X", TensorProto.DOUBLE, list(x.shape))]
        + (
            [helper.make_tensor_value_info("roi", TensorProto.DOUBLE, [2 * x.ndim])]
            if roi is not None
            else []
        )
        + [helper.make_tensor_value_info("sizes", TensorProto.INT64, [x.ndim])],
        [helper.make_tensor_value_info("Y", TensorProto.DOUBLE, None)],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
    feeds: dict[str, Any] = {"X": x, "sizes": np.array(x.shape[:2] + sizes, dtype=np.int64)}
    if roi is not None:
        starts = [0.0, 0.0] + [r[0] for r in roi]
        ends = [1.0, 1.0] + [r[1] for r in roi]
        feeds["roi"] = np.array(starts + ends, dtype=np.float64)
    (y,) = ReferenceEvaluator(model).run(None, feeds)
    del onnx
    return np.asarray(y, dtype=np.float64)


ONNX_CASES: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {
            "mode": "nearest",
            "coordinate_transformation_mode": "asymmetric",
            "nearest_mode": "floor",
        },
        {"mode": "nearest", "coordinate_mode": "asymmetric", "nearest_mode": "floor"},
    ),
    (
        {
            "mode": "nearest",
            "coordinate_transformation_mode": "half_pixel",
            "nearest_mode": "round_prefer_ceil",
        },
        {"mode": "nearest", "coordinate_mode": "half_pixel", "nearest_mode": "round_prefer_ceil"},
    ),
    (
        {
            "mode": "nearest",
            "coordinate_transformation_mode": "align_corners",
            "nearest_mode": "round_prefer_floor",
        },
        {
            "mode": "nearest",
            "coordinate_mode": "align_corners",
            "nearest_mode": "round_prefer_floor",
        },
    ),
    (
        {"mode": "linear", "coordinate_transformation_mode": "half_pixel"},
        {"mode": "linear", "coordinate_mode": "half_pixel"},
    ),
    (
        {"mode": "linear", "coordinate_transformation_mode": "align_corners"},
        {"mode": "linear", "coordinate_mode": "align_corners"},
    ),
    (
        {"mode": "linear", "coordinate_transformation_mode": "half_pixel_symmetric"},
        {"mode": "linear", "coordinate_mode": "half_pixel_symmetric"},
    ),
    (
        {"mode": "cubic", "coordinate_transformation_mode": "half_pixel", "cubic_coeff_a": -0.75},
        {"mode": "cubic", "coordinate_mode": "half_pixel", "cubic_a": -0.75},
    ),
    (
        {
            "mode": "cubic",
            "coordinate_transformation_mode": "asymmetric",
            "cubic_coeff_a": -0.5,
            "exclude_outside": 1,
        },
        {
            "mode": "cubic",
            "coordinate_mode": "asymmetric",
            "cubic_a": -0.5,
            "exclude_outside": True,
        },
    ),
    (
        {"mode": "linear", "coordinate_transformation_mode": "half_pixel", "antialias": 1},
        {"mode": "linear", "coordinate_mode": "half_pixel", "antialias": True},
    ),
    (
        {
            "mode": "cubic",
            "coordinate_transformation_mode": "half_pixel",
            "antialias": 1,
            "cubic_coeff_a": -0.5,
            "exclude_outside": 1,
        },
        {
            "mode": "cubic",
            "coordinate_mode": "half_pixel",
            "antialias": True,
            "cubic_a": -0.5,
            "exclude_outside": True,
        },
    ),
]


# onnx.reference evaluates the cubic kernel in float32: cubic_coeff_a reaches it as a
# numpy.float32 and, under NumPy 2 promotion rules (NEP 50), float32 * Python float
# stays float32.  Cubic cases are compared at float32 precision for that reason (see
# test_onnx_reference_deviation_cubic_weights_in_float32).
ONNX_CUBIC_TOL = 1e-5


@pytest.mark.parametrize(
    ("onnx_attrs", "oracle_kwargs"),
    ONNX_CASES,
    ids=[
        f"{o['mode']}-{o['coordinate_mode']}" + ("-aa" if o.get("antialias") else "")
        for _, o in ONNX_CASES
    ],
)
def test_onnx_reference_agrees(onnx_attrs: dict[str, Any], oracle_kwargs: dict[str, Any]) -> None:
    tol = ONNX_CUBIC_TOL if onnx_attrs["mode"] == "cubic" else 1e-13
    for k, shape in enumerate([(1, 2, 5), (2, 1, 4, 6), (1, 1, 8, 3), (1, 1, 1, 4)]):
        x = np.random.default_rng(k).standard_normal(shape)
        for size in [*_out_sizes(shape), shape[2:]]:
            want = _onnx_resize(x, size, **onnx_attrs)
            _close(
                oracle.resize(x, size=size, **oracle_kwargs),
                want,
                f"{shape} -> {size} {onnx_attrs}",
                tol,
            )


def test_onnx_reference_tf_crop_and_resize_agrees() -> None:
    x = np.random.default_rng(0).standard_normal((1, 2, 5, 4))
    roi = [(0.2, 0.9), (-0.25, 1.25)]
    for size in [(3, 6), (7, 2)]:
        for mode in ("nearest", "linear", "cubic"):
            want = _onnx_resize(
                x,
                size,
                mode=mode,
                coordinate_transformation_mode="tf_crop_and_resize",
                roi=roi,
                extrapolation_value=-3.0,
            )
            got = oracle.resize(
                x,
                size=size,
                mode=mode,
                coordinate_mode="tf_crop_and_resize",
                roi=roi,
                extrapolation_value=-3.0,
            )
            _close(got, want, f"{size} {mode}", ONNX_CUBIC_TOL if mode == "cubic" else 1e-13)


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="onnx.reference evaluates cubic weights in float32 under NumPy 2 (interp.cubic.kernel)",
)
def test_onnx_reference_deviation_cubic_weights_in_float32() -> None:
    x = np.random.default_rng(0).standard_normal((1, 1, 5))
    _close(
        oracle.resize(x, size=3, mode="cubic"),
        _onnx_resize(x, (3,), mode="cubic", cubic_coeff_a=-0.75),
        "float32 weights",
    )


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="onnx.reference maps pytorch_half_pixel with out == 1 to -0.5; the ONNX text says 0 "
    "(coord.pytorch_half_pixel)",
)
def test_onnx_reference_deviation_pytorch_half_pixel_length_one() -> None:
    # ONNX Resize-19 text: x_original = length_resized > 1 ? (x_resized + 0.5) / scale - 0.5 : 0
    x = np.array([1.0, 2.0, 4.0, 8.0]).reshape(1, 1, 4)
    want = oracle.resize(
        x, size=1, mode="linear", coordinate_mode="pytorch_half_pixel", antialias=True
    )
    got = _onnx_resize(
        x, (1,), mode="linear", coordinate_transformation_mode="pytorch_half_pixel", antialias=1
    )
    _close(want, got, "out == 1")


@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="onnx.reference rounds the tf_crop_and_resize coordinate in float; the oracle uses "
    "the roi's exact value (nearest.rounding)",
)
def test_onnx_reference_deviation_tf_crop_and_resize_float_coordinate() -> None:
    # roi start 0.2 is 0.2000000000000000111...: x_0 = 5 * start is just above 1, so ceil is 2.
    x = np.arange(6.0).reshape(1, 1, 6)
    kwargs: dict[str, Any] = {"mode": "nearest", "nearest_mode": "ceil"}
    got = _onnx_resize(
        x, (2,), coordinate_transformation_mode="tf_crop_and_resize", roi=[(0.2, 0.9)], **kwargs
    )
    assert got.tolist() == [[[2.0, 5.0]]]  # ONNX reference: [[[1.0, 5.0]]]


def test_tf_crop_and_resize_uses_the_exact_roi() -> None:
    x = np.arange(6.0).reshape(1, 1, 6)
    y = oracle.resize(
        x,
        size=2,
        mode="nearest",
        nearest_mode="ceil",
        coordinate_mode="tf_crop_and_resize",
        roi=[(0.2, 0.9)],
    )
    assert y.tolist() == [[[2.0, 5.0]]]
