"""One comparison for every op: shape, derived bound, NaN rules, and the failure message.

An op's tolerance module (:mod:`conformance.tolerance`) turns a case into an
:class:`Expectation`: the oracle's result, the admissible ``|got - want|`` of
every element, and where NaN is required or allowed.  :func:`compare` checks a
backend's result against it and raises
:class:`~conformance.case.ConformanceFailure` with plain numbers: the first
few positions with got, want, ``|error|`` and the bound, and the worst
``|error| / bound``.  :data:`EXPECTATIONS` maps each op to its expectation, so
that the suite, the deviation replays and the meta-tests judge alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from conformance.case import Case, ConformanceFailure, number

__all__ = ["EXPECTATIONS", "Expectation", "compare", "expectation", "first_cited"]

SHOWN = 5
"""How many wrong positions a failure message lists."""


@dataclass(frozen=True)
class Expectation:
    """What a backend's result must be, element by element.

    * ``want``: the oracle's result (float64, or integers for indices);
    * ``bound``: the largest admissible ``|got - want|``, broadcastable to ``want``
      (0 where the result is exact);
    * ``must_nan``: where the result must be NaN (``None``: where ``want`` is NaN);
    * ``may_nan``: where NaN is admissible although ``want`` is not NaN
      (``None``: nowhere), and where ``want`` is NaN but need not be;
    * ``length_id``: the derivation that fixes the output shape;
    * ``value_ids``: the derivations a wrong value breaks first, when known.
    """

    want: NDArray[Any]
    bound: NDArray[np.float64]
    length_id: str
    must_nan: NDArray[np.bool_] | None = None
    may_nan: NDArray[np.bool_] | None = None
    value_ids: tuple[str, ...] = ()


Make = Callable[[Case, Fraction], Expectation]
"""An op's expectation: the case and the backend's unit roundoff."""

EXPECTATIONS: dict[str, Make] = {}
"""Op name to the function that makes its :class:`Expectation`."""


def expectation(case: Case, u: Fraction, part: str = "") -> Expectation:
    """The expectation of ``case`` for a backend computing with unit roundoff ``u``.

    ``part=".indices"`` gives the expectation of the indices of an op that
    returns ``(values, indices)``.
    """
    from conformance import tolerance  # noqa: F401 - importing it registers every op

    try:
        make = EXPECTATIONS[case.op + part]
    except KeyError:
        raise ValueError(f"op: no expectation is registered for {case.op + part!r}") from None
    return make(case, u)


def first_cited(first: tuple[str, ...], cited: tuple[str, ...]) -> tuple[str, ...]:
    """``cited`` with the IDs in ``first`` moved to the front, each once."""
    return tuple(dict.fromkeys((*first, *cited)))


def compare(
    case: Case,
    got: Any,
    expected: Expectation,
    *,
    cited: tuple[str, ...],
    fail: Callable[[str, tuple[str, ...]], ConformanceFailure],
) -> None:
    """Raise ``fail(message, ids)`` unless ``got`` meets ``expected`` everywhere.

    A wrong shape names ``expected.length_id`` first.  A value is right when it
    equals ``want`` (infinities included) or lies within ``bound`` of it.  NaN
    is right where ``want`` is NaN or ``may_nan`` holds; where ``must_nan`` holds
    only NaN is right; where ``want`` is NaN but not ``must_nan``, any value is.
    """
    want = expected.want
    got = np.asarray(got)
    if got.shape != want.shape:
        raise fail(
            f"output shape {tuple(got.shape)}, expected {tuple(want.shape)}",
            first_cited((expected.length_id,), cited),
        )
    if got.dtype.kind not in "iufb":
        raise fail(f"output dtype {got.dtype} is not numeric", cited)
    g = got.astype(np.float64)
    w = want.astype(np.float64)
    bound = np.broadcast_to(expected.bound, w.shape)
    must = np.isnan(w) if expected.must_nan is None else expected.must_nan
    may = np.zeros(w.shape, dtype=bool) if expected.may_nan is None else expected.may_nan
    got_nan = np.isnan(g)
    with np.errstate(invalid="ignore"):
        error = np.abs(g - w)
        right = (g == w) | (error <= bound)
    right = np.where(got_nan, must | may | np.isnan(w), right)
    right = np.where(must & ~got_nan, False, right)
    right = np.where(np.isnan(w) & ~must & ~got_nan, True, right)
    if right.all():
        return
    wrong = ~right
    where = [tuple(int(i) for i in p) for p in np.argwhere(wrong)[:SHOWN]]
    lines = [
        f"  at {p}: got {number(g[p])}, want {number(w[p])}, "
        f"|error| {number(error[p])}, bound {number(bound[p])}"
        for p in where
    ]
    finite = wrong & np.isfinite(error)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(finite, error / np.where(bound > 0, bound, np.inf), 0.0)
        worst = float(np.max(ratio, initial=0.0))
    zero_bound = finite & (bound == 0) & (error > 0)
    summary = f"{int(wrong.sum())} of {wrong.size} outputs outside the derived bound; " + (
        "an exact output differs" if zero_bound.any() else f"max |error| / bound {worst:.3g}"
    )
    raise fail(summary + "\n" + "\n".join(lines), first_cited(expected.value_ids, cited))
