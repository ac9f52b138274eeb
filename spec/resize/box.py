"""Box resampling: fractional pixel-area weighting, and the parameterisations it is confused with.

Pixel convention: input sample ``j`` covers the unit cell ``[j, j + 1)`` of the axis; with the
coordinate scale ``s`` (``resize.coordinate_scale``), output ``i`` covers the cell
``[i/s, (i + 1)/s)``, whose centre is ``x + 1/2`` for the half_pixel source coordinate ``x``
(``coord.half_pixel``).  Its value is the mean of the piecewise-constant input over that cell:
sample ``j`` weighs ``s`` times the length of ``[j, j + 1) ∩ [i/s, (i + 1)/s)``, for
downsampling and upsampling alike, as OpenCV's INTER_AREA and TensorFlow's area do.  Parts of
a cell beyond the input read the edge sample (edge replicate) or are dropped, the rest
renormalised (exclude_outside).

Two other conventions are compared with it: PyTorch's area mode, adaptive average pooling
(``resize.area``), and Pillow's BOX filter, a box kernel sampled at the input samples
(:func:`sampled_box_weights`).  The sampled box is nearest's own kernel: the box of offsets
at which a nearest mode picks a sample, stretched by ``1 / s`` under antialias when
shrinking (:func:`stretched_box_weights`, ``oracle.resize(mode="sampled_box")``).

Derivations: ``resize.box``, ``resize.box.area``, ``resize.box.sampled``,
``resize.sampled_box``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import TypeVar

import sympy
from sympy import Rational, symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import OPENCV_RESIZE, PILLOW_RESAMPLE, TF_AREA, TORCH_INTERPOLATE
from spec.resize._domains import SCALES, SCALES_TEXT
from spec.resize.area import area_window
from spec.resize.border import replicate_edges
from spec.resize.exclude_outside import exclude_outside
from spec.resize.nearest import round_index

__all__ = [
    "box_cell",
    "box_taps",
    "box_weights",
    "nearest_box_taps",
    "opencv_area_growing",
    "opencv_area_table",
    "opencv_area_weights",
    "sampled_box_weights",
    "stretched_box_weights",
    "tf_area_weights",
]

Num = TypeVar("Num", Fraction, float)

i, j = symbols("i j", integer=True)
s = symbols("s", positive=True)
v0, v1 = symbols("v_0 v_1", real=True)


def box_cell(index: int, scale: Fraction) -> tuple[Fraction, Fraction]:
    """The cell ``[i/s, (i + 1)/s)`` of output ``index`` on the input axis (``resize.box``).

    >>> box_cell(1, Fraction(3, 5))
    (Fraction(5, 3), Fraction(10, 3))
    """
    return index / scale, (index + 1) / scale


def box_taps(index: int, scale: Fraction) -> dict[int, Fraction]:
    """Every integer ``j`` whose cell ``[j, j + 1)`` meets the output cell with positive length,
    and its unclamped weight ``s |[j, j + 1) ∩ [i/s, (i + 1)/s)|`` (``resize.box``).

    >>> box_taps(1, Fraction(3, 5))
    {1: Fraction(1, 5), 2: Fraction(3, 5), 3: Fraction(1, 5)}
    >>> box_taps(1, Fraction(3, 2))
    {0: Fraction(1, 2), 1: Fraction(1, 2)}
    """
    lo, hi = box_cell(index, scale)
    taps = {}
    for tap in range(math.floor(lo), math.ceil(hi)):
        overlap = min(Fraction(tap + 1), hi) - max(Fraction(tap), lo)
        if overlap > 0:
            taps[tap] = scale * overlap
    return taps


def box_weights(index: int, scale: Fraction, n: int, exclude: bool = False) -> dict[int, Fraction]:
    """Input index to weight of output ``index`` of an ``n``-sample axis (``resize.box``).

    Edge replicate adds the weight of every cell beyond an edge to the edge sample;
    ``exclude`` drops them and renormalises, raising ``ValueError`` when no part of the cell
    lies in the input.

    >>> box_weights(0, Fraction(1, 2), 3)
    {0: Fraction(1, 2), 1: Fraction(1, 2)}
    >>> box_weights(1, Fraction(1, 2), 3), box_weights(1, Fraction(1, 2), 3, exclude=True)
    ({2: Fraction(1, 1)}, {2: Fraction(1, 1)})
    """
    taps = box_taps(index, scale)
    return exclude_outside(taps, n) if exclude else replicate_edges(taps, n)


def sampled_box_weights(index: int, scale: Fraction, n: int) -> dict[int, Fraction]:
    """Pillow's BOX filter: the box ``B(t) = 1`` on ``(-1/2, 1/2]`` sampled at the input samples.

    Tap ``j`` in ``[0, n)`` weighs ``B(sigma (j - x))`` with ``sigma = min(s, 1)`` and ``x`` the
    half_pixel coordinate, and the weights are divided by their sum (``resize.box.sampled``).
    The spec's exact model of Pillow's ``box_filter`` through ``precompute_coeffs``.

    >>> sampled_box_weights(0, Fraction(2, 3), 3)
    {0: Fraction(1, 2), 1: Fraction(1, 2)}
    >>> sampled_box_weights(1, Fraction(3, 2), 2)
    {1: Fraction(1, 1)}
    """
    stretch = min(scale, Fraction(1))
    x = (index + Fraction(1, 2)) / scale - Fraction(1, 2)
    half = Fraction(1, 2)
    taps = [tap for tap in range(n) if -half < stretch * (tap - x) <= half]
    return {tap: Fraction(1, len(taps)) for tap in taps}


NEAREST_BOXES: dict[str, tuple[Fraction, Fraction, bool]] = {
    "round_prefer_floor": (Fraction(-1, 2), Fraction(1, 2), True),
    "round_prefer_ceil": (Fraction(-1, 2), Fraction(1, 2), False),
    "floor": (Fraction(-1), Fraction(0), False),
    "ceil": (Fraction(0), Fraction(1), True),
}
"""The box ``D`` of each nearest mode, ``(lo, hi, closed at lo)``: the mode picks sample ``j``
at ``x`` exactly when ``j - x`` lies in ``D`` (``[-1/2, 1/2)``, ``(-1/2, 1/2]``,
``(-1, 0]``, ``[0, 1)``), so ``D`` is the support of nearest's kernel (``resize.sampled_box``)."""


