"""Coordinate modes: the map from an output index to a source coordinate, derived from geometry.

Convention.  An output index ``i`` (``0 <= i < out``) of an axis of length ``out`` is mapped
to a source coordinate ``x`` on the input axis of length ``in``; ``x`` is measured in input
index units, so ``x = k`` is exactly input sample ``k``.  ``s`` is the coordinate scale
(``resize.coordinate_scale``): ``s = scale_factor`` if given, else ``out / in``.

Two continuous pictures of a signal are in use, and each mode is derived from one of them:

* pixels as areas: sample ``k`` covers the interval ``[k, k + 1)`` and sits at its centre
  ``k + 1/2``; resizing by ``s`` stretches the continuous axis, ``u_out = s u_in``
  (``half_pixel``, ``half_pixel_symmetric``, ``pytorch_half_pixel``);
* pixels as points: sample ``k`` sits at ``u = k``; resizing stretches that axis
  (``asymmetric``), or pins the first and last samples (``align_corners``), or pins the ends of
  a crop window (``tf_crop_and_resize``).

Derivations: ``coord.half_pixel``, ``coord.half_pixel_symmetric``,
``coord.pytorch_half_pixel``, ``coord.align_corners``, ``coord.asymmetric``,
``coord.tf_crop_and_resize``.
"""

from __future__ import annotations

import functools

import sympy
from sympy import Rational, symbols

from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.references import (
    ONNX_REFERENCE_RESIZE,
    ONNX_RESIZE,
    TF_CROP_AND_RESIZE,
    TF_RESIZER_STATE,
    TORCH_UPSAMPLE_H,
)
from spec.resize._domains import MAX_IN, MAX_OUT, SCALES, SCALES_TEXT, size_cases

__all__ = [
    "COORDINATE_MODES",
    "ONNX_NAMES",
    "ONNX_PUBLISHED",
    "ONNX_TEXT",
    "closed_form",
    "extrapolates",
    "source_coordinate",
]

#: The coordinate modes of ``oracle.resize`` (docs/contract.md), in ONNX spelling.
COORDINATE_MODES = (
    "half_pixel",
    "half_pixel_symmetric",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
    "tf_crop_and_resize",
)

i = symbols("i", integer=True, nonnegative=True)
n_in, n_out = symbols("n_in n_out", integer=True, positive=True)
s = symbols("s", positive=True)
start, end = symbols("start end", real=True)
x = symbols("x", real=True)
_a, _b, _offset = symbols("a b offset", real=True)

HALF = Rational(1, 2)

#: Where ONNX publishes the coordinate maps, and where its reference implementation has them.
ONNX_COORDINATES = ONNX_RESIZE.at(
    "attribute coordinate_transformation_mode: formulas for half_pixel, "
    "half_pixel_symmetric, pytorch_half_pixel, align_corners, asymmetric, tf_crop_and_resize"
)
ONNX_REFERENCE_COORDINATES = ONNX_REFERENCE_RESIZE.at("_interpolate_1d_with_x")
TORCH_AREA_PIXEL = TORCH_UPSAMPLE_H.at(
    "area_pixel_compute_scale and area_pixel_compute_source_index; Note "
    "[area_pixel_compute_scale]: each pixel is an area with centre idx + 0.5"
)
TF_SCALERS = TF_RESIZER_STATE.at(
    "CalculateResizeScale, HalfPixelScaler (x + 0.5) scale - 0.5, LegacyScaler x scale"
)

x_resized = symbols("x_resized", integer=True, nonnegative=True)
scale, length_original, length_resized = symbols(
    "scale length_original length_resized", positive=True
)
start_x, end_x = symbols("start_x end_x", real=True)

#: ONNX's names for this module's symbols.
ONNX_NAMES: dict[sympy.Symbol, sympy.Symbol] = {
    x_resized: i,
    scale: s,
    length_original: n_in,
    length_resized: n_out,
    start_x: start,
    end_x: end,
}

