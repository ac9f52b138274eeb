"""The seven figures: drawn from the index maps, deterministic, embedded, checked for staleness."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import spec
from spec.conv import maps
from spec.conv.cases import CASES, ConvArithmeticCase, figure
from spec.conv.checkerboard import checkerboard_counts
from spec.conv.figures import drawn_grid, drawn_links, transpose_figure
from spec.core import Derivation, exhaustive
from spec.render import DOCS_DIR, figure_name, render_page, render_pages, stale_pages, write_pages

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("case", CASES, ids=[c.slug for c in CASES])
def test_figure_is_valid_svg_drawn_from_the_index_map(case: ConvArithmeticCase) -> None:
    svg = figure(case)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None
    lines = [el for el in root.iter(f"{SVG}line") if "data-input" in el.attrib]
    assert len(lines) == case.conv_output * case.kernel
    inside = {link for link in drawn_links(svg) if 0 <= link[2] < case.conv_input}
    p = case.padding
    expected = maps.transpose_index_map(
        case.conv_output, case.kernel, case.stride, p, p, 1, case.output_padding
    )
    assert inside == set(expected)


def test_figures_are_deterministic() -> None:
    assert [figure(c) for c in CASES] == [figure(c) for c in CASES]


def test_cropped_taps_are_dashed() -> None:
    # Full padding crops two cells at each end: the lines into them are dashed.
    svg = transpose_figure("t", "s", 7, 3, 1, 2, 2)
    root = ET.fromstring(svg)
    for line in root.iter(f"{SVG}line"):
        if "data-output" not in line.attrib:
            continue
        cropped = not 0 <= int(line.attrib["data-output"]) < 5
        assert ("stroke-dasharray" in line.attrib) == cropped


def test_grid_is_the_outer_product_of_the_axis_counts() -> None:
    svg = transpose_figure("t", "s", 3, 3, 2, 0, 0)
    counts = checkerboard_counts(3, 3, 2)
    assert drawn_grid(svg) == [a * b for a in counts for b in counts]
    assert max(drawn_grid(svg)) == 4


def test_titles_are_escaped() -> None:
    svg = transpose_figure("a < b & c", "x > y", 1, 1, 1, 0, 0)
    assert "a &lt; b &amp; c" in svg
    ET.fromstring(svg)


def test_pages_embed_their_figures() -> None:
    for case in CASES:
        page = render_page(spec.get(case.id))
        name = figure_name(case.id, "index_map")
        assert f"]({name})" in page
        assert "## Figures" in page


def test_render_writes_every_figure() -> None:
    pages = render_pages()
    for case in CASES:
        assert pages[figure_name(case.id, "index_map")] == figure(case)


def test_committed_figures_exist() -> None:
    for case in CASES:
        assert (DOCS_DIR / figure_name(case.id, "index_map")).exists()


def test_stale_missing_and_orphan_figures_are_reported(tmp_path: Path) -> None:
    write_pages(tmp_path)
    assert stale_pages(tmp_path) == []
    name = figure_name(CASES[0].id, "index_map")
    (tmp_path / name).write_text("<svg/>\n", encoding="utf-8")
    assert stale_pages(tmp_path) == [name]
    (tmp_path / name).unlink()
    assert stale_pages(tmp_path) == [name]
    orphan = figure_name(CASES[0].id + "_retired", "index_map")
    (tmp_path / orphan).write_text("<svg/>\n", encoding="utf-8")
    assert stale_pages(tmp_path) == sorted([name, orphan])
    write_pages(tmp_path)
    assert stale_pages(tmp_path) == []
    assert not (tmp_path / orphan).exists()


def test_records_without_figures_render_no_figure_section() -> None:
    record = Derivation(
        id="demo.plain",
        title="plain",
        statement="s",
        result={},
        claims=(exhaustive("nothing", "none", lambda: ()),),
    )
    assert record.figures == ()
    assert "## Figures" not in render_page(record)
