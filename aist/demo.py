"""Demo data for ``aist demo``: staff logins, a duty shift, a few cases — all through services."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from core.bootstrap import Core
from core.models import Staff as StaffRow
from core.models import SupportLevel
from core.services import cases
from core.services.clients import identify_client
from core.services.duty import add_shift
from core.services.staff import create_staff
from core.services.urgency import raise_case

DEMO_STAFF = [
    ("anna", "specialist", "Анна Петрова"),
    ("olga", "specialist", "Ольга Смирнова"),
    ("marina", "coordinator", "Марина Козлова"),
    ("admin", "admin", "Администратор"),
]

DEMO_CASES = [
    ("pregnancy", SupportLevel.crisis, "abandonment", "не знаю, оставлять ли ребёнка",
     "Здравствуйте. Мне 19, срок 9 недель. Парень ушёл, родители не знают. Я не знаю, оставлять ли ребёнка, мне очень страшно."),
    ("newborn", SupportLevel.basic, None, None,
     "Добрый вечер! Малышу 2 месяца, коляска сломалась. Можно ли взять у вас на время?"),
    ("money", SupportLevel.basic, None, None,
     "Подскажите, какие документы нужны на пособие для многодетных? Нас выселяют из съёмной квартиры в конце месяца."),
]


def logins_file(core: Core) -> Path:
    return core.settings.var_dir / "demo-logins.json"


async def seed(core: Core) -> list[tuple[str, str, str, str]]:
    """Creates the demo data once; returns (login, password, role, name) for every account."""
    path = logins_file(core)
    async with core.uow() as uow:
        staff_count = await uow.session.scalar(select(func.count(StaffRow.id)))
    if staff_count and path.exists():
        return [tuple(row) for row in json.loads(path.read_text())]  # type: ignore[misc]
    accounts = []
    async with core.uow() as uow:
        created = {}
        for login, role, name in DEMO_STAFF:
            password = secrets.token_urlsafe(9)
            created[login] = await create_staff(
                uow, login=login, password=password, role=role, display_name=name
            )
            accounts.append((login, password, role, name))
        now = uow.clock.now()
        await add_shift(
            uow, staff_id=created["anna"].id, starts_at=now - timedelta(minutes=5),
            ends_at=now + timedelta(hours=12), by_staff_id=created["admin"].id,
        )
        for topic, level, group, phrase, text in DEMO_CASES:
            client, _ = await identify_client(
                uow, channel="web", user_id=secrets.token_hex(8), address=secrets.token_hex(8),
                locale="ru",
            )
            signals = [{"group": group, "phrase": phrase, "level": level}] if group else []
            routing = await raise_case(
                uow, client, channel="web", level=level, signals=signals, topic=topic
            )
            await cases.add_client_message(uow, routing.case, text=text, signals=signals or None)
        await uow.commit()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(accounts, ensure_ascii=False))
    path.chmod(0o600)
    return accounts