def nearest_box_taps(x: Fraction, stretch: Fraction, nearest_mode: str) -> range:
    """The integers ``j`` with ``stretch (j - x)`` in the box of ``nearest_mode``, unclamped.

    With ``stretch = 1`` it is the one sample ``nearest_mode`` rounds ``x`` to; with
    ``stretch < 1`` the box is ``1 / stretch`` long and holds ``floor(1 / stretch)`` or
    ``ceil(1 / stretch)`` integers (``resize.sampled_box``).

    >>> list(nearest_box_taps(Fraction(1, 2), Fraction(1), "round_prefer_ceil"))
    [1]
    >>> list(nearest_box_taps(Fraction(1, 2), Fraction(1, 2), "round_prefer_ceil"))
    [0, 1]
    >>> list(nearest_box_taps(Fraction(1, 2), Fraction(1, 2), "floor"))
    [-1, 0]
    """
    lo, hi, closed = NEAREST_BOXES[nearest_mode]
    start, end = x + lo / stretch, x + hi / stretch
    if closed:
        return range(math.ceil(start), math.ceil(end))
    return range(math.floor(start) + 1, math.floor(end) + 1)


def stretched_box_weights(
    x: Fraction,
    scale: Fraction,
    n: int,
    nearest_mode: str,
    *,
    antialias: bool = True,
    exclude: bool = False,
) -> dict[int, Fraction]:
    """Input index to weight of the sampled box at the source coordinate ``x``.

    The taps are :func:`nearest_box_taps` with ``stretch = min(scale, 1)`` under
    ``antialias``, else 1, each of weight 1, divided by their number; a tap beyond an edge
    reads the edge sample (edge replicate), or with ``exclude`` is dropped and the rest
    renormalised (``resize.sampled_box``).

    >>> stretched_box_weights(Fraction(1, 2), Fraction(1, 2), 4, "round_prefer_ceil")
    {0: Fraction(1, 2), 1: Fraction(1, 2)}
    >>> stretched_box_weights(Fraction(1, 2), Fraction(1, 2), 4, "floor")
    {0: Fraction(1, 1)}
    >>> stretched_box_weights(Fraction(1, 2), Fraction(1, 2), 4, "floor", exclude=True)
    {0: Fraction(1, 1)}
    >>> stretched_box_weights(Fraction(1, 2), Fraction(1, 2), 4, "floor", antialias=False)
    {0: Fraction(1, 1)}
    """
    stretch = min(scale, Fraction(1)) if antialias else Fraction(1)
    taps = nearest_box_taps(x, stretch, nearest_mode)
    ones = {tap: Fraction(1) for tap in taps}
    if exclude:
        return exclude_outside(ones, n)
    return {tap: w / len(taps) for tap, w in replicate_edges(ones, n).items()}


def _same(value: Num) -> Num:
    return value


