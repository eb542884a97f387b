"""Files sent through the web chat (``POST /chat/api/attach``), over HTTP against the demo's
composed app (``build_runtime``: the panel with the web chat and the runtime's fetchers).

A photo goes on her case as a photo and is kept encrypted (0600, not its plain bytes) under
``<var>/web_uploads``; the panel's attachment route gives the specialist the very bytes she
sent; a file too large or of another kind gets the kind refusal and nothing is kept; "delete
my data" and the pruning of closed conversations delete the files from the disk.
"""

from __future__ import annotations

import asyncio
import stat
import struct
import zlib
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from aist.runtime import Runtime, build_runtime
from core.bootstrap import Core
from core.errors import NotFound
from core.models import Case, CaseStatus, Message
from core.services import cases, privacy, uploads
from tests.e2e.test_web_chat import RU, Chat, press
from tests.factories import make_staff
from tests.integration.test_panel import log_in


def png(width: int = 3, height: int = 2) -> bytes:
    """A real (tiny) PNG, red pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PICTURE = png()
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(200)
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(40)
REFUSAL = "Такой файл я передать не могу: можно фото (JPEG, PNG, WEBP) или PDF до 10 МБ."


def stored_files(core: Core) -> list[Path]:
    folder = uploads.uploads_dir(core.settings)
    return sorted(folder.iterdir()) if folder.exists() else []


async def attach(
    chat: Chat,
    content: bytes,
    *,
    text: str | None = None,
    id: str | None = None,
    filename: str = "IMG_0001.png",
    content_type: str = "image/png",
) -> httpx.Response:
    chat.sent += 1
    data = {"id": id or f"f{chat.sent}"}
    if text is not None:
        data["text"] = text
    return await chat.http.post(
        "/chat/api/attach",
        data=data,
        files={"file": (filename, content, content_type)},
        headers=RU,
    )


@pytest.fixture
async def runtime(core: Core) -> AsyncIterator[Runtime]:
    """The demo's composition; its delivery worker runs, so the bot's answers reach the page."""
    core.settings = core.settings.model_copy(update={"demo": True})
    built = build_runtime(core.settings, core=core)
    built.worker.idle_poll_s = 0.05
    task = asyncio.create_task(built.worker.run())
    yield built
    await built.worker.stop()
    await asyncio.wait_for(task, 10)


@pytest.fixture
async def transport(runtime: Runtime) -> httpx.ASGITransport:
    return httpx.ASGITransport(app=runtime.app)


@pytest.fixture
async def chat(transport: httpx.ASGITransport) -> AsyncIterator[Chat]:
    async with httpx.AsyncClient(
        transport=transport, base_url="http://chat.test", timeout=30
    ) as http:
        person = Chat(http, [])
        assert (await person.open()).status_code == 200
        yield person


@pytest.fixture
async def panel(core: Core, transport: httpx.ASGITransport) -> AsyncIterator[httpx.AsyncClient]:
    """A specialist logged in to the panel, in a browser of her own."""
    staff = await make_staff(core, name="Анна Петрова")
    async with httpx.AsyncClient(transport=transport, base_url="http://panel.test") as http:
        await log_in(http, staff.login)
        yield http


async def open_conversation(chat: Chat) -> None:
    """/start, "talk to a specialist", a topic: her case is open."""
    await chat.send("/start")
    menu = (await chat.wait_for(2))[-1]
    await chat.send(payload=press(chat, menu, "Поговорить"))
    await chat.wait_for(3)
    await chat.send(payload="t:other")
    await chat.wait_for(4)


async def case_messages(core: Core) -> list[Message]:
    async with core.uow() as uow:
        return list(await uow.session.scalars(select(Message).where(Message.direction == "in")))


async def pressed(chat: Chat, label: str) -> None:
    """Waits for the next message with a button labelled ``label`` and presses it."""
    seen = len(chat.seen)
    for _ in range(50):
        for message in chat.seen[seen:]:
            if any(label in text for text in chat.labels(message)):
                await chat.send(payload=press(chat, message, label))
                return
        await chat.wait_for(len(chat.seen) + 1)
    raise AssertionError(f"no button {label!r}")


async def forget_her(chat: Chat) -> None:
    """/menu, "my data", "delete my data", "yes": the bot's own way, pressed in the chat."""
    await chat.send("/menu")
    await pressed(chat, "Мои данные")
    await pressed(chat, "Удалить мои данные")
    await pressed(chat, "Да, удалить")