#: The closed forms as ONNX publishes them (coordinate_transformation_mode), in ONNX's names;
#: the ``length_resized > 1`` branch where ONNX has one.
ONNX_TEXT: dict[str, sympy.Expr] = {
    "half_pixel": (x_resized + HALF) / scale - HALF,
    "half_pixel_symmetric": (length_original / 2) * (1 - length_resized / (length_original * scale))
    + (x_resized + HALF) / scale
    - HALF,
    "pytorch_half_pixel": (x_resized + HALF) / scale - HALF,
    "align_corners": x_resized * (length_original - 1) / (length_resized - 1),
    "asymmetric": x_resized / scale,
    "tf_crop_and_resize": start_x * (length_original - 1)
    + x_resized * (end_x - start_x) * (length_original - 1) / (length_resized - 1),
}

#: The same closed forms in this module's symbols (``i``, ``s``, ``n_in``, ``n_out``, ...).
ONNX_PUBLISHED: dict[str, sympy.Expr] = {
    mode: form.xreplace(ONNX_NAMES) for mode, form in ONNX_TEXT.items()
}


@functools.cache
def derive_half_pixel() -> sympy.Expr:
    """Solve ``s (x + 1/2) = i + 1/2`` for ``x``: pixel centres correspond under the stretch.

    Output pixel ``i`` has its centre at ``u = i + 1/2`` on the output axis; input position
    ``x`` has its centre at ``x + 1/2``; continuous coordinates scale by ``s``.

    >>> derive_half_pixel()
    -1/2 + (2*i + 1)/(2*s)
    """
    (solution,) = sympy.solve(sympy.Eq(s * (x + HALF), i + HALF), x)
    return sympy.collect(sympy.expand(solution), 1 / s, sympy.factor)


@functools.cache
def derive_half_pixel_symmetric() -> tuple[sympy.Expr, sympy.Expr]:
    """Solve for the offset that puts the output canvas centre on the input centre.

    With ``out`` not equal to ``s in`` the output canvas ``[0, out)`` is shorter or longer
    than the stretched input ``[0, s in)``.  Write ``x + 1/2 = (i + 1/2)/s + offset`` and
    require the canvas centre ``u_out = out/2`` to land on the input centre ``u_in = in/2``.
    Returns ``(x, offset)``.

    >>> x_sym, offset = derive_half_pixel_symmetric()
    >>> sympy.factor(offset)
    (n_in*s - n_out)/(2*s)
    """
    (offset,) = sympy.solve(sympy.Eq(n_in / 2, (n_out / 2) / s + _offset), _offset)
    solution = (i + HALF) / s + offset - HALF
    return solution, offset


@functools.cache
def derive_align_corners() -> sympy.Expr:
    """Solve for the affine map ``x = a i + b`` with ``0 -> 0`` and ``out - 1 -> in - 1``.

    The first and last samples (the corner pixels' centres) are pinned.  The system is
    singular at ``out == 1``; see :func:`source_coordinate` for that case.

    >>> derive_align_corners()
    i*(n_in - 1)/(n_out - 1)
    """
    system = [
        sympy.Eq(_a * 0 + _b, 0),
        sympy.Eq(_a * (n_out - 1) + _b, n_in - 1),
    ]
    ((a_val, b_val),) = sympy.linsolve(system, [_a, _b])
    return sympy.factor(a_val * i + b_val)


@functools.cache
def derive_asymmetric() -> sympy.Expr:
    """Solve ``s x = i``: samples are points at integer positions and the axis stretches by ``s``.

    >>> derive_asymmetric()
    i/s
    """
    (solution,) = sympy.solve(sympy.Eq(s * x, i), x)
    return solution


@functools.cache
def derive_tf_crop_and_resize() -> tuple[sympy.Expr, sympy.Expr]:
    """Solve for the affine map that pins the ends of the crop window to the first and last output.

    The window ``[start, end]`` is given in normalised coordinates where ``0`` is sample 0
    and ``1`` is sample ``in - 1``, so its ends are at ``start (in - 1)`` and
    ``end (in - 1)``.  For ``out == 1`` the single output samples the window centre.
    Returns ``(x for out > 1, x for out == 1)``.

    >>> many, one = derive_tf_crop_and_resize()
    >>> one
    (end + start)*(n_in - 1)/2
    """
    system = [
        sympy.Eq(_b, start * (n_in - 1)),
        sympy.Eq(_a * (n_out - 1) + _b, end * (n_in - 1)),
    ]
    ((a_val, b_val),) = sympy.linsolve(system, [_a, _b])
    centre = sympy.factor((start * (n_in - 1) + end * (n_in - 1)) / 2)
    return a_val * i + b_val, centre


