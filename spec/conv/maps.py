"""Index maps of convolution and transposed convolution, and their exact matrices.

Convention, per spatial axis (``window.output_length``): convolution output ``o`` reads
input ``i = o*s - p_begin + t*d`` through kernel tap ``t``, when ``0 <= i < L``.  Zero
padding is the absence of a term.  Transposed convolution is defined by scattering:
input ``o`` adds ``w[t] * x[o]`` into output ``q = o*s - p_begin + t*d`` for every tap ``t``,
when ``0 <= q < L_T``, with ``L_T = s(L - 1) + d(k - 1) + 1 - p_begin - p_end +
output_padding``.  The same triple ``(o, t, i)`` appears in both: that is the whole of
``conv_transpose.matrix_transpose``.

Channels and groups follow PyTorch: a convolution weight has shape
``(C_out, C_in/groups, *k)`` and output channel ``co`` of group ``g = co // (C_out/groups)``
reads the input channels of group ``g``; a transposed-convolution weight has shape
``(C_in, C_out/groups, *k)``.

Matrices have one row per output ``(channel, position)`` and one column per input
``(channel, position)``, channel-major.  Internally a matrix is a :class:`collections.Counter`
of ``(row, column, weight index)`` terms: an exact linear form in independent weight
symbols, cheap enough to compare over whole domains.  Internal builders accept negative
padding, which removes cells; the public helpers accept only what the oracle accepts.

Derivations: ``conv_transpose.matrix_transpose``, ``conv_transpose.output_length``,
``conv.groups``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator, Sequence

import sympy

from spec.window.length import effective_kernel, output_length, require_int

__all__ = [
    "Terms",
    "conv_matrix",
    "index_map",
    "output_padding_limit",
    "transpose_index_map",
    "transpose_matrix",
    "transpose_output_length",
    "weight_symbol",
]

Cell = tuple[int, int]  # (channel, position)
WeightIndex = tuple[int, int, int]  # (first, second, tap) into the stored weight tensor
Terms = Counter[tuple[Cell, Cell, WeightIndex]]


# --- lengths ----------------------------------------------------------------------------------


def _conv_length(in_len: int, k: int, s: int, pb: int, pe: int, d: int) -> int:
    """floor((L + pb + pe - d(k-1) - 1)/s) + 1 for any integer padding (0 if no window)."""
    span = in_len + pb + pe - d * (k - 1) - 1
    return span // s + 1 if span >= 0 else 0


def _transpose_length(in_len: int, k: int, s: int, pb: int, pe: int, d: int, op: int) -> int:
    return s * (in_len - 1) + d * (k - 1) + 1 - pb - pe + op


def output_padding_limit(stride: int, dilation: int) -> int:
    """The bound ``max(stride, dilation)`` that output_padding must stay below, as PyTorch.

    Cites ``conv_transpose.output_padding``.

    >>> output_padding_limit(1, 2), output_padding_limit(3, 1)
    (2, 3)
    """
    return max(stride, dilation)


def _check_axis(
    did: str, in_len: int, kernel_size: int, stride: int, p_begin: int, p_end: int, dilation: int
) -> None:
    require_int("in_len", in_len, 1, did)
    effective_kernel(kernel_size, dilation)
    require_int("stride", stride, 1, did)
    require_int("p_begin", p_begin, 0, did)
    require_int("p_end", p_end, 0, did)


def transpose_output_length(
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
    output_padding: int = 0,
) -> int:
    """``s(L - 1) + d(k - 1) + 1 - p_begin - p_end + output_padding`` on one axis.

    ``0 <= output_padding < max(stride, dilation)``, as PyTorch checks
    (``conv_transpose.output_padding``); padding must leave at least one output.
    Cites ``conv_transpose.output_length``.

    >>> transpose_output_length(2, 3), transpose_output_length(3, 3, 2, 1, 1, 1, 1)
    (4, 6)
    >>> transpose_output_length(5, 3, 1, 0, 0, 2, 1)
    10
    """
    did = "conv_transpose.output_length"
    _check_axis(did, in_len, kernel_size, stride, p_begin, p_end, dilation)
    output_padding = require_int("output_padding", output_padding, 0, did)
    limit = output_padding_limit(stride, dilation)
    if output_padding >= limit:
        raise ValueError(
            f"output_padding: {output_padding} must be < max(stride, dilation) = {limit} "
            "(conv_transpose.output_padding)"
        )
    length = _transpose_length(
        in_len, kernel_size, stride, p_begin, p_end, dilation, output_padding
    )
    if length < 1:
        raise ValueError(
            f"p_begin, p_end: padding {p_begin} + {p_end} leaves no output: s(L - 1) + d(k - 1) "
            f"+ 1 + output_padding = {length + p_begin + p_end} ({did})"
        )
    return length


# --- index maps -------------------------------------------------------------------------------


def _gather(
    in_len: int, k: int, s: int, pb: int, pe: int, d: int
) -> Iterator[tuple[int, int, int]]:
    """The convolution's (o, t, i) triples by its definition: output o reads i through t."""
    for o in range(_conv_length(in_len, k, s, pb, pe, d)):
        for t in range(k):
            i = o * s - pb + t * d
            if 0 <= i < in_len:
                yield o, t, i