async def test_a_photo_goes_on_her_case_encrypted_and_the_panel_opens_the_very_bytes(
    core: Core, chat: Chat, panel: httpx.AsyncClient
) -> None:
    await open_conversation(chat)
    response = await attach(chat, PICTURE, text="  Вот справка  ")
    assert response.status_code == 200, response.text
    assert response.json()["ok"] is True and response.json()["duplicate"] is False
    assert response.headers["cache-control"] == "no-store"

    # On her case before anything answered her: a photo, its caption, a web reference.
    [message] = await case_messages(core)
    assert message.kind == "photo"
    async with core.uow() as uow:
        assert uow.vault.decrypt(message.body_enc) == "Вот справка"
        assert message.attachment_enc is not None
        reference = uow.vault.decrypt(message.attachment_enc)
    assert reference.startswith("web:")

    # On the disk: one file, 0600 in a 0700 folder, under a random name, not the picture.
    [path] = stored_files(core)
    assert path.name == reference.removeprefix("web:") and len(path.name) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    on_disk = path.read_bytes()
    assert PICTURE not in on_disk and on_disk[:8] != PICTURE[:8]
    assert b"IHDR" not in on_disk

    # The panel: the case shows the attachment, and the route gives back her bytes.
    case_id = message.case_id
    page = await panel.get(f"/cases/{case_id}")
    link = f"/cases/{case_id}/attachments/{message.id}"
    assert f'href="{link}"' in page.text
    opened = await panel.get(link)
    assert opened.status_code == 200, opened.text[:300]
    assert opened.content == PICTURE
    assert opened.headers["content-type"] == "image/png"
    assert opened.headers["cache-control"] == "no-store"


async def test_a_pdf_is_a_document_and_every_kind_is_told_by_its_first_bytes(
    core: Core, chat: Chat, panel: httpx.AsyncClient
) -> None:
    await open_conversation(chat)
    # The name and the type the browser gives do not decide: the bytes do.
    sent = [(PDF, "scan.png", "image/png"), (JPEG, "a.pdf", "application/pdf"), (WEBP, "w", "")]
    for content, name, kind in sent:
        response = await attach(chat, content, filename=name, content_type=kind)
        assert response.status_code == 200, response.text
    messages = await case_messages(core)
    assert [m.kind for m in messages] == ["document", "photo", "photo"]
    types = []
    for message, (content, _, _) in zip(messages, sent, strict=True):
        opened = await panel.get(f"/cases/{message.case_id}/attachments/{message.id}")
        assert opened.status_code == 200 and opened.content == content
        types.append(opened.headers["content-type"].split(";")[0])
    # A PDF is handed over as a download, never shown inline by the panel.
    assert types == ["application/octet-stream", "image/jpeg", "image/webp"]


async def test_a_retried_attachment_with_the_same_id_is_kept_once(core: Core, chat: Chat) -> None:
    await open_conversation(chat)
    first = await attach(chat, PICTURE, id="same-file")
    again = await attach(chat, PICTURE, id="same-file")
    assert first.json()["duplicate"] is False and again.json()["duplicate"] is True
    assert len(await case_messages(core)) == 1
    assert len(stored_files(core)) == 1  # the retry's copy went again at once


@pytest.mark.parametrize(
    ("content", "filename", "content_type"),
    [
        (b"GIF89a" + bytes(30), "cat.gif", "image/gif"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "x.png", "image/png"),
        (b"PK\x03\x04" + bytes(30), "letter.pdf", "application/pdf"),  # a .docx
        (b"", "empty.png", "image/png"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "voice.webp", "image/webp"),
    ],
)
async def test_a_file_of_another_kind_is_refused_kindly_and_nothing_is_kept(
    core: Core, chat: Chat, content: bytes, filename: str, content_type: str
) -> None:
    await open_conversation(chat)
    response = await attach(
        chat, content, text="посмотрите", filename=filename, content_type=content_type
    )
    assert response.status_code == 415
    assert response.json() == {"detail": REFUSAL}
    assert await case_messages(core) == []
    assert stored_files(core) == []


