"""The conformance suite: one pytest module per op chapter, run by ``conformance.runner``.

:data:`OPS` names every op the suite checks, in the order reports list them;
each test carries ``pytest.mark.op(name)`` with one of them (a meta-test
checks that the two agree).  ``fcn`` is no backend op: its tests compose FCN
fusion from the backend's ``conv_transpose`` and ``resize``
(:mod:`conformance.compose`).
"""

OPS = (
    "resize",
    "conv",
    "conv_transpose",
    "pixel_shuffle",
    "pixel_unshuffle",
    "max_pool",
    "avg_pool",
    "adaptive_avg_pool",
    "adaptive_max_pool",
    "max_unpool",
    "fcn",
)
"""The ops the suite has tests for; ``--ops`` takes these names."""
