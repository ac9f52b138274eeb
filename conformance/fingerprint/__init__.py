"""``python -m conformance fingerprint CALL``: which spec parameterisation does a call implement?

* :mod:`~conformance.fingerprint.probes`: the designed inputs (:data:`PROBES`);
* :mod:`~conformance.fingerprint.search`: the parameter space of ``oracle.resize``
  a size-only call can reach (:func:`parameter_space`);
* :mod:`~conformance.fingerprint.calls`: the built-in library calls (:data:`BUILTINS`);
* :mod:`~conformance.fingerprint.report`: matching within the derived bound
  (tolerance.model) and the closest parameterisation when nothing matches
  (:func:`fingerprint`);
* :mod:`~conformance.fingerprint.conventions`: the convention matrix,
  ``docs/conventions.md``, and the agreement classes it checks;
* :mod:`~conformance.fingerprint.cli`: the command.

Library imports are lazy: importing this package imports none of torch, cv2,
Pillow, jax, SciPy, TensorFlow or ONNX Runtime.
"""

from conformance.fingerprint.calls import BUILTINS, LibraryCall, builtin
from conformance.fingerprint.probes import PROBES, Probe
from conformance.fingerprint.report import Fingerprint, fingerprint, fingerprint_builtin
from conformance.fingerprint.search import Parameterisation, parameter_space

__all__ = [
    "BUILTINS",
    "PROBES",
    "Fingerprint",
    "LibraryCall",
    "Parameterisation",
    "Probe",
    "builtin",
    "fingerprint",
    "fingerprint_builtin",
    "parameter_space",
]