async def test_a_file_over_the_limit_is_refused_in_her_language_and_nothing_is_kept(
    core: Core, chat: Chat
) -> None:
    await open_conversation(chat)
    limit = 100 * 1024
    core.settings = core.settings.model_copy(update={"web_attachment_max_bytes": limit})
    big = b"\xff\xd8\xff\xe0" + bytes(limit)  # a JPEG's start, 4 bytes over the limit
    response = await attach(chat, big, filename="big.jpg", content_type="image/jpeg")
    assert response.status_code == 413
    assert response.json() == {"detail": REFUSAL.replace("10 МБ", "0.1 МБ")}
    english = await chat.http.post(
        "/chat/api/attach",
        data={"id": "en"},
        files={"file": ("big.jpg", big, "image/jpeg")},
        headers={"Accept-Language": "en"},
    )
    assert english.status_code == 413
    assert english.json()["detail"].startswith("I cannot pass on a file like this")
    assert stored_files(core) == [] and await case_messages(core) == []
    # Exactly at the limit is taken.
    at_limit = big[:limit]
    assert (await attach(chat, at_limit, content_type="image/jpeg")).status_code == 200
    assert [m.kind for m in await case_messages(core)] == ["photo"]
    assert len(stored_files(core)) == 1


PHONE_PHOTO = 3 * 1024 * 1024  # about what a phone's camera makes


async def test_a_phone_sized_photo_under_the_default_limit_is_taken(core: Core, chat: Chat) -> None:
    """Through the whole app: the panel's body limit (admin/limits.py) lets it through."""
    await open_conversation(chat)
    photo = b"\xff\xd8\xff\xe0" + bytes(PHONE_PHOTO)
    response = await attach(chat, photo, filename="IMG_0002.jpg", content_type="image/jpeg")
    assert response.status_code == 200, response.text
    assert [m.kind for m in await case_messages(core)] == ["photo"]


async def test_no_cookie_no_file_or_no_id_is_refused(
    core: Core, chat: Chat, transport: httpx.ASGITransport
) -> None:
    async with httpx.AsyncClient(transport=transport, base_url="http://chat.test") as stranger:
        response = await stranger.post(
            "/chat/api/attach", data={"id": "1"}, files={"file": ("a.png", PICTURE)}, headers=RU
        )
    assert response.status_code == 400
    no_file = await chat.http.post("/chat/api/attach", data={"id": "1"}, headers=RU)
    assert no_file.status_code == 422 and no_file.json() == {"detail": REFUSAL}
    as_json = await chat.http.post("/chat/api/attach", json={"id": "1"}, headers=RU)
    assert as_json.status_code == 422
    no_id = await chat.http.post("/chat/api/attach", files={"file": ("a.png", PICTURE)}, headers=RU)
    assert no_id.status_code == 422
    assert stored_files(core) == [] and await case_messages(core) == []


async def test_delete_my_data_deletes_her_files_from_the_disk(
    core: Core, chat: Chat, panel: httpx.AsyncClient
) -> None:
    await open_conversation(chat)
    assert (await attach(chat, PICTURE)).status_code == 200
    assert (await attach(chat, PDF, content_type="application/pdf")).status_code == 200
    [photo, _] = await case_messages(core)
    assert len(stored_files(core)) == 2

    await forget_her(chat)
    for _ in range(100):
        if not stored_files(core):
            break
        await asyncio.sleep(0.05)
    assert stored_files(core) == []
    assert await case_messages(core) == []
    # The panel's link leads nowhere now.
    gone = await panel.get(f"/cases/{photo.case_id}/attachments/{photo.id}")
    assert gone.status_code == 404


