"""The seven transposed-convolution cases of conv_arithmetic, as worked examples with figures.

Each case is the transpose of one of Dumoulin and Visin's square convolutions (input ``i x i``,
kernel ``k``, stride ``s``, padding ``p``).  The transposed convolution maps ``o x o`` back to
``i x i``, with ``output_padding a = (i + 2p - k) mod s``.  Its page carries a figure drawn
from the spec's index map (``spec.conv.figures``).

Derivations: ``conv_transpose.example.*``, one for each of the seven names in :data:`CASES`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import sympy

from spec.conv import maps
from spec.conv.checkerboard import checkerboard_counts
from spec.conv.figures import drawn_grid, drawn_links, transpose_figure
from spec.conv.transpose import stretched_length, zero_insertion_padding
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import CONV_ARITHMETIC_ANIMATIONS, DUMOULIN_VISIN

__all__ = ["CASES", "FAMILY", "ConvArithmeticCase"]

#: The family of the seven worked examples' IDs; a case's ID replaces ``*`` with its slug.
FAMILY = "conv_transpose.example.*"


@dataclass(frozen=True)
class ConvArithmeticCase:
    """One of the seven cases: the direct convolution's parameters and where the paper draws it."""

    slug: str
    name: str
    conv_input: int
    kernel: int
    stride: int
    padding: int
    figure: str
    relationship: int

    @property
    def conv_output(self) -> int:
        """``o``, the convolution's output size and the transposed convolution's input size."""
        return (self.conv_input + 2 * self.padding - self.kernel) // self.stride + 1

    @property
    def output_padding(self) -> int:
        """``a = (i + 2p - k) mod s``, which makes the transposed convolution return ``i``."""
        return (self.conv_input + 2 * self.padding - self.kernel) % self.stride

    @property
    def id(self) -> str:
        """The derivation ID of the case."""
        return FAMILY.replace("*", self.slug)


#: The seven transposed cases of conv_arithmetic, in the order of the paper's Figures 4.1-4.7.
CASES = (
    ConvArithmeticCase("no_padding_no_strides", "No padding, no strides", 4, 3, 1, 0, "4.1", 8),
    ConvArithmeticCase(
        "arbitrary_padding_no_strides", "Arbitrary padding, no strides", 5, 4, 1, 2, "4.2", 9
    ),
    ConvArithmeticCase(
        "half_padding_no_strides", "Half padding, no strides", 5, 3, 1, 1, "4.3", 10
    ),
    ConvArithmeticCase(
        "full_padding_no_strides", "Full padding, no strides", 5, 3, 1, 2, "4.4", 11
    ),
    ConvArithmeticCase("no_padding_strides", "No padding, strides", 5, 3, 2, 0, "4.5", 12),
    ConvArithmeticCase("padding_strides", "Padding, strides", 5, 3, 2, 1, "4.6", 13),
    ConvArithmeticCase("padding_strides_odd", "Padding, strides (odd)", 6, 3, 2, 1, "4.7", 14),
)


def figure(case: ConvArithmeticCase) -> str:
    """The SVG of ``case``, drawn from its transposed index map."""
    o, i = case.conv_output, case.conv_input
    a = f", output_padding {case.output_padding}" if case.output_padding else ""
    subtitle = (
        f"transposed: {o} x {o} -> {i} x {i}; kernel {case.kernel}, stride {case.stride}, "
        f"padding {case.padding}{a}; the transpose of conv {i} x {i} -> {o} x {o}"
    )
    return transpose_figure(
        f"{case.name}, transposed",
        subtitle,
        o,
        case.kernel,
        case.stride,
        case.padding,
        case.padding,
        case.output_padding,
    )


def _check_2d_transpose(case: ConvArithmeticCase) -> Callable[[], Iterator[object]]:
    def check() -> Iterator[object]:
        axis = (case.conv_input, case.kernel, case.stride, case.padding, case.padding, 1)
        t_axis = (case.conv_output, *axis[1:])
        conv = maps.nd_tap_selections([axis, axis])
        trans = maps.nd_tap_selections([t_axis, t_axis], [case.output_padding] * 2)
        for taps in itertools.product(range(case.kernel), repeat=2):
            flipped = frozenset((col, row) for row, col in conv[taps])
            if trans[taps] != flipped:
                yield taps

    return check


