"""Every blob length of the reference FCN nets as a function of the input length.

Per layer, on one axis, as Caffe computes shapes:

* convolution (``ConvolutionLayer::compute_output_shape``): ``floor((n + 2p - k)/s) + 1``,
  which is ``window.output_length``;
* pooling (``PoolingLayer::Reshape``, the default round_mode CEIL): ``ceil((n + 2p - k)/s) +
  1``, and then, only when ``p > 0``, one window fewer if the last would start at or after
  ``n + p``.  PyTorch's ceil_mode (``window.ceil_mode``) applies that last rule for every
  padding, so the two differ only when ``p = 0``, ``k < s`` and the last window starts at or
  after ``n``; for the nets' 2x2 stride-2 pooling they agree;
* transposed convolution (``DeconvolutionLayer::compute_output_shape``):
  ``s(n - 1) + k - 2p``, which is ``conv_transpose.output_length``;
* crop: the length of the blob whose size it takes, after Caffe's check that the cropped
  blob has at least ``offset`` more cells (``CropLayer::Reshape``);
* elementwise sum: both bottoms have one length.

Closed forms, with ``m = ceil((L + 6)/32)``: ``conv1_*`` ``L + 198``; ``pool_n``
``ceil((L + 198)/2^n)``, which the following convolutions keep; ``fc6``, ``fc7`` and
``score_fr`` ``m``; ``upscore`` ``32m + 32``; ``upscore2`` ``2m + 2``; ``upscore16``
``32m + 48``; ``upscore_pool4`` ``4m + 6``; ``upscore8`` ``32m + 56``.

Derivation: ``fcn.caffe.blob_sizes``.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator

import sympy
from sympy import ceiling, symbols

from spec.conv.maps import transpose_output_length
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.fcn.nets import TRUNK, VARIANTS, Layer, check_variant, layers
from spec.fcn.offsets import caffe_crop_offsets
from spec.references import CAFFE, FCN_REFERENCE_NETS
from spec.window.length import output_length, require_int

__all__ = [
    "PERIOD",
    "L",
    "blob_sizes",
    "caffe_pool_length",
    "closed_forms",
    "crop_margins",
    "residue_lengths",
]

_DID = "fcn.caffe.blob_sizes"

L = symbols("L", integer=True, positive=True)
n, c = symbols("n c", integer=True)
k, s, p = symbols("k s p", integer=True, nonnegative=True)
q = symbols("q", integer=True, nonnegative=True)
r = symbols("r", integer=True, positive=True)

#: The nets' total stride: every length is affine in q on each residue of L mod 32.
PERIOD = 32


def caffe_pool_length(in_len: int, kernel: int, stride: int, pad: int = 0) -> int:
    """The number of windows of Caffe's pooling on one axis (round_mode CEIL, its default).

    ``ceil((L + 2p - k)/s) + 1``; then, only when ``p > 0``, one fewer if the last window
    would start at or after ``L + p`` (it would read padding only).  Caffe requires
    ``p < k``; here also ``L + 2p >= k``.  Cites ``fcn.caffe.blob_sizes``.

    >>> caffe_pool_length(230, 2, 2), caffe_pool_length(5, 1, 3), caffe_pool_length(5, 2, 3, 1)
    (115, 3, 2)
    """
    require_int("in_len", in_len, 1, _DID)
    require_int("kernel", kernel, 1, _DID)
    require_int("stride", stride, 1, _DID)
    require_int("pad", pad, 0, _DID)
    if pad >= kernel or in_len + 2 * pad < kernel:
        raise ValueError(
            f"pad: needs pad < kernel and L + 2 pad >= kernel, got L = {in_len}, kernel = "
            f"{kernel}, pad = {pad} ({_DID})"
        )
    count = -(-(in_len + 2 * pad - kernel) // stride) + 1
    if pad > 0 and (count - 1) * stride >= in_len + pad:
        count -= 1
    return count


def blob_sizes(variant: str, input_length: int) -> dict[str, int]:
    """The length of every blob of ``variant`` on one axis of length ``input_length``.

    Keys are the reference nets' blob names, in the net's order: ``data``, ``conv1_1`` ...
    ``conv5_3``, ``pool1`` ... ``pool5``, ``fc6``, ``fc7``, ``score_fr``, then the head:
    ``upscore``, ``score`` (fcn32s); ``upscore2``, ``score_pool4``, ``score_pool4c``,
    ``fuse_pool4``, ``upscore16``, ``score`` (fcn16s); ``upscore2``, ``score_pool4``,
    ``score_pool4c``, ``fuse_pool4``, ``upscore_pool4``, ``score_pool3``, ``score_pool3c``,
    ``fuse_pool3``, ``upscore8``, ``score`` (fcn8s).  Layer by layer as Caffe computes
    shapes; ``input_length`` is an int >= 1, and ``score`` always has ``input_length``
    cells.  Cites ``fcn.caffe.blob_sizes``.

    >>> sizes = blob_sizes("fcn32s", 32)
    >>> sizes["pool5"], sizes["score_fr"], sizes["upscore"], sizes["score"]
    (8, 2, 96, 32)
    """
    check_variant(variant, _DID)
    require_int("input_length", input_length, 1, _DID)
    offsets = caffe_crop_offsets(variant)
    sizes: dict[str, int] = {}
    for layer in layers(variant):
        first = sizes[layer.bottoms[0]] if layer.bottoms else input_length
        if layer.kind == "conv":
            length = output_length(first, layer.kernel, layer.stride, layer.pad, layer.pad)
        elif layer.kind == "pool":
            length = caffe_pool_length(first, layer.kernel, layer.stride, layer.pad)
        elif layer.kind == "deconv":
            length = transpose_output_length(
                first, layer.kernel, layer.stride, layer.pad, layer.pad
            )
        elif layer.kind == "crop":
            length = sizes[layer.bottoms[1]]
            if first - offsets[layer.top] < length:  # Caffe's CropLayer check; never met
                raise ValueError(f"input_length: {layer.top} does not fit ({_DID})")
        else:
            length = first
        sizes[layer.top] = length
    return sizes


def crop_margins(variant: str, input_length: int) -> dict[str, int]:
    """Per crop, the cells left over: cropped length - offset - reference length (>= 0).

    Cites ``fcn.caffe.blob_sizes``.

    >>> crop_margins("fcn8s", 32)
    {'score_pool4c': 4, 'score_pool3c': 6, 'score': 57}
    """
    sizes, offsets = blob_sizes(variant, input_length), caffe_crop_offsets(variant)
    found = {}
    for layer in layers(variant):
        if layer.kind == "crop":
            source, reference = layer.bottoms
            found[layer.top] = sizes[source] - offsets[layer.top] - sizes[reference]
    return found


# --- closed forms and the proof for every input length ----------------------------------------

_M = ceiling((L + 6) / 32)


@functools.cache
def closed_forms(variant: str) -> dict[str, sympy.Expr]:
    """The closed form in ``L`` of every blob length of ``variant``.

    >>> closed_forms("fcn8s")["upscore8"]
    32*ceiling(L/32 + 3/16) + 56
    """
    forms: dict[str, sympy.Expr] = {"data": L}
    for layer in layers(check_variant(variant, _DID)):
        top = layer.top
        if top.startswith(("conv1_", "pool")):
            stage = 0 if top.startswith("conv1_") else int(top[-1])
            forms[top] = ceiling((L + 198) / 2**stage)
        elif top.startswith("conv"):
            forms[top] = forms[f"pool{int(top[4]) - 1}"]
        elif top in ("fc6", "fc7", "score_fr"):
            forms[top] = _M
        elif top in ("upscore", "upscore16", "upscore8"):
            forms[top] = 32 * _M + {"upscore": 32, "upscore16": 48, "upscore8": 56}[top]
        elif top in ("upscore2", "score_pool4c", "fuse_pool4"):
            forms[top] = 2 * _M + 2
        elif top in ("upscore_pool4", "score_pool3c", "fuse_pool3"):
            forms[top] = 4 * _M + 6
        elif top in ("score_pool4", "score_pool3"):
            forms[top] = forms[f"pool{top[-1]}"]
        elif top == "score":
            forms[top] = L
    return forms


def _symbolic_length(layer: Layer, bottom: sympy.Expr) -> sympy.Expr:
    """A layer's length formula, as Caffe computes it, applied to the symbolic ``bottom``."""
    kk, ss, pp = layer.kernel, layer.stride, layer.pad
    if layer.kind == "conv":
        return sympy.floor((bottom + 2 * pp - kk) / ss) + 1
    if layer.kind == "pool":
        assert pp == 0, "the nets' pooling has no padding, so Caffe drops no window"
        return ceiling((bottom + 2 * pp - kk) / ss) + 1
    if layer.kind == "deconv":
        return ss * (bottom - 1) + kk - 2 * pp
    return bottom


