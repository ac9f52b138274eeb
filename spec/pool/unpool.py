"""Max-unpooling: a scatter of the pooled values to their indices, and its round trip.

Convention: ``max_unpool`` takes a pooled plane and its indices (flat positions in the
unpadded plane, ``pool.max.indices``) and writes each value at its index in a plane of
zeros of the output shape, in row-major order of the pooled plane, so a later write to the
same cell wins.  The default output length per axis is ``(L - 1)s + k - p_begin - p_end``,
the least input length whose floor-mode pooling has ``L`` windows, which is transposed
convolution's length with dilation 1 (``conv_transpose.output_length``).  An explicit
length ``n`` is valid when ``default - s < n < default + s`` and ``n >= 0``, as PyTorch
accepts; every index must then lie in the output plane.

Derivations: ``pool.unpool.scatter``, ``pool.unpool.roundtrip``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Mapping, Sequence

import sympy

from spec.conv.arithmetic import derive_transpose_length
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.pool.geometry import PoolGeometry, Position, unflat_index
from spec.pool.max import max_pool_plane
from spec.references import SEGNET, TORCH_MAX_UNPOOL
from spec.window import output_length
from spec.window.length import require_int

__all__ = [
    "max_unpool_plane",
    "unpool_default_length",
    "unpool_valid_lengths",
]

_IMPL = ("oracle.max_unpool",)
SCATTER = "pool.unpool.scatter"


def unpool_default_length(
    in_len: int, kernel_size: int, stride: int, p_begin: int = 0, p_end: int = 0
) -> int:
    """The default output length ``(L - 1)s + k - p_begin - p_end`` on one axis.

    It may be 0 or negative for large padding; :func:`unpool_valid_lengths` says which
    lengths are usable.  Cites ``pool.unpool.scatter``.

    >>> unpool_default_length(3, 2, 2), unpool_default_length(4, 3, 2, 1, 1)
    (6, 7)
    """
    in_len = require_int("in_len", in_len, 1, SCATTER)
    kernel_size = require_int("kernel_size", kernel_size, 1, SCATTER)
    stride = require_int("stride", stride, 1, SCATTER)
    return (in_len - 1) * stride + kernel_size - p_begin - p_end


def unpool_valid_lengths(
    in_len: int, kernel_size: int, stride: int, p_begin: int = 0, p_end: int = 0
) -> range:
    """The explicit output lengths PyTorch accepts: ``default - s < n < default + s``, ``n >= 0``.

    Cites ``pool.unpool.scatter``.

    >>> unpool_valid_lengths(3, 2, 2)
    range(5, 8)
    """
    default = unpool_default_length(in_len, kernel_size, stride, p_begin, p_end)
    return range(max(default - stride + 1, 0), default + stride)


def max_unpool_plane(
    values: Mapping[Position, float], indices: Mapping[Position, int], out_shape: Sequence[int]
) -> dict[Position, float]:
    """Scatter ``values[q]`` to the cell whose flat index is ``indices[q]``; zeros elsewhere.

    Writes run in row-major order of the pooled plane, so the last write to a cell wins.
    An index outside ``[0, prod out_shape)`` raises ``ValueError``.  Cites
    ``pool.unpool.scatter``.

    >>> max_unpool_plane({(0,): 5.0, (1,): 7.0}, {(0,): 1, (1,): 2}, (4,))
    {(0,): 0.0, (1,): 5.0, (2,): 7.0, (3,): 0.0}
    """
    size = math.prod(out_shape)
    out = {p: 0.0 for p in itertools.product(*(range(n) for n in out_shape))}
    for q in sorted(values):
        index = indices[q]
        if not 0 <= index < size:
            raise ValueError(
                f"indices: {index} at {q} must lie in [0, {size}) for output shape "
                f"{tuple(out_shape)} ({SCATTER})"
            )
        out[unflat_index(index, out_shape)] = values[q]
    return out


# --- pool.unpool.scatter ----------------------------------------------------------------------


def _check_input_lengths() -> Iterator[object]:
    """Which input lengths pool to L windows, against the default and the valid range."""
    for kk, ss, pb, pe in itertools.product(range(1, 5), range(1, 5), range(3), range(3)):
        if pb > kk // 2 or pe > kk // 2:
            continue
        lengths = [n for n in range(1, 31) if n + pb + pe >= kk]
        for pooled in range(1, 6):
            default = unpool_default_length(pooled, kk, ss, pb, pe)
            floor = {n for n in lengths if output_length(n, kk, ss, pb, pe) == pooled}
            ceil = {
                n for n in lengths if output_length(n, kk, ss, pb, pe, ceil_mode=True) == pooled
            }
            if floor != set(range(default, default + ss)) & set(lengths):
                yield (kk, ss, pb, pe, pooled, "floor", sorted(floor))
            if not ceil <= set(unpool_valid_lengths(pooled, kk, ss, pb, pe)):
                yield (kk, ss, pb, pe, pooled, "ceil", sorted(ceil))


def _check_adjoint() -> Iterator[object]:
    """Distinct indices: <unpool(y), x> = <y, x[indices]> for symbolic x and y."""
    for pooled_len, out_len in itertools.product(range(1, 4), range(1, 6)):
        ys = {(q,): sympy.Symbol(f"y{q}") for q in range(pooled_len)}
        xs = [sympy.Symbol(f"x{c}") for c in range(out_len)]
        for chosen in itertools.permutations(range(out_len), pooled_len):
            indices = {(q,): chosen[q] for q in range(pooled_len)}
            unpooled = max_unpool_plane(ys, indices, (out_len,))  # type: ignore[arg-type]
            left = sum(unpooled[(c,)] * xs[c] for c in range(out_len))
            right = sum(ys[(q,)] * xs[chosen[q]] for q in range(pooled_len))
            if sympy.expand(left - right) != 0:
                yield (pooled_len, out_len, chosen)


@derivation(SCATTER)
def _scatter() -> Derivation:
    general = derive_transpose_length()
    by_name = {sym.name: sym for sym in general.free_symbols}
    pooled = sympy.Symbol("L", integer=True, positive=True)
    s, k = by_name["s"], by_name["k"]
    default = general.subs({by_name["d"]: 1, by_name["output_padding"]: 0, by_name["i'"]: pooled})
    p = sympy.Symbol("p", integer=True, nonnegative=True)
    held = ("d", "output_padding", "i'", "p_begin", "p_end")
    symmetric = sympy.Subs(general, tuple(by_name[x] for x in held), (1, 0, pooled, p, p))
    return Derivation(
        id=SCATTER,
        title="max_unpool is a scatter; its default and valid output lengths",
        statement=(
            "max_unpool writes each pooled value at its index in a zero plane of the output "
            "shape, in row-major order of the pooled plane (a later write to a cell wins), and "
            "an index outside the plane is an error. The default length per axis is (L - 1)s + "
            "k - p_begin - p_end, the least input length whose floor-mode pooling has L "
            "windows (transposed convolution's length with dilation 1), and PyTorch accepts an "
            "explicit length n when default - s < n < default + s and n >= 0. Every input "
            "length that pools to L windows, in floor or ceil mode, is such a length, so the "
            "original size is always a valid output_size."
        ),
        result={"default": default},
        claims=(
            symbolic(
                "the default, the transposed length of conv_transpose.output_length at d = 1, "
                "output_padding = 0 and i' = L, is with p_begin = p_end = p PyTorch's "
                "(input_size - 1) stride + kernel_size - 2 padding",
                symmetric,
                (pooled - 1) * s + k - 2 * p,
            ),
            exhaustive(
                "the floor-mode input lengths with L windows are default .. default + s - 1, "
                "and every ceil-mode one lies in (default - s, default + s)",
                "L = 1..5 windows, L_in = 1..30, k = 1..4, s = 1..4, p_begin, p_end <= k // 2",
                _check_input_lengths,
            ),
            exhaustive(
                "with distinct indices max_unpool is the adjoint of gathering at the indices: "
                "<unpool(y), x> = <y, x[indices]>",
                "1-D: pooled length 1..3, output length 1..5, every injective index map; "
                "symbolic x, y",
                _check_adjoint,
            ),
        ),
        references=(
            TORCH_MAX_UNPOOL.at(
                "_unpool_output_size: default_size = (input_size - 1) stride + kernel_size - "
                "2 padding, and an explicit size must satisfy default - stride < size < "
                "default + stride; cpu_max_unpool: output[index] = input, and an index outside "
                "[0, plane size) raises 'Found an invalid max index'"
            ),
        ),
        implemented_by=_IMPL,
        notes=(
            "PyTorch's CPU kernel writes in row-major order within a plane; with duplicate "
            "indices carrying different values PyTorch promises no order, and the spec takes "
            "the last write. Indices from max_pool never disagree (pool.unpool.roundtrip).",
            "The default is conv_transpose.output_length at d = 1 and output_padding = 0. "
            "With large padding it can be 0 or below, and an index then fits no plane.",
        ),
    )


# --- pool.unpool.roundtrip --------------------------------------------------------------------

_ALPHABET = (0.0, 1.0, math.nan)


def _cases() -> Iterator[tuple[tuple[float, ...], PoolGeometry]]:
    for in_len in range(1, 6):
        for kk, ss, pp, ceil in itertools.product(
            range(1, 4), range(1, 4), range(2), (False, True)
        ):
            if pp > kk // 2 or in_len + 2 * pp < kk:
                continue
            g = PoolGeometry.of(1, kk, ss, pp, ceil_mode=ceil)
            for x in itertools.product(_ALPHABET, repeat=in_len):
                yield x, g


def _round_trip(
    x: Sequence[float], g: PoolGeometry
) -> tuple[dict[Position, tuple[float, int]], dict[Position, float]]:
    plane: dict[Position, float] = {(c,): v for c, v in enumerate(x)}
    pooled = max_pool_plane(plane, (len(x),), g)
    values = {q: v for q, (v, _) in pooled.items()}
    indices = {q: i for q, (_, i) in pooled.items()}
    return pooled, max_unpool_plane(values, indices, (len(x),))


def _same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == b


def _check_keeps_maxima() -> Iterator[object]:
    for x, g in _cases():
        pooled, y = _round_trip(x, g)
        kept = {i for _, i in pooled.values()}
        for c, v in enumerate(x):
            if not _same(y[(c,)], v if c in kept else 0.0):
                yield (x, g, c)
        if any(not _same(y[(i,)], v) for v, i in pooled.values()):
            yield (x, g, "a maximum moved")


def _check_duplicates_agree() -> Iterator[object]:
    for x, g in _cases():
        pooled, _ = _round_trip(x, g)
        written: dict[int, list[float]] = {}
        for v, i in pooled.values():
            written.setdefault(i, []).append(v)
        if any(len({repr(v) for v in vs}) > 1 for vs in written.values()):
            yield (x, g, written)


def _check_idempotent() -> Iterator[object]:
    for x, g in _cases():
        if any(math.isnan(v) for v in x):
            continue
        pooled, y = _round_trip(x, g)
        again = max_pool_plane(y, (len(x),), g)
        if again != pooled:
            yield (x, g, again, pooled)
    x = (-1.0, -2.0)
    pooled, y = _round_trip(x, PoolGeometry.of(1, 2))
    if max_pool_plane(y, (2,), PoolGeometry.of(1, 2)) != {(0,): (0.0, 1)}:
        yield ("[-1, -2], k = 2 should pool to 0 at 1 after unpooling",)


@derivation("pool.unpool.roundtrip")
def _roundtrip() -> Derivation:
    return Derivation(
        id="pool.unpool.roundtrip",
        title="max_unpool after max_pool keeps exactly the window maxima",
        statement=(
            "Unpooling max_pool's values with its indices, at the input's size, keeps the "
            "input at exactly the selected cells and zeros the rest, so every window's "
            "maximum, NaN included, sits where max_pool found it. Overlapping windows may "
            "select the same cell and then carry the same value, so the order of the writes "
            "does not matter. On non-negative inputs without NaN, pooling the unpooled array "
            "again gives the same values and indices; on negative inputs it need not, since "
            "a zero can outrank the kept maximum."
        ),
        result={},
        claims=(
            exhaustive(
                "the unpooled input equals x on the selected indices and 0 elsewhere, and "
                "holds each window's maximum at its index",
                "1-D: every x of length 1..5 over {0, 1, NaN}; k, s = 1..3, p <= k // 2; "
                "floor and ceil",
                _check_keeps_maxima,
            ),
            exhaustive(
                "windows that select the same cell carry the same value",
                "the same cases",
                _check_duplicates_agree,
            ),
            exhaustive(
                "without NaN (here non-negative), max_pool of the unpooled array equals "
                "max_pool of x in values and indices; [-1, -2] with k = 2 is a counterexample "
                "for negative inputs",
                "the same cases without NaN, and that one",
                _check_idempotent,
            ),
        ),
        references=(
            TORCH_MAX_UNPOOL.at(
                "MaxUnpool2d documentation: a partial inverse of MaxPool2d in which all "
                "non-maximal values are set to zero"
            ),
            SEGNET.at(
                "Sec. 3: the decoder upsamples with the max-pooling indices of its encoder, "
                "producing sparse feature maps"
            ),
        ),
        implemented_by=("oracle.max_unpool", "oracle.max_pool"),
        notes=(
            "PyTorch documents MaxUnpool as a partial inverse of MaxPool in which all "
            "non-maximal values are set to zero; SegNet's decoders upsample this way.",
        ),
    )
