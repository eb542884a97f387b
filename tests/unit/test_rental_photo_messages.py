"""A message's photo survives the outbox's JSON (rows queued before photos existed still load),
an image is known by its bytes, and a photo reference never reaches outside the media folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.messages import Button, Outgoing
from core.services.rental.photos import image_kind, photo_file, photo_name

NAME = "0123456789abcdef0123456789abcdef.png"


def test_the_photo_goes_through_the_outbox_json_and_old_rows_still_load():
    message = Outgoing("Коляска", [[Button("Меню", "menu")]], photo=f"media:rental/{NAME}")
    assert Outgoing.from_dict(json.loads(json.dumps(message.to_dict()))) == message
    old = {"text": "Напоминание", "buttons": [[{"text": "Меню", "payload": "menu"}]]}
    loaded = Outgoing.from_dict(old)
    assert loaded.photo is None and loaded.text == "Напоминание"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "png"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "webp"),
        (b"GIF89a", None),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
        (b"just text named photo.jpg", None),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),
    ],
)
def test_an_image_is_known_by_its_bytes(content: bytes, kind: str | None):
    assert image_kind(content) == kind


def test_a_reference_reaches_only_a_stored_photo(tmp_path: Path):
    folder = tmp_path / "media" / "rental"
    folder.mkdir(parents=True)
    (folder / NAME).write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret_key").write_text("secret")
    assert photo_file(tmp_path, f"media:rental/{NAME}") == folder / NAME
    for reference in (
        "media:rental/../../secret_key",
        "media:rental/../secret_key",
        "media:other/" + NAME,
        "media:rental/" + "f" * 32 + ".png",  # no such file
        "https://example.org/a.png",
        "",
        None,
    ):
        assert photo_file(tmp_path, reference) is None, reference
    assert photo_name(f"media:rental/{NAME}") == NAME
    assert photo_name("https://example.org/" + NAME) is None
