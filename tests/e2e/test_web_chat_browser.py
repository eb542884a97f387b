"""The demo web chat in a real browser on a phone: the help-now button stays in the header
whatever the screen, one tap gives the numbers, and the page does not scroll sideways."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from aist.runtime import build_runtime
from core.bootstrap import Core
from tests.e2e.test_panel_browser import browser, free_port, pytestmark, sideways  # noqa: F401
from tests.e2e.test_web_chat import until_healthy


async def test_help_now_is_one_tap_away_on_a_phone(core: Core, browser: Any) -> None:
    core.settings = core.settings.model_copy(update={"demo": True})
    runtime = build_runtime(core.settings, core=core)
    port = free_port()
    serving = asyncio.create_task(runtime.serve(host="127.0.0.1", port=port, handle_signals=False))
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as http:
            await until_healthy(http)
        context = await browser.new_context(
            viewport={"width": 390, "height": 760}, locale="ru-RU", is_mobile=True, has_touch=True
        )
        page = await context.new_page()
        await page.goto(f"{base}/chat")
        await page.fill("#text", "/start")
        await page.click("#composer button[type=submit]")
        await page.wait_for_selector(".msg.bot >> text=Пункт проката")
        help_now = page.locator("#help-now")
        assert await help_now.is_visible()
        assert "Мне нужна помощь сейчас" in await help_now.inner_text()
        # Scrolled down a long conversation, the header is still on the screen.
        for _ in range(12):
            await page.fill("#text", "расскажу по порядку, как было с документами")
            await page.click("#composer button[type=submit]")
        await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        await page.evaluate("document.getElementById('log').scrollTop = 1e9")
        box = await help_now.bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 760
        await help_now.tap()
        await page.wait_for_selector(".msg.bot >> text=112")
        assert await sideways(page) <= 0
        await context.close()
    finally:
        runtime.request_stop()
        await asyncio.wait_for(serving, 20)
