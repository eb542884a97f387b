"""The course over real channel fakes: the same scenario on the Telegram Bot API emulator and
the fake VK API — she enrols, gets a reminder, answers "I can't come", and cancels."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from core.models import Enrollment, Reminder
from core.services import courses
from core.services.courses import SessionSpec
from core.services.reminders import send_due_reminders
from tests.e2e.test_both_channels import Person, person  # noqa: F401 - fixtures
from tests.e2e.test_vk import fake, vk  # noqa: F401 - fixtures
from tests.factories import make_staff


async def test_enrol_get_a_reminder_answer_it_and_cancel(core, person: Person):  # noqa: F811
    coordinator = await make_staff(core, role="coordinator")
    start = core.clock.now() + timedelta(days=3)
    async with core.uow() as uow:
        group = await courses.create_group(
            uow,
            staff_id=coordinator.id,
            title="Зимняя группа",
            capacity=5,
            place="зал 2",
            drop_ins=True,
            sessions=[SessionSpec(starts_at=start, topic="Как проходят роды")],
        )
        await uow.commit()

    await person.start()
    menu = (await person.sees(2))[-1]
    await person.presses(menu, "Курс для будущих мам")
    intro = (await person.sees(3))[-1]
    assert "Зимняя группа" in intro.text and "Свободно 5 мест" in intro.text
    await person.presses(intro, "Зимняя группа")
    detail = (await person.sees(4))[-1]
    assert "Как проходят роды" in detail.text
    await person.presses(detail, "Записаться")
    consent = (await person.sees(5))[-1]
    assert "152-ФЗ" in consent.text
    await person.presses(consent, "Даю согласие")
    await person.sees(6)
    await person.says("Маша")
    due = (await person.sees(7))[-1]
    await person.presses(due, "Пропустить")
    done = (await person.sees(8))[-1]
    assert "Готово, Маша!" in done.text and "Как проходят роды" in done.text

    # The evening reminder comes due (moved to now: the clock is real here).
    async with core.uow() as uow:
        await uow.session.execute(
            update(Reminder).where(Reminder.kind == "course.eve").values(due_at=uow.clock.now())
        )
        assert await send_due_reminders(uow) == 1
        await uow.commit()
    reminder = (await person.sees(9))[-1]
    assert "Завтра занятие курса" in reminder.text or "Вы придёте?" in reminder.text
    assert any("Не смогу" in label for label in reminder.labels)
    await person.presses(reminder, "Не смогу")
    answer = (await person.sees(10))[-1]
    assert "вас не ждём" in answer.text

    await person.presses(answer, "Мой курс")
    mine = (await person.sees(12))[-2]
    assert "Зимняя группа" in mine.text
    await person.presses(mine, "Отменить запись")
    confirm = (await person.sees(13))[-1]
    await person.presses(confirm, "Да, отменить")
    cancelled = (await person.sees(14))[-1]
    assert "отменена" in cancelled.text
    async with core.uow() as uow:
        enrollment = await uow.session.get(Enrollment, 1)
    assert enrollment.status == "cancelled" and enrollment.roll_name_enc is None
    assert group.id == enrollment.group_id
