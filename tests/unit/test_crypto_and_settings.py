from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from core.crypto import Vault
from core.settings import Settings

KEY = "k" * 40


def test_lookup_hash_is_keyed_and_stable() -> None:
    vault = Vault(KEY)
    assert vault.lookup_hash("telegram", "42") == Vault(KEY).lookup_hash("telegram", "42")
    assert vault.lookup_hash("telegram", "42") != Vault("x" * 40).lookup_hash("telegram", "42")
    assert vault.lookup_hash("telegram", "42") != vault.lookup_hash("vk", "42")
    assert len(vault.lookup_hash("telegram", "42")) == 64


def test_encryption_round_trips_and_hides_the_text() -> None:
    vault = Vault(KEY)
    token = vault.encrypt("муж бьёт меня")
    assert "муж" not in token
    assert vault.decrypt(token) == "муж бьёт меня"
    with pytest.raises(ValueError, match="AIST_SECRET_KEY"):
        Vault("y" * 40).decrypt(token)


def test_settings_refuse_a_missing_or_short_secret_outside_the_demo(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="AIST_SECRET_KEY"):
        Settings(var_dir=tmp_path, secret_key="")
    with pytest.raises(ValidationError, match="at least 32"):
        Settings(var_dir=tmp_path, secret_key="short")
    with pytest.raises(ValidationError, match="AIST_SECRET_KEY"):
        Settings(var_dir=tmp_path, secret_key="change-me")


def test_demo_generates_and_keeps_its_own_secret(tmp_path: Path) -> None:
    first = Settings(demo=True, var_dir=tmp_path)
    second = Settings(demo=True, var_dir=tmp_path)
    assert len(first.secret_key.get_secret_value()) >= 32
    assert first.secret_key == second.secret_key
    assert first.database_url == f"sqlite+aiosqlite:///{tmp_path / 'aist.sqlite3'}"
    assert "secret" not in repr(first).lower() or "**" in repr(first)


def test_the_panel_cookie_is_secure_outside_the_demo(tmp_path):
    from core.settings import Settings

    production = Settings(secret_key="s" * 48, var_dir=tmp_path)
    assert production.secure_cookies is True
    assert Settings(demo=True, var_dir=tmp_path).secure_cookies is False
    closed_network = Settings(secret_key="s" * 48, var_dir=tmp_path, session_https_only=False)
    assert closed_network.secure_cookies is False
