"""Equivalences between library resize conventions and this spec's parameters.

Each library rule is written down from its documentation or source (cited), evaluated in exact
rational arithmetic, and compared with the spec (``coord.*``, ``nearest.rounding``,
``interp.linear.weights``, ``resize.border``) over a stated finite domain.  Where an
equivalence fails, the claim states exactly where and names the smallest counterexample found.
Linear outputs are compared as weight vectors: equal nonzero weights mean equal outputs for
every finite input.

Derivations: ``equiv.torch.align_corners_false``, ``equiv.torch.nearest``,
``equiv.torch.nearest_exact``, ``equiv.tf1.legacy_resize``, ``equiv.scipy.zoom_grid_mode``.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterator
from fractions import Fraction

import sympy
from sympy import Rational

from spec.core import Derivation, Reference, derivation, exhaustive, symbolic
from spec.resize.coordinates import (
    ONNX_RESIZE,
    TF_RESIZER_STATE,
    TORCH_UPSAMPLE,
    closed_form,
    derive_half_pixel,
    n_in,
    n_out,
    s,
    source_coordinate,
)
from spec.resize.coordinates import i as i_out
from spec.resize.length import (
    SCIPY_ZOOM,
    TORCH_INTERPOLATE,
    TORCH_UPSAMPLE_KERNEL,
    output_length,
    torch_linear_taps,
)
from spec.resize.linear import linear_tap_weights, nonzero_weights
from spec.resize.nearest import is_tie, nearest_index

__all__ = [
    "float32",
    "scipy_zoom_coordinate",
    "scipy_zoom_length",
    "tf1_bilinear_weights",
    "tf1_nearest_index",
    "torch_nearest_exact_index",
    "torch_nearest_index",
]

TORCH_NEAREST = Reference(
    author="PyTorch contributors",
    title="UpSample.h: nearest_neighbor_compute_source_index, "
    "nearest_neighbor_exact_compute_source_index, nearest_idx",
    venue="pytorch/pytorch, aten/src/ATen/native/UpSample.h (nearest-exact since PyTorch 1.11)",
    year=2022,
    locator="nearest: min(floor(dst_index * scale), input_size - 1), documented as matching "
    "OpenCV INTER_NEAREST; nearest-exact: min(floor((dst_index + 0.5) * scale), "
    "input_size - 1); scale = 1/scale_factor or input_size/output_size",
)
TORCH_INTERPOLATE_DOC = Reference(
    author="PyTorch contributors",
    title="torch.nn.functional.interpolate",
    venue="PyTorch documentation",
    year=2022,
    locator="mode='nearest-exact' matches Scikit-Image and PIL nearest neighbours and fixes "
    "known issues with mode='nearest'",
)
TF_NEAREST = Reference(
    author="TensorFlow authors",
    title="resize_nearest_neighbor_op.cc: compute_indices",
    venue="tensorflow/tensorflow, tensorflow/core/kernels/image/resize_nearest_neighbor_op.cc",
    year=2019,
    locator="align_corners: roundf(scaler(i, scale)), else floorf(scaler(i, scale)), "
    "min with in_size - 1; HalfPixelScalerForNN (i + 0.5) scale",
)
TF_BILINEAR = Reference(
    author="TensorFlow authors",
    title="resize_bilinear_op.cc: compute_interpolation_weights",
    venue="tensorflow/tensorflow, tensorflow/core/kernels/image/resize_bilinear_op.cc",
    year=2019,
    locator="lower = max(floor(in), 0), upper = min(ceil(in), in_size - 1), lerp = in - floor(in)",
)
TF1_API = Reference(
    author="TensorFlow authors",
    title="tf.compat.v1.image.resize_bilinear, resize_nearest_neighbor",
    venue="TensorFlow 1.15 API documentation",
    year=2019,
    locator="align_corners=False and half_pixel_centers=False by default",
)
SCIPY_ZOOM_DOC = Reference(
    author="SciPy developers",
    title="scipy.ndimage.zoom, parameter grid_mode",
    venue="SciPy reference guide (grid_mode added in SciPy 1.6.0)",
    year=2020,
    locator="grid_mode=False zooms the distance between pixel centres (a signal of length 5 "
    "has length 4); grid_mode=True the distance including the full pixel extent (length 5)",
)

_f32 = struct.Struct("f")


def float32(value: float) -> float:
    """Round a Python float (binary64) to the nearest binary32 value, ties to even.

    Products and quotients of two binary32 values are exact or correctly rounded in
    binary64, so rounding them once more to binary32 gives the binary32 result.

    >>> float32(0.1) == 0.1, float32(0.5) == 0.5
    (False, True)
    """
    packed: tuple[float] = _f32.unpack(_f32.pack(value))
    return packed[0]


def _frac(value: object) -> Fraction:
    r = sympy.Rational(value)
    return Fraction(int(r.p), int(r.q))


def _ratio(in_len: int, out_len: int, scale: object) -> Fraction:
    """PyTorch's kernel scale: 1/scale_factor when given, else in/out (exact)."""
    return 1 / _frac(scale) if scale is not None else Fraction(in_len, out_len)


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


