"""She writes in Telegram; the on-duty specialist hears of it on the panel's live stream,
answers through the JSON API, and the answer reaches her in Telegram."""

from __future__ import annotations

import asyncio
import json
import socket

import httpx
from pydantic import SecretStr

from aist.runtime import build_runtime
from core.bootstrap import Core
from tests.e2e.botapi_emulator import BotApiEmulator
from tests.factories import PASSWORD, make_staff, put_on_duty

HER = 515151


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def next_event(lines, kind: str) -> dict:
    event = None
    async for line in lines:
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event == kind:
            return json.loads(line.split(":", 1)[1])
    raise AssertionError("stream ended")


async def test_person_in_telegram_specialist_on_the_panel(
    core: Core, emulator: BotApiEmulator, clock
):
    settings = core.settings.model_copy(
        update={"telegram_token": SecretStr(emulator.token), "telegram_api_url": emulator.base_url}
    )
    core.settings = settings
    specialist = await make_staff(core, name="Анна")
    await put_on_duty(core, specialist, clock.now())
    runtime = build_runtime(settings, core=core)
    port = free_port()
    serving = asyncio.create_task(runtime.serve(host="127.0.0.1", port=port))
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            for _ in range(100):
                try:
                    if (await http.get("/api/v1/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    await asyncio.sleep(0.05)
            token = (
                await http.post(
                    "/api/v1/auth/token", data={"username": specialist.login, "password": PASSWORD}
                )
            ).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            async with http.stream("GET", "/events", headers=auth, timeout=None) as stream:
                lines = stream.aiter_lines()
                await next_event(lines, "ready")

                await emulator.user_sends_text(HER, "/start")
                menu = (await emulator.wait_for_messages(HER, 2))[-1]
                await emulator.user_presses(HER, menu.payload_of("Поговорить со специалистом"))
                topics = (await emulator.wait_for_messages(HER, 3))[-1]
                await emulator.user_presses(HER, topics.payload_of("Новорождённый"))
                opened = await asyncio.wait_for(next_event(lines, "case.opened"), 10)
                assert opened["alert"] is True  # she was routed to the specialist on duty
                await emulator.user_sends_text(
                    HER, "Подскажите, как наладить сон малыша, он плохо спит по ночам"
                )
                await asyncio.wait_for(next_event(lines, "case.message"), 10)
                # The bot's quiet "received" comes first; the answer is counted after it.
                ack = (await emulator.wait_for_messages(HER, 6))[-1]
                assert "Сообщение получено" in ack.text

            [case] = (await http.get("/api/v1/cases?status=open", headers=auth)).json()
            assert case["id"] == opened["case_id"]
            assert (
                case["last_message"]
                == "Подскажите, как наладить сон малыша, он плохо спит по ночам"
            )
            before = len(emulator.to(HER))
            reply = await http.post(
                f"/api/v1/cases/{case['id']}/messages",
                json={"text": "Я с вами. Давайте разберёмся."},
                headers=auth,
            )
            assert reply.status_code == 201
            answer = (await emulator.wait_for_messages(HER, before + 1))[-1]
            assert answer.text == "Анна, специалист центра:\nЯ с вами. Давайте разберёмся."
            await asyncio.sleep(0.3)
            assert sum("Давайте разберёмся" in m.text for m in emulator.to(HER)) == 1
            detail = (await http.get(f"/api/v1/cases/{case['id']}", headers=auth)).json()
            assert detail["messages"][-1]["direction"] == "out"
    finally:
        runtime.request_stop()
        await asyncio.wait_for(serving, 20)