def _scatter(
    in_len: int, k: int, s: int, pb: int, pe: int, d: int, op: int
) -> Iterator[tuple[int, int, int]]:
    """The transposed convolution's (o, t, q) triples: input o adds into q through t."""
    out_len = _transpose_length(in_len, k, s, pb, pe, d, op)
    for o in range(in_len):
        for t in range(k):
            q = o * s - pb + t * d
            if 0 <= q < out_len:
                yield o, t, q


def index_map(
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
) -> tuple[tuple[int, int, int], ...]:
    """Every ``(o, t, i)`` of a 1-D convolution: output ``o`` reads input ``i`` through tap ``t``.

    ``i = o*s - p_begin + t*d`` with ``0 <= i < in_len``; taps that land in the padding are
    absent.  Outputs are ``0 .. L_out - 1`` of ``window.output_length``.  An N-d map is the
    product of the per-axis maps (``conv_transpose.matrix_transpose``).

    >>> index_map(4, 3)[:4]
    ((0, 0, 0), (0, 1, 1), (0, 2, 2), (1, 0, 1))
    >>> index_map(3, 3, 2, 1, 1)
    ((0, 1, 0), (0, 2, 1), (1, 0, 1), (1, 1, 2))
    """
    _check_axis("window.output_length", in_len, kernel_size, stride, p_begin, p_end, dilation)
    output_length(in_len, kernel_size, stride, p_begin, p_end, dilation)
    return tuple(_gather(in_len, kernel_size, stride, p_begin, p_end, dilation))


def transpose_index_map(
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
    output_padding: int = 0,
) -> tuple[tuple[int, int, int], ...]:
    """Every ``(o, t, q)`` of a 1-D transposed convolution: input ``o`` reaches output ``q``.

    ``q = o*s - p_begin + t*d`` with ``0 <= q < L_T`` (``transpose_output_length``); contributions
    that land in the padding are cropped.  Cites ``conv_transpose.matrix_transpose``.

    >>> transpose_index_map(2, 3, 2)
    ((0, 0, 0), (0, 1, 1), (0, 2, 2), (1, 0, 2), (1, 1, 3), (1, 2, 4))
    """
    transpose_output_length(in_len, kernel_size, stride, p_begin, p_end, dilation, output_padding)
    return tuple(_scatter(in_len, kernel_size, stride, p_begin, p_end, dilation, output_padding))


# --- channels ---------------------------------------------------------------------------------


def _check_channels(did: str, in_channels: int, out_channels: int, groups: int) -> None:
    in_channels = require_int("in_channels", in_channels, 1, did)
    out_channels = require_int("out_channels", out_channels, 1, did)
    groups = require_int("groups", groups, 1, did)
    if in_channels % groups or out_channels % groups:
        raise ValueError(
            f"groups: {groups} must divide in_channels = {in_channels} and out_channels = "
            f"{out_channels} (conv.groups)"
        )


def _channel_pairs(reader: int, read: int, groups: int) -> Iterator[tuple[int, int, int]]:
    """(reader channel, read channel, read channel within its group) of the same group."""
    per_reader, per_read = reader // groups, read // groups
    for a in range(reader):
        group = a // per_reader
        for local in range(per_read):
            yield a, group * per_read + local, local


