"""Files a person sends through the web chat: kept encrypted under ``<var>/web_uploads``.

Telegram and VK keep the files people send and give a reference to fetch them; the web chat
has nobody to keep them, so Aist does. A file is checked by its first bytes (a photo in
JPEG, PNG or WEBP, or a PDF: nothing else is taken), encrypted with the vault (the field
encryption key: the base64 of its bytes is encrypted like any stored field) and written
0600 under a name of 32 hex digits: a keyed hash of who sent it (16, the same for all her
files, told from nothing on the disk without the secret key) and 16 random ones. The message
on her case holds the reference ``web:<name>`` (encrypted, like every channel's reference);
the panel reads the file back through the web channel's fetcher. Pruning a conversation
deletes the files its messages name, and forgetting her deletes every file she sent, also
those no message names any more (sent before she chose a topic, then left behind)
(``core/services/privacy.py``).
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.orm import Session

from core.crypto import Vault
from core.errors import NotFound
from core.files import write_private
from core.settings import Settings
from core.uow import UnitOfWork

CHANNEL = "web"
PREFIX = CHANNEL + ":"
FOLDER = "web_uploads"
_NAME = re.compile(r"[0-9a-f]{32}")
_TAG = 16  # hex digits of the name that tell whose file it is


@dataclass(frozen=True)
class UploadType:
    kind: str  # the message's kind: "photo" or "document"
    content_type: str
    extension: str


JPEG = UploadType("photo", "image/jpeg", ".jpg")
PNG = UploadType("photo", "image/png", ".png")
WEBP = UploadType("photo", "image/webp", ".webp")
PDF = UploadType("document", "application/pdf", ".pdf")


@dataclass(frozen=True)
class Upload:
    content: bytes
    type: UploadType

    @property
    def filename(self) -> str:
        return f"{self.type.kind}{self.type.extension}"


def upload_type(content: bytes) -> UploadType | None:
    """What the file is by its first bytes (never by its name or the browser's word), or
    None when it is not a kind the web chat takes."""
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if len(content) >= 12 and content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return WEBP
    if content.startswith(b"%PDF-"):
        return PDF
    return None


def is_upload(reference: str) -> bool:
    return reference.startswith(PREFIX)


def uploads_dir(settings: Settings) -> Path:
    return settings.var_dir / FOLDER


def _path(settings: Settings, reference: str) -> Path | None:
    """The file a reference names, or None for anything that is not one of ours (a
    reference is never a path: only the random hex name is taken)."""
    if not is_upload(reference):
        return None
    name = reference[len(PREFIX) :]
    if not _NAME.fullmatch(name):
        return None
    return uploads_dir(settings) / name


def _owner_tags(vault: Vault, owner: str) -> list[str]:
    """The start of the names of her files: under the current key first, then under each
    previous key (files sent before a key rotation)."""
    return [h[:_TAG] for h in vault.lookup_hashes("web-upload", owner)]


def store_upload(settings: Settings, vault: Vault, content: bytes, *, owner: str) -> str:
    """Encrypts and writes the file (0600, its folder 0700); returns its reference. ``owner``
    is her web chat id (the channel's user id). The caller has checked the file with
    ``upload_type`` and the size limit."""
    name = _owner_tags(vault, owner)[0] + secrets.token_hex((32 - _TAG) // 2)
    token = vault.encrypt(base64.b64encode(content).decode("ascii"))
    write_private(uploads_dir(settings) / name, token.encode("ascii"))
    return PREFIX + name


def read_upload(settings: Settings, vault: Vault, reference: str) -> Upload:
    """The file a reference names, decrypted; ``NotFound`` when it is not there (deleted,
    or not a reference of ours)."""
    path = _path(settings, reference)
    if path is None or not path.is_file():
        raise NotFound("attachment-not-found")
    try:
        content = base64.b64decode(vault.decrypt(path.read_text("ascii")), validate=True)
    except (UnicodeDecodeError, binascii.Error) as error:
        raise NotFound("attachment-not-found") from error
    kind = upload_type(content)
    if kind is None:  # it was checked when it came: the file on disk is not what was stored
        raise NotFound("attachment-not-found")
    return Upload(content, kind)


def uploads_of(settings: Settings, vault: Vault, owner: str) -> list[str]:
    """The references of every file she sent that is still on the disk."""
    folder = uploads_dir(settings)
    if not folder.is_dir():
        return []
    tags = tuple(_owner_tags(vault, owner))
    return sorted(
        PREFIX + path.name
        for path in folder.iterdir()
        if _NAME.fullmatch(path.name) and path.name.startswith(tags)
    )


def delete_uploads(settings: Settings, references: Iterable[str]) -> int:
    """Deletes the files the references name (others are ignored); returns how many went."""
    deleted = 0
    for reference in references:
        path = _path(settings, reference)
        if path is None:
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        deleted += 1
    return deleted


def reencrypt_uploads(settings: Settings, vault: Vault) -> int:
    """For a key rotation: every file not yet under the current key is written again under
    it (as ``aist keys rotate`` does for the fields); returns how many were."""
    folder = uploads_dir(settings)
    if not folder.is_dir():
        return 0
    done = 0
    for path in sorted(folder.iterdir()):
        if not _NAME.fullmatch(path.name):
            continue
        token = path.read_text("ascii")
        if vault.is_current(token):
            continue
        write_private(path, vault.reencrypt(token).encode("ascii"))
        done += 1
    return done


def delete_uploads_after_commit(uow: UnitOfWork, references: Iterable[str]) -> None:
    """The files go once the transaction that deleted the messages naming them commits; a
    rollback keeps them (the messages are still there and still open them). The unit of
    work has no hook of its own, so this listens to its session's commit and rollback."""
    pending = [r for r in references if is_upload(r)]
    if not pending:
        return
    settings = uow.settings
    session = uow.session.sync_session

    def committed(_: Session) -> None:
        if pending:
            delete_uploads(settings, pending)
            pending.clear()

    def rolled_back(_: Session) -> None:
        pending.clear()

    event.listen(session, "after_commit", committed)
    event.listen(session, "after_rollback", rolled_back)