def opencv_area_table(
    index: int,
    n: int,
    scale_x: Num,
    *,
    store: Callable[[Num], Num] = _same,
    threshold: float = 0.0,
) -> list[tuple[int, Num]]:
    """OpenCV's computeResizeAreaTab for output ``index``: ``(sample, alpha)`` in its order.

    ``scale_x = in / out >= 1``; ``fsx1 = i scale_x``, ``fsx2 = fsx1 + scale_x``,
    ``cellWidth = min(scale_x, n - fsx1)``: the partial first and last cells (kept when longer
    than ``threshold``, 1e-3 in OpenCV) and the whole cells between, each divided by
    ``cellWidth``.  In the arithmetic of ``scale_x`` (Fraction: exact; float: OpenCV's double)
    with each alpha passed through ``store`` (OpenCV stores it as float) (``resize.box``).

    >>> opencv_area_table(0, 5, Fraction(5, 3))
    [(0, Fraction(3, 5)), (1, Fraction(2, 5))]
    """
    fsx1 = index * scale_x
    fsx2 = fsx1 + scale_x
    width = min(scale_x, n - fsx1)
    sx1, sx2 = math.ceil(fsx1), math.floor(fsx2)
    sx2 = min(sx2, n - 1)
    sx1 = min(sx1, sx2)
    table = []
    if sx1 - fsx1 > threshold:
        table.append((sx1 - 1, store((sx1 - fsx1) / width)))
    table += [(sx, store(1 / width)) for sx in range(sx1, sx2)]
    if fsx2 - sx2 > threshold:
        table.append((sx2, store(min(fsx2 - sx2, 1 + 0 * width, width) / width)))
    return table


def opencv_area_growing(
    index: int, n: int, inverse: Num, *, store: Callable[[Num], Num] = _same
) -> list[tuple[int, Num]]:
    """OpenCV's INTER_AREA on a growing axis: the linear path's area variant (``resize.box``).

    ``inverse = out / in``; ``sx = floor(i / inverse)``, ``fx = (i + 1) - (sx + 1) inverse``,
    0 if not positive, else its fractional part; weights ``1 - fx`` and ``fx`` on ``sx`` and
    ``sx + 1``, with ``sx >= n - 1`` clamped to ``(n - 1, fx = 0)``.  ``store`` rounds ``fx`` and
    ``1 - fx`` (OpenCV holds them as float).

    >>> opencv_area_growing(1, 2, Fraction(3, 2))
    [(0, Fraction(1, 2)), (1, Fraction(1, 2))]
    """
    sx = math.floor(index * (1 / inverse))
    fx = store((index + 1) - (sx + 1) * inverse)
    fx = store(fx - math.floor(fx)) if fx > 0 else 0 * fx
    if sx >= n - 1:
        sx, fx = n - 1, 0 * fx
    return [(sx, store(1 - fx)), (min(sx + 1, n - 1), fx)]


def opencv_area_weights(index: int, n: int, scale_x: Fraction) -> dict[int, Fraction]:
    """OpenCV's INTER_AREA weights of output ``index``, in exact arithmetic (``resize.box``).

    ``scale_x`` is OpenCV's ``in / out``: :func:`opencv_area_table` for ``scale_x >= 1``
    (without its ``1e-3`` thresholds), :func:`opencv_area_growing` for ``scale_x < 1``.

    >>> opencv_area_weights(0, 5, Fraction(5, 3))
    {0: Fraction(3, 5), 1: Fraction(2, 5)}
    >>> opencv_area_weights(1, 2, Fraction(2, 3))
    {0: Fraction(1, 2), 1: Fraction(1, 2)}
    """
    if scale_x < 1:
        pairs = opencv_area_growing(index, n, 1 / scale_x)
    else:
        pairs = opencv_area_table(index, n, scale_x)
    weights: dict[int, Fraction] = {}
    for tap, w in pairs:
        weights[tap] = weights.get(tap, Fraction(0)) + w
    return {tap: w for tap, w in weights.items() if w != 0}


def tf_area_weights(index: int, n: int, out: int) -> dict[int, Fraction]:
    """TensorFlow's ResizeArea weights of output ``index`` (align_corners=False), exactly.

    ``in_x = index (n/out)``, ``in_x1 = (index + 1)(n/out)``; every ``v`` in
    ``floor(in_x) .. ceil(in_x1) - 1`` gets its overlap (``v + 1 - in_x`` where the cell starts
    inside it, ``in_x1 - v`` where it ends inside it, the scale when both, else 1) times
    ``out/n``, read at ``Bound(v)``, the index clamped to the input (``resize.box``).

    >>> tf_area_weights(1, 4, 3)
    {1: Fraction(1, 2), 2: Fraction(1, 2)}
    """
    width_scale = Fraction(n, out)
    in_x, in_x1 = index * width_scale, (index + 1) * width_scale
    weights: dict[int, Fraction] = {}
    for v in range(math.floor(in_x), math.ceil(in_x1)):
        if v < in_x:
            part = width_scale if v + 1 > in_x1 else v + 1 - in_x
        else:
            part = in_x1 - v if v + 1 > in_x1 else Fraction(1)
        tap = min(max(v, 0), n - 1)
        weights[tap] = weights.get(tap, Fraction(0)) + part / width_scale
    return weights


