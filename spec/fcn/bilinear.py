"""The bilinear kernel that initialises the reference FCN nets' transposed convolutions.

The reference nets fill every upsampling layer with ``upsample_filt(k)`` of the
reference repository's ``surgery.py``: ``factor = ceil(k/2)``, a centre of ``factor - 1``
for odd ``k`` and ``factor - 1/2`` for even ``k``, and the weight
``1 - |t - centre|/factor`` at tap ``t``; in 2-D the product of one such weight per axis.
``surgery.interp`` writes it on the diagonal of the ``K x K`` weight (class ``c`` to class
``c``), so each class is upsampled on its own: a transposed convolution with
``groups = K``.

Both centres are ``(k - 1)/2``, the kernel's middle, and the weight is the linear
interpolation weight (``interp.linear.weights``) of samples ``factor`` cells apart: a
tent of half-width ``factor``.

Derivation: ``fcn.bilinear.kernel``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from fractions import Fraction

import sympy
from sympy import Rational, ceiling, symbols

from spec.conv.maps import transpose_matrix
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import FCN_2015, FCN_REFERENCE_NETS
from spec.resize.linear import linear_weights
from spec.resize.linear import x as position
from spec.resize.linear import x1 as left
from spec.resize.linear import x2 as right
from spec.window.length import require_int

__all__ = ["bilinear_factor", "upsample_filt", "upsample_filt_nd"]

_DID = "fcn.bilinear.kernel"

k, m, f = symbols("k m f", integer=True, positive=True)
delta = symbols("delta", nonnegative=True)


def bilinear_factor(kernel_size: int) -> int:
    """``ceil(k/2)``: the half-width of the tent, the upsampling factor the kernel serves.

    Cites ``fcn.bilinear.kernel``.

    >>> bilinear_factor(4), bilinear_factor(5)
    (2, 3)
    """
    return (require_int("kernel_size", kernel_size, 1, _DID) + 1) // 2


def upsample_filt(kernel_size: int) -> tuple[Fraction, ...]:
    """The reference nets' 1-D bilinear kernel, exactly: ``1 - |t - centre|/factor``.

    ``factor = ceil(k/2)``; the centre is ``factor - 1`` for odd ``k`` and
    ``factor - 1/2`` for even ``k``, as in the reference repository's
    ``surgery.upsample_filt``.
    Cites ``fcn.bilinear.kernel``.

    >>> [str(w) for w in upsample_filt(4)], [str(w) for w in upsample_filt(3)]
    (['1/4', '3/4', '3/4', '1/4'], ['1/2', '1', '1/2'])
    """
    factor = bilinear_factor(kernel_size)
    centre = Fraction(factor - 1) if kernel_size % 2 else factor - Fraction(1, 2)
    return tuple(1 - abs(tap - centre) / factor for tap in range(kernel_size))


def upsample_filt_nd(kernel_size: int, ndim: int) -> dict[tuple[int, ...], Fraction]:
    """The ``ndim``-axis kernel: the product of one 1-D weight per axis.

    Cites ``fcn.bilinear.kernel``.

    >>> upsample_filt_nd(4, 2)[(0, 1)]
    Fraction(3, 16)
    """
    line = upsample_filt(kernel_size)
    return {
        taps: functools.reduce(lambda acc, t: acc * line[t], taps, Fraction(1))
        for taps in itertools.product(range(kernel_size), repeat=ndim)
    }


# --- claims -----------------------------------------------------------------------------------


def _check_tent() -> Iterator[object]:
    """The kernel samples the tent 1 - |u|/factor at u = t - (k - 1)/2, all weights in (0, 1]."""
    for size in range(1, 65):
        factor = bilinear_factor(size)
        tent = tuple(1 - abs(tap - Fraction(size - 1, 2)) / factor for tap in range(size))
        kernel = upsample_filt(size)
        if kernel != tent or kernel != kernel[::-1] or not all(0 < w <= 1 for w in kernel):
            yield size


def _check_partition() -> Iterator[object]:
    """With stride f and k = 2f or 2f - 1, every phase's taps sum to 1."""
    for factor in range(1, 33):
        for size in (2 * factor, 2 * factor - 1):
            kernel = upsample_filt(size)
            for phase in range(factor):
                if sum(kernel[phase::factor]) != 1:
                    yield (factor, size, phase)


