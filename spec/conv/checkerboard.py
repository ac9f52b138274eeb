"""Checkerboard overlap: how many kernel taps land on each output of a transposed convolution.

With a constant input, output ``q`` of a transposed convolution receives one term for each
pair ``(o, t)`` with ``q = o*s - p_begin + t*d``.  Away from the borders every input index
``o`` exists, so the count depends only on which taps ``t`` satisfy
``t*d = q + p_begin (mod s)``: it is periodic in ``q`` with period ``s``.  Uneven counts are
the arithmetic behind the checkerboard artifacts of Odena, Dumoulin and Olah.

Derivation: ``conv_transpose.checkerboard``.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator

import sympy
from sympy import symbols

from spec.conv import maps
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import DUMOULIN_VISIN, ODENA_CHECKERBOARD
from spec.window.length import require_int

__all__ = ["checkerboard_counts", "derive_last_tap", "derive_tap_count", "overlap_period"]

k_sym, s_sym = symbols("k s", integer=True, positive=True)
rho_sym, j_sym = symbols("rho j", integer=True, nonnegative=True)
j_max = symbols("j_max", real=True)


def overlap_period(
    kernel_size: int, stride: int, dilation: int = 1, p_begin: int = 0
) -> tuple[int, ...]:
    """Taps landing on an interior output ``q``, indexed by ``q mod s``: the closed form.

    With ``g = gcd(d, s)`` and ``s' = s/g``, a residue ``r = (q + p_begin) mod s`` receives no
    tap unless ``g`` divides ``r``; then the taps are ``t = t0 (mod s')`` with
    ``t0 = (r/g) (d/g)^(-1) mod s'``, and there are ``ceil((k - t0)/s')`` of them.
    Cites ``conv_transpose.checkerboard``.

    >>> overlap_period(3, 2), overlap_period(4, 2), overlap_period(3, 2, dilation=2)
    ((2, 1), (2, 2), (3, 0))
    """
    did = "conv_transpose.checkerboard"
    kernel_size = require_int("kernel_size", kernel_size, 1, did)
    stride = require_int("stride", stride, 1, did)
    dilation = require_int("dilation", dilation, 1, did)
    p_begin = require_int("p_begin", p_begin, 0, did)
    g = math.gcd(dilation, stride)
    reduced = stride // g
    inverse = pow(dilation // g, -1, reduced) if reduced > 1 else 0
    counts = []
    for q in range(stride):
        r = (q + p_begin) % stride
        if r % g:
            counts.append(0)
            continue
        first = (r // g) * inverse % reduced
        counts.append(max(-(-(kernel_size - first) // reduced), 0))
    return tuple(counts)


def checkerboard_counts(
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
    output_padding: int = 0,
) -> tuple[int, ...]:
    """Per output of a 1-D transposed convolution, the number of ``(input, tap)`` pairs reaching it.

    Counted from the index map (``transpose_index_map``): it is the output for an all-ones
    input and an all-ones kernel, borders included.  The N-d count is the outer product of the
    per-axis counts.  Cites ``conv_transpose.checkerboard``.

    >>> checkerboard_counts(3, 3, 2)
    (1, 1, 2, 1, 2, 1, 1)
    """
    triples = maps.transpose_index_map(
        in_len, kernel_size, stride, p_begin, p_end, dilation, output_padding
    )
    length = maps.transpose_output_length(
        in_len, kernel_size, stride, p_begin, p_end, dilation, output_padding
    )
    counts = [0] * length
    for _, _, q in triples:
        counts[q] += 1
    return tuple(counts)


@functools.cache
def derive_last_tap() -> sympy.Expr:
    """The real ``j_max`` solving ``rho + j s = k - 1``: taps ``t = rho + j s`` lie in
    ``0 .. k - 1`` exactly for ``j = 0 .. floor(j_max)`` (dilation 1, residue ``rho < s``).

    >>> derive_last_tap()
    (k - rho - 1)/s
    """
    (last,) = sympy.solve(sympy.Eq(rho_sym + j_sym * s_sym, k_sym - 1), j_sym)
    return sympy.factor(last)


def derive_tap_count() -> sympy.Expr:
    """Count the taps ``t = rho + j s`` in ``0 .. k - 1``: ``floor(j_max) + 1``.

    >>> derive_tap_count()
    floor((k - rho - 1)/s) + 1
    """
    return sympy.floor(derive_last_tap()) + 1


def _interior(in_len: int, k: int, s: int, pb: int, d: int, length: int) -> list[int]:
    """Outputs whose every possible source input exists: q + pb - d(k-1) >= 0, q + pb <= s(L-1)."""
    return [q for q in range(length) if q + pb - d * (k - 1) >= 0 and q + pb <= s * (in_len - 1)]


def _domain() -> Iterator[tuple[int, int, int, int]]:
    yield from itertools.product(range(1, 7), range(1, 5), range(1, 4), range(3))


def _check_closed_form() -> Iterator[object]:
    for k, s, d, pb in _domain():
        in_len = k * d + 2
        period = overlap_period(k, s, d, pb)
        counts = checkerboard_counts(in_len, k, s, pb, 0, d)
        inner = _interior(in_len, k, s, pb, d, len(counts))
        if not inner:
            yield ("no interior", k, s, d, pb)
        for q in inner:
            if counts[q] != period[q % s]:
                yield (k, s, d, pb, q)


def _check_uniform() -> Iterator[object]:
    for k, s, d, pb in _domain():
        uniform = len(set(overlap_period(k, s, d, pb))) == 1
        if uniform != (math.gcd(d, s) == 1 and k % s == 0):
            yield (k, s, d, pb)
        if d == 1 and uniform != (k % s == 0):
            yield ("dilation 1", k, s, pb)


def _check_dilation_one_values() -> Iterator[object]:
    count = derive_tap_count()
    for k, s, _, pb in _domain():
        period = overlap_period(k, s, 1, pb)
        for q, value in enumerate(period):
            rho = (q + pb) % s
            formula = count.subs({k_sym: k, s_sym: s, rho_sym: rho})
            if value != formula or value not in (k // s, -(-k // s)):
                yield (k, s, pb, q)
        if sorted(period, reverse=True)[: k % s] != [-(-k // s)] * (k % s):
            yield ("k mod s residues get ceil(k/s)", k, s, pb)


def _check_total() -> Iterator[object]:
    """Each tap lands on one residue: a period's counts sum to k."""
    for k, s, d, pb in _domain():
        if sum(overlap_period(k, s, d, pb)) != k:
            yield (k, s, d, pb)


