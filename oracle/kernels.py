"""One interpolation kernel per resize method, and its exact sums over runs of samples.

Each kernel is a small function of the signed distance between an input
sample and the source coordinate, measured in input pixels.  A kernel is a
table of polynomial pieces in the distance's magnitude (:func:`pieces`), the
one place its coefficients are written; the float64 evaluators and the exact
sums read that table.  Adding a method means adding a table here;
:func:`oracle.axis_weights` turns a kernel into per-axis weights.

* :func:`nearest_index`: the rounding of a source coordinate to a sample index,
  exact on a :class:`~fractions.Fraction` (nearest.rounding).
* :func:`linear`: the triangle kernel of linear interpolation
  (interp.linear.weights).
* :func:`cubic`: the cubic convolution kernel of Keys (1981)
  (interp.cubic.kernel).
* :func:`lanczos`: the Lanczos kernel ``sinc(t) sinc(t/a)``, the one kernel
  that is not a table of polynomial pieces (interp.lanczos.kernel).
* :func:`kernel`: the kernel of a mode with its one parameter (the cubic
  ``a``, or the Lanczos order).
* :func:`kernel_sum`: the sum of a stretched kernel over a run of
  consecutive samples, in a number of steps that does not grow with the run
  (resize.antialias, resize.border): exact for the polynomial kernels,
  :func:`lanczos_sum` in float64 for Lanczos (interp.lanczos.weights).
"""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Literal, NamedTuple, TypeAlias, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from oracle._args import Real, exact, invalid, is_real, require_finite
from oracle._types import NEAREST_MODES, NearestMode

__all__ = [
    "LANCZOS_A_DEFAULT",
    "NEAREST_MODES",
    "KernelMode",
    "Piece",
    "PolynomialMode",
    "cubic",
    "kernel",
    "kernel_sum",
    "lanczos",
    "lanczos_order",
    "lanczos_sum",
    "linear",
    "nearest_index",
    "pieces",
    "support",
]

KernelMode: TypeAlias = Literal["linear", "cubic", "lanczos"]
"""The resize modes that weigh samples with a kernel."""
PolynomialMode: TypeAlias = Literal["linear", "cubic"]
"""The kernels that are tables of polynomial pieces (:func:`pieces`)."""

LANCZOS_A_DEFAULT = 3
"""The default Lanczos order ``a``: Pillow's LANCZOS and jax's lanczos3 (interp.lanczos.kernel)."""

Number = TypeVar("Number", float, Fraction)


class Piece(NamedTuple):
    """One polynomial piece of a kernel ``K(t)``, in the magnitude ``s = |t|``.

    The piece holds from the previous piece's ``upper`` (or 0) up to ``upper``,
    including ``upper`` itself when ``closed``.  ``coefficients`` are those of
    ``s^d, ..., s, 1`` (highest power first).  Beyond the last piece ``K = 0``
    (interp.linear.weights, interp.cubic.kernel).
    """

    upper: int
    closed: bool
    coefficients: tuple[float | Fraction, ...]


def pieces(mode: PolynomialMode, a: Number) -> tuple[Piece, ...]:
    """The kernel of ``mode`` as polynomial pieces in ``s = |t|``; ``a`` is the cubic parameter.

    * ``"linear"`` (interp.linear.weights): ``1 - s`` for ``s < 1``.
    * ``"cubic"`` (interp.cubic.kernel; R. Keys, "Cubic convolution
      interpolation for digital image processing", IEEE Trans. ASSP 29(6),
      1981, eq. 15 with ``a`` free): ``(a + 2) s^3 - (a + 3) s^2 + 1`` for
      ``s <= 1`` and ``a s^3 - 5 a s^2 + 8 a s - 4 a`` for ``1 < s < 2``.

    ``a`` is a float (for :func:`linear` and :func:`cubic`) or a Fraction (for
    the exact :func:`kernel_sum`); the coefficients are of the same kind.

    >>> pieces("cubic", Fraction(-1, 2))[1].coefficients
    (Fraction(-1, 2), Fraction(5, 2), Fraction(-4, 1), Fraction(2, 1))
    """
    if mode not in ("linear", "cubic"):
        raise invalid(
            "mode",
            f"must be 'linear' or 'cubic' (a polynomial kernel), got {mode!r}",
            "interp.lanczos.kernel",
        )
    if mode == "linear":
        return (Piece(1, False, (-1, 1)),)
    return (
        Piece(1, True, (a + 2, -(a + 3), 0, 1)),
        Piece(2, False, (a, -5 * a, 8 * a, -4 * a)),
    )


