"""The README's promises: two quickstart commands, and .ci/run runs the test one."""

from __future__ import annotations

import re
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
