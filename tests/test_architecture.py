"""The package's shape: helpers.py is a short facade; newsframing/ is layered (a module imports
only from lower layers), small modules, no cycles, and analysis code never imports the
presentation modules. The layer table here is the one in newsframing/__init__.py and README."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "newsframing"

LAYERS = {
    "config": 0, "errors": 0,
    "vocab": 1, "text": 1, "stats": 1,
    "cleaning": 2, "sentences": 2, "lexscan": 2, "vader": 2, "gazetteer": 2, "statements": 2,
    "corpus": 3, "sides": 3, "masking": 3,
    "quotes": 4, "sentiment": 4, "mentions": 4, "targetfeatures": 4, "framing": 4, "readability": 4, "reuse": 4,
    "targets": 5,
    "pipeline": 6,
}
PRESENTATION = {"theme", "charts", "tables", "widgets", "findings", "typography", "report"}
MAX_LINES = 600


def modules():
    out = {}
    for p in sorted(PKG.rglob("*.py")):
        rel = p.relative_to(PKG)
        top = rel.parts[0].removesuffix(".py")
        if top == "__init__":
            continue
        out.setdefault(top, []).append(p)
    return out


def imports_of(path):
    """The package's top-level modules imported by the file at ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PKG)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").startswith("newsframing"):
                parts = node.module.split(".")[1:]
            elif node.level:
                base = list(rel.parts[:-1])[: len(rel.parts) - node.level]
                parts = base + (node.module.split(".") if node.module else [])
            else:
                continue
            if parts:
                found.add(parts[0])
            else:
                found.update(a.name for a in node.names)
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("newsframing."):
                    found.add(a.name.split(".")[1])
    return found


def test_every_module_has_a_layer():
    assert set(modules()) <= set(LAYERS) | PRESENTATION, set(modules()) - set(LAYERS) - PRESENTATION


@pytest.mark.parametrize("name", sorted(set(LAYERS) | PRESENTATION))
def test_module_imports_only_lower_layers(name):
    files = modules().get(name, [])
    for f in files:
        for dep in imports_of(f) - {name}:
            if name in PRESENTATION:
                assert dep in LAYERS and LAYERS[dep] <= 4 or dep in PRESENTATION, f"{f.name} imports {dep}"
                continue
            assert dep not in PRESENTATION, f"analysis module {f.name} imports presentation module {dep}"
            assert LAYERS[dep] < LAYERS[name], f"{f.relative_to(ROOT)} (layer {LAYERS[name]}) imports {dep} (layer {LAYERS[dep]})"


def test_no_module_is_too_long():
    long = {str(p.relative_to(ROOT)): n for p in PKG.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_helpers_is_a_short_facade_with_an_explicit_all():
    src = (ROOT / "helpers.py").read_text(encoding="utf-8")
    tree = ast.parse(src)
    assert len(src.splitlines()) <= 120
    defs = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert not defs, "helpers.py only re-exports; machinery lives in newsframing/"
    import helpers
    assert helpers.__all__ and all(hasattr(helpers, n) for n in helpers.__all__)
    assert len(set(helpers.__all__)) == len(helpers.__all__)


def test_no_name_prefixes_or_aliased_imports_as_namespaces():
    for p in PKG.rglob("*.py"):
        src = p.read_text(encoding="utf-8")
        for bad in ("_q_", "_fr_", "_s_", "_rd_", "as _q_pd", "as _s_np"):
            assert bad not in src, f"{p.name} uses {bad!r}: namespaces are modules"


def test_cache_key_ignores_presentation_modules():
    from newsframing.pipeline import analysis_sources
    names = {p.name for p in analysis_sources()}
    assert not names & {f"{m}.py" for m in PRESENTATION}
    assert {"extract.py", "speakers.py", "pipeline.py", "vocab.py", "sides.py"} <= names
