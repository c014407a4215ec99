"""The folder tree is the architecture: packages by role, imports only downward, no module too long to read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "build_tools"
# Lowest first: a module may import from its own layer's package or from any layer below it.
LAYERS = ["resources", "model", "resource_files", "folding", "collation", "holding", "memo", "report", "archive", "pages", "engine", "search", "build", "entry"]
ENTRY_POINTS = {"cli", "mkdocs_hook", "__main__", "__init__"}
MAX_LINES = 400


def layer_of(module: str) -> str:
    """The layer of ``build_tools.X...``: its package, or ``entry`` for the entry points on top."""
    top = module.split(".")[1] if "." in module else ""
    return "entry" if top in ENTRY_POINTS or not top else top


def project_modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("build_tools"):
            if node.module != "build_tools":  # ``from build_tools import search`` names the module below
                names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names if alias.name.startswith("build_tools"))
    return names


@pytest.mark.parametrize("path", project_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_point_only_downward(path: Path) -> None:
    own = LAYERS.index(layer_of(module_name(path)))
    for name in imported_modules(path):
        target = layer_of(name)
        if target in LAYERS:
            assert LAYERS.index(target) <= own, f"{module_name(path)} imports {name}, a layer above it"


@pytest.mark.parametrize("path", project_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_are_short_enough_to_read_in_one_sitting(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_modules_have_no_import_cycles() -> None:
    modules = {module_name(path): path for path in project_modules()}
    graph = {name: {m for m in imported_modules(path) if m in modules and m != name} for name, path in modules.items()}
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in graph[name]:
            if state.get(target) == 1:
                pytest.fail("import cycle: " + " → ".join([*trail, name, target]))
            if target not in state:
                visit(target, [*trail, name])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])


def test_every_package_says_what_goes_in_and_comes_out() -> None:
    for path in project_modules():
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if path.name != "__main__.py":
            assert docstring, f"{path.relative_to(PACKAGE)} has no docstring"
