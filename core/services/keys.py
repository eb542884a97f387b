"""Key rotation: every encrypted field re-encrypted under the current key, in batches.

Run after the secret key changed, with the old key in ``AIST_PREVIOUS_SECRET_KEYS``:
``aist keys rotate``. Each batch is its own transaction, and a field already under the
current key is passed over, so a rotation stopped half-way simply carries on when run again.
The triage phrases written before they were encrypted are sealed on the way. People found by
a look-up hash of an old key move to the current key the next time they write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update

from core.crypto import Vault
from core.models import Base, Case, Message
from core.services.signals import seal, unseal
from core.services.uploads import reencrypt_uploads
from core.uow import UnitOfWork

BATCH = 500
SIGNAL_TABLES = (Case, Message)


@dataclass
class Rotation:
    """What one run changed, table by table."""

    fields: dict[str, int] = field(default_factory=dict)
    signals: int = 0

    @property
    def total(self) -> int:
        return sum(self.fields.values()) + self.signals


def encrypted_columns() -> list[tuple[Any, list[Any]]]:
    """Every model with encrypted columns (named ``*_enc``) and those columns."""
    found = []
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        columns = [c for c in table.columns if c.name.endswith("_enc")]
        if columns:
            found.append((mapper.class_, columns))
    return sorted(found, key=lambda pair: pair[0].__name__)


async def rotate_keys(
    open_uow: Callable[[], Any],
    *,
    batch: int = BATCH,
) -> Rotation:
    """Re-encrypts every field not yet under the current key; ``open_uow`` gives a fresh
    unit of work for each batch (``core.uow``), so each batch commits on its own."""
    rotation = Rotation()
    for model, columns in encrypted_columns():
        done = await _rotate_model(open_uow, model, columns, batch)
        rotation.fields[model.__tablename__] = done
    for model in SIGNAL_TABLES:
        rotation.signals += await _rotate_signals(open_uow, model, batch)
    async with open_uow() as uow:
        rotation.fields["web_uploads"] = reencrypt_uploads(uow.settings, uow.vault)
    return rotation


async def _rotate_model(
    open_uow: Callable[[], Any], model: Any, columns: list[Any], batch: int
) -> int:
    changed = 0
    after = 0
    key = model.__table__.primary_key.columns.values()[0]
    while True:
        async with open_uow() as uow:
            rows = (
                await uow.session.execute(
                    select(key, *columns).where(key > after).order_by(key).limit(batch)
                )
            ).all()
            if not rows:
                return changed
            for row in rows:
                values = _stale(uow.vault, columns, row[1:])
                if values:
                    await uow.session.execute(
                        update(model.__table__).where(key == row[0]).values(**values)
                    )
                    changed += 1
            await uow.commit()
            after = rows[-1][0]


def _stale(vault: Vault, columns: list[Any], values: Any) -> dict[str, str]:
    """The row's fields under an old key, re-encrypted under the current one."""
    return {
        column.name: vault.reencrypt(value)
        for column, value in zip(columns, values, strict=True)
        if _is_old(vault, value)
    }


def _is_old(vault: Vault, value: str | None) -> bool:
    return bool(value) and not vault.is_current(str(value))


async def _rotate_signals(open_uow: Callable[[], Any], model: Any, batch: int) -> int:
    """Triage phrases: sealed when written before they were encrypted, re-encrypted when
    under an old key."""
    changed = 0
    after = 0
    while True:
        async with open_uow() as uow:
            rows = (
                await uow.session.execute(
                    select(model.id, model.signals)
                    .where(model.id > after)
                    .order_by(model.id)
                    .limit(batch)
                )
            ).all()
            if not rows:
                return changed
            for row_id, stored in rows:
                if stored and not _signals_current(uow.vault, stored):
                    resealed = seal(uow.vault, unseal(uow.vault, stored))
                    await uow.session.execute(
                        update(model).where(model.id == row_id).values(signals=resealed)
                    )
                    changed += 1
            await uow.commit()
            after = rows[-1][0]


def _signals_current(vault: Vault, stored: list[dict[str, Any]]) -> bool:
    return all(
        "phrase" not in signal
        and (not signal.get("phrase_enc") or vault.is_current(signal["phrase_enc"]))
        for signal in stored
    )


async def count_stale(uow: UnitOfWork) -> int:
    """How many rows still hold a field under an old key (for a check after a rotation)."""
    stale = 0
    for model, columns in encrypted_columns():
        key = model.__table__.primary_key.columns.values()[0]
        for row in (await uow.session.execute(select(key, *columns))).all():
            stale += any(_is_old(uow.vault, value) for value in row[1:])
    return stale
