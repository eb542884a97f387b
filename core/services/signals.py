"""Triage signals as stored: the group and the level in the open (they are counted), the
phrase of her message encrypted (a span of what she wrote can hold a name or an address)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.crypto import Vault

SEALED = "phrase_enc"


def seal(vault: Vault, signals: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Signals as they go into the database: the phrase encrypted, nothing else changed."""
    stored = []
    for signal in signals:
        kept = {k: v for k, v in signal.items() if k not in ("phrase", SEALED)}
        phrase = str(signal.get("phrase") or "")
        if phrase:
            kept[SEALED] = vault.encrypt(phrase)
        stored.append(kept)
    return stored


def unseal(vault: Vault, stored: Iterable[dict[str, Any]] | None) -> list[dict[str, Any]]:
    """Signals as the staff read them, with their phrase; a row written before phrases were
    encrypted still reads (until ``aist keys rotate`` re-encrypts it)."""
    signals = []
    for signal in stored or []:
        opened = {k: v for k, v in signal.items() if k != SEALED}
        if SEALED in signal:
            opened["phrase"] = vault.decrypt(str(signal[SEALED]))
        else:
            opened["phrase"] = str(signal.get("phrase") or "")
        signals.append(opened)
    return signals