# --------------------------------------------------------------------------------------------
# resize.box
# --------------------------------------------------------------------------------------------

_SIZES = range(1, 13)


def _size_cases() -> Iterator[tuple[int, int, Fraction]]:
    """``(n, out, s)``: ``s = out/n`` for ``n, out <= 12``, and each scale of the shared domain
    (``s = p/q``) with ``n <= 6`` and ``out <= 8``, so that cells may leave the input."""
    for n in _SIZES:
        for out in _SIZES:
            yield n, out, Fraction(out, n)
    for n in range(1, 7):
        for out in range(1, 9):
            for scale in SCALES:
                yield n, out, Fraction(int(scale.p), int(scale.q))


_CASES_TEXT = f"n, out in 1..12 with s = out/n; n in 1..6, out in 1..8 with every s = {SCALES_TEXT}"


def _trapezoid(d: Fraction, scale: Fraction) -> Fraction:
    """``s |[d - 1/(2s), d + 1/(2s)] ∩ [-1/2, 1/2]|``: the unit box convolved with a box of width
    ``1/s``, scaled by ``s``."""
    half, reach = Fraction(1, 2), 1 / (2 * scale)
    return scale * max(Fraction(0), min(half, d + reach) - max(-half, d - reach))


def _sums_and_taps() -> Iterator[object]:
    for n, out, scale in _size_cases():
        for index in range(out):
            taps = box_taps(index, scale)
            lo, hi = box_cell(index, scale)
            if sum(taps.values(), Fraction(0)) != 1:
                yield (n, out, scale, index, "unclamped weights do not sum to 1")
            if len(taps) > math.ceil(1 / scale) + 1 or (scale >= 1 and len(taps) > 2):
                yield (n, out, scale, index, "too many taps", len(taps))
            if sum(replicate_edges(taps, n).values(), Fraction(0)) != 1:
                yield (n, out, scale, index, "edge replicate")
            inside = hi > 0 and lo < n
            if inside and sum(exclude_outside(taps, n).values(), Fraction(0)) != 1:
                yield (n, out, scale, index, "exclude_outside")


def _is_trapezoid_kernel() -> Iterator[object]:
    for _n, out, scale in _size_cases():
        for index in range(out):
            x = (index + Fraction(1, 2)) / scale - Fraction(1, 2)
            taps = box_taps(index, scale)
            reach = math.ceil(1 / (2 * scale)) + 1
            kernel = {
                tap: _trapezoid(x - tap, scale)
                for tap in range(math.floor(x) - reach, math.floor(x) + reach + 2)
            }
            if {tap: w for tap, w in kernel.items() if w != 0} != taps:
                yield (out, scale, index)


def _tiles_the_input() -> Iterator[object]:
    for n in _SIZES:
        for out in _SIZES:
            scale = Fraction(out, n)
            for index in range(out):
                weights = box_weights(index, scale, n)
                if weights != box_weights(index, scale, n, exclude=True) or any(
                    tap < 0 or tap >= n for tap in box_taps(index, scale)
                ):
                    yield (n, out, index)
            if n == out and any(box_weights(k, scale, n) != {k: 1} for k in range(out)):
                yield (n, out, "s = 1 is not the identity")


def _opencv_downsampling() -> Iterator[object]:
    for n, out, scale in _size_cases():
        if scale > 1:
            continue
        for index in range(out):
            lo, _hi = box_cell(index, scale)
            if lo >= n:
                continue
            got = opencv_area_weights(index, n, 1 / scale)
            if got != box_weights(index, scale, n, exclude=True):
                yield (n, out, scale, index, got)


def _opencv_upsampling() -> Iterator[object]:
    for n in _SIZES:
        for out in range(n, 3 * n + 1):
            scale = Fraction(out, n)
            for index in range(out):
                got = opencv_area_weights(index, n, 1 / scale)
                if got != box_weights(index, scale, n):
                    yield (n, out, index, got)


def _tf_area() -> Iterator[object]:
    for n in _SIZES:
        for out in range(1, 3 * n + 1):
            for index in range(out):
                got = {tap: w for tap, w in tf_area_weights(index, n, out).items() if w != 0}
                if got != box_weights(index, Fraction(out, n), n):
                    yield (n, out, index, got)


