"""Convolution arithmetic: Dumoulin and Visin's fifteen relationships, and the transposed length.

Every relationship is a special case of the general window length of
``window.output_length`` (direct convolution, pooling, dilation) or of the transposed
length derived here (``conv_transpose.output_length``).  Symbols follow the paper:
``i`` input size, ``k`` kernel, ``s`` stride, ``p`` padding on both sides, ``d`` dilation;
primes mark the transposed convolution, ``i'`` its input size, which is the direct
convolution's output size ``o``.  The unit-stride convolution that computes a transposed
convolution runs on the stretched input of ``itilde = s(i' - 1) + 1`` cells with kernel
``k'``, stride ``s' = 1``, padding ``(p'_begin, p'_end)`` and dilation ``d'``.  Each claim
shows the general formula with the relationship's substitution held on its left and the
paper's closed form on its right.

Derivations: ``conv.arithmetic``, ``conv_transpose.output_length``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping

import sympy
from sympy import symbols

from spec.core import Claim, Derivation, derivation, exhaustive, symbolic
from spec.references import (
    DUMOULIN_VISIN,
    ONNX_CONV_TRANSPOSE,
    TORCH_CONV,
    TORCH_CONV_TRANSPOSE,
)
from spec.window import length as window_length

__all__ = [
    "conv_length",
    "derive_transpose_length",
    "held",
    "transpose_length",
    "unit_stride_length",
]

i, k, s, d, n, m, i_t, o_len = symbols("i k s d n m i' o", integer=True, positive=True)
p, a, op = symbols("p a output_padding", integer=True, nonnegative=True)
p_begin, p_end = window_length.p_begin, window_length.p_end
L_T = symbols("L_T", integer=True)
# The unit-stride convolution of the stretched input, in Dumoulin and Visin's primed symbols:
# input itilde (the stretched length), kernel k', stride s', padding (p'_begin, p'_end) and
# dilation d'.
i_z = symbols("itilde", integer=True, positive=True)
k_u, s_u, d_u = symbols("k' s' d'", integer=True, positive=True)
pb_u, pe_u = symbols("p'_begin p'_end", integer=True)


def conv_length(
    size: sympy.Expr,
    kernel: sympy.Expr,
    stride: sympy.Expr = 1,
    pad: sympy.Expr = 0,
    dilation: sympy.Expr = 1,
    pad_end: sympy.Expr | None = None,
) -> sympy.Expr:
    """The general window length of ``window.output_length`` with the given parameters.

    ``pad`` is the begin padding, and the end padding too unless ``pad_end`` is given.

    >>> conv_length(i, k, 1, 0)
    i - k + 1
    """
    return window_length.general_output_length().subs(
        {
            window_length.L: size,
            window_length.k: kernel,
            window_length.s: stride,
            window_length.d: dilation,
            p_begin: pad,
            p_end: pad if pad_end is None else pad_end,
        },
        simultaneous=True,
    )


@functools.cache
def derive_transpose_length() -> sympy.Expr:
    """The least input length ``L_T`` that a convolution maps to ``i'`` outputs, plus op.

    The convolution with padding ``(p_begin, p_end)`` maps ``L_T`` to ``i'`` outputs once
    ``L_T + p_begin + p_end - (d(k-1) + 1) >= s(i' - 1)``; the boundary solved for ``L_T`` is
    the least such length, and output_padding adds to it (``conv_transpose.output_padding``).

    >>> derive_transpose_length()
    d*k - d + i'*s + output_padding - p_begin - p_end - s + 1
    """
    (least,) = sympy.solve(sympy.Eq(L_T + p_begin + p_end - (d * (k - 1) + 1), s * (i_t - 1)), L_T)
    return sympy.expand(least + op)


def transpose_length(
    size: sympy.Expr,
    kernel: sympy.Expr,
    stride: sympy.Expr = 1,
    pad: sympy.Expr = 0,
    dilation: sympy.Expr = 1,
    output_padding: sympy.Expr = 0,
) -> sympy.Expr:
    """The derived transposed length with symmetric padding ``pad``.

    >>> transpose_length(i_t, k, s, p)
    i'*s + k - 2*p - s
    """
    return derive_transpose_length().subs(
        {
            i_t: size,
            k: kernel,
            s: stride,
            p_begin: pad,
            p_end: pad,
            d: dilation,
            op: output_padding,
        },
        simultaneous=True,
    )


def held(expr: sympy.Expr, values: Mapping[sympy.Symbol, object]) -> sympy.Expr:
    """``expr`` with ``values`` substituted, held unevaluated (a ``Subs``) for display.

    Entries that map a symbol to itself are dropped.  No value may contain a substituted
    symbol, so the held substitution, which SymPy carries out one symbol after another,
    means the simultaneous one.

    >>> held(k + s, {k: 2 * n + 1, s: s})
    Subs(k + s, k, 2*n + 1)
    """
    pairs = [(key, sympy.sympify(value)) for key, value in values.items() if key != value]
    keys = [key for key, _ in pairs]
    if any(value.has(*keys) for _, value in pairs):
        raise ValueError(f"values: {values!r} substitute into each other")
    return sympy.Subs(expr, tuple(keys), tuple(value for _, value in pairs))


@functools.cache
def _unit_stride_general() -> sympy.Expr:
    """The general window length in the primed symbols of the unit-stride convolution."""
    return conv_length(i_z, k_u, s_u, pb_u, d_u, pe_u)


def unit_stride_length(
    size: sympy.Expr,
    kernel: sympy.Expr,
    stride: sympy.Expr,
    pad_begin: sympy.Expr,
    pad_end: sympy.Expr,
    dilation: sympy.Expr = 1,
) -> sympy.Expr:
    """The unit-stride convolution of the stretched input, as a held substitution.

    ``size`` inputs with ``stride - 1`` zeros inserted between neighbours give
    ``s(size - 1) + 1`` cells; they are padded by ``(pad_begin, pad_end)`` and convolved
    at stride 1 with ``kernel`` taps spaced ``dilation`` apart (``conv_transpose.zero_insertion``,
    Dumoulin and Visin's relationships 8 to 14).  The general window length of
    ``window.output_length`` is shown with the substitution held.

    >>> unit_stride_length(i_t, k, 2, k - 1, k - 1).doit()
    2*i' + k - 2
    """
    values = {
        i_z: stride * (size - 1) + 1,
        k_u: kernel,
        s_u: 1,
        pb_u: pad_begin,
        pe_u: pad_end,
        d_u: dilation,
    }
    return held(_unit_stride_general(), values)


@functools.cache
def _general() -> sympy.Expr:
    """The general window length of ``window.output_length`` in the paper's symbols."""
    return conv_length(i, k, s, p_begin, d, p_end)


def _direct_claim(
    statement: str, values: Mapping[sympy.Symbol, object], paper: sympy.Expr
) -> Claim:
    """A direct relationship: the general length at the relationship's parameters ``values``
    is the paper's closed form ``paper``."""
    return symbolic(statement, held(_general(), values), paper)


def _transposed_claim(
    number: int,
    text: str,
    size: sympy.Expr,
    kernel: sympy.Expr,
    stride: sympy.Expr,
    pad: sympy.Expr,
    pad_prime: sympy.Expr,
    paper: sympy.Expr,
    extra: sympy.Expr = 0,
    where: Mapping[sympy.Symbol, object] | None = None,
) -> Claim:
    """Relationship ``number``: the zero-inserted convolution with the paper's p' has size o',
    the general transposed length (output_padding ``extra``) is o', and o' at i' = o is i."""
    lhs = sympy.ImmutableMatrix(
        [
            unit_stride_length(i_t, kernel, stride, pad_prime, pad_prime + extra),
            held(
                derive_transpose_length(),
                {k: kernel, s: stride, p_begin: pad, p_end: pad, d: 1, op: extra},
            ),
            held(paper, {i_t: o_len}),
        ]
    )
    values = {o_len: conv_length(size, kernel, stride, pad), **(where or {})}
    return symbolic(
        f"Relationship {number}: {text}",
        lhs,
        sympy.ImmutableMatrix([paper, paper, size]),
        where=values,
    )


def _claims() -> tuple[Claim, ...]:
    remainder = sympy.Mod(i + 2 * p - k, s).rewrite(sympy.floor)
    return (
        _direct_claim(
            "Relationship 1: s = 1, p = 0 gives o = (i - k) + 1",
            {s: 1, p_begin: 0, p_end: 0, d: 1},
            (i - k) + 1,
        ),
        _direct_claim(
            "Relationship 2: s = 1 gives o = (i - k) + 2p + 1",
            {s: 1, p_begin: p, p_end: p, d: 1},
            (i - k) + 2 * p + 1,
        ),
        _direct_claim(
            "Relationship 3 (half padding): k = 2n + 1, s = 1, p = n gives o = i",
            {k: 2 * n + 1, s: 1, p_begin: n, p_end: n, d: 1},
            i,
        ),
        _direct_claim(
            "Relationship 4 (full padding): p = k - 1, s = 1 gives o = i + (k - 1)",
            {s: 1, p_begin: k - 1, p_end: k - 1, d: 1},
            i + (k - 1),
        ),
        _direct_claim(
            "Relationship 5: p = 0 gives o = floor((i - k)/s) + 1",
            {p_begin: 0, p_end: 0, d: 1},
            sympy.floor((i - k) / s) + 1,
        ),
        _direct_claim(
            "Relationship 6: o = floor((i + 2p - k)/s) + 1",
            {p_begin: p, p_end: p, d: 1},
            sympy.floor((i + 2 * p - k) / s) + 1,
        ),
        _direct_claim(
            "Relationship 7 (pooling): o = floor((i - k)/s) + 1",
            {p_begin: 0, p_end: 0, d: 1},
            sympy.floor((i - k) / s) + 1,
        ),
        _transposed_claim(
            8,
            "s = 1, p = 0 has k' = k, s' = 1, p' = k - 1 and o' = i' + (k - 1)",
            i,
            k,
            1,
            0,
            k - 1,
            i_t + (k - 1),
        ),
        _transposed_claim(
            9,
            "s = 1 has k' = k, s' = 1, p' = k - p - 1 and o' = i' + (k - 1) - 2p",
            i,
            k,
            1,
            p,
            k - p - 1,
            i_t + (k - 1) - 2 * p,
        ),
        _transposed_claim(
            10,
            "k = 2n + 1, s = 1, p = n has k' = k, s' = 1, p' = p and o' = i'",
            i,
            2 * n + 1,
            1,
            n,
            n,
            i_t,
        ),
        _transposed_claim(
            11,
            "s = 1, p = k - 1 has k' = k, s' = 1, p' = 0 and o' = i' - (k - 1)",
            i,
            k,
            1,
            k - 1,
            0,
            i_t - (k - 1),
        ),
        _transposed_claim(
            12,
            "p = 0 and i - k = m s has the stretched input, k' = k, s' = 1, p' = k - 1 and "
            "o' = s(i' - 1) + k",
            k + m * s,
            k,
            s,
            0,
            k - 1,
            s * (i_t - 1) + k,
        ),
        _transposed_claim(
            13,
            "i + 2p - k = m s has the stretched input, k' = k, s' = 1, p' = k - p - 1 and "
            "o' = s(i' - 1) + k - 2p",
            k - 2 * p + m * s,
            k,
            s,
            p,
            k - p - 1,
            s * (i_t - 1) + k - 2 * p,
        ),
        _transposed_claim(
            14,
            "with a = (i + 2p - k) mod s zeros added at the end, the stretched input with "
            "k' = k, s' = 1, p' = k - p - 1 has o' = s(i' - 1) + a + k - 2p, the transposed "
            "length with output_padding a, and o' at i' = o is i",
            i,
            k,
            s,
            p,
            k - p - 1,
            s * (i_t - 1) + a + k - 2 * p,
            extra=a,
            where={a: remainder},
        ),
        _direct_claim(
            "Relationship 15 (dilation): o = floor((i + 2p - k - (k - 1)(d - 1))/s) + 1",
            {p_begin: p, p_end: p},
            sympy.floor((i + 2 * p - k - (k - 1) * (d - 1)) / s) + 1,
        ),
    )


@derivation("conv.arithmetic")
def _arithmetic() -> Derivation:
    return Derivation(
        id="conv.arithmetic",
        title="Dumoulin and Visin's fifteen relationships, from the general window length",
        statement=(
            "Each of the fifteen relationships of Dumoulin and Visin is the general length "
            "floor((i + p_begin + p_end - d(k-1) - 1)/s) + 1 of window.output_length, or the "
            "transposed length of conv_transpose.output_length, at the relationship's "
            "parameters. For the transposed relationships 8 to 14, the zero-inserted "
            "unit-stride convolution with the paper's k', s', p' and the transposed length "
            "both give the paper's o', and o' at i' = o gives back i."
        ),
        result={
            "o": conv_length(i, k, s, p, d),
            "o'": transpose_length(i_t, k, s, p, d, a),
        },
        claims=_claims(),
        references=(
            DUMOULIN_VISIN.at("Sec. 2.1-2.4, Relationships 1-6 (convolution)"),
            DUMOULIN_VISIN.at("Ch. 3, Relationship 7 (pooling)"),
            DUMOULIN_VISIN.at(
                "Sec. 4.3-4.6, Relationships 8-14 (transposed convolution, the stretched "
                "input of s - 1 zeros between input units)"
            ),
            DUMOULIN_VISIN.at("Sec. 5.1, Relationship 15 (dilated convolution)"),
            TORCH_CONV.at(
                "Conv1d 'Shape': L_out = floor((L_in + 2 padding - dilation (kernel_size - 1) "
                "- 1)/stride + 1)"
            ),
        ),
        implemented_by=(
            "oracle._window.output_length",
            "oracle.conv",
            "oracle.conv_transpose",
        ),
        notes=(
            "Each relationship's parameters are substituted into the general length, shown "
            "held on the left of its claim; the paper's closed form is on the right.",
            "In relationships 12 and 13 the divisibility condition is written by "
            "substituting i = k + m s and i = k - 2p + m s.",
            "In relationship 14, a = (i + 2p - k) mod s is written with the floor, "
            "i + 2p - k - s floor((i + 2p - k)/s), its definition for s > 0; a is the "
            "output_padding of PyTorch and ONNX.",
        ),
    )


def _check_least_length() -> Iterator[object]:
    """Lengths L_T0 .. L_T0 + s - 1 map to i' and no others do."""
    for size, kk, ss, dd, pb, pe in itertools.product(
        range(1, 7), range(1, 5), range(1, 4), range(1, 3), range(3), range(3)
    ):
        least = ss * (size - 1) + dd * (kk - 1) + 1 - pb - pe
        for length in range(max(least - 2, 1), least + ss + 2):
            span = length + pb + pe - (dd * (kk - 1) + 1)
            maps_back = span >= 0 and span // ss + 1 == size
            if maps_back != (least <= length < least + ss):
                yield (size, kk, ss, dd, pb, pe, length)


def _check_scatter_extent() -> Iterator[object]:
    """Without padding the scatter covers exactly 0 .. s(i'-1) + d(k-1)."""
    for size, kk, ss, dd in itertools.product(range(1, 7), range(1, 5), range(1, 4), range(1, 3)):
        reached = {o * ss + t * dd for o in range(size) for t in range(kk)}
        if min(reached) != 0 or max(reached) != ss * (size - 1) + dd * (kk - 1):
            yield (size, kk, ss, dd)


@derivation("conv_transpose.output_length")
def _transpose_output_length() -> Derivation:
    least = derive_transpose_length()
    return Derivation(
        id="conv_transpose.output_length",
        title="Output length of transposed convolution",
        statement=(
            "A convolution with padding (p_begin, p_end) maps L inputs to i' outputs exactly "
            "when s(i' - 1) <= L + p_begin + p_end - d(k-1) - 1 < s i', so s input lengths "
            "share each output length. The transposed convolution returns the least of them "
            "plus output_padding: L_T = s(i' - 1) + d(k-1) + 1 - p_begin - p_end + "
            "output_padding, which is also the scatter's full extent s(i' - 1) + d(k-1) + 1 "
            "less the padding cropped at each end."
        ),
        result={"L_T": least},
        claims=(
            symbolic(
                "with p_begin = p_end = p it is PyTorch's documented (L_in - 1) stride - 2 "
                "padding + dilation (kernel_size - 1) + output_padding + 1",
                held(least, {p_begin: p, p_end: p}),
                (i_t - 1) * s - 2 * p + d * (k - 1) + op + 1,
            ),
            symbolic(
                "it is ONNX's stride (input_size - 1) + output_padding + ((kernel_shape - 1) "
                "dilations + 1) - pads_start - pads_end",
                least,
                s * (i_t - 1) + op + ((k - 1) * d + 1) - p_begin - p_end,
            ),
            exhaustive(
                "the convolution maps exactly the lengths L_T0 .. L_T0 + s - 1 (output_padding "
                "0 to s - 1) to i' outputs",
                "i' = 1..6, k = 1..4, s = 1..3, d = 1..2, p_begin, p_end = 0..2",
                _check_least_length,
            ),
            exhaustive(
                "unpadded, the scatter reaches exactly positions 0 .. s(i' - 1) + d(k-1)",
                "i' = 1..6, k = 1..4, s = 1..3, d = 1..2",
                _check_scatter_extent,
            ),
        ),
        references=(
            TORCH_CONV_TRANSPOSE.at(
                "ConvTranspose1d 'Shape': L_out = (L_in - 1) stride - 2 padding + dilation "
                "(kernel_size - 1) + output_padding + 1"
            ),
            ONNX_CONV_TRANSPOSE.at(
                "output_shape[i] = stride[i] * (input_size[i] - 1) + output_padding[i] + "
                "((kernel_shape[i] - 1) * dilations[i] + 1) - pads[start_i] - pads[end_i]"
            ),
            DUMOULIN_VISIN.at("Sec. 4.6, Relationship 14: o' = s(i' - 1) + a + k - 2p"),
        ),
        implemented_by=("oracle.conv_transpose",),
        notes=(
            "Because s input lengths share one output length, the transposed length is "
            "ambiguous by up to s - 1 cells; output_padding or output_size picks one "
            "(conv_transpose.output_padding, conv_transpose.output_size).",
        ),
    )