def _check_figure(case: ConvArithmeticCase) -> Callable[[], Iterator[object]]:
    def check() -> Iterator[object]:
        svg = figure(case)
        o, k, s, p = case.conv_output, case.kernel, case.stride, case.padding
        every = {(x, t, x * s - p + t) for x in range(o) for t in range(k)}
        drawn = drawn_links(svg)
        if len(drawn) != len(every) or set(drawn) != every:
            yield ("links", sorted(every ^ set(drawn)))
        inside = {(x, t, q) for x, t, q in drawn if 0 <= q < case.conv_input}
        if inside != set(maps.transpose_index_map(o, k, s, p, p, 1, case.output_padding)):
            yield "the in-range links are not the index map"
        counts = checkerboard_counts(o, k, s, p, p, 1, case.output_padding)
        if drawn_grid(svg) != [a * b for a in counts for b in counts]:
            yield "grid"

    return check


def _record(case: ConvArithmeticCase) -> Derivation:
    i, k, s, p, o, a = (
        case.conv_input,
        case.kernel,
        case.stride,
        case.padding,
        case.conv_output,
        case.output_padding,
    )
    begin, end = zero_insertion_padding(k, p, p, 1, a)
    stretched = stretched_length(o, s)
    # Unevaluated, so that the page shows the arithmetic and not only its value.
    n = sympy.Integer

    def add(*terms: sympy.Expr) -> sympy.Expr:
        return sympy.Add(*terms, evaluate=False)

    def mul(*factors: sympy.Expr) -> sympy.Expr:
        return sympy.Mul(*factors, evaluate=False)

    quotient = mul(add(n(i), mul(n(2), n(p)), n(-k)), sympy.Pow(n(s), -1, evaluate=False))
    conv_len = add(sympy.floor(quotient, evaluate=False), n(1))
    trans_len = add(mul(n(s), add(n(o), n(-1))), n(k), mul(n(-2), n(p)), n(a))
    unit_len = add(n(stretched), n(begin), n(end), n(-k), n(1))
    plural = "s" if s > 2 else ""
    zeros = f"inserts {s - 1} zero{plural} between inputs ({stretched} cells), " if s > 1 else ""
    extra = f" plus {a} at the end" if a else ""
    return Derivation(
        id=case.id,
        title=f"Worked example: {case.name.lower()}, transposed",
        statement=(
            f"conv_arithmetic's '{case.name}, transposed' maps {o} x {o} to {i} x {i} with a "
            f"{k} x {k} kernel, stride {s}, padding {p} and output_padding {a}: it is the "
            f"transpose of the convolution of {i} x {i} to {o} x {o} with the same kernel, "
            f"stride and padding (Dumoulin and Visin, Figure {case.figure}, relationship "
            f"{case.relationship}). The zero-insertion form {zeros}pads by k - p - 1 = {begin} "
            f"on each side{extra} and runs a unit-stride convolution, which again gives {i}."
        ),
        result={
            "conv": sympy.Tuple(i, o),
            "conv_transpose": sympy.Tuple(o, i),
            "output_padding": sympy.Integer(a),
            "zero-insertion padding": sympy.Tuple(begin, end),
        },
        claims=(
            symbolic(
                f"the convolution maps {i} to floor(({i} + 2*{p} - {k})/{s}) + 1 = {o}",
                conv_len,
                o,
            ),
            symbolic(
                f"the transposed convolution maps {o} to {s}({o} - 1) + {k} - 2*{p} + {a} = {i}",
                trans_len,
                i,
            ),
            symbolic(
                f"the zero-insertion convolution maps the stretched {stretched} cells, padded "
                f"by ({begin}, {end}), to {i}",
                unit_len,
                i,
            ),
            exhaustive(
                "in 2-D every tap's transposed selection is the transpose of the convolution's",
                f"the {k} x {k} taps of this case",
                _check_2d_transpose(case),
            ),
            exhaustive(
                "the figure draws exactly the index map: every (input, tap, output) once, "
                "the in-range ones equal to transpose_index_map, and the 2-D counts",
                "this case's figure",
                _check_figure(case),
            ),
        ),
        references=(
            DUMOULIN_VISIN.at(f"Figure {case.figure}, Relationship {case.relationship}"),
            CONV_ARITHMETIC_ANIMATIONS.at(
                f"'Transposed convolution animations': {case.name}, transposed"
            ),
        ),
        implemented_by=("oracle.conv_transpose",),
        figures=(("index_map", figure(case)),),
    )


def _register(case: ConvArithmeticCase) -> None:
    derivation(case.id)(lambda: _record(case))


for _case in CASES:
    _register(_case)
