"""The spec's own closed forms, evaluated exactly, for the oracle's tests.

Every test under ``tests/oracle`` that needs a formula takes it from here, and
this module takes it from ``spec/``: a derivation record's ``result``
(``spec.get(id).result[key]``) where the record holds the closed form, else a
public function of the spec that the record's claims are checked with.  No
formula is written out here; the oracle is compared with what the spec
derives, so an edit to either side that breaks the link fails a test.

The spec names used are listed in :data:`SPEC_NAMES`, the one place to update
when a spec module moves.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from fractions import Fraction

import sympy

import spec
from spec.resize.antialias import antialias_taps, antialias_weights
from spec.resize.area import area_window
from spec.resize.border import replicate_edges
from spec.resize.box import box_weights
from spec.resize.coordinates import extrapolates
from spec.resize.cubic import kernel_value, plain_taps
from spec.resize.exclude_outside import exclude_outside
from spec.resize.lanczos import lanczos_float, lanczos_taps, lanczos_weights
from spec.resize.nearest import round_index
from spec.tolerance import evaluation_magnitude

__all__ = [
    "SPEC_NAMES",
    "antialias_taps",
    "antialias_weights",
    "area_window",
    "as_fraction",
    "box_weights",
    "clamp",
    "coordinate_scale",
    "evaluate",
    "evaluation_magnitude",
    "exclude_outside",
    "extrapolates",
    "kernel_value",
    "lanczos_float",
    "lanczos_taps",
    "lanczos_weights",
    "output_length",
    "plain_taps",
    "real",
    "replicate_edges",
    "result",
    "round_index",
    "source_coordinate",
]

SPEC_NAMES = (
    "spec.get(id).result[key]",
    "spec.resize.antialias.antialias_taps",
    "spec.resize.antialias.antialias_weights",
    "spec.resize.area.area_window",
    "spec.resize.box.box_weights",
    "spec.resize.coordinates.extrapolates",
    "spec.resize.border.replicate_edges",
    "spec.resize.cubic.kernel_value",
    "spec.resize.cubic.plain_taps",
    "spec.resize.exclude_outside.exclude_outside",
    "spec.resize.lanczos.lanczos_float",
    "spec.resize.lanczos.lanczos_taps",
    "spec.resize.lanczos.lanczos_weights",
    "spec.resize.nearest.round_index",
    "spec.tolerance.evaluation_magnitude",
)
"""Everything this module reads from ``spec/``."""


def as_fraction(value: object) -> Fraction:
    """An exact SymPy or Python number as a Fraction (a float at its exact value)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int | float):
        return Fraction(value)
    rational = sympy.Rational(value)
    return Fraction(int(rational.p), int(rational.q))


def result(derivation_id: str, key: str) -> sympy.Expr:
    """The closed form ``key`` of the derivation ``derivation_id``, as the spec records it."""
    expr: sympy.Expr = spec.get(derivation_id).result[key]
    return expr


def _rational(value: object) -> sympy.Rational:
    fraction = as_fraction(value)
    return sympy.Rational(fraction.numerator, fraction.denominator)


def evaluate(expr: sympy.Expr, values: Mapping[str, object]) -> Fraction:
    """``expr`` with each free symbol replaced by the exact value of the same name.

    Raises ``KeyError`` if a symbol has no value, so a renamed symbol cannot
    pass unnoticed.
    """
    substituted = expr.xreplace({sym: _rational(values[sym.name]) for sym in expr.free_symbols})
    return as_fraction(substituted)


def real(expr: object, values: Mapping[str, object] | None = None) -> Fraction:
    """A real SymPy expression (after substituting ``values`` by name, as :func:`evaluate`)
    to 40 significant digits, as a Fraction: for the transcendental values of the Lanczos
    kernel, which :func:`evaluate` cannot return exactly."""
    value = sympy.sympify(expr)
    if values is not None:
        value = value.xreplace({sym: _rational(values[sym.name]) for sym in value.free_symbols})
    number = sympy.Rational(sympy.N(value, 40))
    return Fraction(int(number.p), int(number.q))


@functools.lru_cache(maxsize=4096)
def _coordinate_form(
    mode: str, n: int, out: int, scale: Fraction, roi: tuple[Fraction, Fraction]
) -> sympy.Expr:
    """coord.<mode>'s closed form for this axis, with everything but ``i`` substituted."""
    record = spec.get(f"coord.{mode}").result
    key = "x" if "x" in record else ("x (out = 1)" if out == 1 else "x (out > 1)")
    expr: sympy.Expr = record[key]
    values = {"n_in": n, "n_out": out, "s": scale, "start": roi[0], "end": roi[1]}
    return expr.xreplace(
        {sym: _rational(values[sym.name]) for sym in expr.free_symbols if sym.name != "i"}
    )


def source_coordinate(
    mode: str,
    i: int,
    n: int,
    out: int,
    scale: Fraction,
    roi: tuple[Fraction, Fraction] = (Fraction(0), Fraction(1)),
) -> Fraction:
    """The source coordinate of output ``i`` from the record ``coord.<mode>`` (exact).

    The record's ``"x"``, or its ``"x (out = 1)"`` / ``"x (out > 1)"`` branch.
    """
    return evaluate(_coordinate_form(mode, n, out, scale, roi), {"i": i})


@functools.lru_cache(maxsize=65536)
def clamp(k: int, n: int) -> int:
    """The sample that tap ``k`` of an ``n``-sample axis reads: resize.border's ``clamp(k)``."""
    return int(evaluate(result("resize.border", "clamp(k)"), {"k": k, "n_in": n}))


def output_length(n: int, size: int | None, scale_factor: float | None) -> int:
    """resize.output_length: ``size`` if given, else the floor of ``n`` times the exact factor."""
    if size is not None:
        return int(evaluate(result("resize.output_length", "out (size given)"), {"size": size}))
    values = {"n_in": n, "scale_factor": scale_factor}
    return int(evaluate(result("resize.output_length", "out (scale_factor only)"), values))


def coordinate_scale(n: int, size: int | None, scale_factor: float | None) -> Fraction:
    """resize.coordinate_scale: ``scale_factor`` (exact) if given, else ``size / n``."""
    if scale_factor is not None:
        form = result("resize.coordinate_scale", "s (scale_factor given)")
        return evaluate(form, {"scale_factor": scale_factor})
    return evaluate(result("resize.coordinate_scale", "s (size only)"), {"size": size, "n_in": n})
