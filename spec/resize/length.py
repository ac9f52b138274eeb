"""Output length, coordinate scale, borders, NaN and separability of resize.

Conventions (DESIGN.md): per axis, the output length is ``size`` if given, else
``floor(in * scale_factor)`` computed on the exact rational value of the float; the coordinate
scale is ``scale_factor`` if given, else ``size / in``.  Taps outside ``[0, in - 1]`` read the
edge sample.  An output is NaN when a value in its tap set is NaN.  An N-d resize applies the
1-D resize along each axis in turn, in any order.

Derivations: ``resize.output_length``, ``resize.coordinate_scale``, ``resize.border``,
``resize.nan``, ``resize.separable``.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator, Sequence
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec.core import Derivation, Reference, derivation, exhaustive, symbolic
from spec.resize.coordinates import (
    ONNX_RESIZE,
    TORCH_UPSAMPLE,
    extrapolates,
    source_coordinate,
)
from spec.resize.linear import (
    AXES,
    linear_tap_weights,
    linear_taps,
    nonzero_weights,
    tensor_product_weights,
)

__all__ = [
    "axis_operator",
    "coordinate_scale",
    "exact_value",
    "float_output_length",
    "linear_resize_matrix",
    "output_length",
    "separable_operator",
    "torch_linear_taps",
]

n_in = symbols("n_in", integer=True, positive=True)
scale_factor = symbols("scale_factor", positive=True)
size = symbols("size", integer=True, positive=True)

TORCH_INTERPOLATE = Reference(
    author="PyTorch contributors",
    title="torch.nn.functional.interpolate",
    venue="PyTorch documentation and torch/nn/functional.py (recompute_scale_factor since 1.6)",
    year=2020,
    locator="recompute_scale_factor: when False or unset, a given scale_factor is used in the "
    "interpolation; when True, the scale is recomputed from the output size",
)
TORCH_UPSAMPLE_KERNEL = Reference(
    author="PyTorch contributors",
    title="UpSampleKernel.cpp: compute_source_index_and_lambda",
    venue="pytorch/pytorch, aten/src/ATen/native/cpu/UpSampleKernel.cpp (as of PyTorch 2.x)",
    year=2020,
    locator="output_size == input_size copies; taps index0 = (int64) x and "
    "index1 = index0 + (index0 < input_size - 1)",
)
SCIPY_ZOOM = Reference(
    author="SciPy developers",
    title="scipy.ndimage.zoom",
    venue="SciPy reference guide and scipy/ndimage/_interpolation.py (SciPy >= 1.6)",
    year=2020,
    locator="output shape round(input.shape * zoom); zoom ratio recomputed from the shapes",
)
IEEE_754 = Reference(
    author="IEEE",
    title="IEEE Standard for Floating-Point Arithmetic (IEEE 754-2008)",
    venue="IEEE Std 754-2008",
    year=2008,
    locator="7.2 invalid operation: 0 x NaN and every operation on a quiet NaN give NaN",
)
VAN_LOAN = Reference(
    author="Van Loan",
    title="The ubiquitous Kronecker product",
    venue="Journal of Computational and Applied Mathematics 123",
    year=2000,
    locator="Sec. 2: (A (x) B)(C (x) D) = AC (x) BD; vec(A X B^T) = (A (x) B) vec(X)",
)


# --- exact parameters -----------------------------------------------------------------------


def exact_value(value: object) -> sympy.Rational:
    """The exact rational value of a number; for a float, the value of its binary64 bits.

    >>> exact_value(0.5), exact_value(3)
    (1/2, 3)
    >>> exact_value(1.2)
    5404319552844595/4503599627370496
    """
    if isinstance(value, bool):
        raise ValueError(f"value: {value!r} is a bool, not a number (resize.output_length)")
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    return sympy.Rational(value)


def output_length(in_len: int, size: int | None = None, scale_factor: object = None) -> int:
    """The output length of one axis: ``size`` if given, else ``floor(in_len * scale_factor)``.

    The floor is taken on the exact rational value of ``scale_factor`` (``resize.output_length``).

    >>> output_length(5, scale_factor=1.2), output_length(5, scale_factor=Rational(6, 5))
    (5, 6)
    >>> output_length(5, size=7, scale_factor=1.2)
    7
    """
    if in_len < 1:
        raise ValueError(f"in_len: {in_len} must be >= 1 (resize.output_length)")
    if size is not None:
        if size < 1:
            raise ValueError(f"size: {size} must be >= 1 (resize.output_length)")
        return size
    if scale_factor is None:
        raise ValueError("size, scale_factor: one of them must be given (resize.output_length)")
    exact = exact_value(scale_factor)
    if exact <= 0:
        raise ValueError(f"scale_factor: {scale_factor!r} must be > 0 (resize.output_length)")
    product = in_len * exact
    out = int(product.p // product.q)
    if out < 1:
        raise ValueError(
            f"scale_factor: {scale_factor!r} gives floor({in_len} * scale_factor) = {out}, "
            "an output length below 1 (resize.output_length)"
        )
    return out


def coordinate_scale(
    in_len: int, size: int | None = None, scale_factor: object = None
) -> sympy.Rational:
    """The coordinate scale ``s`` of one axis: ``scale_factor`` if given, else ``size / in_len``.

    Cites ``resize.coordinate_scale``.

    >>> coordinate_scale(3, size=4), coordinate_scale(3, size=4, scale_factor=1.5)
    (4/3, 3/2)
    """
    if scale_factor is not None:
        exact = exact_value(scale_factor)
        if exact <= 0:
            raise ValueError(
                f"scale_factor: {scale_factor!r} must be > 0 (resize.coordinate_scale)"
            )
        return exact
    return sympy.Rational(output_length(in_len, size=size), in_len)


def float_output_length(in_len: int, scale_factor: float) -> int:
    """``floor(in_len * scale_factor)`` evaluated in IEEE binary64, as float-based libraries do.

    A model of a deviation, not the spec (``resize.output_length``).

    >>> float_output_length(5, 1.2), output_length(5, scale_factor=1.2)
    (6, 5)
    """
    return math.floor(in_len * scale_factor)


# --- linear resize matrices -----------------------------------------------------------------


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


# --- PyTorch's linear taps (a model of a library, cited) ------------------------------------


def torch_linear_taps(
    index: int, in_len: int, out_len: int, scale: object = None, *, align_corners: bool
) -> dict[int, sympy.Rational]:
    """PyTorch's CPU linear taps and weights for one output, in exact arithmetic.

    From ``compute_source_index_and_lambda`` and ``area_pixel_compute_source_index``
    (PyTorch 2.x): an axis with ``out == in`` is copied (tap ``i``, weight 1); otherwise
    align_corners=False clamps a negative coordinate to 0, and the taps are
    ``i0 = min(trunc(x), in - 1)`` and ``i0 + 1`` unless ``i0`` is the last index.  Zero
    weights are kept: the tap is read (``resize.nan``, ``equiv.torch.align_corners_false``).

    >>> torch_linear_taps(0, 4, 8, align_corners=False)
    {0: 1, 1: 0}
    >>> torch_linear_taps(1, 4, 4, Rational(11, 10), align_corners=False)
    {1: 1}
    """
    if out_len == in_len:
        return {index: sympy.Integer(1)}
    if align_corners:
        position = source_coordinate("align_corners", index, in_len, out_len)
    else:
        position = sympy.Rational(
            max(source_coordinate("half_pixel", index, in_len, out_len, scale), 0)
        )
    left = min(int(position.p // position.q), in_len - 1)
    frac = position - left
    if left < in_len - 1:
        return {left: 1 - frac, left + 1: frac}
    return {left: sympy.Integer(1)}


# --- exhaustive domains ---------------------------------------------------------------------

MAX_IN = 8
MAX_OUT = 16
_SCALES = tuple(Rational(p, q) for q in range(1, 5) for p in range(1, 13) if math.gcd(p, q) == 1)
_LINEAR_MODES = (
    "half_pixel",
    "half_pixel_symmetric",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
)


def _size_cases() -> Iterator[tuple[int, int]]:
    for in_len in range(1, MAX_IN + 1):
        for out_len in range(1, MAX_OUT + 1):
            yield in_len, out_len


def _check_length_is_largest_fit() -> list[object]:
    """floor(in s) is the largest integer n with n <= in s."""
    bad: list[object] = []
    for in_len in range(1, 17):
        for scale in _SCALES:
            if in_len * scale < 1:
                continue
            out = output_length(in_len, scale_factor=scale)
            if not (out <= in_len * scale < out + 1):
                bad.append((in_len, scale, out))
    return bad


def _check_length_validity() -> list[object]:
    """floor(in s) >= 1 exactly when s >= 1/in."""
    bad: list[object] = []
    for in_len in range(1, 17):
        for scale in _SCALES:
            valid = math.floor(Fraction(int(scale.p), int(scale.q)) * in_len) >= 1
            if valid != (scale >= Rational(1, in_len)):
                bad.append((in_len, scale))
    return bad


_DECIMALS = tuple(k / 10 for k in range(1, 41))


def float_length_disagreements() -> list[tuple[int, float, int, int]]:
    """Every ``(in, scale_factor, exact length, float length)`` that disagree.

    Domain: ``in = 1..16`` and the float literals ``0.1, 0.2, ..., 4.0``.

    >>> (5, 1.2, 5, 6) in float_length_disagreements()
    True
    """
    found = []
    for in_len in range(1, 17):
        for value in _DECIMALS:
            exact_product = in_len * exact_value(value)
            exact_len = int(exact_product.p // exact_product.q)
            approx = float_output_length(in_len, value)
            if exact_len != approx:
                found.append((in_len, value, exact_len, approx))
    return found


def _float_length_examples() -> list[object]:
    found = float_length_disagreements()
    facts = (
        (5, 1.2, 5, 6) in found,
        (10, 0.3, 2, 3) in found,
        0.1 * 3 != 0.3,
        output_length(10, scale_factor=0.1 * 3) == 3,
        output_length(10, scale_factor=0.3) == 2,
    )
    return [] if all(facts) else [facts, found[:5]]


def _check_scale_choice() -> list[object]:
    """With scale_factor given, the maps with s = scale_factor and s = out/in agree iff in s is
    an integer (half_pixel; asymmetric also at out = 1); align_corners ignores s."""
    bad: list[object] = []
    for in_len in range(1, MAX_IN + 1):
        for scale in _SCALES:
            if in_len * scale < 1:
                continue
            out_len = output_length(in_len, scale_factor=scale)
            integral = (in_len * scale).is_integer
            for mode in ("half_pixel", "asymmetric", "align_corners"):
                same = all(
                    source_coordinate(mode, k, in_len, out_len, scale)
                    == source_coordinate(mode, k, in_len, out_len)
                    for k in range(out_len)
                )
                if mode == "align_corners":
                    expected = True
                elif mode == "asymmetric":
                    expected = integral or out_len == 1
                else:
                    expected = integral
                if same != expected:
                    bad.append((mode, in_len, scale))
    return bad


def _scale_example() -> list[object]:
    given = source_coordinate("half_pixel", 0, 3, 4, Rational(3, 2))
    recomputed = source_coordinate("half_pixel", 0, 3, 4)
    ok = output_length(3, scale_factor=Rational(3, 2)) == 4
    return (
        []
        if ok and (given, recomputed) == (Rational(-1, 6), Rational(-1, 8))
        else [(given, recomputed)]
    )


def _check_edges_read_edge_sample() -> list[object]:
    """Coordinates below 0 read exactly the first sample, above in - 1 exactly the last."""
    bad: list[object] = []
    for mode in _LINEAR_MODES:
        for in_len, out_len in _size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                weights = nonzero_weights(linear_tap_weights(position, in_len))
                if position < 0 and weights != {0: 1}:
                    bad.append((mode, in_len, out_len, o))
                if position > in_len - 1 and weights != {in_len - 1: 1}:
                    bad.append((mode, in_len, out_len, o))
    return bad


def _check_partition_after_clamp() -> list[object]:
    bad: list[object] = []
    for mode in _LINEAR_MODES:
        for in_len, out_len in _size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                if sum(linear_tap_weights(position, in_len).values()) != 1:
                    bad.append((mode, in_len, out_len, o))
    return bad


def _check_linear_exclude_outside() -> list[object]:
    """For the linear kernel, exclude_outside gives the same weights as edge replicate."""
    bad: list[object] = []
    for mode in _LINEAR_MODES:
        for in_len, out_len in _size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                replicate = nonzero_weights(linear_tap_weights(position, in_len))
                excluded = nonzero_weights(
                    linear_tap_weights(position, in_len, exclude_outside=True)
                )
                if replicate != excluded:
                    bad.append((mode, in_len, out_len, o))
    return bad


def _check_taps_within_one() -> list[object]:
    """Unclamped linear taps floor(x), floor(x) + 1 stay within [-1, in]."""
    bad: list[object] = []
    for mode in _LINEAR_MODES:
        for in_len, out_len in _size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                left = int(position.p // position.q)
                if left < -1 or left + 1 > in_len:
                    bad.append((mode, in_len, out_len, o))
    return bad


_ROIS = tuple((Rational(a, 4), Rational(b, 4)) for a in range(-2, 7) for b in range(-2, 7) if a < b)


def _check_crop_edges() -> list[object]:
    """tf_crop_and_resize: x = in - 1 reads the last sample; x in [0, in - 1] never extrapolates."""
    bad: list[object] = []
    for in_len in range(2, 6):
        for out_len in range(1, 7):
            for roi in _ROIS:
                for o in range(out_len):
                    position = source_coordinate("tf_crop_and_resize", o, in_len, out_len, roi=roi)
                    if extrapolates(position, in_len) != (position < 0 or position > in_len - 1):
                        bad.append((in_len, out_len, roi, o))
                    if position == in_len - 1 and nonzero_weights(
                        linear_tap_weights(position, in_len)
                    ) != {in_len - 1: 1}:
                        bad.append((in_len, out_len, roi, o, "last"))
    return bad


# --- NaN ------------------------------------------------------------------------------------


def _check_ieee_nan() -> list[object]:
    nan = math.nan
    bad: list[object] = []
    for weight in (0.0, -0.0, 0.25, 0.5, 1.0):
        for other in (0.0, 1.0, -3.5, 1e300):
            for other_weight in (0.0, 0.5, 1.0):
                if not math.isnan(weight * nan + other_weight * other):
                    bad.append((weight, other, other_weight))
                if not math.isnan(other_weight * other + weight * nan):
                    bad.append((other_weight, other, weight))
    return bad


def _check_non_finite_terms_decide() -> list[object]:
    """A float64 sum with a non-finite term is the sum of its non-finite terms alone."""
    inf, nan = math.inf, math.nan
    bad: list[object] = []
    finite_terms = (0.0, -0.0, 1.0, -3.5, 1e300, -1e300)
    for count in (1, 2, 3):
        for special in itertools.product((nan, inf, -inf), repeat=count):
            mixed = any(math.isnan(v) for v in special) or {inf, -inf} <= set(special)
            alone = nan if mixed else special[0]
            for finite in itertools.combinations(finite_terms, 2):
                for order in itertools.permutations((*special, *finite)):
                    total = 0.0
                    for term in order:
                        total += term
                    same = math.isnan(total) if math.isnan(alone) else total == alone
                    if not same:
                        bad.append(order)
    return bad


def _check_product_of_non_finite() -> list[object]:
    """w * v is not finite for every finite weight w and non-finite v (0 * inf is NaN)."""
    return [
        (w, v)
        for w in (0.0, -0.0, 0.25, -0.5, 1.0, 1e-300)
        for v in (math.nan, math.inf, -math.inf)
        if math.isfinite(w * v)
    ]


def _check_float_nan_pattern() -> list[object]:
    """Evaluating sum w_k x_k over the tap set in float64 gives NaN iff the NaN is a tap."""
    bad: list[object] = []
    for mode in ("half_pixel", "align_corners", "asymmetric"):
        for in_len in range(1, 7):
            for out_len in range(1, 11):
                taps = [
                    linear_tap_weights(source_coordinate(mode, o, in_len, out_len), in_len)
                    for o in range(out_len)
                ]
                for poisoned in range(in_len):
                    signal = [float(k + 1) for k in range(in_len)]
                    signal[poisoned] = math.nan
                    for o, weights in enumerate(taps):
                        value = math.fsum(float(w) * signal[k] for k, w in weights.items())
                        if math.isnan(value) != (poisoned in weights):
                            bad.append((mode, in_len, out_len, poisoned, o))
    return bad


def _check_zero_weight_poisons() -> list[object]:
    """Some outputs read a tap with weight exactly 0 (e.g. x integer): a NaN there still wins."""
    seen = 0
    for in_len, out_len in _size_cases():
        for o in range(out_len):
            weights = linear_tap_weights(
                source_coordinate("align_corners", o, in_len, out_len), in_len
            )
            seen += any(w == 0 for w in weights.values())
    return [] if seen else ["no zero-weight tap in the domain"]


def _identity_nan_example() -> list[object]:
    """out == in with s = 1: finite values are copied, but NaN at k also poisons output k - 1."""
    in_len = 4
    matrix = linear_resize_matrix("half_pixel", in_len, in_len)
    taps = [
        linear_tap_weights(source_coordinate("half_pixel", o, in_len, in_len), in_len)
        for o in range(in_len)
    ]
    facts = (matrix == sympy.eye(in_len), 1 in taps[0], taps[0][1] == 0)
    return [] if all(facts) else [facts]


def _torch_tap_cases() -> Iterator[tuple[bool, int, int, int, Rational, set[int]]]:
    """Every output of the exhaustive domain with PyTorch's tap set there.

    Yields ``(align_corners, in_len, out_len, o, x, torch_taps)`` for both
    align_corners values and every ``(in_len, out_len)`` of ``_size_cases``.
    """
    for align_corners in (False, True):
        mode = "align_corners" if align_corners else "half_pixel"
        for in_len, out_len in _size_cases():
            for o in range(out_len):
                position = source_coordinate(mode, o, in_len, out_len)
                torch_taps = set(torch_linear_taps(o, in_len, out_len, align_corners=align_corners))
                yield align_corners, in_len, out_len, o, position, torch_taps


def _check_torch_taps() -> list[object]:
    """PyTorch's taps differ from the spec's exactly when out == in or (half-pixel and x < 0)."""
    bad: list[object] = []
    for align_corners, in_len, out_len, o, position, torch_taps in _torch_tap_cases():
        spec_taps = set(linear_taps(position, in_len))
        expected_differ = (out_len == in_len and o < in_len - 1) or (
            not align_corners and position < 0 and in_len > 1
        )
        if (spec_taps != torch_taps) != expected_differ:
            bad.append((align_corners, in_len, out_len, o))
    return bad


def _check_conformance_nan_rule() -> list[object]:
    """PyTorch's taps lie between the nonzero-weight taps and the taps widened by one sample."""
    bad: list[object] = []
    for align_corners, in_len, out_len, o, position, torch_taps in _torch_tap_cases():
        weights = linear_tap_weights(position, in_len)
        required = {j for j, w in weights.items() if w != 0}
        taps = linear_taps(position, in_len)
        allowed = {k for j in taps for k in (j - 1, j, j + 1) if 0 <= k < in_len}
        if not required <= torch_taps <= allowed:
            bad.append((align_corners, in_len, out_len, o))
    return bad


