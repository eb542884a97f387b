"""The course pages in a real browser (Debian's headless Chromium): the coordinator opens a
group, sees the enrolments and the waiting list, messages the group, and the leader takes the
roll call on a phone-sized screen with big checkboxes."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from core.bootstrap import Core
from core.services import courses
from core.services.clients import identify_client
from core.services.consent import give_consent
from core.services.courses import SessionSpec
from tests.e2e.test_panel_browser import (  # noqa: F401 - fixtures
    DOCS,
    Panel,
    browser,
    panel,
    pytestmark,
)
from tests.factories import PASSWORD, make_staff


async def enrol(core: Core, group_id: int, user: str, name: str) -> None:
    async with core.uow() as uow:
        client, _ = await identify_client(
            uow, channel="telegram", user_id=user, address=user, locale="ru"
        )
        await give_consent(uow, client_id=client.id, purpose="course")
        await courses.enrol(
            uow, client_id=client.id, group_id=group_id, roll_name=name, waitlist=True
        )
        await uow.commit()


async def log_in(page: Any, base: str, login: str) -> None:
    await page.goto(f"{base}/login")
    await page.fill("input[name=username]", login)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_url(f"{base}/")


async def test_group_page_message_and_roll_call_on_a_phone(
    core: Core, panel: Panel, browser: Any, tmp_path: Path
) -> None:
    coordinator = await make_staff(core, role="coordinator", name="Марина Козлова")
    leader = await make_staff(core, name="Анна Петрова")
    start = core.clock.now() + timedelta(hours=1)
    async with core.uow() as uow:
        group = await courses.create_group(
            uow,
            staff_id=coordinator.id,
            title="Зимняя группа",
            capacity=2,
            place="зал 2",
            leader_id=leader.id,
            sessions=[SessionSpec(starts_at=start, topic="Как проходят роды")],
        )
        await uow.commit()
    for user, name in (("501", "Мария"), ("502", "Оля"), ("503", "Катя")):
        await enrol(core, group.id, user, name)

    # The coordinator on a laptop: the list, the group, a message to everyone.
    desk = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="ru-RU")
    page = await desk.new_page()
    await log_in(page, panel.base, coordinator.login)
    await page.click("nav >> text=Курс")
    await page.wait_for_selector("table.course-groups")
    assert "2 / 2" in await page.locator("tr[data-group] td.seats").inner_text()
    await page.click("text=Зимняя группа")
    await page.wait_for_selector("table.course-enrolments")
    assert await page.locator("table.course-enrolments tbody tr").count() == 2
    assert "Катя" in await page.locator("ol.course-waiting").inner_text()
    await page.fill("textarea[name=text]", "Занятие будет в зале 4")
    await page.click("text=Отправить")
    await page.wait_for_selector(".flash.ok")
    assert "поставлено в очередь: 2" in await page.locator(".flash").inner_text()
    shots = DOCS if os.environ.get("AIST_UPDATE_SCREENSHOTS") == "1" else tmp_path
    await page.screenshot(path=str(shots / "course-group.png"))
    await desk.close()

    # The leader on a phone: the roll call, two big checkboxes, one ticked and saved.
    phone = await browser.new_context(
        viewport={"width": 390, "height": 844}, locale="ru-RU", is_mobile=True, has_touch=True
    )
    page = await phone.new_page()
    await log_in(page, panel.base, leader.login)
    await page.goto(f"{panel.base}/courses/groups/{group.id}")
    await page.click("a.roll-link")
    await page.wait_for_selector("ul.roll-list")
    items = page.locator("label.roll-item")
    assert await items.count() == 2
    box = await items.nth(0).bounding_box()
    assert box and box["height"] >= 48 and box["width"] >= 300  # easy to hit with a thumb
    await items.nth(0).tap()
    assert await page.locator("input[name=present]").nth(0).is_checked()
    await page.click("button.big-button")
    await page.wait_for_selector(".flash.ok")
    assert "присутствовали 1" in await page.locator(".flash").inner_text()
    assert await page.locator("input[name=present]").nth(0).is_checked()
    assert not await page.locator("input[name=present]").nth(1).is_checked()
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing sticks out sideways
    await page.screenshot(path=str(tmp_path / "course-roll.png"), full_page=True)

    # The room changes: the leader moves the session from her phone; both seat holders are told.
    await page.goto(f"{panel.base}/courses/groups/{group.id}")
    assert not await page.locator("tr.session-edit").first.is_visible()  # folded away
    await page.click("a.edit-link")
    await page.fill("tr.session-edit input[name=place]", "зал 5, второй этаж")
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the open edit form sticks out sideways ({width}px)"
    await page.click("tr.session-edit button[type=submit]")
    await page.wait_for_selector(".flash.ok")
    assert "2" in await page.locator(".flash").inner_text()
    assert "зал 5, второй этаж" in await page.locator("table").first.inner_text()
    await phone.close()
    async with core.uow() as uow:
        rows = await courses.roll_call(uow, (await courses.sessions_of(uow, group.id))[0].id)
    assert [(r.roll_name, r.present) for r in rows] == [("Мария", True), ("Оля", False)]
