"""PyTorch's resize conventions, modelled exactly and compared with the spec.

``torch.nn.functional.interpolate`` is written down from PyTorch's source (cited) as exact
rational models: :func:`torch_linear_taps`, :func:`torch_nearest_index`,
:func:`torch_nearest_exact_index` and :func:`torch_antialias_weights`.  Derivations:
``equiv.torch.align_corners_false``, ``equiv.torch.nearest``, ``equiv.torch.nearest_exact``,
``equiv.torch.antialias``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec._exact import float32, floor, fraction, held_sum, rational, weighted_sum
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import (
    ONNX_RESIZE,
    PILLOW_RESAMPLE,
    TF_NEAREST,
    TORCH_INTERPOLATE,
    TORCH_UPSAMPLE_H,
    TORCH_UPSAMPLE_KERNEL,
)
from spec.resize._domains import size_cases
from spec.resize.antialias import (
    ANTIALIAS_DOMAIN,
    TORCH_AA,
    antialias_cases,
    antialias_weights,
    half_pixel_coordinate,
    support_radius,
)
from spec.resize.border import replicate_edges
from spec.resize.coordinates import derive_half_pixel, n_in, s, source_coordinate
from spec.resize.coordinates import i as i_out
from spec.resize.cubic import A_DEFAULT, A_KEYS, KernelKind, kernel_value, plain_taps
from spec.resize.equiv._common import (
    SCALE_DOMAIN,
    SIZE_DOMAIN,
    nonzero_fractions,
    scale_cases,
    spec_linear,
)
from spec.resize.length import output_length
from spec.resize.nearest import is_tie, nearest_index

__all__ = [
    "torch_antialias_weights",
    "torch_linear_taps",
    "torch_nearest_exact_index",
    "torch_nearest_index",
]

#: Where PyTorch computes nearest and nearest-exact source indices.
TORCH_NEAREST = TORCH_UPSAMPLE_H.at(
    "nearest_neighbor_compute_source_index, nearest_neighbor_exact_compute_source_index, "
    "nearest_idx: nearest is min(floor(dst_index * scale), input_size - 1), documented as "
    "matching OpenCV INTER_NEAREST; nearest-exact is min(floor((dst_index + 0.5) * scale), "
    "input_size - 1); scale = 1/scale_factor or input_size/output_size"
)
TORCH_NEAREST_EXACT_DOC = TORCH_INTERPOLATE.at(
    "mode='nearest-exact' matches Scikit-Image and PIL nearest neighbours and fixes known "
    "issues with mode='nearest' (since PyTorch 1.11)"
)
TORCH_LINEAR_TAPS = TORCH_UPSAMPLE_KERNEL.at(
    "compute_source_index_and_lambda: output_size == input_size copies; taps "
    "index0 = (int64) x and index1 = index0 + (index0 < input_size - 1)"
)


def torch_linear_taps(
    index: int, in_len: int, out_len: int, scale: object = None, *, align_corners: bool
) -> dict[int, sympy.Rational]:
    """PyTorch's CPU linear taps and weights for one output, in exact arithmetic.

    From ``compute_source_index_and_lambda`` and ``area_pixel_compute_source_index``
    (PyTorch 2.x): an axis with ``out == in`` is copied (tap ``i``, weight 1); otherwise
    align_corners=False clamps a negative coordinate to 0, and the taps are
    ``i0 = min(trunc(x), in - 1)`` and ``i0 + 1`` unless ``i0`` is the last index.  Zero
    weights are kept: the tap is read (``resize.nan``, ``equiv.torch.align_corners_false``).

    >>> torch_linear_taps(0, 4, 8, align_corners=False)
    {0: 1, 1: 0}
    >>> torch_linear_taps(1, 4, 4, Rational(11, 10), align_corners=False)
    {1: 1}
    """
    if out_len == in_len:
        return {index: sympy.Integer(1)}
    if align_corners:
        position = source_coordinate("align_corners", index, in_len, out_len)
    else:
        position = sympy.Rational(
            max(source_coordinate("half_pixel", index, in_len, out_len, scale), 0)
        )
    left = min(floor(position), in_len - 1)
    frac = position - left
    if left < in_len - 1:
        return {left: 1 - frac, left + 1: frac}
    return {left: sympy.Integer(1)}


def _ratio(in_len: int, out_len: int, scale: object) -> Fraction:
    """PyTorch's kernel scale: 1/scale_factor when given, else in/out (exact)."""
    return 1 / fraction(scale) if scale is not None else Fraction(in_len, out_len)


