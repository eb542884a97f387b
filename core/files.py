"""Files Aist writes (the database, the demo key, photos): readable by its own user only."""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """``path`` and its missing parents, created 0700; a folder that exists already is left
    as it is (it may be a system folder such as /tmp)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    for folder in reversed(missing):  # mkdir(parents=True) would give the parents 0777 & umask
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        folder.chmod(DIR_MODE)
    return path


def write_private(path: Path, content: bytes) -> None:
    """Written 0600 from the first byte (not created readable and narrowed afterwards)."""
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    path.chmod(FILE_MODE)
