"""The oracle against the spec's own closed forms, evaluated exactly.

For every derivation whose closed form the oracle implements, the spec's
expression (read through :mod:`tests.oracle.spec_forms`) is evaluated in exact
rational arithmetic over a finite domain and compared with the oracle's
function.  Index decisions, lengths, windows and coordinates must agree
exactly; so must kernel values where the oracle's float64 arithmetic is exact
(dyadic arguments and parameters).  Other weights must agree within a few
float64 roundings of the magnitude of the terms that make them up
(spec.tolerance.evaluation_magnitude, Higham's bound for Horner evaluation).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy

from oracle import (
    COORDINATE_MODES,
    NEAREST_MODES,
    AxisPlan,
    CoordinateMode,
    NearestMode,
    kernels,
    resize_plan,
)
from oracle._resize import _lengths_and_scales
from tests.oracle.spec_forms import (
    antialias_taps,
    antialias_weights,
    area_window,
    box_weights,
    evaluate,
    evaluation_magnitude,
    exclude_outside,
    extrapolates,
    kernel_value,
    lanczos_float,
    lanczos_taps,
    lanczos_weights,
    plain_taps,
    real,
    replicate_edges,
    result,
    round_index,
    source_coordinate,
)

U = Fraction(1, 2**53)
"""The unit roundoff of float64."""

Kind = kernels.PolynomialMode


def _plan(n: int, **kwargs: Any) -> AxisPlan:
    (plan,) = resize_plan((n,), **kwargs)
    return plan


def _row(plan: AxisPlan, i: int) -> dict[int, Fraction]:
    """Output ``i``'s weight per sample read (active entries; merged taps add up)."""
    active = np.ones(plan.indices.shape, bool) if plan.active is None else plan.active
    row: dict[int, Fraction] = {}
    for j, w, on in zip(plan.indices[i], plan.weights[i], active[i], strict=True):
        if on:
            row[int(j)] = row.get(int(j), Fraction(0)) + Fraction(float(w))
    return row


def _dyadic(value: Fraction, bits: int = 10) -> bool:
    return value.denominator <= 2**bits and value.denominator & (value.denominator - 1) == 0


def _assert_row(
    got: Mapping[int, Fraction],
    want: Mapping[int, Fraction],
    bound: Mapping[int, Fraction],
    where: str,
) -> None:
    assert got.keys() == want.keys(), f"{where}: samples read {sorted(got)} != {sorted(want)}"
    for j, w in want.items():
        error = abs(got[j] - w)
        assert error <= bound[j], (
            f"{where}: sample {j}: {float(got[j])!r} != {w} (error {float(error):.3g})"
        )


def _fold(values: Mapping[int, Fraction], n: int, exclude: bool) -> dict[int, Fraction]:
    """Per-tap magnitudes onto the samples they read (edge replicate, or dropped outside)."""
    if exclude:
        return {j: m for j, m in values.items() if 0 <= j < n}
    return replicate_edges(values, n)


def _bound(
    raw: Mapping[int, Fraction],
    magnitude: Mapping[int, Fraction],
    want: Mapping[int, Fraction],
    n: int,
    *,
    exclude: bool,
    renormalised: bool,
) -> dict[int, Fraction]:
    """A few float64 roundings per tap of the terms' magnitude, through the renormalisation."""
    per_sample = _fold(magnitude, n, exclude)
    if not renormalised:
        return {j: 16 * U * (per_sample[j] + 1) for j in want}
    kept = _fold(raw, n, exclude)
    normaliser = abs(sum(kept.values(), Fraction(0)))
    total = sum(per_sample.values(), Fraction(0))
    scale = 16 * U * (len(raw) + 4) / normaliser
    return {j: scale * (per_sample[j] + 1 + abs(want[j]) * (total + len(raw))) for j in want}


# --------------------------------------------------------------------------------------
# coord.*: the source coordinate of every output, and the outside test
# --------------------------------------------------------------------------------------

