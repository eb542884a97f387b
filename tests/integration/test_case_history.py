"""Contact history: the same person (one pseudonym) opens a case, then another; the second
case shows the first (in the core, the API and the case page), newest first and at most 20,
and a different person's case shows none of them."""

from __future__ import annotations

from core.bootstrap import Core
from core.models import SupportLevel
from core.services import cases
from core.services.cases import HISTORY_LIMIT
from tests.integration.test_api import open_case
from tests.integration.test_panel import log_in

HER = "111222333"
SOMEONE_ELSE = "444555666"


async def close(core: Core, staff_id: int, case_id: int, outcome: str) -> None:
    async with core.uow() as uow:
        await cases.accept_case(uow, staff_id=staff_id, case_id=case_id, announce=False)
        await cases.close_case(uow, staff_id=staff_id, case_id=case_id, outcome=outcome)
        await uow.commit()


async def test_her_second_case_lists_the_first_and_no_one_elses(core, client, auth, specialist):
    first = await open_case(core, user_id=HER, text="Родился малыш, какие нужны документы?")
    await close(core, specialist.id, first, "Рассказали о пособии")
    second = await open_case(core, user_id=HER, text="Мне страшно", level=SupportLevel.emergency)
    other = await open_case(core, user_id=SOMEONE_ELSE)
    assert len({first, second, other}) == 3

    detail = (await client.get(f"/api/v1/cases/{second}", headers=auth)).json()
    assert [(h["id"], h["topic"], h["level"], h["status"]) for h in detail["history"]] == [
        (first, "other", "basic", "closed")
    ]
    [past] = detail["history"]
    assert past["outcome"] == "Рассказали о пособии"
    assert past["opened_at"] and past["closed_at"]

    first_detail = (await client.get(f"/api/v1/cases/{first}", headers=auth)).json()
    assert first_detail["history"] == []  # only her earlier cases
    other_detail = (await client.get(f"/api/v1/cases/{other}", headers=auth)).json()
    assert other_detail["history"] == []

    await log_in(client, specialist.login)
    page = (await client.get(f"/cases/{second}")).text
    assert 'id="case-history"' in page and f'href="/cases/{first}"' in page
    assert "Рассказали о пособии" in page and "Прошлые обращения" in page
    other_page = (await client.get(f"/cases/{other}")).text
    assert 'id="case-history"' not in other_page and f'href="/cases/{first}"' not in other_page


async def test_history_is_newest_first_and_bounded(core, specialist):
    opened = []
    for n in range(HISTORY_LIMIT + 2):
        case_id = await open_case(core, user_id=HER, text=f"Вопрос {n}")
        await close(core, specialist.id, case_id, f"Ответ {n}")
        opened.append(case_id)
    latest = await open_case(core, user_id=HER)
    async with core.uow() as uow:
        detail = await cases.get_case(uow, case_id=latest, staff_id=specialist.id)
    assert [h.id for h in detail.history] == opened[::-1][:HISTORY_LIMIT]
    assert all(h.id != latest for h in detail.history)