def torch_nearest_index(index: int, in_len: int, out_len: int, scale: object = None) -> int:
    """PyTorch mode='nearest' in exact arithmetic: ``min(floor(i * r), in - 1)``.

    ``r = 1/scale_factor`` when a scale factor is passed to the kernel, else ``in/out``
    (``equiv.torch.nearest``).

    >>> [torch_nearest_index(i, 2, 5) for i in range(5)]
    [0, 0, 0, 1, 1]
    """
    return min(math.floor(index * _ratio(in_len, out_len, scale)), in_len - 1)


def torch_nearest_exact_index(index: int, in_len: int, out_len: int, scale: object = None) -> int:
    """PyTorch mode='nearest-exact' in exact arithmetic: ``min(floor((i + 1/2) r), in - 1)``.

    Cites ``equiv.torch.nearest_exact``.

    >>> [torch_nearest_exact_index(i, 4, 2) for i in range(2)]
    [1, 3]
    """
    return min(math.floor((index + Fraction(1, 2)) * _ratio(in_len, out_len, scale)), in_len - 1)


def _torch_float32_nearest(index: int, in_len: int, out_len: int) -> int:
    """PyTorch mode='nearest' on float32 tensors: scale and product rounded to binary32."""
    scale = float32(float32(float(in_len)) / float32(float(out_len)))
    return min(math.floor(float32(float32(float(index)) * scale)), in_len - 1)


def _check_torch_linear_size() -> list[object]:
    bad: list[object] = []
    for align_corners in (False, True):
        mode = "align_corners" if align_corners else "half_pixel"
        for in_len, out_len in size_cases():
            for o in range(out_len):
                torch_w = nonzero_fractions(
                    dict(torch_linear_taps(o, in_len, out_len, align_corners=align_corners))
                )
                if torch_w != spec_linear(mode, o, in_len, out_len):
                    bad.append((align_corners, in_len, out_len, o))
    return bad


def _check_torch_linear_scale() -> list[object]:
    """With scale_factor given: equal except on axes with out == in, s != 1, in > 1."""
    bad: list[object] = []
    for in_len, out_len, scale in scale_cases():
        same = all(
            nonzero_fractions(
                dict(torch_linear_taps(o, in_len, out_len, scale, align_corners=False))
            )
            == spec_linear("half_pixel", o, in_len, out_len, scale)
            for o in range(out_len)
        )
        expected = not (out_len == in_len and scale != 1 and in_len > 1)
        if same != expected:
            bad.append((in_len, scale))
    return bad


def _check_negative_clamp() -> list[object]:
    """Where x < 0 both read exactly sample 0; PyTorch also reads sample 1 with weight 0."""
    bad: list[object] = []
    for in_len, out_len in size_cases():
        if out_len == in_len:
            continue
        for o in range(out_len):
            position = source_coordinate("half_pixel", o, in_len, out_len)
            if position >= 0:
                continue
            torch_taps = torch_linear_taps(o, in_len, out_len, align_corners=False)
            if nonzero_fractions(dict(torch_taps)) != {0: 1} or spec_linear(
                "half_pixel", o, in_len, out_len
            ) != {0: 1}:
                bad.append((in_len, out_len, o))
            if in_len > 1 and set(torch_taps) != {0, 1}:
                bad.append((in_len, out_len, o, "taps"))
    return bad


def _torch_copy_example() -> list[object]:
    """in = 4, scale_factor = 11/10: out = 4; PyTorch copies, half_pixel interpolates."""
    scale = Rational(11, 10)
    out_len = output_length(4, scale_factor=scale)
    torch_row = nonzero_fractions(
        dict(torch_linear_taps(1, 4, out_len, scale, align_corners=False))
    )
    spec_row = spec_linear("half_pixel", 1, 4, out_len, scale)
    facts = (
        out_len == 4,
        torch_row == {1: 1},
        spec_row == {0: Fraction(3, 22), 1: Fraction(19, 22)},
    )
    return [] if all(facts) else [facts, torch_row, spec_row]


