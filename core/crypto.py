"""Field encryption and keyed hashes, derived from the one secret key.

Channel user ids are stored twice: as an HMAC (to find the person again) and encrypted with
Fernet (to answer her). Message bodies are encrypted too: they are health data under 152-FZ.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"aist", info=purpose).derive(secret)


class Vault:
    def __init__(self, secret_key: str) -> None:
        secret = secret_key.encode()
        self._hash_key = _derive(secret, b"lookup-hash")
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(secret, b"field-encryption")))

    def lookup_hash(self, *parts: str) -> str:
        message = "\x1f".join(parts).encode()
        return hmac.new(self._hash_key, message, hashlib.sha256).hexdigest()

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken as exc:  # a rotated or wrong key: say so instead of garbling text
            raise ValueError("cannot decrypt a stored field: is AIST_SECRET_KEY the same?") from exc
