"""Emergency and helpline numbers, from a configuration file a centre can edit."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "config" / "helplines.toml"


@dataclass(frozen=True)
class Helpline:
    id: str
    number: str
    ru: str
    en: str
    groups: tuple[str, ...]
    always_open: bool
    source: str

    def describe(self, locale: str) -> str:
        return self.en if locale == "en" else self.ru


def load_helplines(path: Path | None = None) -> list[Helpline]:
    data = tomllib.loads((path or DEFAULT_FILE).read_text(encoding="utf-8"))
    lines = []
    for item in data.get("line", []):
        if not item.get("number") or not item.get("source"):
            raise ValueError(f"helpline {item.get('id')!r} needs a number and its source")
        lines.append(
            Helpline(
                id=str(item["id"]),
                number=str(item["number"]),
                ru=str(item.get("ru", "")),
                en=str(item.get("en", item.get("ru", ""))),
                groups=tuple(item.get("groups", ["*"])),
                always_open=bool(item.get("always_open", True)),
                source=str(item["source"]),
            )
        )
    return lines


def lines_for(helplines: list[Helpline], groups: set[str]) -> list[Helpline]:
    """The lines that fit the signals, in the file's order; the "*" lines always."""
    return [line for line in helplines if "*" in line.groups or groups & set(line.groups)]
