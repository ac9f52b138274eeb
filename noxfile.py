"""Sessions: lint, typecheck, tests, conformance, docs; bench and backends are off by default.

Every session reuses its virtual environment.  torch comes from the project's
``torch`` extra, the one place its version is pinned.
"""

from __future__ import annotations

import nox

nox.options.reuse_venv = "yes"
nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lint", "typecheck", "tests", "conformance", "docs"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _group(name: str) -> list[str]:
    return list(nox.project.dependency_groups(PYPROJECT, name))


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check."""
    session.install(*_group("lint"))
    session.run("ruff", "check", *session.posargs)
    session.run("ruff", "format", "--check")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over spec, oracle, conformance, tests, bench and this file.

    torch is installed, so the torch adapters are checked against its types.
    """
    session.install("-e", ".[torch]", *_group("typecheck"))
    session.run("mypy", "--strict", *session.posargs)


def _verify_and_test(session: nox.Session, *pytest_args: str) -> None:
    """spec verify, then pytest asserting the claim results it recorded (SPEC_VERIFIED)."""
    # every claim runs once: pytest asserts the results spec verify recorded
    session.run("python", "-m", "spec", "verify", "--json", "reports/spec-verify.json")
    session.run(
        "python", "-m", "pytest", *pytest_args,
        env={"SPEC_VERIFIED": "reports/spec-verify.json"},
    )  # fmt: skip


@nox.session
def tests(session: nox.Session) -> None:
    """spec verify, the project's tests, and a fast conformance pass over oracle and torch-cpu.

    pytest reuses spec verify's recorded claim results (SPEC_VERIFIED), so each
    claim is evaluated once per run.
    """
    session.install("-e", ".[torch]", *_group("test"))
    _verify_and_test(session, *session.posargs)
    session.run(
        "python", "-m", "conformance",
        "--backend", "oracle", "--backend", "torch-cpu",
        "--profile", "ci",
        "--report-json", "reports/fast-pass.json",
        "--report-md", "reports/fast-pass.md",
    )  # fmt: skip


@nox.session
def conformance(session: nox.Session) -> None:
    """Every default backend; one missing its framework or device is reported as not available."""
    session.install(".[torch]")
    session.run(
        "python", "-m", "conformance",
        "--backend", "oracle", "--backend", "torch-cpu", "--backend", "torch-cuda",
        "--allow-unavailable",
        "--report-json", "reports/conformance.json",
        "--report-md", "reports/conformance.md",
        *session.posargs,
    )  # fmt: skip


@nox.session
def docs(session: nox.Session) -> None:
    """Render docs/derivations/ from the spec (pass --check to only detect stale pages)."""
    session.install("-e", ".")
    session.run("python", "-m", "spec", "render", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Oracle against torch CPU (float32, 2 threads) and onnx.reference, as ratios."""
    session.install("-e", ".[torch,bench]")
    session.run("python", "-m", "bench", *session.posargs)


#: The libraries whose built-in calls ``fingerprint`` knows, besides torch (the ``torch``
#: extra). tensorflow-cpu is tried on its own: it has no wheel for every Python.
LIBRARY_EXTRAS = ".[torch,ort,onnx,scipy,opencv,pillow,jax]"
"""The extras of every library backend but tf, which installs apart: it may not build here."""


@nox.session(default=False)
def conventions(session: nox.Session) -> None:
    """Fingerprint every built-in library call and write docs/conventions.md.

    A library that does not install here is reported on the page as not available.
    """
    session.install("-e", LIBRARY_EXTRAS)
    session.run("python", "-m", "pip", "install", "-e", ".[tf]", success_codes=[0, 1])
    session.run(
        "python", "-m", "conformance", "fingerprint", "--all",
        "--markdown", "docs/conventions.md", *session.posargs,
    )  # fmt: skip


BACKENDS = ("ort", "onnx-reference", "scipy", "opencv", "pillow", "jax", "torch-decomp", "tf")
"""The library backends the ``backends`` session runs in full (torch-compile runs a sample)."""

TORCH_COMPILE_SAMPLE = (
    "resize[nearest-asymmetric-floor]",
    "resize[linear-half_pixel]",
    "resize[cubic-half_pixel]",
    "resize[area]",
    "resize_integer_ratio[linear-half_pixel]",
    "resize_length_rounding[linear-half_pixel]",
    "resize_size_and_scale[linear-half_pixel]",
    "resize_length_one[linear-half_pixel-antialias-exclude_outside]",
    "conv[basic]",
    "conv_transpose[basic]",
    "pixel_shuffle[*]",
)
"""torch-compile compiles every case (seconds each; all of the suite at 2 cases a test takes
15 minutes on 2 cores), so it runs these tests, where its deviations and eager torch's show."""


@nox.session(default=False)
def backends(session: nox.Session) -> None:
    """Every library backend, each from its extra; one whose library is missing is not available.

    Writes ``reports/backends/<name>.{json,md}``.  tensorflow-cpu is large and
    not built for every Python: its install may fail, and the tf backend is then
    reported as not available.  Arguments after ``--`` reach every run.  Then the
    project's tests run with every library installed, so that the tests CI skips
    for want of jax or tensorflow run too.
    """
    session.install("-e", LIBRARY_EXTRAS, *_group("test"))
    session.run("python", "-m", "pip", "install", "-e", ".[tf]", success_codes=[0, 1])
    for name in BACKENDS:
        session.run(
            "python", "-m", "conformance", "--backend", name, "--allow-unavailable",
            "--report-json", f"reports/backends/{name}.json",
            "--report-md", f"reports/backends/{name}.md",
            *session.posargs,
        )  # fmt: skip
    sample = [arg for feature in TORCH_COMPILE_SAMPLE for arg in ("--select", feature)]
    session.run(
        "python", "-m", "conformance", "--backend", "torch-compile", "--allow-unavailable",
        "--max-examples", "2", *sample,
        "--report-json", "reports/backends/torch-compile.json",
        "--report-md", "reports/backends/torch-compile.md",
        *session.posargs,
    )  # fmt: skip
    _verify_and_test(session)