def support(mode: KernelMode, a: Real | None = None) -> int:
    """The kernel's half-width: ``K(t) = 0`` for ``|t| >= support``.

    1 for linear, 2 for cubic, ``a`` for Lanczos.

    For the polynomial kernels the end of the last piece of :func:`pieces`
    (interp.linear.weights, interp.cubic.kernel); for Lanczos its order ``a``
    (interp.lanczos.kernel, default :data:`LANCZOS_A_DEFAULT`).  Antialias
    stretches it to ``support / s`` (resize.antialias).

    >>> support("linear"), support("cubic"), support("lanczos", 4)
    (1, 2, 4)
    """
    if mode == "lanczos":
        return lanczos_order(LANCZOS_A_DEFAULT if a is None else a)
    return pieces(mode, 0.0)[-1].upper


def nearest_index(x: Fraction, mode: NearestMode) -> int:
    """Round the exact source coordinate ``x`` to an integer sample position.

    Implements nearest.rounding.  ``mode`` is one of:

    * ``"round_prefer_floor"``: the nearest integer, a tie (``x = k + 1/2``)
      going down to ``k``;
    * ``"round_prefer_ceil"``: the nearest integer, a tie going up to ``k + 1``;
    * ``"floor"``: the largest integer ``<= x``;
    * ``"ceil"``: the smallest integer ``>= x``.

    The decision is exact: ``x`` is a rational, so a tie is a tie and nothing
    near a tie is rounded first.  The result is not clamped to the input; the
    caller clamps it to ``[0, in_length - 1]``.

    >>> [nearest_index(Fraction(k, 2), "round_prefer_floor") for k in (-3, -1, 1, 3)]
    [-2, -1, 0, 1]
    >>> [nearest_index(Fraction(k, 2), "round_prefer_ceil") for k in (-3, -1, 1, 3)]
    [-1, 0, 1, 2]
    """
    if not isinstance(x, Fraction):
        raise invalid("x", f"must be a fractions.Fraction, got {x!r}", "nearest.rounding")
    if mode not in NEAREST_MODES:
        listed = ", ".join(repr(m) for m in NEAREST_MODES)
        raise invalid("nearest_mode", f"must be one of {listed}, got {mode!r}", "nearest.rounding")
    floor, remainder = divmod(x.numerator, x.denominator)
    twice = 2 * remainder  # compare the fractional part with 1/2 without dividing
    if mode == "floor":
        return floor
    if mode == "ceil":
        return floor + (remainder > 0)
    if mode == "round_prefer_floor":
        return floor + (twice > x.denominator)
    return floor + (twice >= x.denominator)  # round_prefer_ceil


_NEAREST_BOX: dict[str, tuple[Fraction, Fraction, bool]] = {
    "round_prefer_floor": (Fraction(-1, 2), Fraction(1, 2), True),
    "round_prefer_ceil": (Fraction(-1, 2), Fraction(1, 2), False),
    "floor": (Fraction(-1), Fraction(0), False),
    "ceil": (Fraction(0), Fraction(1), True),
}
"""``(lo, hi, closed at lo)`` of each nearest mode's box: the mode picks ``j`` exactly when
``j - x`` lies in it (resize.sampled_box)."""


