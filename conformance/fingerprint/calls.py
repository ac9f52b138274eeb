"""The built-in library calls ``fingerprint`` knows, each a callable ``(x, size) -> y``.

A built-in is named ``LIBRARY:CALL`` (``torch:bilinear``, ``cv2:INTER_LINEAR``,
``pillow:BICUBIC``, ``jax:linear``, ``scipy:order1-grid-nearest``, ``tf:area``,
``ort:linear``).  It takes a float ``(N, C, H, W)`` NumPy array and an output
size ``(H', W')``, runs the library on float32 and returns a NumPy array
``(N, C, H', W')``.  Its library is imported when the call is first built,
never on import of this module, so a missing library makes only its calls
unavailable: :meth:`LibraryCall.available` says why.

Each call cites the registered derivations that state which parameterisation
it is (``equiv.torch.nearest``, ``equiv.opencv.resize.flags``, ...): the
library equivalences of ``equiv.<lib>.<op>.<topic>``.  A call the spec has no
equivalence for cites nothing of its own; the conventions page then links the
derivations of the parameterisation it matches.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["BUILTINS", "LIBRARIES", "Library", "LibraryCall", "Resize", "builtin"]

Resize = Callable[[NDArray[Any], tuple[int, ...]], Any]
"""A call under test: ``(x, size) -> y`` on NumPy arrays ``(N, C, *spatial)``."""


@dataclass(frozen=True)
class Library:
    """A library that built-in calls use: its import names and its distribution name."""

    key: str
    modules: tuple[str, ...]
    distribution: str

    def load(self) -> tuple[Any, ...]:
        """Import the library's modules; raises ``ImportError`` (or what the import raises)."""
        return tuple(importlib.import_module(m) for m in self.modules)

    def available(self) -> str | None:
        """``None`` when the library imports here, else ``"not available: <reason>"``."""
        try:
            self.load()
        except Exception as exc:  # an import can fail with more than ImportError
            return f"not available: {type(exc).__name__}: {exc} (pip install {self.distribution})"
        return None

    def version(self) -> str:
        """The distribution's version, or ``"not installed"``."""
        from importlib import metadata

        try:
            return metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return "not installed"


LIBRARIES: dict[str, Library] = {
    lib.key: lib
    for lib in (
        Library("torch", ("torch",), "torch"),
        Library("cv2", ("cv2",), "opencv-python-headless"),
        Library("pillow", ("PIL.Image",), "pillow"),
        Library("jax", ("jax", "jax.numpy"), "jax"),
        Library("scipy", ("scipy.ndimage",), "scipy"),
        Library("tf", ("tensorflow",), "tensorflow-cpu"),
        Library("ort", ("onnx", "onnx.helper", "onnxruntime"), "onnxruntime"),
    )
}
"""Every library with built-in calls, by the prefix of their names."""


@dataclass(frozen=True)
class LibraryCall:
    """A built-in call: ``name`` (``LIBRARY:CALL``), what it runs, and how it is built.

    ``build`` receives the library's imported modules (:meth:`Library.load`)
    and returns the callable.  ``cites`` are registered derivation IDs that
    state what the call is (a test holds them to the registry).  ``mismatch`` says, citing
    the derivation, why a call that implements no parameterisation of the spec
    departs from the closest one.
    """

    name: str
    runs: str
    build: Callable[[tuple[Any, ...]], Resize]
    cites: tuple[str, ...] = ()
    mismatch: str | None = None
    dtype: str = "float32"

    @property
    def library(self) -> Library:
        """The library the call runs."""
        return LIBRARIES[self.name.split(":", 1)[0]]

    def available(self) -> str | None:
        """``None`` when the library imports, else ``"not available: <reason>"``."""
        return self.library.available()

    def make(self) -> Resize:
        """Import the library and return the callable."""
        return self.build(self.library.load())


def _float32(x: NDArray[Any]) -> NDArray[np.float32]:
    return np.ascontiguousarray(x, dtype=np.float32)


def _two_axes(size: tuple[int, ...], library: str) -> tuple[int, int]:
    if len(size) != 2:
        raise ValueError(f"size: {library} resizes 2 spatial axes, got size {size!r}")
    return int(size[0]), int(size[1])


def _per_plane(
    x: NDArray[Any], size: tuple[int, int], plane: Callable[[NDArray[np.float32]], Any]
) -> NDArray[np.float32]:
    """Apply a 2-D resize to every ``(n, c)`` plane of ``x``."""
    x32 = _float32(x)
    out = np.empty((*x32.shape[:2], *size), dtype=np.float32)
    for n in range(x32.shape[0]):
        for c in range(x32.shape[1]):
            out[n, c] = np.asarray(plane(np.ascontiguousarray(x32[n, c])), dtype=np.float32)
    return out