def conv_terms(
    in_len: int,
    k: int,
    s: int,
    pb: int,
    pe: int,
    d: int,
    cin: int = 1,
    cout: int = 1,
    groups: int = 1,
) -> Terms:
    """The convolution matrix as terms ``((co, o), (ci, i), (co, ci_local, t))``."""
    triples = list(_gather(in_len, k, s, pb, pe, d))
    terms: Terms = Counter()
    for co, ci, local in _channel_pairs(cout, cin, groups):
        for o, t, i in triples:
            terms[(co, o), (ci, i), (co, local, t)] += 1
    return terms


def transpose_terms(
    in_len: int,
    k: int,
    s: int,
    pb: int,
    pe: int,
    d: int,
    op: int,
    cin: int = 1,
    cout: int = 1,
    groups: int = 1,
) -> Terms:
    """The transposed convolution as terms ``((co, q), (ci, o), (ci, co_local, t))``.

    Built by scattering each input channel ``ci`` into the output channels of its group.
    """
    triples = list(_scatter(in_len, k, s, pb, pe, d, op))
    terms: Terms = Counter()
    for ci, co, local in _channel_pairs(cin, cout, groups):
        for o, t, q in triples:
            terms[(co, q), (ci, o), (ci, local, t)] += 1
    return terms


def transposed(terms: Terms) -> Terms:
    """The transpose: rows and columns swapped, weights unchanged."""
    return Counter({(col, row, w): n for (row, col, w), n in terms.items()})


# --- exact matrices ---------------------------------------------------------------------------


def weight_symbol(first: int, second: int, tap: int) -> sympy.Symbol:
    """The symbol ``w_{first,second,tap}`` of one entry of a stored 1-D weight tensor.

    >>> weight_symbol(0, 1, 2)
    w_0_1_2
    """
    return sympy.Symbol(f"w_{first}_{second}_{tap}")


def _weight_value(weight: object, index: WeightIndex, did: str) -> sympy.Expr:
    if weight is None:
        return weight_symbol(*index)
    a, b, t = index
    try:
        return sympy.sympify(weight[a][b][t])  # type: ignore[index]
    except (IndexError, TypeError) as exc:
        raise ValueError(
            f"weight: has no entry {index} for this shape; it must be indexable as "
            f"weight[a][b][t] ({did})"
        ) from exc


def _to_matrix(
    terms: Terms, rows: int, cols: int, row_len: int, col_len: int, weight: object, did: str
) -> sympy.Matrix:
    matrix = sympy.zeros(rows * row_len, cols * col_len)
    for ((rc, rp), (cc, cp), index), count in terms.items():
        matrix[rc * row_len + rp, cc * col_len + cp] += count * _weight_value(weight, index, did)
    return matrix


def conv_matrix(
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
    *,
    in_channels: int = 1,
    out_channels: int = 1,
    groups: int = 1,
    weight: Sequence[Sequence[Sequence[object]]] | None = None,
) -> sympy.Matrix:
    """The exact matrix of a 1-D convolution, with symbolic weights unless ``weight`` is given.

    Row ``co*L_out + o``, column ``ci*L + i``.  Entry: the weight ``w[co, ci_local, t]`` of the
    tap joining them (``index_map``), zero outside the group of ``co`` (``conv.groups``).
    ``weight`` has PyTorch's layout ``(C_out, C_in/groups, k)``.  Keep it small.
    Cites ``conv_transpose.matrix_transpose``.

    >>> conv_matrix(3, 2)
    Matrix([
    [w_0_0_0, w_0_0_1,       0],
    [      0, w_0_0_0, w_0_0_1]])
    """
    did = "conv_transpose.matrix_transpose"
    _check_channels(did, in_channels, out_channels, groups)
    out_len = output_length(in_len, kernel_size, stride, p_begin, p_end, dilation)
    terms = conv_terms(
        in_len, kernel_size, stride, p_begin, p_end, dilation, in_channels, out_channels, groups
    )
    return _to_matrix(terms, out_channels, in_channels, out_len, in_len, weight, did)