@derivation("resize.box")
def _box() -> Derivation:
    lo, hi = i / s, (i + 1) / s
    x_half = (i + Rational(1, 2)) / s - Rational(1, 2)
    return Derivation(
        id="resize.box",
        title="Box resampling: the mean over each output cell, by fractional pixel area",
        statement=(
            "Input sample j covers [j, j + 1) and output i covers [i/s, (i + 1)/s), whose centre "
            "is x + 1/2 for the half_pixel coordinate x; output i is the mean of the "
            "piecewise-constant input over its cell, so sample j weighs s |[j, j+1) ∩ "
            "[i/s, (i+1)/s)|, which is s T(x - j) for the trapezoid T, the unit box convolved "
            "with a box of width 1/s, and the weights sum to 1 for downsampling and upsampling "
            "alike. "
            "Where a cell leaves the input, edge replicate gives the part beyond an edge to the "
            "edge sample (TensorFlow's ResizeArea, which clamps with Bound) and exclude_outside "
            "drops it and divides by the length left (OpenCV's computeResizeAreaTab, "
            "cellWidth = min(scale, n - fsx1)); when s = out/n the cells tile [0, n) and the "
            "two agree. "
            "OpenCV INTER_AREA computes these weights when both axes shrink (computeResizeAreaTab) "
            "and, through fx = (i + 1) - (sx + 1)s, when an axis grows, and TensorFlow's area "
            "when shrinking and growing alike."
        ),
        result={
            "cell": sympy.Matrix([[lo, hi]]),
            "w_j": s * (sympy.Min(j + 1, hi) - sympy.Max(j, lo)),
        },
        claims=(
            symbolic(
                "the weights of the unclamped taps sum to s (hi - lo) = 1",
                sympy.Mul(s, sympy.Add(hi, -lo, evaluate=False), evaluate=False),
                1,
            ),
            symbolic(
                "the cells tile: cell i ends where cell i + 1 starts", hi, sympy.Subs(lo, i, i + 1)
            ),
            symbolic(
                "the cell is centred on x + 1/2, x the half_pixel coordinate",
                sympy.Mul(Rational(1, 2), sympy.Add(lo, hi, evaluate=False), evaluate=False),
                sympy.Add(x_half, Rational(1, 2), evaluate=False),
            ),
            symbolic("... and is 1/s long", sympy.Add(hi, -lo, evaluate=False), 1 / s),
            exhaustive(
                "the unclamped weights, edge replicate and exclude_outside (where the cell meets "
                "the input) each sum to 1; at most ceil(1/s) + 1 taps, at most 2 when s >= 1",
                _CASES_TEXT,
                _sums_and_taps,
            ),
            exhaustive(
                "the weight of tap j is s T(x - j), T the trapezoid box_1 * box_(1/s)",
                _CASES_TEXT,
                _is_trapezoid_kernel,
            ),
            exhaustive(
                "with s = out/n the cells tile [0, n): every tap is inside the input, edge "
                "replicate equals exclude_outside, and s = 1 is the identity",
                "n, out in 1..12",
                _tiles_the_input,
            ),
            exhaustive(
                "OpenCV's computeResizeAreaTab, in exact arithmetic without its 1e-3 thresholds, "
                "is box with exclude_outside wherever the cell starts inside the input",
                f"s <= 1 in: {_CASES_TEXT}",
                _opencv_downsampling,
            ),
            exhaustive(
                "OpenCV's area variant of the linear path (upsampling) is box",
                "n in 1..12, out in n..3n, s = out/n",
                _opencv_upsampling,
            ),
            exhaustive(
                "TensorFlow's ResizeArea (align_corners=False) is box with edge replicate, "
                "shrinking and growing",
                "n in 1..12, out in 1..3n",
                _tf_area,
            ),
        ),
        references=(
            OPENCV_RESIZE.at(
                "computeResizeAreaTab (fsx1 = dx scale, cellWidth = min(scale, ssize - fsx1), "
                "partial cells kept above 1e-3); hal::resize: the true area path when "
                "scale_x >= 1 and scale_y >= 1, otherwise the linear path with "
                "sx = floor(dx scale_x), fx = (dx + 1) - (sx + 1) inv_scale_x"
            ),
            TF_AREA.at(
                "ResizeAreaOp::Compute and ComputeLoop: in_x = x width_scale, "
                "in_x1 = (x + 1) width_scale, start_scale and end_minus_one_scale, "
                "Bound() clamping, sum times 1/(height_scale width_scale)"
            ),
        ),
        implemented_by=("oracle.resize_plan",),
        notes=(
            "The trapezoid T(d) = |[d - 1/(2s), d + 1/(2s)] ∩ [-1/2, 1/2]| has a plateau of "
            "height min(1, 1/s) and slopes of width min(1, 1/s): box is a kernel method whose "
            "kernel depends on s, exactly as a box of width 1/s convolved with the "
            "nearest-neighbour reconstruction of the input.",
            "OpenCV uses the true area path only when both axes shrink (or keep their length); "
            "if one axis grows, both go through the linear path's area variant, which on a "
            "shrinking axis reads two samples and is not box. OpenCV also drops partial cells "
            "shorter than 1e-3 of a pixel: with s = out/n a partial cell is a multiple of 1/out "
            "long, so that threshold changes nothing while out < 1000.",
            "OpenCV's dsize = round(in fx) with the scale 1/fx can put the last cell partly "
            "beyond the input, where cellWidth = min(scale, n - fsx1) is exclude_outside.",
        ),
    )