def _requirement(layer: Layer, bottom: sympy.Expr) -> sympy.Expr:
    """What must be >= 0 for the layer's formula to apply: the span ``n + 2p - k`` of a
    window layer, ``n - 1`` of a transposed convolution."""
    if layer.kind in ("conv", "pool"):
        return sympy.expand(bottom + 2 * layer.pad - layer.kernel)
    if layer.kind == "deconv":
        return sympy.expand(bottom - 1)
    return sympy.Integer(0)


@functools.cache
def _trunk_lengths(residue: int) -> dict[str, sympy.Expr]:
    """The trunk's lengths at ``L = 32 q + residue``, shared by the three variants."""
    lengths: dict[str, sympy.Expr] = {"data": PERIOD * q + residue}
    for layer in TRUNK[1:]:
        lengths[layer.top] = sympy.expand(_symbolic_length(layer, lengths[layer.bottoms[0]]))
    return lengths


@functools.cache
def residue_lengths(variant: str, residue: int) -> dict[str, sympy.Expr]:
    """Every blob length for ``L = 32 q + residue`` (``q >= 0``), derived layer by layer.

    The formulas of Caffe's layers, applied symbolically; SymPy takes the integer multiples
    of ``q`` out of every floor and ceiling, so each length comes out affine in ``q``.

    >>> residue_lengths("fcn32s", 1)["upscore"]
    32*q + 64
    """
    trunk = _trunk_lengths(residue)
    lengths: dict[str, sympy.Expr] = {}
    for layer in layers(check_variant(variant, _DID)):
        if layer.top in trunk:
            lengths[layer.top] = trunk[layer.top]
        elif layer.kind == "crop":
            lengths[layer.top] = lengths[layer.bottoms[1]]
        else:
            lengths[layer.top] = sympy.expand(_symbolic_length(layer, lengths[layer.bottoms[0]]))
    return lengths


