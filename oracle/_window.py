"""Sliding-window arithmetic shared by convolution and pooling.

A window op on one spatial axis of length ``L`` is described by a kernel
size ``k``, a stride ``s``, a dilation ``d`` and a padding pair
``(pad_begin, pad_end)``.  The axis is first padded with ``pad_begin``
positions before and ``pad_end`` after; window ``o`` then reads the padded
positions ``o*s + t*d`` for the taps ``t = 0 .. k-1``, so its first tap sits
at input position ``o*s - pad_begin``.  The dilated kernel spans
``d*(k-1) + 1`` positions.

This module turns the user-facing forms of these parameters into per-axis
tuples of ints (:func:`ints_per_axis`, :func:`padding_pairs`), computes
output lengths in exact integer arithmetic (:func:`output_length`,
window.output_length and window.ceil_mode), and lists which windows meet
which positions through each tap, as slices (:func:`axis_taps` on one axis,
:func:`tap_pairs` on all of them).  It imports NumPy and the standard
library only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import TypeGuard

from oracle._args import Int, invalid, is_int, per_axis

__all__ = ["axis_taps", "ints_per_axis", "output_length", "padding_pairs", "tap_pairs"]


def ints_per_axis(
    value: object, ndim: int, parameter: str, derivation_id: str, *, minimum: int = 1
) -> tuple[int, ...]:
    """Normalise an int-valued per-axis parameter (kernel_size, stride, dilation) to ``ndim`` ints.

    ``value`` is an int for every spatial axis or a tuple with one int per
    axis; every entry must be ``>= minimum`` (1 by default: kernel sizes,
    strides and dilations are positive).  Python and NumPy integers are
    accepted, bools are not.  Anything else raises ``ValueError`` naming
    ``parameter`` and citing ``derivation_id``.

    >>> ints_per_axis(2, 3, "stride", "window.output_length")
    (2, 2, 2)
    >>> ints_per_axis((1, 0), 2, "output_padding", "conv_transpose.output_padding", minimum=0)
    (1, 0)
    """
    entries = per_axis(value, ndim, parameter, derivation_id, accepts=is_int, noun="an int")
    if any(entry < minimum for entry in entries):
        raise invalid(parameter, f"every entry must be >= {minimum}, got {value!r}", derivation_id)
    return tuple(int(entry) for entry in entries)


def _is_pair(entry: object) -> TypeGuard[tuple[Int, Int]]:
    """True for a ``(begin, end)`` tuple or list of two ints."""
    return isinstance(entry, tuple | list) and len(entry) == 2 and all(map(is_int, entry))


def padding_pairs(padding: object, ndim: int, derivation_id: str) -> tuple[tuple[int, int], ...]:
    """Normalise ``padding`` to one ``(begin, end)`` pair of ints per spatial axis (window.padding).

    Three forms are accepted:

    * an int ``p``: ``(p, p)`` on every axis;
    * a tuple of ``ndim`` ints, one per axis, padding both sides equally;
    * a tuple of ``ndim`` ``(begin, end)`` pairs, one per axis, as ONNX
      ``pads`` (reordered per axis) and "SAME" padding (window.same) produce.
      The SAME pairs of transposed convolution can be negative
      (conv_transpose.same) and are then rejected.

    Every entry must be an int ``>= 0`` (Python or NumPy; bools are
    rejected).  A tuple mixing ints and pairs, a tuple of the wrong length
    and a negative entry raise ``ValueError`` naming ``padding`` and citing
    ``derivation_id``.

    >>> padding_pairs(1, 2, "window.padding")
    ((1, 1), (1, 1))
    >>> padding_pairs((0, 2), 2, "window.padding")
    ((0, 0), (2, 2))
    >>> padding_pairs(((0, 1), (2, 3)), 2, "window.padding")
    ((0, 1), (2, 3))
    """
    forms = f"an int, a tuple of {ndim} ints or a tuple of {ndim} (begin, end) pairs of ints"
    bad_form = invalid("padding", f"must be {forms}, got {padding!r}", derivation_id)
    pairs: list[tuple[int, int]] = []
    if is_int(padding):
        pairs = [(int(padding), int(padding))] * ndim
    elif not isinstance(padding, tuple | list) or len(padding) != ndim:
        raise bad_form
    elif all(map(is_int, padding)):
        pairs = [(int(p), int(p)) for p in padding]
    else:
        for entry in padding:
            if not _is_pair(entry):
                raise bad_form
            begin, end = entry
            pairs.append((int(begin), int(end)))
    if any(p < 0 for pair in pairs for p in pair):
        raise invalid("padding", f"every entry must be >= 0, got {padding!r}", derivation_id)
    return tuple(pairs)


def output_length(
    length: int,
    kernel: int,
    stride: int,
    pad_begin: int,
    pad_end: int,
    dilation: int,
    ceil_mode: bool = False,
) -> int:
    """The number of windows on one axis, in exact integer arithmetic (window.output_length).

    ``floor((L + pad_begin + pad_end - d*(k-1) - 1) / s) + 1``: the windows
    whose dilated span ``d*(k-1) + 1`` fits inside the padded axis.  Dumoulin
    and Visin's relationships 1 to 7 and 15 are its special cases
    (conv.arithmetic), and with the pairs of "SAME" padding it gives
    ``ceil(L / s)`` windows (window.same).  With
    ``ceil_mode`` the division rounds up instead, so a last, partial window
    is kept, but only if it starts inside the input or its begin padding,
    ``(out - 1)*s < L + pad_begin``; otherwise it is dropped (window.ceil_mode,
    the rule of PyTorch's pooling and of onnx.reference).  The rule drops one
    window at most, and drops it even when rounding up added none: with an
    end padding at least as long as the dilated kernel (beyond PyTorch's
    ``padding <= kernel_size / 2``) ceil_mode can thus give one window fewer
    than floor mode, as both libraries' formulas do.

    The result is not checked: a value ``<= 0`` means the padded axis is
    shorter than the dilated kernel, and the caller raises.  Arguments are
    assumed valid (positive kernel, stride and dilation, non-negative
    padding).

    >>> output_length(5, 3, 1, 0, 0, 1), output_length(5, 3, 2, 1, 1, 1)
    (3, 3)
    >>> output_length(6, 3, 2, 0, 0, 1), output_length(6, 3, 2, 0, 0, 1, ceil_mode=True)
    (2, 3)
    >>> output_length(4, 2, 3, 1, 1, 1, ceil_mode=True)  # a 3rd window would start at input 5
    2
    """
    span = length + pad_begin + pad_end - dilation * (kernel - 1) - 1
    if not ceil_mode:
        return span // stride + 1
    out = -(-span // stride) + 1
    if (out - 1) * stride >= length + pad_begin:
        out -= 1
    return out


def axis_taps(
    kernel: int, stride: int, dilation: int, begin: int, windows: int, positions: int
) -> list[tuple[slice, slice]]:
    """For each tap ``t`` of one axis, the windows that meet a position through it, as slices.

    Through tap ``t``, window ``w`` meets the position ``w*s - begin + t*d``
    (window.output_length).  Entry ``t`` is a pair of slices: the windows
    ``w`` in ``[0, windows)`` whose position lies in ``[0, positions)``, and
    those positions (step ``s``), in the same order.  Both slices are empty
    where the tap meets no position.  Positions outside ``[0, positions)``
    (the padding) are left out, so the slices never exceed the arrays,
    however large the padding.

    >>> axis_taps(2, 2, 1, 1, 2, 3)  # kernel 2, stride 2, padding 1: 2 windows over 3 inputs
    [(slice(1, 2, None), slice(1, 2, 2)), (slice(0, 2, None), slice(0, 3, 2))]
    """
    taps = []
    for t in range(kernel):
        first = t * dilation - begin  # the position of window 0
        lo = max(0, -(first // stride))  # the first window at a position >= 0
        hi = min(windows, (positions - 1 - first) // stride + 1)
        if lo < hi:
            taps.append(
                (slice(lo, hi), slice(lo * stride + first, (hi - 1) * stride + first + 1, stride))
            )
        else:
            taps.append((slice(0, 0), slice(0, 0)))
    return taps


def tap_pairs(
    kernel: Sequence[int],
    stride: Sequence[int],
    dilation: Sequence[int],
    begins: Sequence[int],
    windows: Sequence[int],
    positions: Sequence[int],
) -> Iterator[tuple[int, tuple[slice, ...], tuple[slice, ...]]]:
    """Every (window, position) pair the index map joins, tap by tap, as slices on every axis.

    A tap of an N-d kernel is one tap per axis (the index map is separable).
    For each tap, in C order over the kernel, this yields the tap's flat
    index, the windows that meet a position through it (one slice of window
    indices per axis) and those positions (one slice per axis), as
    :func:`axis_taps` gives them; a tap that meets no position on some axis
    is skipped.

    For conv and pooling the windows are the outputs and the positions the
    input; for conv_transpose the windows are its inputs and the positions
    its output.
    """
    per_axis = [
        axis_taps(*axis)
        for axis in zip(kernel, stride, dilation, begins, windows, positions, strict=True)
    ]
    for tap, axes in enumerate(itertools.product(*per_axis)):
        if all(at_windows.start < at_windows.stop for at_windows, _ in axes):
            yield (
                tap,
                tuple(at_windows for at_windows, _ in axes),
                tuple(at_positions for _, at_positions in axes),
            )