def nearest_window(x: Fraction, mode: NearestMode, stretch: Fraction) -> tuple[int, int]:
    """The first and last tap of nearest's box stretched by ``1 / stretch``, unclamped.

    Implements resize.sampled_box.  The box of ``mode`` is the set of ``j - x`` for which
    :func:`nearest_index` picks ``j``: ``[-1/2, 1/2)`` for ``"round_prefer_floor"``,
    ``(-1/2, 1/2]`` for ``"round_prefer_ceil"``, ``(-1, 0]`` for ``"floor"`` and ``[0, 1)``
    for ``"ceil"``.  The taps are the integers ``j`` with ``stretch * (j - x)`` in it; with
    ``stretch = 1`` that is ``nearest_index(x, mode)`` alone.  Exact.

    >>> nearest_window(Fraction(1, 2), "round_prefer_ceil", Fraction(1))
    (1, 1)
    >>> nearest_window(Fraction(1, 2), "round_prefer_ceil", Fraction(1, 2))
    (0, 1)
    """
    lo, hi, closed = _NEAREST_BOX[mode]
    start, end = x + lo / stretch, x + hi / stretch
    if closed:
        return math.ceil(start), math.ceil(end) - 1
    return math.floor(start) + 1, math.floor(end)


def _evaluate(table: tuple[Piece, ...], t: ArrayLike) -> NDArray[np.float64]:
    """``K(t)`` in float64 from its pieces, each piece in Horner form; vectorised."""
    s = np.abs(np.asarray(t, dtype=np.float64))
    conditions, values = [], []
    for piece in table:
        conditions.append(s <= piece.upper if piece.closed else s < piece.upper)
        value: NDArray[np.float64] | float = float(piece.coefficients[0])
        for coefficient in piece.coefficients[1:]:
            value = value * s + float(coefficient)
        values.append(value)
    return np.asarray(np.select(conditions, values, 0.0), dtype=np.float64)


def linear(t: ArrayLike) -> NDArray[np.float64]:
    """The triangle kernel ``max(0, 1 - |t|)`` of linear interpolation.

    Implements interp.linear.weights: a sample at distance ``t`` from the
    source coordinate gets weight ``1 - |t|`` when ``|t| < 1`` and ``0``
    otherwise, so the two samples around the coordinate get ``1 - f`` and
    ``f`` (``f`` the fractional part of the coordinate).  At the centre of
    four samples every weight is ``1/4`` in two dimensions
    (interp.linear.center_of_four).  Vectorised over a float64 array of
    distances.

    >>> linear([0.0, 0.25, -0.25, 1.0, 1.5]).tolist()
    [1.0, 0.75, 0.75, 0.0, 0.0]
    """
    return _evaluate(pieces("linear", 0.0), t)


def cubic(t: ArrayLike, a: Real) -> NDArray[np.float64]:
    """The cubic convolution kernel of Keys (1981) with free parameter ``a``.

    Implements interp.cubic.kernel (R. Keys, "Cubic convolution interpolation
    for digital image processing", IEEE Trans. ASSP 29(6), 1981, eq. 15 with
    ``a`` free): for ``s = |t|``

    * ``(a + 2) s^3 - (a + 3) s^2 + 1`` when ``s <= 1``;
    * ``a s^3 - 5 a s^2 + 8 a s - 4 a`` when ``1 < s < 2``;
    * ``0`` when ``s >= 2``.

    ``a = -1/2`` is Keys' third-order choice (interp.cubic.a_half); ``a = -3/4``
    is the PyTorch, ONNX and OpenCV default (interp.cubic.default_a).  Both
    pieces are evaluated in Horner form (:func:`pieces`).  Vectorised over a
    float64 array of distances.

    >>> cubic([0.0, 0.5, 1.0, 1.5, 2.0], -0.5).tolist()
    [1.0, 0.5625, 0.0, -0.0625, 0.0]
    """
    a = float(require_finite(a, "cubic_a", "interp.cubic.kernel"))
    return _evaluate(pieces("cubic", a), t)


def lanczos_order(a: object) -> int:
    """The Lanczos order as a Python int, or ``ValueError``: an integer ``>= 1``.

    A float with an integer value is accepted (the kernel's parameter travels
    as a float next to the cubic ``a``); a bool is not (interp.lanczos.kernel).

    >>> lanczos_order(3), lanczos_order(4.0)
    (3, 4)
    """
    if isinstance(a, bool) or not is_real(a) or float(a) != math.floor(float(a)) or a < 1:
        raise invalid("lanczos_a", f"must be an int >= 1, got {a!r}", "interp.lanczos.kernel")
    return int(a)


