"""Transposed convolution is the transpose of the convolution matrix, its adjoint and its gradient.

Definitions (``spec.conv.maps``): convolution gathers, ``y[o] = sum_t w[t] x[o s - p + t d]``;
transposed convolution scatters, adding ``w[t] x[o]`` into ``o s - p + t d``.  Both use the
same weight tensor, read in PyTorch's two layouts, so transposed convolution with the
weight of a convolution is that convolution's transpose.  The zero-insertion picture of
Dumoulin and Visin computes the same thing as a unit-stride convolution.

Derivations: ``conv_transpose.matrix_transpose``, ``conv_transpose.adjoint``,
``conv_transpose.gradient``, ``conv_transpose.zero_insertion``, ``conv.groups``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence

import sympy
from sympy import IndexedBase, KroneckerDelta, Sum, symbols
from sympy.concrete.delta import deltasummation

from spec.conv import evaluate as ev
from spec.conv import maps
from spec.conv.arithmetic import unit_stride_length
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import (
    CONV_ARITHMETIC_ANIMATIONS,
    DEEP_LEARNING_BOOK,
    DUMOULIN_VISIN,
    GOLUB_VAN_LOAN,
    ONNX_CONV,
    TORCH_CONV,
    TORCH_CONV_TRANSPOSE,
)
from spec.window.length import require_int

__all__ = [
    "derive_index_argument",
    "flipped_weight_index",
    "stretched_length",
    "zero_insertion_padding",
]

o, i, q, t = symbols("o i q t", integer=True)
s, d, K, L_out = symbols("s d K L_out", integer=True, positive=True)
p = symbols("p", integer=True)
x, y, w = IndexedBase("x"), IndexedBase("y"), IndexedBase("w")

_CONV_IMPL = ("oracle.conv", "oracle.conv_transpose")

# (C_in, C_out, groups) of the convolution; the transposed convolution swaps C_in and C_out.
_CHANNELS = ((1, 1, 1), (2, 2, 2), (2, 4, 2), (4, 2, 2), (2, 3, 1), (3, 3, 3))


# --- the symbolic index argument --------------------------------------------------------------


@functools.cache
def derive_index_argument() -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """Differentiate both definitions to get their matrices; return ``(C[o,i], T[i,o], form)``.

    ``C[o, i] = d conv(x)[o] / d x[i]`` from the gather definition, and
    ``T[i, o] = d conv_transpose(y)[i] / d y[o]`` from the scatter definition, whose sum
    over the inputs ``o'`` collapses on ``[o = o']``.  ``form`` is
    ``sum_t w_t [i = o s - p + t d]`` for ``o`` in ``0 .. L_out - 1``.

    >>> derive_index_argument()[0]
    Sum(KroneckerDelta(i, d*t + o*s - p)*w[t], (t, 0, K - 1))
    """
    conv_o = Sum(w[t] * x[o * s - p + t * d], (t, 0, K - 1))
    c_entry = sympy.diff(conv_o, x[i])
    o_prime = symbols("o'", integer=True)
    scatter_q = y[o_prime] * Sum(w[t] * KroneckerDelta(q, o_prime * s - p + t * d), (t, 0, K - 1))
    t_entry = deltasummation(sympy.diff(scatter_q, y[o]), (o_prime, 0, L_out - 1)).subs(q, i)
    form = sympy.Piecewise(
        (
            Sum(w[t] * KroneckerDelta(i, o * s - p + t * d), (t, 0, K - 1)),
            (o >= 0) & (o <= L_out - 1),
        ),
        (0, True),
    )
    return c_entry, t_entry, form


# --- exhaustive domains -----------------------------------------------------------------------


def _axes(max_len: int, max_k: int, max_s: int, max_d: int, max_p: int) -> Iterator[maps.Axis]:
    for in_len, k, st, dl, pb, pe in itertools.product(
        range(1, max_len + 1),
        range(1, max_k + 1),
        range(1, max_s + 1),
        range(1, max_d + 1),
        range(max_p + 1),
        range(max_p + 1),
    ):
        if in_len + pb + pe >= dl * (k - 1) + 1:
            yield in_len, k, st, pb, pe, dl


def _adjoint_op(axis: maps.Axis) -> tuple[int, int]:
    """(conv output length, output_padding) for which the transposed length returns L."""
    in_len, k, st, pb, pe, dl = axis
    out_len = maps._conv_length(in_len, k, st, pb, pe, dl)
    return out_len, in_len - maps._transpose_length(out_len, k, st, pb, pe, dl, 0)


def _transpose_matches(axis: maps.Axis, channels: tuple[int, int, int]) -> bool:
    in_len, k, st, pb, pe, dl = axis
    cin, cout, groups = channels
    out_len, op = _adjoint_op(axis)
    conv = maps.conv_terms(in_len, k, st, pb, pe, dl, cin, cout, groups)
    trans = maps.transpose_terms(out_len, k, st, pb, pe, dl, op, cout, cin, groups)
    return trans == maps.transposed(conv)


def _check_transpose_1d() -> Iterator[object]:
    for axis in _axes(8, 4, 3, 3, 2):
        if not _transpose_matches(axis, (1, 1, 1)):
            yield axis
    for axis in _axes(4, 3, 2, 2, 1):
        for channels in _CHANNELS[1:]:
            if not _transpose_matches(axis, channels):
                yield (axis, channels)


_AXIS_SAMPLE = (
    (3, 2, 1, 0, 0, 1),
    (4, 3, 2, 1, 1, 1),
    (4, 2, 2, 0, 1, 2),
    (3, 3, 1, 2, 1, 1),
    (5, 2, 3, 1, 0, 2),
    (2, 1, 2, 0, 0, 1),
)


def _check_kronecker(ndim: int) -> Iterator[object]:
    sample = _AXIS_SAMPLE if ndim == 2 else _AXIS_SAMPLE[:3]
    for axes in itertools.product(sample, repeat=ndim):
        ops = [_adjoint_op(a)[1] for a in axes]
        gathers = [maps.tap_selections(a) for a in axes]
        full = maps.nd_tap_selections(axes)
        for taps, selection in full.items():
            if selection != maps.kron([g[t] for g, t in zip(gathers, taps, strict=True)]):
                yield ("conv", axes, taps)
        trans_axes = [(_adjoint_op(a)[0], *a[1:]) for a in axes]
        scatters = [maps.tap_selections(a, op) for a, op in zip(trans_axes, ops, strict=True)]
        full_t = maps.nd_tap_selections(trans_axes, ops)
        for taps, selection in full_t.items():
            if selection != maps.kron([g[t] for g, t in zip(scatters, taps, strict=True)]):
                yield ("conv_transpose", axes, taps)


def _check_kron_transpose() -> Iterator[object]:
    """(A (x) B)^T = A^T (x) B^T, and with three factors, on symbolic matrices of small shapes."""
    kp = sympy.kronecker_product

    def matrix(name: str, rows: int, cols: int) -> sympy.Matrix:
        return sympy.Matrix(rows, cols, sympy.symbols(f"{name}0:{rows * cols}"))

    for ra, ca, rb, cb in itertools.product(range(1, 4), repeat=4):
        a_mat, b_mat = matrix("a", ra, ca), matrix("b", rb, cb)
        if kp(a_mat.T, b_mat.T) != kp(a_mat, b_mat).T:
            yield (ra, ca, rb, cb)
    for shape in itertools.product(range(1, 3), repeat=6):
        a_mat, b_mat, c_mat = (matrix(n, *shape[2 * j : 2 * j + 2]) for j, n in enumerate("abc"))
        if kp(kp(a_mat.T, b_mat.T), c_mat.T) != kp(kp(a_mat, b_mat), c_mat).T:
            yield shape


@derivation("conv_transpose.matrix_transpose")
def _matrix_transpose() -> Derivation:
    c_entry, t_entry, form = derive_index_argument()
    o_prime = symbols("o'", integer=True)
    kappa = IndexedBase("kappa")
    # Output i of the scatter is sum over inputs o' of y[o'] kappa[o'], where kappa[o'] is the
    # tap sum sum_t w_t [i = o' s - p + t d]; differentiating by y[o] is held on the left.
    scatter_i = Sum(y[o_prime] * kappa[o_prime], (o_prime, 0, L_out - 1))
    tap_sum = form.args[0].expr  # sum_t w_t [i = o s - p + t d], for o in 0..L_out-1
    conv_o = Sum(w[t] * x[o * s - p + t * d], (t, 0, K - 1))
    return Derivation(
        id="conv_transpose.matrix_transpose",
        title="Transposed convolution is the transpose of the convolution matrix",
        statement=(
            "Differentiating the scatter definition of transposed convolution gives "
            "T[i, o] = sum_t w_t [i = o s - p + t d], and differentiating the gather "
            "definition of convolution gives the same sum for C[o, i], so T = C^T when both "
            "read the same weight tensor in PyTorch's layouts (C_out, C_in/groups, k) and "
            "(C_in, C_out/groups, k). An N-d map factors into per-axis maps, each tap's "
            "selection matrix is the Kronecker product of per-axis ones, and "
            "(A (x) B)^T = A^T (x) B^T carries the 1-D result to 2-D and 3-D."
        ),
        result={"C[o, i]": c_entry, "T[i, o]": t_entry},
        claims=(
            symbolic(
                "the scatter's output i is sum over the inputs o' of y[o'] kappa_o', with "
                "kappa_o' = sum_t w_t [i = o' s - p + t d] the taps of input o' that reach i; "
                "so T[i, o], its derivative by y[o], is kappa_o for o in 0..L_out-1 and 0 "
                "otherwise",
                sympy.Derivative(scatter_i, y[o]),
                sympy.Piecewise((kappa[o], (o >= 0) & (o <= L_out - 1)), (0, True)),
            ),
            symbolic(
                "for o in 0..L_out-1, C[o, i], the derivative of the gather definition "
                "conv(x)[o] = sum_t w_t x[o s - p + t d] by x[i], is the same sum kappa_o: "
                "T[i, o] = C[o, i]",
                tap_sum,
                sympy.Derivative(conv_o, x[i]),
            ),
            exhaustive(
                "1-D with independent symbolic weights: the transposed convolution (with the "
                "output_padding that returns length L) equals C^T, channels and groups included",
                "L = 1..8, k = 1..4, s = 1..3, d = 1..3, p_begin, p_end = 0..2, one channel; "
                "and L = 1..4, k = 1..3, s, d = 1..2, p_begin, p_end = 0..1 with (C_in, C_out, "
                "groups) in (2,2,2), (2,4,2), (4,2,2), (2,3,1), (3,3,3)",
                _check_transpose_1d,
            ),
            exhaustive(
                "2-D: each tap's selection, built from the 2-D definition, is the Kronecker "
                "product of the per-axis selections, for convolution and transposed convolution",
                "every pair of six axis geometries (L, k, s, p_begin, p_end, d) including "
                "strides 2 and 3, dilation 2 and asymmetric padding",
                lambda: _check_kronecker(2),
            ),
            exhaustive(
                "3-D: the same factorisation into three per-axis selections",
                "every triple of three of those axis geometries",
                lambda: _check_kronecker(3),
            ),
            exhaustive(
                "the transpose of a Kronecker product is the Kronecker product of the "
                "transposes: (A (x) B)^T = A^T (x) B^T and (A (x) B (x) C)^T = A^T (x) B^T "
                "(x) C^T",
                "matrices of independent symbols, every shape up to 3 x 3 for two factors "
                "and up to 2 x 2 for three",
                _check_kron_transpose,
            ),
        ),
        references=(
            DUMOULIN_VISIN.at(
                "Sec. 4.1-4.2: a convolution is a sparse matrix C, and the transposed "
                "convolution multiplies by C^T with the same kernel"
            ),
            GOLUB_VAN_LOAN.at("Sec. 1.3.6, Kronecker products: (B (x) C)^T = B^T (x) C^T"),
            TORCH_CONV_TRANSPOSE.at(
                "ConvTranspose2d: weight of shape (in_channels, out_channels/groups, "
                "kernel_size[0], kernel_size[1])"
            ),
        ),
        implemented_by=_CONV_IMPL,
        notes=(
            "The two symbolic claims differentiate the two definitions; the term of input o "
            "survives the derivative of the scatter only when o is one of its L_out inputs.",
            "The weight is not flipped in this picture: the transposed convolution applies "
            "w[t] to the input it scatters; flipping appears only when the same map is "
            "rewritten as a gather (conv_transpose.zero_insertion).",
            "With several channels, C = sum over (co, ci, taps) of w[co, ci_local, taps] "
            "E[co, ci] (x) S[taps], where E is a channel unit matrix and S the spatial "
            "selection; transposing each factor gives the transposed convolution.",
        ),
    )


# --- adjoint and gradient ---------------------------------------------------------------------


def _pairs(axes: Sequence[maps.Axis]) -> tuple[list[int], list[ev.Geometry], list[int], list[int]]:
    """Per axis: input length, geometry, conv output length, adjoint output_padding."""
    shape = [a[0] for a in axes]
    geometry = [(a[1], a[2], a[3], a[4], a[5]) for a in axes]
    outs, ops = zip(*(_adjoint_op(a) for a in axes), strict=True)
    return shape, geometry, list(outs), list(ops)


def _nd_domain() -> Iterator[tuple[tuple[maps.Axis, ...], tuple[int, int, int]]]:
    for axis in _axes(5, 3, 3, 2, 1):
        yield (axis,), (1, 1, 1)
    for axis in _axes(4, 2, 2, 2, 1):
        for channels in _CHANNELS[1:]:
            yield (axis,), channels
    for axes in itertools.product(_AXIS_SAMPLE[:4], repeat=2):
        yield axes, (2, 2, 2)
    yield (_AXIS_SAMPLE[1], _AXIS_SAMPLE[2], _AXIS_SAMPLE[0]), (1, 2, 1)


def _check_adjoint() -> Iterator[object]:
    for axes, channels in _nd_domain():
        cin, cout, groups = channels
        shape, geometry, outs, ops = _pairs(axes)
        xs = ev.symbolic_array("x", cin, shape)
        ys = ev.symbolic_array("y", cout, outs)
        ws = ev.symbolic_weight("w", cout, cin // groups, [g[0] for g in geometry])
        conv, _ = ev.conv_nd(xs, shape, ws, channels, geometry)
        trans, _ = ev.conv_transpose_nd(ys, outs, ws, (cout, cin, groups), geometry, ops)
        if ev.inner(conv, ys) != ev.inner(xs, trans):
            yield (axes, channels)


def _check_gradient() -> Iterator[object]:
    domain: list[tuple[tuple[maps.Axis, ...], tuple[int, int, int]]] = [
        ((axis,), (1, 1, 1)) for axis in _axes(4, 3, 3, 2, 1) if axis[0] != 2 and axis[3] == axis[4]
    ]
    domain += [((_AXIS_SAMPLE[1],), channels) for channels in _CHANNELS[1:]]
    domain.append(((_AXIS_SAMPLE[0], _AXIS_SAMPLE[1]), (1, 1, 1)))
    for axes, channels in domain:
        cin, cout, groups = channels
        shape, geometry, outs, ops = _pairs(axes)
        xs = ev.symbolic_array("x", cin, shape)
        gs = ev.symbolic_array("g", cout, outs)
        ws = ev.symbolic_weight("w", cout, cin // groups, [g[0] for g in geometry])
        conv, _ = ev.conv_nd(xs, shape, ws, channels, geometry)
        loss = ev.to_sympy(ev.inner(conv, gs))
        trans, _ = ev.conv_transpose_nd(gs, outs, ws, (cout, cin, groups), geometry, ops)
        for cell, var in xs.items():
            (name,) = next(iter(var))
            grad = sympy.diff(loss, sympy.Symbol(name))
            if sympy.expand(grad - ev.to_sympy(trans[cell])) != 0:
                yield (axes, channels, cell)


_ND_DOMAIN_TEXT = (
    "1-D: L = 1..5, k = 1..3, s = 1..3, d = 1..2, p_begin, p_end = 0..1; groups (C_in, C_out, "
    "groups) in (2,2,2), (2,4,2), (4,2,2), (2,3,1), (3,3,3) on L <= 4, k <= 2, s <= 2; 2-D: "
    "16 pairs of axis geometries with 2 channels in 2 groups; one 3-D case"
)


@derivation("conv_transpose.adjoint")
def _adjoint() -> Derivation:
    return Derivation(
        id="conv_transpose.adjoint",
        title="Adjoint identity: <conv(x), y> = <x, conv_transpose(y)>",
        statement=(
            "For the same weight tensor, <conv(x), y> = <x, conv_transpose(y)> for every x "
            "and y, where conv_transpose has the stride, padding and dilation of conv and the "
            "output_padding that returns the input length. Both sides are the same trilinear "
            "polynomial in x, y and the weights: this is T = C^T read as a dot product."
        ),
        result={},
        claims=(
            exhaustive(
                "both sides are equal polynomials in independent symbols x, y and w, built "
                "from the gather and scatter definitions",
                _ND_DOMAIN_TEXT,
                _check_adjoint,
            ),
        ),
        references=(
            DEEP_LEARNING_BOOK.at(
                "Sec. 9.5: multiplication by the transpose of the matrix defined by "
                "convolution, used to back-propagate error derivatives"
            ),
            DUMOULIN_VISIN.at("Sec. 4.1: the backward pass multiplies by C^T"),
        ),
        implemented_by=_CONV_IMPL,
        notes=(
            "A backend can check this identity between its own conv and conv_transpose "
            "without any oracle: it fails when the kernel is not flipped consistently, when "
            "output_padding sits at the wrong end, or when groups share weights.",
        ),
    )


@derivation("conv_transpose.gradient")
def _gradient() -> Derivation:
    return Derivation(
        id="conv_transpose.gradient",
        title="conv_transpose is the gradient of conv with respect to its input",
        statement=(
            "For a loss <conv(x), g>, the derivative with respect to x[c, i] is "
            "conv_transpose(g)[c, i], with the same weight, stride, padding, dilation and "
            "groups and the output_padding that returns the input length. By the chain rule "
            "this is the backward pass of convolution for any upstream gradient g."
        ),
        result={},
        claims=(
            exhaustive(
                "SymPy's derivative of <conv(x), g> with respect to every input symbol equals "
                "the transposed convolution of g",
                "1-D: L in {1, 3, 4}, k = 1..3, s = 1..3, d = 1..2, p_begin = p_end = 0..1, one "
                "channel; L = 4, k = 3, s = 2, p = 1 with each channel configuration of "
                "conv.groups; one 2-D case",
                _check_gradient,
            ),
        ),
        references=(
            DEEP_LEARNING_BOOK.at(
                "Sec. 9.5: the gradient of a strided convolution with respect to its input"
            ),
            DUMOULIN_VISIN.at(
                "Sec. 4.2, footnote: the transposed convolution as the gradient of some "
                "convolution with respect to its input"
            ),
            TORCH_CONV_TRANSPOSE.at(
                "ConvTranspose2d: can be seen as the gradient of Conv2d with respect to its input"
            ),
        ),
        implemented_by=_CONV_IMPL,
    )


# --- zero insertion ---------------------------------------------------------------------------


def stretched_length(in_len: int, stride: int) -> int:
    """``s(L - 1) + 1``: ``L`` inputs with ``s - 1`` zeros inserted between neighbours.

    Cites ``conv_transpose.zero_insertion``.

    >>> stretched_length(3, 2)
    5
    """
    in_len = require_int("in_len", in_len, 1, "conv_transpose.zero_insertion")
    stride = require_int("stride", stride, 1, "conv_transpose.zero_insertion")
    return stride * (in_len - 1) + 1


def zero_insertion_padding(
    kernel_size: int, p_begin: int = 0, p_end: int = 0, dilation: int = 1, output_padding: int = 0
) -> tuple[int, int]:
    """``(d(k-1) - p_begin, d(k-1) - p_end + output_padding)``: the padding of the stretched input.

    A negative value crops.  Cites ``conv_transpose.zero_insertion``.

    >>> zero_insertion_padding(3, 1, 1, 1, 1)
    (1, 2)
    """
    reach = dilation * (kernel_size - 1)
    return reach - p_begin, reach - p_end + output_padding


def flipped_weight_index(
    out_channel: int,
    in_channel_local: int,
    taps: Sequence[int],
    kernel: Sequence[int],
    in_channels: int,
    out_channels: int,
    groups: int = 1,
) -> tuple[int, int, tuple[int, ...]]:
    """The transposed-convolution weight entry that the zero-insertion convolution reads.

    The convolution has weight ``V`` of shape ``(C_out, C_in/groups, *k)`` with
    ``V[co, ci_l, t] = W[g*C_in/groups + ci_l, co - g*C_out/groups, k - 1 - t]``,
    ``g = co // (C_out/groups)``, where ``W`` has shape ``(C_in, C_out/groups, *k)``: the
    kernel flipped on every spatial axis and its two channel axes swapped within each group.
    Cites ``conv_transpose.zero_insertion``.

    >>> flipped_weight_index(3, 0, (0, 2), (3, 3), in_channels=2, out_channels=4, groups=2)
    (1, 1, (2, 0))
    """
    per_out, per_in = out_channels // groups, in_channels // groups
    group = out_channel // per_out
    flipped = tuple(k - 1 - tap for tap, k in zip(taps, kernel, strict=True))
    return group * per_in + in_channel_local, out_channel - group * per_out, flipped


def _zero_insertion_output(
    ys: ev.Array,
    shape: Sequence[int],
    weight: ev.Weight,
    channels: tuple[int, int, int],
    geometry: Sequence[ev.Geometry],
    ops: Sequence[int],
) -> tuple[ev.Array, tuple[int, ...]]:
    cin, cout, groups = channels
    kernel = [g[0] for g in geometry]
    stretched_shape = [stretched_length(n, g[1]) for n, g in zip(shape, geometry, strict=True)]
    stretched = {
        (c, tuple(p * g[1] for p, g in zip(pos, geometry, strict=True))): value
        for (c, pos), value in ys.items()
    }
    unit: list[ev.Geometry] = []
    for (k, _, pb, pe, dl), op in zip(geometry, ops, strict=True):
        begin, end = zero_insertion_padding(k, pb, pe, dl, op)
        unit.append((k, 1, begin, end, dl))
    flipped: ev.Weight = {}
    for co in range(cout):
        for local in range(cin // groups):
            for taps in itertools.product(*(range(k) for k in kernel)):
                source = flipped_weight_index(co, local, taps, kernel, cin, cout, groups)
                flipped[(co, local, taps)] = weight[source]
    return ev.conv_nd(stretched, stretched_shape, flipped, channels, unit)


def _check_zero_insertion() -> Iterator[object]:
    for axes, channels in _nd_domain():
        cin, cout, groups = channels
        _, geometry, outs, _ = _pairs(axes)
        for ops in itertools.product(
            *(range(maps.output_padding_limit(g[1], g[4])) for g in geometry)
        ):
            ys = ev.symbolic_array("y", cout, outs)
            ws = ev.symbolic_weight("w", cout, cin // groups, [g[0] for g in geometry])
            trans_channels = (cout, cin, groups)
            if min(ev.transpose_lengths(outs, geometry, ops)) < 1:
                continue
            scatter, scatter_shape = ev.conv_transpose_nd(
                ys, outs, ws, trans_channels, geometry, ops
            )
            gather, gather_shape = _zero_insertion_output(
                ys, outs, ws, trans_channels, geometry, ops
            )
            if scatter_shape != gather_shape or ev.nonzero(scatter) != ev.nonzero(gather):
                yield (axes, channels, ops)


@derivation("conv_transpose.zero_insertion")
def _zero_insertion() -> Derivation:
    i_t, k, s_, pb, pe, dl, op = symbols(
        "i' k s p_begin p_end d output_padding", integer=True, nonnegative=True
    )
    stretched = s_ * (i_t - 1) + 1
    unit_len = unit_stride_length(i_t, k, s_, dl * (k - 1) - pb, dl * (k - 1) - pe + op, dl)
    return Derivation(
        id="conv_transpose.zero_insertion",
        title="Zero insertion: transposed convolution as a unit-stride convolution",
        statement=(
            "Transposed convolution equals: insert s - 1 zeros between neighbouring inputs, "
            "pad by d(k-1) - p_begin at the beginning and d(k-1) - p_end + output_padding at "
            "the end (a negative amount crops), and run a unit-stride convolution with "
            "dilation d. Its weight is the transposed-convolution weight flipped on every "
            "spatial axis with its two channel axes swapped within each group, "
            "V[co, ci_l, t] = W[g C_in/groups + ci_l, co - g C_out/groups, k - 1 - t]."
        ),
        result={"stretched length": stretched, "output length": sympy.expand(unit_len.doit())},
        claims=(
            symbolic(
                "the unit-stride convolution of the padded stretched input has the transposed "
                "length s(i' - 1) + d(k-1) + 1 - p_begin - p_end + output_padding",
                unit_len,
                s_ * (i_t - 1) + dl * (k - 1) + 1 - pb - pe + op,
            ),
            exhaustive(
                "the zero-insertion convolution and the scatter definition give equal "
                "polynomials at every output, for every output_padding below max(s, d)",
                _ND_DOMAIN_TEXT,
                _check_zero_insertion,
            ),
        ),
        references=(
            DUMOULIN_VISIN.at(
                "Sec. 4.5-4.6, Relationships 12-14: the stretched input with s - 1 zeros "
                "between input units, k' = k, s' = 1, p' = k - p - 1, and a zeros added at "
                "the bottom and right edges"
            ),
            CONV_ARITHMETIC_ANIMATIONS.at("'Transposed convolution animations'"),
            TORCH_CONV_TRANSPOSE.at(
                "ConvTranspose2d: padding controls the implicit zero padding on both sides, "
                "dilation * (kernel_size - 1) - padding points"
            ),
        ),
        implemented_by=_CONV_IMPL,
        notes=(
            "This is the picture of Dumoulin and Visin's relationships 12-14 with dilation "
            "and output_padding added; their a is output_padding.",
            "The first claim shows the general window length of the unit-stride convolution "
            "(window.output_length, in the primed symbols of conv.arithmetic) with the "
            "stretched length and the padding held substituted.",
            "Zero insertion multiplies by s^d zeros; an implementation that scatters, or that "
            "splits the kernel by phase (conv_transpose.subpixel), avoids the wasted work.",
        ),
    )


# --- groups -----------------------------------------------------------------------------------


def _check_block_diagonal() -> Iterator[object]:
    for axis in _axes(4, 3, 2, 2, 1):
        in_len, k, st, pb, pe, dl = axis
        for cin, cout, groups in _CHANNELS:
            terms = maps.conv_terms(in_len, k, st, pb, pe, dl, cin, cout, groups)
            blocks: dict[int, set[tuple[int, int, int]]] = {}
            for ((co, _), (ci, _), index), _ in terms.items():
                group = co // (cout // groups)
                if ci // (cin // groups) != group:
                    yield ("off the diagonal", axis, (cin, cout, groups), co, ci)
                blocks.setdefault(group, set()).add(index)
                if index[0] != co:
                    yield ("weight of another output channel", axis, co, index)
            names = list(blocks.values())
            if any(a & b for a, b in itertools.combinations(names, 2)):
                yield ("groups share a weight", axis, (cin, cout, groups))


def _check_block_is_a_convolution() -> Iterator[object]:
    """Each diagonal block is a groups = 1 convolution of the group's channels."""
    for axis in _axes(4, 3, 2, 2, 1):
        in_len, k, st, pb, pe, dl = axis
        for cin, cout, groups in _CHANNELS:
            per_in, per_out = cin // groups, cout // groups
            terms = maps.conv_terms(in_len, k, st, pb, pe, dl, cin, cout, groups)
            plain = maps.conv_terms(in_len, k, st, pb, pe, dl, per_in, per_out, 1)
            for g in range(groups):
                block = {
                    ((co - g * per_out, o), (ci - g * per_in, i), (a - g * per_out, b, tap)): n
                    for ((co, o), (ci, i), (a, b, tap)), n in terms.items()
                    if co // per_out == g
                }
                if block != dict(plain):
                    yield (axis, (cin, cout, groups), g)


