"""The pooling oracles: max_pool, avg_pool, adaptive_avg_pool, adaptive_max_pool and max_unpool.

Arrays have the layout ``(N, C, *spatial)`` with 1 to 3 spatial axes.  A
pooling window is a box: on each axis it reads a set of taps, and an N-d tap
is one tap per axis.  Window order is C order over the taps, the first axis
most significant.

* Strided windows (:func:`max_pool`, :func:`avg_pool`): with kernel size
  ``k``, stride ``s``, dilation ``d`` and padding ``(p_begin, p_end)``,
  window ``o`` of an axis reads the input positions ``o*s - p_begin + t*d``
  for the taps ``t = 0 .. k-1`` (window.output_length); ``ceil_mode`` keeps
  a last, partial window under PyTorch's rule (window.ceil_mode).  Taps
  outside the input read padding: max pooling skips them, average pooling
  counts them only in its divisor (pool.avg.divisor).  Every window must read
  at least one input position; padding pairs are otherwise free (beyond
  PyTorch's ``padding <= kernel_size / 2``), and a window lying wholly in the
  padding is rejected, since its maximum would not exist (window.padding).
* Adaptive windows (:func:`adaptive_avg_pool`, :func:`adaptive_max_pool`):
  window ``i`` of ``o`` over ``n`` positions reads ``[floor(i*n/o),
  ceil((i+1)*n/o))``, in exact integer arithmetic (pool.adaptive.windows).

Evaluation, one path per op:

* max: tap by tap in window order, each window keeps a running maximum and
  the number of its winning tap; a tap wins when its value is strictly
  greater, so the first maximum stays (pool.max.ties), or when it is NaN, so
  the last NaN wins (pool.max.nan).  The winning taps then become flat
  positions in each unpadded ``(n, c)`` plane (pool.max.indices), and the
  values are read there.  Strided windows walk the taps as slices, through
  :func:`oracle._window.tap_pairs`; adaptive windows as index arrays.
* average: sums of the taps, axis by axis (a box sum is a sum of sums), over
  strided slices for strided windows and over each window's slice for
  adaptive ones, divided by a divisor that is a product of per-axis counts.
* :func:`max_unpool` scatters into zeros (pool.unpool.scatter).

Padding is never materialised: memory is bounded by the sizes of x and the
output, however large the padding, stride or dilation.  Values are float64;
indices are int64.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from oracle._args import invalid, is_int, require_bool
from oracle._arrays import batch_array, describe, ieee, spatial
from oracle._window import axis_taps, ints_per_axis, output_length, padding_pairs, tap_pairs

__all__ = ["adaptive_avg_pool", "adaptive_max_pool", "avg_pool", "max_pool", "max_unpool"]

_LENGTH = "window.output_length"
_CEIL = "window.ceil_mode"
_PADDING = "window.padding"
_DIVISOR = "pool.avg.divisor"
_INDICES = "pool.max.indices"
_ADAPTIVE = "pool.adaptive.windows"
_SCATTER = "pool.unpool.scatter"

Array = NDArray[np.float64]
Index = NDArray[np.int64]
Taps = NDArray[np.unsignedinteger[Any]]
Padding = int | Sequence[int] | Sequence[Sequence[int]]


# --------------------------------------------------------------------------------------
# Windows
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Grid:
    """Strided windows on every spatial axis, already validated: per-axis tuples."""

    lengths: tuple[int, ...]
    kernel: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    pads: tuple[tuple[int, int], ...]
    out: tuple[int, ...]

    def starts(self, axis: int) -> Index:
        """The input position of tap 0 of every window on ``axis``: ``o*s - p_begin``."""
        return np.arange(self.out[axis]) * self.stride[axis] - self.pads[axis][0]

    def first_taps(self, axis: int) -> Index:
        """The first tap of every window on ``axis`` that reads an input position:
        ``max(0, ceil(-start / d))``."""
        return np.maximum(0, -(self.starts(axis) // self.dilation[axis]))

    def input_taps(self, axis: int) -> Index:
        """How many taps of every window on ``axis`` read input positions."""
        starts, n, d = self.starts(axis), self.lengths[axis], self.dilation[axis]
        last = np.minimum(self.kernel[axis] - 1, (n - 1 - starts) // d)
        return np.maximum(0, last - self.first_taps(axis) + 1)

    def padded_taps(self, axis: int) -> Index:
        """How many taps of every window on ``axis`` read the input or its explicit padding,
        ``o*s + t*d < p_begin + L + p_end``: the ceil_mode overhang beyond is not counted."""
        starts, n, d = self.starts(axis), self.lengths[axis], self.dilation[axis]
        return np.minimum(self.kernel[axis], (n + self.pads[axis][1] - 1 - starts) // d + 1)


def _grid(
    x: Array,
    kernel_size: object,
    stride: object,
    padding: object,
    dilation: object,
    ceil_mode: object,
) -> _Grid:
    """Check the window parameters of a strided pooling of ``x`` and count its windows."""
    ndim = x.ndim - 2
    kernel = ints_per_axis(kernel_size, ndim, "kernel_size", _LENGTH)
    # stride=None means stride = kernel_size, as in PyTorch.
    steps = kernel if stride is None else ints_per_axis(stride, ndim, "stride", _LENGTH)
    pads = padding_pairs(padding, ndim, _PADDING)
    dilation_ = ints_per_axis(dilation, ndim, "dilation", _LENGTH)
    ceil = require_bool(ceil_mode, "ceil_mode", _CEIL)
    lengths = x.shape[2:]
    out = tuple(
        output_length(n, k, s, pb, pe, d, ceil)
        for n, k, s, (pb, pe), d in zip(lengths, kernel, steps, pads, dilation_, strict=True)
    )
    if min(out) < 1:
        raise invalid(
            "kernel_size",
            f"the dilated kernel d*(k - 1) + 1 = "
            f"{tuple(d * (k - 1) + 1 for d, k in zip(dilation_, kernel, strict=True))} must fit "
            f"in the padded input L + p_begin + p_end = "
            f"{tuple(n + pb + pe for n, (pb, pe) in zip(lengths, pads, strict=True))} on every "
            f"axis, got kernel_size {kernel_size!r}",
            _LENGTH,
        )
    grid = _Grid(tuple(lengths), kernel, steps, dilation_, pads, out)
    for axis in range(ndim):
        empty = np.flatnonzero(grid.input_taps(axis) == 0)
        if empty.size:
            raise invalid(
                "padding",
                f"window {empty[0]} of spatial axis {axis} lies wholly in the padding (it reads "
                f"no input position; every pooling window must read at least one), got padding "
                f"{padding!r}",
                _PADDING,
            )
    return grid


def _adaptive_windows(n: int, o: int) -> list[tuple[int, int]]:
    """The ``(start, end)`` of the ``o`` windows over ``n`` positions, ``start = floor(i*n/o)``
    and ``end = ceil((i+1)*n/o)``, in exact integer arithmetic (pool.adaptive.windows)."""
    return [(i * n // o, -(-(i + 1) * n // o)) for i in range(o)]


def _adaptive_taps(
    starts: Sequence[Index], clipped: Sequence[Index]
) -> Iterator[tuple[Index, tuple[slice, ...], tuple[Index, ...]]]:
    """Tap ``t`` of every adaptive window at once, for :func:`_max_taps`, in C order.

    On each axis, tap ``t`` of window ``o`` reads ``starts[o] + clipped[o, t]``
    where ``clipped[o, t] = min(t, length of window o - 1)``: a window shorter
    than the longest reads its last position again for the taps it lacks,
    and its tap number is the clipped one.  Yields the tap numbers (one per
    window), every window, and the positions as an open mesh of index arrays.
    """
    taps = tuple(table.shape[1] for table in clipped)
    every = (slice(None),) * len(taps)
    for tap in itertools.product(*map(range, taps)):
        reads = [table[:, t] for table, t in zip(clipped, tap, strict=True)]
        yield (
            np.ravel_multi_index(np.ix_(*reads), taps),
            every,
            np.ix_(*(begin + r for begin, r in zip(starts, reads, strict=True))),
        )


def _output_size(value: object, x: Array) -> tuple[int, ...]:
    """Check an adaptive ``output_size``: an int >= 1 for every axis, or one per axis."""
    return ints_per_axis(value, x.ndim - 2, "output_size", _ADAPTIVE)


def _along(axis: int, selector: Any) -> tuple[Any, ...]:
    """An index of ``(N, C, *spatial)`` arrays that selects ``selector`` on spatial ``axis``."""
    return (slice(None),) * (2 + axis) + (selector,)


# --------------------------------------------------------------------------------------
# Max: the winning tap of every window
# --------------------------------------------------------------------------------------


def _max_taps(
    x: Array,
    out: Sequence[int],
    taps: Iterable[tuple[int | Index, tuple[Any, ...], tuple[Any, ...]]],
    first: Index | int,
    count: int,
) -> Taps:
    """The number of the winning tap of every window (pool.max.ties, pool.max.nan).

    ``taps`` yields, in window order, each tap's number (an int, or an array
    over the windows), the windows it reaches (basic indices: views) and the
    input positions it reads there.  A window starts at its ``first`` tap
    that reads the input, with a running maximum of -inf; a tap then wins
    where its value is strictly greater than the running maximum or NaN.
    Once NaN, the running maximum stays NaN (``np.maximum`` propagates it),
    so afterwards only a NaN wins again.  An all -inf window thus keeps its
    first input tap, as PyTorch's.  Tap numbers are ``< count``.
    """
    shape = (*x.shape[:2], *out)
    running = np.full(shape, -np.inf)
    winner: Taps = np.empty(shape, np.min_scalar_type(count - 1))
    winner[...] = first
    for t, at_windows, at_positions in taps:
        value = np.ascontiguousarray(x[spatial(at_positions)])  # one strided read
        best, won = running[spatial(at_windows)], winner[spatial(at_windows)]
        wins = np.greater(value, best)
        wins |= np.isnan(value)
        np.maximum(value, best, out=best)
        # won = where(wins, t, won), branch-free: won + wins * (t - won) in the unsigned
        # dtype's modular arithmetic (a masked copy is several times slower).
        step = np.subtract(np.asarray(t, won.dtype), won)
        step *= wins
        won += step
    return winner


def _winners(
    x: Array, winner: Taps, taps: Sequence[int], starts: Sequence[Index], steps: Sequence[int]
) -> tuple[Array, Index]:
    """The values and flat indices of the winning taps (pool.max.indices).

    ``winner`` numbers the taps in C order over ``taps`` (the number of taps
    on each axis), and tap ``t`` of window ``o`` on an axis reads the input
    position ``starts[axis][o] + t*steps[axis]``.  The flat position in the
    unpadded ``(n, c)`` plane is thus a sum of a part that depends on the
    window and a part that depends on the tap.  The values are read at those
    positions, so values and indices agree to the bit (the sign of a zero, a
    NaN's payload).
    """
    lengths = x.shape[2:]
    plane_strides = [math.prod(lengths[axis + 1 :]) for axis in range(len(lengths))]
    window_part = functools.reduce(
        np.add.outer, (b * ps for b, ps in zip(starts, plane_strides, strict=True))
    )
    tap_part = functools.reduce(
        np.add.outer,
        (np.arange(k) * d * ps for k, d, ps in zip(taps, steps, plane_strides, strict=True)),
    )
    flat = window_part + np.take(tap_part.ravel(), winner)
    batch, channels = x.shape[:2]
    values = np.take_along_axis(
        x.reshape(batch, channels, math.prod(lengths)),
        flat.reshape(batch, channels, math.prod(flat.shape[2:])),
        axis=2,
    )
    return values.reshape(flat.shape), flat


# --------------------------------------------------------------------------------------
# The public ops
# --------------------------------------------------------------------------------------


def max_pool(
    x: NDArray[np.generic],
    *,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: Padding = 0,
    dilation: int | Sequence[int] = 1,
    ceil_mode: bool = False,
) -> tuple[Array, Index]:
    """Max pooling of ``(N, C, *spatial)``: ``(values, indices)``, as PyTorch's max_pool.

    On each axis, window ``o`` reads the input positions ``o*s - p_begin + t*d``
    for the taps ``t = 0 .. k-1``, skipping those in the padding; the output
    length is ``floor((L + p_begin + p_end - d*(k-1) - 1) / s) + 1``
    (window.output_length), or with ``ceil_mode`` the rounded-up count less a
    last window that would start in the end padding (window.ceil_mode)::

        values[n, c, *o] = max over taps t with an input position of x[n, c, *(o*s - p_begin + t*d)]

    * Ties: the first maximum in window order (C order over the taps) wins
      (pool.max.ties).
    * NaN propagates: a window holding NaN gives NaN, and its index is that
      of its last NaN in window order, as PyTorch's (pool.max.nan): for
      ``[1, NaN, 3, NaN]`` the index is 3.  An all -inf window gives -inf at
      its first input position.
    * ``indices[n, c, *o]`` is the flat C-order position of the winner in the
      unpadded ``(n, c)`` plane of ``x`` (pool.max.indices), as PyTorch's;
      ``values`` holds ``x`` at those positions.  :func:`max_unpool` with
      them keeps exactly the window maxima (pool.unpool.roundtrip).

    A kernel equal to the spatial shape, without padding, is global max
    pooling, :func:`adaptive_max_pool` to size 1 (pool.global).

    * ``kernel_size``, ``stride``, ``dilation``: an int >= 1 for every axis, or
      one per axis; ``stride=None`` means ``stride = kernel_size``.
    * ``padding``: an int >= 0, one per axis, or one ``(begin, end)`` pair per
      axis (window.padding).  Any padding is accepted (PyTorch's limit is
      ``kernel_size / 2``) as long as every window reads at least one input
      position; a window wholly in the padding raises ``ValueError``.
    * ``ceil_mode``: a bool.

    ``x`` is a real NumPy array with 1 to 3 spatial axes, each of length >= 1;
    ``N = 0`` is valid.  The result is a new float64 array and a new int64
    array, both ``(N, C, *out_lengths)``.  Every invalid argument raises
    ``ValueError`` naming the parameter, the constraint and the derivation ID.

    >>> x = np.array([[[1.0, np.nan, 3.0, np.nan, 2.0, 5.0, 5.0, 1.0]]])
    >>> values, indices = max_pool(x, kernel_size=4)
    >>> values.tolist(), indices.tolist()
    ([[[nan, 5.0]]], [[[3, 5]]])
    """
    x = batch_array(x, _INDICES, nonempty=True)
    grid = _grid(x, kernel_size, stride, padding, dilation, ceil_mode)
    ndim = x.ndim - 2
    begins = [pb for pb, _ in grid.pads]
    taps = tap_pairs(grid.kernel, grid.stride, grid.dilation, begins, grid.out, grid.lengths)
    # The first input tap of a window is its first input tap on every axis: a product set.
    first = np.ravel_multi_index(np.ix_(*(grid.first_taps(a) for a in range(ndim))), grid.kernel)
    winner = _max_taps(x, grid.out, taps, first, math.prod(grid.kernel))
    return _winners(x, winner, grid.kernel, [grid.starts(a) for a in range(ndim)], grid.dilation)


def avg_pool(
    x: NDArray[np.generic],
    *,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: Padding = 0,
    dilation: int | Sequence[int] = 1,
    ceil_mode: bool = False,
    count_include_pad: bool = True,
    divisor_override: int | None = None,
) -> Array:
    """Average pooling of ``(N, C, *spatial)``, as PyTorch's avg_pool, with dilation as ONNX's.

    Windows and output lengths are :func:`max_pool`'s (window.output_length,
    window.ceil_mode).  Each output is the sum of the window's taps that read
    the input, divided once by a divisor (pool.avg.divisor)::

        y[n, c, *o] = (sum over input taps t of x[n, c, *(o*s - p_begin + t*d)]) / divisor[o]

    * ``count_include_pad=True``: the divisor counts the taps that read the
      input or its explicit padding, but not those in the ceil_mode
      overhang beyond the end padding.
    * ``count_include_pad=False``: it counts the taps that read the input.
    * ``divisor_override``: a nonzero int that replaces the divisor of every
      window (negative values are accepted, as PyTorch accepts them).

    With dilation the divisor counts taps, not the span they cover, as ONNX
    AveragePool; PyTorch's avg_pool has no dilation.  Both counts are
    products of per-axis counts, since a window's taps are a product set.
    Sums are IEEE: a window holding NaN, or +inf and -inf, gives NaN.

    In floor mode with ``count_include_pad`` this is the depthwise
    convolution with the constant kernel ``1 / prod(kernel_size)``
    (pool.avg.as_conv).  A kernel equal to the spatial shape, without
    padding, is global average pooling, :func:`adaptive_avg_pool` to size 1
    (pool.global).

    Parameters, array types, ``N = 0`` and errors are as in :func:`max_pool`;
    ``count_include_pad`` is a bool.  The result is a new float64 array
    ``(N, C, *out_lengths)``.

    >>> x = np.array([[[1.0, 2.0, 3.0, 4.0, 5.0]]])
    >>> avg_pool(x, kernel_size=3, stride=2, padding=1).tolist()
    [[[1.0, 3.0, 3.0]]]
    >>> avg_pool(x, kernel_size=3, stride=2, padding=1, count_include_pad=False).tolist()
    [[[1.5, 3.0, 4.5]]]
    """
    x = batch_array(x, _DIVISOR, nonempty=True)
    grid = _grid(x, kernel_size, stride, padding, dilation, ceil_mode)
    include_pad = require_bool(count_include_pad, "count_include_pad", _DIVISOR)
    if divisor_override is not None and (not is_int(divisor_override) or divisor_override == 0):
        raise invalid(
            "divisor_override", f"must be None or a nonzero int, got {divisor_override!r}", _DIVISOR
        )
    sums = x
    with ieee():
        for axis in range(x.ndim - 2):
            shape = list(sums.shape)
            shape[2 + axis] = grid.out[axis]
            y = np.zeros(shape)
            for at_windows, at_positions in axis_taps(
                grid.kernel[axis],
                grid.stride[axis],
                grid.dilation[axis],
                grid.pads[axis][0],
                grid.out[axis],
                grid.lengths[axis],
            ):
                y[_along(axis, at_windows)] += sums[_along(axis, at_positions)]
            sums = y
        if divisor_override is not None:
            return sums / float(divisor_override)
        counts = grid.padded_taps if include_pad else grid.input_taps
        divisor = functools.reduce(np.multiply.outer, (counts(a) for a in range(x.ndim - 2)))
        return sums / divisor.astype(np.float64)


def adaptive_avg_pool(x: NDArray[np.generic], *, output_size: int | Sequence[int]) -> Array:
    """Adaptive average pooling of ``(N, C, *spatial)`` to ``output_size``, as PyTorch's.

    On an axis of length ``n`` pooled to ``o``, window ``i`` reads
    ``[floor(i*n/o), ceil((i+1)*n/o))`` (pool.adaptive.windows): the windows
    cover the input, and neighbours overlap where ``o`` does not divide
    ``n``; ``o > n`` is valid.  Each output is the window's sum divided by its
    size, the product of its lengths.  When ``o`` divides ``n`` this is
    :func:`avg_pool` with ``kernel_size = stride = n / o``; ``output_size = 1``
    is global average pooling over the whole axis (pool.global).  Sums are
    IEEE, as in :func:`avg_pool`.

    ``output_size`` is an int >= 1 for every axis, or one per axis.  ``x`` is
    a real NumPy array with 1 to 3 spatial axes, each of length >= 1; ``N =
    0`` is valid.  The result is a new float64 array ``(N, C, *output_size)``.
    Every invalid argument raises ``ValueError`` naming the parameter, the
    constraint and the derivation ID.

    >>> adaptive_avg_pool(np.array([[[1.0, 2.0, 3.0, 4.0, 5.0]]]), output_size=3).tolist()
    [[[1.5, 3.0, 4.5]]]
    """
    x = batch_array(x, _ADAPTIVE, nonempty=True)
    out = _output_size(output_size, x)
    sums, sizes = x, []
    with ieee():
        for axis, (n, o) in enumerate(zip(x.shape[2:], out, strict=True)):
            windows = _adaptive_windows(n, o)
            y = np.empty((*sums.shape[: 2 + axis], o, *sums.shape[3 + axis :]))
            for i, (start, end) in enumerate(windows):
                window = sums[_along(axis, slice(start, end))]
                np.add.reduce(window, axis=2 + axis, out=y[_along(axis, i)])
            sums = y
            sizes.append(np.array([end - start for start, end in windows]))
        return sums / functools.reduce(np.multiply.outer, sizes).astype(np.float64)


def adaptive_max_pool(
    x: NDArray[np.generic], *, output_size: int | Sequence[int]
) -> tuple[Array, Index]:
    """Adaptive max pooling of ``(N, C, *spatial)`` to ``output_size``: ``(values, indices)``.

    The windows are :func:`adaptive_avg_pool`'s (pool.adaptive.windows); each
    output is the window's maximum with :func:`max_pool`'s rules: the first
    maximum in window order wins (pool.max.ties), NaN propagates with the
    index of the last NaN (pool.max.nan), and ``indices`` are flat positions
    in each ``(n, c)`` plane of ``x`` (pool.max.indices), as PyTorch's.
    ``output_size = 1`` is global max pooling (pool.global).

    Evaluation walks tap ``t`` of every window at once, up to the longest
    window; a shorter window reads its last position again, under that
    position's own tap number, for the taps it lacks.  That changes no
    result: on each axis the clipped tap ``min(t, length - 1)`` is
    non-decreasing in ``t``, so the first readings of the positions come in
    window order, and so do their last readings.  A position read again
    cannot exceed the running maximum, which already includes it, so the
    first maximum stays; and the last NaN read is the last NaN in window
    order.

    ``output_size``, ``x`` and the errors are as in :func:`adaptive_avg_pool`.
    The result is a new float64 array and a new int64 array, both ``(N, C,
    *output_size)``.

    >>> values, indices = adaptive_max_pool(np.array([[[3.0, 1.0, 3.0, 2.0]]]), output_size=3)
    >>> values.tolist(), indices.tolist()
    ([[[3.0, 3.0, 3.0]]], [[[0, 2, 2]]])
    """
    x = batch_array(x, _ADAPTIVE, nonempty=True)
    out = _output_size(output_size, x)
    starts, clipped = [], []  # clipped[axis][o, t] = min(t, length of window o - 1)
    for n, o in zip(x.shape[2:], out, strict=True):
        begin, end = np.array(_adaptive_windows(n, o)).T
        longest = int(np.max(end - begin))
        starts.append(begin)
        clipped.append(np.minimum(np.arange(longest), (end - begin - 1)[:, None]))
    taps = tuple(table.shape[1] for table in clipped)
    walk = _adaptive_taps(starts, clipped)
    winner = _max_taps(x, out, walk, 0, math.prod(taps))
    return _winners(x, winner, taps, starts, (1,) * len(out))


def _unpool_size(
    output_size: object, default: tuple[int, ...], stride: tuple[int, ...], x: Array
) -> tuple[int, ...]:
    """Check ``output_size`` of :func:`max_unpool` against its range (pool.unpool.scatter)."""
    ndim = x.ndim - 2
    if output_size is None:
        return default
    size = output_size
    if isinstance(size, tuple | list) and len(size) == ndim + 2:
        if tuple(size[:2]) != x.shape[:2]:
            raise invalid(
                "output_size",
                f"with {ndim + 2} entries must begin with (N, C) = {x.shape[:2]}, got {size!r}",
                _SCATTER,
            )
        size = tuple(size[2:])
    spatial_size = ints_per_axis(size, ndim, "output_size", _SCATTER)
    for axis, (want, dflt, s) in enumerate(zip(spatial_size, default, stride, strict=True)):
        if not dflt - s < want < dflt + s:
            raise invalid(
                "output_size",
                f"must lie strictly between default - stride and default + stride on every "
                f"axis, where default = (L - 1)*s - p_begin - p_end + k = {default} and "
                f"stride = {stride}; axis {axis} allows ({dflt - s}, {dflt + s}), got "
                f"{output_size!r}",
                _SCATTER,
            )
    return spatial_size


def max_unpool(
    x: NDArray[np.generic],
    indices: NDArray[np.integer[Any]],
    *,
    kernel_size: int | Sequence[int],
    stride: int | Sequence[int] | None = None,
    padding: Padding = 0,
    output_size: int | Sequence[int] | None = None,
) -> Array:
    """Scatter ``x`` into zeros at ``indices``, the partial inverse of :func:`max_pool` (PyTorch).

    ``y[n, c].flat[indices[n, c, *o]] = x[n, c, *o]``, every other entry 0
    (pool.unpool.scatter).  Where several entries name the same position the
    last in C order wins, as PyTorch's CPU kernel on one thread (on several
    threads, or CUDA, PyTorch may keep another: its documentation calls
    repeated indices nondeterministic).  After :func:`max_pool` such entries
    hold the same value, and unpooling keeps exactly the window maxima at
    their positions (pool.unpool.roundtrip).

    * The output length of each axis is by default
      ``(L - 1)*s - p_begin - p_end + k``, PyTorch's ``(L - 1)*s - 2p + k``.
    * ``output_size`` overrides it: an int for every axis, one int per
      spatial axis, or ``(N, C, *spatial)`` as PyTorch also accepts (N and C
      must then equal ``x``'s).  Each length must be >= 1 and lie strictly
      between ``default - s`` and ``default + s``, the range PyTorch's
      ``max_unpool`` accepts (``_unpool_output_size`` in
      torch/nn/functional.py): the lengths a ``max_pool`` with this kernel,
      stride and padding maps to ``L``.
    * ``kernel_size``, ``stride`` (``None`` means ``kernel_size``) and
      ``padding`` are as in :func:`max_pool`; there is no dilation, as in
      PyTorch.
    * ``indices`` is an integer NumPy array of ``x``'s shape with entries in
      ``[0, prod(output lengths))``.

    ``x`` is a real NumPy array with 1 to 3 spatial axes, each of length >= 1;
    ``N = 0`` is valid.  The result is a new float64 array ``(N, C,
    *out_lengths)``.  Every invalid argument raises ``ValueError`` naming the
    parameter, the constraint and the derivation ID.

    >>> max_unpool(np.array([[[5.0, 7.0]]]), np.array([[[1, 2]]]), kernel_size=2).tolist()
    [[[0.0, 5.0, 7.0, 0.0]]]
    """
    x = batch_array(x, _SCATTER, nonempty=True)
    if not isinstance(indices, np.ndarray) or indices.dtype.kind not in "iu":
        raise invalid(
            "indices", f"must be an integer numpy array, got {describe(indices)}", _SCATTER
        )
    if indices.shape != x.shape:
        raise invalid(
            "indices", f"must have x's shape {x.shape}, got shape {indices.shape}", _SCATTER
        )
    ndim = x.ndim - 2
    kernel = ints_per_axis(kernel_size, ndim, "kernel_size", _SCATTER)
    steps = kernel if stride is None else ints_per_axis(stride, ndim, "stride", _SCATTER)
    pads = padding_pairs(padding, ndim, _PADDING)
    default = tuple(
        (n - 1) * s - pb - pe + k
        for n, k, s, (pb, pe) in zip(x.shape[2:], kernel, steps, pads, strict=True)
    )
    if output_size is None and min(default) < 1:
        raise invalid(
            "padding",
            f"leaves no output: (L - 1)*s + k = "
            f"{tuple(d + pb + pe for d, (pb, pe) in zip(default, pads, strict=True))} must "
            f"exceed p_begin + p_end = {tuple(pb + pe for pb, pe in pads)} on every axis",
            _SCATTER,
        )
    out = _unpool_size(output_size, default, steps, x)
    plane = math.prod(out)
    if indices.size and not (indices.min() >= 0 and indices.max() < plane):
        raise invalid(
            "indices",
            f"every entry must lie in [0, {plane}), the flat positions of an output plane "
            f"{out}, got entries from {indices.min()} to {indices.max()}",
            _SCATTER,
        )
    batch, channels = x.shape[:2]
    planes = batch * channels
    target = (
        np.arange(planes)[:, None] * plane + indices.reshape(planes, math.prod(x.shape[2:]))
    ).ravel()
    # Only the last entry naming a position is written, so that no position is written
    # twice (NumPy leaves the order of repeated writes unspecified).  The last entry is
    # the largest ordinal naming the position.
    ordinal = np.arange(x.size)
    last = np.zeros(planes * plane, np.int64)
    np.maximum.at(last, target, ordinal)
    keep = last[target] == ordinal
    y = np.zeros(planes * plane)
    y[target[keep]] = x.ravel()[keep]
    return y.reshape(batch, channels, *out)
