"""Field encryption and keyed hashes, derived from the secret key.

Channel user ids are stored twice: as an HMAC (to find the person again) and encrypted with
Fernet (to answer her). Message bodies are encrypted too: they are health data under 152-FZ.
Each purpose has its own key derived with HKDF-SHA256 (look-up hashes, field encryption;
sessions and signing derive theirs in the panel), so one leaked derived key opens nothing
else.

Keys rotate: the current secret encrypts and hashes; previous secrets (``AIST_PREVIOUS_SECRET_KEYS``)
still decrypt and still find a person by an old hash, until ``aist keys rotate`` has
re-encrypted every field and the old secret can be dropped.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"aist", info=purpose).derive(secret)


def _fernet(secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(_derive(secret.encode(), b"field-encryption")))


class Vault:
    def __init__(self, secret_key: str, previous_keys: Sequence[str] = ()) -> None:
        secrets = [secret_key, *(key for key in previous_keys if key and key != secret_key)]
        self._hash_keys = [_derive(secret.encode(), b"lookup-hash") for secret in secrets]
        self._current = _fernet(secret_key)
        self._fernet = MultiFernet([_fernet(secret) for secret in secrets])

    @property
    def rotating(self) -> bool:
        """Previous keys are configured: old hashes and fields are still read."""
        return len(self._hash_keys) > 1

    def lookup_hash(self, *parts: str) -> str:
        return self._hash(self._hash_keys[0], parts)

    def lookup_hashes(self, *parts: str) -> list[str]:
        """The hash under the current key first, then under each previous key."""
        return [self._hash(key, parts) for key in self._hash_keys]

    @staticmethod
    def _hash(key: bytes, parts: Sequence[str]) -> str:
        message = "\x1f".join(parts).encode()
        return hmac.new(key, message, hashlib.sha256).hexdigest()

    def encrypt(self, plain: str) -> str:
        return self._current.encrypt(plain.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:  # a rotated or wrong key: say so instead of garbling text
            raise ValueError("cannot decrypt a stored field: is AIST_SECRET_KEY the same?") from exc

    def is_current(self, token: str) -> bool:
        """Encrypted under the current key (a field ``aist keys rotate`` may skip)."""
        try:
            self._current.decrypt(token.encode())
        except InvalidToken:
            return False
        return True

    def reencrypt(self, token: str) -> str:
        """The same field under the current key."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken as exc:
            raise ValueError("cannot decrypt a stored field: is AIST_SECRET_KEY the same?") from exc