# --------------------------------------------------------------------------------------------
# resize.box.area
# --------------------------------------------------------------------------------------------

_AGREE_SIZES = range(1, 25)


def _area_weights(index: int, n: int, out: int) -> dict[int, Fraction]:
    start, end = area_window(index, n, out)
    return {tap: Fraction(1, end - start) for tap in range(start, end)}


def _agrees_with_area() -> Iterator[object]:
    for n in _AGREE_SIZES:
        for out in _AGREE_SIZES:
            scale = Fraction(out, n)
            same = all(box_weights(k, scale, n) == _area_weights(k, n, out) for k in range(out))
            if same != (n % out == 0 or (2 * out) % n == 0):
                yield (n, out, same)


@derivation("resize.box.area")
def _box_area() -> Derivation:
    three_halves, third = Rational(3, 2), Rational(1, 3)
    box_2_3 = sympy.Add(
        sympy.Mul(three_halves, third, v0, evaluate=False),
        sympy.Mul(three_halves, third, v1, evaluate=False),
        evaluate=False,
    )
    area_mean = sympy.Mul(Rational(1, 2), sympy.Add(v0, v1, evaluate=False), evaluate=False)
    box_3_2 = sympy.Add(
        sympy.Mul(Rational(2, 3), 1, v0, evaluate=False),
        sympy.Mul(Rational(2, 3), Rational(1, 2), v1, evaluate=False),
        evaluate=False,
    )
    return Derivation(
        id="resize.box.area",
        title="Where box resampling equals PyTorch's area mode",
        statement=(
            "Box resampling (resize.box) equals PyTorch's area mode, adaptive average pooling "
            "(resize.area), at every output exactly when out divides in or in divides 2 out: "
            "integer downscales, and upscales by an integer or by half an odd integer. "
            "Adaptive pooling gives every sample whose cell meets the output cell the same "
            "weight, while box weighs a partly covered sample by the part covered; they agree "
            "on a cell that lies within one sample, tiles whole samples, or straddles one "
            "sample boundary at its midpoint. "
            "Otherwise some output differs: 3 -> 2 gives (2/3, 1/3) against (1/2, 1/2)."
        ),
        result={
            "box, 2 -> 3, output 1": box_2_3.doit(),
            "box, 3 -> 2, output 0": box_3_2.doit(),
        },
        claims=(
            exhaustive(
                "box equals area at every output iff out | in or in | 2 out",
                "in, out in 1..24, s = out/in",
                _agrees_with_area,
            ),
            symbolic(
                "2 -> 3, output 1: the cell [2/3, 4/3) straddles 1 at its midpoint, so box "
                "(s times the overlaps 1/3 and 1/3) is the window mean",
                box_2_3,
                area_mean,
            ),
            symbolic(
                "3 -> 2, output 0: the cell [0, 3/2) covers sample 0 and half of sample 1; box "
                "minus the window mean is (v_0 - v_1)/6",
                sympy.Add(box_3_2, -area_mean, evaluate=False),
                (v0 - v1) / 6,
            ),
        ),
        references=(
            TORCH_INTERPOLATE.at(
                "mode='area' calls adaptive_avg_pool1d/2d/3d with the output size"
            ),
            TF_AREA.at(
                "ResizeAreaOp::ComputeLoop: each source pixel weighted by its "
                "contribution percentage"
            ),
        ),
        implemented_by=("oracle.resize_plan",),
        notes=(
            "In reduced form in/out = p/q: when q = 1 (out divides in) both average whole "
            "samples; when p = 1 every cell lies within one sample; when p = 2 and q is odd "
            "every cell either lies within one sample or is centred on a sample boundary. Any "
            "other p puts some cell's boundary strictly inside a sample without symmetry.",
        ),
    )


# --------------------------------------------------------------------------------------------
# resize.box.sampled
# --------------------------------------------------------------------------------------------


def _sampled_agrees() -> Iterator[object]:
    for n in _AGREE_SIZES:
        for out in _AGREE_SIZES:
            scale = Fraction(out, n)
            same = all(
                sampled_box_weights(k, scale, n) == box_weights(k, scale, n) for k in range(out)
            )
            if same != (n % out == 0 or out % n == 0):
                yield (n, out, same)


