"""The audit journal in a real browser, on a 390-px phone: a coordinator opens «Журнал» from
the navigation, filters it by «Вход в панель» and finds her own login; nothing scrolls
sideways, not even a long reason of a deletion."""

from __future__ import annotations

from typing import Any

from core.bootstrap import Core
from core.services.audit import record_audit
from tests.e2e.test_panel_browser import (  # noqa: F401
    Panel,
    browser,
    panel,
    pytestmark,
    sideways,
)
from tests.e2e.test_rental_browser import log_in
from tests.factories import make_staff


async def test_a_coordinator_finds_her_login_in_the_journal_on_a_phone(
    core: Core, panel: Panel, browser: Any
) -> None:
    coordinator = await make_staff(core, role="coordinator", name="Марина Козлова")
    anna = await make_staff(core, name="Анна Петрова")
    async with core.uow() as uow:
        record_audit(uow, "rental.contacts.view", staff_id=anna.id, booking_id=17)
        record_audit(
            uow,
            "client.forget",
            staff_id=coordinator.id,
            cases=2,
            reason="Позвонила_на_горячую_линию_и_попросила_удалить_всё_" * 4,
        )
        await uow.commit()

    context = await browser.new_context(
        viewport={"width": 390, "height": 800}, locale="ru-RU", is_mobile=True, has_touch=True
    )
    page = await context.new_page()
    await log_in(page, panel.base, coordinator.login)

    await page.click("header nav >> text=Журнал")
    await page.wait_for_selector("h1 >> text=Журнал действий")
    assert await page.locator("header nav a[aria-current=page]").inner_text() == "Журнал"
    everything = "\n".join(await page.locator("table.audit tbody tr").all_inner_texts())
    assert "Просмотр телефона человека в брони" in everything and "Анна Петрова" in everything
    assert "Удаление данных человека" in everything
    overflow = await sideways(page)
    assert overflow <= 0, f"the journal scrolls sideways on a phone by {overflow}px"
    # The table clips what overflows it: a long reason must wrap, not be cut off unseen.
    clipped = await page.evaluate(
        "[...document.querySelectorAll('table.audit td')]"
        ".map(td => td.scrollWidth - td.clientWidth).reduce((a, b) => Math.max(a, b), 0)"
    )
    assert clipped <= 0, f"a cell of the journal is cut off by {clipped}px on a phone"

    await page.select_option("select[name=what]", label="Вход в панель")
    await page.click("form.audit-filters button[type=submit]")
    await page.wait_for_url("**/audit?*what=logins*")
    texts = await page.locator("table.audit tbody tr").all_inner_texts()
    assert texts and all("Вход в панель" in t for t in texts), texts
    assert "Марина Козлова" in texts[0]
    assert not any("телефон" in t for t in texts)
    overflow = await sideways(page)
    assert overflow <= 0, f"the filtered journal scrolls sideways on a phone by {overflow}px"
    await context.close()