def _check_index_model(model: Callable[..., int], mode: str, rounding: str) -> list[object]:
    """A PyTorch nearest model equals nearest_index(mode coordinate, rounding), with size given
    (in = 1..12, out = 1..24) and with a scale factor (``scale_cases``)."""
    bad: list[object] = []
    for in_len in range(1, 13):
        for out_len in range(1, 25):
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                if model(o, in_len, out_len) != nearest_index(position, in_len, rounding):
                    bad.append((in_len, out_len, o))
    for in_len, out_len, scale in scale_cases():
        for o in range(out_len):
            position = source_coordinate(mode, o, in_len, out_len, scale)
            if model(o, in_len, out_len, scale) != nearest_index(position, in_len, rounding):
                bad.append((in_len, scale, o))
    return bad


def _check_torch_nearest_shortcuts() -> list[object]:
    """nearest_idx's shortcuts (out == in: i; out == 2 in: i >> 1) agree when s = out/in."""
    bad: list[object] = []
    for in_len in range(1, 13):
        for o in range(in_len):
            if torch_nearest_index(o, in_len, in_len) != o:
                bad.append((in_len, "same", o))
        for o in range(2 * in_len):
            if torch_nearest_index(o, in_len, 2 * in_len) != o >> 1:
                bad.append((in_len, "double", o))
    return bad


def _float32_nearest_example() -> list[object]:
    """in = 62, out = 14, i = 7: exactly 31, but 30 in binary32 arithmetic."""
    exact = torch_nearest_index(7, 62, 14)
    approx = _torch_float32_nearest(7, 62, 14)
    scale = float32(62.0) / float32(14.0)
    facts = (exact == 31, approx == 30, Fraction(float32(scale)) < Fraction(62, 14))
    return [] if all(facts) else [facts]


def _check_float32_only_at_integers() -> list[object]:
    """In the domain, binary32 and exact nearest disagree only where i in/out is an integer."""
    bad: list[object] = []
    found = 0
    for in_len in range(1, 65):
        for out_len in range(1, 33):
            for o in range(out_len):
                if _torch_float32_nearest(o, in_len, out_len) != torch_nearest_index(
                    o, in_len, out_len
                ):
                    found += 1
                    if (o * in_len) % out_len != 0:
                        bad.append((in_len, out_len, o))
    if not found:
        bad.append("no disagreement in the domain")
    return bad


def _check_nearest_exact_vs_floor_ties() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 13):
        for out_len in range(1, 25):
            for o in range(out_len):
                position = source_coordinate("half_pixel", o, in_len, out_len)
                differ = torch_nearest_exact_index(o, in_len, out_len) != nearest_index(
                    position, in_len, "round_prefer_floor"
                )
                if differ != is_tie(position):
                    bad.append((in_len, out_len, o))
    return bad


def _nearest_exact_example() -> list[object]:
    torch_idx = [torch_nearest_exact_index(o, 4, 2) for o in range(2)]
    onnx_default = [
        nearest_index(source_coordinate("half_pixel", o, 4, 2), 4, "round_prefer_floor")
        for o in range(2)
    ]
    return [] if (torch_idx, onnx_default) == ([1, 3], [0, 2]) else [(torch_idx, onnx_default)]


