"""Finding backends: by registered name or as ``package.module:attribute``.

Registered names come from the entry-point group ``resampling_oracle.backends``.
The defaults are also known without installation, so a plain checkout works.
"""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import entry_points

from conformance.backend import check_backend

__all__ = ["BUILTIN", "DEFAULT_BACKENDS", "ENTRY_POINT_GROUP", "load_backend", "registered"]

ENTRY_POINT_GROUP = "resampling_oracle.backends"
DEFAULT_BACKENDS = ("oracle", "torch-cpu", "torch-cuda")
BUILTIN = {
    "oracle": "conformance.backends.oracle:backend",
    "torch-cpu": "conformance.backends.torch:cpu",
    "torch-cuda": "conformance.backends.torch:cuda",
    "onnx-reference": "conformance.backends.onnx:reference",
    "ort": "conformance.backends.onnx:ort",
    "scipy": "conformance.backends.scipy:backend",
    "opencv": "conformance.backends.opencv:backend",
    "pillow": "conformance.backends.pillow:backend",
    "jax": "conformance.backends.jax:backend",
    "torch-decomp": "conformance.backends.torch_variants:decomp",
    "torch-compile": "conformance.backends.torch_variants:inductor",
    "tf": "conformance.backends.tf:backend",
}


def registered() -> dict[str, str]:
    """Registered name to ``module:attr`` target, entry points over built-ins."""
    names = dict(BUILTIN)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        names[ep.name] = ep.value
    return names


def _resolve(target: str) -> object:
    module_name, _, attr_path = target.partition(":")
    if not module_name or not attr_path:
        raise ValueError(f"backend: {target!r} is not of the form package.module:attribute")
    obj: object = importlib.import_module(module_name)
    for part in attr_path.split("."):
        obj = getattr(obj, part)
    return obj


def load_backend(spec: str) -> object:
    """The backend named ``spec``: a registered name or ``package.module:attribute``.

    The attribute may be the backend object, its class, or a zero-argument
    factory that returns it.  The result must have a string ``name`` and a
    ``dtype`` from ``DTYPES`` (:func:`~conformance.backend.check_backend`);
    otherwise ``ValueError`` names what is missing.  A function that takes
    arguments, such as an op given where a backend is expected, is rejected
    with a message that says so.
    """
    target = spec if ":" in spec else registered().get(spec)
    if target is None:
        known = ", ".join(sorted(registered()))
        raise ValueError(f"backend: unknown name {spec!r}; registered: {known}")
    try:
        obj = _resolve(target)
    except (ImportError, AttributeError) as exc:
        raise ValueError(f"backend: cannot load {target!r}: {exc}") from exc
    is_class = isinstance(obj, type)
    if (is_class or (callable(obj) and not hasattr(obj, "name"))) and _no_arguments(obj):
        obj = obj()  # type: ignore[operator]
    check_backend(obj, spec)
    return obj


def _no_arguments(fn: object) -> bool:
    """Whether ``fn`` can be called with no arguments (a class or a factory)."""
    try:
        signature = inspect.signature(fn)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return all(
        p.default is not inspect.Parameter.empty
        or p.kind in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        for p in signature.parameters.values()
    )