SCALE_FACTORS: list[float | None] = [None, 0.75, 1.5, 0.3, 2.5, 1 / 3]
"""None: the coordinate scale is size / in."""
ROIS = [(0.0, 1.0), (0.25, 0.75), (-0.5, 1.5), (0.75, 0.25), (0.5, 0.5)]


def _coordinate_cases(mode: str) -> Iterator[dict[str, Any]]:
    rois: list[tuple[float, float] | None] = ROIS if mode == "tf_crop_and_resize" else [None]  # type: ignore[assignment]
    for n, out, sf, roi in itertools.product(range(1, 9), range(1, 13), SCALE_FACTORS, rois):
        yield {"n": n, "size": out, "scale_factor": sf, "roi": roi}


@pytest.mark.parametrize(
    "mode", [pytest.param(m, marks=pytest.mark.spec(f"coord.{m}")) for m in COORDINATE_MODES]
)
def test_source_coordinates_are_the_spec_closed_forms(mode: str) -> None:
    for case in _coordinate_cases(mode):
        n, out, sf, roi = case["n"], case["size"], case["scale_factor"], case["roi"]
        plan = _plan(
            n,
            size=out,
            scale_factor=sf,
            mode="nearest",
            coordinate_mode=mode,
            roi=None if roi is None else [roi],
        )
        scale = Fraction(out, n) if sf is None else Fraction(sf)
        window = (Fraction(0), Fraction(1)) if roi is None else (Fraction(roi[0]), Fraction(roi[1]))
        want = tuple(source_coordinate(mode, i, n, out, scale, window) for i in range(out))
        assert plan.source == want, case
        outside = [mode == "tf_crop_and_resize" and extrapolates(x, n) for x in want]
        assert plan.outside.tolist() == outside, case


# --------------------------------------------------------------------------------------
# resize.output_length, resize.coordinate_scale
# --------------------------------------------------------------------------------------

FACTORS = [k / 10 for k in range(1, 41)] + [1 / 3, 2 / 3, 5 / 3, 1.2, 0.7, 1e-3]


@pytest.mark.spec("resize.output_length", "resize.coordinate_scale")
def test_output_lengths_and_scales_are_the_spec_closed_forms() -> None:
    from_factor = result("resize.output_length", "out (scale_factor only)")
    from_size = result("resize.output_length", "out (size given)")
    scale_given = result("resize.coordinate_scale", "s (scale_factor given)")
    scale_from_size = result("resize.coordinate_scale", "s (size only)")
    for n, f in itertools.product(range(1, 17), FACTORS):
        s = evaluate(scale_given, {"scale_factor": f})
        out = int(evaluate(from_factor, {"n_in": n, "scale_factor": f}))
        if out < 1:
            with pytest.raises(ValueError, match=r"^scale_factor: floor"):
                _lengths_and_scales((n,), None, f)
        else:
            assert _lengths_and_scales((n,), None, f) == ((out,), (s,)), (n, f)
        for size in (1, n, 2 * n + 1):
            out = int(evaluate(from_size, {"size": size}))
            assert _lengths_and_scales((n,), size, f) == ((out,), (s,)), (n, f, size)
            s_size = evaluate(scale_from_size, {"size": size, "n_in": n})
            assert _lengths_and_scales((n,), size, None) == ((out,), (s_size,)), (n, size)


# --------------------------------------------------------------------------------------
# nearest.rounding, resize.border
# --------------------------------------------------------------------------------------

RATIONALS = sorted(
    {Fraction(p, q) for q in range(1, 13) for p in range(-4 * q, 4 * q + 1)}
    | {
        Fraction(2 * k + 1, 2) + e
        for k in range(-3, 3)
        for e in (Fraction(1, 2**60), -Fraction(1, 2**60))
    }
    | {Fraction(10**18 + 1, 2), Fraction(-(10**18) - 1, 2)}
)


