"""Benchmarks: the oracle against torch CPU and onnx.reference, reported as ratios."""

import os

# Compare like with like: torch runs on 2 threads, and so do NumPy's matrix products.
# NumPy reads these on import, so they are set here, before ``bench.__main__`` loads it.
for _variable in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_variable, "2")
