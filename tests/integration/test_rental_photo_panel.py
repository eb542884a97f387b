"""Photos of rental items from the panel, over HTTP: staff upload a picture from the phone, it
is stored under a name nobody chose, the item page shows it to logged-in staff, and a file
that only pretends to be a picture is refused with a clear message."""

from __future__ import annotations

import io
import re
import struct
import zlib

from sqlalchemy import select

from core.models import AuditEntry
from core.services import rental
from tests.factories import make_item, make_staff
from tests.integration.test_panel import log_in


def png(width: int = 1, height: int = 1) -> bytes:
    """A real PNG (one white pixel by default)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


async def photo_of(core, item_id: int) -> str | None:
    async with core.uow() as uow:
        return (await rental.get_item(uow, item_id)).photo_url


async def test_a_png_is_stored_under_a_random_name_and_shown_to_staff(core, client):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Коляски", "Коляска синяя", by=coordinator)
    token = await log_in(client, coordinator.login)
    picture = png(2, 2)

    response = await client.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": token},
        files={"photo": ("../../etc/коляска.png", picture, "image/png")},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/rental/items/{item.id}"

    reference = await photo_of(core, item.id)
    assert reference is not None
    match = re.fullmatch(r"media:rental/([0-9a-f]{32}\.png)", reference)
    assert match, reference
    name = match.group(1)
    stored = core.settings.var_dir / "media" / "rental" / name
    assert stored.read_bytes() == picture
    async with core.uow() as uow:
        audit = (
            await uow.session.scalars(
                select(AuditEntry).where(AuditEntry.action == "rental.item.photo")
            )
        ).all()
    assert [(a.staff_id, a.details["item_id"]) for a in audit] == [(coordinator.id, item.id)]

    page = await client.get(f"/rental/items/{item.id}")
    assert "Фото сохранено" in page.text
    assert f'src="/rental/media/{name}"' in page.text
    served = await client.get(f"/rental/media/{name}")
    assert served.status_code == 200 and served.content == picture
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"

    # Only a stored photo's own name is served, only to staff logged in.
    assert (await client.get("/rental/media/secret_key")).status_code == 404
    assert (await client.get("/rental/media/..%2Fsecret_key")).status_code == 404
    client.cookies.clear()
    assert (await client.get(f"/rental/media/{name}")).status_code == 401


async def test_a_text_file_named_jpg_is_refused(core, client):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Кроватки", "Кроватка", by=coordinator)
    token = await log_in(client, coordinator.login)
    response = await client.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": token},
        files={"photo": ("photo.jpg", b"just some text, not a picture\n", "image/jpeg")},
    )
    assert response.status_code == 303
    page = await client.get(f"/rental/items/{item.id}")
    assert "Это не фотография: подходят только JPEG, PNG и WebP." in page.text
    assert await photo_of(core, item.id) is None
    assert not (core.settings.var_dir / "media" / "rental").exists() or not any(
        (core.settings.var_dir / "media" / "rental").iterdir()
    )


async def test_too_big_empty_and_not_a_manager_are_refused(core, client, specialist):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Кроватки", "Кроватка", by=coordinator)
    token = await log_in(client, coordinator.login)
    huge = png() + b"\x00" * rental.MAX_PHOTO_BYTES
    await client.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": token},
        files={"photo": ("big.png", huge, "image/png")},
    )
    assert (
        "Фото слишком большое: можно не больше 5 МБ."
        in (await client.get(f"/rental/items/{item.id}")).text
    )
    await client.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": token},
        files={"photo": ("empty.png", b"", "image/png")},
    )
    assert "Выберите файл с фотографией." in (await client.get(f"/rental/items/{item.id}")).text
    assert await photo_of(core, item.id) is None

    client.cookies.clear()
    token = await log_in(client, specialist.login)
    page = await client.get(f"/rental/items/{item.id}")
    assert f'action="/rental/items/{item.id}/photo"' not in page.text
    await client.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": token},
        files={"photo": ("p.png", png(), "image/png")},
    )
    assert await photo_of(core, item.id) is None


async def test_the_add_item_form_takes_a_photo_and_a_link_still_works(core, client):
    coordinator = await make_staff(core, role="coordinator")
    token = await log_in(client, coordinator.login)
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (90, 90, 200)).save(out, format="JPEG")
    jpeg = out.getvalue()
    response = await client.post(
        "/rental/items",
        data={"csrf": token, "category": "Манежи", "name": "Манеж", "inventory_no": "M-1"},
        files={"photo": ("IMG_0001.HEIC", jpeg, "application/octet-stream")},
    )
    assert response.status_code == 303
    # An empty file field (nothing chosen) and a plain https link, as before.
    await client.post(
        "/rental/items",
        data={
            "csrf": token,
            "category": "Манежи",
            "name": "Манеж 2",
            "inventory_no": "M-2",
            "photo_url": "https://example.org/manezh.jpg",
        },
        files={"photo": ("", b"", "application/octet-stream")},
    )
    async with core.uow() as uow:
        first, second = sorted(await rental.list_items(uow), key=lambda i: i.inventory_no)
    assert re.fullmatch(r"media:rental/[0-9a-f]{32}\.jpg", first.photo_url or "")
    assert second.photo_url == "https://example.org/manezh.jpg"
    page = await client.get(f"/rental/items/{second.id}")
    assert 'href="https://example.org/manezh.jpg"' in page.text


def phone_jpeg() -> bytes:
    """A photo as a phone writes it: 3000×2000, taken sideways (EXIF orientation 6: turn it
    90° to show it upright), with the place it was taken and the phone's name."""
    from PIL import Image

    picture = Image.new("RGB", (3000, 2000), (200, 120, 60))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone X"
    exif[0x8825] = {1: "N", 2: (55.0, 45.0, 1.5), 3: "E", 4: (37.0, 37.0, 2.5)}  # GPS
    out = io.BytesIO()
    picture.save(out, format="JPEG", exif=exif, quality=80)
    return out.getvalue()


async def test_a_phone_photo_is_stored_upright_smaller_and_without_its_metadata(core, client):
    from PIL import Image

    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Коляски", "Коляска зимняя", by=coordinator)
    token = await log_in(client, coordinator.login)
    original = phone_jpeg()
    assert b"Phone X" in original and b"PhoneMaker" in original

    response = await client.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": token},
        files={"photo": ("IMG_0001.jpg", original, "image/jpeg")},
    )
    assert response.status_code == 303
    reference = await photo_of(core, item.id)
    assert reference and reference.endswith(".jpg")
    stored = (core.settings.var_dir / "media" / reference.removeprefix("media:")).read_bytes()
    assert b"Phone X" not in stored and b"PhoneMaker" not in stored
    with Image.open(io.BytesIO(stored)) as kept:
        assert not kept.getexif()  # no place, no phone, no time
        assert kept.size == (1067, 1600)  # upright (it was taken sideways) and scaled down
    assert len(stored) < len(original)


async def test_a_file_that_only_starts_like_a_photo_is_refused(core, client):
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Коляски", "Коляска летняя", by=coordinator)
    token = await log_in(client, coordinator.login)
    fake = b"\xff\xd8\xff\xe0" + b"not really a jpeg" * 100
    await client.post(
        f"/rental/items/{item.id}/photo",
        data={"csrf": token},
        files={"photo": ("IMG_0002.jpg", fake, "image/jpeg")},
    )
    assert await photo_of(core, item.id) is None
    assert "Это не фотография" in (await client.get(f"/rental/items/{item.id}")).text
    assert not list((core.settings.var_dir / "media" / "rental").glob("*"))
