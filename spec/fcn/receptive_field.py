"""Receptive field and stride of the FCN score maps: score_fr, score_pool4, score_pool3.

A blob cell's receptive field is the run of data positions (padding included) that can
change it.  Let a bottom cell ``i`` see ``r`` positions starting at ``i*j + c0``: ``j``
is the bottom's stride in data cells (its jump).  A top cell ``o`` of a window layer
(extent ``e``, stride ``s``, padding ``p``) reads the bottom cells ``o*s - p .. o*s - p +
e - 1``, so it sees from ``(o*s - p)*j + c0`` to ``(o*s - p + e - 1)*j + c0 + r - 1``:

    r_top = r + (e - 1)*j,    j_top = s*j,

starting from ``r = j = 1`` at ``data``.  Pointwise and 1x1 layers change neither.  The
field of cell ``i`` is centred where the inverse coordinate map puts ``i``
(``fcn.coord_map``).

The pooling chapter's receptive-field derivation is being written on another branch; this
module states the recurrence for the FCN nets on its own, for that one to supersede.

Derivation: ``fcn.receptive_field``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from fractions import Fraction

import sympy
from sympy import symbols

from spec._exact import rational
from spec.core import Derivation, derivation, exhaustive, symbolic
from spec.fcn.nets import layers
from spec.fcn.offsets import blob_maps
from spec.fcn.sizes import blob_sizes
from spec.references import FCN_2015, FCN_REFERENCE_NETS
from spec.window.length import effective_kernel

__all__ = ["SCORE_MAPS", "field_of", "receptive_fields"]

_DID = "fcn.receptive_field"

#: The score maps of FCN-8s and the blobs they score.
SCORE_MAPS = ("score_fr", "score_pool4", "score_pool3")

o, c0 = symbols("o c_0", integer=True)
r, j, s, e = symbols("r j s e", integer=True, positive=True)
p = symbols("p", integer=True, nonnegative=True)


@functools.cache
def receptive_fields() -> dict[str, tuple[int, int]]:
    """``(receptive field, stride)`` in data cells of every trunk and score blob of FCN-8s.

    By the recurrence ``r_top = r + (e - 1) j``, ``j_top = s j`` from ``r = j = 1`` at
    ``data``.  Cites ``fcn.receptive_field``.

    >>> {b: receptive_fields()[b] for b in ("pool5", "score_fr", "score_pool4", "score_pool3")}
    {'pool5': (212, 32), 'score_fr': (404, 32), 'score_pool4': (100, 16), 'score_pool3': (44, 8)}
    """
    fields: dict[str, tuple[int, int]] = {"data": (1, 1)}
    for layer in layers("fcn8s"):
        if layer.kind not in ("conv", "pool"):
            continue
        size, jump = fields[layer.bottoms[0]]
        extent = effective_kernel(layer.kernel)
        fields[layer.top] = (size + (extent - 1) * jump, jump * layer.stride)
    return fields


def field_of(blob: str, index: int) -> tuple[Fraction, Fraction]:
    """The first and last data position in the field of cell ``index`` of ``blob`` (FCN-8s).

    Centred on the inverse coordinate map of ``index``; negative positions and positions
    past the input are padding.  Cites ``fcn.receptive_field``.

    >>> field_of("score_fr", 0)
    (Fraction(-189, 1), Fraction(214, 1))
    """
    size, _ = receptive_fields()[blob]
    centre = blob_maps("fcn8s")[blob].inverse()(index)
    return centre - Fraction(size - 1, 2), centre + Fraction(size - 1, 2)


def _walked_field(blob: str, index: int) -> tuple[int, int]:
    """The data positions cell ``index`` of ``blob`` depends on, by walking the windows back:
    a run of top cells ``lo..hi`` reads the bottom cells ``lo s - p .. hi s - p + e - 1``."""
    net = {layer.top: layer for layer in layers("fcn8s")}
    lo, hi = index, index
    while blob != "data":
        layer = net[blob]
        if layer.kind in ("conv", "pool"):
            lo = lo * layer.stride - layer.pad
            hi = hi * layer.stride - layer.pad + effective_kernel(layer.kernel) - 1
        blob = layer.bottoms[0]
    return lo, hi


def _check_walk() -> Iterator[object]:
    """Every cell of every trunk and score blob, for a 64-cell input."""
    sizes = blob_sizes("fcn8s", 64)
    for blob in receptive_fields():
        for index in range(sizes[blob]):
            if tuple(map(Fraction, _walked_field(blob, index))) != field_of(blob, index):
                yield (blob, index)


def _check_published() -> Iterator[object]:
    expected = {"score_fr": (404, 32), "score_pool4": (100, 16), "score_pool3": (44, 8)}
    found = {b: receptive_fields()[b] for b in SCORE_MAPS}
    if found != expected:
        yield found


@derivation("fcn.receptive_field")
def _receptive_field() -> Derivation:
    first = (o * s - p) * j + c0
    last = (o * s - p + e - 1) * j + c0 + r - 1
    fields = receptive_fields()
    i = symbols("i", integer=True)
    centres = {blob: blob_maps("fcn8s")[blob].inverse() for blob in SCORE_MAPS}
    return Derivation(
        id=_DID,
        title="Receptive field and stride of score_fr, score_pool4 and score_pool3",
        statement=(
            "A window layer of extent e and stride s over cells that each see r data "
            "positions, j apart, gives cells that see r + (e - 1)j positions, sj apart. From "
            "data through VGG16 this gives score_fr 404 positions with stride 32, score_pool4 "
            "100 with stride 16 and score_pool3 44 with stride 8, the 1x1 score layers "
            "changing nothing. Cell i's field is centred where the inverse coordinate map "
            "puts i: 32i + 25/2, 16i - 183/2 and 8i - 191/2, counting conv1_1's padding."
        ),
        result={
            f"{blob} (field, stride, centre of cell i)": sympy.Tuple(
                *fields[blob], rational(centres[blob].a) * i + rational(centres[blob].b)
            )
            for blob in SCORE_MAPS
        },
        claims=(
            symbolic(
                "the field of top cell o runs from the first position of bottom cell o s - p to "
                "the last of bottom cell o s - p + e - 1: last - first + 1 = r + (e - 1) j",
                sympy.Add(last, -first, 1, evaluate=False),
                r + (e - 1) * j,
            ),
            symbolic(
                "consecutive top cells' fields start s j apart",
                sympy.Add(sympy.Subs(first, o, o + 1), -first, evaluate=False),
                s * j,
            ),
            exhaustive(
                "score_fr sees 404 positions with stride 32, score_pool4 100 with stride 16, "
                "score_pool3 44 with stride 8",
                "the three score maps of FCN-8s",
                _check_published,
            ),
            exhaustive(
                "walking every cell's windows back to data gives exactly the field the "
                "recurrence sizes and the inverse coordinate map centres",
                "every cell of every trunk and score blob of FCN-8s for a 64-cell input",
                _check_walk,
            ),
        ),
        references=(
            FCN_2015.at(
                "Sec. 3.1 and 4.2: receptive fields; pool3, pool4 and conv7 (fc7) predictions "
                "at strides 8, 16 and 32"
            ),
            FCN_REFERENCE_NETS.at("voc-fcn8s/net.py: the layers"),
        ),
        implemented_by=("spec.fcn.receptive_field.receptive_fields",),
        notes=(
            "Fields include the 100-cell padding of conv1_1: the field of score_fr's cell 0 "
            "is data positions -189..214, so for small inputs much of it is padding.",
            "Ceil-mode pooling changes how many cells a blob has, not what each cell sees.",
            "The pooling chapter's receptive-field derivation, written on another branch, "
            "states the same recurrence for any window chain; once merged, this record "
            "should cite it for its first two claims.",
        ),
    )
