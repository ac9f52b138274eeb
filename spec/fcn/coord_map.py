"""Coordinate maps: where a layer puts each cell of its input, as an affine map.

Convention, per spatial axis: a blob's cells are numbered ``0, 1, ...`` and a coordinate
is a (possibly fractional) cell position.  A layer's map sends a position ``x`` in its
bottom blob to the position ``a*x + b`` in its top blob, so that the top cell ``o`` sits
where the map puts it:

* convolution and pooling (kernel ``k``, dilation ``d``, extent ``e = d(k - 1) + 1``,
  stride ``s``, padding ``p``): the window of output ``o`` reads ``o*s - p + t*d`` for the
  taps ``t`` (``window.output_length``); its centre is ``o*s - p + (e - 1)/2``, so the
  map is ``a = 1/s``, ``b = (p - (e - 1)/2)/s``;
* transposed convolution: input ``o`` reaches ``o*s - p + t*d``, centred on
  ``o*s - p + (e - 1)/2``: ``a = s``, ``b = (e - 1)/2 - p``;
* crop by ``offset``: top cell ``i`` is bottom cell ``i + offset``: ``a = 1``, ``b = -offset``;
* pointwise layers (ReLU, dropout, elementwise sums): the identity.

Maps compose (the scales multiply) and invert; a crop from one blob to another aligns
every cell exactly when the map between them has ``a = 1`` and an integer ``b <= 0``,
and the offset is ``-b``.  This is the algebra of Caffe's ``python/caffe/coord_map.py``,
which the reference FCN nets use to set their crops.

Derivation: ``fcn.coord_map``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import sympy
from sympy import Rational, Sum, symbols

from spec._exact import rational
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import CAFFE, FCN_2015
from spec.window.length import effective_kernel, require_int

__all__ = [
    "IDENTITY",
    "CoordMap",
    "conv_map",
    "crop_map",
    "crop_offset",
    "deconv_map",
    "derive_conv_map",
    "derive_deconv_map",
    "held_apply",
]

_DID = "fcn.coord_map"

x, y = symbols("x y", real=True)
o, t = symbols("o t", integer=True)
s, k, d = symbols("s k d", integer=True, positive=True)
p, c = symbols("p c", integer=True)
a_, b_ = symbols("a b", real=True)
a1, b1, a2, b2 = symbols("a_1 b_1 a_2 b_2", real=True)


@dataclass(frozen=True)
class CoordMap:
    """The affine map ``x -> a*x + b`` from a bottom blob's positions to a top blob's.

    ``a`` and ``b`` are exact rationals.  Cites ``fcn.coord_map``.

    >>> conv_map(2, 2, 0)(Fraction(1, 2))
    Fraction(0, 1)
    """

    a: Fraction
    b: Fraction

    def __call__(self, position: Fraction | int) -> Fraction:
        """The top position of the bottom position ``position``."""
        return self.a * position + self.b

    def then(self, other: CoordMap) -> CoordMap:
        """This map followed by ``other``: ``x -> a2*(a1*x + b1) + b2``.

        >>> conv_map(3, 1, 100).then(conv_map(2, 2, 0))
        CoordMap(a=Fraction(1, 2), b=Fraction(197, 4))
        """
        return CoordMap(other.a * self.a, other.a * self.b + other.b)

    def inverse(self) -> CoordMap:
        """The map back: ``y -> (y - b)/a``.

        >>> deconv_map(4, 2, 0).inverse()
        CoordMap(a=Fraction(1, 2), b=Fraction(-3, 4))
        """
        return CoordMap(1 / self.a, -self.b / self.a)


#: The map of a pointwise layer.
IDENTITY = CoordMap(Fraction(1), Fraction(0))


def _check(kernel: int, stride: int, pad: int, dilation: int) -> int:
    extent = effective_kernel(kernel, dilation)
    require_int("stride", stride, 1, _DID)
    require_int("pad", pad, 0, _DID)
    return extent


def conv_map(kernel: int, stride: int = 1, pad: int = 0, dilation: int = 1) -> CoordMap:
    """The map of a convolution or pooling layer: ``a = 1/s``, ``b = (p - (e - 1)/2)/s``.

    Cites ``fcn.coord_map``.

    >>> conv_map(3, 1, 100), conv_map(2, 2)
    (CoordMap(a=Fraction(1, 1), b=Fraction(99, 1)), CoordMap(a=Fraction(1, 2), b=Fraction(-1, 4)))
    """
    extent = _check(kernel, stride, pad, dilation)
    return CoordMap(Fraction(1, stride), (pad - Fraction(extent - 1, 2)) / stride)


def deconv_map(kernel: int, stride: int = 1, pad: int = 0, dilation: int = 1) -> CoordMap:
    """The map of a transposed convolution: ``a = s``, ``b = (e - 1)/2 - p``.

    Cites ``fcn.coord_map``.

    >>> deconv_map(64, 32)
    CoordMap(a=Fraction(32, 1), b=Fraction(63, 2))
    """
    extent = _check(kernel, stride, pad, dilation)
    return CoordMap(Fraction(stride), Fraction(extent - 1, 2) - pad)


def crop_map(offset: int) -> CoordMap:
    """The map of a crop that starts at cell ``offset``: ``a = 1``, ``b = -offset``.

    Cites ``fcn.coord_map``.

    >>> crop_map(19)
    CoordMap(a=Fraction(1, 1), b=Fraction(-19, 1))
    """
    require_int("offset", offset, 0, _DID)
    return CoordMap(Fraction(1), Fraction(-offset))


def crop_offset(between: CoordMap) -> int:
    """The crop offset that aligns two blobs whose positions ``between`` relates.

    ``between`` maps a position of the blob to crop to the position of the same point in
    the blob whose size it takes.  A crop aligns every cell exactly when ``a = 1`` and
    ``b`` is an integer ``<= 0``; the offset is ``-b``.  Anything else raises
    ``ValueError`` (``fcn.coord_map``).

    >>> crop_offset(CoordMap(Fraction(1), Fraction(-5)))
    5
    """
    if between.a != 1:
        raise ValueError(f"between: scale a = {between.a} is not 1; no crop aligns ({_DID})")
    if between.b.denominator != 1 or between.b > 0:
        raise ValueError(
            f"between: shift b = {between.b} is not an integer <= 0; no crop aligns ({_DID})"
        )
    return int(-between.b)


def held_apply(m: CoordMap, inner: sympy.Expr) -> sympy.Expr:
    """``a*inner + b`` held unevaluated, for a claim's rendered side; identity maps vanish.

    >>> held_apply(conv_map(2, 2), sympy.Symbol("x"))
    x/2 - 1/4
    """
    if m == IDENTITY:
        return inner
    scaled = inner if m.a == 1 else sympy.Mul(rational(m.a), inner, evaluate=False)
    return scaled if m.b == 0 else sympy.Add(scaled, rational(m.b), evaluate=False)


# --- derivation -------------------------------------------------------------------------------


def _tap_mean(start: sympy.Expr) -> sympy.Expr:
    """The mean of the positions ``start + t*d`` over the ``k`` taps, held."""
    return sympy.Mul(Sum(start + t * d, (t, 0, k - 1)), sympy.Pow(k, -1), evaluate=False)


@functools.cache
def derive_conv_map() -> tuple[sympy.Expr, sympy.Expr]:
    """Solve "the centre of window ``o`` is ``x``" for ``o``; return ``(a, b)``.

    The centre is the mean of the tap positions ``o*s - p + t*d``.

    >>> derive_conv_map()
    (1/s, (-d*k + d + 2*p)/(2*s))
    """
    centre = _tap_mean(o * s - p).doit()
    (solution,) = sympy.solve(sympy.Eq(centre, x), o)
    a = sympy.diff(solution, x)
    return a, sympy.factor(sympy.expand(solution - a * x))


@functools.cache
def derive_deconv_map() -> tuple[sympy.Expr, sympy.Expr]:
    """The centre of the outputs that input ``o`` reaches, as ``a*o + b``; return ``(a, b)``.

    >>> derive_deconv_map()
    (s, d*k/2 - d/2 - p)
    """
    centre = sympy.expand(sympy.simplify(_tap_mean(o * s - p).doit()))
    a = sympy.diff(centre, o)
    return a, sympy.expand(centre - a * o)


def _grid() -> Iterator[tuple[int, int, int, int]]:
    yield from itertools.product(range(1, 6), range(1, 4), range(0, 4), range(1, 3))


def _check_conv_windows() -> Iterator[object]:
    """Every window's centre (the mean of its taps) is where the inverse map puts it."""
    for kk, ss, pp, dd in _grid():
        back = conv_map(kk, ss, pp, dd).inverse()
        for out in range(6):
            taps = [out * ss - pp + tt * dd for tt in range(kk)]
            if Fraction(sum(taps), kk) != back(out):
                yield (kk, ss, pp, dd, out)


