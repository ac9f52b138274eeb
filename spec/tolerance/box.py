"""The terms of box weighting in the resize error model (``tolerance.box``).

A backend computes the ends of output ``i``'s cell, ``lo = i/s`` and ``hi = (i + 1)/s``, in
floating point, so each is off by ``d = 8u(|b| + 1)`` as a source coordinate is
(``tolerance.model``).  A box weight ``s |[j, j + 1) ∩ [lo, hi)|`` (``resize.box``) is monotone
in each end (also after exclude_outside divides by the length inside), so its largest change
lies at a corner ``(lo +- d_lo, hi +- d_hi)``: a sliver of length up to ``d`` may appear or
vanish at either end.  Forming the overlap and multiplying by the scale are a few roundings
of the weight itself, ``gamma(10) |w|``.  :func:`spec.tolerance.box_axis_terms` evaluates this.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from fractions import Fraction

from spec._exact import float32 as _f32
from spec._exact import weighted_sum
from spec.core import Derivation, derivation, exhaustive
from spec.references import OPENCV_RESIZE, TF_AREA
from spec.resize.area import area_window
from spec.resize.box import box_weights, opencv_area_growing, opencv_area_table
from spec.tolerance.dot import gamma, unit_roundoff
from spec.tolerance.resize import AxisTerms, accumulation_count, axis_terms, bound

__all__ = ["opencv_area_f32", "tf_area_f32"]

_U32 = unit_roundoff("float32")


def tf_area_f32(samples: Sequence[float], index: int, out: int) -> float:
    """TensorFlow's ResizeArea of one output in float32 arithmetic (``tolerance.box``).

    ``width_scale = fl(n/out)``, ``in_x = fl(index width_scale)``,
    ``in_x1 = fl((index + 1) width_scale)``, the partial overlaps in float32, the sum of the
    samples times overlaps, then times ``fl(1/width_scale)``; indices clamped with Bound.

    >>> tf_area_f32([1.0, 2.0, 3.0, 4.0], 1, 3) == _f32(2.5)
    True
    """
    n = len(samples)
    width = _f32(n / out)
    in_x, in_x1 = _f32(index * width), _f32((index + 1) * width)

    def overlap(v: int) -> float:
        if v < in_x:
            return width if v + 1 > in_x1 else _f32(v + 1 - in_x)
        return _f32(in_x1 - v) if v + 1 > in_x1 else 1.0

    def read(v: int) -> float:
        return samples[min(max(v, 0), n - 1)]

    start, end = math.floor(in_x), math.ceil(in_x1)
    total = _f32(read(start) * overlap(start))
    if start + 1 != end:
        for v in range(start + 1, end - 1):
            total = _f32(total + read(v))
        total = _f32(total + _f32(read(end - 1) * overlap(end - 1)))
    return _f32(total * _f32(1.0 / width))


def opencv_area_f32(samples: Sequence[float], index: int, out: int) -> float:
    """OpenCV's INTER_AREA of one output (one row) in float32 arithmetic (``tolerance.box``).

    Shrinking: computeResizeAreaTab in double (``1e-3`` thresholds included), each alpha
    stored as float32, the products summed in float32.  Growing: the linear path's area
    variant, ``fx = fl((i + 1) - (sx + 1) out/n)``, weights ``1 - fx`` and ``fx``.  Equal
    lengths: a copy.

    >>> got = opencv_area_f32([1.0, 2.0, 3.0, 4.0, 5.0], 0, 3)
    >>> got == _f32(_f32(1.0 * _f32(0.6)) + _f32(2.0 * _f32(0.4)))
    True
    """
    n = len(samples)
    if n == out:
        return samples[index]
    if out > n:
        pairs = opencv_area_growing(index, n, out / n, store=_f32)
        return _f32(sum(_f32(samples[j] * w) for j, w in pairs))
    total = 0.0
    for j, alpha in opencv_area_table(index, n, n / out, store=_f32, threshold=1e-3):
        total = _f32(total + _f32(samples[j] * alpha))
    return total


# --------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------


def _samples(n: int) -> list[list[int]]:
    spikes = [[1000 if j == m else 0 for j in range(n)] for m in range(n)]
    dense = [[(-1) ** j * 7 * (j + 1) for j in range(n)], [100 + j % 2 for j in range(n)]]
    return spikes + dense


def _limit(terms: AxisTerms, samples: Sequence[int]) -> Fraction:
    g = gamma(accumulation_count([terms.taps]), _U32)
    total = Fraction(0)
    for j in set(terms.weights_abs) | set(terms.slack):
        coefficient = g * terms.weights_abs.get(j, Fraction(0)) + terms.slack.get(j, Fraction(0))
        total += coefficient * abs(samples[j])
    return total


def _within_bound(backend: str) -> Iterator[object]:
    emulate = tf_area_f32 if backend == "tf" else opencv_area_f32
    for n in range(1, 13):
        for out in range(1, 2 * n + 1):
            s = Fraction(out, n)
            for index in range(out):
                x = (index + Fraction(1, 2)) / s - Fraction(1, 2)
                terms = axis_terms(x, n, "box", _U32, s=s)
                exact = box_weights(index, s, n)
                for samples in _samples(n):
                    got = emulate([float(v) for v in samples], index, out)
                    error = abs(Fraction(got) - weighted_sum(exact, samples))
                    if error > _limit(terms, samples):
                        yield (backend, n, out, index, samples, float(error))


_SENS_N, _SENS_OUT, _SENS_I = 5, 3, 1  # the cell [5/3, 10/3): weights 1/5, 3/5, 1/5
_SMOOTH = [10, 10, 11, 10, 10]


def _sens_bound(samples: Sequence[int]) -> Fraction:
    s = Fraction(_SENS_OUT, _SENS_N)
    x = (_SENS_I + Fraction(1, 2)) / s - Fraction(1, 2)
    terms = axis_terms(x, _SENS_N, "box", _U32, s=s)
    return bound([terms], lambda j: Fraction(abs(samples[j[0]])), _U32)


def _weight_error_caught() -> Iterator[object]:
    weights = box_weights(_SENS_I, Fraction(_SENS_OUT, _SENS_N), _SENS_N)
    for samples in ([0, 0, 1, 0, 0], [1] * 5, _SMOOTH):
        error = weights[2] * Fraction(1, 10**4) * samples[2]
        if not error > _sens_bound(samples):
            yield (samples, float(error), float(_sens_bound(samples)))


def _area_caught() -> Iterator[object]:
    samples = [10, 11, 10]
    s = Fraction(2, 3)
    start, end = area_window(0, 3, 2)
    area = Fraction(sum(samples[start:end]), end - start)
    boxed = weighted_sum(box_weights(0, s, 3), samples)
    terms = axis_terms(Fraction(1, 4), 3, "box", _U32, s=s)
    limit = bound([terms], lambda j: Fraction(samples[j[0]]), _U32)
    if not abs(area - boxed) > limit:
        yield (float(area), float(boxed), float(limit))


@derivation("tolerance.box")
def _box_tolerance() -> Derivation:
    return Derivation(
        id="tolerance.box",
        title="The error model of box weighting",
        statement=(
            "A backend computes the ends i/s and (i + 1)/s of output i's cell in floating "
            "point, each off by d = 8u(|b| + 1) as a source coordinate is (tolerance.model), "
            "and each box weight is monotone in each end, so its largest change lies at one of "
            "the four corners (lo +- d_lo, hi +- d_hi), taken over the union of their tap sets "
            "where a sliver of length up to d appears or vanishes. "
            "Forming the overlap and multiplying by the scale add gamma(10)|w|; these are the "
            "per-axis slacks dw of tolerance.model, with T the number of samples the cell "
            "meets. "
            "At float32 the bound holds for TensorFlow's ResizeArea and OpenCV's INTER_AREA "
            "float paths, and it catches a relative error of 1e-4 in one weight and PyTorch's "
            "area (adaptive pooling) in place of box at 3 -> 2."
        ),
        result={},
        claims=(
            exhaustive(
                "TensorFlow's ResizeArea in float32 stays within the bound",
                "n in 1..12, out in 1..2n, every output; samples 1000 e_m, (-1)^j 7 (j + 1), "
                "100 + (j mod 2)",
                lambda: _within_bound("tf"),
            ),
            exhaustive(
                "OpenCV's INTER_AREA in float32 (computeResizeAreaTab with its 1e-3 thresholds "
                "when shrinking, the linear path's area variant when growing) stays within the "
                "bound",
                "n in 1..12, out in 1..2n, every output; the same samples",
                lambda: _within_bound("opencv"),
            ),
            exhaustive(
                "a 1e-4 relative error in the weight 3/5 of sample 2 exceeds the float32 bound",
                "5 -> 3, output 1 (cell [5/3, 10/3)); samples e_2, all ones, (10, 10, 11, 10, 10)",
                _weight_error_caught,
            ),
            exhaustive(
                "adaptive pooling in place of box at 3 -> 2, output 0, changes y by 1/6, more "
                "than the float32 bound",
                "samples (10, 11, 10)",
                _area_caught,
            ),
        ),
        references=(
            TF_AREA.at(
                "ResizeAreaOp::Compute: in_x = x width_scale, in_x1 = (x + 1) width_scale in "
                "float; start_scale, end_minus_one_scale; sum times 1/(height_scale width_scale)"
            ),
            OPENCV_RESIZE.at(
                "computeResizeAreaTab (double, alpha stored as float, overlaps under 1e-3 "
                "dropped); ResizeArea_Invoker (float sums); hal::resize (the area variant of the "
                "linear path)"
            ),
        ),
        implemented_by=("spec.tolerance.axis_terms", "conformance.tolerance.resize_bound"),
        notes=(
            "OpenCV's 1e-3 thresholds drop a partial cell shorter than 1e-3 of a pixel, a "
            "weight error up to 1e-3 s: with s = out/n partial cells are multiples of 1/out "
            "long, so the thresholds act only for out above 1000, where the model reports them.",
        ),
    )