@pytest.mark.spec("nearest.rounding")
def test_nearest_index_is_the_spec_rounding_with_exact_ties() -> None:
    forms = {m: result("nearest.rounding", m) for m in ("round_prefer_floor", "round_prefer_ceil")}
    for x in RATIONALS:
        for mode in NEAREST_MODES:
            got = kernels.nearest_index(x, mode)
            assert got == round_index(x, mode), (x, mode)
            if mode in forms:
                assert got == evaluate(forms[mode], {"x": x}), (x, mode)


@pytest.mark.spec("nearest.rounding", "resize.border")
@pytest.mark.parametrize("nearest_mode", NEAREST_MODES)
def test_nearest_plans_read_the_clamped_rounded_coordinate(nearest_mode: NearestMode) -> None:
    clamp = result("resize.border", "clamp(k)")
    for mode, n, out in itertools.product(COORDINATE_MODES, range(1, 7), range(1, 11)):
        roi = [(0.25, 1.25)] if mode == "tf_crop_and_resize" else None
        plan = _plan(
            n, size=out, mode="nearest", coordinate_mode=mode, nearest_mode=nearest_mode, roi=roi
        )
        window = (Fraction(1, 4), Fraction(5, 4))
        want = [
            evaluate(clamp, {"k": round_index(x, nearest_mode), "n_in": n})
            for x in (
                source_coordinate(mode, i, n, out, Fraction(out, n), window) for i in range(out)
            )
        ]
        assert plan.indices[:, 0].tolist() == want, (mode, n, out)
        assert plan.weights.tolist() == [[1.0]] * out


# --------------------------------------------------------------------------------------
# interp.linear.weights, interp.cubic.kernel: the kernels themselves
# --------------------------------------------------------------------------------------

GRID = [Fraction(k, 64) for k in range(-160, 161)]


@pytest.mark.spec("interp.linear.weights")
def test_linear_kernel_is_the_spec_weights() -> None:
    w1, w2 = result("interp.linear.weights", "w_1"), result("interp.linear.weights", "w_2")
    fractions = [t for t in GRID if 0 <= t < 1]
    left = kernels.linear(np.array([-float(t) for t in fractions]))
    right = kernels.linear(np.array([float(1 - t) for t in fractions]))
    for t, got_left, got_right in zip(fractions, left, right, strict=True):
        unit_grid = {"x": t, "x_1": 0, "x_2": 1}
        assert Fraction(float(got_left)) == evaluate(w1, unit_grid), t
        assert Fraction(float(got_right)) == evaluate(w2, unit_grid), t
    got = kernels.linear(np.array([float(t) for t in GRID]))
    assert [Fraction(float(v)) for v in got] == [kernel_value("linear", t) for t in GRID]


DYADIC_A = [
    Fraction(-1, 2),
    Fraction(-3, 4),
    Fraction(-1),
    Fraction(-5, 8),
    Fraction(0),
    Fraction(1, 4),
]
"""Six values of a: K(t) is affine in a, so two would pin it down at each t; the grid holds
over a dozen points per cubic piece, where four would."""


@pytest.mark.spec("interp.cubic.kernel")
def test_cubic_pieces_are_the_spec_pieces_for_symbolic_a() -> None:
    a, s = sympy.symbols("a s", real=True)
    inner = result("interp.cubic.kernel", "K_inner(s)")
    outer = result("interp.cubic.kernel", "K_outer(s)")
    spec_s = {sym.name: sym for sym in inner.free_symbols | outer.free_symbols}
    table = kernels.pieces("cubic", a)
    assert [(p.upper, p.closed) for p in table] == [(1, True), (2, False)]
    for piece, form in zip(table, (inner, outer), strict=True):
        polynomial = sum(c * s**e for e, c in enumerate(reversed(piece.coefficients)))
        form = form.xreplace({spec_s["a"]: a, spec_s["s"]: s})
        assert sympy.expand(polynomial - form) == 0, (piece, form)
    # The spec's K(t) is inner(|t|) for |t| <= 1, outer(|t|) for |t| < 2, else 0.
    conditions = [c for _, c in result("interp.cubic.kernel", "K(t)").args]
    assert [type(c) for c in conditions[:2]] == [sympy.LessThan, sympy.StrictLessThan]
    assert [c.rhs for c in conditions[:2]] == [1, 2] and conditions[2] == sympy.true


