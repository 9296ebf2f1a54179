"""The layout holds: modules of a readable size, no import cycle, and tests that use each
package through its public names. The layer contracts themselves are import-linter's
(``lint-imports``, in .ci/run; ``[tool.importlinter]`` in pyproject.toml)."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hygiene"
MAX_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    sizes = {
        path.relative_to(ROOT).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert {path: size for path, size in sizes.items() if size > MAX_LINES} == {}


def test_no_import_cycle() -> None:
    """No module reaches itself through what it imports. The root package only holds the
    version and lazy exports, so importing it is not counted."""
    graph = grimp.build_graph("hygiene", exclude_type_checking_imports=True)
    for module in list(graph.modules):
        if graph.direct_import_exists(importer=module, imported="hygiene"):
            graph.remove_import(importer=module, imported="hygiene")
    cycles = sorted(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    )
    assert cycles == []


def _private_uses(path: Path) -> list[str]:
    """Names starting with one underscore that a test imports from hygiene, or reads off a
    hygiene module it imported."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("hygiene"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{node.lineno}: {node.module}.{alias.name}")
                elif alias.name[:1].islower():
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("hygiene"):
                    modules.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(f"{node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "tests").glob("test_*.py")), ids=lambda p: p.name)
def test_tests_use_public_names(path: Path) -> None:
    assert _private_uses(path) == []
