"""Strategies for ``resize`` cases, and the features that partition them.

A *feature* fixes the mode and its conventions (coordinate mode, nearest mode,
exclude_outside, antialias); the strategy draws everything else: 1 to 3
spatial axes, N and C up to 2 and 3, lengths of 1, tiny, huge and non-integer
scales, ``size``, ``scale_factor`` or both, repeated values, the cubic ``a`` and the
Lanczos order ``lanczos_a`` in 1..5.

Cases are sorted by the *issues* their axes raise, each an exact property:

``length_rounding``
    ``floor(in * scale_factor)`` differs from the floor of the product rounded
    to ``param_dtype``, the dtype a backend holds ``scale_factor`` in
    (:func:`product_floor`, resize.output_length).
``integer_ratio``
    the output length is a whole multiple ``k`` of the input length (the axis
    keeps its length, or doubles it) although the coordinate scale is not
    ``k``: kernels that take a shortcut keyed on the lengths get these wrong
    (resize.coordinate_scale).
``boundary``
    a nearest-neighbour or extrapolation decision falls on, or within
    ``2**-12 (|x| + 1)`` of, a decision boundary (nearest.rounding,
    coord.tf_crop_and_resize).

``length_one``
    an axis of input or output length 1 (the coordinate maps' special cases).
``mismatched``
    both ``size`` and ``scale_factor`` are given and ``size`` is not
    ``floor(in * scale_factor)``, so source coordinates can leave the input
    (resize.coordinate_scale, resize.border).

``resize_cases(feature)`` draws cases with no issue at all; ``focus=ISSUE``
draws cases whose axes raise that issue and no other, so that each class of
edge a backend may get wrong is reported by its own test rather than hidden.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import assume, reject
from hypothesis import strategies as st

from conformance.backend import Unsupported
from conformance.case import Case
from conformance.strategies import exact_arrays, exact_parameter
from conformance.tolerance.resize import resize_plans
from oracle import COORDINATE_MODES, NEAREST_MODES, AxisPlan
from spec.resize.box import NEAREST_BOXES

__all__ = [
    "COORDINATE_MODES",
    "ISSUES",
    "NEAREST_MODES",
    "ResizeFeature",
    "axis_issues",
    "product_floor",
    "resize_cases",
    "resize_features",
]

ISSUES = ("length_rounding", "integer_ratio", "boundary", "length_one", "mismatched")
_NEAR = Fraction(1, 2**12)
_MAX_IN = {1: 16, 2: 8, 3: 5}
_MAX_OUT = {1: 24, 2: 12, 3: 6}


@dataclass(frozen=True)
class ResizeFeature:
    """A mode with its conventions; the unit of the report's feature matrix."""

    mode: str
    coordinate_mode: str = "half_pixel"
    nearest_mode: str = "round_prefer_floor"
    exclude_outside: bool = False
    antialias: bool = False

    @property
    def id(self) -> str:
        """The pytest parameter ID, e.g. ``cubic-half_pixel-exclude_outside``."""
        parts = [self.mode]
        if self.mode not in ("area", "box"):
            parts.append(self.coordinate_mode)
        if self.mode in ("nearest", "sampled_box"):
            parts.append(self.nearest_mode)
        if self.antialias:
            parts.append("antialias")
        if self.exclude_outside:
            parts.append("exclude_outside")
        return "-".join(parts)

    @property
    def widespread(self) -> bool:
        """Whether this is a convention the major frameworks ship (PyTorch exposes each).

        nearest as (asymmetric, floor) and (half_pixel, round_prefer_ceil);
        linear with half_pixel or align_corners; cubic and antialiased linear
        and cubic with half_pixel (antialias with exclude_outside); area.  The
        other libraries' kernels: box with the clamped border (OpenCV
        INTER_AREA, TensorFlow's area); Lanczos with half_pixel, plain (OpenCV
        INTER_LANCZOS4) or antialiased with exclude_outside (Pillow, jax).  The
        edge-class tests run on these features only, to bound a run's time.
        """
        if self.mode == "area":
            return True
        if self.mode == "box":
            return not self.exclude_outside
        if self.mode == "sampled_box":  # Pillow's BOX (resize.sampled_box)
            return self.id == "sampled_box-half_pixel-round_prefer_ceil-antialias-exclude_outside"
        if self.mode == "nearest":
            return (self.coordinate_mode, self.nearest_mode) in (
                ("asymmetric", "floor"),
                ("half_pixel", "round_prefer_ceil"),
            )
        if self.antialias:
            return self.coordinate_mode == "half_pixel" and self.exclude_outside
        if self.exclude_outside:
            return False
        if self.mode == "linear":
            return self.coordinate_mode in ("half_pixel", "align_corners")
        return self.coordinate_mode == "half_pixel"

    @property
    def spec_ids(self) -> tuple[str, ...]:
        """The derivation IDs that fix this feature's expected result."""
        ids = ["resize.output_length", "resize.coordinate_scale", "resize.separable"]
        if self.mode == "area":
            return (*ids, "resize.area")
        if self.mode == "box":
            border = "resize.exclude_outside" if self.exclude_outside else "resize.border"
            return (*ids, "coord.half_pixel", "resize.box", border)
        ids.append(f"coord.{self.coordinate_mode}")
        ids.append("resize.border")
        if self.mode == "nearest":
            ids.append("nearest.rounding")
        elif self.mode == "sampled_box":
            ids.append("resize.sampled_box")
        elif self.mode == "linear":
            ids += ["interp.linear.weights", "interp.linear.separable"]
        elif self.mode == "lanczos":
            ids += ["interp.lanczos.kernel", "interp.lanczos.weights"]
        else:
            ids += ["interp.cubic.kernel"]
        if self.antialias:
            ids.append("resize.antialias")
        if self.exclude_outside:
            ids.append("resize.exclude_outside")
        return tuple(ids)

    def kwargs(self) -> dict[str, Any]:
        """The keyword arguments this feature fixes."""
        out: dict[str, Any] = {"mode": self.mode}
        if self.mode not in ("area", "box"):
            out["coordinate_mode"] = self.coordinate_mode
        if self.mode in ("nearest", "sampled_box"):
            out["nearest_mode"] = self.nearest_mode
        if self.exclude_outside:
            out["exclude_outside"] = True
        if self.antialias:
            out["antialias"] = True
        return out


