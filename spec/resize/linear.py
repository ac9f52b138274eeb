"""Linear, bilinear and trilinear interpolation, derived from the line through two points.

Convention: a 1-D signal has samples ``x_k`` at integer positions ``k``.  The value at a
source coordinate ``x`` between two samples lies on the straight line through them.  The
N-d kernels are built from that 1-D line alone, one axis at a time: bilinear is two passes
along ``x`` and one along ``y``; trilinear is four, two and one.

Derivations: ``interp.linear.weights``, ``interp.linear.separable``,
``interp.linear.center_of_four``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence

import sympy
from sympy import Rational, symbols

from spec._exact import floor, nonzero
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import BURDEN_FAIRES_2011, FCN_2015, NUMERICAL_RECIPES_1992

__all__ = [
    "AXES",
    "corner_values",
    "held_product",
    "lerp",
    "linear_tap_weights",
    "linear_taps",
    "linear_weights",
    "nonzero_weights",
    "reproduction_weights",
    "separable_interpolate",
    "tensor_product_weights",
]

x, x1, x2, y, y1, y2 = symbols("x x_1 x_2 y y_1 y_2", real=True)
z, z1, z2 = symbols("z z_1 z_2", real=True)
t = symbols("t", real=True)

#: Per axis: (position, left grid point, right grid point).
AXES = ((x, x1, x2), (y, y1, y2), (z, z1, z2))

BURDEN_FAIRES = BURDEN_FAIRES_2011.at(
    "Sec. 3.1, the linear Lagrange interpolating polynomial through two points"
)
NUMERICAL_RECIPES = NUMERICAL_RECIPES_1992.at(
    "Sec. 3.6, bilinear interpolation on a grid in two dimensions"
)
FCN = FCN_2015.at(
    "Sec. 3.3: a deconvolution layer may be initialised to bilinear upsampling and then "
    "learned; fixed bilinear interpolation has no parameters"
)


@functools.cache
def linear_weights() -> tuple[sympy.Expr, sympy.Expr]:
    """Solve the two-point line for ``y`` and return the weights of ``y1`` and ``y2``.

    The line through ``(x1, y1)`` and ``(x2, y2)`` satisfies
    ``(y - y1)/(x - x1) = (y2 - y1)/(x2 - x1)``; solved for ``y`` it is linear in
    ``y1`` and ``y2``, and the coefficients are the weights (``interp.linear.weights``).

    >>> w1, w2 = linear_weights()
    >>> w1.subs({x1: 0, x2: 1, x: Rational(1, 4)}), w2.subs({x1: 0, x2: 1, x: Rational(1, 4)})
    (3/4, 1/4)
    """
    line = sympy.Eq((y - y1) / (x - x1), (y2 - y1) / (x2 - x1))
    (solution,) = sympy.solve(line, y)
    expanded = sympy.expand(solution)
    return (
        sympy.factor(expanded.coeff(y1)),
        sympy.factor(expanded.coeff(y2)),
    )


def lerp(
    position: sympy.Expr,
    left: sympy.Expr,
    right: sympy.Expr,
    value_left: sympy.Expr,
    value_right: sympy.Expr,
) -> sympy.Expr:
    """One 1-D linear pass: the derived weights of ``interp.linear.weights`` applied to two values.

    ``left`` and ``right`` are the grid positions of ``value_left`` and ``value_right``.

    >>> lerp(Rational(1, 4), 0, 1, 8, 12)
    9
    """
    w1, w2 = linear_weights()
    placement = {x: position, x1: left, x2: right}
    return w1.xreplace(placement) * value_left + w2.xreplace(placement) * value_right


def corner_values(dim: int) -> dict[tuple[int, ...], sympy.Symbol]:
    """Symbolic sample values at the ``2**dim`` corners of a grid cell.

    Corner ``(a, b)`` (``a, b`` in ``{1, 2}``) is the point ``(x_a, y_b)``; its value is
    ``Q_ab``, as in the bilinear textbook notation ``Q11, Q12, Q21, Q22``.

    >>> sorted(str(v) for v in corner_values(2).values())
    ['Q_11', 'Q_12', 'Q_21', 'Q_22']
    """
    return {
        corner: sympy.Symbol("Q_" + "".join(map(str, corner)))
        for corner in itertools.product((1, 2), repeat=dim)
    }


def separable_interpolate(
    values: Mapping[tuple[int, ...], sympy.Expr], order: Sequence[int]
) -> sympy.Expr:
    """Interpolate cell-corner ``values`` by 1-D linear passes along the axes in ``order``.

    Each pass along an axis pairs every corner at the left grid point (index 1) with the
    corner at the right grid point (index 2) and replaces the pair by one :func:`lerp`.
    With ``order == (0, 1)`` in 2-D this is two horizontal passes (at ``y1`` and ``y2``)
    followed by one vertical pass (``interp.linear.separable``).

    >>> q = {(1,): 2, (2,): 6}
    >>> separable_interpolate(q, (0,)).subs({x1: 0, x2: 1, x: Rational(1, 2)})
    4
    """
    current: dict[tuple[int, ...], sympy.Expr] = dict(values)
    for axis in order:
        position, left, right = AXES[axis]
        reduced: dict[tuple[int, ...], sympy.Expr] = {}
        for corner, value in current.items():
            if corner[axis] != 1:
                continue
            partner = (*corner[:axis], 2, *corner[axis + 1 :])
            merged = (*corner[:axis], 0, *corner[axis + 1 :])
            reduced[merged] = lerp(position, left, right, value, current[partner])
        current = reduced
    if len(current) != 1:
        raise ValueError(f"order: {tuple(order)!r} does not visit every axis exactly once")
    (result,) = current.values()
    return result


def tensor_product_weights(dim: int) -> dict[tuple[int, ...], sympy.Expr]:
    """The weight of each cell corner as the product of the 1-D weights, one per axis.

    >>> w = tensor_product_weights(2)
    >>> w[(1, 1)]
    (x - x_2)*(y - y_2)/((x_1 - x_2)*(y_1 - y_2))
    """
    w1, w2 = linear_weights()
    per_axis = []
    for position, left, right in AXES[:dim]:
        placement = {x: position, x1: left, x2: right}
        per_axis.append({1: w1.xreplace(placement), 2: w2.xreplace(placement)})
    return {
        corner: sympy.Mul(*(per_axis[a][c] for a, c in enumerate(corner)))
        for corner in itertools.product((1, 2), repeat=dim)
    }


def held_product(corner: tuple[int, ...]) -> sympy.Expr:
    """The weight of a cell corner as the unevaluated product of its 1-D weights.

    For a claim's rendered side; ``doit()`` gives :func:`tensor_product_weights`.

    >>> held_product((1, 2))
    ((x - x_2)/(x_1 - x_2))*(-(y - y_1)/(y_1 - y_2))
    """
    w1, w2 = linear_weights()
    factors = []
    for (position, left, right), c in zip(AXES, corner, strict=False):
        weight = w1 if c == 1 else w2
        factors.append(weight.xreplace({x: position, x1: left, x2: right}))
    return sympy.Mul(*factors, evaluate=False)


def reproduction_weights(dim: int) -> tuple[dict[tuple[int, ...], sympy.Expr], sympy.Expr]:
    """Solve for corner weights that reproduce every multilinear monomial exactly.

    Unknown weights ``w_c`` (one per corner ``c``) must satisfy
    ``sum_c w_c m(c) = m(point)`` for the ``2**dim`` monomials ``m`` in
    ``{1, x} x {1, y} (x {1, z})``: constants, linear and bilinear functions are
    reproduced.  Returns the unique solution and the determinant of the linear system;
    a nonzero determinant means no free parameter remains (``interp.linear.center_of_four``).

    >>> w, det = reproduction_weights(1)
    >>> sympy.factor(w[(1,)]), sympy.factor(det)
    ((x - x_2)/(x_1 - x_2), -x_1 + x_2)
    """
    corners = list(itertools.product((1, 2), repeat=dim))
    unknowns = [sympy.Symbol("w_" + "".join(map(str, c))) for c in corners]
    axes = AXES[:dim]
    monomials = [
        tuple(axis for axis, used in enumerate(mask) if used)
        for mask in itertools.product((0, 1), repeat=dim)
    ]
    rows = []
    rhs = []
    for mono in monomials:
        rows.append([sympy.Mul(*(axes[a][corner[a]] for a in mono)) for corner in corners])
        rhs.append(sympy.Mul(*(axes[a][0] for a in mono)))
    matrix = sympy.Matrix(rows)
    (solution,) = sympy.linsolve((matrix, sympy.Matrix(rhs)), unknowns)
    weights = {c: sympy.factor(w) for c, w in zip(corners, solution, strict=True)}
    return weights, sympy.factor(matrix.det())


def linear_taps(position: object, in_len: int) -> tuple[int, int]:
    """The two clamped tap indices ``floor(x)`` and ``floor(x) + 1`` of 1-D linear interpolation.

    Indices are clamped to ``[0, in_len - 1]`` (edge replicate, ``resize.border``).

    >>> linear_taps(Rational(-1, 4), 4), linear_taps(Rational(5, 2), 4), linear_taps(3, 4)
    ((0, 0), (2, 3), (3, 3))
    """
    xr = sympy.Rational(position)
    left = floor(xr)
    return min(max(left, 0), in_len - 1), min(max(left + 1, 0), in_len - 1)


def linear_tap_weights(
    position: object, in_len: int, *, exclude_outside: bool = False
) -> dict[int, sympy.Rational]:
    """Weight of each input index in 1-D linear interpolation at source coordinate ``position``.

    Taps ``floor(x)`` and ``floor(x) + 1`` carry weights ``1 - t`` and ``t`` with
    ``t = x - floor(x)`` (``interp.linear.weights``).  By default a tap outside
    ``[0, in_len - 1]`` is clamped to the edge and its weight added there (edge replicate,
    ``resize.border``).  With ``exclude_outside`` such taps are dropped and the remaining
    weights renormalised to sum to one.  Zero weights are kept: they name taps that are
    read (``resize.nan``).

    >>> linear_tap_weights(Rational(5, 4), 4)
    {1: 3/4, 2: 1/4}
    >>> linear_tap_weights(Rational(-1, 4), 4)
    {0: 1}
    >>> linear_tap_weights(Rational(-1, 4), 4, exclude_outside=True)
    {0: 1}
    """
    xr = sympy.Rational(position)
    left = floor(xr)
    frac = xr - left
    raw = ((left, 1 - frac), (left + 1, frac))
    weights: dict[int, sympy.Rational] = {}
    if exclude_outside:
        kept = [(k, w) for k, w in raw if 0 <= k < in_len]
        total = sum((w for _, w in kept), sympy.Integer(0))
        if total == 0:
            raise ValueError(
                f"position: {position!r} leaves no in-range tap with nonzero weight (resize.border)"
            )
        for k, w in kept:
            weights[k] = weights.get(k, sympy.Integer(0)) + w / total
        return weights
    for k, w in raw:
        clamped = min(max(k, 0), in_len - 1)
        weights[clamped] = weights.get(clamped, sympy.Integer(0)) + w
    return weights


def nonzero_weights(weights: Mapping[int, sympy.Rational]) -> dict[int, sympy.Rational]:
    """The weight vector without zero entries: two outputs agree on every finite input iff equal.

    >>> nonzero_weights({0: Rational(1), 1: Rational(0)})
    {0: 1}
    """
    return nonzero(weights)


@derivation("interp.linear.weights")
def _weights() -> Derivation:
    w1, w2 = linear_weights()
    return Derivation(
        id="interp.linear.weights",
        title="1-D linear interpolation weights",
        statement=(
            "The value at x on the straight line through (x1, y1) and (x2, y2) satisfies "
            "(y - y1)/(x - x1) = (y2 - y1)/(x2 - x1). Solving for y gives "
            "y = w1 y1 + w2 y2 with w1 = (x2 - x)/(x2 - x1) and w2 = (x - x1)/(x2 - x1), "
            "the linear Lagrange polynomial. On the unit grid (x1 = i, x2 = i + 1, "
            "t = x - i) the weights are 1 - t and t: they sum to one and reproduce the "
            "samples at the grid points."
        ),
        result={"w_1": w1, "w_2": w2},
        claims=(
            symbolic(
                "w1 equals the published closed form (x2 - x)/(x2 - x1)",
                w1,
                (x2 - x) / (x2 - x1),
            ),
            symbolic(
                "w2 equals the published closed form (x - x1)/(x2 - x1)",
                w2,
                (x - x1) / (x2 - x1),
            ),
            symbolic("partition of unity: w1 + w2 = 1", w1 + w2, 1),
            symbolic("interpolates at x = x1: w1 = 1", sympy.Subs(w1, x, x1), 1),
            symbolic("interpolates at x = x2: w2 = 1", sympy.Subs(w2, x, x2), 1),
            symbolic("unit grid: w1 = 1 - t", sympy.Subs(w1, (x1, x2, x), (0, 1, t)), 1 - t),
            symbolic("unit grid: w2 = t", sympy.Subs(w2, (x1, x2, x), (0, 1, t)), t),
            symbolic("the line reproduces linear data: w1 x1 + w2 x2 = x", w1 * x1 + w2 * x2, x),
        ),
        references=(BURDEN_FAIRES,),
        implemented_by=("oracle.kernels.linear", "oracle.resize"),
    )


def _bilinear_published() -> sympy.Expr:
    q = corner_values(2)
    return (
        q[(1, 1)] * (x2 - x) * (y2 - y)
        + q[(2, 1)] * (x - x1) * (y2 - y)
        + q[(1, 2)] * (x2 - x) * (y - y1)
        + q[(2, 2)] * (x - x1) * (y - y1)
    ) / ((x2 - x1) * (y2 - y1))


def _grid_point_check(dim: int) -> list[object]:
    values = corner_values(dim)
    interpolant = separable_interpolate(values, tuple(range(dim)))
    bad: list[object] = []
    for corner, value in values.items():
        at_corner = {AXES[a][0]: AXES[a][c] for a, c in enumerate(corner)}
        if sympy.simplify(interpolant.subs(at_corner) - value) != 0:
            bad.append(corner)
    return bad


@derivation("interp.linear.separable")
def _separable() -> Derivation:
    q2 = corner_values(2)
    q3 = corner_values(3)
    bilinear = separable_interpolate(q2, (0, 1))
    bilinear_yx = separable_interpolate(q2, (1, 0))
    w2d = tensor_product_weights(2)
    w3d = tensor_product_weights(3)
    corners2 = sorted(q2)
    corners3 = sorted(q3)

    def coefficients(order: tuple[int, ...]) -> sympy.ImmutableMatrix:
        interpolant = separable_interpolate(q3, order)
        return sympy.ImmutableMatrix(
            [sympy.factor(sympy.diff(interpolant, q3[c])) for c in corners3]
        )

    order_claims = tuple(
        symbolic(
            f"trilinear in axis order {order}: the coefficient of Qabc is w_a(x) w_b(y) w_c(z)",
            coefficients(order),
            sympy.ImmutableMatrix([held_product(c) for c in corners3]),
        )
        for order in itertools.permutations(range(3))
    )
    return Derivation(
        id="interp.linear.separable",
        title="Bilinear and trilinear interpolation as 1-D passes",
        statement=(
            "Bilinear interpolation of the corner values Q11, Q21, Q12, Q22 (Qab at "
            "(x_a, y_b)) is two horizontal 1-D passes, R1 = line(Q11, Q21) at y1 and "
            "R2 = line(Q12, Q22) at y2, then one vertical pass line(R1, R2), each pass with "
            "the weights of interp.linear.weights. Trilinear is four passes along x, two "
            "along y and one along z. Expanding the passes shows that the weight of each "
            "corner is the product of the 1-D weights of its coordinates (tensor product), "
            "so the weights sum to one, the interpolant reproduces the corner values at the "
            "grid points, and the order of the passes does not matter: x-then-y equals "
            "y-then-x, and in 3-D all six orders give the same corner weights, hence the "
            "same interpolant (it is linear in the corner values)."
        ),
        result={
            "bilinear": sympy.factor(bilinear),
            **{f"w_{a}{b}": w2d[(a, b)] for a, b in corners2},
        },
        claims=(
            symbolic(
                "two horizontal passes and one vertical pass give the published bilinear form",
                bilinear,
                _bilinear_published(),
            ),
            symbolic(
                "pass order does not matter in 2-D: x-then-y equals y-then-x",
                bilinear,
                bilinear_yx,
            ),
            symbolic(
                "tensor product in 2-D: the coefficient of Qab is w_a(x) w_b(y)",
                sympy.ImmutableMatrix(
                    [sympy.factor(sympy.diff(bilinear, q2[c])) for c in corners2]
                ),
                sympy.ImmutableMatrix([held_product(c) for c in corners2]),
            ),
            symbolic(
                "partition of unity in 2-D: the four weights sum to one",
                sympy.Add(*w2d.values()),
                1,
            ),
            exhaustive(
                "bilinear interpolates: at each corner (x_a, y_b) it returns Qab",
                "the 4 corners of a 2-D cell, symbolic coordinates",
                lambda: _grid_point_check(2),
            ),
            *order_claims,
            symbolic(
                "partition of unity in 3-D: the eight weights sum to one",
                sympy.Add(*w3d.values()),
                1,
            ),
            exhaustive(
                "trilinear interpolates: at each corner it returns Qabc",
                "the 8 corners of a 3-D cell, symbolic coordinates",
                lambda: _grid_point_check(3),
            ),
        ),
        references=(NUMERICAL_RECIPES, BURDEN_FAIRES),
        implemented_by=("oracle.resize",),
    )


def _learned_parameter_check() -> list[object]:
    """Counterexamples: symbols other than the geometry in any bilinear weight."""
    geometry = {x, x1, x2, y, y1, y2}
    bad: list[object] = []
    for corner, weight in tensor_product_weights(2).items():
        extra = weight.free_symbols - geometry
        if extra:
            bad.append((corner, sorted(map(str, extra))))
    return bad


@derivation("interp.linear.center_of_four")
def _center_of_four() -> Derivation:
    half = Rational(1, 2)
    centre = {x: (x1 + x2) / 2, y: (y1 + y2) / 2}
    w2d = tensor_product_weights(2)
    corners = sorted(w2d)
    at_centre = {c: sympy.simplify(w2d[c].subs(centre)) for c in corners}
    unsimplified = {c: w2d[c].subs(centre, simultaneous=True) for c in corners}
    solved, det = reproduction_weights(2)
    q = corner_values(2)
    constant = sympy.Symbol("c", real=True)
    image: dict[tuple[int, ...], int] = {(1, 1): 1, (2, 1): 2, (1, 2): 3, (2, 2): 4}
    bilinear = separable_interpolate(q, (0, 1))
    return Derivation(
        id="interp.linear.center_of_four",
        title="Worked example: the centre of four pixels",
        statement=(
            "At the point midway between four pixels each 1-D weight is 1/2, so each of the "
            "four bilinear weights is 1/2 x 1/2 = 1/4 and the output is the mean of the four "
            "pixels. "
            "A widely read explainer says each of the four weights is 0.5 and that the weights "
            "are learned; both are wrong, because four weights of 0.5 sum to 2 (a constant "
            "image c would come out as 2c) and the weights are fixed by geometry. "
            "Requiring the four weights to reproduce 1, x, y and xy determines them uniquely, "
            "so there is nothing left to learn."
        ),
        result={f"w_{a}{b}": at_centre[(a, b)] for a, b in corners},
        claims=(
            symbolic(
                "each of the four weights at the centre is exactly 1/4",
                sympy.Matrix([unsimplified[c] for c in corners]),
                sympy.Matrix([Rational(1, 4)] * 4),
            ),
            symbolic(
                "the four centre weights sum to one: a constant image c stays c",
                sympy.Add(*(at_centre[c] * constant for c in corners), evaluate=False),
                constant,
            ),
            symbolic(
                "weights of 0.5 each sum to 2: a constant image c would come out as 2c",
                sympy.Add(*(sympy.Mul(half, constant) for _ in corners), evaluate=False),
                2 * constant,
            ),
            symbolic(
                "worked example: pixels Q11, Q21, Q12, Q22 = 1, 2, 3, 4 give 5/2 at their "
                "centre, their mean",
                sympy.Add(
                    *(sympy.Mul(at_centre[c], image[c], evaluate=False) for c in corners),
                    evaluate=False,
                ),
                Rational(5, 2),
            ),
            symbolic(
                "the same value from the composed passes: Q = (1, 2, 3, 4) at the centre",
                bilinear.subs(centre).subs({q[c]: v for c, v in image.items()}),
                Rational(5, 2),
            ),
            symbolic(
                "with weights of 0.5 the same pixels would give 5, outside the range [1, 4]",
                sympy.Add(
                    *(sympy.Mul(half, v, evaluate=False) for v in image.values()), evaluate=False
                ),
                5,
            ),
            exhaustive(
                "fixed by geometry: every weight depends only on x, y and the grid points",
                "the four bilinear weights, symbolic",
                _learned_parameter_check,
            ),
            symbolic(
                "reproducing 1, x, y and xy determines the four weights uniquely: they are "
                "the tensor-product weights",
                sympy.ImmutableMatrix([solved[c] for c in corners]),
                sympy.ImmutableMatrix([held_product(c) for c in corners]),
            ),
            symbolic(
                "the reproduction system has determinant (x2 - x1)^2 (y2 - y1)^2, nonzero "
                "for distinct grid points, so no free parameter remains",
                det,
                (x2 - x1) ** 2 * (y2 - y1) ** 2,
            ),
        ),
        references=(NUMERICAL_RECIPES, FCN),
        implemented_by=("oracle.kernels.linear",),
        notes=(
            "The weights are functions of the position and the grid points only, with no free "
            "parameter, and the reproduction system has a nonzero determinant. A learnable "
            "upsampling is a transposed convolution, which may be initialised to bilinear "
            "weights and then trained; it is then no longer bilinear interpolation.",
            "The explainer's own example averages four pixels with weights of 0.5; with "
            "the derived weights of 1/4 the result is their mean.",
        ),
    )
