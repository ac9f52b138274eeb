"""The resize oracle: nearest, linear, cubic, Lanczos, area and box resampling.

Arrays are ``(N, C, *spatial)``.

A resize is separable (resize.separable): it resamples one spatial axis at a
time, and every axis is described by an :class:`AxisPlan`, a fixed number of
entries per output position, each an input index and a float64 weight.  The
taps of an output that read the same sample are one entry, so a plan's size
is bounded by its input and output lengths, whatever the scale.

* :func:`resize_plan` makes every index decision in exact rational arithmetic:
  output lengths (resize.output_length), the coordinate scale
  (resize.coordinate_scale), the source coordinate of each output position
  (coord.*), nearest rounding and its ties (nearest.rounding), tap windows,
  edge clamping (resize.border), area windows (resize.area), box cells
  (resize.box) and the outside test of tf_crop_and_resize
  (coord.tf_crop_and_resize).
* :func:`axis_weights` turns the source coordinates of one axis into taps and
  weights with a kernel from :mod:`oracle.kernels` (interp.linear.weights,
  interp.cubic.kernel, interp.lanczos.kernel, interp.lanczos.weights,
  resize.exclude_outside, resize.antialias), summing the taps beyond an edge
  in closed form, or for Lanczos in float64 (resize.border).
* :func:`apply_plan` applies the plans axis by axis in float64 (resize.separable):
  an axis's weights form a banded matrix, applied as matrix products over
  blocks of outputs, or by indexing where it only selects samples (nearest);
  non-finite samples are resampled tap by tap (resize.nan).
* :func:`resize` validates, plans and applies.

Pixel convention: sample ``k`` of an axis sits at coordinate ``k``; a source
coordinate ``x`` is a position in those units, so ``x = 2.5`` lies halfway
between samples 2 and 3.  The coordinate modes differ only in how an output
index is mapped to ``x``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
from numpy.typing import NDArray

from oracle import kernels
from oracle._args import (
    Int,
    Real,
    exact,
    invalid,
    is_int,
    is_real,
    per_axis,
    require_bool,
    require_choice,
    require_finite,
)
from oracle._arrays import describe
from oracle._types import (
    COORDINATE_MODES,
    MODES,
    NEAREST_MODES,
    CoordinateMode,
    NearestMode,
    ResizeMode,
)

__all__ = [
    "AxisPlan",
    "apply_plan",
    "axis_weights",
    "resize",
    "resize_plan",
]

_KERNEL_MODES: tuple[kernels.KernelMode, ...] = ("linear", "cubic", "lanczos")


@dataclass(frozen=True, eq=False)
class AxisPlan:
    """How one spatial axis of a resize is resampled.

    Output position ``i`` of the axis is ``sum_t weights[i, t] * input[indices[i, t]]``
    (resize.separable), then replaced by the extrapolation value where
    ``outside[i]`` (coord.tf_crop_and_resize).

    * ``source``: the exact source coordinate of every output position
      (coord.*), or ``None`` for ``"area"``, which has windows, not coordinates.
      For ``"box"`` it is the half_pixel coordinate, whose output cell
      ``[i/s, (i + 1)/s)`` is centred on ``source + 1/2`` (resize.box).
    * ``indices``: ``(out_length, taps)`` input indices, every one in
      ``[0, in_length)``.  For ``"linear"``, ``"cubic"``, ``"lanczos"`` and
      ``"box"`` a row reads a run of consecutive samples, each once: the taps
      beyond an edge read the edge sample (resize.border) and their weights
      are added to its entry.
      A row with fewer entries than ``taps`` is padded with weight 0 at an
      index from its own window.
    * ``weights``: ``(out_length, taps)`` float64 weights.
    * ``outside``: ``(out_length,)``, True where tf_crop_and_resize
      extrapolates; all False for the other coordinate modes.
    * ``active``: ``(out_length, taps)``, False for the padding (and for the
      one entry of a row whose every tap exclude_outside drops): such entries
      are not in the output's tap set and contribute exactly 0, even where the
      input is infinite or NaN (resize.nan).  ``None`` means every entry is
      active.

    The arrays are read-only.
    """

    in_length: int
    out_length: int
    source: tuple[Fraction, ...] | None
    indices: NDArray[np.intp]
    weights: NDArray[np.float64]
    outside: NDArray[np.bool_]
    active: NDArray[np.bool_] | None = None

    @property
    def taps(self) -> int:
        """The fixed number of entries per output position."""
        return int(self.indices.shape[1])


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------


def _check_spatial_shape(spatial_shape: object) -> tuple[int, ...]:
    """The spatial lengths as a tuple of ints, 1 to 3 of them, each >= 1."""
    if not isinstance(spatial_shape, tuple | list) or not 1 <= len(spatial_shape) <= 3:
        raise invalid(
            "spatial_shape",
            f"must be a tuple of 1 to 3 spatial lengths, got {spatial_shape!r}",
            "resize.separable",
        )
    for length in spatial_shape:
        if not is_int(length) or length < 1:
            raise invalid(
                "spatial_shape",
                f"every spatial length must be an int >= 1, got {spatial_shape!r}",
                "resize.output_length",
            )
    return tuple(int(length) for length in spatial_shape)


def _check_roi(
    roi: object, ndim: int, coordinate_mode: CoordinateMode
) -> tuple[tuple[Fraction, Fraction], ...]:
    """The roi as exact ``(start, end)`` pairs, present iff tf_crop_and_resize."""
    if coordinate_mode != "tf_crop_and_resize":
        if roi is not None:
            raise invalid(
                "roi",
                f"must be None unless coordinate_mode is 'tf_crop_and_resize' "
                f"(coordinate_mode={coordinate_mode!r}), got {roi!r}",
                "coord.tf_crop_and_resize",
            )
        return ()
    if roi is None:
        raise invalid(
            "roi",
            "is required when coordinate_mode is 'tf_crop_and_resize', got None",
            "coord.tf_crop_and_resize",
        )
    shape_error = invalid(
        "roi",
        f"must be one (start, end) pair per spatial axis ({ndim}), got {roi!r}",
        "coord.tf_crop_and_resize",
    )
    if not isinstance(roi, tuple | list) or len(roi) != ndim:
        raise shape_error
    pairs = []
    for pair in roi:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise shape_error
        bounds = []
        for bound in pair:
            if not is_real(bound) or not math.isfinite(float(bound)):
                raise invalid(
                    "roi",
                    f"every start and end must be a finite real number, got {roi!r}",
                    "coord.tf_crop_and_resize",
                )
            bounds.append(exact(bound))
        pairs.append((bounds[0], bounds[1]))
    return tuple(pairs)


def _lengths_and_scales(
    in_lengths: tuple[int, ...], size: object, scale_factor: object
) -> tuple[tuple[int, ...], tuple[Fraction, ...]]:
    """Output length and exact coordinate scale of every axis.

    resize.output_length: the output length is ``size`` if given, else
    ``floor(in * scale_factor)`` on the exact value of ``scale_factor``.
    resize.coordinate_scale: the coordinate scale is ``scale_factor`` if given,
    else ``size / in``.
    """
    ndim = len(in_lengths)
    if size is None and scale_factor is None:
        raise invalid(
            "size",
            "size or scale_factor (or both) must be given, got neither",
            "resize.output_length",
        )
    sizes: tuple[int, ...] | None = None
    if size is not None:
        sizes = tuple(
            int(s)
            for s in per_axis(
                size, ndim, "size", "resize.output_length", accepts=is_int, noun="an int"
            )
        )
        if any(s < 1 for s in sizes):
            raise invalid("size", f"every entry must be >= 1, got {size!r}", "resize.output_length")
    factors: tuple[Fraction, ...] | None = None
    if scale_factor is not None:
        entries = per_axis(
            scale_factor,
            ndim,
            "scale_factor",
            "resize.coordinate_scale",
            accepts=is_real,
            noun="a real number",
        )
        for entry in entries:
            if not math.isfinite(float(entry)) or float(entry) <= 0:
                raise invalid(
                    "scale_factor",
                    f"every entry must be finite and > 0, got {scale_factor!r}",
                    "resize.coordinate_scale",
                )
        factors = tuple(exact(e) for e in entries)
    if sizes is None:
        assert factors is not None
        sizes = tuple(math.floor(n * f) for n, f in zip(in_lengths, factors, strict=True))
        for axis, (n, f, out) in enumerate(zip(in_lengths, factors, sizes, strict=True)):
            if out < 1:
                raise invalid(
                    "scale_factor",
                    f"floor(in_length * scale_factor) must be >= 1 on every axis, got "
                    f"floor({n} * {float(f)!r}) = {out} on spatial axis {axis}",
                    "resize.output_length",
                )
    if factors is None:
        factors = tuple(Fraction(out, n) for out, n in zip(sizes, in_lengths, strict=True))
    return sizes, factors


# --------------------------------------------------------------------------------------
# Index decisions (exact)
# --------------------------------------------------------------------------------------


def _source_coordinates(
    in_length: int,
    out_length: int,
    scale: Fraction,
    coordinate_mode: CoordinateMode,
    roi: tuple[Fraction, Fraction] | None,
) -> tuple[Fraction, ...]:
    """The exact source coordinate ``x_i`` of every output index ``i``.

    Every coordinate mode is an affine map ``x_i = alpha * i + beta``
    (s the coordinate scale):

    * coord.half_pixel: ``x = (i + 1/2) / s - 1/2``;
    * coord.half_pixel_symmetric: the half_pixel map shifted by
      ``(in / 2) * (1 - out / (s * in))`` so that the output grid is centred on
      the input grid;
    * coord.pytorch_half_pixel: half_pixel, except ``x = 0`` when ``out == 1``;
    * coord.align_corners: ``x = i * (in - 1) / (out - 1)``, or ``0`` when ``out == 1``;
    * coord.asymmetric: ``x = i / s``;
    * coord.tf_crop_and_resize: ``x = start * (in - 1) + i * (end - start) * (in - 1) / (out - 1)``,
      or ``(start + end) * (in - 1) / 2`` when ``out == 1``.
    """
    half = Fraction(1, 2)
    if coordinate_mode == "tf_crop_and_resize":
        assert roi is not None
        start, end = roi
        if out_length > 1:
            alpha, beta = (
                (end - start) * (in_length - 1) / (out_length - 1),
                start * (in_length - 1),
            )
        else:
            alpha, beta = Fraction(0), (start + end) * (in_length - 1) / 2
    elif coordinate_mode == "align_corners":
        alpha = Fraction(in_length - 1, out_length - 1) if out_length > 1 else Fraction(0)
        beta = Fraction(0)
    elif coordinate_mode == "asymmetric":
        alpha, beta = 1 / scale, Fraction(0)
    elif coordinate_mode == "pytorch_half_pixel" and out_length == 1:
        alpha, beta = Fraction(0), Fraction(0)
    elif coordinate_mode == "half_pixel_symmetric":
        offset = Fraction(in_length, 2) * (1 - out_length / (scale * in_length))
        alpha, beta = 1 / scale, offset + half / scale - half
    else:  # half_pixel, and pytorch_half_pixel with out_length > 1
        alpha, beta = 1 / scale, half / scale - half
    # One common denominator, so that each coordinate is one integer affine step.
    denominator = (
        alpha.denominator * beta.denominator // math.gcd(alpha.denominator, beta.denominator)
    )
    step = alpha.numerator * (denominator // alpha.denominator)
    origin = beta.numerator * (denominator // beta.denominator)
    return tuple(Fraction(step * i + origin, denominator) for i in range(out_length))


def _lanczos_a(value: object) -> int:
    """``lanczos_a`` as an int: an integer ``>= 1`` (an int or NumPy integer, not a bool)."""
    if isinstance(value, bool) or not is_int(value) or value < 1:
        raise invalid("lanczos_a", f"must be an int >= 1, got {value!r}", "interp.lanczos.kernel")
    return int(value)


def _as_fraction(value: object) -> Fraction:
    """A source coordinate as an exact rational (a float is its exact dyadic value)."""
    if isinstance(value, Fraction):
        return value
    return exact(require_finite(value, "source", "resize.coordinate_scale"))


def _area_plan(
    in_length: int, out_length: int
) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.bool_]]:
    """Adaptive-average windows (resize.area).

    Output ``i`` averages input samples ``floor(i * in / out)`` to
    ``ceil((i + 1) * in / out) - 1``, each with weight ``1 / window length``.
    """
    starts = [i * in_length // out_length for i in range(out_length)]
    ends = [-((-(i + 1) * in_length) // out_length) for i in range(out_length)]
    counts = np.array([e - s for s, e in zip(starts, ends, strict=True)], dtype=np.intp)
    taps = int(counts.max())
    offsets = np.minimum(np.arange(taps), counts[:, None] - 1)  # pad: repeat the last sample
    indices = np.array(starts, dtype=np.intp)[:, None] + offsets
    active = np.arange(taps) < counts[:, None]
    weights = np.where(active, 1.0 / counts[:, None], 0.0)
    return indices, weights, active


def _box_plan(
    in_length: int, out_length: int, scale: Fraction, exclude_outside: bool
) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.bool_]]:
    """Fractional pixel-area weights (resize.box), exact until each weight is rounded once.

    Output ``i`` covers the cell ``[i/s, (i + 1)/s)`` of the input axis and
    sample ``j`` the cell ``[j, j + 1)``; the sample weighs the length of their
    overlap divided by the cell's length ``1/s``, so the weights are the
    mean of the piecewise-constant input over the cell.  Only the samples
    whose cells meet the output cell with positive length are taps.  A cell
    starts at ``i/s >= 0``, so only its end can pass the end ``in`` of the
    input: the part beyond is added to the last sample (resize.border),
    unless ``exclude_outside``, which drops it and divides by the length left
    inside (resize.exclude_outside); a cell with nothing inside the input then
    has no weights, and is rejected.  A row costs one step per sample it
    reads, however long the cell.
    """
    rows: list[dict[int, Fraction]] = []
    for i in range(out_length):
        lo, hi = i / scale, (i + 1) / scale
        inside = min(hi, Fraction(in_length))  # the cell's end, or the input's
        row: dict[int, Fraction] = {}
        for j in range(math.floor(lo), math.ceil(inside)):
            row[j] = min(Fraction(j + 1), hi) - max(Fraction(j), lo)
        if exclude_outside:
            total = inside - lo
            if total <= 0:
                raise invalid(
                    "exclude_outside",
                    f"output {i} of the axis resized from {in_length} to {out_length} covers "
                    f"[{float(lo)!r}, {float(hi)!r}), which does not meet the input "
                    f"[0, {in_length}): no weights are left to renormalise",
                    "resize.box",
                )
        else:  # resize.border: the part beyond the input reads its last sample
            total = hi - lo
            if hi > in_length:
                last = in_length - 1
                row[last] = row.get(last, Fraction(0)) + hi - max(lo, Fraction(in_length))
        rows.append({j: length / total for j, length in sorted(row.items())})
    return _pack_rows(rows)


def _pack_rows(
    rows: Sequence[dict[int, Fraction]],
) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.bool_]]:
    """``(indices, weights, active)`` from one exact ``{sample: weight}`` row per output.

    Each weight is rounded once.  A row shorter than the longest is padded by repeating
    its last sample with weight 0 (inactive); an empty row (an output that
    tf_crop_and_resize extrapolates) reads sample 0 with weight 0.
    """
    taps = max(1, max(len(row) for row in rows))
    indices = np.zeros((len(rows), taps), dtype=np.intp)
    weights = np.zeros((len(rows), taps), dtype=np.float64)
    active = np.zeros((len(rows), taps), dtype=np.bool_)
    for i, row in enumerate(rows):
        entries = list(row.items()) or [(0, Fraction(0))]
        for t in range(taps):
            j, w = entries[min(t, len(entries) - 1)]  # pad: repeat the last sample, weight 0
            indices[i, t] = j
            if t < len(row):
                weights[i, t] = float(w)
                active[i, t] = True
    return indices, weights, active


def _sampled_box_plan(
    source: Sequence[Fraction],
    in_length: int,
    stretch: Fraction,
    nearest_mode: NearestMode,
    exclude_outside: bool,
    outside: NDArray[np.bool_],
) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.bool_]]:
    """The sampled box (resize.sampled_box), exact until each weight is rounded once.

    With ``stretch = min(s, 1)`` under antialias, else 1, output ``i`` averages with equal
    weights the taps ``j`` whose ``stretch * (j - x)`` lies in the box of ``nearest_mode``
    (:func:`oracle.kernels.nearest_window`): ``floor(1/s)`` or ``ceil(1/s)`` of them when
    stretched, the one sample ``R(x)`` otherwise.  The taps beyond an edge read the edge
    sample (resize.border); with ``exclude_outside`` they are dropped and the rest
    renormalised (resize.exclude_outside), and an output with no tap left inside is
    rejected unless tf_crop_and_resize extrapolates it.  A row costs one step per sample it reads.
    """
    n = in_length
    rows: list[dict[int, Fraction]] = []
    for i, x in enumerate(source):
        first, last = kernels.nearest_window(x, nearest_mode, stretch)
        low, high = max(first, 0), min(last, n - 1)
        inside = max(high - low + 1, 0)
        if exclude_outside:
            if inside == 0 and not outside[i]:
                raise invalid(
                    "exclude_outside",
                    f"output {i} of the axis resized from {n} to {len(source)} (source "
                    f"coordinate {float(x)!r}) has its taps {first}..{last} all outside the "
                    f"input [0, {n - 1}]: no weights are left to renormalise",
                    "resize.sampled_box",
                )
            rows.append({j: Fraction(1, inside) for j in range(low, high + 1)})
            continue
        count = last - first + 1
        row = {j: Fraction(1, count) for j in range(low, high + 1)}
        below, above = max(min(last, -1) - first + 1, 0), max(last - max(first, n) + 1, 0)
        for edge, beyond in ((0, below), (n - 1, above)):  # resize.border: read the edge
            if beyond:
                row[edge] = row.get(edge, Fraction(0)) + Fraction(beyond, count)
        rows.append(dict(sorted(row.items())))
    return _pack_rows(rows)


def axis_weights(
    source: Sequence[Fraction] | NDArray[np.float64],
    in_length: int,
    *,
    mode: kernels.KernelMode,
    cubic_a: Real,
    exclude_outside: bool,
    scale: Fraction | Real,
    antialias: bool,
    lanczos_a: Int = kernels.LANCZOS_A_DEFAULT,
) -> tuple[NDArray[np.intp], NDArray[np.float64]]:
    """Taps and weights of one axis for the kernel modes: linear, cubic and Lanczos.

    ``source`` holds the source coordinate of every output position, either as
    exact :class:`~fractions.Fraction` values or as float64 numbers; a float is
    taken at its exact value, so both go through the same exact computation of
    the tap window.  Returns ``(indices, weights)``, each of shape
    ``(len(source), taps)``: row ``i`` reads the samples ``indices[i]``, a run
    of consecutive indices in ``[0, in_length)``, with weights ``weights[i]``.

    The kernel ``K`` is :func:`oracle.kernels.linear` (support ``r = 1``,
    interp.linear.weights), :func:`oracle.kernels.cubic` with ``a = cubic_a``
    (support ``r = 2``, interp.cubic.kernel) or :func:`oracle.kernels.lanczos`
    of order ``a = lanczos_a`` (support ``r = a``, interp.lanczos.kernel),
    stretched by ``1 / sigma``:

    * Without a stretch (``sigma = 1``), the taps of ``x`` are ``floor(x) - r + 1``
      to ``floor(x) + r`` (2 for linear, 4 for cubic, ``2a`` for Lanczos), tap
      ``j`` weighs ``K(j - x)``, and the linear and cubic weights are not
      renormalised (they already sum to one); the Lanczos weights do not sum
      to one and are always renormalised (interp.lanczos.weights).
    * resize.antialias: when ``antialias`` and ``scale < 1``, ``sigma = scale``:
      the taps are every integer ``j`` with ``|j - x| < r / sigma``, tap ``j``
      weighs ``K((j - x) sigma)``, and the weights are renormalised to sum to
      one.  When ``scale >= 1`` antialias changes nothing.
    * resize.border: a tap outside ``[0, in_length - 1]`` reads the nearest
      edge sample, unless ``exclude_outside``.
    * resize.exclude_outside: with ``exclude_outside`` a tap outside the input
      gets weight 0 and the remaining weights are renormalised to sum to one.

    Taps that read the same sample are merged into one entry carrying their
    summed weight, so a row holds at most ``min(2 r / sigma + 1, in_length)``
    entries however small ``scale`` is.  The taps of ``x`` inside the input are
    evaluated one by one in float64, at ``(j - x) sigma`` rounded from its exact
    value; the taps beyond an edge, all reading the edge sample, are summed
    exactly in closed form (:func:`oracle.kernels.kernel_sum`) and rounded once,
    or for Lanczos in float64 (:func:`oracle.kernels.lanczos_sum`).

    A row whose weights would be renormalised by a zero sum (every tap with a
    nonzero weight lies outside the input) has no defined weights; its
    weights are NaN.  :func:`resize_plan` rejects such a row unless
    tf_crop_and_resize extrapolates it.
    """
    indices, weights, _ = _interpolation_taps(
        source,
        in_length,
        mode=mode,
        cubic_a=cubic_a,
        exclude_outside=exclude_outside,
        scale=scale,
        antialias=antialias,
        lanczos_a=lanczos_a,
    )
    return indices, weights


def _interpolation_taps(
    source: Sequence[Fraction] | NDArray[np.float64],
    in_length: int,
    *,
    mode: kernels.KernelMode,
    cubic_a: Real,
    exclude_outside: bool,
    scale: Fraction | Real,
    antialias: bool,
    lanczos_a: Int = kernels.LANCZOS_A_DEFAULT,
) -> tuple[NDArray[np.intp], NDArray[np.float64], NDArray[np.bool_]]:
    """:func:`axis_weights`, plus which entries are active (see :class:`AxisPlan`)."""
    kind = require_choice(mode, "mode", _KERNEL_MODES, "resize.separable")
    if not is_int(in_length) or in_length < 1:
        raise invalid(
            "in_length", f"must be an int >= 1, got {in_length!r}", "resize.output_length"
        )
    n = int(in_length)
    a = float(require_finite(cubic_a, "cubic_a", "interp.cubic.kernel"))
    order = _lanczos_a(lanczos_a)
    if kind == "lanczos":
        a = float(order)  # the kernel's one parameter: the cubic a, or the Lanczos order
    exclude_outside = require_bool(exclude_outside, "exclude_outside", "resize.exclude_outside")
    antialias = require_bool(antialias, "antialias", "resize.antialias")
    scale = _as_fraction(scale)
    if scale <= 0:
        raise invalid("scale", f"must be > 0, got {scale}", "resize.coordinate_scale")
    support = kernels.support(kind, a)
    stretch = scale if antialias and scale < 1 else Fraction(1)

    # Exact part: the taps first..last of every x, and the run of samples low..high they read.
    coordinates = [_as_fraction(x) for x in source]
    ratios = [(x.numerator, x.denominator) for x in coordinates]
    if stretch == 1:
        firsts = [p // q - support + 1 for p, q in ratios]  # floor(x) - r + 1
        lasts = [first + 2 * support - 1 for first in firsts]
    else:  # resize.antialias: every integer j with x - r/sigma < j < x + r/sigma
        radius = support / stretch
        firsts = [math.floor(x - radius) + 1 for x in coordinates]
        lasts = [math.ceil(x + radius) - 1 for x in coordinates]
    lows = [min(max(first, 0), n - 1) for first in firsts]
    highs = [min(max(last, 0), n - 1) for last in lasts]
    # (low - x) sigma = (low q - p) sn / (q sd), rounded once (int / int is correctly
    # rounded): the stretched distance of the row's first entry.
    sn, sd = stretch.numerator, stretch.denominator
    starts = [(low * q - p) * sn / (q * sd) for low, (p, q) in zip(lows, ratios, strict=True)]

    def column(values: Sequence[int | float]) -> NDArray[Any]:
        return np.array(values).reshape(-1, 1)

    # Float part: the kernel at the taps inside the input, one entry per sample read.
    count = column([high - low + 1 for low, high in zip(lows, highs, strict=True)])
    width = int(count.max(initial=1))
    k = np.arange(width).reshape(1, -1)
    in_row = k < count
    index = column(lows) + np.minimum(k, count - 1)  # padding repeats the row's last sample
    is_tap = in_row & (index >= column(firsts)) & (index <= column(lasts))
    distance = np.where(is_tap, column(starts) + k * float(stretch), 0.0)
    kernel = kernels.kernel(kind, distance, a)
    weights = np.where(is_tap, kernel, 0.0)
    if not exclude_outside:  # resize.border: the taps beyond each edge add up on the edge sample
        for row, (x, first, last, low, high) in enumerate(
            zip(coordinates, firsts, lasts, lows, highs, strict=True)
        ):
            if first < 0:
                weights[row, 0] += float(
                    kernels.kernel_sum(kind, first, min(last, -1), x, stretch, a)
                )
            if last > n - 1:
                weights[row, high - low] += float(
                    kernels.kernel_sum(kind, max(first, n), last, x, stretch, a)
                )
    active = is_tap if exclude_outside else in_row
    if exclude_outside or stretch != 1 or kind == "lanczos":  # interp.lanczos.weights
        total = weights.sum(axis=1, keepdims=True)
        if exclude_outside and kind != "lanczos":
            # resize.exclude_outside: whether the in-range weights sum to 0 is decided exactly.
            # Horner's rule leaves a residue of about 2^-52 at a knot of the cubic (K(1) = 0
            # for every a, 2.2e-16 in float64 for a = -1/3), which must not renormalise to 1.
            for tiny in np.flatnonzero(np.abs(total[:, 0]) < 2.0**-30).tolist():
                first, last = max(firsts[tiny], 0), min(lasts[tiny], n - 1)
                if kernels.kernel_sum(kind, first, last, coordinates[tiny], stretch, a) == 0:
                    total[tiny, 0] = 0.0
        weights = np.divide(weights, total, out=np.full_like(weights, np.nan), where=total != 0)
    return index.astype(np.intp), weights, active


def resize_plan(
    spatial_shape: tuple[int, ...],
    *,
    size: Int | Sequence[Int] | None = None,
    scale_factor: Real | Sequence[Real] | None = None,
    mode: ResizeMode = "nearest",
    coordinate_mode: CoordinateMode = "half_pixel",
    nearest_mode: NearestMode = "round_prefer_floor",
    cubic_a: Real = -0.75,
    exclude_outside: bool = False,
    antialias: bool = False,
    roi: Sequence[Sequence[Real]] | None = None,
    lanczos_a: Int = kernels.LANCZOS_A_DEFAULT,
) -> tuple[AxisPlan, ...]:
    """Validate the resize parameters and make every index decision, one :class:`AxisPlan` per axis.

    ``spatial_shape`` holds the input's spatial lengths (1 to 3 of them).  The
    parameters mean what they mean in :func:`resize`.  All decisions are exact
    (fractions.Fraction on the parameters' exact values):

    * resize.output_length, resize.coordinate_scale: output length ``size`` or
      ``floor(in * scale_factor)``; coordinate scale ``scale_factor`` or
      ``size / in``.
    * coord.half_pixel, coord.half_pixel_symmetric, coord.pytorch_half_pixel,
      coord.align_corners, coord.asymmetric, coord.tf_crop_and_resize: the
      source coordinate of each output index (see :class:`AxisPlan`).
    * nearest.rounding: ``"nearest"`` takes the sample ``R(x)``, with ``R``
      given by ``nearest_mode`` and exact ties, clamped to ``[0, in - 1]``.
    * resize.sampled_box: ``"sampled_box"`` averages the samples in the box
      of ``R`` (the ``j - x`` at which ``R`` picks ``j``), stretched by
      ``1 / min(s, 1)`` with ``antialias``; with ``exclude_outside`` those
      outside the input are dropped.
    * ``"linear"``, ``"cubic"`` and ``"lanczos"``: taps and weights from
      :func:`axis_weights`.
    * resize.area: ``"area"`` averages the adaptive-pooling window
      ``[floor(i * in / out), ceil((i + 1) * in / out))``.
    * interp.lanczos.weights: ``"lanczos"`` divides its weights by their sum,
      over all taps (edge replicate) or the in-range ones (exclude_outside).
    * resize.box: ``"box"`` weighs sample ``j`` by ``s`` times the length of
      ``[j, j + 1) ∩ [i/s, (i + 1)/s)``, exactly, then rounds each weight once;
      it equals ``"area"`` exactly when out divides in or in divides 2 out
      (resize.box.area).
    * coord.tf_crop_and_resize: an output whose source coordinate lies outside
      ``[0, in - 1]`` is marked ``outside``.

    Raises ``ValueError`` naming the parameter, the broken constraint and the
    derivation ID for every invalid argument, including a renormalisation by a
    zero sum (resize.exclude_outside, resize.antialias) at an output that is
    not extrapolated.  Plans are immutable and may be shared between calls.
    """
    in_lengths = _check_spatial_shape(spatial_shape)
    ndim = len(in_lengths)
    mode = require_choice(mode, "mode", MODES, "resize.separable")
    coordinate_mode = require_choice(
        coordinate_mode, "coordinate_mode", COORDINATE_MODES, "coord.half_pixel"
    )
    nearest_mode = require_choice(nearest_mode, "nearest_mode", NEAREST_MODES, "nearest.rounding")
    a = float(require_finite(cubic_a, "cubic_a", "interp.cubic.kernel"))
    order = _lanczos_a(lanczos_a)
    exclude_outside = require_bool(exclude_outside, "exclude_outside", "resize.exclude_outside")
    antialias = require_bool(antialias, "antialias", "resize.antialias")
    if antialias and mode not in (*_KERNEL_MODES, "sampled_box"):
        raise invalid(
            "antialias",
            f"applies to mode 'linear', 'cubic', 'lanczos' or 'sampled_box' only, got "
            f"antialias=True with mode={mode!r}",
            "resize.antialias",
        )
    if mode == "area" and coordinate_mode != "half_pixel":
        raise invalid(
            "coordinate_mode",
            f"mode 'area' takes no coordinate mode other than the default 'half_pixel' "
            f"(its windows depend on the lengths only), got {coordinate_mode!r}",
            "resize.area",
        )
    if mode == "box" and coordinate_mode != "half_pixel":
        raise invalid(
            "coordinate_mode",
            f"mode 'box' takes no coordinate mode other than the default 'half_pixel' "
            f"(its cells [i/s, (i + 1)/s) are centred as half_pixel), got {coordinate_mode!r}",
            "resize.box",
        )
    rois = _check_roi(roi, ndim, coordinate_mode)
    out_lengths, scales = _lengths_and_scales(in_lengths, size, scale_factor)

    return tuple(
        _axis_plan(
            n,
            out,
            s,
            mode=mode,
            coordinate_mode=coordinate_mode,
            nearest_mode=nearest_mode,
            cubic_a=a + 0.0,  # one cache entry for -0.0 and 0.0
            exclude_outside=exclude_outside,
            antialias=antialias,
            roi=rois[axis] if rois else None,
            lanczos_a=order,
        )
        for axis, (n, out, s) in enumerate(zip(in_lengths, out_lengths, scales, strict=True))
    )


@functools.lru_cache(maxsize=64)
def _axis_plan(
    n: int,
    out: int,
    s: Fraction,
    *,
    mode: ResizeMode,
    coordinate_mode: CoordinateMode,
    nearest_mode: NearestMode,
    cubic_a: float,
    exclude_outside: bool,
    antialias: bool,
    roi: tuple[Fraction, Fraction] | None,
    lanczos_a: int = kernels.LANCZOS_A_DEFAULT,
) -> AxisPlan:
    """The plan of one axis from validated arguments (see :func:`resize_plan`).

    A plan depends only on these arguments and is immutable, so it is memoised:
    the two axes of a square resize, and repeated resizes, share it.
    """
    outside = np.zeros(out, dtype=np.bool_)
    source: tuple[Fraction, ...] | None = None
    if mode == "area":
        indices, weights, active = _area_plan(n, out)
    elif mode == "box":
        source = _source_coordinates(n, out, s, "half_pixel", None)
        indices, weights, active = _box_plan(n, out, s, exclude_outside)
    else:
        source = _source_coordinates(n, out, s, coordinate_mode, roi)
        if coordinate_mode == "tf_crop_and_resize":
            outside = np.array([x < 0 or x > n - 1 for x in source], dtype=np.bool_)
        if mode == "sampled_box":
            stretch = min(s, Fraction(1)) if antialias else Fraction(1)
            indices, weights, active = _sampled_box_plan(
                source, n, stretch, nearest_mode, exclude_outside, outside
            )
        elif mode == "nearest":
            nearest = [kernels.nearest_index(x, nearest_mode) for x in source]
            indices = np.clip(np.array(nearest, dtype=object), 0, n - 1).astype(np.intp)
            indices = indices.reshape(-1, 1)
            weights = np.ones((out, 1), dtype=np.float64)
            active = np.ones((out, 1), dtype=np.bool_)
        else:
            indices, weights, active = _interpolation_taps(
                source,
                n,
                mode=mode,
                cubic_a=cubic_a,
                exclude_outside=exclude_outside,
                scale=s,
                antialias=antialias,
                lanczos_a=lanczos_a,
            )
            undefined = np.asarray(np.isnan(weights).any(axis=1), dtype=np.bool_)
            if (undefined & ~outside).any():
                i = int(np.flatnonzero(undefined & ~outside)[0])
                raise invalid(
                    "exclude_outside" if exclude_outside else "antialias",
                    f"the weights of output {i} of the axis resized from {n} to {out} "
                    f"(source coordinate {float(source[i])!r}, exactly {source[i]}) renormalise "
                    f"by a zero sum: no tap with "
                    f"a nonzero weight lies inside the input",
                    "resize.exclude_outside" if exclude_outside else "resize.antialias",
                )
            weights = np.where(undefined[:, None], 0.0, weights)  # extrapolated anyway
    for array in (indices, weights, outside, active):
        array.setflags(write=False)
    return AxisPlan(n, out, source, indices, weights, outside, active)


# --------------------------------------------------------------------------------------
# Application (float64)
# --------------------------------------------------------------------------------------


_CHUNK_ELEMENTS = 1 << 17
"""Float64 elements per pass output while applying plans: :func:`apply_plan`
takes as many (n, c) planes at once as keep every pass's output within this
many elements, so that the arrays handed from pass to pass stay in the CPU's
L2 cache."""

_CALL_COST = 128
"""The cost of one matrix product call, in multiply-adds per element of the
other axes: how :func:`_block_length` weighs fewer, larger blocks against
smaller windows."""


@dataclass(frozen=True, eq=False)
class _Band:
    """Outputs ``start:stop`` of an axis, the input window ``lo:hi`` that their
    active taps read, and the dense weights of that block of the axis's matrix."""

    start: int
    stop: int
    lo: int
    hi: int
    weights: NDArray[np.float64]  # (stop - start, hi - lo)
    columns: NDArray[np.float64]  # weights.T, contiguous


@functools.lru_cache(maxsize=64)
def _is_selection(plan: AxisPlan) -> bool:
    """True where every output takes one sample with weight 1 (nearest, and area
    windows of one sample): the axis's matrix selects rows."""
    return (
        plan.taps == 1
        and bool((plan.weights == 1.0).all())
        and (plan.active is None or bool(plan.active.all()))
    )


def _active(plan: AxisPlan) -> NDArray[np.bool_]:
    """The plan's ``active`` mask, written out when it is ``None`` (every tap active)."""
    return np.ones(plan.indices.shape, dtype=np.bool_) if plan.active is None else plan.active


def _reach(plan: AxisPlan) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Per output, the lowest and highest input index of its active taps (``in_length``
    and ``-1`` for an output without one)."""
    active = _active(plan)
    return (
        np.where(active, plan.indices, plan.in_length).min(axis=1),
        np.where(active, plan.indices, -1).max(axis=1),
    )


def _windows(
    reach: tuple[NDArray[np.intp], NDArray[np.intp]], block: int
) -> list[tuple[int, int, int, int]]:
    """``(start, stop, lo, hi)`` for every block of ``block`` consecutive outputs, from
    the outputs' :func:`_reach`."""
    first, last = reach
    windows = []
    for start in range(0, len(first), block):
        stop = min(start + block, len(first))
        lo, hi = int(first[start:stop].min()), int(last[start:stop].max()) + 1
        windows.append((start, stop, lo, hi) if lo < hi else (start, stop, 0, 0))
    return windows


def _block_length(reach: tuple[NDArray[np.intp], NDArray[np.intp]]) -> int:
    """The number of consecutive outputs per matrix product, for speed only.

    A block of ``b`` outputs reads a window of ``k`` inputs and costs about
    ``b * k + _CALL_COST`` multiply-adds per element of the other axes; the
    length with the least total cost wins.
    """

    def cost(block: int) -> int:
        return sum(
            (stop - start) * (hi - lo) + _CALL_COST
            for start, stop, lo, hi in _windows(reach, block)
        )

    return min((1, 2, 4, 8, 16, 32, 64), key=cost)


@functools.lru_cache(maxsize=64)
def _bands(plan: AxisPlan) -> tuple[_Band, ...]:
    """The axis's (out_length, in_length) matrix as dense blocks along its band.

    Entry ``(i, j)`` of the matrix is the sum of the weights of the active taps
    of output ``i`` that read sample ``j`` (a clamped edge sample can be read
    by several taps); inactive taps (padding, dropped taps) are left out.  The
    taps of consecutive outputs lie close together, so a block of consecutive
    outputs has a short input window, and the matrix is never formed whole.
    Plans are immutable and compared by identity, so this is memoised.
    """
    active = _active(plan)
    reach = _reach(plan)
    bands = []
    for start, stop, lo, hi in _windows(reach, _block_length(reach)):
        weights = np.zeros((stop - start, hi - lo), dtype=np.float64)
        rows = np.broadcast_to(np.arange(stop - start)[:, None], (stop - start, plan.taps))
        use = active[start:stop]
        np.add.at(
            weights, (rows[use], plan.indices[start:stop][use] - lo), plan.weights[start:stop][use]
        )
        weights.setflags(write=False)
        columns = np.ascontiguousarray(weights.T)
        columns.setflags(write=False)
        bands.append(_Band(start, stop, lo, hi, weights, columns))
    return tuple(bands)


def _contract(y: NDArray[np.float64], axis: int, plan: AxisPlan, out: NDArray[np.float64]) -> None:
    """Resample one axis of finite ``y`` into ``out``: ``out = S @ y`` along ``axis``.

    ``S`` is the axis's matrix (:func:`_bands`).  A selection matrix is applied
    by indexing, ``out[..., i, ...] = y[..., idx[i], ...]``, which is its
    product exactly (``1 * v + 0 * w = v`` for finite samples).  Any other is
    applied block by block: each block of outputs is one matrix product with
    its input window, ``y[..., lo:hi] @ weights.T`` on the innermost axis and
    ``weights @ y[..., lo:hi, :]`` on the others, written in place into ``out``.
    """
    if _is_selection(plan):
        y.take(plan.indices[:, 0], axis=axis, out=out, mode="clip")
        return
    inner = math.prod(y.shape[axis + 1 :])
    if inner == 1:  # the innermost axis: each row of y times the blocks' transposes
        rows, out_rows = y.reshape(-1, plan.in_length), out.reshape(-1, plan.out_length)
        for band in _bands(plan):
            np.matmul(
                rows[:, band.lo : band.hi], band.columns, out=out_rows[:, band.start : band.stop]
            )
        return
    slabs = y.reshape(-1, plan.in_length, inner)
    out_slabs = out.reshape(-1, plan.out_length, inner)
    for band in _bands(plan):
        np.matmul(
            band.weights, slabs[:, band.lo : band.hi], out=out_slabs[:, band.start : band.stop]
        )


def _tap_sums(y: NDArray[np.float64], axis: int, plan: AxisPlan) -> NDArray[np.float64]:
    """Resample one axis tap by tap: ``sum_t w[i, t] * y[..., idx[i, t], ...]`` over active taps.

    This is the defining sum of resize.separable in float64, each tap's product
    formed on its own, so ``0 * inf`` and ``inf - inf`` give NaN exactly where
    a tap set holds them (resize.nan); inactive taps contribute exactly 0.
    :func:`apply_plan` uses it for the non-finite samples.
    """
    shape = list(y.shape)
    shape[axis] = plan.out_length
    column = [1] * y.ndim  # broadcasts one value per output along ``axis``
    column[axis] = plan.out_length
    active = _active(plan)
    total = np.zeros(shape, dtype=np.float64)
    for t in range(plan.taps):
        products = np.take(y, plan.indices[:, t], axis=axis) * plan.weights[:, t].reshape(column)
        total += np.where(active[:, t].reshape(column), products, 0.0)
    return total


def _pass_order(plans: Sequence[AxisPlan]) -> list[int]:
    """The order in which :func:`apply_plan` resamples the spatial axes.

    The order does not change the result in exact arithmetic
    (resize.separable), so it is chosen for speed: axes that shrink most go
    first, so that the array stays small; among axes with equal ratios, the
    innermost goes first when growing and last when shrinking.
    """

    def key(axis: int) -> tuple[Fraction, int]:
        ratio = Fraction(plans[axis].out_length, plans[axis].in_length)
        return ratio, axis if ratio < 1 else -axis

    return sorted(range(len(plans)), key=key)


def apply_plan(
    x: NDArray[np.generic], plans: Sequence[AxisPlan], extrapolation_value: Real = 0.0
) -> NDArray[np.float64]:
    """Apply per-axis plans to an ``(N, C, *spatial)`` array in float64; returns a new array.

    resize.separable: each spatial axis is resampled in turn, in the order of
    :func:`_pass_order` (the order does not change the result in exact
    arithmetic).  Every output is the float64 sum of weight times sample over
    its tap set, the active taps of its plans.  Then every output that is
    ``outside`` on any axis is set to ``extrapolation_value``
    (coord.tf_crop_and_resize).

    Non-finite samples (resize.nan): a NaN anywhere in an output's tap set
    makes the output NaN, including at a tap of weight 0 (``0 * NaN`` is NaN);
    an infinite sample gives an infinite output, or NaN where its weight (the
    sum of the weights of the taps that read it, resize.border) is 0 or it
    meets an infinity of the other sign.  Inactive entries (padding) contribute
    nothing.

    How it is evaluated.  The input is the sum of its finite part (each
    non-finite sample set to 0) and its non-finite part (each finite sample
    set to 0), and every input goes through both steps:

    * The finite part is resampled by the axes' matrices (:func:`_contract`),
      a few ``(n, c)`` planes at a time, as many as keep the arrays handed
      from pass to pass within :data:`_CHUNK_ELEMENTS` and so in the CPU
      cache; the last pass writes straight into the result.  A matrix
      product sums over a block's whole input window, so it must see finite
      samples only: ``0 * NaN`` would leak into outputs whose tap set does
      not hold the NaN.
    * The non-finite part is resampled tap by tap (:func:`_tap_sums`).  It is
      0 wherever an output's tap set holds no non-finite sample, and NaN or an
      infinity elsewhere, which is then the output whatever the finite
      samples are (resize.nan), so it replaces the finite part's value there.  Only the
      planes whose sum is not finite can hold a non-finite sample; on the
      others the non-finite part is 0 and this step has nothing to do.

    A finite sum that overflows float64 (samples near 1e308) is outside this
    model: it becomes an infinity, and the next matrix product spreads it
    over a block as NaN.
    """
    if not isinstance(x, np.ndarray) or x.dtype.kind not in "iuf":
        raise invalid(
            "x", f"must be a real numeric numpy array, got {describe(x)}", "resize.separable"
        )
    if x.ndim != len(plans) + 2:
        raise invalid(
            "plans",
            f"must hold one plan per spatial axis of x ({x.ndim - 2}), got {len(plans)}",
            "resize.separable",
        )
    for axis, plan in enumerate(plans):
        if not isinstance(plan, AxisPlan) or plan.in_length != x.shape[axis + 2]:
            raise invalid(
                "plans",
                f"plan {axis} must be an AxisPlan with in_length {x.shape[axis + 2]}, got {plan!r}",
                "resize.separable",
            )
        if plan.indices.size and not 0 <= plan.indices.min() <= plan.indices.max() < plan.in_length:
            raise invalid(
                "plans",
                f"plan {axis} must have every index in [0, {plan.in_length}), got indices from "
                f"{plan.indices.min()} to {plan.indices.max()}",
                "resize.separable",
            )
    if not is_real(extrapolation_value):
        raise invalid(
            "extrapolation_value",
            f"must be a real number, got {extrapolation_value!r}",
            "coord.tf_crop_and_resize",
        )
    order = _pass_order(plans)
    shapes = [x.shape[2:]]  # one (n, c) plane before each pass, and at the end
    for axis in order:
        shapes.append((*shapes[-1][:axis], plans[axis].out_length, *shapes[-1][axis + 1 :]))
    sizes = [math.prod(shape) for shape in shapes]
    planes = np.asarray(x, dtype=np.float64).reshape(-1, *x.shape[2:])
    result = np.empty(x.shape[:2] + shapes[-1], dtype=np.float64)
    results = result.reshape(-1, *shapes[-1])

    # Only the planes whose sum is not finite can hold a non-finite sample, and only
    # matrix products need them split (a selection copies a non-finite sample as is).
    flagged = np.zeros(0, dtype=np.intp)
    if not all(_is_selection(plan) for plan in plans):
        with np.errstate(over="ignore", invalid="ignore"):
            sums = planes.sum(axis=tuple(range(1, planes.ndim)))
        flagged = np.flatnonzero(~np.isfinite(sums))
    # The split of the flagged planes: their finite part goes into a copy of the
    # input (made only where there is a sample to set to 0), their non-finite part aside.
    finite = planes
    nonfinite = np.zeros((0, *planes.shape[1:]), dtype=np.float64)
    if flagged.size:
        some = planes[flagged]
        ok = np.isfinite(some)
        finite = planes.copy()
        finite[flagged] = np.where(ok, some, 0.0)
        nonfinite = np.where(ok, 0.0, some)

    # The planes go through all the passes a group at a time, as many as keep every
    # pass's output within _CHUNK_ELEMENTS; the last pass writes into the result.
    group = max(1, min(_CHUNK_ELEMENTS // max(sizes[1:]), planes.shape[0]))
    buffers = [np.empty((group, *shape), dtype=np.float64) for shape in shapes[1:-1]]
    for start in range(0, planes.shape[0], group):
        y = finite[start : start + group]
        for p, axis in enumerate(order):
            last = p == len(order) - 1
            target = results[start : start + y.shape[0]] if last else buffers[p][: y.shape[0]]
            _contract(y, axis + 1, plans[axis], target)
            y = target

    if flagged.size:  # the non-finite part of the flagged planes (it is 0 on the others)
        with np.errstate(invalid="ignore"):  # 0 * inf and inf - inf are NaN (resize.nan)
            for axis in order:
                nonfinite = _tap_sums(nonfinite, axis + 1, plans[axis])
        results[flagged] = np.where(np.isfinite(nonfinite), results[flagged], nonfinite)

    for axis, plan in enumerate(plans):
        if plan.outside.any():
            where = [1] * result.ndim
            where[axis + 2] = plan.out_length
            np.copyto(result, float(extrapolation_value), where=plan.outside.reshape(where))
    return result


def resize(
    x: NDArray[np.generic],
    *,
    size: Int | Sequence[Int] | None = None,
    scale_factor: Real | Sequence[Real] | None = None,
    mode: ResizeMode = "nearest",
    coordinate_mode: CoordinateMode = "half_pixel",
    nearest_mode: NearestMode = "round_prefer_floor",
    cubic_a: Real = -0.75,
    exclude_outside: bool = False,
    antialias: bool = False,
    roi: Sequence[Sequence[Real]] | None = None,
    extrapolation_value: Real = 0.0,
    lanczos_a: Int = kernels.LANCZOS_A_DEFAULT,
) -> NDArray[np.float64]:
    """Resize the spatial axes of an ``(N, C, *spatial)`` array (docs/contract.md).

    ``x`` is a real numeric NumPy array with 1 to 3 spatial axes, each of
    length >= 1; ``N`` and ``C`` may be 0.  The result is a new float64 array
    of shape ``(N, C, *out_lengths)``.

    * ``size`` / ``scale_factor``: an int or float for every axis or one entry
      per axis; at least one is given, both may be.  Output length ``size`` if
      given, else ``floor(in * scale_factor)``, exact (resize.output_length);
      coordinate scale ``scale_factor`` if given, else ``size / in``
      (resize.coordinate_scale).
    * ``mode``: ``"nearest"`` (nearest.rounding), ``"linear"``
      (interp.linear.weights; bilinear and trilinear on 2 and 3 axes,
      interp.linear.separable), ``"cubic"`` (interp.cubic.kernel with
      ``a = cubic_a``), ``"area"`` (adaptive average pooling windows,
      resize.area), ``"box"`` (fractional pixel-area weighting: output ``i``
      is the mean of the piecewise-constant input over ``[i/s, (i + 1)/s)``,
      as OpenCV INTER_AREA and TensorFlow's area, for downsampling and
      upsampling alike; resize.box), ``"lanczos"`` (the kernel
      ``sinc(t) sinc(t/a)`` of order ``a = lanczos_a`` on ``2a`` taps, the
      weights divided by their sum; interp.lanczos.kernel,
      interp.lanczos.weights), ``"sampled_box"`` (nearest's own kernel: the
      box of ``j - x`` at which ``nearest_mode`` picks ``j``, ``[-1/2, 1/2)``
      for round_prefer_floor, ``(-1/2, 1/2]`` for round_prefer_ceil,
      ``(-1, 0]`` for floor, ``[0, 1)`` for ceil; output ``i`` is the mean of
      the samples in it, one sample ``R(x)`` unstretched, ``floor(1/s)`` or
      ``ceil(1/s)`` with antialias when shrinking; Pillow's BOX is
      (sampled_box, half_pixel, round_prefer_ceil, antialias,
      exclude_outside); resize.sampled_box).
    * ``lanczos_a``: the Lanczos order, an int ``>= 1``: 3 as Pillow's LANCZOS
      and jax's lanczos3, 4 as OpenCV's INTER_LANCZOS4, 5 as jax's lanczos5.
    * ``coordinate_mode``: the map from output index to source coordinate
      (coord.half_pixel, coord.half_pixel_symmetric, coord.pytorch_half_pixel,
      coord.align_corners, coord.asymmetric, coord.tf_crop_and_resize).
      ``"area"`` and ``"box"`` take only the default.
    * ``nearest_mode``: rounding of the source coordinate for ``"nearest"``,
      and the box of ``"sampled_box"``: ``"round_prefer_floor"``,
      ``"round_prefer_ceil"``, ``"floor"``, ``"ceil"``.
    * ``exclude_outside``: taps outside the input get weight 0 and the rest are
      renormalised (resize.exclude_outside); otherwise they read the edge
      sample (resize.border).  For ``"box"``, the part of a cell beyond the
      input is dropped and the rest renormalised.
    * ``antialias``: for ``"linear"``, ``"cubic"``, ``"lanczos"`` and
      ``"sampled_box"``, stretch the kernel by ``1 / scale`` when the scale is
      below 1 (resize.antialias).
    * ``roi``: one ``(start, end)`` pair per axis in normalised coordinates,
      required by and only by ``"tf_crop_and_resize"``; outputs whose source
      coordinate falls outside the input become ``extrapolation_value``.

    At an integer scale ``f``, ``"nearest"`` with (asymmetric, floor) equals a
    transposed convolution with a ones kernel of size and stride ``f``
    (conv_transpose.nearest_upsampling).

    Index decisions are exact and values are float64; a NaN in an output's
    tap set makes that output NaN, even at a tap of weight 0 (resize.nan; see
    :func:`apply_plan` for infinities).  Every invalid argument raises
    ``ValueError`` naming the parameter, the constraint and the derivation ID.
    """
    if not isinstance(x, np.ndarray) or x.dtype.kind not in "iuf":
        raise invalid(
            "x",
            f"must be a real numeric numpy array (integer or float dtype), got {describe(x)}",
            "resize.separable",
        )
    if not 3 <= x.ndim <= 5:
        raise invalid(
            "x",
            f"must have shape (N, C, *spatial) with 1 to 3 spatial axes, got shape {x.shape}",
            "resize.separable",
        )
    if any(length < 1 for length in x.shape[2:]):
        raise invalid(
            "x",
            f"every spatial length must be >= 1, got shape {x.shape}",
            "resize.output_length",
        )
    if not is_real(extrapolation_value):
        raise invalid(
            "extrapolation_value",
            f"must be a real number, got {extrapolation_value!r}",
            "coord.tf_crop_and_resize",
        )
    plans = resize_plan(
        x.shape[2:],
        size=size,
        scale_factor=scale_factor,
        mode=mode,
        coordinate_mode=coordinate_mode,
        nearest_mode=nearest_mode,
        cubic_a=cubic_a,
        exclude_outside=exclude_outside,
        antialias=antialias,
        roi=roi,
        lanczos_a=lanczos_a,
    )
    return apply_plan(x, plans, extrapolation_value)
