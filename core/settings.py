"""The one place configuration is read from: environment variables with the ``AIST_`` prefix."""

from __future__ import annotations

import ipaddress
import json
import secrets
from datetime import time
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from core.files import write_private

DEFAULT_VAR_DIR = Path("var")
_DEMO_PLACEHOLDER = "change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AIST_", env_file=".env", extra="ignore")

    demo: bool = False
    var_dir: Path = DEFAULT_VAR_DIR
    database_url: str = ""
    redis_url: str | None = None

    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    vk_token: SecretStr | None = None
    vk_group_id: int | None = None
    vk_api_url: str = "https://api.vk.com/method"

    secret_key: SecretStr = SecretStr("")
    # After a key change: the keys before it (a JSON list), still used to read fields and
    # find people until `aist keys rotate` has re-encrypted everything under the new key.
    previous_secret_keys: list[SecretStr] = Field(default_factory=list)
    admin_host: str = "127.0.0.1"
    admin_port: int = 8000
    # The panel's cookie is sent over HTTPS only (Secure), except in the demo on a laptop;
    # set false only behind a proxy that serves the panel over plain HTTP on a closed network.
    session_https_only: bool | None = None

    # Staff sessions (server-side; the cookie and the bearer token carry a random token): a
    # panel session ends after this many idle minutes or hours in all, an API token after
    # its hours; logout, a password change or a disabled account end them at once.
    panel_idle_minutes: int = Field(default=30, ge=1)
    panel_session_hours: float = Field(default=12, gt=0)
    api_token_hours: float = Field(default=12, gt=0)
    # Roles that must use a second factor (TOTP) to log in; comma-separated or a JSON list.
    require_2fa_roles: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["coordinator", "admin"]
    )
    # Addresses (IPs or CIDRs) of the reverse proxies whose X-Forwarded-For is believed.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(default_factory=list)
    # Failed logins: per login and per address, each within its window (then it lapses).
    login_fails_per_login: int = Field(default=8, ge=1)
    login_fails_per_address: int = Field(default=40, ge=1)
    login_window_s: float = Field(default=300.0, gt=0)

    centre_name: str = "Центр помощи семье и детям"
    centre_phone: str = ""
    centre_address: str = ""
    timezone: str = "Europe/Moscow"
    default_locale: str = "ru"
    work_days: list[int] = Field(default_factory=lambda: [0, 1, 2, 3, 4])
    work_start: time = time(9, 0)
    work_end: time = time(18, 0)

    # Delivery: how often a failed send is retried and for how long.
    # Transient failures are retried for this long (a network outage of a day loses nothing).
    delivery_give_up_after_s: float = 2 * 24 * 3600
    delivery_base_delay_s: float = 1.0
    delivery_max_delay_s: float = 300.0
    max_message_chars: int = 4000
    # Channel rate limits: Telegram allows about 30 messages a second overall and one a
    # second per chat; a VK community token, 20 API calls a second.
    telegram_rate_per_s: float = 28.0
    telegram_chat_interval_s: float = 1.0
    vk_rate_per_s: float = 19.0
    vk_chat_interval_s: float = 0.0

    # Crisis handling: the helpline numbers file, and the escalation ladder for an urgent case
    # nobody has accepted: minutes after it became urgent -> step 1 (everyone on shift and
    # the coordinators), step 2 (the coordinators' linked Telegram).
    helplines_file: Path | None = None
    escalation_minutes: list[int] = Field(default_factory=lambda: [5, 15])
    public_url: str = ""
    # Where the web chat's quick exit (and its end after "delete my data") takes the page: a
    # neutral site, so that a glance at the screen shows nothing of the chat.
    quick_exit_url: str = "https://ya.ru/"
    # How the person sees the staff member who answers her: "name" (the first word of the
    # shown name and the role), "role" (only "the centre's specialist"), "none".
    specialist_shown_as: Literal["name", "role", "none"] = "name"
    # While an urgent case waits for a person, each of her messages is acknowledged, but at
    # most once in this many minutes.
    waiting_ack_minutes: int = Field(default=3, ge=0, le=60)

    # The largest file (a photo or a PDF) a person may send through the web chat, in bytes.
    web_attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1)

    # Handled incoming updates keep only their key (for de-duplication), this many days.
    inbound_retention_days: int = 7
    # The texts of a closed conversation are deleted this many days after it was closed (the
    # case stays as an anonymous row for the centre's counts); 0 keeps them.
    closed_case_retention_days: int = Field(default=365, ge=0)
    # Reminders (rental pickups and returns) go out at this local time of day.
    reminder_time: time = time(10, 0)
    # Rental point: how far ahead a pickup can be booked, how long a waiting-list offer is
    # held for her, how many items one person may hold at once, and the documents to bring
    # (empty: the catalogue's default list in locales/).
    rental_booking_days: int = 14
    rental_offer_hold_hours: int = 24
    rental_max_active: int = 3
    rental_documents: list[str] = Field(default_factory=list)
    # The course: how long a freed seat is held for the next in line, when the evening-before
    # reminder goes out, and how long after a group ends the roll names are kept.
    course_offer_hold_hours: int = 24
    course_reminder_eve_at: time = time(18, 0)
    course_roll_retention_days: int = 30

    @field_validator("require_2fa_roles", "trusted_proxies", mode="before")
    @classmethod
    def _word_list(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
            if value.startswith("["):
                return json.loads(value)
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            ipaddress.ip_network(entry, strict=False)  # a ValueError names the bad entry
        return value

    @field_validator("require_2fa_roles")
    @classmethod
    def _roles(cls, value: list[str]) -> list[str]:
        unknown = set(value) - {"specialist", "coordinator", "admin"}
        if unknown:
            raise ValueError(f"unknown roles in AIST_REQUIRE_2FA_ROLES: {sorted(unknown)}")
        return value

    @property
    def secure_cookies(self) -> bool:
        return (not self.demo) if self.session_https_only is None else self.session_https_only

    @model_validator(mode="after")
    def _fill_defaults(self) -> Settings:
        if self.demo and "require_2fa_roles" not in self.model_fields_set:
            self.require_2fa_roles = []  # the demo's logins stay one step; set it to try 2FA
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.var_dir / 'aist.sqlite3'}"
        key = self.secret_key.get_secret_value()
        if not key or key == _DEMO_PLACEHOLDER:
            if not self.demo:
                raise ValueError(
                    "AIST_SECRET_KEY must be set to a long random value outside the demo "
                    "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
                )
            self.secret_key = SecretStr(_demo_secret(self.var_dir))
        elif len(key) < 32:
            raise ValueError("AIST_SECRET_KEY must be at least 32 characters long")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _demo_secret(var_dir: Path) -> str:
    """The demo keeps a generated key under ./var so its data stays readable across runs."""
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    value = secrets.token_urlsafe(48)
    write_private(path, value.encode())
    return value


def load_settings(**overrides: Any) -> Settings:
    return Settings(**overrides)