def _check_deconv_reach() -> Iterator[object]:
    """Every input's reached outputs are centred where the map puts it."""
    for kk, ss, pp, dd in _grid():
        forward = deconv_map(kk, ss, pp, dd)
        for inp in range(6):
            reached = [inp * ss - pp + tt * dd for tt in range(kk)]
            if Fraction(sum(reached), kk) != forward(inp):
                yield (kk, ss, pp, dd, inp)


_SCALES = (Fraction(1, 4), Fraction(1, 2), Fraction(1), Fraction(2), Fraction(4))
_SHIFTS = tuple(Fraction(n, 4) for n in range(-16, 17))


def _aligns(m: CoordMap) -> bool:
    """Some crop offset ``c >= 0`` puts top cell ``i`` where bottom cell ``i + c`` maps, for
    the cells ``i = 0..3``: found by trying every offset that could work."""
    return any(all(m(i + cc) == i for i in range(4)) for cc in range(0, 8))


def _check_validity() -> Iterator[object]:
    for a, b in itertools.product(_SCALES, _SHIFTS):
        m = CoordMap(a, b)
        valid = a == 1 and b.denominator == 1 and b <= 0
        if _aligns(m) != valid:
            yield (a, b)
        if valid and crop_offset(m) != -b:
            yield ("offset", a, b)