def _c_round(value: Fraction) -> int:
    magnitude = math.floor(abs(value) + Fraction(1, 2))
    return magnitude if value >= 0 else -magnitude


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
    picked = _c_round(scaled) if align_corners else math.floor(scaled)
    picked = min(picked, in_len - 1)
    return max(picked, 0) if half_pixel_centers else picked


def scipy_zoom_length(in_len: int, zoom: float) -> int:
    """scipy.ndimage.zoom's output length: Python ``round`` of the float product.

    >>> scipy_zoom_length(3, 0.5), scipy_zoom_length(5, 0.5), scipy_zoom_length(3, 1.5)
    (2, 2, 4)
    """
    return round(in_len * zoom)


def scipy_zoom_coordinate(index: int, in_len: int, out_len: int, *, grid_mode: bool) -> Fraction:
    """scipy.ndimage.zoom's source coordinate, in exact arithmetic.

    The ratio is recomputed from the shapes: ``in/out`` with grid_mode (coordinates
    ``(i + 1/2) in/out - 1/2``), else ``(in - 1)/(out - 1)`` (1 when ``out == 1``).
    Cites ``equiv.scipy.zoom_grid_mode``.

    >>> scipy_zoom_coordinate(0, 3, 4, grid_mode=True)
    Fraction(-1, 8)
    >>> scipy_zoom_coordinate(1, 3, 4, grid_mode=False)
    Fraction(2, 3)
    """
    if grid_mode:
        return (index + Fraction(1, 2)) * Fraction(in_len, out_len) - Fraction(1, 2)
    ratio = Fraction(in_len - 1, out_len - 1) if out_len > 1 else Fraction(1)
    return index * ratio


# --- exhaustive domains ---------------------------------------------------------------------

MAX_IN = 8
MAX_OUT = 16
_SCALES = tuple(Rational(p, q) for q in range(1, 5) for p in range(1, 13) if math.gcd(p, q) == 1)


def _size_cases() -> Iterator[tuple[int, int]]:
    for in_len in range(1, MAX_IN + 1):
        for out_len in range(1, MAX_OUT + 1):
            yield in_len, out_len


def _scale_cases() -> Iterator[tuple[int, int, sympy.Rational]]:
    for in_len in range(1, MAX_IN + 1):
        for scale in _SCALES:
            if in_len * scale >= 1:
                yield in_len, output_length(in_len, scale_factor=scale), scale


def _spec_linear(
    mode: str, index: int, in_len: int, out_len: int, scale: object = None
) -> dict[int, Fraction]:
    position = source_coordinate(mode, index, in_len, out_len, scale)
    return {k: _frac(w) for k, w in nonzero_weights(linear_tap_weights(position, in_len)).items()}


def _nonzero(weights: dict[int, object]) -> dict[int, Fraction]:
    return {k: _frac(w) for k, w in sorted(weights.items()) if w != 0}