def _nan_pattern_direct(
    taps0: Sequence[set[int]], taps1: Sequence[set[int]], nan_at: tuple[int, int]
) -> list[list[bool]]:
    return [[nan_at[0] in t0 and nan_at[1] in t1 for t1 in taps1] for t0 in taps0]


def _nan_pattern_passes(
    taps: Sequence[Sequence[set[int]]],
    shape: tuple[int, int],
    nan_at: tuple[int, int],
    order: tuple[int, int],
) -> list[list[bool]]:
    grid = {(a, b): (a, b) == nan_at for a in range(shape[0]) for b in range(shape[1])}
    current_shape = list(shape)
    for axis in order:
        new_shape = list(current_shape)
        new_shape[axis] = len(taps[axis])
        new_grid = {}
        for a in range(new_shape[0]):
            for b in range(new_shape[1]):
                out_index = (a, b)[axis]
                new_grid[(a, b)] = any(
                    grid[(k, b) if axis == 0 else (a, k)] for k in taps[axis][out_index]
                )
        grid = new_grid
        current_shape = new_shape
    return [[grid[(a, b)] for b in range(current_shape[1])] for a in range(current_shape[0])]


def _check_nan_separable() -> list[object]:
    """Axis-by-axis passes, in either order, give the NaN pattern of the tensor-product taps."""
    bad: list[object] = []
    for in0, in1 in itertools.product((1, 2, 3), repeat=2):
        for out0, out1 in itertools.product((1, 2, 3, 5), repeat=2):
            taps = [
                [set(linear_taps(source_coordinate("half_pixel", o, n, m), n)) for o in range(m)]
                for n, m in ((in0, out0), (in1, out1))
            ]
            for nan_at in itertools.product(range(in0), range(in1)):
                direct = _nan_pattern_direct(taps[0], taps[1], nan_at)
                for order in ((0, 1), (1, 0)):
                    if _nan_pattern_passes(taps, (in0, in1), nan_at, order) != direct:
                        bad.append((in0, in1, out0, out1, nan_at, order))
    return bad