def _check_depthwise() -> Iterator[object]:
    """groups = C_in: output channel co reads input channel co // (C_out/C_in) alone."""
    for axis in _axes(4, 3, 2, 1, 1):
        in_len, k, st, pb, pe, dl = axis
        for cin, multiplier in itertools.product((1, 2, 3), (1, 2)):
            cout = cin * multiplier
            terms = maps.conv_terms(in_len, k, st, pb, pe, dl, cin, cout, cin)
            for (co, _), (ci, _), (_, local, _) in terms:
                if ci != co // multiplier or local != 0:
                    yield (axis, cin, cout, co, ci)


@derivation("conv.groups")
def _groups() -> Derivation:
    return Derivation(
        id="conv.groups",
        title="Groups: the convolution matrix is block-diagonal; depthwise is groups = C_in",
        statement=(
            "With groups g, output channel co reads only the C_in/g input channels of its "
            "group g = co // (C_out/g), through its own weights w[co, :, :], so the matrix is "
            "block-diagonal with g blocks and each block is a groups = 1 convolution of the "
            "group's channels. Depthwise convolution is groups = C_in: each output channel "
            "reads a single input channel, co // (C_out/C_in). By T = C^T the transposed "
            "convolution is block-diagonal with the same blocks transposed."
        ),
        result={},
        claims=(
            exhaustive(
                "no term joins channels of different groups, every term uses a weight of its "
                "own output channel, and no two groups share a weight",
                "L = 1..4, k = 1..3, s, d = 1..2, p_begin, p_end = 0..1, (C_in, C_out, groups) "
                "in (1,1,1), (2,2,2), (2,4,2), (4,2,2), (2,3,1), (3,3,3)",
                _check_block_diagonal,
            ),
            exhaustive(
                "each diagonal block equals the groups = 1 convolution of its C_in/g and "
                "C_out/g channels with the group's weight slice",
                "the same domain",
                _check_block_is_a_convolution,
            ),
            exhaustive(
                "depthwise (groups = C_in, C_out = m C_in): output channel co reads input "
                "channel co // m only, through weight w[co, 0, :]",
                "L = 1..4, k = 1..3, s = 1..2, d = 1, p_begin, p_end = 0..1, C_in = 1..3, m = 1..2",
                _check_depthwise,
            ),
        ),
        references=(
            TORCH_CONV.at(
                "Conv2d, groups: inputs and outputs split into groups convolved separately; "
                "groups = in_channels gives each input channel its own filters (depthwise); "
                "weight (out_channels, in_channels/groups, *kernel_size)"
            ),
            ONNX_CONV.at("Conv, attribute group; W of shape (M x C/group x kH x kW)"),
        ),
        implemented_by=_CONV_IMPL,
    )