def _check_group() -> Iterator[object]:
    """Composition is associative, the inverse undoes a map, and composing a map with its
    inverse is the identity, on a grid of exact maps."""
    maps = [CoordMap(a, b) for a in _SCALES for b in _SHIFTS[::4]]
    for f, g in itertools.product(maps, repeat=2):
        if f.then(f.inverse()) != IDENTITY or f.inverse().then(f) != IDENTITY:
            yield ("inverse", f)
        for h in maps[::7]:
            if f.then(g).then(h) != f.then(g.then(h)):
                yield ("associative", f, g, h)
        for point in (Fraction(-3), Fraction(1, 3), Fraction(5)):
            if f.then(g)(point) != g(f(point)):
                yield ("compose", f, g, point)


@derivation("fcn.coord_map")
def _coord_map() -> Derivation:
    conv_a, conv_b = derive_conv_map()
    deconv_a, deconv_b = derive_deconv_map()
    e = d * (k - 1) + 1
    (inverse,) = sympy.solve(sympy.Eq(a_ * x + b_, y), x)
    # Crop offset c: bottom cells c and c + 1 go to top cells 0 and 1.  Cramer's rule.
    system = sympy.ImmutableMatrix([[c, 1], [c + 1, 1]])
    det = sympy.Determinant(system)
    cramer_a = sympy.Mul(
        sympy.Determinant(sympy.ImmutableMatrix([[0, 1], [1, 1]])),
        sympy.Pow(det, -1),
        evaluate=False,
    )
    cramer_b = sympy.Mul(
        sympy.Determinant(sympy.ImmutableMatrix([[c, 0], [c + 1, 1]])),
        sympy.Pow(det, -1),
        evaluate=False,
    )
    composed = sympy.Add(
        sympy.Mul(a2, sympy.Add(a1 * x, b1, evaluate=False), evaluate=False), b2, evaluate=False
    )
    return Derivation(
        id=_DID,
        title="Coordinate maps of convolution, pooling, transposed convolution and crop",
        statement=(
            "A layer maps a bottom position x to the top position a*x + b: convolution and "
            "pooling have a = 1/s, b = (p - (e - 1)/2)/s, transposed convolution a = s, "
            "b = (e - 1)/2 - p, and a crop a = 1, b = -offset, with e = d(k - 1) + 1. Maps "
            "compose as a2(a1 x + b1) + b2 and invert as (y - b)/a. A crop aligns every cell "
            "of two blobs exactly when the map between them has a = 1 and an integer b <= 0, "
            "and its offset is then -b."
        ),
        result={
            "convolution and pooling (a, b)": sympy.Tuple(conv_a, conv_b),
            "transposed convolution (a, b)": sympy.Tuple(deconv_a, deconv_b),
            "composition (a, b)": sympy.Tuple(a1 * a2, a2 * b1 + b2),
            "inverse": inverse,
        },
        claims=(
            symbolic(
                "solving 'the mean of window o's tap positions o s - p + t d is x' for o gives "
                "Caffe's convolution map x/s + (p - (e - 1)/2)/s",
                sympy.Add(sympy.Mul(conv_a, x, evaluate=False), conv_b, evaluate=False),
                x / s + (p - (e - 1) / 2) / s,
            ),
            symbolic(
                "the outputs o s - p + t d that input o reaches are centred at Caffe's "
                "transposed-convolution map s o + (e - 1)/2 - p",
                _tap_mean(o * s - p),
                s * o + (e - 1) / 2 - p,
            ),
            symbolic(
                "composition: the map a2 y + b2 applied to y = a1 x + b1 has scale a1 a2 and "
                "shift a2 b1 + b2",
                composed,
                a1 * a2 * x + (a2 * b1 + b2),
            ),
            symbolic(
                "inversion: the map applied to the solved inverse (y - b)/a returns y",
                sympy.Subs(a_ * x + b_, x, inverse),
                y,
            ),
            symbolic(
                "a crop with offset c sends bottom cells c and c + 1 to top cells 0 and 1: "
                "a c + b = 0 and a (c + 1) + b = 1, which Cramer's rule solves for a = 1",
                cramer_a,
                Rational(1),
            ),
            symbolic(
                "and b = -c: an offset is a non-negative integer, so b is an integer <= 0",
                cramer_b,
                -c,
            ),
            exhaustive(
                "every convolution or pooling window's tap mean is the inverse map of its index",
                "k = 1..5, s = 1..3, p = 0..3, d = 1..2, outputs 0..5",
                _check_conv_windows,
            ),
            exhaustive(
                "every transposed-convolution input's reached outputs are centred on its map",
                "k = 1..5, s = 1..3, p = 0..3, d = 1..2, inputs 0..5",
                _check_deconv_reach,
            ),
            exhaustive(
                "a map admits an aligning crop (some offset c >= 0 with a(i + c) + b = i for "
                "i = 0..3) exactly when a = 1 and b is an integer <= 0, and crop_offset is -b",
                "a in {1/4, 1/2, 1, 2, 4}, b in {-4, -15/4, ..., 4}",
                _check_validity,
            ),
            exhaustive(
                "composition is associative and agrees with applying the maps in turn, and a "
                "map composed with its inverse either way is the identity",
                "a in {1/4, 1/2, 1, 2, 4}, b in {-4, -3, ..., 4}, points -3, 1/3, 5",
                _check_group,
            ),
        ),
        references=(
            CAFFE.at(
                "python/caffe/coord_map.py: coord_map, compose, inverse and crop (a == 1, "
                "b <= 0, b integer; offset -b)"
            ),
            FCN_2015.at("Sec. 4.2: the skips crop and fuse aligned predictions"),
        ),
        implemented_by=("spec.fcn.coord_map.crop_offset", "oracle.fcn_fuse"),
        notes=(
            "Caffe's compose(base, next) walks from the top down and returns (a1 a2, a1 b2 "
            "+ b1) with the base map first; it is the same composition written in the other "
            "order.",
            "The maps ignore the blob lengths: ceil-mode pooling changes how many windows "
            "there are, never where they sit.",
        ),
    )
