"""Markdown pages for the derivations, one page per ID, and an index.

Pages use GitHub's math syntax: ``$...$`` inline and fenced ``math`` blocks.
A record's figures are written as ``<id>.<name>.svg`` beside its page and
embedded in it with a Markdown image link.  :func:`render_pages` is pure, so a
test can compare it with the committed ``docs/derivations`` tree and fail when
a page or a figure is stale, missing or an orphan.  The index lists, for each
ID, the functions that implement it and the tests that check it; the tests come
from ``docs/derivations/trace.json`` (written by ``python -m tests.trace``), read
here as plain JSON when present.
"""

from __future__ import annotations

import json
from pathlib import Path

import sympy

from spec.core import Claim, Derivation, all_ids, get

__all__ = [
    "DOCS_DIR",
    "TRACE_FILE",
    "figure_name",
    "read_trace",
    "render_page",
    "render_pages",
    "stale_pages",
    "write_pages",
]

DOCS_DIR = Path(__file__).resolve().parent.parent / "docs" / "derivations"
TRACE_FILE = "trace.json"
#: How many test functions the index names per ID.
_NAMED_TESTS = 3

#: The kinds of file this module writes, and so owns, in the pages directory.
_OWNED = ("*.md", "*.svg")


def figure_name(did: str, name: str) -> str:
    """The file name of figure ``name`` of derivation ``did``: ``<id>.<name>.svg``."""
    return f"{did}.{name}.svg"


def _math_block(tex: str) -> str:
    return f"```math\n{tex}\n```"


def _claim_lines(number: int, claim: Claim) -> list[str]:
    lines = [f"{number}. **{claim.kind}**: {claim.statement}"]
    if claim.kind == "symbolic":
        assert claim.lhs is not None and claim.rhs is not None
        tex = f"{sympy.latex(claim.lhs)} = {sympy.latex(claim.rhs)}"
        lines += ["", "   " + _math_block(tex).replace("\n", "\n   ")]
        if claim.where:
            names = ", ".join(
                f"${sympy.latex(key)} = {sympy.latex(value)}$" for key, value in claim.where
            )
            lines += ["", f"   where {names}."]
    else:
        lines += ["", f"   Domain, checked exhaustively in exact arithmetic: {claim.domain}"]
    return lines


def render_page(record: Derivation) -> str:
    """The Markdown page of one derivation record."""
    out = [f"# `{record.id}`: {record.title}", ""]
    if record.superseded_by:
        out += [f"> Superseded by [`{record.superseded_by}`]({record.superseded_by}.md).", ""]
    out += [record.statement, ""]
    if record.result:
        out += ["## Result", ""]
        for name, expr in record.result.items():
            out += [f"`{name}`:", "", _math_block(sympy.latex(expr)), ""]
    if record.claims:
        out += ["## Claims", "", "Each claim is checked by `python -m spec verify`.", ""]
        for number, claim in enumerate(record.claims, start=1):
            out += _claim_lines(number, claim)
            out.append("")
    if record.figures:
        out += ["## Figures", ""]
        for name, _ in record.figures:
            out += [f"![{record.id}: {name}]({figure_name(record.id, name)})", ""]
    if record.notes:
        out += ["## Notes", ""]
        out += [f"- {note}" for note in record.notes]
        out.append("")
    if record.implemented_by:
        out += ["## Implemented by", ""]
        out += [f"- `{name}`" for name in record.implemented_by]
        out.append("")
    if record.references:
        out += ["## References", ""]
        out += [f"- {ref}" for ref in record.references]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def read_trace(directory: Path = DOCS_DIR) -> dict[str, list[str]]:
    """``{ID: test node IDs}`` from ``trace.json`` in ``directory``; empty when absent."""
    path = directory / TRACE_FILE
    if not path.exists():
        return {}
    loaded = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): [str(v) for v in vs] for k, vs in loaded.items()}


def _tests_line(nodes: list[str]) -> str:
    functions = sorted({node.split("[", 1)[0] for node in nodes})
    named = ", ".join(f"`{f}`" for f in functions[:_NAMED_TESTS])
    more = f" and {len(functions) - _NAMED_TESTS} more" if len(functions) > _NAMED_TESTS else ""
    cases = "test" if len(nodes) == 1 else "tests"
    where = "function" if len(functions) == 1 else "functions"
    return f"checked by {len(nodes)} {cases} in {len(functions)} {where}: {named}{more}"


def _index(ids: list[str], trace: dict[str, list[str]]) -> str:
    lines = [
        "# Derivations",
        "",
        "Cite a derivation by its ID. One page per ID. Under each ID: the functions that "
        "implement it, and the tests that check it (tests carrying `pytest.mark.spec(ID)`, "
        "from `trace.json`; `python -m tests.trace` updates it).",
        "",
    ]
    for did in ids:
        record = get(did)
        mark = " (superseded)" if record.superseded_by else ""
        lines.append(f"- [`{did}`]({did}.md): {record.title}{mark}")
        if record.implemented_by:
            names = ", ".join(f"`{name}`" for name in record.implemented_by)
            lines.append(f"  - implemented by {names}")
        nodes = trace.get(did, [])
        lines.append(f"  - {_tests_line(nodes)}" if nodes else "  - checked by no test")
    return "\n".join(lines) + "\n"


def render_pages() -> dict[str, str]:
    """File name to text for every registered derivation's page and figures, plus the index."""
    ids = all_ids()
    pages = {f"{did}.md": render_page(get(did)) for did in ids}
    for did in ids:
        for name, svg in get(did).figures:
            pages[figure_name(did, name)] = svg
    pages["index.md"] = _index(ids, read_trace())
    return pages


def _owned_files(directory: Path) -> list[Path]:
    return [path for pattern in _OWNED for path in directory.glob(pattern)]


def write_pages(directory: Path = DOCS_DIR) -> list[Path]:
    """Write every page and figure into ``directory``, removing those of no registered ID."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = render_pages()
    for old in _owned_files(directory):
        if old.name not in pages:
            old.unlink()
    written = []
    for name, text in pages.items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_pages(directory: Path = DOCS_DIR) -> list[str]:
    """Names of pages and figures that are missing, differ from a fresh render, or are orphans."""
    pages = render_pages()
    stale = [
        name
        for name, text in pages.items()
        if not (directory / name).exists() or (directory / name).read_text(encoding="utf-8") != text
    ]
    stale += [p.name for p in _owned_files(directory) if p.name not in pages]
    return sorted(stale)
