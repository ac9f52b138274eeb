"""Output length of a sliding window, shared by convolution and pooling.

Convention, per spatial axis: the input has cells ``0 .. L - 1``.  Padding adds
``p_begin`` cells before cell 0 and ``p_end`` cells after cell ``L - 1``.  Window ``j``
(``j = 0, 1, ...``) reads taps ``t = 0 .. k - 1`` at input positions
``j*s - p_begin + t*d``: stride ``s``, dilation ``d``.  Its extent, the effective kernel,
is ``e = d*(k - 1) + 1`` cells.  A window is admitted when every tap lies in the padded
input; ``ceil_mode`` (pooling) admits one more, partial window under PyTorch's rule.

Lengths are integers computed exactly; nothing here rounds a float.

Derivations: ``window.output_length``, ``window.ceil_mode``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator

import sympy
from sympy import symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import DUMOULIN_VISIN, TORCH_CONV, TORCH_POOL_SHAPE

__all__ = [
    "admitted_windows",
    "derive_output_length",
    "effective_kernel",
    "general_output_length",
    "output_length",
    "require_int",
]

L, k, s, d = symbols("L k s d", integer=True, positive=True)
p_begin, p_end, p = symbols("p_begin p_end p", integer=True, nonnegative=True)
j, t = symbols("j t", integer=True)

_WINDOW_IMPL = ("oracle._window.output_length", "oracle.conv", "oracle.conv_transpose")


# --- argument checks --------------------------------------------------------------------------


def require_int(name: str, value: object, minimum: int, did: str) -> int:
    """``value`` as an int when it is an integer ``>= minimum``; else ``ValueError``.

    The message names the parameter, the constraint and the derivation ID ``did``.
    A bool is not an integer here.

    >>> require_int("stride", 2, 1, "window.output_length")
    2
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name}: {value!r} must be an integer ({did})")
    if value < minimum:
        raise ValueError(f"{name}: {value} must be >= {minimum} ({did})")
    return value


# --- the closed forms -------------------------------------------------------------------------


def effective_kernel(kernel_size: int, dilation: int = 1) -> int:
    """The extent ``d*(k - 1) + 1`` of a kernel of ``k`` taps spaced ``d`` apart.

    Cites ``window.output_length``.

    >>> effective_kernel(3, 2)
    5
    """
    kernel_size = require_int("kernel_size", kernel_size, 1, "window.output_length")
    dilation = require_int("dilation", dilation, 1, "window.output_length")
    return dilation * (kernel_size - 1) + 1


def _floor_count(span: int, stride: int) -> int:
    """Windows that fit: ``floor(span/s) + 1`` for the reach ``span = L + pads - e``."""
    return span // stride + 1


