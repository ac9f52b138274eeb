"""Receptive field, jump and start of a stack of convolution and pooling layers.

Convention: a layer with kernel ``k``, stride ``s``, begin padding ``p`` and dilation ``d``
computes unit ``i`` from the units ``i*s - p + t*d`` (``t = 0 .. k - 1``) of the layer below
(``window.output_length``); convolution and pooling read the same units.  The receptive
field of a unit is the span of input cells it depends on, borders ignored.  Unit ``i`` of a
layer sees the cells ``start + i*jump`` to ``start + i*jump + size - 1``: ``size`` is the
receptive field ``r``, ``jump`` the distance in input cells between neighbouring units
(effective stride), and ``start`` the first cell of unit 0 (minus the effective padding).
The input itself has ``r = 1``, ``jump = 1``, ``start = 0``.

Derivation: ``pool.receptive_field``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import sympy
from sympy import symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import ARAUJO_RECEPTIVE_FIELDS, RECEPTIVE_FIELD_TABLE, SIMONYAN_VGG
from spec.window.length import require_int

__all__ = [
    "VGG16_POOL5",
    "Layer",
    "ReceptiveField",
    "derive_receptive_field",
    "receptive_field",
]

DID = "pool.receptive_field"


class Layer(NamedTuple):
    """One layer on one axis: kernel size, stride, begin padding, dilation."""

    kernel_size: int
    stride: int = 1
    padding: int = 0
    dilation: int = 1


class ReceptiveField(NamedTuple):
    """Receptive field ``size`` (r), ``jump`` (j) and ``start`` (u) of a stack's top units."""

    size: int
    jump: int
    start: int


def receptive_field(layers: Sequence[Layer | tuple[int, ...]]) -> ReceptiveField:
    """``(r, j, u)`` after ``layers``, bottom first: ``r += (k - 1) d j``, ``j *= s``, ``u -= p j``.

    Each layer is a :class:`Layer` or a tuple ``(k, s, p, d)`` with trailing entries
    optional.  Cites ``pool.receptive_field``.

    >>> receptive_field([Layer(3, 1, 1), Layer(2, 2)])
    ReceptiveField(size=4, jump=2, start=-1)
    >>> receptive_field(VGG16_POOL5)
    ReceptiveField(size=212, jump=32, start=-90)
    """
    size, jump, start = 1, 1, 0
    for number, entry in enumerate(layers):
        layer = Layer(*entry)
        k = require_int(f"layers[{number}].kernel_size", layer.kernel_size, 1, DID)
        s = require_int(f"layers[{number}].stride", layer.stride, 1, DID)
        p = require_int(f"layers[{number}].padding", layer.padding, 0, DID)
        d = require_int(f"layers[{number}].dilation", layer.dilation, 1, DID)
        size, jump, start = size + (k - 1) * d * jump, jump * s, start - p * jump
    return ReceptiveField(size, jump, start)


def _vgg16(blocks: int) -> tuple[Layer, ...]:
    """VGG16 (configuration D) up to pool<blocks>: 2, 2, 3, 3, 3 convolutions per block."""
    layers: list[Layer] = []
    for convs in (2, 2, 3, 3, 3)[:blocks]:
        layers += [Layer(3, 1, 1)] * convs + [Layer(2, 2)]
    return tuple(layers)


#: VGG16 up to pool5 on one axis: thirteen 3x3 convolutions (stride 1, padding 1) and five
#: 2x2 max-pools (stride 2), as Simonyan and Zisserman's configuration D.
VGG16_POOL5 = _vgg16(5)

r, jmp, u = symbols("r j u", integer=True)
i, p = symbols("i p", integer=True, nonnegative=True)
k, s, d = symbols("k s d", integer=True, positive=True)


def _cell(unit: sympy.Expr, tap: sympy.Expr) -> sympy.Expr:
    """The first input cell of unit ``m = unit s - p + tap d`` of the layer below."""
    return u + (unit * s - p + tap * d) * jmp


