"""The FCN-8s axis figure: valid SVG, drawn from the coordinate maps, deterministic, committed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest

import spec
from spec.fcn import blob_maps, blob_sizes, caffe_crop_offsets, layers
from spec.fcn.figure import FIGURE_LENGTH, check_figure, drawn_crops, drawn_rows, fcn8s_axis_figure
from spec.render import DOCS_DIR, figure_name

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.spec("fcn.caffe.offsets", "fcn.coord_map")
@pytest.mark.parametrize("length", [1, 32, FIGURE_LENGTH, 64])
def test_rows_are_the_blobs_where_their_maps_put_them(length: int) -> None:
    svg = fcn8s_axis_figure(length)
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.find(f"{SVG}title") is not None
    maps, sizes = blob_maps("fcn8s"), blob_sizes("fcn8s", length)
    rows = drawn_rows(svg)
    assert [r[0] for r in rows] == [layer.top for layer in layers("fcn8s")]
    for blob, first, step, count in rows:
        assert first == maps[blob].inverse()(0)
        assert step == 1 / maps[blob].a
        assert count == sizes[blob]


@pytest.mark.spec("fcn.caffe.offsets")
def test_crops_keep_the_cells_over_their_reference() -> None:
    svg = fcn8s_axis_figure(FIGURE_LENGTH)
    rows = {blob: (first, count) for blob, first, _, count in drawn_rows(svg)}
    crops = drawn_crops(svg)
    assert [(c, src, off) for c, src, off, _, _ in crops] == [
        ("score_pool4c", "score_pool4", 5),
        ("score_pool3c", "score_pool3", 9),
        ("score", "upscore8", 31),
    ]
    for crop, _, offset, first, count in crops:
        assert offset == caffe_crop_offsets("fcn8s")[crop]
        assert (first, count) == rows[crop]
    # score lies over data: cell i at data position i.
    assert rows["score"] == rows["data"] == (Fraction(0), FIGURE_LENGTH)
    assert list(check_figure()) == []


@pytest.mark.spec("fcn.caffe.offsets")
def test_figure_is_deterministic_and_committed() -> None:
    assert fcn8s_axis_figure() == fcn8s_axis_figure()
    (name, svg), *_ = spec.get("fcn.caffe.offsets").figures
    assert svg == fcn8s_axis_figure()
    committed = DOCS_DIR / figure_name("fcn.caffe.offsets", name)
    assert committed.read_text(encoding="utf-8") == svg