def _sin_pi(q: NDArray[np.float64]) -> NDArray[np.float64]:
    """``sin(pi q)`` with the argument reduced exactly: ``q = m + f``, ``|f| <= 1/2``.

    ``q - round(q)`` is exact in float64, so the result is exactly 0 at the
    integers and has a relative error of a few roundings elsewhere."""
    m = np.rint(q)
    value = np.sin(np.pi * (q - m))
    return np.where(np.fmod(m, 2.0) == 0.0, value, -value) + 0.0  # no -0.0


def lanczos(t: ArrayLike, a: Real = LANCZOS_A_DEFAULT) -> NDArray[np.float64]:
    """The Lanczos kernel ``L_a(t) = sinc(t) sinc(t/a)`` for ``|t| < a``, 0 beyond.

    Implements interp.lanczos.kernel (C. E. Duchon, "Lanczos filtering in one
    and two dimensions", J. Applied Meteorology 18, 1979; K. Turkowski,
    "Filters for common resampling tasks", Graphics Gems, 1990), with
    ``sinc(t) = sin(pi t)/(pi t)`` and ``sinc(0) = 1``, for an integer order
    ``a >= 1``: 3 is Pillow's LANCZOS and jax's lanczos3, 4 OpenCV's
    INTER_LANCZOS4, 5 jax's lanczos5.  Each ``sin(pi q)`` is taken of the
    exactly reduced argument ``q - round(q)``, so ``L_a(0) = 1`` and
    ``L_a(k) = 0`` exactly at the other integers: the kernel interpolates.
    Vectorised over a float64 array of distances.

    >>> lanczos([0.0, 1.0, 2.0, 3.0], 3).tolist()
    [1.0, 0.0, 0.0, 0.0]
    >>> round(float(lanczos(0.5, 3)[()]) * math.pi**2, 12)
    6.0
    """
    order = lanczos_order(a)
    d = np.abs(np.asarray(t, dtype=np.float64))
    inside = d < order
    safe = np.where(inside & (d > 0), d, 1.0)  # no division by zero; masked below
    value = _sin_pi(safe) * _sin_pi(safe / order) * order / (np.pi * np.pi) / safe / safe
    return np.asarray(np.where(inside, np.where(d == 0, 1.0, value), 0.0), dtype=np.float64)


def kernel(mode: KernelMode, t: ArrayLike, a: Real) -> NDArray[np.float64]:
    """The kernel of ``mode`` at the distances ``t``, with its one parameter ``a``.

    :func:`linear` (no parameter), :func:`cubic` (``a`` the cubic coefficient)
    or :func:`lanczos` (``a`` the order) (interp.linear.weights,
    interp.cubic.kernel, interp.lanczos.kernel).

    >>> kernel("lanczos", [0.0, 2.0], 2).tolist(), kernel("cubic", [1.5], -0.5).tolist()
    ([1.0, 0.0], [-0.0625])
    """
    if mode == "linear":
        return linear(t)
    if mode == "cubic":
        return cubic(t, a)
    if mode == "lanczos":
        return lanczos(t, a)
    raise invalid(
        "mode", f"must be 'linear', 'cubic' or 'lanczos', got {mode!r}", "resize.separable"
    )