@pytest.mark.spec("interp.cubic.kernel")
@pytest.mark.parametrize("a", [*DYADIC_A, Fraction(-0.6), Fraction(-0.7575)], ids=str)
def test_cubic_kernel_is_the_spec_kernel(a: Fraction) -> None:
    form = result("interp.cubic.kernel", "K(t)")
    ts = [Fraction(k, 16) for k in range(-48, 49)]
    got = kernels.cubic(np.array([float(t) for t in ts]), float(a))
    for t, value in zip(ts, got, strict=True):
        want = evaluate(form, {"t": t, "a": a})
        # Exact for dyadic a (every Horner step is); else a few roundings of the terms.
        bound = 0 if _dyadic(a) else 16 * U * evaluation_magnitude("cubic", t, a)
        assert abs(Fraction(float(value)) - want) <= bound, (a, t, float(value), want)


# --------------------------------------------------------------------------------------
# resize.area
# --------------------------------------------------------------------------------------


@pytest.mark.spec("resize.area")
def test_area_windows_and_weights_are_the_spec_closed_forms() -> None:
    forms = {key: result("resize.area", key) for key in ("start", "end", "weight")}
    for n, out in itertools.product(range(1, 17), range(1, 17)):
        plan = _plan(n, size=out, mode="area")
        for i in range(out):
            values = {"i": i, "n_in": n, "n_out": out}
            start, end = (int(evaluate(forms[k], values)) for k in ("start", "end"))
            assert (start, end) == area_window(i, n, out)
            weight = float(evaluate(forms["weight"], values))
            assert _row(plan, i) == {j: Fraction(weight) for j in range(start, end)}, (n, out, i)


# --------------------------------------------------------------------------------------
# Linear and cubic weights: resize.border, resize.exclude_outside, resize.antialias
# --------------------------------------------------------------------------------------

KERNELS: list[tuple[Kind, Fraction]] = [
    ("linear", Fraction(-3, 4)),
    ("cubic", Fraction(-3, 4)),
    ("cubic", Fraction(-1, 2)),
    ("cubic", Fraction(-0.6)),
]
WEIGHT_MODES: list[CoordinateMode] = [
    "half_pixel",
    "align_corners",
    "asymmetric",
    "half_pixel_symmetric",
]
"""Coordinates below 0, past in - 1, on and between samples (the maps: coord.*)."""


def _weight_cases(
    kind: Kind, a: Fraction, exclude: bool, antialias: bool
) -> Iterator[tuple[str, int, AxisPlan | None, list[Fraction], Fraction]]:
    """(where, n, plan or None where it raises, source coordinates, scale)."""
    # Antialias changes nothing for s >= 1: one such size per input length is enough there.
    sizes = [(n, out) for n in range(1, 8) for out in range(1, n + 2 if antialias else 10)]
    cases: list[tuple[CoordinateMode, int, int, float | None]] = [
        (mode, n, out, None) for mode in WEIGHT_MODES for n, out in sizes
    ]
    if antialias:  # strong downsampling: up to 2 r / s = 4000 taps, most beyond an edge
        cases += [
            ("half_pixel", 8, 1, 1 / 50),
            ("half_pixel", 8, 1, 1 / 1000),
            ("asymmetric", 8, 2, 0.003),
        ]
    for mode, n, out, sf in cases:
        scale = Fraction(out, n) if sf is None else Fraction(sf)
        xs = [source_coordinate(mode, i, n, out, scale) for i in range(out)]
        where = f"{kind} a={a} {mode} {n}->{out} s={scale} exclude={exclude} aa={antialias}"
        try:
            plan = _plan(
                n,
                size=out,
                scale_factor=sf,
                mode=kind,
                coordinate_mode=mode,
                cubic_a=float(a),
                exclude_outside=exclude,
                antialias=antialias,
            )
        except ValueError as error:
            assert str(error).startswith("exclude_outside:" if exclude else "antialias:"), where
            plan = None
        yield where, n, plan, xs, scale


