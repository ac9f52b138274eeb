"""TensorFlow's resize conventions, modelled exactly and compared with the spec.

``tf.image.resize_bilinear`` and ``resize_nearest_neighbor`` (TensorFlow 1, and TensorFlow 2's
``tf.image.resize`` with half-pixel centres) are written down from TensorFlow's kernels (cited)
as exact rational models: :func:`tf1_bilinear_weights` and :func:`tf1_nearest_index`.
Derivation: ``equiv.tf1.legacy_resize``.  TF2's ``tf.image.resize`` methods are modelled by
:func:`tf2_resize_weights` (``equiv.tf.resize.methods``).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Literal

from spec.core import Derivation, derivation, exhaustive
from spec.references import (
    TF1_API,
    TF_AREA,
    TF_BICUBIC,
    TF_BILINEAR,
    TF_IMAGE_OPS,
    TF_NEAREST,
    TF_RESIZER_STATE,
    TF_SCALE_AND_TRANSLATE,
)
from spec.resize._domains import size_cases
from spec.resize.antialias import antialias_weights
from spec.resize.coordinates import closed_form, n_in, n_out, s, source_coordinate
from spec.resize.cubic import A_KEYS, plain_taps
from spec.resize.equiv._common import SIZE_DOMAIN, nonzero_fractions, spec_linear
from spec.resize.equiv.jax import jax_weights
from spec.resize.equiv.opencv import AREA_DOMAIN, check_area_model, pixel_area_weights
from spec.resize.exclude_outside import exclude_outside
from spec.resize.nearest import c_round, is_tie, nearest_index

__all__ = [
    "TF_CUBIC_TABLE",
    "tf1_bilinear_weights",
    "tf1_nearest_index",
    "tf2_resize_weights",
    "tf_table_coordinate",
]


def _tf_scale(in_len: int, out_len: int, align_corners: bool) -> Fraction:
    if align_corners and out_len > 1:
        return Fraction(in_len - 1, out_len - 1)
    return Fraction(in_len, out_len)


def tf1_bilinear_weights(
    index: int, in_len: int, out_len: int, *, align_corners: bool, half_pixel_centers: bool
) -> dict[int, Fraction]:
    """TensorFlow resize_bilinear in exact arithmetic: taps floor(x) and ceil(x), clamped.

    ``x = i * scale`` (LegacyScaler) or ``(i + 1/2) scale - 1/2`` (HalfPixelScaler), with
    ``scale = (in - 1)/(out - 1)`` under align_corners (``out > 1``), else ``in/out``;
    ``lower = max(floor(x), 0)``, ``upper = min(ceil(x), in - 1)``, weights
    ``1 - lerp`` and ``lerp = x - floor(x)`` (``equiv.tf1.legacy_resize``).

    >>> tf1_bilinear_weights(1, 2, 4, align_corners=False, half_pixel_centers=False)
    {0: Fraction(1, 2), 1: Fraction(1, 2)}
    """
    scale = _tf_scale(in_len, out_len, align_corners)
    position = (
        (index + Fraction(1, 2)) * scale - Fraction(1, 2) if half_pixel_centers else (index * scale)
    )
    lower = max(math.floor(position), 0)
    upper = min(math.ceil(position), in_len - 1)
    lerp = position - math.floor(position)
    weights: dict[int, Fraction] = {lower: 1 - lerp}
    weights[upper] = weights.get(upper, Fraction(0)) + lerp
    return weights


def tf1_nearest_index(
    index: int, in_len: int, out_len: int, *, align_corners: bool, half_pixel_centers: bool
) -> int:
    """TensorFlow resize_nearest_neighbor in exact arithmetic.

    ``roundf`` of the scaled index under align_corners, else ``floorf``; half_pixel_centers
    scales ``i + 1/2``; the index is capped at ``in - 1`` (and at 0 with half_pixel_centers).
    Cites ``equiv.tf1.legacy_resize``.

    >>> [tf1_nearest_index(i, 3, 5, align_corners=True, half_pixel_centers=False)
    ...  for i in range(5)]
    [0, 1, 1, 2, 2]
    """
    scale = _tf_scale(in_len, out_len, align_corners)
    scaled = (index + Fraction(1, 2)) * scale if half_pixel_centers else index * scale
    picked = c_round(scaled) if align_corners else math.floor(scaled)
    picked = min(picked, in_len - 1)
    return max(picked, 0) if half_pixel_centers else picked


def _check_tf(
    align_corners: bool, half_pixel_centers: bool, mode: str, rounding: str
) -> list[object]:
    """TensorFlow's bilinear weights equal (mode, linear) and its nearest index (mode, rounding);
    under align_corners the index also differs from round_prefer_floor exactly at ties."""
    flags = {"align_corners": align_corners, "half_pixel_centers": half_pixel_centers}
    bad: list[object] = []
    for in_len, out_len in size_cases():
        for o in range(out_len):
            tf_w = nonzero_fractions(tf1_bilinear_weights(o, in_len, out_len, **flags))
            if tf_w != spec_linear(mode, o, in_len, out_len):
                bad.append(("bilinear", in_len, out_len, o))
            position = source_coordinate(mode, o, in_len, out_len)
            tf_idx = tf1_nearest_index(o, in_len, out_len, **flags)
            if tf_idx != nearest_index(position, in_len, rounding):
                bad.append(("nearest", in_len, out_len, o))
            floor_differs = tf_idx != nearest_index(position, in_len, "round_prefer_floor")
            if align_corners and floor_differs != is_tie(position):
                bad.append(("ties", in_len, out_len, o))
    return bad


def _tf1_tie_example() -> list[object]:
    tf_idx = tf1_nearest_index(1, 3, 5, align_corners=True, half_pixel_centers=False)
    floor_pref = nearest_index(source_coordinate("align_corners", 1, 3, 5), 3, "round_prefer_floor")
    return [] if (tf_idx, floor_pref) == (1, 0) else [(tf_idx, floor_pref)]


@derivation("equiv.tf1.legacy_resize")
def _tf1_legacy() -> Derivation:
    return Derivation(
        id="equiv.tf1.legacy_resize",
        title="TensorFlow 1 legacy resize is asymmetric",
        statement=(
            "TensorFlow 1's resize_bilinear and resize_nearest_neighbor with their defaults "
            "(align_corners=False, half_pixel_centers=False) scale the output index, "
            "x = i in/out, which is coord.asymmetric: bilinear reads floor(x) and ceil(x), "
            "clamped, with the weights of (asymmetric, linear), and nearest is "
            "(asymmetric, floor). "
            "With align_corners=True the scale is (in - 1)/(out - 1), coord.align_corners, and "
            "nearest rounds with C's roundf, which for x >= 0 is round_prefer_ceil and differs "
            "from round_prefer_floor at ties (3 -> 5, output 1: x = 1/2 reads 1, not 0). "
            "With half_pixel_centers=True (TF2's tf.image.resize) bilinear is half_pixel and "
            "nearest is (half_pixel, round_prefer_ceil)."
        ),
        result={"x": closed_form("asymmetric").subs(s, n_out / n_in)},
        claims=(
            exhaustive(
                "align_corners=False, half_pixel_centers=False: bilinear equals "
                "(asymmetric, linear) and nearest equals (asymmetric, floor)",
                SIZE_DOMAIN,
                lambda: _check_tf(False, False, "asymmetric", "floor"),
            ),
            exhaustive(
                "align_corners=True: bilinear equals (align_corners, linear); nearest equals "
                "(align_corners, round_prefer_ceil) and differs from round_prefer_floor "
                "exactly at ties",
                SIZE_DOMAIN,
                lambda: _check_tf(True, False, "align_corners", "round_prefer_ceil"),
            ),
            exhaustive(
                "example: 3 -> 5 with align_corners=True, output 1 (x = 1/2) reads 1 in "
                "TensorFlow and 0 under round_prefer_floor",
                "the single case in = 3, out = 5, i = 1",
                _tf1_tie_example,
            ),
            exhaustive(
                "half_pixel_centers=True: bilinear equals (half_pixel, linear) and nearest "
                "equals (half_pixel, round_prefer_ceil)",
                SIZE_DOMAIN,
                lambda: _check_tf(False, True, "half_pixel", "round_prefer_ceil"),
            ),
        ),
        references=(
            TF1_API.at("align_corners=False and half_pixel_centers=False by default"),
            TF_RESIZER_STATE.at(
                "CalculateResizeScale, HalfPixelScaler (x + 0.5) scale - 0.5, LegacyScaler x scale"
            ),
            TF_BILINEAR.at(
                "compute_interpolation_weights: lower = max(floor(in), 0), "
                "upper = min(ceil(in), in_size - 1), lerp = in - floor(in)"
            ),
            TF_NEAREST.at(
                "compute_indices: align_corners: roundf(scaler(i, scale)), else "
                "floorf(scaler(i, scale)), min with in_size - 1; HalfPixelScalerForNN "
                "(i + 0.5) scale"
            ),
        ),
        implemented_by=(
            "spec.resize.equiv.tf.tf1_bilinear_weights",
            "spec.resize.equiv.tf.tf1_nearest_index",
        ),
        notes=(
            "TensorFlow computes the scale (CalculateResizeScale) and the scaled index in "
            "binary32, so exact-integer products can round down as in equiv.torch.nearest.",
            "Because bilinear reads ceil(x) rather than floor(x) + 1, at an integer x "
            "TensorFlow reads a single sample: its NaN pattern differs from resize.nan there.",
        ),
    )


TF_CUBIC_TABLE = 1024
"""kTableSize of TensorFlow's resize_bicubic: its kernel table holds ``K(k / 1024)``."""


