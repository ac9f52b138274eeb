"""The README's promises: two quickstart commands, and .ci/run runs the test one."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _quickstart_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quickstart_is_two_commands_conformance_then_tests() -> None:
    commands = _quickstart_commands()
    assert len(commands) == 2
    assert commands[0].endswith("nox -s conformance")
    assert "tests" in commands[1].split("nox -s", 1)[1]


def test_ci_runs_the_readme_test_command_and_nothing_else() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line
        for line in script.splitlines()
        if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))
    ]
    assert commands == [_quickstart_commands()[1]]


def test_torch_pin_lives_in_one_place() -> None:
    pins = [
        path.relative_to(ROOT)
        for path in [ROOT / "pyproject.toml", ROOT / "noxfile.py", ROOT / ".ci" / "run"]
        if "torch==" in path.read_text(encoding="utf-8")
    ]
    assert [str(p) for p in pins] == ["pyproject.toml"]


def test_the_example_backend_passes_and_claims_no_deviation(tmp_path: Path) -> None:
    from conformance import load_backend
    from conformance.runner import run

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```python\n# mykernels/backend.py\n", 1)[1].split("```", 1)[0]
    package = tmp_path / "readme_example"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "backend.py").write_text(block)
    sys.path.insert(0, str(tmp_path))
    try:
        backend = load_backend("readme_example.backend:backend")
        select = [
            "test_resize[nearest-asymmetric-floor]",
            "test_resize_boundary[nearest-asymmetric-floor]",
        ]
        result = run(backend, "readme", ops=["resize"], select=select, profile="ci")
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("readme_example.backend", None)
        sys.modules.pop("readme_example", None)
    assert [r.outcome for r in result.records] == ["passed", "passed"]
    assert all(r.supported > 0 for r in result.records)
    assert not getattr(backend, "known_deviations", ())
