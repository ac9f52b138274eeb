"""Exact evaluation of N-d convolution and transposed convolution on symbolic arrays.

The values are polynomials in independent indeterminates (``x[...]``, ``w[...]``, ...) with
integer coefficients, stored as a :class:`collections.Counter` from a sorted tuple of
indeterminate names (a monomial) to its coefficient.  Two polynomials are equal exactly when
their counters are; so an identity checked here holds for every choice of real inputs and
weights.  :func:`to_sympy` turns one into a SymPy expression where SymPy itself is needed.

Arrays are dicts from ``(channel, position tuple)`` to a polynomial; a missing key is zero.
Weights are dicts from ``(first, second, tap tuple)`` in PyTorch's layouts
(``conv_transpose.matrix_transpose``).  Per axis the geometry is
``(kernel, stride, p_begin, p_end, dilation)``; padding of either sign is accepted here
(negative padding removes cells) so that claims can state what the oracle rejects.

Derivations: ``conv_transpose.adjoint``, ``conv_transpose.gradient``,
``conv_transpose.zero_insertion``, ``conv_transpose.subpixel``,
``conv_transpose.nearest_upsampling``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import sympy

__all__ = [
    "Array",
    "Geometry",
    "Poly",
    "Weight",
    "conv_nd",
    "conv_transpose_nd",
    "inner",
    "symbolic_array",
    "symbolic_weight",
    "to_sympy",
]

Monomial = tuple[str, ...]
Poly = Counter[Monomial]
Position = tuple[int, ...]
Array = dict[tuple[int, Position], Poly]
Weight = dict[tuple[int, int, Position], Poly]
Geometry = tuple[int, int, int, int, int]  # (kernel, stride, p_begin, p_end, dilation)

ONE: Monomial = ()


def variable(name: str) -> Poly:
    """The polynomial of one indeterminate."""
    return Counter({(name,): 1})


def _times(a: Poly, b: Poly) -> Poly:
    out: Poly = Counter()
    for ma, ca in a.items():
        for mb, cb in b.items():
            out[tuple(sorted(ma + mb))] += ca * cb
    return out


def _add_into(acc: Poly, term: Poly) -> None:
    for mono, coeff in term.items():
        acc[mono] += coeff
        if acc[mono] == 0:
            del acc[mono]


def symbolic_array(name: str, channels: int, shape: Sequence[int]) -> Array:
    """An array of independent indeterminates ``name[c,i1,...]``."""
    return {
        (c, pos): variable(f"{name}[{c},{','.join(map(str, pos))}]")
        for c in range(channels)
        for pos in itertools.product(*(range(n) for n in shape))
    }


def symbolic_weight(name: str, first: int, second: int, kernel: Sequence[int]) -> Weight:
    """A weight tensor of independent indeterminates ``name[a,b,t1,...]``."""
    return {
        (a, b, taps): variable(f"{name}[{a},{b},{','.join(map(str, taps))}]")
        for a in range(first)
        for b in range(second)
        for taps in itertools.product(*(range(k) for k in kernel))
    }


def conv_lengths(shape: Sequence[int], geometry: Sequence[Geometry]) -> tuple[int, ...]:
    """Per axis ``floor((L + p_begin + p_end - d(k-1) - 1)/s) + 1``, 0 when no window fits."""
    out = []
    for n, (k, s, pb, pe, d) in zip(shape, geometry, strict=True):
        span = n + pb + pe - d * (k - 1) - 1
        out.append(span // s + 1 if span >= 0 else 0)
    return tuple(out)


def transpose_lengths(
    shape: Sequence[int], geometry: Sequence[Geometry], output_padding: Sequence[int]
) -> tuple[int, ...]:
    """Per axis ``s(L - 1) + d(k-1) + 1 - p_begin - p_end + output_padding``."""
    return tuple(
        s * (n - 1) + d * (k - 1) + 1 - pb - pe + op
        for n, (k, s, pb, pe, d), op in zip(shape, geometry, output_padding, strict=True)
    )


def _positions(shape: Sequence[int]) -> Iterable[Position]:
    return itertools.product(*(range(n) for n in shape))


def _tap_target(pos: Position, taps: Position, geometry: Sequence[Geometry]) -> Position:
    return tuple(
        p * s - pb + t * d for p, t, (_, s, pb, _, d) in zip(pos, taps, geometry, strict=True)
    )


def _inside(pos: Position, shape: Sequence[int]) -> bool:
    return all(0 <= p < n for p, n in zip(pos, shape, strict=True))


def conv_nd(
    x: Mapping[tuple[int, Position], Poly],
    shape: Sequence[int],
    weight: Mapping[tuple[int, int, Position], Poly],
    channels: tuple[int, int, int],
    geometry: Sequence[Geometry],
) -> tuple[Array, tuple[int, ...]]:
    """Convolution by its definition: ``(co, o)`` sums ``w[co, ci_l, t] x[ci, o s - p + t d]``.

    ``channels = (C_in, C_out, groups)``; the weight layout is ``(C_out, C_in/groups, *k)``.
    Returns the output array and its spatial shape.
    """
    cin, cout, groups = channels
    out_shape = conv_lengths(shape, geometry)
    kernel = tuple(g[0] for g in geometry)
    out: Array = {}
    for co in range(cout):
        group = co // (cout // groups)
        for o in _positions(out_shape):
            acc: Poly = Counter()
            for local in range(cin // groups):
                ci = group * (cin // groups) + local
                for taps in _positions(kernel):
                    src = _tap_target(o, taps, geometry)
                    if _inside(src, shape) and (ci, src) in x:
                        _add_into(acc, _times(weight[(co, local, taps)], x[(ci, src)]))
            out[(co, o)] = acc
    return out, out_shape


def conv_transpose_nd(
    y: Mapping[tuple[int, Position], Poly],
    shape: Sequence[int],
    weight: Mapping[tuple[int, int, Position], Poly],
    channels: tuple[int, int, int],
    geometry: Sequence[Geometry],
    output_padding: Sequence[int],
) -> tuple[Array, tuple[int, ...]]:
    """Transposed convolution by its definition: input ``(ci, o)`` scatters ``w[ci, co_l, t] y``.

    Into output ``(co, o s - p_begin + t d)`` when that lies in the output.
    ``channels = (C_in, C_out, groups)``; the weight layout is ``(C_in, C_out/groups, *k)``.
    """
    cin, cout, groups = channels
    out_shape = transpose_lengths(shape, geometry, output_padding)
    kernel = tuple(g[0] for g in geometry)
    out: Array = {(co, q): Counter() for co in range(cout) for q in _positions(out_shape)}
    for ci in range(cin):
        group = ci // (cin // groups)
        for o in _positions(shape):
            if (ci, o) not in y:
                continue
            for local in range(cout // groups):
                co = group * (cout // groups) + local
                for taps in _positions(kernel):
                    dst = _tap_target(o, taps, geometry)
                    if _inside(dst, out_shape):
                        _add_into(out[(co, dst)], _times(weight[(ci, local, taps)], y[(ci, o)]))
    return out, out_shape


def inner(u: Mapping[tuple[int, Position], Poly], v: Mapping[tuple[int, Position], Poly]) -> Poly:
    """The inner product ``sum u[cell] v[cell]`` over the cells of ``u``."""
    acc: Poly = Counter()
    for cell, value in u.items():
        if cell in v:
            _add_into(acc, _times(value, v[cell]))
    return acc


def to_sympy(poly: Poly) -> sympy.Expr:
    """The SymPy expression of a polynomial; names become symbols."""
    return sympy.Add(
        *(coeff * sympy.Mul(*(sympy.Symbol(n) for n in mono)) for mono, coeff in poly.items())
    )


def nonzero(array: Mapping[tuple[int, Position], Poly]) -> dict[tuple[int, Position], Poly]:
    """The array without zero polynomials, for comparisons that ignore explicit zeros."""
    out = {}
    for cell, value in array.items():
        kept: Poly = Counter({mono: c for mono, c in value.items() if c != 0})
        if kept:
            out[cell] = kept
    return out