def tf_table_coordinate(x: Fraction) -> Fraction:
    """``x`` with its fractional part rounded to a multiple of ``1/1024``, ties to even.

    resize_bicubic reads its weights at ``offset = lrintf(delta * kTableSize)``, so it
    weights the taps of ``floor(x)`` as the exact kernel would at this coordinate
    (``equiv.tf.resize.methods``).

    >>> tf_table_coordinate(Fraction(1, 3))
    Fraction(341, 1024)
    """
    base = math.floor(x)
    return base + Fraction(round((x - base) * TF_CUBIC_TABLE), TF_CUBIC_TABLE)


def tf2_resize_weights(
    index: int, in_len: int, out_len: int, method: str, *, antialias: bool, table: bool = False
) -> dict[int, Fraction]:
    """``tf.image.resize`` (TF2) for one output, in exact arithmetic, from TensorFlow's source.

    ``nearest``: resize_nearest_neighbor with half-pixel centres; ``bilinear``:
    resize_bilinear with half-pixel centres, or with ``antialias`` ScaleAndTranslate's
    triangle kernel (the span weights of :func:`spec.resize.equiv.jax.jax_weights`);
    ``bicubic``: resize_bicubic with half-pixel centres and Keys' ``a = -1/2``, taps outside
    the input weighted 0 and the rest renormalised, or with ``antialias`` ScaleAndTranslate's
    keyscubic kernel; ``area``: resize_area's pixel-area weights
    (``equiv.tf.resize.methods``).  With ``table``, bicubic without antialias reads its
    kernel at :func:`tf_table_coordinate` of ``x``, as TensorFlow's 1024-entry table does.

    >>> tf2_resize_weights(0, 4, 2, "bicubic", antialias=False)
    {0: Fraction(9, 17), 1: Fraction(9, 17), 2: Fraction(-1, 17)}
    """
    flags = {"align_corners": False, "half_pixel_centers": True}
    if method == "nearest":
        return {tf1_nearest_index(index, in_len, out_len, **flags): Fraction(1)}
    if method == "area":
        return pixel_area_weights(index, in_len, out_len)
    kind: Literal["linear", "cubic"] = "linear" if method == "bilinear" else "cubic"
    if antialias:
        return jax_weights(index, in_len, out_len, kind, antialias=True)
    if method == "bilinear":
        return tf1_bilinear_weights(index, in_len, out_len, **flags)
    x = (index + Fraction(1, 2)) * Fraction(in_len, out_len) - Fraction(1, 2)
    taps = plain_taps(tf_table_coordinate(x) if table else x, "cubic", A_KEYS)
    kept = {j: (w if 0 <= j < in_len else Fraction(0)) for j, w in taps.items()}
    total = sum(kept.values(), Fraction(0))
    return {j: w / total for j, w in kept.items() if w != 0}