SAMPLED_BOX = [("half_pixel", nm, ex) for nm in NEAREST_MODES for ex in (False, True)] + [
    (cm, "round_prefer_ceil", True) for cm in COORDINATE_MODES if cm != "half_pixel"
]
"""``(coordinate_mode, nearest_mode, exclude_outside)`` of the antialiased sampled_box
features: every nearest mode's box with half_pixel, and Pillow's choices (round_prefer_ceil,
exclude_outside) with every other coordinate mode (resize.sampled_box)."""


def resize_features() -> list[ResizeFeature]:
    """Every feature of resize: each mode with each of its conventions."""
    features = [ResizeFeature("nearest", cm, nm) for cm in COORDINATE_MODES for nm in NEAREST_MODES]
    features += [ResizeFeature("linear", cm) for cm in COORDINATE_MODES]
    features += [
        ResizeFeature("cubic", cm, exclude_outside=ex)
        for cm in COORDINATE_MODES
        for ex in (False, True)
    ]
    features.append(ResizeFeature("area"))
    features += [
        ResizeFeature(mode, cm, exclude_outside=ex, antialias=True)
        for mode in ("linear", "cubic")
        for cm in COORDINATE_MODES
        for ex in (False, True)
    ]
    # The kernels of the other libraries (resize.box, interp.lanczos.*): box has cells, not
    # coordinates (half_pixel only); Lanczos takes every convention cubic takes.
    features += [ResizeFeature("box", exclude_outside=ex) for ex in (False, True)]
    features += [
        ResizeFeature("lanczos", cm, exclude_outside=ex, antialias=aa)
        for aa in (False, True)
        for cm in COORDINATE_MODES
        for ex in (False, True)
    ]
    # Pillow's BOX (resize.sampled_box): nearest's box as a kernel, stretched under antialias;
    # unstretched it is nearest, which the nearest features test.
    features += [
        ResizeFeature("sampled_box", cm, nm, exclude_outside=ex, antialias=True)
        for cm, nm, ex in SAMPLED_BOX
    ]
    return features