@functools.cache
def closed_form(mode: str) -> sympy.Expr:
    """The derived closed form of ``mode`` for ``out > 1`` (a SymPy expression in i, s, n_in, ...).

    >>> closed_form("asymmetric")
    i/s
    """
    if mode in ("half_pixel", "pytorch_half_pixel"):
        return derive_half_pixel()
    if mode == "half_pixel_symmetric":
        return derive_half_pixel_symmetric()[0]
    if mode == "align_corners":
        return derive_align_corners()
    if mode == "asymmetric":
        return derive_asymmetric()
    if mode == "tf_crop_and_resize":
        return derive_tf_crop_and_resize()[0]
    raise ValueError(
        f"coordinate_mode: {mode!r} is not one of {', '.join(COORDINATE_MODES)} (coord.*)"
    )


def source_coordinate(
    mode: str,
    index: int,
    in_len: int,
    out_len: int,
    scale: object = None,
    roi: tuple[object, object] = (0, 1),
) -> sympy.Rational:
    """The exact source coordinate of output ``index`` under coordinate ``mode``.

    ``scale`` is the coordinate scale ``s`` (``resize.coordinate_scale``); ``None`` means
    ``out_len / in_len``.  ``roi`` is the normalised ``(start, end)`` window of
    ``tf_crop_and_resize``.  Output length 1 is a special case in three modes:
    ``pytorch_half_pixel`` gives 0, ``align_corners`` gives 0 and ``tf_crop_and_resize``
    gives the window centre.  Cites ``coord.<mode>``.

    >>> source_coordinate("half_pixel", 0, 4, 8)
    -1/4
    >>> source_coordinate("half_pixel", 0, 3, 4, scale=Rational(3, 2))
    -1/6
    >>> source_coordinate("align_corners", 2, 3, 5)
    1
    >>> source_coordinate("pytorch_half_pixel", 0, 4, 1), source_coordinate("half_pixel", 0, 4, 1)
    (0, 3/2)
    >>> source_coordinate("tf_crop_and_resize", 1, 5, 3, roi=(Rational(1, 4), Rational(3, 4)))
    2
    """
    if in_len < 1 or out_len < 1:
        raise ValueError(
            f"in_len, out_len: lengths must be >= 1, got {in_len}, {out_len} (resize.output_length)"
        )
    if not 0 <= index < out_len:
        raise ValueError(f"index: {index} is outside [0, {out_len - 1}] (coord.{mode})")
    s_val = sympy.Rational(out_len, in_len) if scale is None else sympy.Rational(scale)
    if s_val <= 0:
        raise ValueError(f"scale: {scale!r} must be > 0 (resize.coordinate_scale)")
    slope, intercept = _affine(
        mode, in_len, out_len, s_val, sympy.Rational(roi[0]), sympy.Rational(roi[1])
    )
    return slope * index + intercept


@functools.lru_cache(maxsize=8192)
def _affine(
    mode: str,
    in_len: int,
    out_len: int,
    s_val: sympy.Rational,
    roi_start: sympy.Rational,
    roi_end: sympy.Rational,
) -> tuple[sympy.Rational, sympy.Rational]:
    """Slope and intercept in ``i`` of the derived map at fixed lengths, scale and window.

    Every closed form is affine in ``i``, so two evaluations determine it.
    """
    form = closed_form(mode)
    if out_len == 1:
        if mode in ("pytorch_half_pixel", "align_corners"):
            return sympy.Integer(0), sympy.Integer(0)
        if mode == "tf_crop_and_resize":
            form = derive_tf_crop_and_resize()[1]
    values = {
        n_in: sympy.Integer(in_len),
        n_out: sympy.Integer(out_len),
        s: s_val,
        start: roi_start,
        end: roi_end,
    }
    at_zero = form.xreplace({**values, i: sympy.Integer(0)})
    at_one = form.xreplace({**values, i: sympy.Integer(1)})
    return at_one - at_zero, at_zero