def _check_tf2() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 9):
        for out_len in range(1, 17):
            s = Fraction(out_len, in_len)
            for o in range(out_len):
                x = source_coordinate("half_pixel", o, in_len, out_len)
                xf = (o + Fraction(1, 2)) / s - Fraction(1, 2)

                expected = {
                    ("nearest", False): {
                        nearest_index(x, in_len, "round_prefer_ceil"): Fraction(1)
                    },
                    ("bilinear", False): spec_linear("half_pixel", o, in_len, out_len),
                    ("bilinear", True): nonzero_fractions(
                        antialias_weights(xf, s, in_len, "linear", exclude=True)
                    ),
                    ("bicubic", False): nonzero_fractions(
                        exclude_outside(plain_taps(xf, "cubic", A_KEYS), in_len)
                    ),
                    ("bicubic", True): nonzero_fractions(
                        antialias_weights(xf, s, in_len, "cubic", A_KEYS, exclude=True)
                    ),
                }
                for (method, aa), want in expected.items():
                    got = tf2_resize_weights(o, in_len, out_len, method, antialias=aa)
                    if nonzero_fractions(got) != want:
                        bad.append((method, aa, in_len, out_len, o))
    return bad


def _check_table() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 9):
        for out_len in range(1, 17):
            for o in range(out_len):
                exact = tf2_resize_weights(o, in_len, out_len, "bicubic", antialias=False)
                read = tf2_resize_weights(
                    o, in_len, out_len, "bicubic", antialias=False, table=True
                )
                zero = Fraction(0)
                gap = max(abs(exact.get(j, zero) - read.get(j, zero)) for j in {*exact, *read})
                if gap >= Fraction(1, 1000):
                    bad.append((in_len, out_len, o, gap))
    return bad