def _distance_to_boundary(x: Fraction, boundaries: str, in_length: int) -> Fraction:
    if boundaries == "half":
        frac = x - math.floor(x)
        return abs(frac - Fraction(1, 2))
    if boundaries == "integer":
        if x == 0:
            return Fraction(1)
        frac = x - math.floor(x)
        return min(frac, 1 - frac)
    # extrapolation: the edges 0 and in - 1 of tf_crop_and_resize; a coordinate on
    # either edge is an outside test that only exact arithmetic decides surely
    return min(abs(x), abs(x - (in_length - 1)))


def product_floor(n: int, s: float, dtype: str = "float64") -> int:
    """``floor(n * s)`` with the product rounded to ``dtype``, as a float kernel computes it.

    A backend that holds ``scale_factor`` in ``dtype`` (its ``param_dtype``)
    and multiplies it by the input length in that dtype gets this length;
    resize.output_length takes the floor of the exact product instead, so the
    two differ where the rounded product reaches the next integer.

    >>> product_floor(5, 1.2), product_floor(5, 1.2, "float32")
    (6, 6)
    >>> s = float(np.float32(1.4))  # 1.39999997..., the largest float32 below 7/5
    >>> product_floor(5, s), product_floor(5, s, "float32")
    (6, 7)
    """
    d = np.dtype(dtype)
    return math.floor(float(np.asarray(n, dtype=d) * np.asarray(s, dtype=d)))


def axis_issues(
    feature: ResizeFeature,
    plan: AxisPlan,
    scale_factor: float | None,
    size_given: bool,
    param_dtype: str = "float64",
) -> set[str]:
    """The issues (see the module docstring) that one axis of a case raises.

    ``length_rounding`` compares the spec's length with :func:`product_floor`
    in ``param_dtype``, the dtype the backend holds ``scale_factor`` in
    (resize.output_length).
    """
    issues: set[str] = set()
    n_in, n_out = plan.in_length, plan.out_length
    if n_in == 1 or n_out == 1:
        issues.add("length_one")
    if scale_factor is not None:
        if not size_given and product_floor(n_in, scale_factor, param_dtype) != n_out:
            issues.add("length_rounding")
        if size_given and math.floor(Fraction(scale_factor) * n_in) != n_out:
            issues.add("mismatched")
        if n_out % n_in == 0 and Fraction(scale_factor) != n_out // n_in:
            issues.add("integer_ratio")
    if plan.source is None:
        return issues
    ends: list[tuple[Fraction, Fraction]] = []
    kinds = []
    if feature.mode == "sampled_box":
        # resize.sampled_box: the decisions are the ends of the (stretched) box
        scale = Fraction(n_out, n_in) if scale_factor is None else Fraction(scale_factor)
        stretch = min(scale, Fraction(1)) if feature.antialias else Fraction(1)
        lo, hi, _ = NEAREST_BOXES[feature.nearest_mode]
        ends = [(lo / stretch, hi / stretch)]
    elif feature.mode == "nearest":
        rounding = feature.nearest_mode.startswith("round")
        kinds.append("half" if rounding else "integer")
    if feature.coordinate_mode == "tf_crop_and_resize":
        kinds.append("edges")
    for x in plan.source:
        if any(_distance_to_boundary(x, k, n_in) <= _NEAR * (abs(x) + 1) for k in kinds) or any(
            abs(e - round(e)) <= _NEAR * (abs(e) + 1)
            for pair in ends
            for e in (x + pair[0], x + pair[1])
        ):
            issues.add("boundary")
            break
    return issues