def extrapolates(position: object, in_len: int) -> bool:
    """Whether ``tf_crop_and_resize`` outputs ``extrapolation_value`` at this source coordinate.

    True when ``x < 0`` or ``x > in_len - 1`` (``coord.tf_crop_and_resize``); the ends
    ``0`` and ``in_len - 1`` themselves are inside.

    >>> extrapolates(-Rational(1, 8), 4), extrapolates(3, 4), extrapolates(Rational(25, 8), 4)
    (True, False, True)
    """
    xr = sympy.Rational(position)
    return bool(xr < 0 or xr > in_len - 1)


# --- exhaustive domains -------------------------------------------------------------------


def _check_pytorch_vs_half_pixel() -> list[object]:
    bad: list[object] = []
    for in_len, out_len in size_cases():
        for index in range(out_len):
            torch_like = source_coordinate("pytorch_half_pixel", index, in_len, out_len)
            half = source_coordinate("half_pixel", index, in_len, out_len)
            if out_len > 1 and torch_like != half:
                bad.append((in_len, out_len, index))
            if out_len == 1 and torch_like != 0:
                bad.append((in_len, out_len, index))
    return bad


def _check_pytorch_differs_at_one() -> list[object]:
    """pytorch_half_pixel and half_pixel differ at out == 1 exactly when in > 1."""
    bad: list[object] = []
    for in_len in range(1, MAX_IN + 1):
        differ = source_coordinate("pytorch_half_pixel", 0, in_len, 1) != source_coordinate(
            "half_pixel", 0, in_len, 1
        )
        if differ != (in_len > 1):
            bad.append(in_len)
    return bad


def _check_align_corners_corners() -> list[object]:
    bad: list[object] = []
    for in_len, out_len in size_cases():
        first = source_coordinate("align_corners", 0, in_len, out_len)
        last = source_coordinate("align_corners", out_len - 1, in_len, out_len)
        if first != 0 or (out_len > 1 and last != in_len - 1):
            bad.append((in_len, out_len, first, last))
    return bad


def _check_half_pixel_range() -> list[object]:
    """Every half_pixel coordinate (s = out/in) lies in [-1/2, in - 1/2)."""
    bad: list[object] = []
    for in_len, out_len in size_cases():
        for index in range(out_len):
            xv = source_coordinate("half_pixel", index, in_len, out_len)
            if not -HALF <= xv < in_len - HALF:
                bad.append((in_len, out_len, index, xv))
    return bad


_SCALES = SCALES


def _check_symmetric_mirror() -> list[object]:
    """half_pixel_symmetric mirrors: x(i) + x(out - 1 - i) = in - 1 for any s."""
    bad: list[object] = []
    for in_len in range(1, MAX_IN + 1):
        for scale in _SCALES:
            out_len = int(sympy.floor(in_len * scale))
            if out_len < 1:
                continue
            for index in range(out_len):
                total = source_coordinate(
                    "half_pixel_symmetric", index, in_len, out_len, scale
                ) + source_coordinate(
                    "half_pixel_symmetric", out_len - 1 - index, in_len, out_len, scale
                )
                if total != in_len - 1:
                    bad.append((in_len, scale, index))
    return bad


def _check_symmetric_equals_half_pixel() -> list[object]:
    """half_pixel_symmetric equals half_pixel exactly when out == s * in."""
    bad: list[object] = []
    for in_len in range(1, MAX_IN + 1):
        for scale in _SCALES:
            out_len = int(sympy.floor(in_len * scale))
            if out_len < 1:
                continue
            same = all(
                source_coordinate("half_pixel_symmetric", k, in_len, out_len, scale)
                == source_coordinate("half_pixel", k, in_len, out_len, scale)
                for k in range(out_len)
            )
            if same != (out_len == in_len * scale):
                bad.append((in_len, scale))
    return bad


def _half_pixel_asymmetry_example() -> list[object]:
    """in = 3, s = 3/2, out = 4: half_pixel is not mirror-symmetric (the claim is that it fails)."""
    scale = Rational(3, 2)
    total = source_coordinate("half_pixel", 0, 3, 4, scale) + source_coordinate(
        "half_pixel", 3, 3, 4, scale
    )
    return [] if total == Rational(5, 3) and total != 2 else [total]