def _affine(expr: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr] | None:
    """``(slope, intercept)`` if ``expr`` is ``slope*q + intercept`` with integers, else None."""
    expr = sympy.expand(expr)
    slope, intercept = expr.coeff(q, 1), expr.coeff(q, 0)
    if slope.is_Integer and intercept.is_Integer and expr == slope * q + intercept:
        return slope, intercept
    return None


@functools.cache
def _closed_at(form: sympy.Expr, residue: int) -> sympy.Expr:
    """A closed form at ``L = 32 q + residue``; SymPy takes ``q`` out of its ceilings."""
    return sympy.expand(form.subs(L, PERIOD * q + residue))


def _check_every_length() -> Iterator[object]:
    """For each residue, every length is affine in q, every layer's formula applies for all
    q >= 0, every length equals its closed form, and every crop margin is a constant >= 0."""
    for variant, residue in itertools.product(VARIANTS, range(1, PERIOD + 1)):
        lengths = residue_lengths(variant, residue)
        forms = closed_forms(variant)
        for layer in layers(variant):
            affine = _affine(lengths[layer.top])
            if affine is None or affine[0] < 0:
                yield (variant, residue, layer.top, "not affine", lengths[layer.top])
                continue
            if layer.bottoms:
                need = _affine(_requirement(layer, lengths[layer.bottoms[0]]))
                if need is None or need[0] < 0 or need[1] < 0:
                    yield (variant, residue, layer.top, "formula does not apply")
            closed = _closed_at(forms[layer.top], residue)
            if sympy.expand(closed - lengths[layer.top]) != 0:
                yield (variant, residue, layer.top, closed, lengths[layer.top])
            if layer.kind == "crop":
                source, reference = layer.bottoms
                margin = sympy.expand(
                    lengths[source] - caffe_crop_offsets(variant)[layer.top] - lengths[reference]
                )
                if not margin.is_Integer or margin < 0:
                    yield (variant, residue, layer.top, "margin", margin)