async def test_a_file_no_message_names_any_more_goes_with_her_data_too(
    core: Core, chat: Chat, transport: httpx.ASGITransport
) -> None:
    """Outside a conversation what she sends waits for her to choose a topic; if she goes to
    the menu instead, no message names the file. Forgetting her deletes it all the same,
    and nobody else's file."""
    async with httpx.AsyncClient(transport=transport, base_url="http://chat.test") as other:
        someone = Chat(other, [])
        await someone.open()
        await someone.send("/start")
        assert (await attach(someone, PDF, content_type="application/pdf")).status_code == 200
    [theirs] = stored_files(core)

    await chat.send("/start")
    await chat.wait_for(2)
    assert (await attach(chat, PICTURE, text="вот")).status_code == 200
    await chat.wait_for(3)  # the offer to pass it to a person
    assert len(stored_files(core)) == 2 and await case_messages(core) == []
    await forget_her(chat)  # by way of the menu: what waited for a topic is dropped
    for _ in range(100):
        if len(stored_files(core)) == 1:
            break
        await asyncio.sleep(0.05)
    assert stored_files(core) == [theirs]


async def test_pruning_closed_conversations_deletes_their_files_after_the_commit(
    core: Core, chat: Chat
) -> None:
    await open_conversation(chat)
    assert (await attach(chat, PICTURE)).status_code == 200
    [message] = await case_messages(core)
    async with core.uow() as uow:
        case = await uow.session.get_one(Case, message.case_id)
        case.status = CaseStatus.closed
        days = core.settings.closed_case_retention_days + 1
        case.closed_at = uow.clock.now() - timedelta(days=days)
        await uow.commit()

    # A run that does not commit deletes nothing: the messages are still there.
    async with core.uow() as uow:
        assert await privacy.prune_closed_conversations(uow) >= 1
        await uow.rollback()
    assert len(stored_files(core)) == 1
    async with core.uow() as uow:
        assert await privacy.prune_closed_conversations(uow) >= 1
        assert len(stored_files(core)) == 1  # not before the commit
        await uow.commit()
    assert stored_files(core) == []
    assert await case_messages(core) == []


async def test_a_forget_rolled_back_keeps_the_files(core: Core, chat: Chat) -> None:
    await open_conversation(chat)
    assert (await attach(chat, PICTURE)).status_code == 200
    [message] = await case_messages(core)
    async with core.uow() as uow:
        case = await uow.session.get_one(Case, message.case_id)
        await privacy.forget_client(uow, client_id=case.client_id)
        await uow.rollback()
    assert len(stored_files(core)) == 1
    async with core.uow() as uow:
        detail = await cases.get_case(uow, case_id=message.case_id, staff_id=None)
    assert [m.kind for m in detail.messages if m.direction == "in"] == ["photo"]


def test_the_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from core.settings import Settings

    assert Settings(demo=True, _env_file=None).web_attachment_max_bytes == 10 * 1024 * 1024
    monkeypatch.setenv("AIST_WEB_ATTACHMENT_MAX_BYTES", "2097152")
    assert Settings(demo=True, _env_file=None).web_attachment_max_bytes == 2 * 1024 * 1024


def test_a_reference_is_never_a_path(core: Core) -> None:
    folder = uploads.uploads_dir(core.settings)
    folder.mkdir(parents=True)
    secret = folder.parent / "secret_key"
    secret.write_text("x")
    for reference in ("web:../secret_key", "web:", "telegram:abc", "web:" + "A" * 32):
        assert uploads.delete_uploads(core.settings, [reference]) == 0
        with pytest.raises(NotFound):
            uploads.read_upload(core.settings, core.vault, reference)
    assert secret.exists()


def test_a_key_rotation_can_bring_the_files_under_the_new_key(core: Core) -> None:
    from core.crypto import Vault
    from tests.conftest import TEST_SECRET

    reference = uploads.store_upload(core.settings, core.vault, PICTURE, owner="o" * 24)
    new_key = "a-new-secret-key-that-is-long-enough-9876543210"
    rotating = Vault(new_key, [TEST_SECRET])
    assert uploads.read_upload(core.settings, rotating, reference).content == PICTURE
    assert uploads.reencrypt_uploads(core.settings, rotating) == 1
    assert uploads.reencrypt_uploads(core.settings, rotating) == 0
    assert uploads.read_upload(core.settings, Vault(new_key), reference).content == PICTURE
    # Her files are still hers under either key while both are configured.
    assert uploads.uploads_of(core.settings, rotating, "o" * 24) == [reference]