_RATIONAL_SCALES = st.builds(lambda p, q: p / q, st.integers(1, 8), st.integers(1, 8))
_DECIMAL_SCALES = st.sampled_from([0.5, 2.0, 1.5, 2.5, 0.3, 0.7, 1.1, 1.3, 3.0, 0.25, 4.0, 0.1])
_UNIT = st.floats(0.0, 1.0)
_SCALE_KINDS = st.sampled_from(["rational", "decimal", "arbitrary"])
_ROI_VALUES = st.one_of(st.integers(0, 16).map(lambda k: k / 16), _UNIT)


def _largest_below(q: Fraction, dtype: str) -> float:
    """The largest ``dtype`` value below ``q`` (float64, float32 or float16)."""
    d = np.dtype(dtype)
    near = np.asarray(float(q), dtype=d)  # a neighbour of q in dtype, or q itself
    if Fraction(float(near)) >= q:
        near = np.nextafter(near, np.asarray(0, dtype=d))
    return float(near)


def _draw_scale_factor(
    draw: Any, n_in: int, max_out: int, downsample: bool, min_out: int = 1
) -> float:
    """A scale factor giving 1 to ``max_out`` outputs: a small ratio, a decimal, or any float."""
    kind = draw(_SCALE_KINDS)
    s: float
    if kind == "rational":
        s = float(draw(_RATIONAL_SCALES))
    elif kind == "decimal":
        s = float(draw(_DECIMAL_SCALES))
    else:
        lo, hi = 1.0 / n_in, 1.0 if downsample else max_out / n_in
        s = lo + draw(_UNIT) * max(hi - lo, 0.0)
    assume(min_out <= math.floor(Fraction(s) * n_in) <= max_out)
    assume(not downsample or s <= 1.0)
    return s


