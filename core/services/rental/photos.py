"""Photos of rental items uploaded by staff.

A photo is stored under ``<var_dir>/media/rental/<random>.<ext>``, never under a name anyone
chose, and the item keeps the reference ``media:rental/<file>`` in ``photo_url`` (a plain
https address typed in earlier keeps working). The type is read from the file's first bytes,
not from its name or the browser's word for it.

A phone's photo carries metadata (the place it was taken, the phone, the time) and is often
far larger than a chat shows; Pillow turns it upright by its EXIF orientation, scales it down
to ``MAX_SIDE`` and writes it again without any metadata. A small clean PNG is kept as it is.
"""

from __future__ import annotations

import asyncio
import io
import re
import secrets
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from core.errors import InvalidInput
from core.events import Event
from core.files import write_private
from core.services.audit import record_audit
from core.services.rental.common import require_rental_manager
from core.services.rental.views import get_item
from core.uow import UnitOfWork

MAX_PHOTO_BYTES = 5 * 1024 * 1024
MEDIA_PREFIX = "media:"
RENTAL_MEDIA = "rental"
# A stored photo's file name: what set_item_photo makes, nothing else is ever served.
STORED_NAME = re.compile(r"^[0-9a-f]{32}\.(?:jpg|png|webp)$")
PHOTO_CONTENT_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
MAX_SIDE = 1600  # pixels: sharp on a phone, a few hundred kilobytes
MAX_PIXELS = 50_000_000  # a "photo" that unpacks into more is refused, not decoded


def image_kind(content: bytes) -> str | None:
    """``jpg``, ``png`` or ``webp`` by the file's magic bytes; None for anything else."""
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(content) >= 12 and content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    return None


def media_dir(var_dir: Path) -> Path:
    return var_dir / "media" / RENTAL_MEDIA


def stored_photo(var_dir: Path, name: str) -> Path | None:
    """The file of a stored photo by its file name, or None when there is no such photo."""
    if not STORED_NAME.match(name):
        return None
    path = media_dir(var_dir) / name
    return path if path.is_file() else None


def photo_file(var_dir: Path, reference: str | None) -> Path | None:
    """The local file behind a ``media:rental/<file>`` reference; None for an address or a
    reference whose file is gone."""
    if not reference or not reference.startswith(MEDIA_PREFIX):
        return None
    folder, _, name = reference[len(MEDIA_PREFIX) :].partition("/")
    if folder != RENTAL_MEDIA:
        return None
    return stored_photo(var_dir, name)


def photo_name(reference: str | None) -> str | None:
    """The file name of a stored photo's reference (for the panel's thumbnail)."""
    if not reference or not reference.startswith(f"{MEDIA_PREFIX}{RENTAL_MEDIA}/"):
        return None
    name = reference.rsplit("/", 1)[-1]
    return name if STORED_NAME.match(name) else None


def check_photo(content: bytes) -> str:
    """The kind of an acceptable photo; refuses an empty, too large or non-image file."""
    if not content:
        raise InvalidInput("rental-photo-empty")
    if len(content) > MAX_PHOTO_BYTES:
        raise InvalidInput("rental-photo-too-big", megabytes=MAX_PHOTO_BYTES // (1024 * 1024))
    kind = image_kind(content)
    if kind is None:
        raise InvalidInput("rental-photo-not-image")
    return kind


def clean_photo(content: bytes, kind: str) -> tuple[bytes, str]:
    """The photo upright, at most ``MAX_SIDE`` pixels a side, without metadata; and its kind.
    Refuses a file that only looks like an image or unpacks into too many pixels."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise InvalidInput("rental-photo-not-image")
            clean = kind == "png" and not image.info and max(image.size) <= MAX_SIDE
            if clean:
                image.verify()
                return content, kind
            image.load()
            picture = ImageOps.exif_transpose(image)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise InvalidInput("rental-photo-not-image") from exc
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if picture.mode in ("RGBA", "LA", "P") and kind != "jpg":
        picture.save(out, format="PNG", optimize=True)
        return out.getvalue(), "png"
    picture.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue(), "jpg"


async def set_item_photo(uow: UnitOfWork, *, staff_id: int, item_id: int, content: bytes) -> str:
    """Stores an uploaded photo of an item and points the item at it; returns the reference.

    The previous file is kept: a message already waiting in the outbox may still name it."""
    await require_rental_manager(uow, staff_id)
    kind = check_photo(content)
    # Decoding a large photo takes a moment: off the event loop, so live chats go on.
    content, kind = await asyncio.to_thread(clean_photo, content, kind)
    item = await get_item(uow, item_id)
    folder = media_dir(uow.settings.var_dir)
    name = f"{secrets.token_hex(16)}.{kind}"
    write_private(folder / name, content)
    reference = f"{MEDIA_PREFIX}{RENTAL_MEDIA}/{name}"
    item.photo_url = reference
    record_audit(
        uow, "rental.item.photo", staff_id=staff_id, item_id=item_id, size=len(content), kind=kind
    )
    uow.emit(Event("rental.changed", {"item_id": item_id}))
    return reference