def _check_tf_crop_full_roi() -> list[object]:
    """roi (0, 1): equals align_corners when out > 1; at out == 1 gives (in - 1)/2, not 0."""
    bad: list[object] = []
    for in_len, out_len in size_cases():
        for index in range(out_len):
            crop = source_coordinate("tf_crop_and_resize", index, in_len, out_len)
            corners = source_coordinate("align_corners", index, in_len, out_len)
            if out_len > 1 and crop != corners:
                bad.append((in_len, out_len, index))
            if out_len == 1 and crop != Rational(in_len - 1, 2):
                bad.append((in_len, out_len, index))
    return bad


_ROIS = tuple(
    (Rational(a, 4), Rational(b, 4)) for a in range(-2, 7) for b in range(-2, 7) if a != b
)


def _check_tf_crop_extrapolation() -> list[object]:
    """A window inside [0, 1] never extrapolates; one reaching outside it does at its ends."""
    bad: list[object] = []
    for in_len in range(2, 6):
        for out_len in range(2, 7):
            for roi in _ROIS:
                inside = all(0 <= r <= 1 for r in roi)
                flags = [
                    extrapolates(
                        source_coordinate("tf_crop_and_resize", k, in_len, out_len, roi=roi),
                        in_len,
                    )
                    for k in range(out_len)
                ]
                if inside and any(flags):
                    bad.append((in_len, out_len, roi))
                if not inside and not (flags[0] or flags[-1]):
                    bad.append((in_len, out_len, roi))
    return bad


# --- derivations ----------------------------------------------------------------------------

_IMPLEMENTED = ("oracle.resize_plan",)


@derivation("coord.half_pixel")
def _half_pixel() -> Derivation:
    form = derive_half_pixel()
    at_ratio = form.subs(s, n_out / n_in)
    return Derivation(
        id="coord.half_pixel",
        title="Coordinate mode half_pixel",
        statement=(
            "Pixels are areas: input sample k covers [k, k + 1) with its centre at k + 1/2, and "
            "resizing by s stretches the continuous axis, u_out = s u_in. "
            "Output pixel i has its centre at i + 1/2, so its source coordinate x solves "
            "s (x + 1/2) = i + 1/2, that is x = (i + 1/2)/s - 1/2. "
            "With s = out/in the output centre maps to the input centre, the map is "
            "mirror-symmetric, and output length 1 needs no special case."
        ),
        result={"x": form},
        claims=(
            symbolic(
                "the derived map equals ONNX's published half_pixel formula",
                form,
                ONNX_TEXT["half_pixel"],
                ONNX_NAMES,
            ),
            symbolic(
                "with s = out/in the output centre i = (out - 1)/2 maps to the input centre",
                sympy.Subs(at_ratio, i, (n_out - 1) / 2),
                (n_in - 1) / 2,
            ),
            symbolic(
                "with s = out/in the map is mirror-symmetric: x(i) + x(out - 1 - i) = in - 1",
                sympy.Add(at_ratio, sympy.Subs(at_ratio, i, n_out - 1 - i), evaluate=False),
                n_in - 1,
            ),
            symbolic(
                "output length 1 (s = 1/in): the single output samples (in - 1)/2",
                sympy.Subs(form, (s, i), (1 / n_in, 0)),
                (n_in - 1) / 2,
            ),
            symbolic(
                "it is the inverse of the stretch: s (x + 1/2) = i + 1/2",
                sympy.Subs(s * (x + HALF), x, form),
                i + HALF,
            ),
            exhaustive(
                "with s = out/in every coordinate lies in [-1/2, in - 1/2)",
                f"in = 1..{MAX_IN}, out = 1..{MAX_OUT}, every output index",
                _check_half_pixel_range,
            ),
        ),
        references=(ONNX_COORDINATES, TORCH_AREA_PIXEL, TF_SCALERS),
        implemented_by=_IMPLEMENTED,
        notes=(
            "With s = 1/in the single output samples the input centre (in - 1)/2. The coordinate "
            "lies in [-1/2, in - 1/2), so linear taps never reach beyond [-1, in] (resize.border).",
        ),
    )