def transpose_matrix(
    in_len: int,
    kernel_size: int,
    stride: int = 1,
    p_begin: int = 0,
    p_end: int = 0,
    dilation: int = 1,
    output_padding: int = 0,
    *,
    in_channels: int = 1,
    out_channels: int = 1,
    groups: int = 1,
    weight: Sequence[Sequence[Sequence[object]]] | None = None,
) -> sympy.Matrix:
    """The exact matrix of a 1-D transposed convolution, built by scattering.

    Row ``co*L_T + q``, column ``ci*L + o``.  ``weight`` has PyTorch's layout
    ``(C_in, C_out/groups, k)``.  With the same weight tensor it is the transpose of
    :func:`conv_matrix` on input length ``L_T`` (``conv_transpose.matrix_transpose``).

    >>> transpose_matrix(2, 2) == conv_matrix(3, 2).T
    True
    """
    did = "conv_transpose.matrix_transpose"
    _check_channels(did, in_channels, out_channels, groups)
    out_len = transpose_output_length(
        in_len, kernel_size, stride, p_begin, p_end, dilation, output_padding
    )
    terms = transpose_terms(
        in_len,
        kernel_size,
        stride,
        p_begin,
        p_end,
        dilation,
        output_padding,
        in_channels,
        out_channels,
        groups,
    )
    return _to_matrix(terms, out_channels, in_channels, out_len, in_len, weight, did)


# --- N-d: per-tap selections ------------------------------------------------------------------

Axis = tuple[int, int, int, int, int, int]  # (L, k, s, p_begin, p_end, d)
Selection = frozenset[tuple[tuple[int, ...], tuple[int, ...]]]


def tap_selections(axis: Axis, transpose_op: int | None = None) -> dict[int, Selection]:
    """Per tap ``t`` of one axis, the set of ``((row,), (column,))`` it joins.

    Gather (convolution) when ``transpose_op`` is None, else scatter with that
    output_padding; rows are outputs and columns inputs in both.
    """
    in_len, k, s, pb, pe, d = axis
    pairs: dict[int, set[tuple[tuple[int, ...], tuple[int, ...]]]] = {t: set() for t in range(k)}
    if transpose_op is None:
        for o, t, i in _gather(in_len, k, s, pb, pe, d):
            pairs[t].add(((o,), (i,)))
    else:
        for o, t, q in _scatter(in_len, k, s, pb, pe, d, transpose_op):
            pairs[t].add(((q,), (o,)))
    return {t: frozenset(v) for t, v in pairs.items()}


def nd_tap_selections(
    axes: Sequence[Axis], transpose_ops: Sequence[int] | None = None
) -> dict[tuple[int, ...], Selection]:
    """Per tap vector, the N-d selection built from the N-d definition directly.

    Every axis is tested at once: an N-d tap joins output and input when each coordinate
    satisfies its axis's index relation and lies in range.
    """
    ranges = []
    for a, (in_len, k, s, pb, pe, d) in enumerate(axes):
        if transpose_ops is None:
            ranges.append((range(_conv_length(in_len, k, s, pb, pe, d)), in_len))
        else:
            ranges.append(
                (range(in_len), _transpose_length(in_len, k, s, pb, pe, d, transpose_ops[a]))
            )
    out: dict[tuple[int, ...], set[tuple[tuple[int, ...], tuple[int, ...]]]] = {}
    for taps in itertools.product(*(range(ax[1]) for ax in axes)):
        chosen = out.setdefault(taps, set())
        for src in itertools.product(*(r for r, _ in ranges)):
            dst = tuple(
                src[a] * axes[a][2] - axes[a][3] + taps[a] * axes[a][5] for a in range(len(axes))
            )
            if all(0 <= dst[a] < ranges[a][1] for a in range(len(axes))):
                chosen.add((src, dst) if transpose_ops is None else (dst, src))
    return {t: frozenset(v) for t, v in out.items()}


def kron(selections: Sequence[Selection]) -> Selection:
    """The Kronecker product of 0/1 matrices given as sets of (row, column) index tuples."""
    result: set[tuple[tuple[int, ...], tuple[int, ...]]] = {((), ())}
    for factor in selections:
        result = {(r + fr, c + fc) for r, c in result for fr, fc in factor}
    return frozenset(result)