@derivation("equiv.torch.align_corners_false")
def _torch_align_corners_false() -> Derivation:
    return Derivation(
        id="equiv.torch.align_corners_false",
        title="PyTorch linear with align_corners=False is half_pixel (with one exception)",
        statement=(
            "PyTorch's linear, bilinear and trilinear modes with align_corners=False compute "
            "x = (i + 1/2) r - 1/2 with r = in/out, or 1/scale_factor when a scale factor reaches "
            "the kernel, which is coord.half_pixel, and then clamp a negative x to 0 before "
            "choosing the taps trunc(x), trunc(x) + 1, which changes no value (both read the edge "
            "sample). "
            "So with size given PyTorch agrees with half_pixel on every finite input, out == 1 "
            "included, as align_corners=True agrees with coord.align_corners. "
            "It fails in one place: when a scale factor is passed and floor(in s) == in with "
            "s != 1, PyTorch copies that axis while half_pixel with s interpolates."
        ),
        result={"x": derive_half_pixel()},
        claims=(
            exhaustive(
                "size given: PyTorch's weights equal the spec's for align_corners=False "
                "(half_pixel) and True (align_corners)",
                SIZE_DOMAIN,
                _check_torch_linear_size,
            ),
            exhaustive(
                "the clamp of x < 0 changes no weight: both read exactly sample 0, PyTorch "
                "also reads sample 1 with weight 0",
                SIZE_DOMAIN + ", outputs with x < 0",
                _check_negative_clamp,
            ),
            exhaustive(
                "scale_factor given: equal except exactly where out == in, s != 1 and in > 1",
                SCALE_DOMAIN,
                _check_torch_linear_scale,
            ),
            exhaustive(
                "counterexample: in = 4, scale_factor = 11/10 gives out = 4; PyTorch's output "
                "1 is input 1, half_pixel's is 3/22 x_0 + 19/22 x_1",
                "the single case in = 4, s = 11/10",
                _torch_copy_example,
            ),
        ),
        references=(
            TORCH_UPSAMPLE_H.at(
                "area_pixel_compute_scale and area_pixel_compute_source_index; Note "
                "[area_pixel_compute_scale]: each pixel is an area with centre idx + 0.5"
            ),
            TORCH_LINEAR_TAPS,
            TORCH_INTERPOLATE.at("align_corners, recompute_scale_factor"),
            ONNX_RESIZE.at("coordinate_transformation_mode half_pixel"),
        ),
        implemented_by=("spec.resize.equiv.torch.torch_linear_taps",),
        notes=(
            "For -1/2 <= x < 0 the spec reads floor(x) = -1 and 0, both the edge sample "
            "(resize.border), and PyTorch reads sample 0 with weight 1 and sample 1 with weight 0; "
            "for NaN inputs the tap sets differ (resize.nan). At out == 1 both sample the centre, "
            "not pytorch_half_pixel's 0.",
            "Measured on PyTorch 2.13 CPU (float64): interpolate(size=out, mode='linear') "
            "matched the spec within 1e-12 for in = 1..10, out = 1..20, both align_corners "
            "values; with scale_factor in {0.3, ..., 3.0} and recompute_scale_factor=False "
            "the only mismatches were the out == in copies, e.g. [0, 1, 2, 3] with "
            "scale_factor=1.1 returns [0, 1, 2, 3] where half_pixel gives "
            "[0, 0.8636..., 1.7727..., 2.6818...]. The copy happens per axis in bilinear "
            "and trilinear too.",
            "PyTorch's output length with a scale factor is floor of the float product "
            "(resize.output_length), another deviation.",
        ),
    )


@derivation("equiv.torch.nearest")
def _torch_nearest() -> Derivation:
    return Derivation(
        id="equiv.torch.nearest",
        title="PyTorch mode='nearest' is (asymmetric, floor), in exact arithmetic",
        statement=(
            "PyTorch's mode='nearest' reads input min(floor(i r), in - 1) with r = in/out, or "
            "1/scale_factor when a scale factor reaches the kernel; since i r = i/s is "
            "coord.asymmetric, this is exactly (asymmetric, floor) with index clamping, and its "
            "legacy shortcuts (out == in: i; out == 2 in: i >> 1) agree with it when s = out/in. "
            "PyTorch evaluates the product in floating point, binary32 for float32 tensors, and "
            "there it can only differ where i in/out is an exact integer that the rounded product "
            "misses from below (on the stated domain). For in = 62, out = 14, output 7 reads "
            "input 30 in binary32 where the exact index is 31."
        ),
        result={"index": sympy.Min(sympy.floor(i_out / s), n_in - 1)},
        claims=(
            exhaustive(
                "exact PyTorch nearest equals nearest_index(asymmetric x, floor)",
                "in = 1..12, out = 1..24 (size), and " + SCALE_DOMAIN,
                lambda: _check_index_model(torch_nearest_index, "asymmetric", "floor"),
            ),
            exhaustive(
                "the shortcuts out == in -> i and out == 2 in -> i >> 1 agree with the formula "
                "when s = out/in",
                "in = 1..12",
                _check_torch_nearest_shortcuts,
            ),
            exhaustive(
                "binary32: in = 62, out = 14, i = 7 reads 30; exact arithmetic reads 31",
                "the single case in = 62, out = 14, i = 7",
                _float32_nearest_example,
            ),
            exhaustive(
                "binary32 and exact disagree only where i in/out is an integer (and do "
                "disagree somewhere)",
                "in = 1..64, out = 1..32, every output index",
                _check_float32_only_at_integers,
            ),
        ),
        references=(
            TORCH_NEAREST,
            TORCH_NEAREST_EXACT_DOC,
            ONNX_RESIZE.at("nearest_mode floor; coordinate_transformation_mode asymmetric"),
        ),
        implemented_by=("spec.resize.equiv.torch.torch_nearest_index",),
        notes=(
            "Measured on PyTorch 2.13 CPU: float32 tensors follow the binary32 model exactly "
            "(0 mismatches over 3081 size cases and 3345 scale_factor cases) and read input "
            "30 at (62 -> 14, output 7); float64 tensors read 31 and agreed with exact "
            "arithmetic on every size case with in <= 39, out <= 79. Other binary32 "
            "examples: (26 -> 22, output 11) reads 12 for 13.",
            "With scale_factor=2.4 on length 2 (out = 4 = 2 in), PyTorch 2.13 returns "
            "[0, 0, 0, 1], the exact floor(i/2.4), not the i >> 1 shortcut.",
        ),
    )