@functools.cache
def _coefficients(variant: str, residue: int) -> dict[str, tuple[int, int]]:
    """``(slope, intercept)`` in ``q`` of every blob length on one residue, as ints."""
    found = {}
    for blob, form in residue_lengths(variant, residue).items():
        affine = _affine(form)
        assert affine is not None, (variant, residue, blob)
        found[blob] = (int(affine[0]), int(affine[1]))
    return found


def _check_integer_walk() -> Iterator[object]:
    """blob_sizes, layer by layer in integers, equals the residue forms for L = 1..1024."""
    for variant in VARIANTS:
        for length in range(1, 1025):
            quotient, residue = divmod(length - 1, PERIOD)
            found = blob_sizes(variant, length)
            for blob, (slope, intercept) in _coefficients(variant, residue + 1).items():
                if found[blob] != slope * quotient + intercept:
                    yield (variant, length, blob)


def _pool_domain() -> Iterator[tuple[int, int, int, int]]:
    for in_len, kk, ss in itertools.product(range(1, 13), range(1, 5), range(1, 5)):
        for pp in range(kk):
            if in_len + 2 * pp >= kk:
                yield in_len, kk, ss, pp


def _check_pool_vs_pytorch() -> Iterator[object]:
    """Caffe's count equals PyTorch's ceil_mode count except when p = 0, k < s and the last
    window starts at or after L, where Caffe keeps it."""
    for in_len, kk, ss, pp in _pool_domain():
        caffe = caffe_pool_length(in_len, kk, ss, pp)
        torch = output_length(in_len, kk, ss, pp, pp, ceil_mode=True)
        keeps = pp == 0 and kk < ss and (caffe - 1) * ss >= in_len
        if caffe != torch + (1 if keeps else 0):
            yield (in_len, kk, ss, pp, caffe, torch)


def _min_margins() -> dict[str, sympy.Expr]:
    found: dict[str, sympy.Expr] = {}
    for variant in VARIANTS:
        for name in caffe_crop_offsets(variant):
            low = min(crop_margins(variant, r)[name] for r in range(1, PERIOD + 1))
            found[f"least margin, {variant} {name}"] = sympy.Integer(low)
    return found


