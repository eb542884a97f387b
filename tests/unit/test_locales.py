"""Every user-facing word comes from locales/: both languages hold the same keys, and every
key the code or a template names literally exists."""

from __future__ import annotations

import re
from pathlib import Path

from fluent.syntax import FluentParser, ast

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(
    r"""\b(?:say|button|t|i18n|flash_key|error_page)\(\s*(?:[\w.]+,\s*){0,2}["']([a-z][a-z0-9-]+)["']"""
)


def keys(lang: str) -> set[str]:
    found: set[str] = set()
    parser = FluentParser()
    for path in sorted((ROOT / "locales" / lang).glob("*.ftl")):
        resource = parser.parse(path.read_text(encoding="utf-8"))
        junk = [e for e in resource.body if isinstance(e, ast.Junk)]
        assert not junk, f"{path}: syntax error near {junk[0].content[:80]!r}"
        found |= {e.id.name for e in resource.body if isinstance(e, ast.Message)}
    return found


def test_russian_and_english_hold_the_same_keys():
    ru, en = keys("ru"), keys("en")
    assert sorted(ru - en) == [], "missing in English"
    assert sorted(en - ru) == [], "missing in Russian"


def test_every_key_named_in_code_and_templates_exists():
    known = keys("ru")
    sources = [
        *ROOT.glob("bot/**/*.py"),
        *ROOT.glob("core/**/*.py"),
        *ROOT.glob("admin/**/*.py"),
        *ROOT.glob("aist/**/*.py"),
        *ROOT.glob("admin/templates/*.html"),
    ]
    missing = set()
    for path in sources:
        for key in CALL.findall(path.read_text(encoding="utf-8")):
            if "-" in key and not key.endswith("-") and key not in known:
                missing.add(f"{path.relative_to(ROOT)}: {key}")
    assert sorted(missing) == []