@derivation("equiv.torch.nearest_exact")
def _torch_nearest_exact() -> Derivation:
    x_half = derive_half_pixel()
    return Derivation(
        id="equiv.torch.nearest_exact",
        title="PyTorch mode='nearest-exact' is (half_pixel, round_prefer_ceil)",
        statement=(
            "PyTorch's mode='nearest-exact' reads input min(floor((i + 1/2) r), in - 1), r = 1/s; "
            "with the half_pixel coordinate x = (i + 1/2)/s - 1/2 the argument is x + 1/2, and "
            "floor(x + 1/2) is round_prefer_ceil, so nearest-exact is exactly (half_pixel, "
            "round_prefer_ceil). It differs from ONNX's default (half_pixel, round_prefer_floor) "
            "exactly at ties, where x is a half-integer: downsampling 4 -> 2 is all ties, PyTorch "
            "reads inputs [1, 3] and ONNX's default [0, 2]. TensorFlow's nearest with "
            "half_pixel_centers=True uses the same formula (equiv.tf1.legacy_resize)."
        ),
        result={"index": sympy.Min(sympy.floor((i_out + Rational(1, 2)) / s), n_in - 1)},
        claims=(
            symbolic(
                "the half_pixel coordinate plus 1/2 is (i + 1/2)/s, PyTorch's argument",
                x_half + Rational(1, 2),
                (i_out + Rational(1, 2)) / s,
            ),
            exhaustive(
                "exact nearest-exact equals nearest_index(half_pixel x, round_prefer_ceil)",
                "in = 1..12, out = 1..24 (size), and " + SCALE_DOMAIN,
                lambda: _check_index_model(
                    torch_nearest_exact_index, "half_pixel", "round_prefer_ceil"
                ),
            ),
            exhaustive(
                "nearest-exact differs from (half_pixel, round_prefer_floor) exactly at ties",
                "in = 1..12, out = 1..24, s = out/in, every output index",
                _check_nearest_exact_vs_floor_ties,
            ),
            exhaustive(
                "example: 4 -> 2 reads [1, 3] under nearest-exact and [0, 2] under "
                "(half_pixel, round_prefer_floor)",
                "the single case in = 4, out = 2",
                _nearest_exact_example,
            ),
        ),
        references=(
            TORCH_NEAREST,
            TORCH_NEAREST_EXACT_DOC,
            ONNX_RESIZE.at("nearest_mode round_prefer_ceil and round_prefer_floor"),
            TF_NEAREST.at("HalfPixelScalerForNN (i + 0.5) scale, floorf"),
        ),
        implemented_by=("spec.resize.equiv.torch.torch_nearest_exact_index",),
        notes=(
            "Like mode='nearest', PyTorch evaluates the index in floating point: on float32 "
            "tensors 62 -> 7 reads input 30 at output 3, where the exact index is 31 "
            "(measured, PyTorch 2.13 CPU); float64 tensors read 31.",
            "ONNX's reference implementation reads [0, 2] for 4 -> 2 with round_prefer_floor "
            "and [1, 3] with round_prefer_ceil (measured, onnx 1.23.2).",
        ),
    )