@st.composite
def resize_cases(
    draw: Any,
    feature: ResizeFeature,
    dtype: str = "float64",
    focus: str | None = None,
    nan: bool = False,
    batch: int | None = None,
    probe: Callable[[Case], object] | None = None,
    param_dtype: str = "float64",
) -> Case:
    """Resize cases for ``feature`` whose values are exact in ``dtype``.

    Float parameters (scale_factor, roi, cubic_a) are exact in ``param_dtype``,
    the dtype a backend holds them in: a float32 runtime sees the very values
    the oracle sees, boundary cases included.

    ``focus=None`` draws cases raising no issue; ``focus`` in ``ISSUES`` draws
    cases where at least one axis raises that issue and no axis raises another.
    ``nan=True`` plants NaNs in ``x``;
    ``batch`` fixes N (``batch=0`` draws empty batches).  ``probe``, if given,
    is called on the case with all-zero values before any value is drawn; if it
    raises :class:`~conformance.backend.Unsupported` the case is rejected early.
    """
    if focus is not None and focus not in ISSUES:
        raise ValueError(f"focus: must be None or one of {ISSUES}, got {focus!r}")
    ndim = draw(st.integers(1, 3))
    n = draw(st.integers(1, 2)) if batch is None else batch
    c = draw(st.integers(1, 3))
    max_in, max_out = _MAX_IN[ndim], _MAX_OUT[ndim]
    downsample = feature.antialias and draw(st.integers(0, 3)) > 0
    focus_axis = draw(st.integers(0, ndim - 1))

    in_shape: list[int] = []
    sizes: list[int | None] = []
    scales: list[float | None] = []
    how = draw(st.sampled_from(["size", "scale_factor", "both"]))
    if focus in ("integer_ratio", "length_rounding"):
        how = "scale_factor"
    if focus == "mismatched":
        how = "both"
    for axis in range(ndim):
        axis_focus = focus if axis == focus_axis else None
        # length 1 is an issue of its own: other cases start at 2
        shortest = 1 if focus == "length_one" else 2
        n_in = draw(st.integers(shortest, max_in))
        if axis_focus == "length_one" and draw(st.booleans()):
            n_in = 1
        if axis_focus == "integer_ratio":
            n_in = max(n_in, 2)
            k = draw(st.integers(1, 2))
            f = draw(st.floats(0.0, 1.0, exclude_min=True, exclude_max=True))
            scales.append(k + f / n_in)
            sizes.append(None)
        elif axis_focus == "length_rounding":
            k = draw(st.integers(2, max_out))
            below = _largest_below(Fraction(k, n_in), param_dtype)
            assume(product_floor(n_in, below, param_dtype) != math.floor(Fraction(below) * n_in))
            scales.append(below)
            sizes.append(None)
        else:
            size: int | None = None
            sf: float | None = None
            if how in ("scale_factor", "both"):
                sf = _draw_scale_factor(draw, n_in, max_out, downsample, shortest)
                if axis_focus == "length_one" and n_in != 1:
                    sf = draw(st.floats(1.0 / n_in, 2.0 / n_in, exclude_max=True))
                    assume(math.floor(Fraction(sf) * n_in) == 1)
            if how == "size" or (how == "both" and focus == "mismatched"):
                hi = n_in if downsample else max_out
                size = draw(st.integers(shortest, max(hi, shortest)))
                if axis_focus == "length_one" and n_in != 1:
                    size = 1
            elif how == "both":
                assert sf is not None
                size = math.floor(Fraction(sf) * n_in)  # consistent with the scale
            sizes.append(size)
            scales.append(sf)
        in_shape.append(n_in)

    def param(value: float) -> float:
        return exact_parameter(value, param_dtype)

    kwargs = feature.kwargs()
    if any(s is not None for s in sizes):
        kwargs["size"] = _per_axis(draw, [s for s in sizes if s is not None])
    if any(s is not None for s in scales):
        kwargs["scale_factor"] = _per_axis(draw, [param(s) for s in scales if s is not None])
    if feature.mode == "cubic":
        a = draw(st.one_of(st.sampled_from([-0.75, -0.5]), st.floats(-1.0, -0.25)))
        kwargs["cubic_a"] = param(a)
    if feature.mode == "lanczos":
        kwargs["lanczos_a"] = draw(st.integers(1, 5))
    if feature.coordinate_mode == "tf_crop_and_resize" and feature.mode not in ("area", "box"):
        kwargs["roi"] = tuple(
            (param(draw(_ROI_VALUES)), param(draw(_ROI_VALUES))) for _ in range(ndim)
        )
        kwargs["extrapolation_value"] = draw(st.sampled_from([0.0, -1.0, 2.5]))

    try:
        plans = resize_plans(tuple(in_shape), kwargs)
    except ValueError:
        # a combination the spec rejects (e.g. exclude_outside with no tap inside)
        reject()
    sf_per_axis = _expand(kwargs.get("scale_factor"), ndim)
    issues = [
        axis_issues(feature, p, s, "size" in kwargs, param_dtype)
        for p, s in zip(plans, sf_per_axis, strict=True)
    ]
    found = set().union(*issues)
    assume(found == (set() if focus is None else {focus}))

    shape = (n, c, *in_shape)
    if probe is not None:
        try:
            probe(Case(op="resize", arrays={"x": np.zeros(shape)}, kwargs=kwargs))
        except Unsupported:
            reject()
    x = draw(exact_arrays(shape, dtype))
    if nan and x.size:
        flat = x.ravel()
        spots = draw(st.lists(st.integers(0, flat.size - 1), min_size=1, max_size=3))
        flat[spots] = float("nan")
        x = flat.reshape(shape)
    return Case(op="resize", arrays={"x": x}, kwargs=kwargs)


def _per_axis(draw: Any, values: Sequence[Any]) -> Any:
    if len(set(values)) == 1 and draw(st.booleans()):
        return values[0]
    return tuple(values)


def _expand(value: Any, ndim: int) -> list[float | None]:
    if value is None:
        return [None] * ndim
    if isinstance(value, tuple):
        return list(value)
    return [value] * ndim
