"""The forward error of a sum of products computed in a binary format (``tolerance.dot``).

A backend computes ``y = sum_j w_j x_j`` (a dot product: one output of a resize, a
convolution, a transposed convolution or an average pool) in a format with unit roundoff
``u``.  By Higham's standard model every operation returns ``fl(a op b) = (a op b)(1 + delta)``
with ``|delta| <= u`` (2002, eq. (2.4)); a product that meets ``k`` roundings carries a factor
``1 + theta_k``, ``|theta_k| <= gamma(k) = k u / (1 - k u)`` (Lemma 3.1); and a sum of ``n``
products, in any order, puts at most ``n`` roundings on each, so

    |fl(w^T x) - w^T x| <= gamma(n) sum_j |w_j| |x_j|            (eq. (3.4)-(3.5)).

Operands that are themselves rounded to a format with unit roundoff ``v`` before the products
(weights computed in the backend's dtype, or float32 data read by TF32 tensor cores) add one
factor ``1 + delta``, ``|delta| <= v``, per rounded operand: the bound becomes
``((1 + gamma(n)) (1 + v)^r - 1) sum_j |w_j| |x_j|`` with ``r`` rounded operands per product.

The functions are pure Python (``fractions`` only) so that conformance can call them:
:func:`unit_roundoff`, :func:`gamma`, :func:`dot_error_factor` and :func:`dot_bound`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import overload

import sympy
from sympy import symbols

from spec._exact import float32, round_significand
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import HIGHAM_2002

__all__ = ["UNIT_ROUNDOFFS", "dot_bound", "dot_error_factor", "gamma", "unit_roundoff"]

#: Unit roundoff ``u = 2^-p`` of each supported format, ``p`` its significand precision.
UNIT_ROUNDOFFS: dict[str, Fraction] = {
    "float64": Fraction(1, 2**53),
    "float32": Fraction(1, 2**24),
    "tf32": Fraction(1, 2**11),
    "float16": Fraction(1, 2**11),
    "bfloat16": Fraction(1, 2**8),
}

#: Higham 2002, cited at the standard model, Lemma 3.1, Lemma 3.3 and the inner product.
HIGHAM = HIGHAM_2002.at(
    "Sec. 2.2 eq. (2.4) (standard model fl(x op y) = (x op y)(1 + delta), |delta| <= u); "
    "Lemma 3.1 (prod (1 + delta_i)^(+-1) = 1 + theta_n, |theta_n| <= gamma_n = nu/(1 - nu)); "
    "Lemma 3.3 (gamma_j + gamma_k + gamma_j gamma_k <= gamma_(j+k)); eq. (3.4)-(3.5) "
    "(|x^T y - fl(x^T y)| <= gamma_n |x|^T |y|, any order of summation)"
)


def unit_roundoff(dtype_name: str) -> Fraction:
    """Unit roundoff ``u = 2^-p`` of a format, exactly (``tolerance.dot``).

    ``p`` is the significand precision: 53 (float64), 24 (float32), 11 (tf32 and float16),
    8 (bfloat16).

    >>> unit_roundoff("float32"), unit_roundoff("tf32")
    (Fraction(1, 16777216), Fraction(1, 2048))
    >>> unit_roundoff("int8")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: dtype_name: 'int8' must be one of bfloat16, float16, float32, float64, tf32 ...
    """
    try:
        return UNIT_ROUNDOFFS[dtype_name]
    except KeyError:
        names = ", ".join(sorted(UNIT_ROUNDOFFS))
        raise ValueError(
            f"dtype_name: {dtype_name!r} must be one of {names} (tolerance.dot)"
        ) from None


@overload
def gamma(k: int, u: Fraction) -> Fraction: ...
@overload
def gamma(k: int, u: float) -> float: ...
def gamma(k: int, u: Fraction | float) -> Fraction | float:
    """Higham's ``gamma_k = k u / (1 - k u)``: the bound on ``|theta_k|`` for ``k`` roundings.

    Exact for a ``Fraction`` ``u``, a float for a float ``u`` (``tolerance.dot``).  Requires
    ``k >= 0`` and ``k u < 1``.

    >>> gamma(15, unit_roundoff("float32"))
    Fraction(15, 16777201)
    >>> gamma(2, 0.25)
    1.0
    >>> gamma(300, unit_roundoff("bfloat16"))
    Traceback (most recent call last):
    ...
    ValueError: k: k u = 75/64 must be < 1 (tolerance.dot)
    """
    if k < 0:
        raise ValueError(f"k: {k} must be >= 0 (tolerance.dot)")
    ku = k * u
    if ku >= 1:
        raise ValueError(f"k: k u = {ku} must be < 1 (tolerance.dot)")
    return ku / (1 - ku)


def dot_error_factor(
    n_terms: int,
    u: Fraction,
    *,
    rounded_operands: int = 0,
    operand_u: Fraction | None = None,
) -> Fraction:
    """``c`` with ``|fl(w^T x) - w^T x| <= c sum_j |w_j| |x_j|`` (``tolerance.dot``).

    ``n_terms`` products summed in any order in a format with unit roundoff ``u``;
    ``rounded_operands`` (0, 1 or 2) of each product's operands first rounded to a format with
    unit roundoff ``operand_u`` (default ``u``): ``c = (1 + gamma(n)) (1 + operand_u)^r - 1``.

    >>> dot_error_factor(4, Fraction(1, 2**24)) == gamma(4, Fraction(1, 2**24))
    True
    >>> dot_error_factor(4, Fraction(1, 2**24), rounded_operands=1) <= gamma(5, Fraction(1, 2**24))
    True
    """
    if n_terms < 1:
        raise ValueError(f"n_terms: {n_terms} must be >= 1 (tolerance.dot)")
    if rounded_operands not in (0, 1, 2):
        raise ValueError(f"rounded_operands: {rounded_operands} must be 0, 1 or 2 (tolerance.dot)")
    v = u if operand_u is None else operand_u
    return (1 + gamma(n_terms, u)) * (1 + v) ** rounded_operands - 1


def dot_bound(
    abs_weighted_sum: Fraction | int,
    n_terms: int,
    u: Fraction,
    *,
    rounded_operands: int = 0,
    operand_u: Fraction | None = None,
) -> Fraction:
    """The bound on ``|fl(w^T x) - w^T x|`` given ``sum_j |w_j| |x_j|`` (``tolerance.dot``).

    ``dot_error_factor(n_terms, u, ...) * abs_weighted_sum``, the sum taken over the exact
    weights and samples.

    >>> dot_bound(3, 1, Fraction(1, 4))
    Fraction(1, 1)
    """
    if abs_weighted_sum < 0:
        raise ValueError(f"abs_weighted_sum: {abs_weighted_sum} must be >= 0 (tolerance.dot)")
    factor = dot_error_factor(n_terms, u, rounded_operands=rounded_operands, operand_u=operand_u)
    return factor * abs_weighted_sum


# --------------------------------------------------------------------------------------------
# Exhaustive claims
# --------------------------------------------------------------------------------------------

_DISTINCT_U = sorted(set(UNIT_ROUNDOFFS.values()))
_U_TEXT = "u in {2^-53, 2^-24, 2^-11, 2^-8}"


def _lemma_3_1() -> Iterator[object]:
    for u in _DISTINCT_U:
        for k in range(1, 41):
            worst = max((1 + u) ** k - 1, 1 - (1 - u) ** k, 1 / (1 - u) ** k - 1)
            if worst > gamma(k, u):
                yield (u, k)


def _lemma_3_3() -> Iterator[object]:
    for u in _DISTINCT_U:
        for j in range(1, 21):
            for k in range(1, 21):
                if gamma(j, u) + gamma(k, u) + gamma(j, u) * gamma(k, u) > gamma(j + k, u):
                    yield (u, j, k)


def _recursive_factors() -> Iterator[object]:
    # Recursive summation: s_1 = x_1 y_1 (1 + d_1), s_i = (s_(i-1) + x_i y_i (1 + d_i))(1 + e_i).
    for n in range(1, 7):
        xs = symbols(f"p_1:{n + 1}")
        ds = symbols(f"d_1:{n + 1}")
        es = symbols(f"e_2:{n + 2}")
        acc = xs[0] * (1 + ds[0])
        for i in range(1, n):
            acc = (acc + xs[i] * (1 + ds[i])) * (1 + es[i - 1])
        expanded = sympy.expand(acc)
        factors = [
            sympy.Poly(expanded.coeff(p), *ds, *es).total_degree() if n > 1 else 1 for p in xs
        ]
        if max(factors) != n:
            yield (n, factors)


def _trees(leaves: int) -> Iterator[tuple[int, ...]]:
    """Depth of each leaf in every full binary tree with ``leaves`` leaves (any summation order)."""
    if leaves == 1:
        yield (0,)
        return
    for left in range(1, leaves):
        for a in _trees(left):
            for b in _trees(leaves - left):
                yield tuple(d + 1 for d in (*a, *b))


def _any_order() -> Iterator[object]:
    # A product is rounded once, then once per addition on its path to the root.
    for n in range(1, 9):
        roundings = max(1 + max(depths) for depths in _trees(n))
        if roundings != n:
            yield (n, roundings)
        balanced = 1 + math.ceil(math.log2(n)) if n > 1 else 1
        if min(1 + max(depths) for depths in _trees(n)) != balanced:
            yield (n, "pairwise", balanced)


def _operands_cost_one_rounding_each() -> Iterator[object]:
    for u in _DISTINCT_U:
        for n in range(1, 65):
            for r in (1, 2):
                if dot_error_factor(n, u, rounded_operands=r) > gamma(n + r, u):
                    yield (u, n, r)


_WEIGHTS = (Fraction(1, 3), Fraction(-2, 7), Fraction(5, 11), Fraction(3, 4), Fraction(-1, 10))
_SAMPLES = (Fraction(7), Fraction(-3, 2), Fraction(1, 9), Fraction(100), Fraction(13, 8))


def _cases() -> Iterator[tuple[list[Fraction], list[Fraction]]]:
    for n in range(1, 9):
        for shift in range(len(_WEIGHTS)):
            w = [_WEIGHTS[(j + shift) % 5] * (j + 1) for j in range(n)]
            x = [_SAMPLES[(2 * j + shift) % 5] for j in range(n)]
            yield w, x


def _float32_sum(terms: Sequence[float], pairwise: bool) -> float:
    if len(terms) == 1:
        return terms[0]
    if pairwise:
        half = len(terms) // 2
        return float32(_float32_sum(terms[:half], True) + _float32_sum(terms[half:], True))
    acc = terms[0]
    for term in terms[1:]:
        acc = float32(acc + term)
    return acc


def _float32_within_bound() -> Iterator[object]:
    u = unit_roundoff("float32")
    for w, x in _cases():
        exact = sum((a * b for a, b in zip(w, x, strict=True)), Fraction(0))
        scale = sum((abs(a * b) for a, b in zip(w, x, strict=True)), Fraction(0))
        # Weights rounded to float32 (samples are exact in float32 where they are dyadic).
        terms = [float32(float32(float(a)) * float32(float(b))) for a, b in zip(w, x, strict=True)]
        for pairwise in (False, True):
            error = abs(Fraction(_float32_sum(terms, pairwise)) - exact)
            if error > dot_bound(scale, len(w), u, rounded_operands=2):
                yield (len(w), pairwise, float(error))


def _tf32_within_bound() -> Iterator[object]:
    u, v = unit_roundoff("float32"), unit_roundoff("tf32")
    needs_operand_term = False
    for w, x in _cases():
        exact = sum((a * b for a, b in zip(w, x, strict=True)), Fraction(0))
        scale = sum((abs(a * b) for a, b in zip(w, x, strict=True)), Fraction(0))
        # TF32 rounds both operands to 11 bits; their product is exact in float32.
        terms = [
            float32(float(round_significand(a, 11) * round_significand(b, 11)))
            for a, b in zip(w, x, strict=True)
        ]
        error = abs(Fraction(_float32_sum(terms, False)) - exact)
        if error > dot_bound(scale, len(w), u, rounded_operands=2, operand_u=v):
            yield (len(w), float(error))
        needs_operand_term |= error > dot_bound(scale, len(w), u)
    if not needs_operand_term:
        yield "the float32 bound without the operand term was never exceeded"


@derivation("tolerance.dot")
def _dot() -> Derivation:
    u, k, n = symbols("u k n", positive=True)
    r, v = symbols("r v", nonnegative=True)
    delta = symbols("delta", real=True)
    z = symbols("z", real=True)
    j = symbols("j", integer=True)
    w_abs, x_abs = sympy.IndexedBase("|w|"), sympy.IndexedBase("|x|")
    gamma_k = k * u / (1 - k * u)
    gamma_n = n * u / (1 - n * u)
    factor = (1 + gamma_n) * (1 + v) ** r - 1
    return Derivation(
        id="tolerance.dot",
        title="Forward error of a sum of n products in a binary format",
        statement=(
            "In the standard model fl(a op b) = (a op b)(1 + delta), |delta| <= u, a product "
            "that meets k roundings carries a factor 1 + theta_k with "
            "|theta_k| <= gamma(k) = k u/(1 - k u) (Higham 2002, Lemma 3.1), and a sum of n "
            "products in any order puts at most n roundings on each, so "
            "|fl(w^T x) - w^T x| <= gamma(n) sum_j |w_j||x_j| (eq. (3.4)). "
            "Operands rounded to a format with unit roundoff v before the products add a "
            "factor (1 + v) each, giving ((1 + gamma(n))(1 + v)^r - 1) sum_j |w_j||x_j| for r "
            "rounded operands, at most gamma(n + r) when v = u. "
            "The unit roundoffs are 2^-53 (float64), 2^-24 (float32), 2^-11 (tf32, float16) "
            "and 2^-8 (bfloat16)."
        ),
        result={
            "standard model": sympy.Eq(sympy.Function("fl")(z), z * (1 + delta)),
            "gamma(k)": gamma_k,
            "bound": factor * sympy.Sum(w_abs[j] * x_abs[j], (j, 1, n)),
            "theta_k worst case": (1 - u) ** (-k) - 1,
        },
        claims=(
            symbolic("gamma(k) = 1/(1 - k u) - 1", gamma_k, 1 / (1 - k * u) - 1),
            symbolic(
                "gamma(k) = k u + (k u)^2 + (k u)^3/(1 - k u): k u to first order",
                gamma_k,
                k * u + (k * u) ** 2 + (k * u) ** 3 / (1 - k * u),
            ),
            symbolic(
                "with no rounded operand the factor is gamma(n), eq. (3.4)",
                sympy.Subs(factor, r, 0),
                gamma_n,
            ),
            exhaustive(
                "Lemma 3.1 worst cases: (1+u)^k - 1, 1 - (1-u)^k and (1-u)^-k - 1 are <= gamma(k)",
                f"k in 1..40, {_U_TEXT}",
                _lemma_3_1,
            ),
            exhaustive(
                "Lemma 3.3: gamma(j) + gamma(k) + gamma(j) gamma(k) <= gamma(j + k), so "
                "roundings of successive passes add",
                f"j, k in 1..20, {_U_TEXT}",
                _lemma_3_3,
            ),
            exhaustive(
                "recursive summation of n products: each term carries at most n rounding "
                "factors (attained by the first), hence gamma(n) in eq. (3.4)",
                "n in 1..6, symbolic rounding factors",
                _recursive_factors,
            ),
            exhaustive(
                "any order: over every binary summation tree of n products the most roundings "
                "on one product is n (a chain) and the fewest possible is 1 + ceil(log2 n) "
                "(pairwise), so gamma(n) holds whatever the order",
                "n in 1..8, every full binary tree",
                _any_order,
            ),
            exhaustive(
                "rounded operands cost one rounding each: "
                "(1 + gamma(n))(1 + u)^r - 1 <= gamma(n + r)",
                f"n in 1..64, r in {{1, 2}}, {_U_TEXT}",
                _operands_cost_one_rounding_each,
            ),
            exhaustive(
                "float32 dot products with both operands rounded to float32, summed "
                "recursively or pairwise, stay within the bound (r = 2)",
                "n in 1..8; weights (j + 1) w with w in {1/3, -2/7, 5/11, 3/4, -1/10}, "
                "samples from {7, -3/2, 1/9, 100, 13/8}, five rotations each; float32 emulated",
                _float32_within_bound,
            ),
            exhaustive(
                "TF32 (operands rounded to 11 bits, float32 accumulation) stays within the "
                "bound with u = 2^-24, v = 2^-11, r = 2, and exceeds the float32 bound without "
                "the operand term somewhere",
                "the same cases",
                _tf32_within_bound,
            ),
        ),
        references=(HIGHAM,),
        implemented_by=("spec.tolerance.dot_bound", "spec.tolerance.dot_error_factor"),
        notes=(
            "The bound is first order in u: gamma(n) = n u + O(u^2). It is attained only in "
            "pathological cases; its purpose is to be safe, and tolerance.model adds the terms "
            "that are specific to a resize (coordinate and weight evaluation).",
            "conv, conv_transpose and avg_pool use it with n the number of products per "
            "output (C_in/groups * prod k, or the window size, plus one for a bias).",
        ),
    )