def torch_antialias_weights(i: int, n: int, s: Fraction, kind: KernelKind) -> dict[int, Fraction]:
    """PyTorch's antialias window and weights for output ``i``, in exact arithmetic.

    A model of ``_compute_indices_min_size_weights_aa`` (UpSampleKernel.cpp) with
    ``align_corners=False``: ``scale = 1/s``, ``center = scale (i + 1/2)``,
    ``support = r scale`` if ``scale >= 1`` else ``r``, ``invscale = 1/scale`` if ``scale >= 1``
    else 1; taps ``xmin = max(trunc(center - support + 1/2), 0)`` up to
    ``min(trunc(center + support + 1/2), n)`` (exclusive); weight ``filter((j - center + 1/2)
    invscale)``, divided by the sum.  The cubic filter has ``a = -1/2`` (``equiv.torch.antialias``).

    >>> torch_antialias_weights(0, 5, Fraction(2), "cubic")
    {0: Fraction(37, 34), 1: Fraction(-3, 34)}
    """
    scale = 1 / s
    r = support_radius(kind)
    center = scale * (i + Fraction(1, 2))
    support = r * scale if scale >= 1 else Fraction(r)
    invscale = 1 / scale if scale >= 1 else Fraction(1)
    xmin = max(math.trunc(center - support + Fraction(1, 2)), 0)
    xsize = min(math.trunc(center + support + Fraction(1, 2)), n) - xmin
    xsize = min(max(xsize, 0), math.ceil(support) * 2 + 1)
    a_value = A_KEYS
    raw = {
        j: kernel_value(kind, (j - center + Fraction(1, 2)) * invscale, a_value)
        for j in range(xmin, xmin + xsize)
    }
    total = sum(raw.values(), Fraction(0))
    return {j: w / total for j, w in raw.items()} if total != 0 else raw


_SAMPLES = [1, 5, 2, 7, 3]


def _torch_equals_oracle() -> Iterator[object]:
    for kind in ("linear", "cubic"):
        for n, _out, i, scale, x in antialias_cases():
            torch = nonzero_fractions(torch_antialias_weights(i, n, scale, kind))
            oracle = nonzero_fractions(antialias_weights(x, scale, n, kind, A_KEYS, exclude=True))
            if torch != oracle:
                yield (kind, n, scale, i, torch, oracle)


def _torch_linear_upsampling_is_plain() -> Iterator[object]:
    for n, _out, i, scale, x in antialias_cases():
        if scale < 1:
            continue
        torch = nonzero_fractions(torch_antialias_weights(i, n, scale, "linear"))
        plain = nonzero_fractions(replicate_edges(plain_taps(x, "linear"), n))
        if torch != plain:
            yield (n, scale, i, torch, plain)


