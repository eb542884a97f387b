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


@dataclass(frozen=True)
class Shelter:
    """A place that takes a mother with children for the night (a crisis department, a
    shelter), with its phone and hours, as the centre wrote it."""

    name: str
    phone: str
    address: str
    hours: str
    source: str


def load_shelters(path: Path | None = None) -> list[Shelter]:
    data = tomllib.loads((path or DEFAULT_FILE).read_text(encoding="utf-8"))
    shelters = []
    for item in data.get("shelter", []):
        if not item.get("name") or not item.get("phone") or not item.get("source"):
            raise ValueError(f"shelter {item.get('name')!r} needs a name, a phone and its source")
        shelters.append(
            Shelter(
                name=str(item["name"]),
                phone=str(item["phone"]),
                address=str(item.get("address", "")),
                hours=str(item.get("hours", "")),
                source=str(item["source"]),
            )
        )
    return shelters


def lines_for(helplines: list[Helpline], groups: set[str]) -> list[Helpline]:
    """The lines that fit the signals, in the file's order; the "*" lines always."""
    return [line for line in helplines if "*" in line.groups or groups & set(line.groups)]
