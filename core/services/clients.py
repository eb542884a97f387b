"""People who write to the bot: found by a keyed hash of their channel id, named by a pseudonym."""

from __future__ import annotations

import secrets

from sqlalchemy import select

from core.models import ChannelIdentity, Client
from core.uow import UnitOfWork

PSEUDONYM_PREFIX = "Гость"


async def identify_client(
    uow: UnitOfWork, *, channel: str, user_id: str, address: str, locale: str
) -> tuple[Client, ChannelIdentity]:
    """The person behind a channel id, registered on first contact under a new pseudonym."""
    lookup, *older = uow.vault.lookup_hashes(channel, user_id)
    found = (
        await uow.session.execute(
            select(ChannelIdentity, Client)
            .join(Client, Client.id == ChannelIdentity.client_id)
            .where(
                ChannelIdentity.channel == channel,
                ChannelIdentity.lookup_hash.in_([lookup, *older])
                if older
                else ChannelIdentity.lookup_hash == lookup,
            )
        )
    ).first()
    now = uow.clock.now()
    if found is not None:
        identity, client = found
        # Found under a key before the last rotation: from now on under the current one.
        identity.lookup_hash = lookup
        client.last_seen_at = now
        if uow.vault.decrypt(identity.address_enc) != address:
            identity.address_enc = uow.vault.encrypt(address)
        return client, identity
    client = Client(
        pseudonym=await _free_pseudonym(uow),
        locale=locale,
        created_at=now,
        last_seen_at=now,
    )
    uow.dialogs.start_over(client)
    uow.session.add(client)
    await uow.session.flush()
    identity = ChannelIdentity(
        client_id=client.id,
        channel=channel,
        lookup_hash=lookup,
        address_enc=uow.vault.encrypt(address),
        created_at=now,
    )
    uow.session.add(identity)
    await uow.session.flush()
    return client, identity


async def _free_pseudonym(uow: UnitOfWork) -> str:
    digits = 4
    for attempt in range(40):
        if attempt and attempt % 10 == 0:
            digits += 1
        candidate = (
            f"{PSEUDONYM_PREFIX}-{secrets.randbelow(9 * 10 ** (digits - 1)) + 10 ** (digits - 1)}"
        )
        taken = await uow.session.scalar(select(Client.id).where(Client.pseudonym == candidate))
        if taken is None:
            return candidate
    return f"{PSEUDONYM_PREFIX}-{secrets.token_hex(6)}"


async def is_known(uow: UnitOfWork, *, channel: str, user_id: str) -> bool:
    """Whether this channel's user still has an identity here (not after "delete my data")."""
    lookups = uow.vault.lookup_hashes(channel, user_id)
    found = await uow.session.scalar(
        select(ChannelIdentity.id).where(
            ChannelIdentity.channel == channel, ChannelIdentity.lookup_hash.in_(lookups)
        )
    )
    return found is not None


async def identity_for(uow: UnitOfWork, client_id: int, channel: str) -> ChannelIdentity | None:
    return await uow.session.scalar(
        select(ChannelIdentity)
        .where(ChannelIdentity.client_id == client_id, ChannelIdentity.channel == channel)
        .order_by(ChannelIdentity.id.desc())
        .limit(1)
    )


async def latest_identity(uow: UnitOfWork, client_id: int) -> ChannelIdentity | None:
    """The channel she was last seen on (where a reminder should reach her)."""
    return await uow.session.scalar(
        select(ChannelIdentity)
        .where(ChannelIdentity.client_id == client_id)
        .order_by(ChannelIdentity.id.desc())
        .limit(1)
    )