def _check_torch_linear_size() -> list[object]:
    bad: list[object] = []
    for align_corners in (False, True):
        mode = "align_corners" if align_corners else "half_pixel"
        for in_len, out_len in _size_cases():
            for o in range(out_len):
                torch_w = _nonzero(
                    dict(torch_linear_taps(o, in_len, out_len, align_corners=align_corners))
                )
                if torch_w != _spec_linear(mode, o, in_len, out_len):
                    bad.append((align_corners, in_len, out_len, o))
    return bad


def _check_torch_linear_scale() -> list[object]:
    """With scale_factor given: equal except on axes with out == in, s != 1, in > 1."""
    bad: list[object] = []
    for in_len, out_len, scale in _scale_cases():
        same = all(
            _nonzero(dict(torch_linear_taps(o, in_len, out_len, scale, align_corners=False)))
            == _spec_linear("half_pixel", o, in_len, out_len, scale)
            for o in range(out_len)
        )
        expected = not (out_len == in_len and scale != 1 and in_len > 1)
        if same != expected:
            bad.append((in_len, scale))
    return bad


def _check_negative_clamp() -> list[object]:
    """Where x < 0 both read exactly sample 0; PyTorch also reads sample 1 with weight 0."""
    bad: list[object] = []
    for in_len, out_len in _size_cases():
        if out_len == in_len:
            continue
        for o in range(out_len):
            position = source_coordinate("half_pixel", o, in_len, out_len)
            if position >= 0:
                continue
            torch_taps = torch_linear_taps(o, in_len, out_len, align_corners=False)
            if _nonzero(dict(torch_taps)) != {0: 1} or _spec_linear(
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
    torch_row = _nonzero(dict(torch_linear_taps(1, 4, out_len, scale, align_corners=False)))
    spec_row = _spec_linear("half_pixel", 1, 4, out_len, scale)
    facts = (
        out_len == 4,
        torch_row == {1: 1},
        spec_row == {0: Fraction(3, 22), 1: Fraction(19, 22)},
    )
    return [] if all(facts) else [facts, torch_row, spec_row]


def _check_torch_nearest() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 13):
        for out_len in range(1, 25):
            for o in range(out_len):
                position = source_coordinate("asymmetric", o, in_len, out_len)
                if torch_nearest_index(o, in_len, out_len) != nearest_index(
                    position, in_len, "floor"
                ):
                    bad.append((in_len, out_len, o))
    for in_len, out_len, scale in _scale_cases():
        for o in range(out_len):
            position = source_coordinate("asymmetric", o, in_len, out_len, scale)
            if torch_nearest_index(o, in_len, out_len, scale) != nearest_index(
                position, in_len, "floor"
            ):
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


def _check_nearest_exact() -> list[object]:
    bad: list[object] = []
    for in_len in range(1, 13):
        for out_len in range(1, 25):
            for o in range(out_len):
                position = source_coordinate("half_pixel", o, in_len, out_len)
                if torch_nearest_exact_index(o, in_len, out_len) != nearest_index(
                    position, in_len, "round_prefer_ceil"
                ):
                    bad.append((in_len, out_len, o))
    for in_len, out_len, scale in _scale_cases():
        for o in range(out_len):
            position = source_coordinate("half_pixel", o, in_len, out_len, scale)
            if torch_nearest_exact_index(o, in_len, out_len, scale) != nearest_index(
                position, in_len, "round_prefer_ceil"
            ):
                bad.append((in_len, scale, o))
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


def _check_tf1_legacy() -> list[object]:
    bad: list[object] = []
    for in_len, out_len in _size_cases():
        for o in range(out_len):
            tf_w = _nonzero(
                dict(
                    tf1_bilinear_weights(
                        o, in_len, out_len, align_corners=False, half_pixel_centers=False
                    )
                )
            )
            if tf_w != _spec_linear("asymmetric", o, in_len, out_len):
                bad.append(("bilinear", in_len, out_len, o))
            position = source_coordinate("asymmetric", o, in_len, out_len)
            if tf1_nearest_index(
                o, in_len, out_len, align_corners=False, half_pixel_centers=False
            ) != nearest_index(position, in_len, "floor"):
                bad.append(("nearest", in_len, out_len, o))
    return bad


