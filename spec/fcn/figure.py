"""A static SVG of one axis of FCN-8s: every blob as a row of cells, in data coordinates.

Each blob is one row, in the net's order.  Its cell ``i`` is drawn centred at the data
position ``(i - b)/a`` where ``x -> a*x + b`` is the composed map from ``data`` to the blob
(``fcn.coord_map``, :func:`spec.fcn.offsets.blob_maps`), ``1/a`` data cells wide: a pooled
cell covers the two cells it pools, an upsampled cell a fraction of one.  So cells drawn
one above the other are aligned.  Each crop shades, on the row it crops, the cells it
keeps, which lie exactly over the cells of the blob whose size it takes; dashed lines mark
the input's first and last cell edges, where ``score`` sits.

Every row carries ``data-blob``, ``data-first`` (the data position of cell 0's centre, an
exact fraction), ``data-step`` (cells per data cell, inverted) and ``data-count``; every
crop ``data-crop``, ``data-source``, ``data-offset``, ``data-first`` and ``data-count``.
:func:`drawn_rows` and :func:`drawn_crops` read them back, so a claim compares the figure
with the spec.  The text is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction
from html import escape

from spec.fcn.nets import layers
from spec.fcn.offsets import blob_maps, caffe_crop_offsets
from spec.fcn.sizes import blob_sizes

__all__ = ["FIGURE_LENGTH", "check_figure", "drawn_crops", "drawn_rows", "fcn8s_axis_figure"]

#: The input length the figure draws: odd, and not a multiple of 32.
FIGURE_LENGTH = 33

_UNIT = 3  # pixels per data cell
_ROW = 12
_PITCH = 17
_LABELS = 230
_MARGIN = 16
_TOP = 64
_FILL = {
    "input": "#fde0a6",
    "conv": "#dbe9f6",
    "pool": "#b9d3ee",
    "deconv": "#c8ebc0",
    "crop": "#e2d4f0",
    "sum": "#f6d0d0",
}
_KIND = {
    "input": "input",
    "conv": "convolution",
    "pool": "max pool 2/2, ceil",
    "deconv": "transposed",
    "crop": "crop",
    "sum": "sum",
}


def _fraction(value: Fraction) -> str:
    return str(value)


def fcn8s_axis_figure(input_length: int = FIGURE_LENGTH) -> str:
    """The SVG text of one axis of FCN-8s for an input of ``input_length`` cells.

    Cites ``fcn.caffe.offsets``.

    >>> svg = fcn8s_axis_figure(5)
    >>> svg.startswith("<svg") and len(drawn_rows(svg)) == 32 and len(drawn_crops(svg)) == 3
    True
    """
    net, maps = layers("fcn8s"), blob_maps("fcn8s")
    sizes, offsets = blob_sizes("fcn8s", input_length), caffe_crop_offsets("fcn8s")
    rows = []
    for layer in net:
        back = maps[layer.top].inverse()
        rows.append((layer, back(0), back.a, sizes[layer.top]))
    left = min(first - step / 2 for _, first, step, _ in rows)
    right = max(first + step * (count - Fraction(1, 2)) for _, first, step, count in rows)
    width = _LABELS + 2 * _MARGIN + round((right - left) * _UNIT)
    height = _TOP + len(rows) * _PITCH + 40

    def px(position: Fraction) -> float:
        return float(_LABELS + _MARGIN + (position - left) * _UNIT)

    title = f"FCN-8s, one axis, input length {input_length}: every blob in data coordinates"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{_MARGIN}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<text x="{_MARGIN}" y="38">cell i of a blob is centred at data position (i - b)/a, '
        "x -&gt; a x + b its composed coordinate map; shaded: the cells a crop keeps</text>",
    ]
    y_of = {layer.top: _TOP + n * _PITCH for n, (layer, *_) in enumerate(rows)}
    for layer, first, step, count in rows:
        y = y_of[layer.top]
        x0 = px(first - step / 2)
        x1 = px(first + step * (count - Fraction(1, 2)))
        detail = _KIND[layer.kind]
        if layer.kind == "deconv":
            detail += f" {layer.kernel}/{layer.stride}"
        if layer.kind == "crop":
            detail += f" at {offsets[layer.top]}"
        parts.append(
            f'<text x="{_MARGIN}" y="{y + _ROW - 2}">{layer.top} ({count})</text>'
            f'<text x="{_MARGIN + 125}" y="{y + _ROW - 2}" fill="#666666">{escape(detail)}</text>'
        )
        dividers = "".join(
            f"M{px(first + step * (j - Fraction(1, 2))):.1f} {y}v{_ROW}" for j in range(1, count)
        )
        parts.append(
            f'<g data-blob="{layer.top}" data-first="{_fraction(first)}" '
            f'data-step="{_fraction(step)}" data-count="{count}">'
            f'<rect x="{x0:.1f}" y="{y}" width="{x1 - x0:.1f}" height="{_ROW}" '
            f'fill="{_FILL[layer.kind]}" stroke="#555555" stroke-width="0.8"/>'
            + (f'<path d="{dividers}" stroke="#555555" stroke-width="0.4"/>' if dividers else "")
            + "</g>"
        )
    for layer in net:
        if layer.kind != "crop":
            continue
        source, reference = layer.bottoms
        back = maps[source].inverse()
        offset, count = offsets[layer.top], sizes[reference]
        first = back(offset)
        x0 = px(first - back.a / 2)
        x1 = px(back(offset + count - 1) + back.a / 2)
        y = y_of[source]
        parts.append(
            f'<rect x="{x0:.1f}" y="{y - 1}" width="{x1 - x0:.1f}" height="{_ROW + 2}" '
            f'fill="#7b3fa0" fill-opacity="0.25" stroke="#7b3fa0" stroke-width="1.2" '
            f'data-crop="{layer.top}" data-source="{source}" data-offset="{offset}" '
            f'data-first="{_fraction(first)}" data-count="{count}"/>'
        )
    bottom = _TOP + len(rows) * _PITCH
    for edge in (Fraction(-1, 2), input_length - Fraction(1, 2)):
        parts.append(
            f'<line x1="{px(edge):.1f}" y1="{_TOP - 6}" x2="{px(edge):.1f}" y2="{bottom}" '
            'stroke="#c0392b" stroke-width="1" stroke-dasharray="4 3"/>'
        )
    parts.append(
        f'<text x="{_MARGIN}" y="{bottom + 20}" fill="#555555">dashed: the edges of the '
        f"{input_length} input cells; conv1_1 pads 100 cells on each side</text>"
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


_ROW_ATTRS = re.compile(
    r'data-blob="(\w+)" data-first="(-?[\d/]+)" data-step="([\d/]+)" data-count="(\d+)"'
)
_CROP_ATTRS = re.compile(
    r'data-crop="(\w+)" data-source="(\w+)" data-offset="(\d+)" data-first="(-?[\d/]+)" '
    r'data-count="(\d+)"'
)


def drawn_rows(svg: str) -> list[tuple[str, Fraction, Fraction, int]]:
    """``(blob, first centre, step, count)`` of every row drawn, top to bottom.

    >>> drawn_rows('<g data-blob="pool1" data-first="-197/2" data-step="2" data-count="3">')
    [('pool1', Fraction(-197, 2), Fraction(2, 1), 3)]
    """
    return [(b, Fraction(f), Fraction(s), int(n)) for b, f, s, n in _ROW_ATTRS.findall(svg)]


def drawn_crops(svg: str) -> list[tuple[str, str, int, Fraction, int]]:
    """``(crop, source, offset, first kept centre, count)`` of every crop drawn."""
    return [
        (c, src, int(off), Fraction(f), int(n)) for c, src, off, f, n in _CROP_ATTRS.findall(svg)
    ]


def check_figure() -> Iterator[object]:
    """Counterexamples to "the figure draws the spec": rows, positions, lengths and crops."""
    svg = fcn8s_axis_figure()
    maps, sizes = blob_maps("fcn8s"), blob_sizes("fcn8s", FIGURE_LENGTH)
    rows = drawn_rows(svg)
    if [r[0] for r in rows] != [layer.top for layer in layers("fcn8s")]:
        yield ("rows", [r[0] for r in rows])
    by_blob = {blob: (first, step, count) for blob, first, step, count in rows}
    for blob, (first, step, count) in by_blob.items():
        back = maps[blob].inverse()
        if (first, step, count) != (back(0), back.a, sizes[blob]):
            yield (blob, first, step, count)
    crops = drawn_crops(svg)
    if [c[0] for c in crops] != list(caffe_crop_offsets("fcn8s")):
        yield ("crops", crops)
    for crop, source, offset, first, count in crops:
        layer = next(x for x in layers("fcn8s") if x.top == crop)
        reference = layer.bottoms[1]
        # The kept cells lie exactly over the reference's cells: same first centre and count.
        same_step = by_blob[source][1] == by_blob[reference][1]
        if not same_step or (source, first, count) != (layer.bottoms[0], *by_blob[reference][::2]):
            yield (crop, source, offset, first, count)
