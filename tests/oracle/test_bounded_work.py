"""Work bounded by the data, not by the parameters.

An op's time and memory must be bounded by the sizes of its input and output,
whatever its float parameters: a tiny antialias scale stretches the kernel over
``2 support / scale`` taps, but only ``in_length`` samples exist, and taps that
read the same sample merge (resize.antialias, resize.border).  :data:`BOUNDED`
lists calls whose parameters would blow up a tap-by-tap evaluation; an op added
later appends its own entries (a pooling window or a dilation far larger than
the input, say).
"""

from __future__ import annotations

import itertools
import math
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

import oracle
from oracle import AxisPlan, kernels, resize_plan
from tests.oracle import spec_forms

SECONDS = 1.0
PEAK_BYTES = 4 * 2**20

TEN = np.arange(10.0).reshape(1, 1, 10)
KINDS: tuple[kernels.KernelMode, ...] = ("linear", "cubic")


def _resize(**kwargs: Any) -> tuple[Callable[..., object], tuple[Any, ...], dict[str, Any]]:
    return oracle.resize, (TEN,), kwargs


BOUNDED: list[tuple[str, Callable[..., object], tuple[Any, ...], dict[str, Any]]] = [
    (f"resize {mode} {tag}, 10 -> 1, scale_factor {sf:g}", *_resize(**kw))
    for mode, sf, (tag, extra) in itertools.product(
        ("linear", "cubic"),
        (1e-7, 1e-9, 1e-300),
        (("antialias", {}), ("antialias exclude_outside", {"exclude_outside": True})),
    )
    for kw in [{"size": 1, "scale_factor": sf, "mode": mode, "antialias": True, **extra}]
] + [
    (
        "resize cubic antialias, 10 x 10 -> 3 x 200, scale_factor 1e-8",
        oracle.resize,
        (np.ones((1, 1, 10, 10)),),
        {"size": (3, 200), "scale_factor": 1e-8, "mode": "cubic", "antialias": True},
    ),
    (
        "resize linear, 10 -> 3, scale_factor 1e-300 (coordinates near 1e300)",
        *_resize(size=3, scale_factor=1e-300, mode="linear"),
    ),
]
# Lanczos (interp.lanczos.weights): about 2a/s taps beyond the edges, summed by Gregory's
# formula; box (resize.box): cells 1/s long, one step per sample they meet.
BOUNDED += [
    (f"resize lanczos a={a} {tag}, 10 -> 1, scale_factor {sf:g}", *_resize(**kw))
    for a, sf, (tag, extra) in itertools.product(
        (1, 3, 5),
        (1e-7, 1e-9, 1e-300),
        (("antialias", {}), ("antialias exclude_outside", {"exclude_outside": True})),
    )
    for kw in [
        {"size": 1, "scale_factor": sf, "mode": "lanczos", "lanczos_a": a, "antialias": True}
        | extra
    ]
] + [
    (
        "resize lanczos antialias, 10 x 10 -> 3 x 200, scale_factor 1e-8",
        oracle.resize,
        (np.ones((1, 1, 10, 10)),),
        {"size": (3, 200), "scale_factor": 1e-8, "mode": "lanczos", "antialias": True},
    ),
    (
        "resize lanczos a=5 antialias, 10 -> 40, scale_factor 2^-10 (2 a / s = 10240 taps each)",
        *_resize(size=40, scale_factor=2.0**-10, mode="lanczos", lanczos_a=5, antialias=True),
    ),
    ("resize box, 10 -> 3, scale_factor 1e-300", *_resize(size=3, scale_factor=1e-300, mode="box")),
    (
        "resize box exclude_outside, 10 -> 1, scale_factor 1e-300",
        *_resize(size=1, scale_factor=1e-300, mode="box", exclude_outside=True),
    ),
    (
        "resize sampled_box antialias, 10 -> 3, scale_factor 1e-300 (1e300 taps, edge replicate)",
        *_resize(size=3, scale_factor=1e-300, mode="sampled_box", antialias=True),
    ),
    (
        "resize sampled_box antialias exclude_outside, 10 -> 1, scale_factor 1e-300",
        *_resize(
            size=1,
            scale_factor=1e-300,
            mode="sampled_box",
            nearest_mode="floor",
            antialias=True,
            exclude_outside=True,
        ),
    ),
    (
        "resize box, 10 x 10 -> 3 x 200, scale_factor 1e-9",
        oracle.resize,
        (np.ones((1, 1, 10, 10)),),
        {"size": (3, 200), "scale_factor": 1e-9, "mode": "box"},
    ),
]
"""(name, op, positional arguments, keyword arguments): calls that must run in bounded work."""