def _check_weights(kind: Kind, a: Fraction, exclude: bool, antialias: bool) -> None:
    for where, n, plan, xs, scale in _weight_cases(kind, a, exclude, antialias):
        stretch = min(scale, Fraction(1)) if antialias else Fraction(1)
        rows = []
        for x in xs:
            # For s >= 1 antialias changes nothing: the taps are the plain kernel's.
            raw = antialias_taps(x, scale, kind, a) if stretch != 1 else plain_taps(x, kind, a)
            try:
                if stretch != 1:
                    want = antialias_weights(x, scale, n, kind, a, exclude)
                else:
                    want = exclude_outside(raw, n) if exclude else replicate_edges(raw, n)
            except ValueError:  # a renormalisation by zero somewhere: the plan must refuse
                assert plan is None, where
                break
            rows.append((x, raw, want))
        else:
            assert plan is not None, where
            for i, (x, raw, want) in enumerate(rows):
                renormalised = exclude or stretch != 1
                if not renormalised and _dyadic(x) and _dyadic(a):
                    bound = dict.fromkeys(want, Fraction(0))  # every step is exact
                else:
                    magnitude = {j: evaluation_magnitude(kind, (j - x) * stretch, a) for j in raw}
                    bound = _bound(
                        raw, magnitude, want, n, exclude=exclude, renormalised=renormalised
                    )
                _assert_row(_row(plan, i), want, bound, f"{where}, output {i} (x = {x})")


@pytest.mark.spec("resize.border", "interp.linear.weights", "interp.cubic.kernel")
@pytest.mark.parametrize(("kind", "a"), KERNELS, ids=str)
def test_plain_weights_replicate_the_edges(kind: Kind, a: Fraction) -> None:
    _check_weights(kind, a, exclude=False, antialias=False)


@pytest.mark.spec("resize.exclude_outside")
@pytest.mark.parametrize(("kind", "a"), KERNELS, ids=str)
def test_exclude_outside_drops_and_renormalises(kind: Kind, a: Fraction) -> None:
    _check_weights(kind, a, exclude=True, antialias=False)


@pytest.mark.spec("resize.antialias", "resize.border", "resize.exclude_outside")
@pytest.mark.parametrize("exclude", [False, True])
@pytest.mark.parametrize(("kind", "a"), KERNELS, ids=str)
def test_antialias_support_and_weights(kind: Kind, a: Fraction, exclude: bool) -> None:
    _check_weights(kind, a, exclude=exclude, antialias=True)


@pytest.mark.spec("resize.antialias", "resize.border")
@pytest.mark.parametrize(("kind", "a"), KERNELS, ids=str)
def test_kernel_sum_is_the_sum_of_the_spec_kernel(kind: Kind, a: Fraction) -> None:
    # The oracle sums the taps beyond an edge in closed form; the spec's kernel, tap by tap.
    xs = [Fraction(k, 7) for k in range(-30, 31, 11)] + [Fraction(5, 2), Fraction(0), Fraction(3)]
    stretches = [Fraction(1), Fraction(1, 2), Fraction(2, 7), Fraction(1, 16)]
    for x, stretch in itertools.product(xs, stretches):
        reach = int(2 / stretch) + 2
        centre = int(x)
        ends = sorted({centre - reach, centre - 1, centre, centre + 1, centre + reach, centre + 3})
        for first, last in itertools.combinations_with_replacement(ends, 2):
            want = sum(
                (kernel_value(kind, (j - x) * stretch, a) for j in range(first, last + 1)),
                Fraction(0),
            )
            assert kernels.kernel_sum(kind, first, last, x, stretch, float(a)) == want, (
                x,
                stretch,
                first,
                last,
            )