def _sampled_upsampling_is_nearest() -> Iterator[object]:
    for n in _SIZES:
        for out in range(n, 3 * n + 1):
            scale = Fraction(out, n)
            for index in range(out):
                x = (index + Fraction(1, 2)) / scale - Fraction(1, 2)
                want = min(max(round_index(x, "round_prefer_ceil"), 0), n - 1)
                if sampled_box_weights(index, scale, n) != {want: 1}:
                    yield (n, out, index)


def _sampled_downsampling_counts() -> Iterator[object]:
    for n in _AGREE_SIZES:
        for out in range(1, n + 1):
            scale = Fraction(out, n)
            for index in range(out):
                lo, hi = box_cell(index, scale)
                want = [tap for tap in range(n) if lo < tap + Fraction(1, 2) <= hi]
                got = sampled_box_weights(index, scale, n)
                if sorted(got) != want or len(want) not in (
                    math.floor(1 / scale),
                    math.ceil(1 / scale),
                ):
                    yield (n, out, index, sorted(got), want)


@derivation("resize.box.sampled")
def _sampled() -> Derivation:
    x_half = (i + Rational(1, 2)) / s - Rational(1, 2)
    return Derivation(
        id="resize.box.sampled",
        title="Pillow's BOX filter: a box kernel sampled at the input samples",
        statement=(
            "Pillow's BOX filter is a parameterisation of its own: the box B(t) = 1 on "
            "(-1/2, 1/2] goes through the antialias machinery, w_j proportional to "
            "B(sigma (j - x)) with sigma = min(s, 1) and x the half_pixel coordinate, "
            "renormalised over the input. "
            "As s (j - x) = s (j + 1/2) - i - 1/2, a shrinking output averages with equal "
            "weights the floor(1/s) or ceil(1/s) samples whose centres j + 1/2 lie in "
            "(i/s, (i + 1)/s], and a growing output takes the single sample floor(x + 1/2), "
            "nearest with (half_pixel, round_prefer_ceil). "
            "It equals box resampling (resize.box) at every output exactly when out divides in "
            "or in divides out."
        ),
        result={"s (j - x)": sympy.expand(s * (j - x_half))},
        claims=(
            symbolic(
                "the box's argument s (j - x) at the half_pixel x is s (j + 1/2) - i - 1/2",
                sympy.Mul(s, sympy.Add(j, -x_half, evaluate=False), evaluate=False),
                s * (j + Rational(1, 2)) - i - Rational(1, 2),
            ),
            exhaustive(
                "shrinking: the samples whose centres lie in (i/s, (i + 1)/s], floor(1/s) or "
                "ceil(1/s) of them, with equal weights",
                "n in 1..24, out in 1..n, s = out/n",
                _sampled_downsampling_counts,
            ),
            exhaustive(
                "growing: one sample, nearest with (half_pixel, round_prefer_ceil)",
                "n in 1..12, out in n..3n, s = out/n",
                _sampled_upsampling_is_nearest,
            ),
            exhaustive(
                "sampled box equals box at every output iff out | in or in | out",
                "n, out in 1..24, s = out/n",
                _sampled_agrees,
            ),
        ),
        references=(
            PILLOW_RESAMPLE.at(
                "box_filter (1 for -0.5 < x <= 0.5), BOX support 0.5; precompute_coeffs: "
                "center = (xx + 0.5) scale, ss = 1/max(scale, 1), weight "
                "filter((x + xmin - center + 0.5) ss), window clipped to the image, weights "
                "divided by their sum"
            ),
        ),
        implemented_by=("spec.resize.box.sampled_box_weights",),
        notes=(
            "The oracle computes it as the sampled box (resize.sampled_box): "
            "oracle.resize(mode='sampled_box', coordinate_mode='half_pixel', "
            "nearest_mode='round_prefer_ceil', antialias=True, exclude_outside=True).",
        ),
    )


# --------------------------------------------------------------------------------------------
# resize.sampled_box
# --------------------------------------------------------------------------------------------

_COORDS = tuple(Fraction(k, 12) for k in range(-40, 41))
_NEAREST_SCALES = tuple(sorted({Fraction(1)} | {v for v in SCALES if v < 1}))


def _unstretched_box_is_nearest() -> Iterator[object]:
    for mode in NEAREST_BOXES:
        for x in _COORDS:
            if list(nearest_box_taps(x, Fraction(1), mode)) != [round_index(x, mode)]:
                yield (mode, x)