@derivation("fcn.caffe.blob_sizes")
def _blob_sizes() -> Derivation:
    fcn8s = closed_forms("fcn8s")
    named = ("pool1", "pool2", "pool3", "pool4", "pool5", "score_fr", "upscore2")
    result: dict[str, sympy.Expr] = {"conv1_1": fcn8s["conv1_1"]}
    result |= {blob: fcn8s[blob] for blob in named}
    result["upscore (fcn32s)"] = closed_forms("fcn32s")["upscore"]
    result["upscore16 (fcn16s)"] = closed_forms("fcn16s")["upscore16"]
    result["upscore_pool4"] = fcn8s["upscore_pool4"]
    result["upscore8"] = fcn8s["upscore8"]
    result |= _min_margins()
    score8 = closed_forms("fcn8s")["upscore8"] - 31 - L
    return Derivation(
        id=_DID,
        title="Blob lengths of the reference FCN nets for every input length, and crops that fit",
        statement=(
            "With Caffe's shape rules pool_n has ceil((L + 198)/2^n) cells and fc6, fc7 and "
            "score_fr have m = ceil((L + 6)/32), so upscore has 32m + 32, upscore2 2m + 2, "
            "upscore16 32m + 48, upscore_pool4 4m + 6 and upscore8 32m + 56 cells. Writing "
            "L = 32q + r with r = 1..32 makes every length affine in q, and the two blobs of "
            "every crop have the same slope, so each crop's margin is a constant of r. The 32 "
            "residues leave every margin >= 0: every crop fits for every input length L >= 1."
        ),
        result=result,
        claims=(
            symbolic(
                "Caffe's pooling length ceil((n + 2p - k)/s) + 1 with the nets' k = s = 2, "
                "p = 0 is ceil(n/2), so pool_n = ceil((L + 198)/2^n) by nesting",
                ceiling((n + 2 * p - k) / s) + 1,
                ceiling(n / 2),
                where={k: 2, s: 2, p: 0},
            ),
            symbolic(
                "a ceiling with stride s shifts by c when its input shifts by c s: the pooling "
                "length is compatible with L -> L + 32",
                sympy.Add(
                    sympy.Subs(ceiling((n - k) / s) + 1, n, n + c * s),
                    sympy.Mul(-1, ceiling((n - k) / s) + 1, evaluate=False),
                    evaluate=False,
                ),
                c,
            ),
            symbolic(
                "the margin of fcn8s's score, 32m + 56 - 31 - L, is the same at L = 32q + r as "
                "at L = r: it depends on r only",
                sympy.Subs(score8, L, PERIOD * q + r),
                sympy.Subs(score8, L, r),
            ),
            exhaustive(
                "for each residue r, Caffe's layer formulas applied to L = 32q + r give lengths "
                "affine in q that equal the closed forms; every formula applies for all q >= 0 "
                "and every crop margin is a constant >= 0",
                "r = 1..32, q symbolic (every L >= 1), the three variants",
                _check_every_length,
            ),
            exhaustive(
                "blob_sizes, computed layer by layer in integers with window.output_length and "
                "conv_transpose.output_length, equals the residue forms",
                "L = 1..1024, the three variants",
                _check_integer_walk,
            ),
            exhaustive(
                "Caffe's pooling count equals PyTorch's ceil_mode count, except when p = 0, "
                "k < s and the last window starts at or after L, where Caffe keeps that window",
                "L = 1..12, k = 1..4, s = 1..4, p = 0..k-1 with L + 2p >= k",
                _check_pool_vs_pytorch,
            ),
        ),
        references=(
            CAFFE.at(
                "src/caffe/layers/pooling_layer.cpp, PoolingLayer::Reshape: pooled = "
                "ceil((L + 2 pad - kernel)/stride) + 1; if pad, --pooled when (pooled - 1) "
                "stride >= L + pad"
            ),
            CAFFE.at(
                "src/caffe/layers/conv_layer.cpp and deconv_layer.cpp, compute_output_shape; "
                "src/caffe/layers/crop_layer.cpp, CropLayer::Reshape (CHECK_GE(bottom - "
                "offset, reference))"
            ),
            FCN_REFERENCE_NETS.at("voc-fcn32s, voc-fcn16s, voc-fcn8s: net.py (layers)"),
        ),
        implemented_by=("spec.fcn.blob_sizes", "oracle.fcn_fuse"),
        notes=(
            "The proof: one residue class of L mod 32 at a time, the symbolic walk keeps "
            "every floor and ceiling exact because the multiples of q it meets are integers; "
            "a crop's two blobs have the same scale (fcn.coord_map: a = 1), so their lengths "
            "grow alike with q.",
            "Caffe computes the pooled length as ceil of a float32 quotient; for lengths "
            "below 2^23 that quotient is exact enough that the ceiling is the exact one.",
            "The 100-cell padding of conv1_1 keeps fc6's 7-cell window inside pool5 for every "
            "L >= 1: without it an input of 192 cells or fewer would leave fc6 no output.",
            "PyTorch's ceil_mode (window.ceil_mode) and Caffe agree on every pooling of these "
            "nets; they differ only for p = 0 and k < s, where Caffe keeps a last window "
            "that starts past the input.",
        ),
    )