def _ceil_count(in_len: int, span: int, stride: int, p_first: int) -> int:
    """PyTorch's ceil_mode count: ``ceil(span/s) + 1``, less one if the last starts too late."""
    count = -(-span // stride) + 1
    if (count - 1) * stride >= in_len + p_first:
        count -= 1
    return count


def output_length(
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
    ceil_mode: bool = False,
) -> int:
    """The number of windows on one axis: ``floor((L + p_begin + p_end - d(k-1) - 1)/s) + 1``.

    With ``ceil_mode`` the floor becomes a ceiling, and the last window is dropped when it
    would start at or after ``L + p_begin``, in the end padding (PyTorch's rule,
    ``window.ceil_mode``).  Padding is non-negative; padding that leaves no window raises.
    Cites ``window.output_length``.

    >>> output_length(5, 3), output_length(5, 3, 2, 1, 1), output_length(7, 3, dilation=2)
    (3, 3, 3)
    >>> output_length(4, 2, 3, 1, 1), output_length(4, 2, 3, 1, 1, ceil_mode=True)
    (2, 2)
    >>> output_length(5, 2, 2), output_length(5, 2, 2, ceil_mode=True)
    (2, 3)
    """
    did = "window.output_length"
    in_len = require_int("in_len", in_len, 0, did)
    e = effective_kernel(kernel_size, dilation)
    stride = require_int("stride", stride, 1, did)
    p_begin = require_int("p_begin", p_begin, 0, did)
    p_end = require_int("p_end", p_end, 0, did)
    span = in_len + p_begin + p_end - e
    if span < 0:
        raise ValueError(
            f"p_begin, p_end: L + p_begin + p_end = {in_len + p_begin + p_end} is shorter than "
            f"the effective kernel d(k - 1) + 1 = {e}, which leaves no output ({did})"
        )
    if ceil_mode:
        return _ceil_count(in_len, span, stride, p_begin)
    return _floor_count(span, stride)


def admitted_windows(
    in_len: int, kernel_size: int, stride: int, p_begin: int, p_end: int, dilation: int
) -> list[int]:
    """The windows ``j`` whose every tap lies in the padded input, found by enumeration.

    This is the definition that :func:`output_length` counts in closed form; any integer
    padding is accepted (negative padding removes cells).  Cites ``window.output_length``.

    >>> admitted_windows(5, 3, 2, 1, 1, 1)
    [0, 1, 2]
    """
    first, last = -p_begin, in_len + p_end - 1
    found: list[int] = []
    window = 0
    while window * stride - p_begin + dilation * (kernel_size - 1) <= last:
        taps = [window * stride - p_begin + t * dilation for t in range(kernel_size)]
        if all(first <= tap <= last for tap in taps):
            found.append(window)
        window += 1
    return found


def _ceil_windows(
    in_len: int, kernel_size: int, stride: int, p_begin: int, p_end: int, dilation: int
) -> list[int]:
    """ceil_mode by enumeration: windows that start in the padded input and reach past
    fewer than ``s`` cells beyond it, less those that start in the end padding."""
    extent = dilation * (kernel_size - 1) + 1
    padded = in_len + p_begin + p_end
    found = []
    for window in range(padded + stride):
        start = window * stride  # in padded coordinates
        if start + extent <= padded + stride - 1 and start < in_len + p_begin:
            found.append(window)
    return found


# --- derivations ------------------------------------------------------------------------------


@functools.cache
def derive_output_length() -> tuple[sympy.Expr, sympy.Expr]:
    """Solve the last-tap constraint for the last window; return ``(j_max, L_out)``.

    Window ``j``'s last tap is at ``j*s - p_begin + d*(k - 1)``; it must not pass the last
    padded cell ``L - 1 + p_end``.  The boundary solved for ``j`` is the real ``j_max``; the
    admitted windows are ``j = 0 .. floor(j_max)``.

    >>> derive_output_length()[1]
    floor((L - d*k + d + p_begin + p_end - 1)/s) + 1
    """
    (boundary,) = sympy.solve(sympy.Eq(j * s - p_begin + d * (k - 1), L - 1 + p_end), j)
    return boundary, sympy.floor(boundary) + 1


def general_output_length() -> sympy.Expr:
    """The general closed form ``floor((L + p_begin + p_end - d(k-1) - 1)/s) + 1``.

    The first claim of ``window.output_length`` shows that the derived length
    (:func:`derive_output_length`) equals it; chapters substitute into this form.

    >>> general_output_length()
    floor((L - d*(k - 1) + p_begin + p_end - 1)/s) + 1
    """
    return sympy.floor((L + p_begin + p_end - d * (k - 1) - 1) / s) + 1


def _domain() -> Iterator[tuple[int, int, int, int, int, int]]:
    for in_len, kk, ss, dd, pb, pe in itertools.product(
        range(1, 11), range(1, 5), range(1, 5), range(1, 4), range(4), range(4)
    ):
        yield in_len, kk, ss, pb, pe, dd


def _check_enumeration() -> Iterator[object]:
    for in_len, kk, ss, pb, pe, dd in _domain():
        windows = admitted_windows(in_len, kk, ss, pb, pe, dd)
        span = in_len + pb + pe - (dd * (kk - 1) + 1)
        if span < 0:
            if windows:
                yield ("windows without room", in_len, kk, ss, pb, pe, dd)
            continue
        if windows != list(range(output_length(in_len, kk, ss, pb, pe, dd))):
            yield (in_len, kk, ss, pb, pe, dd, windows)


def _check_no_output() -> Iterator[object]:
    for in_len, kk, ss, pb, pe, dd in _domain():
        empty = not admitted_windows(in_len, kk, ss, pb, pe, dd)
        if empty != (in_len + pb + pe < dd * (kk - 1) + 1):
            yield (in_len, kk, ss, pb, pe, dd)


def _check_every_window_reads_input() -> Iterator[object]:
    """With padding below the effective kernel, every window reads an input cell."""
    for in_len, kk, ss, pb, pe, dd in _domain():
        if dd != 1 or pb >= kk or pe >= kk or in_len + pb + pe < kk:
            continue
        for window in admitted_windows(in_len, kk, ss, pb, pe, dd):
            taps = [window * ss - pb + t for t in range(kk)]
            if not any(0 <= tap < in_len for tap in taps):
                yield (in_len, kk, ss, pb, pe, dd, window)


@derivation("window.output_length")
def _output_length() -> Derivation:
    boundary, length = derive_output_length()
    published = sympy.floor((L + 2 * p - d * (k - 1) - 1) / s + 1)
    tap = j * s - p_begin + t * d
    return Derivation(
        id="window.output_length",
        title="Output length of a sliding window with stride, dilation and padding pairs",
        statement=(
            "Window j reads input positions j*s - p_begin + t*d for taps t = 0..k-1, and is "
            "admitted when its last tap j*s - p_begin + d(k-1) does not pass the last padded "
            "cell L - 1 + p_end. Solving for j gives L_out = floor((L + p_begin + p_end - "
            "d(k-1) - 1)/s) + 1, with at least one window exactly when L + p_begin + p_end "
            ">= d(k-1) + 1."
        ),
        result={"j_max": boundary, "L_out": length},
        claims=(
            symbolic(
                "the derived length equals the general closed form floor((L + p_begin + "
                "p_end - d(k-1) - 1)/s) + 1",
                length,
                general_output_length(),
            ),
            symbolic(
                "with p_begin = p_end = p it is PyTorch's documented floor((L + 2p - "
                "d(k-1) - 1)/s + 1)",
                sympy.Subs(length, (p_begin, p_end), (p, p)),
                published,
            ),
            symbolic(
                "the effective kernel spans d(k-1) + 1 cells: last tap minus first tap plus one",
                sympy.Add(
                    sympy.Subs(tap, t, k - 1),
                    sympy.Mul(-1, sympy.Subs(tap, t, 0), evaluate=False),
                    1,
                    evaluate=False,
                ),
                d * (k - 1) + 1,
            ),
            exhaustive(
                "enumerating the windows whose taps all lie in the padded input gives windows "
                "0..L_out-1",
                "L = 1..10, k = 1..4, s = 1..4, d = 1..3, p_begin, p_end = 0..3",
                _check_enumeration,
            ),
            exhaustive(
                "no window is admitted exactly when L + p_begin + p_end < d(k-1) + 1",
                "L = 1..10, k = 1..4, s = 1..4, d = 1..3, p_begin, p_end = 0..3",
                _check_no_output,
            ),
            exhaustive(
                "with dilation 1 and each padding below k, every admitted window reads at "
                "least one input cell",
                "L = 1..10, k = 1..4, s = 1..4, p_begin, p_end = 0..min(3, k-1)",
                _check_every_window_reads_input,
            ),
        ),
        references=(
            TORCH_CONV.at(
                "Conv1d 'Shape': L_out = floor((L_in + 2 padding - dilation (kernel_size - 1) "
                "- 1)/stride + 1)"
            ),
            DUMOULIN_VISIN.at(
                "Sec. 5.1, Relationship 15: the dilated kernel spans k + (k - 1)(d - 1) cells"
            ),
        ),
        implemented_by=_WINDOW_IMPL,
        notes=(
            "Convolution and pooling share this length; Dumoulin and Visin's relationships "
            "are its special cases (conv.arithmetic).",
            "Padding may differ at the two ends, as ONNX pads and TF 'SAME' produce "
            "(window.padding, window.same).",
        ),
    )


def _check_ceil_formula() -> Iterator[object]:
    for in_len, kk, ss, pb, pe, dd in _domain():
        extent = dd * (kk - 1) + 1
        if in_len + pb + pe < extent or pe >= extent:
            continue
        got = output_length(in_len, kk, ss, pb, pe, dd, ceil_mode=True)
        if got != len(_ceil_windows(in_len, kk, ss, pb, pe, dd)):
            yield (in_len, kk, ss, pb, pe, dd, got)


def _check_ceil_removal() -> Iterator[object]:
    """The rule fires iff p_end + r >= e, with r = (-span) mod s."""
    for in_len, kk, ss, pb, pe, dd in _domain():
        extent = dd * (kk - 1) + 1
        span = in_len + pb + pe - extent
        if span < 0:
            continue
        r = (-span) % ss
        raw = -(-span // ss) + 1
        fires = output_length(in_len, kk, ss, pb, pe, dd, ceil_mode=True) < raw
        if fires != (pe + r >= extent):
            yield (in_len, kk, ss, pb, pe, dd)


def _check_ceil_adds_at_most_one() -> Iterator[object]:
    """Below the effective kernel, ceil = floor + [r > 0 and p_end + r < e]."""
    for in_len, kk, ss, pb, pe, dd in _domain():
        extent = dd * (kk - 1) + 1
        span = in_len + pb + pe - extent
        if span < 0 or pe >= extent:
            continue
        r = (-span) % ss
        floor_len = output_length(in_len, kk, ss, pb, pe, dd)
        ceil_len = output_length(in_len, kk, ss, pb, pe, dd, ceil_mode=True)
        if ceil_len != floor_len + int(r > 0 and pe + r < extent):
            yield (in_len, kk, ss, pb, pe, dd)


def _ceil_examples() -> Iterator[object]:
    cases = (
        # (L, k, s, p, floor, raw ceil, PyTorch ceil)
        (4, 2, 3, 1, 2, 3, 2),
        (5, 2, 2, 0, 2, 3, 3),
        (5, 3, 2, 1, 3, 3, 3),
    )
    for in_len, kk, ss, pp, floor_len, raw, ceil_len in cases:
        span = in_len + 2 * pp - kk
        got = (
            output_length(in_len, kk, ss, pp, pp),
            -(-span // ss) + 1,
            output_length(in_len, kk, ss, pp, pp, ceil_mode=True),
        )
        if got != (floor_len, raw, ceil_len):
            yield (in_len, kk, ss, pp, got)


@derivation("window.ceil_mode")
def _ceil_mode() -> Derivation:
    span = L + p_begin + p_end - d * (k - 1) - 1
    return Derivation(
        id="window.ceil_mode",
        title="ceil_mode: one more, partial window, unless it would start in the end padding",
        statement=(
            "With ceil_mode the length is ceil(A/s) + 1 with A = L + p_begin + p_end - "
            "d(k-1) - 1, which admits one partial window when s does not divide A, and PyTorch "
            "then drops the last window if it starts at or after L + p_begin (in the end "
            "padding). With r = (-A) mod s the drop happens exactly when p_end + r >= "
            "d(k-1) + 1. Since PyTorch caps padding at half the effective kernel, ceil_mode "
            "adds one window exactly when r > 0 and p_end + r < d(k-1) + 1."
        ),
        result={
            "A": span,
            "L_out (ceil, before the rule)": sympy.ceiling(span / s) + 1,
            "rule": sympy.Ge(p_end + sympy.Mod(-span, s), d * (k - 1) + 1),
        },
        claims=(
            exhaustive(
                "PyTorch's formula counts the windows that start in the padded input and "
                "overhang its end by fewer than s cells, less those starting in the end padding",
                "L = 1..10, k = 1..4, s = 1..4, d = 1..3, p_begin = 0..3, p_end = 0..min(3, "
                "d(k-1))",
                _check_ceil_formula,
            ),
            exhaustive(
                "the rule removes a window exactly when p_end + ((-A) mod s) >= d(k-1) + 1",
                "L = 1..10, k = 1..4, s = 1..4, d = 1..3, p_begin, p_end = 0..3",
                _check_ceil_removal,
            ),
            exhaustive(
                "for p_end < d(k-1) + 1, ceil_mode adds one window to the floor length exactly "
                "when r > 0 and p_end + r < d(k-1) + 1, and never more",
                "L = 1..10, k = 1..4, s = 1..4, d = 1..3, p_begin = 0..3, p_end = 0..min(3, "
                "d(k-1))",
                _check_ceil_adds_at_most_one,
            ),
            exhaustive(
                "worked examples: (L, k, s, p) = (4, 2, 3, 1) gives floor 2, ceil 3 before the "
                "rule and 2 after; (5, 2, 2, 0) gives 2, 3, 3; (5, 3, 2, 1) gives 3, 3, 3",
                "the three listed cases",
                _ceil_examples,
            ),
        ),
        references=(
            TORCH_POOL_SHAPE.at(
                "pooling_output_shape_pad_lr: div_rtn(inputSize + pad_l + pad_r - dilation "
                "(kernelSize - 1) - 1 + (ceil_mode ? stride - 1 : 0), stride) + 1, less one "
                "when ceil_mode and (outputSize - 1) stride >= inputSize + pad_l"
            ),
            TORCH_POOL_SHAPE.at(
                "pooling_output_shape: pad <= ((kernelSize - 1) dilation + 1) / 2; MaxPool2d "
                "documentation on ceil_mode and the right padded region"
            ),
        ),
        implemented_by=("oracle._window.output_length",),
        notes=(
            "PyTorch's documentation states the rule in words: sliding windows may go "
            "off-bounds if they start within the left padding or the input; windows that "
            "would start in the right padded region are ignored.",
            "The rule decrements at most once. With padding at least the effective kernel "
            "(which PyTorch rejects) two windows could start in the end padding and one would "
            "survive; the spec follows PyTorch's formula.",
        ),
    )
