"""A new secret key: everything is re-encrypted under it in resumable batches, nothing is
lost, people are still found, and the old key can then be dropped."""

from __future__ import annotations

import pytest
from pydantic import SecretStr
from sqlalchemy import text

from bot.bootstrap import create_core
from core.models import SupportLevel
from core.services import cases
from core.services.clients import identify_client
from core.services.keys import count_stale, rotate_keys
from core.services.urgency import raise_case
from tests.conftest import TEST_SECRET

NEW_KEY = "n" * 48


async def write_a_crisis(core) -> int:
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="telegram", user_id="555", address="555", locale="ru"
        )
        routing = await raise_case(
            uow,
            client,
            channel="telegram",
            level=SupportLevel.emergency,
            signals=[{"group": "violence", "phrase": "муж бьёт", "level": "emergency"}],
        )
        await cases.add_client_message(uow, routing.case, text="муж бьёт меня, помогите")
        await uow.commit()
    return routing.case.id


async def test_rotation_re_encrypts_everything_and_is_resumable(core, settings, clock):
    case_id = await write_a_crisis(core)
    # Legacy: a phrase stored in the open before phrases were encrypted.
    async with core.uow() as uow:
        await uow.session.execute(
            text("UPDATE cases SET signals = :s"),
            {"s": '[{"group": "violence", "phrase": "старая фраза", "level": "emergency"}]'},
        )
        await uow.commit()
    rotated = settings.model_copy(
        update={
            "secret_key": SecretStr(NEW_KEY),
            "previous_secret_keys": [SecretStr(TEST_SECRET)],
        }
    )
    after = create_core(rotated, clock=clock)
    try:
        async with after.uow() as uow:
            assert await count_stale(uow) > 0
        first = await rotate_keys(after.uow, batch=1)
        assert first.total > 0 and first.fields["messages"] >= 1 and first.signals == 1
        again = await rotate_keys(after.uow, batch=1)
        assert again.total == 0  # a second run finds nothing left: resumable, idempotent
        async with after.uow() as uow:
            assert await count_stale(uow) == 0
            detail = await cases.get_case(uow, case_id=case_id, staff_id=None)
            assert detail.messages[-1].text == "муж бьёт меня, помогите"
            assert detail.summary.signals[0]["phrase"] == "старая фраза"
            raw = (await uow.session.execute(text("SELECT signals FROM cases"))).scalar_one()
            assert "старая" not in str(raw)
            # She is found again by her old look-up hash, and moved to the new one.
            client, _ = await identify_client(
                uow, channel="telegram", user_id="555", address="555", locale="ru"
            )
            await uow.commit()
        only_new = create_core(rotated.model_copy(update={"previous_secret_keys": []}), clock=clock)
        try:
            async with only_new.uow() as uow:
                again_client, _ = await identify_client(
                    uow, channel="telegram", user_id="555", address="555", locale="ru"
                )
                assert again_client.id == client.id  # the old key can go now
                detail = await cases.get_case(uow, case_id=case_id, staff_id=None)
                assert detail.messages[-1].text == "муж бьёт меня, помогите"
        finally:
            await only_new.dispose()
    finally:
        await after.dispose()


async def test_without_the_old_key_nothing_is_readable(core, settings, clock):
    await write_a_crisis(core)
    other = create_core(settings.model_copy(update={"secret_key": SecretStr(NEW_KEY)}), clock=clock)
    try:
        async with other.uow() as uow:
            with pytest.raises(ValueError, match="AIST_SECRET_KEY"):
                await cases.list_cases(uow)  # her last message cannot be read
    finally:
        await other.dispose()