def _stretched_box_counts() -> Iterator[object]:
    for mode in NEAREST_BOXES:
        for stretch in _NEAREST_SCALES:
            for x in _COORDS:
                count = len(nearest_box_taps(x, stretch, mode))
                if count not in (math.floor(1 / stretch), math.ceil(1 / stretch)):
                    yield (mode, stretch, x, count)


def _half_pixel_windows_partition() -> Iterator[object]:
    for mode in NEAREST_BOXES:
        for n in _AGREE_SIZES:
            for out in range(1, n + 1):
                scale = Fraction(out, n)
                seen: list[int] = []
                for index in range(out):
                    x = (index + Fraction(1, 2)) / scale - Fraction(1, 2)
                    if mode in ("floor", "ceil"):
                        x += Fraction(1, 2) / scale * (1 if mode == "floor" else -1)
                    seen += nearest_box_taps(x, scale, mode)
                if seen != list(range(n)):
                    yield (mode, n, out)


def _pillow_box_is_the_stretched_box() -> Iterator[object]:
    for n in _AGREE_SIZES:
        for out in range(1, 3 * n + 1):
            scale = Fraction(out, n)
            for index in range(out):
                x = (index + Fraction(1, 2)) / scale - Fraction(1, 2)
                want = stretched_box_weights(x, scale, n, "round_prefer_ceil", exclude=True)
                if sampled_box_weights(index, scale, n) != want:
                    yield (n, out, index)


@derivation("resize.sampled_box")
def _sampled_box_mode() -> Derivation:
    x, sigma = symbols("x sigma", real=True)
    x_half = (i + Rational(1, 2)) / s - Rational(1, 2)
    return Derivation(
        id="resize.sampled_box",
        title="The sampled box: nearest's kernel, stretched when shrinking under antialias",
        statement=(
            "Each nearest mode picks sample j at x exactly when j - x lies in its box D, "
            "[-1/2, 1/2) for round_prefer_floor, (-1/2, 1/2] for round_prefer_ceil, (-1, 0] "
            "for floor and [0, 1) for ceil, and mode 'sampled_box' takes D as a kernel: with "
            "sigma = min(s, 1) under antialias (resize.antialias), else 1, the taps are the "
            "integers j with sigma (j - x) in D, weighted equally and divided by their number, "
            "a tap beyond an edge reading the edge sample or, with exclude_outside, dropped "
            "and the rest renormalised. "
            "Unstretched that is the one tap R(x), which with the edge replicated is nearest "
            "(nearest.rounding), and stretched the box holds floor(1/s) or ceil(1/s) taps, "
            "whose half_pixel windows at s = out/in tile the input for round_prefer_floor and "
            "round_prefer_ceil. "
            "Pillow's BOX filter is (sampled_box, half_pixel, round_prefer_ceil, antialias, "
            "exclude_outside) (resize.box.sampled)."
        ),
        result={
            "taps": sympy.Interval.Lopen(x - 1 / (2 * sigma), x + 1 / (2 * sigma)),
        },
        claims=(
            symbolic(
                "round_prefer_ceil at the half_pixel x: the window (x - 1/(2s), x + 1/(2s)] is "
                "(i/s - 1/2, (i + 1)/s - 1/2]",
                sympy.Matrix([x_half - 1 / (2 * s), x_half + 1 / (2 * s)]),
                sympy.Matrix([i / s - Rational(1, 2), (i + 1) / s - Rational(1, 2)]),
            ),
            exhaustive(
                "unstretched, the box holds exactly the sample the nearest mode rounds x to",
                "every nearest mode, x = k/12 for k in -40..40",
                _unstretched_box_is_nearest,
            ),
            exhaustive(
                "stretched by 1/sigma, the box holds floor(1/sigma) or ceil(1/sigma) taps",
                f"every nearest mode, sigma in {{1}} and the scales below 1 of {SCALES_TEXT}, "
                "x = k/12 for k in -40..40",
                _stretched_box_counts,
            ),
            exhaustive(
                "at s = out/n the windows tile [0, n): each sample in one output, in order "
                "(floor and ceil at the cell's end and start)",
                "every nearest mode, n in 1..24, out in 1..n",
                _half_pixel_windows_partition,
            ),
            exhaustive(
                "Pillow's BOX filter (resize.box.sampled) is (half_pixel, round_prefer_ceil, "
                "antialias, exclude_outside)",
                "n in 1..24, out in 1..3n, s = out/n",
                _pillow_box_is_the_stretched_box,
            ),
        ),
        references=(
            PILLOW_RESAMPLE.at(
                "box_filter is 1 on (-0.5, 0.5], support 0.5, stretched by max(in/out, 1) in "
                "precompute_coeffs"
            ),
        ),
        implemented_by=("oracle.resize_plan", "spec.resize.box.stretched_box_weights"),
    )