@derivation("coord.half_pixel_symmetric")
def _half_pixel_symmetric() -> Derivation:
    form, offset = derive_half_pixel_symmetric()
    return Derivation(
        id="coord.half_pixel_symmetric",
        title="Coordinate mode half_pixel_symmetric",
        statement=(
            "When out differs from s in (a scale factor whose product with in is not an "
            "integer), the output canvas [0, out) does not cover the stretched input "
            "[0, s in) exactly, and half_pixel pins the left edges, so the image drifts. "
            "half_pixel_symmetric writes x + 1/2 = (i + 1/2)/s + offset and chooses the "
            "offset that maps the canvas centre u_out = out/2 onto the input centre "
            "u_in = in/2: offset = in/2 - out/(2 s) = (in/2)(1 - out/(s in)), ONNX's "
            "adjustment = out/(s in). It equals half_pixel exactly when out = s in, and it "
            "is mirror-symmetric about the centre for every s, x(i) + x(out - 1 - i) = "
            "in - 1, so output length 1 samples the input centre (in - 1)/2."
        ),
        result={"x": form, "offset": sympy.factor(offset)},
        claims=(
            symbolic(
                "the derived map equals ONNX's published half_pixel_symmetric formula",
                form,
                ONNX_TEXT["half_pixel_symmetric"],
                ONNX_NAMES,
            ),
            symbolic(
                "the offset is (in/2)(1 - adjustment) with adjustment = out/(s in)",
                offset,
                (n_in / 2) * (1 - n_out / (s * n_in)),
            ),
            symbolic(
                "equals half_pixel when out = s in",
                sympy.Subs(form, n_out, s * n_in),
                derive_half_pixel(),
            ),
            symbolic(
                "mirror-symmetric for every s: x(i) + x(out - 1 - i) = in - 1",
                sympy.Add(form, sympy.Subs(form, i, n_out - 1 - i), evaluate=False),
                n_in - 1,
            ),
            symbolic(
                "output length 1 samples the input centre (in - 1)/2 for every s",
                sympy.Subs(form, (n_out, i), (1, 0)),
                (n_in - 1) / 2,
            ),
            exhaustive(
                "mirror symmetry holds exactly over a domain of scales",
                f"in = 1..{MAX_IN}, {SCALES_TEXT}, out = floor(in s) >= 1",
                _check_symmetric_mirror,
            ),
            exhaustive(
                "half_pixel_symmetric equals half_pixel at every index iff out = s in",
                f"in = 1..{MAX_IN}, {SCALES_TEXT}, out = floor(in s) >= 1",
                _check_symmetric_equals_half_pixel,
            ),
            exhaustive(
                "counterexample: half_pixel itself is not symmetric when out != s in "
                "(in = 3, s = 3/2, out = 4: x(0) + x(3) = 5/3, not 2)",
                "the single case in = 3, s = 3/2",
                _half_pixel_asymmetry_example,
            ),
        ),
        references=(ONNX_COORDINATES, ONNX_REFERENCE_COORDINATES),
        implemented_by=_IMPLEMENTED,
    )


