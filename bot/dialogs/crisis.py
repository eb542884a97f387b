"""The crisis path: numbers first, then a person as fast as the centre can give one.

Every free-text message passes triage before any other screen answers it; an emergency or
crisis alarm takes over whatever step she was at (even in the middle of a booking).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.dialogs import callbacks as cb
from bot.dialogs import screens, words
from bot.dialogs.context import DialogContext
from bot.dialogs.steps import Step
from core.calendar import load_calendar
from core.models import Case, SupportLevel
from core.services import cases
from core.services.cases import Routing
from core.services.urgency import raise_case
from core.triage import Assessment, assess, mentions_pregnancy

URGENT_LEVELS = {"emergency": SupportLevel.emergency, "crisis": SupportLevel.crisis}
TOPIC_BY_GROUP = {
    "abandonment": "pregnancy",
    "minor_pregnancy": "pregnancy",
    "violence": "family",
    "child_abuse": "family",
    "child_danger": "newborn",
    "basic_needs": "money",
    "medical_emergency": "newborn",
}
HELP_BUTTON_SIGNAL = {"group": "help_button", "phrase": "", "level": "crisis"}
UNSAFE_SIGNAL = {"group": "unsafe_answer", "phrase": "", "level": "emergency"}
# Both answers to "Are you safe right now?" (the "not sure" path).
SAFE, UNSAFE = cb.SAFE(), cb.UNSAFE()
# Every group whose numbers are all the lines: a button, not words, told us she needs help.
ALL_LINES = {"help_button", "unsafe_answer"}
ASK_SAFE_AGAIN_AFTER = timedelta(hours=12)
# The reply that fits the danger: signal group -> its words (locales' danger.ftl).
DANGER_KEYS = {
    "violence": "danger-violence",
    "suicide_selfharm": "danger-suicide",
    "child_danger": "danger-child-medical",
    "child_abuse": "danger-child-abuse",
    "medical_emergency": "danger-pregnancy",
    "abandonment": "danger-abandonment",
    "basic_needs": "danger-basic-needs",
    "minor_pregnancy": "danger-minor",
}


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
    """One message that fits the danger (what to do now, the numbers, who reads her next),
    the case raised, and the same words on its thread as the bot's."""
    groups = {str(s["group"]) for s in signals}
    settings = ctx.uow.settings
    lines = words.helplines(settings, () if groups <= ALL_LINES else groups)
    numbers = words.numbers_text(lines, ctx.client.locale)

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
            settings.default_locale,
            "triage-alarm",
            level=ctx.uow.i18n(settings.default_locale, f"level-{case.level}"),
            phrases=phrases,
        ),
    )
    care = words.without_empty_lines(
        ctx.t(
            _danger_key(ctx, signals),
            numbers=numbers,
            centre_phone=settings.centre_phone or "—",
            shelters=words.shelters_text(settings),
        )
    )
    text = f"{care}\n\n{await _who_reads_her(ctx, case, routing)}"
    ctx.say_text(text, *screens.in_chat_rows(ctx))
    await cases.add_bot_message(ctx.uow, case, text)
    ctx.go(Step.CHAT, case_id=case.id, acked_at=ctx.uow.clock.now().isoformat())


# These decide the words whatever else is named: a girl under 18 needs the words for her age
# (a threat from her parents included), a wish to die needs its own words before any other.
FIRST_DANGERS = ("minor_pregnancy", "suicide_selfharm")


def _danger_key(ctx: DialogContext, signals: list[dict[str, Any]]) -> str:
    """The most serious danger named decides the words (signals come most serious first)."""
    named = {str(signal["group"]) for signal in signals}
    for group in FIRST_DANGERS:
        if group in named:
            return DANGER_KEYS[group]
    for signal in signals:
        key = DANGER_KEYS.get(str(signal["group"]))
        if key == "danger-pregnancy" and not mentions_pregnancy(ctx.incoming.text):
            return "danger-child-medical"
        if key is not None:
            return key
    return "danger-general"


async def _who_reads_her(ctx: DialogContext, case: Case, routing: Routing) -> str:
    """Who reads her next, and when: her specialist, the one on duty, or the centre's next
    working hour (with the round-the-clock lines above until then)."""
    if case.assignee_id is not None:
        return ctx.t("urgent-status-assignee")
    calendar = await load_calendar(ctx.uow)
    now = ctx.uow.clock.now()
    if routing.on_duty or calendar.is_working_time(now):
        return ctx.t("urgent-status-now")
    when = words.when_text(
        ctx.uow.i18n, ctx.uow.settings, ctx.client.locale, calendar.next_working_time(now)
    )
    return ctx.t("urgent-status-after-hours", when=when)


async def should_ask_if_safe(ctx: DialogContext, assessment: Assessment) -> bool:
    """Distress without a clear danger gets the question once in a while (not at every
    message); not while a specialist is already talking with her."""
    if not assessment.unsure:
        return False
    asked = ctx.client.dialog_data.get("asked_safe_at")
    if asked and ctx.uow.clock.now() - datetime.fromisoformat(asked) < ASK_SAFE_AGAIN_AFTER:
        return False
    case = await cases.current_case(ctx.uow, ctx.client.id)
    return case is None or case.assignee_id is None


async def ask_if_safe(ctx: DialogContext) -> None:
    """Keeps what she wrote (on her case, or for the specialist when she opens one) and asks
    one gentle question, with 112 in the same message."""
    case = await cases.current_case(ctx.uow, ctx.client.id)
    if case is not None:
        await screens.put_on_case(ctx, case)
        kept = {"acked_at": ctx.uow.clock.now().isoformat()}
    else:
        kept = {"pending": screens.with_pending(ctx)}
    asked = ctx.uow.clock.now().isoformat()
    ctx.client.dialog_data = {**ctx.client.dialog_data, **kept, "asked_safe_at": asked}
    ctx.say(
        "safety-check",
        [ctx.button("btn-safe-no", UNSAFE)],
        [ctx.button("btn-safe-yes", SAFE)],
    )


async def answered_unsafe(ctx: DialogContext) -> None:
    """ "No, I need help now": the emergency path at once."""
    signal = {**UNSAFE_SIGNAL, "phrase": ctx.t("btn-safe-no")}
    await _take_over(ctx, SupportLevel.emergency, [signal], keep_message=False)


async def answered_safe(ctx: DialogContext) -> None:
    """ "Yes, I'm safe": on to what she came for; what she wrote is kept for a person."""
    case = await cases.current_case(ctx.uow, ctx.client.id)
    if case is not None:
        ctx.go(Step.CHAT, case_id=case.id, acked_at=ctx.uow.clock.now().isoformat())
        ctx.say("safety-glad-case", *screens.in_chat_rows(ctx))
        return
    ctx.go(Step.TOPIC, pending=ctx.client.dialog_data.get("pending", []))
    ctx.say("safety-glad", *screens.topic_rows(ctx))
