"""JAX's ``jax.image`` resize, modelled exactly and compared with the spec.

:func:`jax_weights` is ``compute_weight_mat`` of ``jax/_src/image/scale.py`` in exact
arithmetic (linear, cubic and area kernels); :func:`jax_nearest_index` and
:func:`jax_nearest_float32` are ``_resize_nearest``.  Derivations:
``equiv.jax.resize.nearest``, ``equiv.jax.resize.scale_and_translate``,
``equiv.jax.resize.area_integer_ratio``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Literal

import sympy
from sympy import Rational, symbols

from spec._exact import float32
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import JAX_SCALE
from spec.resize.antialias import antialias_weights
from spec.resize.coordinates import source_coordinate
from spec.resize.cubic import A_KEYS, kernel_value, plain_taps
from spec.resize.equiv._common import nonzero_fractions
from spec.resize.equiv.opencv import AREA_DOMAIN, check_area_model
from spec.resize.exclude_outside import exclude_outside
from spec.resize.linear import linear_tap_weights
from spec.resize.nearest import nearest_index

__all__ = ["jax_nearest_float32", "jax_nearest_index", "jax_weights"]

JaxKernel = Literal["linear", "cubic", "area"]


def jax_nearest_index(index: int, in_len: int, out_len: int) -> int:
    """``jax.image.resize(..., "nearest")`` in exact arithmetic: ``floor((i + 1/2) in/out)``.

    Cites ``equiv.jax.resize.nearest``.

    >>> [jax_nearest_index(i, 4, 2) for i in range(2)]
    [1, 3]
    """
    return math.floor((index + Fraction(1, 2)) * in_len / out_len)


def jax_nearest_float32(index: int, in_len: int, out_len: int) -> int:
    """``_resize_nearest`` as computed: ``((i + 0.5) * m) / n`` in float32, then floor.

    Cites ``equiv.jax.resize.nearest``.

    >>> jax_nearest_float32(3, 2, 7)
    1
    """
    product = float32(float32(index + 0.5) * float32(float(in_len)))
    return math.floor(float32(product / float32(float(out_len))))


def jax_weights(
    index: int,
    in_len: int,
    out_len: int,
    kernel: JaxKernel,
    *,
    antialias: bool,
    scale: Fraction | None = None,
    translation: Fraction = Fraction(0),
) -> dict[int, Fraction]:
    """``compute_weight_mat`` for one output, in exact arithmetic (no edge padding).

    ``sample_f = (i + 1/2)/scale - translation/scale - 1/2``; each input ``j`` of ``[0, in)``
    gets ``K(|sample_f - j| / kernel_scale)`` with ``kernel_scale = max(1/scale, 1)`` under
    antialias, else 1 (``area``: the overlap of ``[L_i, L_i + 1/scale]`` with ``[j, j + 1]``);
    the weights are divided by their sum, and are all 0 when ``sample_f`` leaves
    ``[-1/2, in - 1/2]``.  Cubic is Keys with ``a = -1/2``
    (``equiv.jax.resize.scale_and_translate``, ``equiv.jax.resize.area_integer_ratio``).

    >>> jax_weights(0, 4, 2, "linear", antialias=True)
    {0: Fraction(3, 7), 1: Fraction(3, 7), 2: Fraction(1, 7)}
    """
    s = scale if scale is not None else Fraction(out_len, in_len)
    inv = 1 / s
    sample = (index + Fraction(1, 2)) * inv - translation * inv - Fraction(1, 2)
    if kernel == "area":
        left = index * inv - translation * inv
        raw = {
            j: max(Fraction(0), min(left + inv, Fraction(j + 1)) - max(left, Fraction(j)))
            for j in range(in_len)
        }
    else:
        kernel_scale = max(inv, Fraction(1)) if antialias else Fraction(1)
        raw = {
            j: kernel_value(kernel, abs(sample - j) / kernel_scale, A_KEYS) for j in range(in_len)
        }
    total = sum(raw.values(), Fraction(0))
    weights = {j: w / total for j, w in raw.items()} if total != 0 else dict(raw)
    if kernel != "area" and not -Fraction(1, 2) <= sample <= in_len - Fraction(1, 2):
        weights = {j: Fraction(0) for j in weights}
    return {j: w for j, w in weights.items() if w != 0}


_NEAREST_DOMAIN = "in = 1..12, out = 1..24, every output index"
_DOMAIN = "in = 1..8, out = 1..16 (scale out/in, translation 0), every output index"


def _check_nearest() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 13):
        for out_len in range(1, 25):
            for o in range(out_len):
                position = source_coordinate("half_pixel", o, in_len, out_len)
                if jax_nearest_index(o, in_len, out_len) != nearest_index(
                    position, in_len, "round_prefer_ceil"
                ):
                    bad.append((in_len, out_len, o))
    return bad


def _check_nearest_float32() -> list[object]:
    return [
        (in_len, out_len, o)
        for in_len in range(1, 13)
        for out_len in range(1, 25)
        for o in range(out_len)
        if jax_nearest_float32(o, in_len, out_len) != jax_nearest_index(o, in_len, out_len)
    ]


def _check_scale_and_translate() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 9):
        for out_len in range(1, 17):
            s = Fraction(out_len, in_len)
            for o in range(out_len):
                x = (o + Fraction(1, 2)) / s - Fraction(1, 2)
                for kind in ("linear", "cubic"):
                    with_aa = jax_weights(o, in_len, out_len, kind, antialias=True)
                    spec_aa = antialias_weights(x, s, in_len, kind, A_KEYS, exclude=True)
                    if with_aa != nonzero_fractions(spec_aa):
                        bad.append((kind, "antialias", in_len, out_len, o))
                    plain = jax_weights(o, in_len, out_len, kind, antialias=False)
                    spec_plain = exclude_outside(plain_taps(x, kind, A_KEYS), in_len)
                    if plain != nonzero_fractions(spec_plain):
                        bad.append((kind, "plain", in_len, out_len, o))
                linear = jax_weights(o, in_len, out_len, "linear", antialias=False)
                if linear != nonzero_fractions(linear_tap_weights(x, in_len)):
                    bad.append(("linear clamped", in_len, out_len, o))
    return bad


def _jax_area(index: int, in_len: int, out_len: int) -> dict[int, Fraction]:
    return jax_weights(index, in_len, out_len, "area", antialias=True)


@derivation("equiv.jax.resize.nearest")
def _nearest() -> Derivation:
    i, m, n = symbols("i m n", positive=True)
    with sympy.evaluate(False):
        shifted = sympy.floor(((i + Rational(1, 2)) * m / n - Rational(1, 2)) + Rational(1, 2))
    return Derivation(
        id="equiv.jax.resize.nearest",
        title="jax.image.resize nearest is (half_pixel, round_prefer_ceil)",
        statement=(
            "jax.image.resize with method 'nearest' reads input floor((i + 1/2) in/out), "
            "which is floor(x + 1/2) at the half_pixel x with s = out/in, so "
            "(nearest, half_pixel, round_prefer_ceil); the index never leaves [0, in - 1]. "
            "It takes no antialias: the flag is ignored for nearest. "
            "It computes the product in float32, which on the stated domain gives the same "
            "index as exact arithmetic."
        ),
        result={"index": sympy.floor((i + Rational(1, 2)) * m / n)},
        claims=(
            exhaustive(
                "exact jax nearest equals nearest_index(half_pixel x, round_prefer_ceil)",
                _NEAREST_DOMAIN,
                _check_nearest,
            ),
            exhaustive(
                "the float32 computation gives the exact index",
                _NEAREST_DOMAIN,
                _check_nearest_float32,
            ),
            symbolic(
                "floor((i + 1/2) m/n) is floor(x + 1/2) with x = (i + 1/2) m/n - 1/2",
                sympy.floor((i + Rational(1, 2)) * m / n),
                shifted,
            ),
        ),
        references=(
            JAX_SCALE.at(
                "_resize_nearest: offsets = (arange(n, float32) + 0.5) * m / n, floor, int32; "
                "_resize: NEAREST returns before antialias is read"
            ),
        ),
        implemented_by=(
            "conformance.backends.jax",
            "spec.resize.equiv.jax.jax_nearest_index",
            "spec.resize.equiv.jax.jax_nearest_float32",
        ),
    )


@derivation("equiv.jax.resize.scale_and_translate")
def _scale_and_translate() -> Derivation:
    i, s, t = symbols("i s t", positive=True)
    return Derivation(
        id="equiv.jax.resize.scale_and_translate",
        title="jax scale_and_translate: linear and cubic with exclude_outside",
        statement=(
            "scale_and_translate samples output i at x = (i + 1/2 - t)/s - 1/2, weights each "
            "input in [0, in) by the kernel stretched by max(1/s, 1) under antialias (else "
            "unstretched), divides by the weight sum and returns 0 where x leaves "
            "[-1/2, in - 1/2]. "
            "So 'linear' and 'cubic' (Keys, a = -1/2) are the spec's (mode, antialias, "
            "exclude_outside) resize; without antialias, linear also equals linear with the "
            "clamped border (resize.linear_exclude_outside)."
        ),
        result={"x": (i + Rational(1, 2) - t) / s - Rational(1, 2)},
        claims=(
            exhaustive(
                "jax weights equal antialias_weights(exclude=True) with antialias and "
                "exclude_outside(plain taps) without (linear; cubic a = -1/2); unstretched "
                "linear equals the clamped linear weights",
                _DOMAIN,
                _check_scale_and_translate,
            ),
            symbolic(
                "sample_f = (i + 1/2)/s - t/s - 1/2 is (i + 1/2 - t)/s - 1/2",
                (i + Rational(1, 2)) / s - t / s - Rational(1, 2),
                (i + Rational(1, 2) - t) / s - Rational(1, 2),
            ),
        ),
        references=(
            JAX_SCALE.at(
                "compute_weight_mat: kernel_scale = max(1/scale, 1) if antialias, sample_f = "
                "(i + 0.5)/scale - translation/scale - 0.5, weights normalised, zero outside "
                "[-0.5, input_size - 0.5]; _fill_triangle_kernel, _fill_keys_cubic_kernel"
            ),
        ),
        implemented_by=(
            "conformance.backends.jax",
            "spec.resize.equiv.jax.jax_weights",
        ),
        notes=(
            "'cubic-pytorch' (a = -3/4 with edge padding) is not modelled here; the backend's "
            "docstring states its domain.",
        ),
    )


@derivation("equiv.jax.resize.area_integer_ratio")
def _area() -> Derivation:
    return Derivation(
        id="equiv.jax.resize.area_integer_ratio",
        title="jax area is resize.area at integer ratios",
        statement=(
            "jax's 'area' kernel weights input cell [j, j + 1] by its overlap with "
            "[i in/out, (i + 1) in/out] and normalises, the pixel-area weights of "
            "equiv.opencv.resize.area_integer_ratio. "
            "When downsampling they equal resize.area's mean exactly when out divides in."
        ),
        result={"weight (integer ratio k)": 1 / symbols("k", positive=True)},
        claims=(
            exhaustive(
                "jax area equals the pixel-area weights, and the mean over area_window iff "
                "out divides in",
                AREA_DOMAIN,
                lambda: check_area_model(_jax_area),
            ),
            symbolic(
                "5 -> 3, output 0: weight 3/5 on x_0, against area's 1/2",
                sympy.Rational(jax_weights(0, 5, 3, "area", antialias=True)[0]),
                sympy.Add(Rational(1, 2), Rational(1, 10), evaluate=False),
            ),
        ),
        references=(
            JAX_SCALE.at(
                "compute_weight_mat, _area_kernel: overlap max(0, min(R_i, R_j) - max(L_i, "
                "L_j)) with L_i = i/scale - translation/scale, R_i = L_i + 1/scale"
            ),
        ),
        implemented_by=(
            "conformance.backends.jax",
            "spec.resize.equiv.jax.jax_weights",
        ),
    )