# torch ------------------------------------------------------------------------------


def _torch(mode: str, **options: Any) -> Callable[[tuple[Any, ...]], Resize]:
    def build(modules: tuple[Any, ...]) -> Resize:
        (torch,) = modules
        interpolate = torch.nn.functional.interpolate

        def call(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[Any]:
            with torch.no_grad():
                y = interpolate(
                    torch.from_numpy(_float32(x)), size=tuple(size), mode=mode, **options
                )
            return np.asarray(y.numpy())

        return call

    return build


_TORCH_CALLS: tuple[tuple[str, str, dict[str, bool], tuple[str, ...]], ...] = (
    ("nearest", "", {}, ("equiv.torch.nearest",)),
    ("nearest-exact", "", {}, ("equiv.torch.nearest_exact",)),
    ("bilinear", "", {"align_corners": False}, ("equiv.torch.align_corners_false",)),
    ("bilinear", "-align_corners", {"align_corners": True}, ("equiv.torch.align_corners_false",)),
    ("bilinear", "-antialias", {"align_corners": False, "antialias": True},
     ("equiv.torch.antialias",)),
    ("bicubic", "", {"align_corners": False}, ()),
    ("bicubic", "-align_corners", {"align_corners": True}, ()),
    ("bicubic", "-antialias", {"align_corners": False, "antialias": True},
     ("equiv.torch.antialias",)),
    ("bilinear", "-antialias-align_corners", {"align_corners": True, "antialias": True},
     ("equiv.torch.antialias",)),
    ("area", "", {}, ("resize.area",)),
    ("lanczos", "-antialias", {"align_corners": False, "antialias": True}, ()),
)  # fmt: skip
"""``(mode, name suffix, options, derivations)`` of every torch call."""


def _torch_calls() -> Iterator[LibraryCall]:
    for mode, suffix, options, cites in _TORCH_CALLS:
        text = "".join(f", {k}={v!r}" for k, v in options.items())
        yield LibraryCall(
            f"torch:{mode}{suffix}",
            f"torch.nn.functional.interpolate(x, size, mode={mode!r}{text})",
            _torch(mode, **options),
            cites=cites,
        )


# OpenCV -----------------------------------------------------------------------------


def _cv2(flag: str) -> Callable[[tuple[Any, ...]], Resize]:
    def build(modules: tuple[Any, ...]) -> Resize:
        (cv2,) = modules
        interpolation = getattr(cv2, flag)

        def call(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[Any]:
            h, w = _two_axes(size, "cv2.resize")
            return _per_plane(
                x, (h, w), lambda p: cv2.resize(p, (w, h), interpolation=interpolation)
            )

        return call

    return build


_FLAGS = ("equiv.opencv.resize.flags",)
_CV2_CITES: dict[str, tuple[str, ...]] = {
    "INTER_NEAREST": _FLAGS,
    "INTER_NEAREST_EXACT": _FLAGS,
    "INTER_LINEAR": _FLAGS,
    "INTER_LINEAR_EXACT": (),
    "INTER_CUBIC": _FLAGS,
    "INTER_AREA": ("equiv.opencv.resize.area", "equiv.opencv.resize.area_integer_ratio"),
    "INTER_LANCZOS4": ("tolerance.lanczos",),
}
"""Each flag and the derivations that state it (``INTER_LANCZOS4``'s float32 table is
modelled in ``tolerance.lanczos``)."""


def _cv2_calls() -> Iterator[LibraryCall]:
    for flag, cites in _CV2_CITES.items():
        yield LibraryCall(
            f"cv2:{flag}",
            f"cv2.resize(plane, (W', H'), interpolation=cv2.{flag})",
            _cv2(flag),
            cites=cites,
        )


# Pillow -----------------------------------------------------------------------------


def _pillow(filter_name: str) -> Callable[[tuple[Any, ...]], Resize]:
    def build(modules: tuple[Any, ...]) -> Resize:
        (image,) = modules
        resample = getattr(image.Resampling, filter_name)

        def call(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[Any]:
            h, w = _two_axes(size, "Image.resize")
            return _per_plane(
                x, (h, w), lambda p: image.fromarray(p).resize((w, h), resample=resample)
            )

        return call

    return build


def _pillow_calls() -> Iterator[LibraryCall]:
    for name in ("NEAREST", "BOX", "BILINEAR", "HAMMING", "BICUBIC", "LANCZOS"):
        cites = {
            "NEAREST": ("equiv.pillow.resize.nearest",),
            "BOX": ("resize.box.sampled", "resize.sampled_box", "equiv.pillow.resize.filters"),
        }.get(name, ("equiv.pillow.resize.filters",))
        yield LibraryCall(
            f"pillow:{name}",
            f"Image.fromarray(plane).resize((W', H'), resample=Image.Resampling.{name}), mode F",
            _pillow(name),
            cites=cites,
        )


# jax --------------------------------------------------------------------------------


def _jax(method: str, antialias: bool) -> Callable[[tuple[Any, ...]], Resize]:
    def build(modules: tuple[Any, ...]) -> Resize:
        jax, jnp = modules

        def call(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[Any]:
            x32 = _float32(x)
            shape = (*x32.shape[:2], *size)
            y = jax.image.resize(jnp.asarray(x32), shape, method=method, antialias=antialias)
            return np.asarray(y)

        return call

    return build


def _jax_calls() -> Iterator[LibraryCall]:
    for method in ("nearest", "linear", "cubic", "lanczos3", "lanczos5"):
        cites = (
            ("equiv.jax.resize.nearest",)
            if method == "nearest"
            else ("equiv.jax.resize.scale_and_translate",)
        )
        for antialias in (True, False):
            suffix = "" if antialias else "-no_antialias"
            yield LibraryCall(
                f"jax:{method}{suffix}",
                f"jax.image.resize(x, (N, C, H', W'), method={method!r}, antialias={antialias})",
                _jax(method, antialias),
                cites=cites,
            )


# SciPy ------------------------------------------------------------------------------


def _scipy(order: int, grid_mode: bool, mode: str) -> Callable[[tuple[Any, ...]], Resize]:
    def build(modules: tuple[Any, ...]) -> Resize:
        (ndimage,) = modules

        def call(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[Any]:
            x32 = _float32(x)
            zoom = (1.0, 1.0, *(out / n for out, n in zip(size, x32.shape[2:], strict=True)))
            y = ndimage.zoom(x32, zoom, order=order, mode=mode, grid_mode=grid_mode)
            if y.shape[2:] != tuple(size):  # zoom rounds in * zoom: say so rather than guess
                raise ValueError(f"ndimage.zoom gave shape {y.shape}, not size {size}")
            return np.asarray(y)

        return call

    return build


def _scipy_calls() -> Iterator[LibraryCall]:
    modes = {True: ("nearest", "reflect", "mirror", "grid-constant"), False: ("nearest", "mirror")}
    for order in (0, 1, 3):
        for grid_mode in (True, False):
            for mode in modes[grid_mode]:
                grid = "grid" if grid_mode else "nogrid"
                cites: tuple[str, ...] = ("equiv.scipy.zoom_grid_mode",)
                if order == 0:
                    cites = ("equiv.scipy.resize.nearest_order0", *cites)
                yield LibraryCall(
                    f"scipy:order{order}-{grid}-{mode}",
                    f"scipy.ndimage.zoom(x, (1, 1, H'/H, W'/W), order={order}, "
                    f"mode={mode!r}, grid_mode={grid_mode})",
                    _scipy(order, grid_mode, mode),
                    cites=cites,
                )


# TensorFlow -------------------------------------------------------------------------


def _tf(method: str, antialias: bool) -> Callable[[tuple[Any, ...]], Resize]:
    def build(modules: tuple[Any, ...]) -> Resize:
        (tf,) = modules

        def call(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[Any]:
            nhwc = np.moveaxis(_float32(x), 1, -1)
            y = tf.image.resize(nhwc, tuple(size), method=method, antialias=antialias)
            return np.moveaxis(np.asarray(y.numpy(), dtype=np.float32), -1, 1)

        return call

    return build


def _tf_calls() -> Iterator[LibraryCall]:
    for method, aa in (
        ("nearest", (False,)),
        ("bilinear", (False, True)),
        ("bicubic", (False, True)),
        ("area", (False,)),
        ("lanczos3", (False, True)),
        ("lanczos5", (False, True)),
        ("mitchellcubic", (False, True)),
        ("gaussian", (False, True)),
    ):
        for antialias in aa:
            yield LibraryCall(
                f"tf:{method}{'-antialias' if antialias else ''}",
                f"tf.image.resize(x_nhwc, (H', W'), method={method!r}, antialias={antialias})",
                _tf(method, antialias),
                cites=("equiv.tf.resize.methods",),
            )


# ONNX Runtime -----------------------------------------------------------------------


def _ort(**attributes: Any) -> Callable[[tuple[Any, ...]], Resize]:
    def build(modules: tuple[Any, ...]) -> Resize:
        onnx, helper, ort = modules
        node = helper.make_node("Resize", ["x", "", "", "sizes"], ["y"], **attributes)
        graph = helper.make_graph(
            [node],
            "resize",
            [
                helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, None),
                helper.make_tensor_value_info("sizes", onnx.TensorProto.INT64, [4]),
            ],
            [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, None)],
        )
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)])
        session = ort.InferenceSession(
            model.SerializeToString(), providers=["CPUExecutionProvider"]
        )

        def call(x: NDArray[Any], size: tuple[int, ...]) -> NDArray[Any]:
            x32 = _float32(x)
            sizes = np.array([*x32.shape[:2], *size], dtype=np.int64)
            return np.asarray(session.run(None, {"x": x32, "sizes": sizes})[0])

        return call

    return build


def _ort_calls() -> Iterator[LibraryCall]:
    for name, attributes in (
        ("nearest", {"mode": "nearest"}),
        ("linear", {"mode": "linear"}),
        ("cubic", {"mode": "cubic"}),
        ("linear-antialias", {"mode": "linear", "antialias": 1}),
        ("cubic-antialias", {"mode": "cubic", "antialias": 1}),
        (
            "cubic-antialias-exclude_outside",
            {"mode": "cubic", "antialias": 1, "exclude_outside": 1},
        ),
    ):
        text = ", ".join(f"{k}={v!r}" for k, v in attributes.items())
        yield LibraryCall(
            f"ort:{name}",
            f"onnxruntime: Resize(x, sizes=...; {text}), opset 19",
            _ort(**attributes),
        )


_MISMATCHES = {
    "torch:bilinear-antialias-align_corners": (
        "With align_corners=True torch's antialias window centre follows no coordinate mode "
        "of the spec (equiv.torch.antialias)"
    ),
    "cv2:INTER_NEAREST_EXACT": (
        "OpenCV takes the source index from in / out in 16.16 fixed point, so an exact tie "
        "can round down (equiv.opencv.resize.flags)"
    ),
    "cv2:INTER_AREA": (
        "It is (box) unless one axis grows while another shrinks: OpenCV then runs its "
        "growing-axis formula on both axes, which is not box on the shrinking one; the "
        "probes that mix directions are 32x5->13x8, 8x9->1x18 and 6x16->9x6 "
        "(equiv.opencv.resize.area)"
    ),
    "pillow:NEAREST": (
        "Pillow accumulates the source coordinate in double, so an exact tie can round "
        "down (equiv.pillow.resize.nearest)"
    ),
    "pillow:HAMMING": "Its kernel, a Hamming-windowed sinc, is not one the spec defines",
    "tf:bicubic": (
        "Without antialias 'bicubic' reads its weights from a table of the kernel at the "
        "offsets k/1024, about 1e-3 from the exact kernel (equiv.tf.resize.methods)"
    ),
    "tf:mitchellcubic": "Its kernel, Mitchell-Netravali's cubic, is not one the spec defines",
    "tf:mitchellcubic-antialias": (
        "Its kernel, Mitchell-Netravali's cubic, is not one the spec defines"
    ),
    "tf:gaussian": "Its kernel, a Gaussian, is not one the spec defines",
    "tf:gaussian-antialias": "Its kernel, a Gaussian, is not one the spec defines",
    **{
        f"scipy:order3-{grid}-{mode}": (
            "Order 3 is cubic B-spline interpolation with a prefilter, not a kernel the "
            "spec defines"
        )
        for grid in ("grid", "nogrid")
        for mode in ("nearest", "reflect", "mirror", "grid-constant")
    },
    **{
        f"scipy:order1-grid-{mode}": (
            f"Its border extends the input by {how}, where the spec replicates the edge "
            "sample or drops the taps outside (resize.border, resize.exclude_outside)"
        )
        for mode, how in (
            ("mirror", "reflection about the edge samples"),
            ("grid-constant", "zeros"),
        )
    },
}
"""Why a call that implements no parameterisation departs from the closest, citing the
derivation that says so."""


def _with_mismatch(call: LibraryCall) -> LibraryCall:
    return replace(call, mismatch=_MISMATCHES.get(call.name))


BUILTINS: dict[str, LibraryCall] = {
    call.name: _with_mismatch(call)
    for calls in (
        _torch_calls,
        _cv2_calls,
        _pillow_calls,
        _jax_calls,
        _scipy_calls,
        _tf_calls,
        _ort_calls,
    )
    for call in calls()
}
"""Every built-in call by name, library by library."""


def builtin(name: str) -> LibraryCall:
    """The built-in call ``name``; ``ValueError`` naming the known ones when there is none."""
    try:
        return BUILTINS[name]
    except KeyError:
        prefix = name.split(":", 1)[0]
        known = [n for n in BUILTINS if n.startswith(prefix + ":")] or sorted(LIBRARIES)
        raise ValueError(f"CALL: no built-in call {name!r}; known: {', '.join(known)}") from None