@derivation("coord.pytorch_half_pixel")
def _pytorch_half_pixel() -> Derivation:
    form = derive_half_pixel()
    return Derivation(
        id="coord.pytorch_half_pixel",
        title="Coordinate mode pytorch_half_pixel",
        statement=(
            "pytorch_half_pixel is half_pixel, x = (i + 1/2)/s - 1/2, for output length "
            "out > 1, and x = 0 when out == 1. It therefore differs from half_pixel only at "
            "out == 1 with in > 1, where half_pixel (s = 1/in) samples the input centre "
            "(in - 1)/2 and pytorch_half_pixel samples the first input sample. The name "
            "records an older PyTorch: its scale was 0 for an output of length 1, so the "
            "coordinate was -1/2, which linear modes clamp to 0."
        ),
        result={"x (out > 1)": form, "x (out = 1)": sympy.Integer(0)},
        claims=(
            symbolic(
                "for out > 1 the derived map equals ONNX's published pytorch_half_pixel formula",
                form,
                ONNX_TEXT["pytorch_half_pixel"],
                ONNX_NAMES,
            ),
            exhaustive(
                "equals half_pixel for every out > 1 and gives 0 when out == 1",
                f"in = 1..{MAX_IN}, out = 1..{MAX_OUT}, s = out/in, every output index",
                _check_pytorch_vs_half_pixel,
            ),
            exhaustive(
                "at out == 1 it differs from half_pixel exactly when in > 1",
                f"in = 1..{MAX_IN}, out = 1",
                _check_pytorch_differs_at_one,
            ),
        ),
        references=(ONNX_COORDINATES, ONNX_REFERENCE_COORDINATES, TORCH_AREA_PIXEL),
        implemented_by=_IMPLEMENTED,
        notes=(
            "Current PyTorch does not implement pytorch_half_pixel: for align_corners=False "
            "area_pixel_compute_scale returns in/out (or 1/scale_factor) whatever the output "
            "length, so PyTorch 2.13 (measured) samples the centre at output length 1, which "
            "is half_pixel (see equiv.torch.align_corners_false).",
            "ONNX's reference implementation (onnx 1.23.2, op_resize.py) uses x = -1/2, not "
            "0, at output width 1, and tests the fractional width s * in == 1 rather than "
            "the integer length. Linear and nearest clamp -1/2 to the first sample, so "
            "the value is the same; cubic differs: on [0, 1, 4, 9, 16] with sizes 1 the "
            "reference returns -0.09375 where x = 0 gives 0 (measured).",
        ),
    )


@derivation("coord.align_corners")
def _align_corners() -> Derivation:
    form = derive_align_corners()
    system = sympy.ImmutableMatrix([[0, 1], [n_out - 1, 1]])
    return Derivation(
        id="coord.align_corners",
        title="Coordinate mode align_corners",
        statement=(
            "Samples are points and the first and last samples of both axes are pinned: the "
            "affine map x = a i + b with 0 -> 0 and out - 1 -> in - 1 solves to "
            "x = i (in - 1)/(out - 1). It hits both corners and does not depend on the "
            "scale s. The system is singular at out == 1 (its determinant is 1 - out); the "
            "convention is x = 0 there, the first sample."
        ),
        result={"x (out > 1)": form, "x (out = 1)": sympy.Integer(0)},
        claims=(
            symbolic(
                "the derived map equals ONNX's published align_corners formula",
                form,
                ONNX_TEXT["align_corners"],
                ONNX_NAMES,
            ),
            symbolic("hits the first corner: x(0) = 0", sympy.Subs(form, i, 0), 0),
            symbolic(
                "hits the last corner: x(out - 1) = in - 1",
                sympy.Subs(form, i, n_out - 1),
                n_in - 1,
            ),
            symbolic(
                "the pinning system has determinant 1 - out, zero exactly at out = 1",
                sympy.Determinant(system),
                1 - n_out,
            ),
            symbolic(
                "the map does not depend on the coordinate scale s",
                sympy.Derivative(form, s),
                0,
            ),
            exhaustive(
                "x(0) = 0 and, for out > 1, x(out - 1) = in - 1",
                f"in = 1..{MAX_IN}, out = 1..{MAX_OUT}",
                _check_align_corners_corners,
            ),
        ),
        references=(ONNX_COORDINATES, TORCH_AREA_PIXEL, TF_SCALERS),
        implemented_by=_IMPLEMENTED,
    )


def _check_asymmetric_overshoot() -> list[object]:
    """Upsampling with s = out/in > 1 reads past the last sample (so clamping is needed)."""
    bad: list[object] = []
    for in_len in range(1, MAX_IN + 1):
        for out_len in range(in_len + 1, MAX_OUT + 1):
            last = source_coordinate("asymmetric", out_len - 1, in_len, out_len)
            if not last > in_len - 1:
                bad.append((in_len, out_len, last))
    return bad


