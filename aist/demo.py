"""Demo data for ``aist demo``: staff logins, a duty shift, a few cases — all through services.

The data is made once, on the first run against an empty database; the generated passwords
are kept in ``<var>/demo-logins.json`` (mode 0600) and printed at every start. On later runs
Anna is put on duty again when nobody is, so the demo routes new cases to her the next day too.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from aist.demo_courses import seed_courses
from aist.demo_rental import seed_rental
from bot.dialogs import words
from core.bootstrap import Core
from core.models import Staff as StaffRow
from core.models import SupportLevel
from core.services import cases
from core.services.clients import identify_client
from core.services.duty import add_shift, on_duty
from core.services.replies import create_reply
from core.services.staff import create_staff
from core.services.urgency import raise_case
from core.settings import Settings

SHIFT = timedelta(hours=12)

DEMO_STAFF = [
    ("anna", "specialist", "Анна Петрова"),
    ("olga", "specialist", "Ольга Смирнова"),
    ("marina", "coordinator", "Марина Козлова"),
    ("admin", "admin", "Администратор"),
]

# (topic, level, triage signal group, phrase, her first message)
DEMO_CASES = [
    (
        "pregnancy",
        SupportLevel.crisis,
        "abandonment",
        "не знаю, оставлять ли ребёнка",
        "Здравствуйте. Мне 19, срок 9 недель. Парень ушёл, родители не знают. "
        "Я не знаю, оставлять ли ребёнка, мне очень страшно.",
    ),
    (
        "newborn",
        SupportLevel.basic,
        None,
        None,
        "Добрый вечер! Малышу 2 месяца, коляска сломалась. Можно ли взять у вас на время?",
    ),
    (
        "money",
        SupportLevel.basic,
        None,
        None,
        "Подскажите, какие документы нужны на пособие для многодетных? "
        "Нас выселяют из съёмной квартиры в конце месяца.",
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    login: str
    password: str
    role: str
    name: str


@dataclass(frozen=True)
class DemoState:
    accounts: list[DemoAccount]
    created: bool  # made on this run
    # The database had staff but the passwords file is gone: the logins exist, their
    # passwords are unknown (``aist user create`` makes a new account).
    passwords_lost: bool = False


def logins_file(core: Core) -> Path:
    return core.settings.var_dir / "demo-logins.json"


def _read_accounts(path: Path) -> list[DemoAccount]:
    return [DemoAccount(*row) for row in json.loads(path.read_text(encoding="utf-8"))]


def _write_accounts(path: Path, accounts: list[DemoAccount]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [[a.login, a.password, a.role, a.name] for a in accounts]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    tmp.chmod(0o600)
    tmp.replace(path)


WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")

BENEFIT_DOCUMENTS = """Чтобы оформить ежемесячное пособие на ребёнка (единое пособие), понадобятся:
• заявление — его можно подать на Госуслугах или в отделении Социального фонда, в МФЦ;
• паспорт;
• свидетельство о рождении ребёнка (если оно выдано не в России — с переводом);
• сведения о доходах семьи за 12 месяцев, если их нет в государственных базах (алименты, стипендия, доходы из-за рубежа);
• реквизиты счёта в российском банке; если деньги будут приходить на карту, это должна быть карта «Мир».

Большую часть сведений фонд запрашивает сам, поэтому приносить всё сразу не нужно. Если что-то непонятно или не получается, напишите — разберёмся вместе и поможем заполнить заявление."""


def demo_replies(settings: Settings) -> list[tuple[str, str]]:
    """The three canned replies of the demo: the documents for the monthly child benefit, the
    centre's address and hours (from the settings), the round-the-clock helplines."""
    days = sorted(set(settings.work_days))
    if days == [0, 1, 2, 3, 4]:
        when = "с понедельника по пятницу"
    else:
        when = ", ".join(WEEKDAYS[d] for d in days if 0 <= d < 7)
    hours = f"{settings.work_start:%H:%M}–{settings.work_end:%H:%M}"
    place = [f"{settings.centre_name}."]
    if settings.centre_address:
        place.append(f"Адрес: {settings.centre_address}.")
    place.append(f"Мы работаем {when}, {hours}.")
    if settings.centre_phone:
        place.append(f"Телефон: {settings.centre_phone}.")
    place.append("Можно прийти без записи, но если напишете заранее, мы подготовимся к встрече.")
    helplines = words.numbers_text(words.round_the_clock(settings), "ru")
    return [
        ("Документы на ежемесячное пособие", BENEFIT_DOCUMENTS),
        ("Адрес и часы работы", "\n".join(place)),
        (
            "Круглосуточные телефоны помощи",
            "Если станет тяжело или страшно в любое время дня и ночи, эти линии отвечают "
            f"круглосуточно:\n{helplines}\n\nВы не одни. Мы тоже прочитаем ваше сообщение, "
            "как только сможем.",
        ),
    ]


async def seed(core: Core) -> DemoState:
    """Creates the demo data on an empty database; on later runs keeps someone on duty."""
    path = logins_file(core)
    async with core.uow() as uow:
        staff_count = await uow.session.scalar(select(func.count(StaffRow.id)))
    if staff_count:
        await _keep_anna_on_duty(core)
        if path.exists():
            return DemoState(_read_accounts(path), created=False)
        return DemoState([], created=False, passwords_lost=True)

    accounts = [
        DemoAccount(login, secrets.token_urlsafe(9), role, name) for login, role, name in DEMO_STAFF
    ]
    # The passwords are on disk before the accounts exist: a crash in between loses nothing.
    _write_accounts(path, accounts)
    async with core.uow() as uow:
        created = {}
        for account in accounts:
            created[account.login] = await create_staff(
                uow,
                login=account.login,
                password=account.password,
                role=account.role,
                display_name=account.name,
            )
        now = uow.clock.now()
        await add_shift(
            uow,
            staff_id=created["anna"].id,
            starts_at=now - timedelta(minutes=5),
            ends_at=now + SHIFT,
            by_staff_id=created["admin"].id,
        )
        for topic, level, group, phrase, text in DEMO_CASES:
            client, _ = await identify_client(
                uow,
                channel="web",
                user_id=secrets.token_urlsafe(24),
                address=secrets.token_urlsafe(24),
                locale="ru",
            )
            signals = [{"group": group, "phrase": phrase, "level": level}] if group else []
            routing = await raise_case(
                uow, client, channel="web", level=level, signals=signals, topic=topic
            )
            await cases.add_client_message(uow, routing.case, text=text, signals=signals or None)
        await seed_rental(uow, staff_id=created["admin"].id)
        for title, text in demo_replies(core.settings):
            await create_reply(uow, staff_id=created["marina"].id, title=title, text=text)
        await uow.commit()
    await seed_courses(core)
    return DemoState(accounts, created=True)


async def _keep_anna_on_duty(core: Core) -> None:
    async with core.uow() as uow:
        now = uow.clock.now()
        if await on_duty(uow, now):
            return
        anna = await uow.session.scalar(select(StaffRow).where(StaffRow.login == "anna"))
        if anna is None or not anna.is_active:
            return
        await add_shift(
            uow,
            staff_id=anna.id,
            starts_at=now - timedelta(minutes=5),
            ends_at=now + SHIFT,
            by_staff_id=anna.id,
        )
        await uow.commit()