def _power_sums(d0: Fraction, m: int) -> list[Fraction]:
    """``sum_{k=0}^{m-1} (d0 + k)^e`` for ``e = 0, 1, 2, 3``, exactly.

    With ``d0 = p / q``: ``q^e (d0 + k)^e = (p + k q)^e``, expanded binomially
    over Faulhaber's sums ``sum_k k^i`` (integers), so one division per power.
    """
    p, q = d0.numerator, d0.denominator
    faulhaber = (m, m * (m - 1) // 2, m * (m - 1) * (2 * m - 1) // 6, (m * (m - 1) // 2) ** 2)
    return [
        Fraction(
            sum(math.comb(e, i) * p ** (e - i) * q**i * faulhaber[i] for i in range(e + 1)), q**e
        )
        for e in range(4)
    ]


class _Run(NamedTuple):
    """One piece of a stretched kernel ``K(stretch t)`` in the distance ``d = |t|``: it holds
    for ``near <= d <= far`` (each end open or closed), where ``K(stretch t)`` is the
    polynomial with ``coefficients`` (of ``1, d, d^2, d^3``)."""

    near: Fraction
    near_closed: bool
    far: Fraction
    far_closed: bool
    coefficients: tuple[Fraction, ...]


@functools.lru_cache(maxsize=64)
def _stretched_pieces(mode: PolynomialMode, a: float, stretch: Fraction) -> tuple[_Run, ...]:
    """:func:`pieces` at the exact value of ``a``, stretched by ``1 / stretch``."""
    runs = []
    lower, lower_closed = Fraction(0), True
    for piece in pieces(mode, exact(a)):
        coefficients = [_fraction(c) for c in reversed(piece.coefficients)]
        coefficients += [Fraction(0)] * (4 - len(coefficients))
        runs.append(
            _Run(
                lower / stretch,
                lower_closed,
                piece.upper / stretch,
                piece.closed,
                tuple(c * stretch**e for e, c in enumerate(coefficients)),
            )
        )
        lower, lower_closed = Fraction(piece.upper), not piece.closed
    return tuple(runs)


def _fraction(value: float | Fraction) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def _integers_between(
    lo: Fraction, lo_closed: bool, hi: Fraction, hi_closed: bool
) -> tuple[int, int]:
    """The first and last integer ``j`` with ``lo <= j <= hi`` (``<`` at an open end)."""
    first = math.ceil(lo) if lo_closed else math.floor(lo) + 1
    last = math.floor(hi) if hi_closed else math.ceil(hi) - 1
    return first, last


def kernel_sum(
    mode: KernelMode, first: int, last: int, x: Fraction, stretch: Fraction, a: Real
) -> Fraction | float:
    """``sum_{j=first}^{last} K(stretch (j - x))``, ``K`` the kernel of ``mode`` with ``a``.

    The sum over a run of consecutive samples, as antialias needs it for the
    taps beyond an edge of the input (resize.antialias, resize.border): they
    all read the edge sample, and there may be ``2 support / stretch`` of
    them.  For the polynomial kernels it is exact: within one piece of the
    kernel and one side of ``x`` the summand is a polynomial in ``j``, summed
    in closed form, so the cost does not depend on ``last - first``; ``a`` is
    the cubic parameter at its exact value.  For ``"lanczos"`` (``a`` the
    order) it is :func:`lanczos_sum`, in float64 (interp.lanczos.weights).

    >>> kernel_sum("linear", -10**12, 10**12, Fraction(1, 3), Fraction(1, 10**6), 0.0)
    Fraction(1000000, 1)
    """
    if mode == "lanczos":
        return lanczos_sum(first, last, x, stretch, a)
    a = float(require_finite(a, "cubic_a", "interp.cubic.kernel"))
    total = Fraction(0)
    for run in _stretched_pieces(mode, a, stretch):
        left = _integers_between(x - run.far, run.far_closed, x - run.near, run.near_closed)
        right = _integers_between(x + run.near, run.near_closed, x + run.far, run.far_closed)
        right = (max(right[0], math.floor(x) + 1), right[1])  # j > x; the left side has j <= x
        for side, (lo, hi) in enumerate((left, right)):
            lo, hi = max(lo, first), min(hi, last)
            if lo <= hi:
                nearest = x - hi if side == 0 else lo - x  # the run's smallest distance
                sums = _power_sums(nearest, hi - lo + 1)
                total += sum(
                    (c * p for c, p in zip(run.coefficients, sums, strict=True)), Fraction(0)
                )
    return total


# --------------------------------------------------------------------------------------
# Lanczos sums over long runs
# --------------------------------------------------------------------------------------

_DIRECT_STRETCH = Fraction(1, 1024)
"""Runs are summed term by term unless the stretch is at most this (and the run long)."""
_DIRECT_RUN = 64
"""Runs of at most this many terms are summed term by term at any stretch."""
_GREGORY_ORDER = 6
"""The end differences of Gregory's formula: up to the sixth."""
_CHUNK = 1 << 15
"""Terms evaluated at once by a direct sum."""
_PANEL = 0.5
"""The longest Gauss-Legendre panel of the integral, in units of the kernel's argument."""
_NODES = 12
"""Gauss-Legendre nodes per panel."""


@functools.cache
def _gregory_coefficients() -> tuple[Fraction, ...]:
    """``|G_2|, ..., |G_(p+1)|`` (``1/12, 1/24, 19/720, ...``) for Gregory's formula.

    The Gregory coefficients are the Taylor coefficients of ``z / ln(1 + z)``; with
    ``ln(1 + z)/z = sum_m (-1)^m z^m / (m + 1)`` their product being 1 gives
    ``sum_(k<=m) (-1)^(m-k) G_k / (m - k + 1) = 0`` for ``m >= 1``, ``G_0 = 1``.
    """
    g = [Fraction(1)]
    for m in range(1, _GREGORY_ORDER + 2):
        g.append(-sum(((-1) ** (m - k) * g[k] / (m - k + 1) for k in range(m)), Fraction(0)))
    return tuple(abs(c) for c in g[2:])


@functools.cache
def _legendre() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    nodes, weights = np.polynomial.legendre.leggauss(_NODES)
    return nodes, weights


def _lanczos_integral(u0: float, u1: float, order: int) -> float:
    """``int_u0^u1 L_a(u) du`` by Gauss-Legendre on panels of length at most 1/2."""
    panels = max(1, math.ceil((u1 - u0) / _PANEL))
    edges = np.linspace(u0, u1, panels + 1)
    nodes, weights = _legendre()
    half = (edges[1:] - edges[:-1])[:, None] / 2
    points = (edges[:-1] + edges[1:])[:, None] / 2 + half * nodes[None, :]
    return math.fsum((half * weights[None, :] * lanczos(points, order)).ravel().tolist())


def _lanczos_terms(
    first: int, count: int, x: Fraction, stretch: Fraction, order: int
) -> list[float]:
    """``L_a(stretch (j - x))`` for ``j = first .. first + count - 1``: the first distance is
    rounded once from its exact value, the others step from it by the rounded stretch."""
    start = float((first - x) * stretch)
    step = float(stretch)
    values: list[float] = lanczos(start + np.arange(count) * step, order).tolist()
    return values


def lanczos_sum(first: int, last: int, x: Fraction, stretch: Fraction, a: Real) -> float:
    """``sum_{j=first}^{last} L_a(stretch (j - x))`` in float64, in work bounded by ``a``.

    Implements the sums of interp.lanczos.weights for the taps beyond an edge
    (resize.antialias, resize.border).  A run of at most 64 terms, or any
    run when ``stretch > 2^-10`` (then at most about ``2 a / stretch <= 2048 a``
    taps), is summed term by term (``math.fsum``).  A longer run is summed by
    Gregory's formula: with ``f(j) = L_a(stretch (j - x))``, smooth on the
    scale ``1 / stretch >= 1024``,

        sum_j f(j) = int_first^last f + (f(first) + f(last)) / 2
                     + sum_(k=1..6) |G_(k+1)| (nabla^k f(last) + (-1)^k Delta^k f(first))

    with the integral ``(1/stretch) int L_a(u) du`` by Gauss-Legendre
    quadrature; the truncation is of order ``stretch^8`` relative to the sum.
    The run must lie within the kernel's support, where ``L_a`` is analytic.

    >>> round(lanczos_sum(-3, 3, Fraction(0), Fraction(1), 3), 15)
    1.0
    """
    order = lanczos_order(a)
    count = last - first + 1
    if count <= 0:
        return 0.0
    if stretch > _DIRECT_STRETCH or count <= _DIRECT_RUN:
        terms: list[float] = []
        for start in range(first, last + 1, _CHUNK):
            terms += _lanczos_terms(start, min(_CHUNK, last + 1 - start), x, stretch, order)
        return math.fsum(terms)
    p = _GREGORY_ORDER
    head = np.array(_lanczos_terms(first, p + 1, x, stretch, order))
    tail = np.array(_lanczos_terms(last - p, p + 1, x, stretch, order))
    integral = _lanczos_integral(
        float((first - x) * stretch), float((last - x) * stretch), order
    ) / float(stretch)
    parts = [integral, (head[0] + tail[-1]) / 2]
    forward, backward = head, tail
    for k, g in enumerate(_gregory_coefficients(), start=1):
        forward, backward = np.diff(forward), np.diff(backward)
        parts.append(float(g) * (float(backward[-1]) + (-1) ** k * float(forward[0])))
    return math.fsum(parts)