@derivation("coord.asymmetric")
def _asymmetric() -> Derivation:
    form = derive_asymmetric()
    return Derivation(
        id="coord.asymmetric",
        title="Coordinate mode asymmetric",
        statement=(
            "Samples are points at integer positions and the axis stretches by s, so output "
            "index i samples x with s x = i: x = i/s. The first sample is pinned at 0 and "
            "nothing else is: when upsampling with s = out/in the last outputs read past "
            "the last input sample, which edge replication resolves (resize.border). This is "
            "the legacy convention of TensorFlow 1 (equiv.tf1.legacy_resize) and the "
            "coordinate of PyTorch's mode='nearest' (equiv.torch.nearest)."
        ),
        result={"x": form},
        claims=(
            symbolic(
                "the derived map equals ONNX's published asymmetric formula",
                form,
                ONNX_TEXT["asymmetric"],
                ONNX_NAMES,
            ),
            symbolic(
                "the first output sits on the first sample: x(0) = 0", sympy.Subs(form, i, 0), 0
            ),
            symbolic(
                "x(out - 1) = in - in/out when s = out/in",
                sympy.Subs(form, (s, i), (n_out / n_in, n_out - 1)),
                n_in - n_in / n_out,
            ),
            exhaustive(
                "upsampling (out > in, s = out/in) puts the last output past in - 1",
                f"in = 1..{MAX_IN}, out = in + 1..{MAX_OUT}",
                _check_asymmetric_overshoot,
            ),
        ),
        references=(ONNX_COORDINATES, TF_SCALERS),
        implemented_by=_IMPLEMENTED,
    )


@derivation("coord.tf_crop_and_resize")
def _tf_crop_and_resize() -> Derivation:
    many, one = derive_tf_crop_and_resize()
    return Derivation(
        id="coord.tf_crop_and_resize",
        title="Coordinate mode tf_crop_and_resize (crop window and extrapolation)",
        statement=(
            "A crop window roi = (start, end) is given in normalised coordinates, 0 the first "
            "sample and 1 the last, and the affine map that pins its ends start (in - 1) and end "
            "(in - 1) to the first and last outputs is x = start (in - 1) + i (end - start)(in - "
            "1)/(out - 1); for out == 1 the single output samples the window centre (start + "
            "end)(in - 1)/2. An output whose coordinate falls outside [0, in - 1] on any axis is "
            "extrapolation_value (the ends 0 and in - 1 are inside). With roi = (0, 1) the map "
            "equals align_corners for out > 1 but not at out == 1, (in - 1)/2 against 0."
        ),
        result={"x (out > 1)": sympy.factor(many), "x (out = 1)": one},
        claims=(
            symbolic(
                "the derived map equals ONNX's published tf_crop_and_resize formula",
                many,
                ONNX_TEXT["tf_crop_and_resize"],
                ONNX_NAMES,
            ),
            symbolic(
                "the first output samples the window start",
                sympy.Subs(many, i, 0),
                start * (n_in - 1),
            ),
            symbolic(
                "the last output samples the window end",
                sympy.Subs(many, i, n_out - 1),
                end * (n_in - 1),
            ),
            symbolic(
                "out == 1: the window centre, ONNX's 0.5 (start + end)(in - 1)",
                one,
                HALF * (start + end) * (n_in - 1),
            ),
            symbolic(
                "with roi = (0, 1) the map is align_corners (out > 1)",
                sympy.Subs(many, (start, end), (0, 1)),
                derive_align_corners(),
            ),
            exhaustive(
                "with roi = (0, 1): equal to align_corners for out > 1, (in - 1)/2 at out == 1",
                f"in = 1..{MAX_IN}, out = 1..{MAX_OUT}, every output index",
                _check_tf_crop_full_roi,
            ),
            exhaustive(
                "a window inside [0, 1] never extrapolates; a window reaching outside "
                "[0, 1] extrapolates at its first or last output",
                "in = 2..5, out = 2..6, start, end in {-1/2, -1/4, ..., 3/2}, start != end",
                _check_tf_crop_extrapolation,
            ),
        ),
        references=(
            ONNX_COORDINATES,
            TF_CROP_AND_RESIZE.at(
                "boxes in normalized coordinates; a box coordinate y maps to "
                "y * (image_height - 1); samples outside the image take extrapolation_value"
            ),
            ONNX_REFERENCE_COORDINATES,
        ),
        implemented_by=_IMPLEMENTED,
    )