# --------------------------------------------------------------------------------------
# interp.lanczos.kernel, interp.lanczos.weights
# --------------------------------------------------------------------------------------

LANCZOS_AS = [1, 2, 3, 4, 5]


@pytest.mark.spec("interp.lanczos.kernel")
@pytest.mark.parametrize("a", LANCZOS_AS)
def test_lanczos_kernel_is_the_spec_kernel(a: int) -> None:
    form = result("interp.lanczos.kernel", "L_a(t)")
    ts = [Fraction(m, 16) for m in range(-16 * a - 8, 16 * a + 9)] + [
        Fraction(1, 3),
        Fraction(-7, 5),
    ]
    got = kernels.lanczos(np.array([float(t) for t in ts]), a)
    for t, value in zip(ts, got, strict=True):
        want = real(form, {"t": t, "a": a})
        # Exact at the integers (argument reduction); elsewhere a few roundings of a value <= 1.
        bound = 0 if t.denominator == 1 else 16 * U
        assert abs(Fraction(float(value)) - want) <= bound, (a, t, float(value), float(want))


def _float_lanczos(dist: Fraction, a: int) -> Fraction:
    return Fraction(lanczos_float(dist, a))


LANCZOS_CASES: list[tuple[CoordinateMode, int, int, float | None]] = [
    (mode, n, out, None)
    for mode in ("half_pixel", "align_corners", "asymmetric", "pytorch_half_pixel")
    for n in range(1, 8)
    for out in (1, 2, 3, 5, 9, 12)
] + [("half_pixel", 8, 1, 1 / 50), ("half_pixel", 6, 2, 0.01), ("asymmetric", 5, 3, 0.3)]


def _lanczos_rows(
    a: int, exclude: bool, antialias: bool
) -> Iterator[tuple[str, AxisPlan | None, list[Fraction], Fraction, int]]:
    for mode, n, out, sf in LANCZOS_CASES:
        scale = Fraction(out, n) if sf is None else Fraction(sf)
        xs = [source_coordinate(mode, i, n, out, scale) for i in range(out)]
        where = f"lanczos a={a} {mode} {n}->{out} s={scale} exclude={exclude} aa={antialias}"
        try:
            (plan,) = resize_plan(
                (n,),
                size=out,
                scale_factor=sf,
                mode="lanczos",
                coordinate_mode=mode,
                lanczos_a=a,
                exclude_outside=exclude,
                antialias=antialias,
            )
        except ValueError as error:
            assert str(error).startswith("exclude_outside:"), where
            plan = None
        yield where, plan, xs, scale, n


@pytest.mark.spec("interp.lanczos.weights", "resize.border", "resize.exclude_outside")
@pytest.mark.parametrize("antialias", [False, True])
@pytest.mark.parametrize("exclude", [False, True])
@pytest.mark.parametrize("a", LANCZOS_AS)
def test_lanczos_weights_are_the_spec_weights(a: int, exclude: bool, antialias: bool) -> None:
    # The spec's weights from its kernel in float64 (error below 2^-48 per value, so the
    # reference is good to ~1e-14); the oracle's within a few roundings of the terms.
    for where, plan, xs, scale, n in _lanczos_rows(a, exclude, antialias):
        rows = []
        for x in xs:
            try:
                want = lanczos_weights(
                    x, scale, n, a, antialias=antialias, exclude=exclude, value=_float_lanczos
                )
            except ValueError:
                assert plan is None, where
                break
            raw = lanczos_taps(x, scale, a, antialias=antialias, value=_float_lanczos)
            rows.append((x, raw, want))
        else:
            assert plan is not None, where
            for i, (x, raw, want) in enumerate(rows):
                ones = dict.fromkeys(raw, Fraction(1))
                bound = _bound(raw, ones, want, n, exclude=exclude, renormalised=True)
                bound = {j: b + Fraction(2**-44) * (1 + abs(want[j])) for j, b in bound.items()}
                _assert_row(_row(plan, i), want, bound, f"{where}, output {i} (x = {x})")