def _check_tf1_align_corners() -> list[object]:
    bad: list[object] = []
    for in_len, out_len in _size_cases():
        for o in range(out_len):
            tf_w = _nonzero(
                dict(
                    tf1_bilinear_weights(
                        o, in_len, out_len, align_corners=True, half_pixel_centers=False
                    )
                )
            )
            if tf_w != _spec_linear("align_corners", o, in_len, out_len):
                bad.append(("bilinear", in_len, out_len, o))
            position = source_coordinate("align_corners", o, in_len, out_len)
            tf_idx = tf1_nearest_index(
                o, in_len, out_len, align_corners=True, half_pixel_centers=False
            )
            if tf_idx != nearest_index(position, in_len, "round_prefer_ceil"):
                bad.append(("nearest", in_len, out_len, o))
            if (tf_idx != nearest_index(position, in_len, "round_prefer_floor")) != is_tie(
                position
            ):
                bad.append(("ties", in_len, out_len, o))
    return bad


def _tf1_tie_example() -> list[object]:
    tf_idx = tf1_nearest_index(1, 3, 5, align_corners=True, half_pixel_centers=False)
    floor_pref = nearest_index(source_coordinate("align_corners", 1, 3, 5), 3, "round_prefer_floor")
    return [] if (tf_idx, floor_pref) == (1, 0) else [(tf_idx, floor_pref)]


def _check_tf2_half_pixel() -> list[object]:
    bad: list[object] = []
    for in_len, out_len in _size_cases():
        for o in range(out_len):
            tf_w = _nonzero(
                dict(
                    tf1_bilinear_weights(
                        o, in_len, out_len, align_corners=False, half_pixel_centers=True
                    )
                )
            )
            if tf_w != _spec_linear("half_pixel", o, in_len, out_len):
                bad.append(("bilinear", in_len, out_len, o))
            position = source_coordinate("half_pixel", o, in_len, out_len)
            if tf1_nearest_index(
                o, in_len, out_len, align_corners=False, half_pixel_centers=True
            ) != nearest_index(position, in_len, "round_prefer_ceil"):
                bad.append(("nearest", in_len, out_len, o))
    return bad


_ZOOMS = (0.25, 0.5, 0.6, 0.75, 1.0, 1.25, 1.5, 1.7, 2.0, 2.5, 3.0, 1 / 3, 2 / 3)


def _zoom_cases() -> Iterator[tuple[int, float, int]]:
    for in_len in range(1, 13):
        for zoom in _ZOOMS:
            out_len = scipy_zoom_length(in_len, zoom)
            if out_len >= 1:
                yield in_len, zoom, out_len


def _check_scipy_grid_mode() -> list[object]:
    bad: list[object] = []
    for in_len, zoom, out_len in _zoom_cases():
        for o in range(out_len):
            if scipy_zoom_coordinate(o, in_len, out_len, grid_mode=True) != _frac(
                source_coordinate("half_pixel", o, in_len, out_len)
            ):
                bad.append(("grid", in_len, zoom, o))
            if scipy_zoom_coordinate(o, in_len, out_len, grid_mode=False) != _frac(
                source_coordinate("align_corners", o, in_len, out_len)
            ):
                bad.append(("no grid", in_len, zoom, o))
    return bad


def _check_scipy_scale_is_recomputed() -> list[object]:
    """grid_mode=True differs from half_pixel with s = zoom iff out != in * zoom (exactly)."""
    bad: list[object] = []
    for in_len, zoom, out_len in _zoom_cases():
        same = all(
            scipy_zoom_coordinate(o, in_len, out_len, grid_mode=True)
            == _frac(source_coordinate("half_pixel", o, in_len, out_len, zoom))
            for o in range(out_len)
        )
        if same != (Fraction(out_len) == in_len * Fraction(zoom)):
            bad.append((in_len, zoom))
    return bad


