"""Consent to the processing of personal data (152-FZ), asked only where a service needs a
name or a phone, and recorded with the version of the text she was shown."""

from __future__ import annotations

from sqlalchemy import select

from core.errors import InvalidInput
from core.models import Consent
from core.uow import UnitOfWork

# The version changes whenever the text of a consent screen changes in locales/; a consent
# given to an older text stays recorded with the version it was given to.
CONSENT_VERSIONS = {"rental": "rental-2026-11", "course": "course-2026-11"}


async def give_consent(uow: UnitOfWork, *, client_id: int, purpose: str) -> Consent:
    if purpose not in CONSENT_VERSIONS:
        raise InvalidInput("consent-unknown-purpose")
    current = await active_consent(uow, client_id=client_id, purpose=purpose)
    if current is not None and current.text_version == CONSENT_VERSIONS[purpose]:
        return current
    consent = Consent(
        client_id=client_id,
        purpose=purpose,
        text_version=CONSENT_VERSIONS[purpose],
        given_at=uow.clock.now(),
    )
    uow.session.add(consent)
    await uow.session.flush()
    return consent


async def active_consent(uow: UnitOfWork, *, client_id: int, purpose: str) -> Consent | None:
    return await uow.session.scalar(
        select(Consent)
        .where(
            Consent.client_id == client_id,
            Consent.purpose == purpose,
            Consent.withdrawn_at.is_(None),
        )
        .order_by(Consent.id.desc())
        .limit(1)
    )


async def has_consent(uow: UnitOfWork, *, client_id: int, purpose: str) -> bool:
    consent = await active_consent(uow, client_id=client_id, purpose=purpose)
    return consent is not None and consent.text_version == CONSENT_VERSIONS[purpose]


async def withdraw_consent(uow: UnitOfWork, *, client_id: int, purpose: str) -> bool:
    """Withdraws every active consent of hers for the purpose; True when there was one.
    The services that hold the data (a booking's phone, a roll name) erase it themselves."""
    found = await uow.session.scalars(
        select(Consent).where(
            Consent.client_id == client_id,
            Consent.purpose == purpose,
            Consent.withdrawn_at.is_(None),
        )
    )
    now = uow.clock.now()
    withdrawn = False
    for consent in found:
        consent.withdrawn_at = now
        withdrawn = True
    return withdrawn
