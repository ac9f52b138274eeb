"""Tolerances, derived: the error models behind every bound the conformance suite applies.

* :mod:`spec.tolerance.dot` (``tolerance.dot``): the forward error of a sum of ``n`` products
  in a binary format, for every op that computes dot products (resize, conv, conv_transpose,
  avg_pool);
* :mod:`spec.tolerance.resize` (``tolerance.model``): resize's own terms, the perturbed
  source coordinate and the evaluation of the kernel weights;
* :mod:`spec.tolerance.lanczos` (``tolerance.lanczos``): the evaluation error of the Lanczos
  kernel; :mod:`spec.tolerance.box` (``tolerance.box``): the terms of box weighting.

Every name is re-exported here; ``from spec.tolerance import gamma, unit_roundoff`` works.
"""

import spec.tolerance.box
import spec.tolerance.lanczos  # noqa: F401  (registers tolerance.box, tolerance.lanczos)
from spec.tolerance.dot import UNIT_ROUNDOFFS, dot_bound, dot_error_factor, gamma, unit_roundoff
from spec.tolerance.resize import (
    EVALUATION_ROUNDINGS,
    LANCZOS_EVALUATION_ROUNDINGS,
    AxisTerms,
    ModelKind,
    accumulation_count,
    axis_terms,
    bound,
    box_axis_terms,
    coordinate_slack,
    evaluation_magnitude,
)

__all__ = [
    "EVALUATION_ROUNDINGS",
    "LANCZOS_EVALUATION_ROUNDINGS",
    "UNIT_ROUNDOFFS",
    "AxisTerms",
    "ModelKind",
    "accumulation_count",
    "axis_terms",
    "bound",
    "box_axis_terms",
    "coordinate_slack",
    "dot_bound",
    "dot_error_factor",
    "evaluation_magnitude",
    "gamma",
    "unit_roundoff",
]
