"""core/ knows no channel or web framework; bot/dialogs/ knows no channel library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RULES = {
    "core": {
        "aiogram",
        "vk_api",
        "fastapi",
        "starlette",
        "jinja2",
        "uvicorn",
        "bot",
        "admin",
        "aist",
    },
    "bot/dialogs": {"aiogram", "vk_api", "fastapi", "starlette", "jinja2", "uvicorn", "admin"},
}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(RULES))
def test_package_imports_nothing_forbidden(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package} has no modules"
    violations = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in sorted(imported_roots(path) & RULES[package])
    ]
    assert violations == []


def test_the_scanner_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom aiogram.types import Message\n")
    assert "aiogram" in imported_roots(sample) & RULES["core"]
