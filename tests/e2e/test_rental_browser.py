"""The rental desk in a real browser: a coordinator confirms a request, hands the crib over,
adds an item to the catalogue and looks at an item's calendar; the desk fits a phone.

``AIST_UPDATE_SCREENSHOTS=1`` writes docs/rental.png."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from core.bootstrap import Core
from core.models import Booking, BookingStatus
from tests.e2e.test_panel_browser import (  # noqa: F401
    DOCS,
    Panel,
    browser,
    panel,
    pytestmark,
    sideways,
)
from tests.factories import PASSWORD, make_item, make_staff
from tests.integration.test_rental_panel import booked
from tests.integration.test_rental_photo_panel import png


async def log_in(page: Any, base: str, login: str) -> None:
    await page.goto(f"{base}/login")
    await page.fill("input[name=username]", login)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await page.wait_for_selector("table.cases, .empty")


async def test_coordinator_confirms_and_hands_over(
    core: Core, panel: Panel, browser: Any, tmp_path: Path
) -> None:
    shots = DOCS if os.environ.get("AIST_UPDATE_SCREENSHOTS") == "1" else tmp_path
    coordinator = await make_staff(core, role="coordinator", name="Марина Козлова")
    crib = await make_item(core, "Кроватки", "Кроватка с маятником", by=coordinator)
    stroller = await make_item(core, "Коляски", "Коляска зимняя", by=coordinator)
    playpen = await make_item(core, "Манежи", "Манеж складной", by=coordinator)
    first = await booked(core, crib.id, user="801")
    await booked(core, stroller.id, user="802", with_case=True)

    context = await browser.new_context(viewport={"width": 1280, "height": 800}, locale="ru-RU")
    page = await context.new_page()
    await log_in(page, panel.base, coordinator.login)
    await page.click("nav >> text=Прокат")
    await page.wait_for_selector("h1 >> text=Пункт проката")
    row = page.locator(f"tr[data-booking='{first}']")
    assert "Кроватка с маятником" in await row.inner_text()
    shots.mkdir(exist_ok=True)
    await page.screenshot(path=str(shots / "rental.png"))

    # A new request while the desk is open: the page offers a reload, it does not jump.
    await page.wait_for_selector("#live.on")
    assert not await page.locator("#rental-fresh").is_visible()
    await booked(core, playpen.id, user="803")
    await page.wait_for_selector("#rental-fresh", state="visible", timeout=10_000)

    await row.locator("button >> text=Подтвердить").click()
    await page.wait_for_selector(".flash.ok >> text=Бронь подтверждена")
    await page.locator(f"tr[data-booking='{first}'] button >> text=Выдать").click()
    await page.wait_for_selector(".flash.ok >> text=Выдача записана")
    async with core.uow() as uow:
        assert (await uow.session.get(Booking, first)).status == BookingStatus.issued
    # Her messages went out through her channel.
    sent = " ".join(text for _, text in panel.messengers["telegram"].sent)
    assert "Бронь подтверждена" in sent and "теперь у вас" in sent

    await page.click(f"tr[data-booking='{first}'] a.person")
    await page.wait_for_selector("text=+79001112233")
    await page.fill("input[name=condition]", "как новая")
    await page.click("button >> text=Принять возврат")
    await page.wait_for_selector(".flash.ok >> text=Возврат принят")

    await page.goto(f"{panel.base}/rental/catalogue")
    await page.fill("#add-item input[name=category]", "Ходунки")
    await page.fill("#add-item input[name=name]", "Ходунки-каталка")
    await page.fill("#add-item input[name=inventory_no]", "УА-0701")
    await page.click("#add-item button[type=submit]")
    await page.wait_for_selector(".flash.ok >> text=Вещь добавлена")
    await page.click("a >> text=Кроватка с маятником")
    await page.wait_for_selector("table.calendar td.today")
    assert await page.locator("table.calendar td.busy").count() >= 1

    # A photo from her phone's gallery: chosen, uploaded, shown on the item page.
    await page.set_input_files(
        "#item-photo input[type=file]",
        files=[{"name": "IMG_2041.png", "mimeType": "image/png", "buffer": png(40, 30)}],
    )
    await page.click("#item-photo button[type=submit]")
    await page.wait_for_selector(".flash.ok")
    photo = page.locator("img.item-photo")
    await photo.wait_for()
    assert await photo.evaluate("img => img.complete && img.naturalWidth") == 40
    await context.close()


async def test_the_desk_fits_a_phone(core: Core, panel: Panel, browser: Any) -> None:
    specialist = await make_staff(core)
    crib = await make_item(core, "Кроватки", "Кроватка с маятником")
    await booked(core, crib.id, user="901")
    context = await browser.new_context(
        viewport={"width": 390, "height": 800}, locale="ru-RU", is_mobile=True, has_touch=True
    )
    page = await context.new_page()
    await log_in(page, panel.base, specialist.login)
    await page.goto(f"{panel.base}/rental")
    await page.wait_for_selector("tr[data-booking]")
    overflow = await sideways(page)
    assert overflow <= 0, f"the rental desk scrolls sideways on a phone by {overflow}px"
    await context.close()