def _examples() -> Iterator[object]:
    got = (
        overlap_period(3, 2),
        overlap_period(4, 2),
        overlap_period(3, 3),
        overlap_period(4, 2, 2),
        checkerboard_counts(3, 3, 2),
    )
    if got != ((2, 1), (2, 2), (1, 1, 1), (4, 0), (1, 1, 2, 1, 2, 1, 1)):
        yield got


@derivation("conv_transpose.checkerboard")
def _checkerboard() -> Derivation:
    count = derive_tap_count()
    return Derivation(
        id="conv_transpose.checkerboard",
        title="Checkerboard overlap: taps per output of a transposed convolution",
        statement=(
            "With a constant input, an interior output q receives one tap t for each "
            "t d = q + p_begin (mod s), so the count is periodic in q with period s: with "
            "g = gcd(d, s) and s' = s/g, residues r = (q + p_begin) mod s not divisible by g "
            "get none and the others get ceil((k - t0)/s') taps, t0 = (r/g)(d/g)^(-1) mod s'. "
            "The overlap is uniform in the interior exactly when gcd(d, s) = 1 and s divides "
            "k; for dilation 1, exactly when s divides k."
        ),
        result={"taps (d = 1, residue rho)": count},
        claims=(
            symbolic(
                "the taps t = rho + j s in 0..k-1 are j = 0..floor(j_max), where j_max solves "
                "rho + j_max s = k - 1: floor((k - 1 - rho)/s) + 1 of them",
                sympy.floor(j_max) + 1,
                sympy.floor((k_sym - 1 - rho_sym) / s_sym) + 1,
                where={j_max: derive_last_tap()},
            ),
            exhaustive(
                "the closed form, dilation included, equals the count from the index map at "
                "every interior output",
                "k = 1..6, s = 1..3, d = 1..3, p_begin = 0..2, L = k d + 2",
                _check_closed_form,
            ),
            exhaustive(
                "the overlap is uniform exactly when gcd(d, s) = 1 and s divides k; for "
                "dilation 1, exactly when s divides k",
                "k = 1..6, s = 1..3, d = 1..3, p_begin = 0..2",
                _check_uniform,
            ),
            exhaustive(
                "for dilation 1 the counts are floor(k/s) or ceil(k/s), and k mod s residues "
                "get ceil(k/s)",
                "k = 1..6, s = 1..3, p_begin = 0..2",
                _check_dilation_one_values,
            ),
            exhaustive(
                "the counts over one period sum to k: each tap lands once per period",
                "k = 1..6, s = 1..3, d = 1..3, p_begin = 0..2",
                _check_total,
            ),
            exhaustive(
                "examples: k 3, s 2 alternates 2, 1 (the checkerboard); k 4, s 2 is uniform; "
                "k 4, s 2, d 2 leaves every other output empty; 3 inputs with k 3, s 2 give "
                "1, 1, 2, 1, 2, 1, 1",
                "the listed cases",
                _examples,
            ),
        ),
        references=(
            ODENA_CHECKERBOARD.at(
                "'Deconvolution & Overlap': uneven overlap when the kernel size is not "
                "divisible by the stride; in two dimensions the two axes' overlaps multiply"
            ),
            DUMOULIN_VISIN.at("Sec. 4.5, Figure 4.5: the stretched input of a strided transpose"),
        ),
        implemented_by=("oracle.conv_transpose",),
        notes=(
            "For dilation 1 the count at residue r is floor((k - 1 - r)/s) + 1, which is "
            "floor(k/s) or ceil(k/s).",
            "In 2-D the count is the outer product of the per-axis counts, so k 3, s 2 gives "
            "a 2 x 2 period with counts 4, 2, 2, 1: the checkerboard.",
            "Resize-then-convolve, or a sub-pixel convolution initialised to a uniform "
            "overlap, avoids it (conv_transpose.subpixel).",
        ),
    )
