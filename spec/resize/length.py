"""Output length of one resized axis (``resize.output_length``).

Convention (docs/contract.md, "The public contract"): per axis, the output length is ``size``
if given, else ``floor(in * scale_factor)`` computed on the exact rational value of the float.
The roi of ``tf_crop_and_resize`` does not enter it; ONNX's prose, which multiplies by
``roi_end - roi_start``, is the documented variant :func:`roi_output_length`.
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy
from sympy import Rational, symbols

from spec._exact import floor, rational
from spec._moved import forwarder
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import (
    ONNX_REFERENCE_RESIZE,
    ONNX_RESIZE,
    ONNX_SHAPE_INFERENCE,
    ORT_UPSAMPLE_BASE,
    SCIPY_ZOOM,
    TORCH_INTERPOLATE,
)
from spec.resize._domains import SCALES, SCALES_TEXT

__all__ = [
    "exact_value",
    "float_length_disagreements",
    "float_output_length",
    "output_length",
    "roi_output_length",
]

n_in = symbols("n_in", integer=True, positive=True)
scale_factor = symbols("scale_factor", positive=True)
size = symbols("size", integer=True, positive=True)
roi_start, roi_end = symbols("roi_start roi_end", real=True)

#: Where torch.nn.functional.interpolate says which scale the kernel uses.
RECOMPUTE_SCALE_FACTOR = (
    "recompute_scale_factor: when False or unset, a given scale_factor is used in the "
    "interpolation; when True, the scale is recomputed from the output size"
)

# Names that lived here before the chapter was split by concept; still importable from here.
__getattr__ = forwarder(
    __name__,
    {
        "coordinate_scale": "spec.resize.scale",
        "linear_resize_matrix": "spec.resize.separable",
        "axis_operator": "spec.resize.separable",
        "separable_operator": "spec.resize.separable",
        "torch_linear_taps": "spec.resize.equiv.torch",
    },
)


def exact_value(value: object) -> sympy.Rational:
    """The exact rational value of a number; for a float, the value of its binary64 bits.

    >>> exact_value(0.5), exact_value(3)
    (1/2, 3)
    >>> exact_value(1.2)
    5404319552844595/4503599627370496
    """
    if isinstance(value, bool):
        raise ValueError(f"value: {value!r} is a bool, not a number (resize.output_length)")
    return rational(value)


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
    out = floor(in_len * exact)
    if out < 1:
        raise ValueError(
            f"scale_factor: {scale_factor!r} gives floor({in_len} * scale_factor) = {out}, "
            "an output length below 1 (resize.output_length)"
        )
    return out


def roi_output_length(in_len: int, scale_factor: object, roi: tuple[object, object]) -> int:
    """ONNX Resize's prose: ``floor(in_len * (roi_end - roi_start) * scale_factor)``.

    A documented variant, not the spec: ONNX's shape inference and reference implementation
    and ONNX Runtime compute ``floor(in_len * scale_factor)`` (``resize.output_length``).
    Exact arithmetic on the values' exact rationals.

    >>> roi_output_length(8, 2, (0, 0.5)), output_length(8, scale_factor=2)
    (8, 16)
    """
    start, end = (exact_value(v) for v in roi)
    return floor(in_len * (end - start) * exact_value(scale_factor))


def float_output_length(in_len: int, scale_factor: float) -> int:
    """``floor(in_len * scale_factor)`` evaluated in IEEE binary64, as float-based libraries do.

    A model of a deviation, not the spec (``resize.output_length``).

    >>> float_output_length(5, 1.2), output_length(5, scale_factor=1.2)
    (6, 5)
    """
    return math.floor(in_len * scale_factor)


# --- exhaustive claims ----------------------------------------------------------------------

_SCALES = SCALES


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


def _roi_example() -> list[object]:
    facts = (
        output_length(8, scale_factor=2) == 16,
        roi_output_length(8, 2, (0, 0.5)) == 8,
        roi_output_length(8, 2, (0, 1)) == output_length(8, scale_factor=2),
    )
    return [] if all(facts) else [facts]


@derivation("resize.output_length")
def _output_length() -> Derivation:
    spec_form = sympy.floor(n_in * scale_factor)
    text_form = sympy.floor(n_in * (roi_end - roi_start) * scale_factor)
    example = (n_in, roi_start, roi_end, scale_factor)
    return Derivation(
        id="resize.output_length",
        title="Output length: size, else floor(in * scale_factor) in exact arithmetic",
        statement=(
            "Per axis the output length is size when size is given, otherwise the number of "
            "whole output pixels that fit in the stretched input, floor(in * scale_factor), "
            "taken on the exact rational value of the float scale_factor and required to be "
            "at least 1 (exactly when scale_factor >= 1/in). "
            "The roi of tf_crop_and_resize does not enter the length: ONNX's prose gives "
            "floor(in * (roi_end - roi_start) * scale), but ONNX's own shape inference and "
            "reference implementation and ONNX Runtime compute floor(in * scale), as this "
            "spec does. "
            "The prose is kept as the documented variant roi_output_length."
        ),
        result={
            "out (size given)": size,
            "out (scale_factor only)": spec_form,
            "out, ONNX prose (variant)": text_form,
        },
        claims=(
            exhaustive(
                "floor(in s) is the largest integer n with n <= in s",
                f"in = 1..16, {SCALES_TEXT}, in s >= 1",
                _check_length_is_largest_fit,
            ),
            exhaustive(
                "the length is at least 1 exactly when s >= 1/in",
                f"in = 1..16, {SCALES_TEXT}",
                _check_length_validity,
            ),
            exhaustive(
                "float products give a different floor than exact arithmetic: (in 5, 1.2) "
                "gives 5 exactly and 6 in float; (in 10, 0.3) gives 2 exactly and 3 in "
                "float; 0.1 * 3 != 0.3 and gives 3",
                "in = 1..16, scale_factor in the float literals 0.1, 0.2, ..., 4.0",
                _float_length_examples,
            ),
            symbolic(
                "tf_crop_and_resize, in = 8, scale 2, roi (0, 1/2): this spec gives 16",
                sympy.Subs(spec_form, (n_in, scale_factor), (8, 2)),
                16,
            ),
            symbolic(
                "... where ONNX's prose gives 8",
                sympy.Subs(text_form, example, (8, 0, Rational(1, 2), 2)),
                8,
            ),
            symbolic(
                "with the full window roi = (0, 1) the prose and the spec agree",
                sympy.Subs(text_form, (roi_start, roi_end), (0, 1)),
                spec_form,
            ),
            exhaustive(
                "output_length and the variant roi_output_length compute the example: 16 "
                "and 8, and agree at roi = (0, 1)",
                "in = 8, scale_factor = 2, roi (0, 0.5) and (0, 1)",
                _roi_example,
            ),
        ),
        references=(
            ONNX_RESIZE.at(
                "Summary, the same text in opsets 11, 13, 18 and 19: output_dimension = "
                "floor(input_dimension * (roi_end - roi_start) * scale) if input 'sizes' is "
                "not specified"
            ),
            ONNX_SHAPE_INFERENCE.at("in = 8, scales 2, roi (0, 0.5): inferred length 16"),
            ONNX_REFERENCE_RESIZE.at(
                "_interpolate_nd: output_size = (scale_factors * data.shape).astype(int), "
                "roi unused"
            ),
            ORT_UPSAMPLE_BASE.at(
                "UpsampleBase::ComputeOutputShape: output_dims[i] = "
                "static_cast<int64_t>(scales[i] * input_dims[i])"
            ),
            TORCH_INTERPOLATE.at(RECOMPUTE_SCALE_FACTOR),
            SCIPY_ZOOM.at("output shape round(input.shape * zoom)"),
        ),
        implemented_by=("oracle.resize", "oracle.resize_plan"),
        notes=(
            "A float literal is not its decimal: 1.2 is slightly below 6/5, so floor(5 * 1.2) "
            "is 5 exactly while the float product 5 * 1.2 rounds to 6.0; 0.3 is below 3/10 "
            "(floor(10 * 0.3) = 2 exactly, 3 in float) while 0.1 * 3 is above it (3 either "
            "way). size and scale_factor must be positive.",
            "PyTorch 2.13 computes the length from the float product: "
            "interpolate(scale_factor=1.2) on length 5 returns length 6, on length 10 with "
            "0.3 returns 3 (measured). ONNX's reference implementation truncates the float "
            "product (scale_factors * shape).astype(int). Both are deviations to list.",
            "Why floor(in * scale) with a roi: every executable ONNX artefact computes it "
            "(onnx 1.23.2 shape inference and onnx.reference give 16 for in = 8, scale 2, "
            "roi (0, 0.5); ONNX Runtime multiplies scales by the input dims), so a model "
            "exported against them keeps its shapes; the length rule stays one rule for "
            "every coordinate mode; and the roi already sets where the outputs sample "
            "(coord.tf_crop_and_resize). A backend that follows ONNX's prose instead "
            "deviates from resize.output_length whenever roi_end - roi_start != 1; "
            "roi_output_length models it.",
            "scipy.ndimage.zoom rounds instead: the output length is round(in * zoom) "
            "(equiv.scipy.zoom_grid_mode).",
        ),
    )