@functools.cache
def derive_receptive_field() -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """``(r_out, j_out, u_out)`` from the first and last input cell unit ``i`` depends on.

    Unit ``i`` reads units ``m = i s - p + t d``; unit ``m`` below sees ``u + m j`` to
    ``u + m j + r - 1``.  The first cell comes from ``t = 0``, the last from ``t = k - 1``.

    >>> derive_receptive_field()
    (d*j*k - d*j + r, j*s, -j*p + u)
    """
    first = _cell(i, 0)
    last = _cell(i, k - 1) + r - 1
    return (
        sympy.expand(last - first + 1),
        sympy.expand(first.subs(i, i + 1) - first),
        sympy.expand(first.subs(i, 0)),
    )


# --- claims -----------------------------------------------------------------------------------


def _unrolled(depth: int) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr, list[sympy.Symbol]]:
    """Apply the derived recurrence ``depth`` times from the input, dilation 1."""
    step = derive_receptive_field()
    ks = list(symbols(f"k1:{depth + 1}", integer=True, positive=True))
    ss = list(symbols(f"s1:{depth + 1}", integer=True, positive=True))
    ps = list(symbols(f"p1:{depth + 1}", integer=True, nonnegative=True))
    state: tuple[sympy.Expr, ...] = (sympy.Integer(1), sympy.Integer(1), sympy.Integer(0))
    for kl, sl, pl in zip(ks, ss, ps, strict=True):
        subs = {r: state[0], jmp: state[1], u: state[2], k: kl, s: sl, p: pl, d: 1}
        state = tuple(sympy.expand(e.subs(subs, simultaneous=True)) for e in step)
    return state[0], state[1], state[2], [*ks, *ss, *ps]


def _distill(depth: int) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """Araujo et al.'s closed forms: r = sum (k_l - 1) prod_(i<l) s_i + 1, S and padding P."""
    ks = symbols(f"k1:{depth + 1}", integer=True, positive=True)
    ss = symbols(f"s1:{depth + 1}", integer=True, positive=True)
    ps = symbols(f"p1:{depth + 1}", integer=True, nonnegative=True)
    size = 1 + sum((ks[n] - 1) * sympy.Mul(*ss[:n]) for n in range(depth))
    padding = sum(ps[n] * sympy.Mul(*ss[:n]) for n in range(depth))
    return size, sympy.Mul(*ss), padding


def _cells(layers: Sequence[Layer], unit: int) -> set[int]:
    """The input cells unit ``unit`` of the top layer depends on, by enumeration."""
    units = {unit}
    for layer in reversed(layers):
        k_, s_, p_, d_ = layer
        units = {m * s_ - p_ + t * d_ for m in units for t in range(k_)}
    return units


def _stacks() -> Iterator[tuple[Layer, ...]]:
    options = [Layer(*v) for v in itertools.product(range(1, 4), (1, 2), (0, 1), (1, 2))]
    for depth in (1, 2):
        yield from itertools.product(options, repeat=depth)


def _check_enumeration() -> Iterator[object]:
    for layers in _stacks():
        field = receptive_field(layers)
        below = [receptive_field(layers[:n]) for n in range(len(layers))]
        gapless = all(
            layer.kernel_size == 1 or layer.dilation * field_below.jump <= field_below.size
            for layer, field_below in zip(layers, below, strict=True)
        )
        for unit in range(3):
            cells = _cells(layers, unit)
            first = field.start + unit * field.jump
            if (min(cells), max(cells)) != (first, first + field.size - 1):
                yield (layers, unit, "span")
            if gapless and len(cells) != field.size:
                yield (layers, unit, "gap")


def _check_vgg16() -> Iterator[object]:
    table = {1: (6, 2, -2), 4: (100, 16, -42), 5: (212, 32, -90)}
    for blocks, want in table.items():
        if tuple(receptive_field(_vgg16(blocks))) != want:
            yield (blocks, receptive_field(_vgg16(blocks)), want)
    if _cells(VGG16_POOL5, 0) != set(range(-90, 122)):
        yield ("pool5 unit 0 does not see exactly -90..121",)