# --- separability ---------------------------------------------------------------------------


def _symbolic_matrix(name: str, rows: int, cols: int) -> sympy.Matrix:
    return sympy.Matrix(rows, cols, lambda r, c: sympy.Symbol(f"{name}_{r}{c}"))


@functools.cache
def _kron_claims() -> tuple[sympy.Matrix, sympy.Matrix, sympy.Matrix, list[sympy.Matrix]]:
    a = _symbolic_matrix("a", 2, 3)
    b = _symbolic_matrix("b", 3, 2)
    first = sympy.expand(separable_operator([a, b], (0, 1)))
    second = sympy.expand(separable_operator([a, b], (1, 0)))
    a3 = _symbolic_matrix("a", 2, 2)
    b3 = _symbolic_matrix("b", 1, 2)
    c3 = _symbolic_matrix("c", 2, 1)
    orders = [
        sympy.expand(separable_operator([a3, b3, c3], order))
        for order in itertools.permutations(range(3))
    ]
    return first, second, sympy.expand(sympy.kronecker_product(a, b)), orders


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
                f0, f1 = int(c0.p // c0.q), int(c1.p // c1.q)
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


# --- derivations ----------------------------------------------------------------------------


@derivation("resize.output_length")
def _output_length() -> Derivation:
    return Derivation(
        id="resize.output_length",
        title="Output length: size, else floor(in * scale_factor) in exact arithmetic",
        statement=(
            "Per axis the output length is size when size is given. Otherwise the output "
            "holds the whole output pixels that fit in the stretched input, the largest "
            "integer n with n <= in * scale_factor, that is floor(in * scale_factor). The "
            "floor is taken on the exact rational value of the float scale_factor, not on a "
            "float product: a float literal is not its decimal. 1.2 is slightly below 6/5, "
            "so floor(5 * 1.2) is 5 exactly, while the float product 5 * 1.2 rounds to 6.0. "
            "Likewise 0.3 is below 3/10 (floor(10 * 0.3) = 2 exactly, 3 in float) while "
            "0.1 * 3 is above it (3 either way). The length must be at least 1, which holds "
            "exactly when scale_factor >= 1/in; size and scale_factor must be positive."
        ),
        result={
            "out (size given)": size,
            "out (scale_factor only)": sympy.floor(n_in * scale_factor),
        },
        claims=(
            exhaustive(
                "floor(in s) is the largest integer n with n <= in s",
                "in = 1..16, s = p/q with q <= 4, p <= 12, in s >= 1",
                _check_length_is_largest_fit,
            ),
            exhaustive(
                "the length is at least 1 exactly when s >= 1/in",
                "in = 1..16, s = p/q with q <= 4, p <= 12",
                _check_length_validity,
            ),
            exhaustive(
                "float products give a different floor than exact arithmetic: (in 5, 1.2) "
                "gives 5 exactly and 6 in float; (in 10, 0.3) gives 2 exactly and 3 in "
                "float; 0.1 * 3 != 0.3 and gives 3",
                "in = 1..16, scale_factor in the float literals 0.1, 0.2, ..., 4.0",
                _float_length_examples,
            ),
        ),
        references=(ONNX_RESIZE, TORCH_INTERPOLATE, SCIPY_ZOOM),
        implemented_by=("oracle.resize", "oracle.resize.resize_plan"),
        notes=(
            "PyTorch 2.13 computes the length from the float product: "
            "interpolate(scale_factor=1.2) on length 5 returns length 6, on length 10 with "
            "0.3 returns 3 (measured). ONNX's reference implementation truncates the float "
            "product (scale_factors * shape).astype(int). Both are deviations to list.",
            "ONNX's Resize text gives output_dimension = floor(input_dimension * "
            "(roi_end - roi_start) * scale) when sizes is absent: the roi factor shortens "
            "the output of tf_crop_and_resize, which this contract (floor(in * scale_factor)) "
            "does not do.",
            "scipy.ndimage.zoom rounds instead: the output length is round(in * zoom) "
            "(equiv.scipy.zoom_grid_mode).",
        ),
    )


@derivation("resize.coordinate_scale")
def _coordinate_scale() -> Derivation:
    return Derivation(
        id="resize.coordinate_scale",
        title="Coordinate scale: scale_factor if given, else size / in",
        statement=(
            "The coordinate maps of coord.* use a scale s. It is scale_factor when "
            "scale_factor is given, else size/in; both may be given, as with ONNX's "
            "keep_aspect_ratio_policy, and then size sets the length and scale_factor the "
            "scale. With scale_factor given, out = floor(in s) (resize.output_length) and "
            "out/in differs from s exactly when in s is not an integer; then half_pixel and "
            "asymmetric sample different coordinates depending on which scale is used, while "
            "align_corners and tf_crop_and_resize do not use s. This is a main source of "
            "disagreement between frameworks: PyTorch uses the given scale_factor unless "
            "recompute_scale_factor=True, scipy always recomputes it from the sizes. Example: "
            "in = 3, scale_factor = 3/2 gives out = 4 and x(0) = -1/6 under half_pixel, but "
            "-1/8 with s = 4/3."
        ),
        result={"s (scale_factor given)": scale_factor, "s (size only)": size / n_in},
        claims=(
            exhaustive(
                "with scale_factor given, the half_pixel map with s = scale_factor and with "
                "s = out/in agree at every index iff in s is an integer; so does asymmetric, "
                "except at out = 1 where x(0) = 0 for every s; align_corners is unaffected",
                f"in = 1..{MAX_IN}, s = p/q with q <= 4, p <= 12, out = floor(in s) >= 1",
                _check_scale_choice,
            ),
            exhaustive(
                "example: in = 3, scale_factor = 3/2: out = 4, x(0) = -1/6 with s = 3/2 and "
                "-1/8 with s = 4/3",
                "the single case in = 3, s = 3/2",
                _scale_example,
            ),
            symbolic(
                "when in s is an integer the recomputed scale is s itself: (in s)/in = s",
                (n_in * scale_factor) / n_in,
                scale_factor,
            ),
        ),
        references=(ONNX_RESIZE, TORCH_INTERPOLATE, TORCH_UPSAMPLE, SCIPY_ZOOM),
        implemented_by=("oracle.resize", "oracle.resize.resize_plan"),
        notes=(
            "PyTorch passes a given scale_factor to the kernel, which uses 1/scale_factor "
            "rounded to the compute type (compute_scales_value); recompute_scale_factor=True "
            "drops it and uses in/out.",
        ),
    )


@derivation("resize.border")
def _border() -> Derivation:
    return Derivation(
        id="resize.border",
        title="Borders: edge replicate, crop extrapolation, and exclude_outside",
        statement=(
            "A tap index k outside [0, in - 1] reads the edge sample x_clamp(k), "
            "clamp(k) = min(max(k, 0), in - 1): the signal is extended by replicating its "
            "edges, and the weights of clamped taps add up on the edge sample. So weights "
            "still sum to one (a constant image stays constant) and an output whose linear "
            "coordinate lies below 0 (above in - 1) is exactly the first (last) sample. The "
            "linear taps floor(x), floor(x) + 1 never leave [-1, in] under the coordinate "
            "modes, so one clamp step suffices. tf_crop_and_resize does not clamp "
            "coordinates: an output whose coordinate lies outside [0, in - 1] on any axis is "
            "extrapolation_value (x = in - 1 itself reads the last sample). exclude_outside "
            "instead drops out-of-range taps and renormalises the rest; for the 2-tap linear "
            "kernel that gives the same weights as edge replication, for the cubic kernel it "
            "does not (resize.exclude_outside)."
        ),
        result={"clamp(k)": sympy.Min(sympy.Max(symbols("k", integer=True), 0), n_in - 1)},
        claims=(
            exhaustive(
                "linear coordinates below 0 read exactly the first sample, above in - 1 "
                "exactly the last",
                f"all modes but tf_crop_and_resize, in = 1..{MAX_IN}, out = 1..{MAX_OUT}, "
                "s = out/in",
                _check_edges_read_edge_sample,
            ),
            exhaustive(
                "after clamping the linear weights sum to one",
                f"all modes but tf_crop_and_resize, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_partition_after_clamp,
            ),
            exhaustive(
                "the unclamped linear taps stay within [-1, in]",
                f"all modes but tf_crop_and_resize, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_taps_within_one,
            ),
            exhaustive(
                "for the linear kernel, exclude_outside gives the same weights as edge replication",
                f"all modes but tf_crop_and_resize, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_linear_exclude_outside,
            ),
            exhaustive(
                "tf_crop_and_resize extrapolates exactly when x < 0 or x > in - 1, and "
                "x = in - 1 reads the last sample",
                "in = 2..5, out = 1..6, start < end in {-1/2, -1/4, ..., 3/2}",
                _check_crop_edges,
            ),
        ),
        references=(ONNX_RESIZE, TORCH_UPSAMPLE),
        implemented_by=("oracle.resize", "oracle.kernels.linear"),
    )


@derivation("resize.nan")
def _nan() -> Derivation:
    return Derivation(
        id="resize.nan",
        title="NaN propagation through the tap set",
        statement=(
            "An output is sum_k W_k x_k over its tap set, the tensor product of the per-axis "
            "taps (for linear: clamp(floor(x)) and clamp(floor(x) + 1) on each axis). IEEE "
            "754 makes 0 x NaN = NaN and any sum with a NaN term NaN, so an output is NaN "
            "exactly when some value in its tap set is NaN, whatever its weight: a NaN "
            "neighbour with weight 0 still poisons, as when x is an integer and the tap "
            "floor(x) + 1 has weight 0. One consequence: with out == in and s = 1 the resize "
            "copies finite inputs, yet a NaN at k also makes output k - 1 NaN. NaN patterns "
            "do not depend on the axis order of the passes. PyTorch reads the tap pair "
            "floor(x), floor(x) + 1 too, with two exceptions: an axis with out == in is "
            "copied (tap i only), and align_corners=False clamps a negative coordinate to 0 "
            "before choosing taps, so the pair is 0 and 1 where this rule reads only 0. "
            "Conformance therefore asks, per output: NaN when a tap of nonzero weight is "
            "NaN; not NaN when no NaN lies within one sample of the tap set on every axis; "
            "either in between. PyTorch's tap sets lie within that band. A weight within its "
            "slack of tolerance.model counts as possibly 0: a backend's float coordinate may "
            "land on a sample (2 -> 3 half_pixel with scale_factor 1.6666666666666667 gives "
            "x = 1 - 6.7e-17 exactly, 1 in float32) and then not read the sample before it. "
            "Because a sum with a "
            "non-finite term is decided by its non-finite terms alone (barring overflow), an "
            "output can be evaluated as the resize of the finite samples, replaced by the "
            "resize of the non-finite samples wherever the latter is not finite; the oracle "
            "does so."
        ),
        result={"0 * NaN": sympy.Integer(0) * sympy.nan},
        claims=(
            exhaustive(
                "IEEE 754: a weighted sum with a NaN term is NaN even at weight 0",
                "weights in {0, -0, 1/4, 1/2, 1}, other terms in {0, 1, -3.5, 1e300}",
                _check_ieee_nan,
            ),
            exhaustive(
                "float64 evaluation of sum W_k x_k over the tap set is NaN exactly when the "
                "NaN sample is a tap",
                "half_pixel, align_corners, asymmetric; in = 1..6, out = 1..10; one NaN at "
                "each position",
                _check_float_nan_pattern,
            ),
            exhaustive(
                "zero-weight taps occur (x an integer), so the rule is not the same as "
                "'NaN where its weight is nonzero'",
                f"align_corners, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_zero_weight_poisons,
            ),
            exhaustive(
                "with out == in = 4 and half_pixel the resize matrix is the identity, yet "
                "output 0 reads input 1 with weight 0",
                "the single case in = out = 4",
                _identity_nan_example,
            ),
            exhaustive(
                "PyTorch's linear tap set differs from this rule exactly at the outputs "
                "i < in - 1 of an axis with out == in, and where align_corners=False gives "
                "x < 0 (for in > 1)",
                f"align_corners False and True, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_torch_taps,
            ),
            exhaustive(
                "the conformance band: PyTorch's taps contain every tap of nonzero weight and "
                "lie within one sample of this rule's tap set",
                f"align_corners False and True, in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_conformance_nan_rule,
            ),
            exhaustive(
                "a float64 sum with a non-finite term equals the sum of its non-finite terms "
                "alone, in every order, whatever its finite terms (none overflowing): NaN "
                "if one is NaN or both infinities occur, else that infinity",
                "1 to 3 terms from {NaN, inf, -inf} with 2 from {0, -0, 1, -3.5, +-1e300}, "
                "every order",
                _check_non_finite_terms_decide,
            ),
            exhaustive(
                "weight times a non-finite sample is never finite",
                "weights in {0, -0, 1/4, -1/2, 1, 1e-300}, samples NaN, inf, -inf",
                _check_product_of_non_finite,
            ),
            exhaustive(
                "2-D: axis-by-axis passes in either order give the NaN pattern of the "
                "tensor-product tap set",
                "half_pixel, in = 1..3 and out in {1, 2, 3, 5} per axis, one NaN anywhere",
                _check_nan_separable,
            ),
        ),
        references=(IEEE_754, TORCH_UPSAMPLE, TORCH_UPSAMPLE_KERNEL),
        implemented_by=("oracle.resize", "oracle.resize.apply_plan", "oracle.kernels.linear"),
        notes=(
            "Measured on PyTorch 2.13 CPU: [0, NaN, 2, 3] linearly resized to 8 "
            "(align_corners=False) gives NaN at output 0, where this rule gives 0 (x = -1/4 "
            "reads only sample 0); resized to 4 it gives [0, NaN, 2, 3], where this rule "
            "gives NaN at output 0 too (x = 0 reads samples 0 and 1). The model "
            "torch_linear_taps matched PyTorch's NaN pattern on every case of in = 1..8, "
            "out = 1..16, both align_corners values, one NaN at each position.",
            "TensorFlow's resize_bilinear reads floor(x) and ceil(x), a single tap at "
            "integer x, so its NaN pattern differs from both at integer coordinates.",
        ),
    )


@derivation("resize.separable")
def _separable() -> Derivation:
    first, second, kron, orders = _kron_claims()
    a3 = _symbolic_matrix("a", 2, 2)
    b3 = _symbolic_matrix("b", 1, 2)
    c3 = _symbolic_matrix("c", 2, 1)
    kron3 = sympy.expand(sympy.kronecker_product(a3, b3, c3))
    order_claims = tuple(
        symbolic(
            f"3-D: the passes in axis order {order} compose to A (x) B (x) C",
            composed,
            kron3,
        )
        for order, composed in zip(itertools.permutations(range(3)), orders, strict=True)
    )
    return Derivation(
        id="resize.separable",
        title="N-d resize as per-axis 1-D resamplings, in any order",
        statement=(
            "A 1-D resize is a matrix A (out x in) of per-output weights. On an N-d array X "
            "(row-major vec), resizing axis a is the operator I (x) ... (x) A_a (x) ... (x) I. "
            "By the mixed-product rule (A (x) I)(I (x) B) = A (x) B = (I (x) B)(A (x) I), so "
            "resizing axis 0 then axis 1 equals axis 1 then axis 0, and both equal the N-d "
            "resize A (x) B whose weights are products of per-axis weights "
            "(interp.linear.separable). In 3-D all six orders give A (x) B (x) C. The "
            "equality is exact; in floating point the orders round differently, which the "
            "tolerance model bounds."
        ),
        result={"2-D operator": kron},
        claims=(
            symbolic(
                "2-D: axis 0 then axis 1 composes to A (x) B (A 2x3, B 3x2 symbolic)", first, kron
            ),
            symbolic("2-D: axis 1 then axis 0 composes to A (x) B", second, kron),
            *order_claims,
            exhaustive(
                "the 2-D bilinear resize built from the tensor-product weights equals the "
                "Kronecker product of the two 1-D linear resize matrices",
                "half_pixel, in = 1..3 and out in {1, 2, 4} per axis, every output",
                _check_bilinear_is_kron,
            ),
        ),
        references=(VAN_LOAN,),
        implemented_by=("oracle.resize", "oracle.resize.resize_plan"),
    )