def _tf2_area(index: int, in_len: int, out_len: int) -> dict[int, Fraction]:
    return tf2_resize_weights(index, in_len, out_len, "area", antialias=False)


@derivation("equiv.tf.resize.methods")
def _tf2_methods() -> Derivation:
    return Derivation(
        id="equiv.tf.resize.methods",
        title="tf.image.resize (TF2) methods as spec parameterisations (from the source)",
        statement=(
            "From TensorFlow's source, tf.image.resize with a size is half_pixel at the scale "
            "out/in: 'nearest' is (nearest, round_prefer_ceil), 'bilinear' is linear with the "
            "clamped border, or with antialias linear with antialias and exclude_outside, "
            "'bicubic' is cubic with a = -1/2 and exclude_outside, with or without antialias, "
            "and 'area' weights pixel overlaps (resize.box), which is resize.area exactly when "
            "out divides in. "
            "Without antialias 'bicubic' runs the legacy kernel, which reads its weights from a "
            "table of the kernel at the offsets k/1024, rounding the fractional part of x to a "
            "multiple of 1/1024, which moves each weight by less than 1/1000."
        ),
        result={"x": closed_form("half_pixel").subs(s, n_out / n_in)},
        claims=(
            exhaustive(
                "source models of nearest, bilinear and bicubic (with and without antialias) "
                "equal the stated spec parameterisations",
                "in = 1..8, out = 1..16, every output index",
                _check_tf2,
            ),
            exhaustive(
                "bicubic without antialias read from the 1024-entry table: every weight within "
                "1/1000 of the exact model's (|K'| <= 25/18 for a = -1/2, times the offset's "
                "rounding 1/2048, and the renormalisation)",
                "in = 1..8, out = 1..16, every output index",
                _check_table,
            ),
            exhaustive(
                "source model of area equals the pixel-area weights, and the mean over "
                "area_window iff out divides in",
                AREA_DOMAIN,
                lambda: check_area_model(_tf2_area),
            ),
        ),
        references=(
            TF_IMAGE_OPS.at(
                "resize_images_v2: antialias uses scale_and_translate (triangle, keyscubic); "
                "else resize_bilinear / resize_nearest_neighbor / resize_bicubic with "
                "half_pixel_centers=True, resize_area"
            ),
            TF_NEAREST.at("compute_indices, HalfPixelScalerForNN: floorf((i + 0.5) scale)"),
            TF_BILINEAR.at("compute_interpolation_weights with HalfPixelScaler"),
            TF_BICUBIC.at(
                "GetWeightsAndIndices with use_keys_cubic (a = -0.5): weights of taps outside "
                "the image set to 0 and the rest divided by their sum; offset = "
                "lrintf(delta * kTableSize), kTableSize = 1024"
            ),
            TF_SCALE_AND_TRANSLATE.at(
                "ComputeSpansCore: sample_f = (x + 0.5) inv_scale - inv_translate, "
                "kernel_scale = max(inv_scale, 1) with antialias, span clipped to the input, "
                "weights normalised"
            ),
            TF_AREA.at("ResizeAreaOp: scale_y = overlap of [v, v + 1) with [in_y, in_y1)"),
        ),
        implemented_by=(
            "conformance.backends.tf.tf_method",
            "spec.resize.equiv.tf.tf2_resize_weights",
            "spec.resize.equiv.tf.tf_table_coordinate",
        ),
        notes=(
            "Source-derived; the tf backend (nox -s backends) runs TensorFlow against these "
            "parameterisations and lists the table's rounding as a known deviation. The area "
            "model is the same overlap rule as equiv.opencv.resize.area_integer_ratio.",
        ),
    )
