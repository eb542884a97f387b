"""The demo's course for expectant mothers: two groups (one nearly full, one with a waiting
list), weekly sessions in the centre's time zone, a few anonymous enrolments, so every course
screen of the bot and the panel has something to show on the first run."""

from __future__ import annotations

import secrets
from datetime import datetime, time, timedelta

from sqlalchemy import func, select

from core.bootstrap import Core
from core.local_time import centre_zone
from core.models import CourseGroup, Role, Staff
from core.services import courses
from core.services.clients import identify_client
from core.services.consent import give_consent
from core.services.courses import SessionSpec

TOPICS = [
    "Как проходят роды: этапы и что взять с собой",
    "Дыхание и положения в родах",
    "Первые дни с малышом: уход и сон",
    "Грудное вскармливание",
    "Послеродовое восстановление и настроение",
    "Какая помощь положена семье: пособия и льготы",
]
GROUPS = [
    # title, audience, weekday (0 = Monday), hour, capacity, drop-ins, names enrolled
    ("Зимняя группа", "срок родов: февраль–апрель", 1, 18, 8, True, ["Мария", "Оля", "Катя"]),
    ("Группа выходного дня", "срок родов: март–май", 5, 11, 2, False, ["Света", "Нина", "Юля"]),
]


async def seed_courses(core: Core) -> None:
    """Adds the demo groups once (does nothing when a group exists)."""
    async with core.uow() as uow:
        if await uow.session.scalar(select(func.count(CourseGroup.id))):
            return
        staff = list(await uow.session.scalars(select(Staff).order_by(Staff.id)))
        manager = next((s for s in staff if s.role in (Role.coordinator, Role.admin)), None)
        if manager is None:
            return
        leader = next((s for s in staff if s.role == Role.specialist), manager)
        zone = centre_zone(uow.settings)
        today = uow.clock.now().astimezone(zone).date()
        for title, audience, weekday, hour, capacity, drop_ins, names in GROUPS:
            first = today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
            group = await courses.create_group(
                uow,
                staff_id=manager.id,
                title=title,
                capacity=capacity,
                place="ул. Садовая, 12, зал на 2 этаже",
                audience=audience,
                drop_ins=drop_ins,
                leader_id=leader.id,
                sessions=[
                    SessionSpec(
                        starts_at=datetime.combine(
                            first + timedelta(weeks=n), time(hour, 0), tzinfo=zone
                        ),
                        topic=topic,
                    )
                    for n, topic in enumerate(TOPICS)
                ],
            )
            for name in names:
                client, _ = await identify_client(
                    uow,
                    channel="web",
                    user_id=secrets.token_urlsafe(24),
                    address=secrets.token_urlsafe(24),
                    locale="ru",
                )
                await give_consent(uow, client_id=client.id, purpose="course")
                await courses.enrol(
                    uow, client_id=client.id, group_id=group.id, roll_name=name, waitlist=True
                )
        await uow.commit()
