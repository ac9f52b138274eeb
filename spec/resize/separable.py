"""N-d resize as 1-D resamplings along each axis, in any order (``resize.separable``).

A 1-D resize is a matrix (out x in) of per-output weights; on the row-major ``vec`` of an
N-d array, resizing axis ``a`` is the Kronecker product of identities with that matrix in
position ``a``.  :func:`linear_resize_matrix` builds the 1-D matrix of a linear resize,
:func:`axis_operator` and :func:`separable_operator` the N-d operators.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import sympy
from sympy import Identity, KroneckerProduct, MatMul, MatrixSymbol

from spec._exact import floor
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import VAN_LOAN_2000
from spec.resize.coordinates import extrapolates, source_coordinate
from spec.resize.linear import AXES, linear_tap_weights, tensor_product_weights

__all__ = ["axis_operator", "linear_resize_matrix", "separable_operator"]


def linear_resize_matrix(
    mode: str,
    in_len: int,
    out_len: int,
    scale: object = None,
    roi: tuple[object, object] = (0, 1),
) -> sympy.Matrix:
    """The ``out_len x in_len`` matrix of a 1-D linear resize (edge replicate).

    Row ``o`` holds the weights of ``linear_tap_weights`` at the source coordinate of output
    ``o`` under coordinate ``mode`` (``coord.*``, ``interp.linear.weights``,
    ``resize.border``).  ``roi`` is the window of ``tf_crop_and_resize``, whose extrapolated
    rows are not weights of the input and raise ``ValueError``.

    >>> linear_resize_matrix("half_pixel", 2, 4)
    Matrix([
    [  1,   0],
    [3/4, 1/4],
    [1/4, 3/4],
    [  0,   1]])
    """
    rows = []
    for o in range(out_len):
        position = source_coordinate(mode, o, in_len, out_len, scale, roi)
        if mode == "tf_crop_and_resize" and extrapolates(position, in_len):
            raise ValueError(f"mode: output {o} extrapolates (coord.tf_crop_and_resize)")
        weights = linear_tap_weights(position, in_len)
        rows.append([weights.get(k, sympy.Integer(0)) for k in range(in_len)])
    return sympy.Matrix(rows)


def axis_operator(matrix: sympy.Matrix, axis: int, shape: Sequence[int]) -> sympy.Matrix:
    """The operator on row-major ``vec(X)`` that applies ``matrix`` along ``axis`` of ``X``.

    ``shape`` is the current shape of ``X``; the result is the Kronecker product of
    identities with ``matrix`` in position ``axis`` (``resize.separable``).

    >>> axis_operator(sympy.Matrix([[1, 1]]), 1, (2, 2))
    Matrix([
    [1, 1, 0, 0],
    [0, 0, 1, 1]])
    """
    factors = [matrix if a == axis else sympy.eye(n) for a, n in enumerate(shape)]
    return sympy.kronecker_product(*factors) if len(factors) > 1 else factors[0]


def separable_operator(matrices: Sequence[sympy.Matrix], order: Sequence[int]) -> sympy.Matrix:
    """Compose per-axis resizes ``matrices`` in the axis ``order``; returns the N-d operator.

    >>> a = sympy.Matrix([[1, 2]]); b = sympy.Matrix([[3], [4]])
    >>> separable_operator([a, b], (0, 1)) == separable_operator([a, b], (1, 0))
    True
    """
    shape = [m.cols for m in matrices]
    total = sympy.eye(math.prod(shape))
    for axis in order:
        total = axis_operator(matrices[axis], axis, shape) * total
        shape[axis] = matrices[axis].rows
    return total


def _check_bilinear_is_kron() -> list[object]:
    """The 2-D bilinear resize built from interp.linear.separable equals A (x) B."""
    w2d = tensor_product_weights(2)
    (px, lx, rx), (py, ly, ry) = AXES[0], AXES[1]
    bad: list[object] = []
    for in0, in1 in itertools.product((1, 2, 3), repeat=2):
        for out0, out1 in itertools.product((1, 2, 4), repeat=2):
            a = linear_resize_matrix("half_pixel", in0, out0)
            b = linear_resize_matrix("half_pixel", in1, out1)
            kron = sympy.kronecker_product(a, b)
            for o0, o1 in itertools.product(range(out0), range(out1)):
                c0 = source_coordinate("half_pixel", o0, in0, out0)
                c1 = source_coordinate("half_pixel", o1, in1, out1)
                f0, f1 = floor(c0), floor(c1)
                row = [sympy.Integer(0)] * (in0 * in1)
                for (ca, cb), weight in w2d.items():
                    value = weight.xreplace(
                        {px: c0, lx: f0, rx: f0 + 1, py: c1, ly: f1, ry: f1 + 1}
                    )
                    k0 = min(max(f0 + ca - 1, 0), in0 - 1)
                    k1 = min(max(f1 + cb - 1, 0), in1 - 1)
                    row[k0 * in1 + k1] += value
                if list(kron.row(o0 * out1 + o1)) != row:
                    bad.append((in0, in1, out0, out1, o0, o1))
    return bad


def _symbolic_matrix(name: str, rows: int, cols: int) -> sympy.ImmutableMatrix:
    return sympy.ImmutableMatrix(rows, cols, lambda r, c: sympy.Symbol(f"{name}_{r}{c}"))


def _held_passes(matrices: Sequence[MatrixSymbol], order: Sequence[int]) -> MatMul:
    """The passes in axis ``order`` as an unevaluated product of Kronecker operators."""
    shape = [m.shape[1] for m in matrices]
    passes = []
    for axis in order:
        factors = [matrices[a] if a == axis else Identity(n) for a, n in enumerate(shape)]
        passes.append(KroneckerProduct(*factors))
        shape[axis] = matrices[axis].shape[0]
    return MatMul(*reversed(passes))


@derivation("resize.separable")
def _separable() -> Derivation:
    a2, b2 = MatrixSymbol("A", 2, 3), MatrixSymbol("B", 3, 2)
    a3, b3, c3 = MatrixSymbol("A", 2, 2), MatrixSymbol("B", 1, 2), MatrixSymbol("C", 2, 1)
    where2 = {a2: _symbolic_matrix("a", 2, 3), b2: _symbolic_matrix("b", 3, 2)}
    where3 = {
        a3: _symbolic_matrix("a", 2, 2),
        b3: _symbolic_matrix("b", 1, 2),
        c3: _symbolic_matrix("c", 2, 1),
    }
    order_claims = tuple(
        symbolic(
            f"3-D: the passes in axis order {order} compose to A (x) B (x) C "
            "(A 2x2, B 1x2, C 2x1 symbolic)",
            _held_passes((a3, b3, c3), order),
            KroneckerProduct(a3, b3, c3),
            where3,
        )
        for order in itertools.permutations(range(3))
    )
    return Derivation(
        id="resize.separable",
        title="N-d resize as per-axis 1-D resamplings, in any order",
        statement=(
            "A 1-D resize is a matrix A (out x in) of per-output weights, and on the "
            "row-major vec of an N-d array resizing axis a is the operator "
            "I (x) ... (x) A_a (x) ... (x) I. "
            "By the mixed-product rule (A (x) I)(I (x) B) = A (x) B = (I (x) B)(A (x) I), so "
            "the axes may be resized in any order and every order equals the N-d resize "
            "A (x) B (x) ..., whose weights are products of per-axis weights "
            "(interp.linear.separable). "
            "The equality is exact; in floating point the orders round differently, which "
            "tolerance.model bounds."
        ),
        result={"2-D operator": sympy.kronecker_product(*where2.values())},
        claims=(
            symbolic(
                "2-D: axis 0 then axis 1 composes to A (x) B (A 2x3, B 3x2 symbolic)",
                _held_passes((a2, b2), (0, 1)),
                KroneckerProduct(a2, b2),
                where2,
            ),
            symbolic(
                "2-D: axis 1 then axis 0 composes to A (x) B",
                _held_passes((a2, b2), (1, 0)),
                KroneckerProduct(a2, b2),
                where2,
            ),
            *order_claims,
            exhaustive(
                "the 2-D bilinear resize built from the tensor-product weights equals the "
                "Kronecker product of the two 1-D linear resize matrices",
                "half_pixel, in = 1..3 and out in {1, 2, 4} per axis, every output",
                _check_bilinear_is_kron,
            ),
        ),
        references=(
            VAN_LOAN_2000.at(
                "Sec. 2: (A (x) B)(C (x) D) = AC (x) BD; vec(A X B^T) = (A (x) B) vec(X)"
            ),
        ),
        implemented_by=("oracle.apply_plan",),
    )
