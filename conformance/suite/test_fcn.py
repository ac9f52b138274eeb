"""Conformance of FCN skip fusion, composed from the backend's own ops (``--ops fcn``).

FCN is not an op of the backend protocol: :mod:`conformance.compose` builds the
reference nets' crop-and-add fusion from the backend's ``conv_transpose`` and
the resize-and-add fusion from its ``resize``, as the oracle builds its own,
and the suite compares the two.  Input sizes are drawn tiny, odd and up to
several hundred cells, so every crop offset and blob length of
fcn.caffe.blob_sizes is exercised.
"""

from __future__ import annotations

import pytest

from conformance.harness import Target
from conformance.strategies.fcn import SKIPS, fcn_cases, fcn_resize_cases

pytestmark = pytest.mark.op("fcn")

_FUSE = ("fcn.caffe.offsets", "fcn.caffe.blob_sizes", "fcn.bilinear.kernel", "fcn.coord_map",
         "tolerance.dot")  # fmt: skip
_RESIZE = ("fcn.bilinear.identity", "interp.linear.separable", "tolerance.model")


@pytest.mark.spec(*_FUSE)
@pytest.mark.parametrize("variant", list(SKIPS))
def test_fcn_fuse(target: Target, variant: str) -> None:
    """The reference nets' fusion for any input size: shapes exact, values within tolerance.dot."""
    target.check("fcn_fuse", fcn_cases(variant, target.dtype), _FUSE)


@pytest.mark.spec(*_RESIZE)
def test_fcn_fuse_resize(target: Target) -> None:
    """The resize-and-add fusion of score maps of any sizes, on 1 to 3 axes."""
    target.check("fcn_fuse_resize", fcn_resize_cases(target.dtype), _RESIZE)