@pytest.mark.spec("interp.lanczos.weights", "resize.antialias", "resize.border")
@pytest.mark.parametrize("a", [1, 3, 5])
def test_lanczos_sum_is_the_sum_of_the_spec_kernel(a: int) -> None:
    # Short runs and stretches above 2^-10 are summed term by term, longer ones by
    # Gregory's formula: both must equal the spec's kernel summed tap by tap.
    for x, stretch in itertools.product(
        (Fraction(1, 3), Fraction(-5, 2), Fraction(7, 1)),
        (Fraction(1), Fraction(1, 3), Fraction(1, 40), Fraction(1, 1100)),
    ):
        radius = a / stretch
        first, last = math.floor(x - radius) + 1, math.ceil(x + radius) - 1
        values = [lanczos_float((j - x) * stretch, a) for j in range(first, last + 1)]
        for lo, hi in ((first, -1), (first, last), (max(3, first), last), (first, first + 40)):
            if lo > hi:
                continue
            terms = values[lo - first : hi - first + 1]
            want = math.fsum(terms)
            got = kernels.kernel_sum("lanczos", lo, hi, x, stretch, a)
            scale = math.fsum(map(abs, terms))
            assert abs(got - want) <= 64 * float(U) * (scale + 1), (
                a,
                x,
                stretch,
                lo,
                hi,
                got,
                want,
            )


# --------------------------------------------------------------------------------------
# resize.box
# --------------------------------------------------------------------------------------


@pytest.mark.spec("resize.box", "resize.border", "resize.exclude_outside")
@pytest.mark.parametrize("exclude", [False, True])
def test_box_weights_are_the_spec_closed_form(exclude: bool) -> None:
    form = result("resize.box", "w_j")
    for n, out, sf in itertools.product(range(1, 9), range(1, 13), [None, 0.75, 1.5, 0.3, 2.5]):
        scale = Fraction(out, n) if sf is None else Fraction(sf)
        try:
            (plan,) = resize_plan(
                (n,), size=out, scale_factor=sf, mode="box", exclude_outside=exclude
            )
        except ValueError as error:
            assert exclude and str(error).startswith("exclude_outside:"), (n, out, sf)
            with pytest.raises(ValueError):
                [box_weights(i, scale, n, exclude) for i in range(out)]
            continue
        for i in range(out):
            want = box_weights(i, scale, n, exclude)
            # Every weight is computed exactly, then rounded once.
            assert _row(plan, i) == {j: Fraction(float(w)) for j, w in want.items()}, (n, out, i)
            if not exclude:
                for j, w in want.items():
                    if 0 < j < n - 1:  # an inside sample: the closed form, s (overlap)
                        assert evaluate(form, {"i": i, "j": j, "s": scale}) == w, (n, out, i, j)


@pytest.mark.spec("resize.exclude_outside", "interp.cubic.kernel")
def test_exclude_outside_zero_sum_is_decided_exactly() -> None:
    # 2 -> 3 with scale 1: output 2 sits at x = 2, whose only in-range tap is j = 1 with
    # K(1) = 0 for every a; Horner's float64 K(1) at a = -1/3 is 2.2e-16, which must not
    # renormalise to a weight of 1 (the spec's exclude_outside raises).
    with pytest.raises(ValueError):
        exclude_outside(plain_taps(Fraction(2), "cubic", Fraction(-1 / 3)), 2)
    with pytest.raises(ValueError, match=r"^exclude_outside: the weights of output 2"):
        resize_plan(
            (2,), size=3, scale_factor=1.0, mode="cubic", cubic_a=-1 / 3, exclude_outside=True
        )
