"""The crisis path: numbers first, then a person as fast as the centre can give one.

Every free-text message passes triage before any other screen answers it; an emergency or
crisis alarm takes over whatever step she was at (even in the middle of a booking).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.dialogs import screens
from bot.dialogs.context import DialogContext
from core.calendar import load_calendar
from core.helplines import Helpline, lines_for, load_helplines
from core.models import SupportLevel
from core.services import cases
from core.services.urgency import raise_case
from core.triage import Assessment, assess

URGENT_LEVELS = {"emergency": SupportLevel.emergency, "crisis": SupportLevel.crisis}
TOPIC_BY_GROUP = {
    "abandonment": "pregnancy",
    "minor_pregnancy": "pregnancy",
    "violence": "family",
    "child_abuse": "family",
    "basic_needs": "money",
    "medical_emergency": "newborn",
}
HELP_BUTTON_SIGNAL = {"group": "help_button", "phrase": "", "level": "crisis"}


@lru_cache(maxsize=4)
def _helplines(path: Path | None) -> tuple[Helpline, ...]:
    return tuple(load_helplines(path))


def triage_text(ctx: DialogContext) -> Assessment | None:
    incoming = ctx.incoming
    if incoming.kind in ("command", "button") or not incoming.text.strip():
        return None
    return assess(incoming.text)


def signal_dicts(assessment: Assessment) -> list[dict[str, Any]]:
    return [{"group": s.group, "phrase": s.phrase, "level": s.level} for s in assessment.signals]


async def urgent(ctx: DialogContext, assessment: Assessment) -> None:
    signals = signal_dicts(assessment)
    await _take_over(ctx, URGENT_LEVELS[assessment.level], signals, keep_message=True)


async def help_now(ctx: DialogContext) -> None:
    """The menu's "I need help now": the same path, without typing a word."""
    signal = {**HELP_BUTTON_SIGNAL, "phrase": ctx.t("btn-help-now")}
    await _take_over(ctx, SupportLevel.crisis, [signal], keep_message=False)


async def _take_over(
    ctx: DialogContext, level: SupportLevel, signals: list[dict[str, Any]], *, keep_message: bool
) -> None:
    groups = {str(s["group"]) for s in signals}
    helplines = lines_for(list(_helplines(ctx.uow.settings.helplines_file)), groups)
    if groups == {"help_button"}:
        helplines = list(_helplines(ctx.uow.settings.helplines_file))
    numbers = "\n".join(
        f"• {line.number} — {line.describe(ctx.client.locale)}" for line in helplines
    )
    ctx.say(f"urgent-numbers-{level}", numbers=numbers)

    topic = next((TOPIC_BY_GROUP[g] for g in groups if g in TOPIC_BY_GROUP), "other")
    routing = await raise_case(
        ctx.uow,
        ctx.client,
        channel=ctx.identity.channel,
        level=level,
        signals=signals,
        topic=topic,
    )
    case = routing.case
    await screens.file_pending(ctx, case)
    if keep_message:
        incoming = ctx.incoming
        for part in screens.split_parts(incoming.text) or [""]:
            await cases.add_client_message(
                ctx.uow,
                case,
                text=part,
                kind=incoming.kind,
                attachment=incoming.attachment or None,
                signals=signals,
            )
    phrases = "; ".join(f"«{s['phrase']}»" for s in signals if s.get("phrase")) or "—"
    await cases.add_system_message(
        ctx.uow,
        case,
        ctx.uow.i18n(
            ctx.uow.settings.default_locale,
            "triage-alarm",
            level=ctx.uow.i18n(ctx.uow.settings.default_locale, f"level-{case.level}"),
            phrases=phrases,
        ),
    )
    ctx.go("chat", case_id=case.id, acked=case.id)

    calendar = await load_calendar(ctx.uow)
    now = ctx.uow.clock.now()
    if case.assignee_id is not None:
        key, args = "urgent-connecting-assignee", {}
    elif routing.on_duty or calendar.is_working_time(now):
        key, args = "urgent-connecting-now", {}
    else:
        key, args = (
            "urgent-after-hours",
            {"when": screens.when_text(ctx, calendar.next_working_time(now))},
        )
    ctx.say(key, *screens.in_chat_rows(ctx), **args)