@derivation("equiv.torch.antialias")
def _torch_antialias() -> Derivation:
    s_up = Fraction(2)
    x0 = half_pixel_coordinate(0, s_up)
    torch_weights = torch_antialias_weights(0, 5, s_up, "cubic")
    torch_val = weighted_sum(torch_weights, _SAMPLES)
    oracle_excl = weighted_sum(
        antialias_weights(x0, s_up, 5, "cubic", A_KEYS, exclude=True), _SAMPLES
    )
    oracle_repl = weighted_sum(
        antialias_weights(x0, s_up, 5, "cubic", A_KEYS, exclude=False), _SAMPLES
    )
    oracle_default = weighted_sum(
        antialias_weights(x0, s_up, 5, "cubic", A_DEFAULT, exclude=True), _SAMPLES
    )
    i_sym, n_sym, out_sym = symbols("i n out", positive=True)
    ratio = (n_sym - 1) / (out_sym - 1)
    torch_ac = ratio * (i_sym + Rational(1, 2)) - Rational(1, 2)
    return Derivation(
        id="equiv.torch.antialias",
        title="PyTorch antialias=True is antialias with exclude_outside and a = -1/2",
        statement=(
            "torch.nn.functional.interpolate(x, mode='bilinear' or 'bicubic', antialias=True, "
            "align_corners=False) on 4-D input equals oracle.resize(mode='linear' or 'cubic', "
            "coordinate_mode='half_pixel', antialias=True, exclude_outside=True, cubic_a=-0.5) at "
            "every scale, upsampling included. PyTorch's aa path clips the window of half-width "
            "r/min(s, 1) to [0, n) and divides the weights filter((j - center + 1/2) min(s, 1)) "
            "by their sum over the clipped window, which is exclude_outside, and its cubic filter "
            "has a = -1/2. The equivalence fails with exclude_outside=False (cubic, at the "
            "borders), with cubic_a = -0.75, and with align_corners=True, where PyTorch's aa "
            "centre is none of the coordinate modes."
        ),
        result={
            "torch aa bicubic, in 5 -> out 10, i = 0, samples (1,5,2,7,3)": rational(torch_val),
            "oracle, exclude_outside, a = -1/2": rational(oracle_excl),
            "oracle, edge replicate, a = -1/2": rational(oracle_repl),
            "oracle, exclude_outside, a = -3/4": rational(oracle_default),
            "torch aa source coordinate, align_corners=True": torch_ac,
        },
        claims=(
            exhaustive(
                "PyTorch's aa window and weights equal antialias with exclude_outside "
                "(a = -1/2 for cubic)",
                f"bilinear, bicubic; {ANTIALIAS_DOMAIN}, down- and upsampling",
                _torch_equals_oracle,
            ),
            exhaustive(
                "for s >= 1 PyTorch's antialiased bilinear equals plain bilinear (edge replicate)",
                f"s >= 1 in {ANTIALIAS_DOMAIN}",
                _torch_linear_upsampling_is_plain,
            ),
            symbolic(
                "bicubic upsampling 5 -> 10, i = 0: PyTorch's aa weights on samples "
                "(1, 5, 2, 7, 3) give the exclude_outside value (result)",
                held_sum(torch_weights, _SAMPLES),
                rational(oracle_excl),
            ),
            exhaustive(
                "... and differs from the edge-replicate value",
                "bicubic 5 -> 10, i = 0, samples (1, 5, 2, 7, 3)",
                lambda: [] if torch_val != oracle_repl else [(torch_val, oracle_repl)],
            ),
            exhaustive(
                "... and from the value with a = -3/4",
                "bicubic 5 -> 10, i = 0, samples (1, 5, 2, 7, 3)",
                lambda: [] if torch_val != oracle_default else [(torch_val, oracle_default)],
            ),
            symbolic(
                "align_corners=True: PyTorch's aa coordinate minus the align_corners map "
                "i (n-1)/(out-1) is ((n-1)/(out-1) - 1)/2, nonzero unless n = out",
                torch_ac - i_sym * ratio,
                (ratio - 1) / 2,
            ),
        ),
        references=(
            TORCH_AA,
            TORCH_INTERPOLATE.at(
                "antialias=True only for bilinear/bicubic on 4-D input; it is forwarded to "
                "_upsample_bilinear2d_aa / _upsample_bicubic2d_aa"
            ),
            PILLOW_RESAMPLE.at("bicubic_filter: #define a -0.5; precompute_coeffs"),
            ONNX_RESIZE.at("attributes antialias, exclude_outside, cubic_coeff_a"),
        ),
        implemented_by=("spec.resize.equiv.torch.torch_antialias_weights",),
        notes=(
            "The clipping applies for s >= 1 too, where antialias otherwise changes nothing: there "
            "PyTorch's antialiased bicubic differs from its plain bicubic at the borders (and "
            "everywhere through a), while antialiased bilinear equals plain bilinear because "
            "exclude_outside equals edge replicate for linear (resize.exclude_outside). With "
            "align_corners=True the aa path keeps center = (i + 1/2)(n-1)/(out-1).",
            "Checked numerically against torch 2.13.0 CPU (float64): bilinear and bicubic, "
            "sizes and scale factors, down- and upsampling, agree with this model to 3e-15.",
            "PyTorch's CUDA aa kernels define the same Pillow-derived bicubic filter with "
            "a = -0.5.",
        ),
    )
