"""The conformance suite: one pytest module per op chapter, run by ``conformance.runner``.

:data:`OPS` names every op the suite checks, in the order reports list them;
each test carries ``pytest.mark.op(name)`` with one of them (a meta-test
checks that the two agree).
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
)
"""The ops the suite has tests for; ``--ops`` takes these names."""