@derivation(DID)
def _receptive_field() -> Derivation:
    r_out, j_out, u_out = derive_receptive_field()
    t = symbols("t", integer=True, nonnegative=True)
    first = _cell(i, t)  # the first cell of tap t's unit below, held at t = 0 or k - 1
    minus = functools.partial(sympy.Mul, -1, evaluate=False)
    size3, jump3, start3, _ = _unrolled(3)
    closed = sympy.Matrix(_distill(3))
    return Derivation(
        id=DID,
        title="Receptive field and jump of a stack of convolution and pooling layers",
        statement=(
            "Unit i of a layer reads the units i s - p + t d below, so from the r, j and u of "
            "the layer below it sees r_out = r_in + (k - 1) d j_in cells, j_out = j_in s apart "
            "from its neighbours', from u_out = u_in - p j_in on, with r = j = 1 and u = 0 at "
            "the input and pooling layers entering as convolutions do. Without dilation this "
            "unrolls to Araujo, Norris and Sim's r = sum_l (k_l - 1) prod_(i<l) s_i + 1 and "
            "effective padding -u = sum_l p_l prod_(i<l) s_i. VGG16's pool5 has r = 212, "
            "j = 32 and u = -90."
        ),
        result={"r_out": r_out, "j_out": j_out, "u_out": u_out},
        claims=(
            symbolic(
                "r_out, the last cell seen (tap k - 1's unit's first cell plus r - 1) less the "
                "first (tap 0's unit's first cell) plus one, is r_in + (k - 1) d j_in",
                sympy.Add(
                    sympy.Subs(first, t, k - 1),
                    r - 1,
                    minus(sympy.Subs(first, t, 0)),
                    1,
                    evaluate=False,
                ),
                r + (k - 1) * d * jmp,
            ),
            symbolic(
                "j_out, the step of the first cell from unit i to unit i + 1, is j_in s, and "
                "u_out, the first cell of unit 0, is u_in - p j_in",
                sympy.Matrix(
                    [
                        sympy.Add(
                            sympy.Subs(first, (i, t), (i + 1, 0)),
                            minus(sympy.Subs(first, t, 0)),
                            evaluate=False,
                        ),
                        sympy.Subs(first, (i, t), (0, 0)),
                    ]
                ),
                sympy.Matrix([jmp * s, u - p * jmp]),
            ),
            symbolic(
                "three layers from the input, d = 1: r, j and -u equal the closed forms "
                "sum (k_l - 1) prod_(i<l) s_i + 1, s_1 s_2 s_3 and sum p_l prod_(i<l) s_i",
                sympy.Matrix([size3, jump3, -start3]),
                closed,
            ),
            exhaustive(
                "the input cells a unit depends on span exactly start + i j .. start + i j + "
                "r - 1, with no gap when every layer has k = 1 or d j_in <= r_in",
                "stacks of 1 and 2 layers with k = 1..3, s = 1, 2, p = 0, 1, d = 1, 2; units 0..2",
                _check_enumeration,
            ),
            exhaustive(
                "VGG16: pool1 (6, 2, -2), pool4 (100, 16, -42), pool5 (212, 32, -90), and "
                "pool5's unit 0 sees exactly the cells -90..121",
                "the three layers named",
                _check_vgg16,
            ),
        ),
        references=(
            ARAUJO_RECEPTIVE_FIELDS.at(
                "'Single-path networks': r_(l-1) = s_l r_l + (k_l - s_l), the closed form r_0 = "
                "sum_l (k_l - 1) prod_(i<l) s_i + 1, the region u_(l-1) = s_l u_l - p_l, "
                "effective stride prod s_i and effective padding sum_l p_l prod_(i<l) s_i"
            ),
            RECEPTIVE_FIELD_TABLE.at(
                "vgg_16/pool1: RF 6, stride 2, padding 2; vgg_16/pool4: 100, 16, 42; "
                "vgg_16/pool5: 212, 32, 90"
            ),
            SIMONYAN_VGG.at(
                "Sec. 2.1 and Table 1, configuration D (VGG16): 3x3 convolutions, stride 1, "
                "padding 1; five 2x2 max-pools, stride 2"
            ),
        ),
        implemented_by=("spec.pool.receptive_field",),
        notes=(
            "Unit i of VGG16's pool5 sees the input cells 32 i - 90 to 32 i + 121.",
            "The field is a span: with a strided 1x1 layer below a wider kernel it has gaps, "
            "and the enumeration claim states when it has none.",
            "FCN's coordinate maps reuse the jump and start: unit i of a layer sits over "
            "input cell start + i jump + (r - 1)/2.",
            "Araujo et al.'s table lists r, effective stride and effective padding (-u) for "
            "the same VGG16 end points.",
        ),
    )
