"""Traceability: every cited derivation ID exists, every implementation cites its ID back,
and every ID is checked by a test and published so on the derivation index.

* IDs cited anywhere (string constants of the Python sources under spec/, oracle/,
  conformance/, tests/ and bench/, the deviation lists, docs/**.md and README.md) are
  registered.  A token counts as an ID when it is a dotted lower-case name whose first
  segment is an ID prefix (``coord``, ``resize``, ...); a token ending in ``.*`` names a
  family and must prefix a registered ID.
* Each ``implemented_by`` entry imports (package first, then submodules) and its
  docstring cites the ID.
* ``docs/derivations/trace.json`` equals a fresh collection (tests/trace.py), and every
  non-superseded ID with an implementation is checked by a test other than test_claims.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

import spec
from tests import trace

ROOT = trace.ROOT
ID_PREFIXES = (
    "coord",
    "interp",
    "resize",
    "nearest",
    "tolerance",
    "equiv",
    "window",
    "conv",
    "conv_transpose",
    "pool",
    "pixel_shuffle",
    "fcn",
)
_PREFIX = "|".join(ID_PREFIXES)
_TOKEN = re.compile(rf"(?<![\w./\\-])((?:{_PREFIX})(?:\.[a-z0-9_]+)+)(\.\*)?(?![\w(])")
_FAMILY = re.compile(rf"(?<![\w./\\-])({_PREFIX})\.\*")
_FILE_SUFFIX = re.compile(r"\.(md|py|txt|json|toml)$")
#: A derivation's figure file, ``<id>.<name>.svg``: the ID is what it cites.
_FIGURE_FILE = re.compile(r"\.[a-z0-9_]+\.svg$")
#: Tokens that look like IDs but are not citations.
IGNORED = {
    # Examples of the naming rule for new IDs, in spec/__init__.py.
    "pool.max.ties",
    "conv_transpose.matrix_transpose",
    "window",
}
#: (ID, implementation) pairs whose docstring does not cite the ID yet, waiting for the
#: oracle rewrite (oracle/ belongs to another change); remove an entry once it cites.
AWAITING_CITATION: set[tuple[str, str]] = set()


def _python_strings(path: Path) -> Iterator[tuple[int, str]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def _text_lines(path: Path) -> Iterator[tuple[int, str]]:
    yield from enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)


def _sources() -> Iterator[tuple[Path, Iterator[tuple[int, str]]]]:
    for folder in ("spec", "oracle", "conformance", "tests", "bench"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path != Path(__file__).resolve():  # its test data are not citations
                yield path, _python_strings(path)
    for path in sorted((ROOT / "conformance" / "deviations").rglob("*")):
        if path.is_file():
            yield path, _text_lines(path)
    for path in [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]:
        if path.exists():
            yield path, _text_lines(path)


def cited_ids(text: str) -> Iterator[tuple[str, bool]]:
    """``(token, is_family)`` for each ID-like token in ``text``.

    >>> list(cited_ids("see resize.border, coord.* and oracle.resize.resize_plan"))
    [('resize.border', False), ('coord', True)]
    """
    for match in _TOKEN.finditer(text):
        token = _FILE_SUFFIX.sub("", _FIGURE_FILE.sub("", match.group(1)))
        if match.group(2):
            yield token, True
        elif "." in token:
            yield token, False
    for match in _FAMILY.finditer(text):
        yield match.group(1), True


def test_cited_ids_helper() -> None:
    found = set(cited_ids("x (resize.nan.md, equiv.torch.*, spec.core, torch.txt, coord.*)"))
    assert found == {("resize.nan", False), ("equiv.torch", True), ("coord", True)}
    figure = set(cited_ids("![map](conv_transpose.example.padding_strides.index_map.svg)"))
    assert figure == {("conv_transpose.example.padding_strides", False)}


def test_every_cited_id_is_registered() -> None:
    known = set(spec.all_ids())
    unknown: dict[str, list[str]] = {}
    for path, texts in _sources():
        for line, text in texts:
            for token, family in cited_ids(text):
                ok = any(i.startswith(token + ".") for i in known) if family else token in known
                if not ok and token not in IGNORED:
                    unknown.setdefault(token, []).append(f"{path.relative_to(ROOT)}:{line}")
    assert not unknown, "unregistered derivation IDs cited: " + "; ".join(
        f"{token} at {', '.join(places[:3])}" for token, places in sorted(unknown.items())
    )


def resolve(dotted: str) -> object:
    """The object at ``dotted``: the top package, then attributes, importing submodules that
    are not attributes yet (so ``oracle.resize`` is the function the package exports)."""
    parts = dotted.split(".")
    obj: object = importlib.import_module(parts[0])
    for depth, name in enumerate(parts[1:], start=2):
        try:
            obj = getattr(obj, name)
        except AttributeError:
            obj = importlib.import_module(".".join(parts[:depth]))
    return obj


IMPLEMENTATIONS = [
    pytest.param(did, path, id=f"{did}-{path}")
    for did in spec.all_ids()
    for path in spec.get(did).implemented_by
]


@pytest.mark.parametrize(("did", "path"), IMPLEMENTATIONS)
def test_implementation_resolves_and_cites_its_id(did: str, path: str) -> None:
    obj = resolve(path)
    doc = inspect.getdoc(obj) or ""
    cites = re.search(rf"(?<![\w.]){re.escape(did)}(?![\w])", doc) is not None
    if (did, path) in AWAITING_CITATION:
        if cites:
            warnings.warn(f"{path} cites {did} now: remove it from AWAITING_CITATION", stacklevel=1)
        return
    assert cites, f"{path} implements {did} (implemented_by) but its docstring does not cite it"


@functools.cache
def _fresh_trace() -> dict[str, list[str]]:
    return trace.collect()


def test_trace_json_is_fresh() -> None:
    committed = trace.TRACE_PATH.read_text(encoding="utf-8") if trace.TRACE_PATH.exists() else ""
    assert trace.dumps(_fresh_trace()) == committed, (
        "docs/derivations/trace.json is stale: run `python -m tests.trace` and then "
        "`python -m spec render`"
    )


def test_every_implemented_id_is_checked_by_a_test() -> None:
    fresh = _fresh_trace()
    unchecked = [
        did
        for did in spec.all_ids()
        if spec.get(did).implemented_by and not spec.get(did).superseded_by and not fresh.get(did)
    ]
    assert not unchecked, (
        "IDs no test checks (add pytest.mark.spec(ID) to a test that exercises each): "
        + ", ".join(unchecked)
    )


def test_trace_names_only_registered_ids() -> None:
    unknown = sorted(set(_fresh_trace()) - set(spec.all_ids()))
    assert not unknown, f"pytest.mark.spec names unregistered IDs: {unknown}"


def test_index_lists_implementations_and_tests() -> None:
    index = (ROOT / "docs" / "derivations" / "index.md").read_text(encoding="utf-8")
    for did in spec.all_ids():
        record = spec.get(did)
        assert f"[`{did}`]({did}.md)" in index
        for path in record.implemented_by:
            assert f"`{path}`" in index
    assert "checked by" in index