def _check_reference_kernels() -> Iterator[object]:
    """The nets' kernels, k = 2f for f = 2, 8, 16, 32: w[t] = (2t + 1)/k for t < f."""
    for factor in (2, 8, 16, 32):
        size = 2 * factor
        rising = tuple(Fraction(2 * tap + 1, size) for tap in range(factor))
        if upsample_filt(size) != rising + rising[::-1]:
            yield size


def _check_diagonal_is_grouped() -> Iterator[object]:
    """The K x K weight with the kernel on the diagonal gives the matrix of groups = K."""
    for classes, length, size, stride in itertools.product((1, 2, 3), (1, 2), (3, 4), (2,)):
        kernel = upsample_filt(size)
        full = [
            [[kernel[t] if a == b else 0 for t in range(size)] for b in range(classes)]
            for a in range(classes)
        ]
        grouped = [[list(kernel)] for _ in range(classes)]
        shared = {"in_channels": classes, "out_channels": classes}
        one = transpose_matrix(length, size, stride, weight=full, **shared)
        per_class = transpose_matrix(length, size, stride, groups=classes, weight=grouped, **shared)
        if one != per_class:
            yield (classes, length, size)


@derivation("fcn.bilinear.kernel")
def _kernel() -> Derivation:
    w1, _ = linear_weights()
    factor = ceiling(k / 2)
    tent = 1 - delta / f
    return Derivation(
        id=_DID,
        title="The bilinear kernel of the reference FCN nets (surgery.upsample_filt)",
        statement=(
            "The reference nets initialise each transposed convolution of kernel k with "
            "w[t] = 1 - |t - centre|/factor, factor = ceil(k/2), centre = factor - 1 for odd k "
            "and factor - 1/2 for even k, on the diagonal of the class-to-class weight. Both "
            "centres are (k - 1)/2, and the weight is the linear interpolation weight of "
            "samples factor cells apart at distance |t - (k - 1)/2|: a tent of half-width "
            "factor, whose taps in each phase modulo f sum to 1 for k = 2f and k = 2f - 1."
        ),
        result={
            "w[t]": 1 - sympy.Abs(symbols("t") - (k - 1) / 2) / factor,
            "factor": factor,
        },
        claims=(
            symbolic(
                "the linear interpolation weight of the sample at 0, between samples at 0 and "
                "f, at distance delta is the tent 1 - delta/f",
                sympy.Subs(w1, (position, left, right), (delta, 0, f)),
                tent,
            ),
            symbolic(
                "for even k = 2m the centre factor - 1/2 is (k - 1)/2",
                factor - Rational(1, 2),
                (k - 1) / 2,
                where={k: 2 * m},
            ),
            symbolic(
                "for odd k = 2m + 1 the centre factor - 1 is (k - 1)/2",
                factor - 1,
                (k - 1) / 2,
                where={k: 2 * m + 1},
            ),
            exhaustive(
                "upsample_filt(k) samples the tent 1 - |u|/ceil(k/2) at u = t - (k - 1)/2; it "
                "is symmetric and its weights lie in (0, 1]",
                "k = 1..64",
                _check_tent,
            ),
            exhaustive(
                "with stride f and k = 2f or k = 2f - 1 the taps t = r, r + f, ... sum to 1 for "
                "every phase r: constants are reproduced away from the ends",
                "f = 1..32, both kernel sizes",
                _check_partition,
            ),
            exhaustive(
                "the nets' kernels 4, 16, 32 and 64 (k = 2f) are (1, 3, ..., 2f - 1)/k and back",
                "k = 4, 16, 32, 64",
                _check_reference_kernels,
            ),
            exhaustive(
                "the K x K weight with the kernel on the diagonal and 0 elsewhere gives the "
                "same matrix as groups = K with the kernel for each class",
                "K = 1..3, L = 1..2, k = 3, 4, stride 2",
                _check_diagonal_is_grouped,
            ),
        ),
        references=(
            FCN_REFERENCE_NETS.at("surgery.py: upsample_filt and interp"),
            FCN_2015.at(
                "Sec. 3.3: upsampling by a backwards (transposed) convolution initialised to "
                "bilinear interpolation"
            ),
        ),
        implemented_by=("spec.fcn.upsample_filt", "oracle.fcn_fuse", "oracle.bilinear_kernel"),
        notes=(
            "In 2-D the kernel is the outer product of two 1-D kernels, as upsample_filt "
            "builds it from np.ogrid.",
            "The reference nets use k = 2f: 4 for stride 2, 16 for 8, 32 for 16 and 64 for 32. "
            "fcn.bilinear.identity shows which padding makes that kernel a resize.",
        ),
    )
