"""Static SVG figures of transposed-convolution index maps, drawn from the spec's own maps.

A figure has two panels.  The first is one axis: the inputs on top, the outputs below, and
one line per ``(input o, tap t)`` pair to the output ``q = o*s - p_begin + t*d`` it reaches,
coloured by tap.  Outputs cropped by the padding are drawn dashed, as are the lines into
them.  Under each output is the number of taps that reach it.  The second panel is the 2-D
output grid of a square case, each cell holding its tap count: the outer product of the
per-axis counts (``conv_transpose.matrix_transpose``, ``conv_transpose.checkerboard``).

Every line carries ``data-input``, ``data-tap`` and ``data-output`` attributes and every grid
cell ``data-count``, so a claim can read the figure back and compare it with the index map.
The text is deterministic: the same case always renders the same bytes.
"""

from __future__ import annotations

import re
from html import escape

__all__ = ["drawn_grid", "drawn_links", "transpose_figure"]

_PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
_PITCH = 34
_CELL = 28
_MARGIN = 24
_IN_Y = 64
_OUT_Y = 196
_GRID_CELL = 22


def _cell(
    x: int, y: int, size: int, text: str, *, dashed: bool = False, fill: str = "#ffffff"
) -> str:
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    colour = "#9a9a9a" if dashed else "#333333"
    return (
        f'<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="{fill}" '
        f'stroke="{colour}"{dash}/>'
        f'<text x="{x + size // 2}" y="{y + size // 2 + 4}" text-anchor="middle">{text}</text>'
    )


def transpose_figure(
    title: str,
    subtitle: str,
    in_len: int,
    kernel_size: int,
    stride: int,
    p_begin: int,
    p_end: int,
    output_padding: int = 0,
    dilation: int = 1,
) -> str:
    """The SVG text of one transposed convolution's index map, one axis and its 2-D tap counts.

    Cites ``conv_transpose.matrix_transpose``.

    >>> svg = transpose_figure("t", "s", 2, 3, 1, 0, 0)
    >>> svg.startswith("<svg") and len(drawn_links(svg)) == 6
    True
    """
    out_len = stride * (in_len - 1) + dilation * (kernel_size - 1) + 1 - p_begin - p_end
    out_len += output_padding
    links = [
        (o, t, o * stride - p_begin + t * dilation)
        for o in range(in_len)
        for t in range(kernel_size)
    ]
    low = min(0, min(q for _, _, q in links))
    high = max(out_len - 1, max(q for _, _, q in links))
    columns = high - low + 1
    captions = (
        "output: the number under a cell counts the taps that reach it",
        "dashed: cells cropped by the padding, and the taps that land there",
    )
    longest = max(len(title) * 9, len(subtitle) * 7, *(len(c) * 7 for c in captions))
    width = max(2 * _MARGIN + columns * _PITCH + 150, 2 * _MARGIN + longest)
    counts = [sum(1 for _, _, q in links if q == pos) for pos in range(out_len)]
    grid_top = _OUT_Y + 100
    height = grid_top + 28 + out_len * _GRID_CELL + _MARGIN

    def centre(column: float) -> float:
        return _MARGIN + (column - low) * _PITCH + _CELL / 2

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{_MARGIN}" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
        f'<text x="{_MARGIN}" y="38">{escape(subtitle)}</text>',
    ]
    for o, t, q in links:
        inside = 0 <= q < out_len
        x1 = centre(o * stride - p_begin + dilation * (kernel_size - 1) / 2)
        dash = "" if inside else ' stroke-dasharray="4 3" stroke-opacity="0.5"'
        parts.append(
            f'<line x1="{x1:.1f}" y1="{_IN_Y + _CELL}" x2="{centre(q):.1f}" y2="{_OUT_Y}" '
            f'stroke="{_PALETTE[t % len(_PALETTE)]}" stroke-width="1.6"{dash} '
            f'data-input="{o}" data-tap="{t}" data-output="{q}"/>'
        )
    for o in range(in_len):
        x = centre(o * stride - p_begin + dilation * (kernel_size - 1) / 2) - _CELL / 2
        parts.append(_cell(round(x), _IN_Y, _CELL, f"x{o}", fill="#dbe9f6"))
    for q in range(low, high + 1):
        inside = 0 <= q < out_len
        x = round(centre(q) - _CELL / 2)
        parts.append(
            _cell(
                x,
                _OUT_Y,
                _CELL,
                str(q) if inside else "",
                dashed=not inside,
                fill="#d9f2ef" if inside else "#ffffff",
            )
        )
        if inside:
            parts.append(
                f'<text x="{x + _CELL // 2}" y="{_OUT_Y + _CELL + 16}" text-anchor="middle" '
                f'fill="#555555">{counts[q]}</text>'
            )
    legend_x = _MARGIN + columns * _PITCH + 16
    parts.append(f'<text x="{legend_x}" y="{_IN_Y + 10}" font-weight="bold">kernel tap</text>')
    for t in range(kernel_size):
        y = _IN_Y + 28 + 18 * t
        parts.append(
            f'<line x1="{legend_x}" y1="{y - 4}" x2="{legend_x + 24}" y2="{y - 4}" '
            f'stroke="{_PALETTE[t % len(_PALETTE)]}" stroke-width="2.5"/>'
            f'<text x="{legend_x + 30}" y="{y}">t = {t}</text>'
        )
    parts.append(f'<text x="{_MARGIN}" y="{_IN_Y - 8}" fill="#555555">input (one axis)</text>')
    for line, caption in enumerate(captions):
        parts.append(
            f'<text x="{_MARGIN}" y="{_OUT_Y + _CELL + 36 + 16 * line}" fill="#555555">'
            f"{caption}</text>"
        )
    parts.append(
        f'<text x="{_MARGIN}" y="{grid_top + 14}" font-weight="bold">'
        f"taps per output cell in 2-D ({out_len} x {out_len})</text>"
    )
    peak = max(max(counts), 1) ** 2
    for row in range(out_len):
        for col in range(out_len):
            value = counts[row] * counts[col]
            shade = 255 - round(150 * value / peak)
            fill = f"#{shade:02x}{shade:02x}ff"
            x = _MARGIN + col * _GRID_CELL
            y = grid_top + 24 + row * _GRID_CELL
            parts.append(
                f'<rect x="{x}" y="{y}" width="{_GRID_CELL}" height="{_GRID_CELL}" '
                f'fill="{fill}" stroke="#777777" data-count="{value}"/>'
                f'<text x="{x + _GRID_CELL // 2}" y="{y + _GRID_CELL // 2 + 4}" '
                f'text-anchor="middle" font-size="10">{value}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


_LINK = re.compile(r'data-input="(-?\d+)" data-tap="(-?\d+)" data-output="(-?\d+)"')
_COUNT = re.compile(r'data-count="(\d+)"')


def drawn_links(svg: str) -> list[tuple[int, int, int]]:
    """The ``(input, tap, output)`` of every line drawn in a figure, in drawing order.

    >>> drawn_links('<line data-input="0" data-tap="1" data-output="-1"/>')
    [(0, 1, -1)]
    """
    return [(int(a), int(b), int(c)) for a, b, c in _LINK.findall(svg)]


def drawn_grid(svg: str) -> list[int]:
    """The tap counts of the 2-D grid cells, row by row.

    >>> drawn_grid('<rect data-count="4"/><rect data-count="2"/>')
    [4, 2]
    """
    return [int(v) for v in _COUNT.findall(svg)]