def _scipy_length_example() -> list[object]:
    facts = (
        scipy_zoom_length(3, 0.5) == 2,
        output_length(3, scale_factor=0.5) == 1,
        scipy_zoom_length(5, 0.5) == 2,
        scipy_zoom_length(3, 1.5) == 4,
        scipy_zoom_coordinate(0, 3, 4, grid_mode=True) == Fraction(-1, 8),
        _frac(source_coordinate("half_pixel", 0, 3, 4, Rational(3, 2))) == Fraction(-1, 6),
    )
    return [] if all(facts) else [facts]


# --- derivations ----------------------------------------------------------------------------

_SIZE_DOMAIN = f"in = 1..{MAX_IN}, out = 1..{MAX_OUT}, every output index"
_SCALE_DOMAIN = f"in = 1..{MAX_IN}, scale_factor = p/q (q <= 4, p <= 12), out = floor(in s) >= 1"


@derivation("equiv.torch.align_corners_false")
def _torch_align_corners_false() -> Derivation:
    return Derivation(
        id="equiv.torch.align_corners_false",
        title="PyTorch linear with align_corners=False is half_pixel (with one exception)",
        statement=(
            "PyTorch's linear, bilinear and trilinear modes with align_corners=False compute "
            "x = (i + 1/2) r - 1/2 with r = in/out, or r = 1/scale_factor when a scale "
            "factor reaches the kernel; that is coord.half_pixel with s = out/in or "
            "s = scale_factor. PyTorch then clamps a negative x to 0 before choosing the "
            "taps trunc(x) and trunc(x) + 1 (capped at in - 1). The clamp changes no value: "
            "for -1/2 <= x < 0 the spec reads floor(x) = -1 and 0, both the edge sample "
            "(resize.border), and PyTorch reads sample 0 with weight 1 and sample 1 with "
            "weight 0. So with size given the two agree on every finite input, including "
            "out == 1 (both sample the centre, not pytorch_half_pixel's 0), and so does "
            "align_corners=True with coord.align_corners. The equivalence fails in one "
            "place: when a scale factor is passed (recompute_scale_factor not True) and "
            "floor(in s) == in with s != 1, PyTorch copies that axis (output i is input i) "
            "while half_pixel with s interpolates. For NaN inputs the tap sets also differ "
            "(resize.nan)."
        ),
        result={"x": derive_half_pixel()},
        claims=(
            exhaustive(
                "size given: PyTorch's weights equal the spec's for align_corners=False "
                "(half_pixel) and True (align_corners)",
                _SIZE_DOMAIN,
                _check_torch_linear_size,
            ),
            exhaustive(
                "the clamp of x < 0 changes no weight: both read exactly sample 0, PyTorch "
                "also reads sample 1 with weight 0",
                _SIZE_DOMAIN + ", outputs with x < 0",
                _check_negative_clamp,
            ),
            exhaustive(
                "scale_factor given: equal except exactly where out == in, s != 1 and in > 1",
                _SCALE_DOMAIN,
                _check_torch_linear_scale,
            ),
            exhaustive(
                "counterexample: in = 4, scale_factor = 11/10 gives out = 4; PyTorch's output "
                "1 is input 1, half_pixel's is 3/22 x_0 + 19/22 x_1",
                "the single case in = 4, s = 11/10",
                _torch_copy_example,
            ),
        ),
        references=(TORCH_UPSAMPLE, TORCH_UPSAMPLE_KERNEL, TORCH_INTERPOLATE, ONNX_RESIZE),
        implemented_by=("oracle.resize",),
        notes=(
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
            "1/scale_factor when a scale factor reaches the kernel. Since i r = i/s is "
            "coord.asymmetric and floor is a nearest.rounding mode, this is exactly "
            "(asymmetric, floor) with index clamping, in rational arithmetic; its legacy "
            "shortcuts (out == in: i; out == 2 in: i >> 1) agree with it when s = out/in. "
            "PyTorch evaluates the product in floating point, binary32 for float32 tensors. "
            "There it can only differ where i in/out is an exact integer that the rounded "
            "product misses from below (on the stated domain): for in = 62, out = 14, output "
            "7 reads input 30 in binary32 where the exact index is 31."
        ),
        result={"index": sympy.Min(sympy.floor(i_out / s), n_in - 1)},
        claims=(
            exhaustive(
                "exact PyTorch nearest equals nearest_index(asymmetric x, floor)",
                "in = 1..12, out = 1..24 (size), and " + _SCALE_DOMAIN,
                _check_torch_nearest,
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
        references=(TORCH_NEAREST, TORCH_INTERPOLATE_DOC, ONNX_RESIZE),
        implemented_by=("oracle.resize", "oracle.kernels.nearest_index"),
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
            "PyTorch's mode='nearest-exact' reads input min(floor((i + 1/2) r), in - 1), "
            "r = 1/s. With the half_pixel coordinate x = (i + 1/2)/s - 1/2 the argument is "
            "x + 1/2, and floor(x + 1/2) is round_prefer_ceil (nearest.rounding). So "
            "nearest-exact is exactly (half_pixel, round_prefer_ceil). It differs from "
            "ONNX's default (half_pixel, round_prefer_floor) exactly at ties, where x is a "
            "half-integer: with size given, where (2i + 1) in/(2 out) is an integer. "
            "Downsampling 4 -> 2 is all ties: PyTorch reads inputs [1, 3], ONNX's default "
            "reads [0, 2]. TensorFlow's nearest with half_pixel_centers=True uses the same "
            "formula (equiv.tf1.legacy_resize)."
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
                "in = 1..12, out = 1..24 (size), and " + _SCALE_DOMAIN,
                _check_nearest_exact,
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
        references=(TORCH_NEAREST, TORCH_INTERPOLATE_DOC, ONNX_RESIZE, TF_NEAREST),
        implemented_by=("oracle.resize", "oracle.kernels.nearest_index"),
        notes=(
            "Like mode='nearest', PyTorch evaluates the index in floating point: on float32 "
            "tensors 62 -> 7 reads input 30 at output 3, where the exact index is 31 "
            "(measured, PyTorch 2.13 CPU); float64 tensors read 31.",
            "ONNX's reference implementation reads [0, 2] for 4 -> 2 with round_prefer_floor "
            "and [1, 3] with round_prefer_ceil (measured, onnx 1.23.2).",
        ),
    )


@derivation("equiv.tf1.legacy_resize")
def _tf1_legacy() -> Derivation:
    return Derivation(
        id="equiv.tf1.legacy_resize",
        title="TensorFlow 1 legacy resize is asymmetric",
        statement=(
            "TensorFlow 1's tf.image.resize_bilinear and resize_nearest_neighbor with "
            "align_corners=False and half_pixel_centers=False (the TF1 defaults) scale the "
            "output index, x = i in/out (LegacyScaler), which is coord.asymmetric. Bilinear "
            "reads floor(x) and ceil(x), clamped, with lerp = x - floor(x): the same weights "
            "as (asymmetric, linear) with edge replicate. Nearest reads floor(x), capped at "
            "in - 1: (asymmetric, floor). With align_corners=True the scale is "
            "(in - 1)/(out - 1), which is coord.align_corners; bilinear matches "
            "(align_corners, linear) and nearest rounds with C's roundf, halfway away from "
            "zero, which for x >= 0 is round_prefer_ceil: it differs from round_prefer_floor "
            "at ties (3 -> 5, output 1: x = 1/2 reads 1, not 0). With half_pixel_centers=True "
            "(TF2's tf.image.resize) bilinear is half_pixel and nearest is "
            "(half_pixel, round_prefer_ceil)."
        ),
        result={"x": closed_form("asymmetric").subs(s, n_out / n_in)},
        claims=(
            exhaustive(
                "align_corners=False, half_pixel_centers=False: bilinear equals "
                "(asymmetric, linear) and nearest equals (asymmetric, floor)",
                _SIZE_DOMAIN,
                _check_tf1_legacy,
            ),
            exhaustive(
                "align_corners=True: bilinear equals (align_corners, linear); nearest equals "
                "(align_corners, round_prefer_ceil) and differs from round_prefer_floor "
                "exactly at ties",
                _SIZE_DOMAIN,
                _check_tf1_align_corners,
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
                _SIZE_DOMAIN,
                _check_tf2_half_pixel,
            ),
        ),
        references=(TF1_API, TF_RESIZER_STATE, TF_BILINEAR, TF_NEAREST),
        implemented_by=("oracle.resize",),
        notes=(
            "TensorFlow computes the scale (CalculateResizeScale) and the scaled index in "
            "binary32, so exact-integer products can round down as in equiv.torch.nearest.",
            "Because bilinear reads ceil(x) rather than floor(x) + 1, at an integer x "
            "TensorFlow reads a single sample: its NaN pattern differs from resize.nan there.",
        ),
    )


@derivation("equiv.scipy.zoom_grid_mode")
def _scipy_zoom() -> Derivation:
    return Derivation(
        id="equiv.scipy.zoom_grid_mode",
        title="scipy.ndimage.zoom: grid_mode=True is half_pixel, grid_mode=False is align_corners",
        statement=(
            "scipy.ndimage.zoom sets the output length to round(in * zoom) (Python's round of "
            "the float product, ties to even) and recomputes the zoom ratio from the shapes. "
            "With grid_mode=True a signal of length in spans in pixel widths and the ratio is "
            "in/out, so x = (i + 1/2) in/out - 1/2: coord.half_pixel with s = out/in. With "
            "grid_mode=False (the default) it spans in - 1 pixel spacings and the ratio is "
            "(in - 1)/(out - 1) (1 when out == 1): coord.align_corners. The scale is always "
            "out/in, never zoom itself: when in * zoom is not an integer the coordinates "
            "differ from half_pixel with s = zoom (3 -> round(4.5) = 4 with zoom 1.5: x(0) = "
            "-1/8, not -1/6). To reproduce zoom(x, zoom, order=1, mode='nearest', "
            "grid_mode=True) call the spec with size = round(in * zoom), linear, half_pixel."
        ),
        result={"x (grid_mode=True)": derive_half_pixel().subs(s, n_out / n_in)},
        claims=(
            exhaustive(
                "grid_mode=True coordinates equal half_pixel with s = out/in; grid_mode=False "
                "coordinates equal align_corners",
                "in = 1..12, zoom in {0.25, 0.5, 0.6, 0.75, 1, 1.25, 1.5, 1.7, 2, 2.5, 3, "
                "1/3, 2/3} (floats), out = round(in zoom) >= 1",
                _check_scipy_grid_mode,
            ),
            exhaustive(
                "grid_mode=True equals half_pixel with s = zoom exactly when out = in zoom",
                "in = 1..12, the same zooms",
                _check_scipy_scale_is_recomputed,
            ),
            exhaustive(
                "examples: length 3 with zoom 0.5 gives 2 (round) where floor gives 1; "
                "length 5 with zoom 0.5 gives 2 (ties to even); 3 with zoom 1.5 gives 4 and "
                "x(0) = -1/8, against -1/6 with s = 3/2",
                "the listed cases",
                _scipy_length_example,
            ),
        ),
        references=(SCIPY_ZOOM_DOC, SCIPY_ZOOM),
        implemented_by=("oracle.resize",),
        notes=(
            "Measured with scipy 1.17.1: zoom(x, z, order=1, mode='nearest', grid_mode=True) "
            "equals the spec's linear half_pixel resize with size = round(in z) (1e-12) for "
            "in = 1..11 and z in {0.25, 1/3, 0.5, 0.7, 1.3, 1.5, 2, 2.5, 3}; grid_mode=False "
            "equals align_corners on the same cases. The equivalence needs order=1 (the "
            "default order=3 is a cubic B-spline, not the Keys kernel of interp.cubic.kernel) "
            "and mode='nearest' (edge replicate; the default 'constant' pads with cval).",
            "zoom returns the input unchanged when every zoom is 1 and prefilter is set.",
        ),
    )