def _clear_oracle_caches() -> None:
    """Forget every memoised plan, so that each call below does its work afresh."""
    for name, module in list(sys.modules.items()):
        if name == "oracle" or name.startswith("oracle."):
            for value in vars(module).values():
                clear = getattr(value, "cache_clear", None)
                if callable(clear):
                    clear()


@pytest.mark.spec(
    "resize.antialias",
    "resize.border",
    "interp.lanczos.weights",
    "resize.box",
    "resize.sampled_box",
)
@pytest.mark.parametrize(("name", "op", "args", "kwargs"), BOUNDED, ids=[b[0] for b in BOUNDED])
def test_runs_in_bounded_time_and_memory(
    name: str, op: Callable[..., object], args: Sequence[Any], kwargs: dict[str, Any]
) -> None:
    # Timed first, then run again (afresh) under tracemalloc, which slows Python down.
    _clear_oracle_caches()
    start = time.perf_counter()
    op(*args, **kwargs)
    seconds = time.perf_counter() - start
    _clear_oracle_caches()
    tracemalloc.start()
    try:
        op(*args, **kwargs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seconds < SECONDS, f"{name}: {seconds:.2f} s"
    assert peak < PEAK_BYTES, f"{name}: peak {peak / 2**20:.1f} MiB"


@pytest.mark.spec("resize.antialias", "resize.exclude_outside", "interp.lanczos.weights")
def test_tiny_scale_gives_the_limit_value() -> None:
    # As the scale shrinks the stretched kernel flattens over the input and far beyond it;
    # with exclude_outside only the input remains, nearly evenly weighted: the mean.
    for mode, sf in itertools.product((*KINDS, "lanczos"), (1e-7, 1e-9, 1e-300)):
        y = oracle.resize(
            TEN, size=1, scale_factor=sf, mode=mode, antialias=True, exclude_outside=True
        )
        assert abs(y[0, 0, 0] - 4.5) < 1e-5
    # Box: the cell [0, 1/s) holds the whole input; exclude_outside averages it exactly.
    y = oracle.resize(TEN, size=1, scale_factor=1e-300, mode="box", exclude_outside=True)
    assert abs(y[0, 0, 0] - 4.5) < 1e-14


# --------------------------------------------------------------------------------------
# Plans hold at most min(2 r / s + 1, in_length) entries per output, one per sample
# --------------------------------------------------------------------------------------


def _plans() -> list[tuple[kernels.KernelMode, int, float, AxisPlan]]:
    cases = []
    for kind, exclude, cm in itertools.product(
        KINDS, (False, True), ("half_pixel", "asymmetric", "align_corners")
    ):
        for n, out, sf in itertools.product((1, 2, 5, 13), (1, 3, 7), (None, 0.5, 0.1, 1e-6)):
            scale = out / n if sf is None else sf
            kwargs = dict(mode=kind, coordinate_mode=cm, exclude_outside=exclude, antialias=True)
            try:
                (plan,) = resize_plan((n,), size=out, scale_factor=sf, **kwargs)  # type: ignore[arg-type]
            except ValueError:
                continue  # exclude_outside with no tap inside the input
            cases.append((kind, n, scale, plan))
    return cases


@pytest.mark.spec("resize.antialias", "resize.border")
def test_plans_merge_the_taps_that_read_one_sample() -> None:
    for kind, n, scale, plan in _plans():
        stretch = min(scale, 1.0)
        limit = min(math.ceil(2 * kernels.support(kind) / stretch) + 1, n)
        assert plan.taps <= limit, (kind, n, scale, plan.taps)
        assert plan.active is not None
        for row, on in zip(plan.indices, plan.active, strict=True):
            read = row[on].tolist()
            assert len(read) == len(set(read)), (kind, n, scale, row)


# --------------------------------------------------------------------------------------
# Merging changes the weights by float64 roundings only: the tap-by-tap evaluation
# --------------------------------------------------------------------------------------


def _tap_by_tap(
    source: Sequence[Fraction],
    n: int,
    kind: kernels.KernelMode,
    a: float,
    exclude: bool,
    scale: Fraction,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The weights as the oracle computed them before taps merged: every tap of the stretched
    window evaluated on its own, ``K((j - floor(x) - f) sigma)``, renormalised over the kept
    taps, then added up on the sample each reads.  Returns the matrix and, per output, the
    scale of its rounding errors, ``T sum |w| (1 + max |w|)`` over its ``T`` taps (the
    renormalisation amplifies the errors of the kernel values by ``sum |w|``)."""
    support = kernels.support(kind)
    stretch = min(scale, Fraction(1))
    matrix = np.zeros((len(source), n))
    magnitude = np.zeros(len(source))
    for i, x in enumerate(source):
        if stretch == 1:
            taps = list(range(math.floor(x) - support + 1, math.floor(x) + support + 1))
        else:
            radius = support / stretch
            window = range(math.floor(x - radius), math.ceil(x + radius) + 1)
            taps = [j for j in window if abs(j - x) < radius]
        fraction = float(x - math.floor(x))
        distance = np.array([(j - math.floor(x) - fraction) * float(stretch) for j in taps])
        kernel = kernels.linear(distance) if kind == "linear" else kernels.cubic(distance, a)
        kept = np.array([0 <= j < n or not exclude for j in taps])
        weights = np.where(kept, kernel, 0.0)
        if exclude or stretch != 1:
            weights = weights / weights.sum()
        for j, w in zip(taps, weights, strict=True):
            matrix[i, spec_forms.clamp(j, n)] += w
        magnitude[i] = len(taps) * np.abs(weights).sum() * (1 + np.abs(weights).max())
    return matrix, magnitude


def _dense(plan: AxisPlan) -> NDArray[np.float64]:
    matrix = np.zeros((plan.out_length, plan.in_length))
    active = np.ones(plan.indices.shape, bool) if plan.active is None else plan.active
    rows = np.broadcast_to(np.arange(plan.out_length)[:, None], plan.indices.shape)
    np.add.at(matrix, (rows[active], plan.indices[active]), plan.weights[active])
    return matrix


@pytest.mark.spec("resize.antialias", "resize.border", "resize.exclude_outside")
def test_merged_weights_equal_the_tap_by_tap_weights() -> None:
    u = 2.0**-53
    for kind, a, exclude, cm in itertools.product(
        KINDS, (-0.75, -0.5, -0.6), (False, True), ("half_pixel", "asymmetric")
    ):
        if kind == "linear" and a != -0.75:
            continue
        for n, out, sf in itertools.product(
            (1, 2, 3, 5, 8, 13), (1, 2, 4, 9), (None, 0.5, 0.3, 1 / 7, 0.05)
        ):
            kwargs: dict[str, Any] = dict(
                mode=kind, coordinate_mode=cm, cubic_a=a, exclude_outside=exclude, antialias=True
            )
            try:
                (plan,) = resize_plan((n,), size=out, scale_factor=sf, **kwargs)
            except ValueError:
                continue
            assert plan.source is not None
            scale = Fraction(out, n) if sf is None else Fraction(sf)
            want, magnitude = _tap_by_tap(plan.source, n, kind, a, exclude, scale)
            error = np.abs(_dense(plan) - want).max(axis=1)
            assert (error <= 16 * u * magnitude).all(), (
                kind,
                a,
                exclude,
                cm,
                n,
                out,
                sf,
                error / u,
            )
