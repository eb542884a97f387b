"""The course screens (buttons with the `c:` prefix), written once for every channel.

Every button carries what it needs (``c:yes:<enrolment>:<session>``), so a reminder from
yesterday or a button from before a restart still gets a sensible answer: a group that became
full offers the waiting list, a cancelled session says so, someone else's enrolment is "not
found". Refusals of the core become a kind message with a next step, never a traceback.

Steps (``client.dialog_state``): ``course_consent`` → ``course_name`` → ``course_due`` →
enrolled (or ``course_full``: the group filled meanwhile, the waiting list is offered). The
roll name waits in the dialog data encrypted, never in clear text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.dialogs.context import DialogContext
from core.errors import Conflict, DomainError, Forbidden, InvalidInput
from core.messages import Button
from core.models import CourseGroup, CourseSession, Enrollment, EnrollmentStatus, GroupStatus
from core.services import courses
from core.services.consent import give_consent, has_consent

STATES = ("course_consent", "course_name", "course_due", "course_full")


# --- small helpers ----------------------------------------------------------------------------


def _when(ctx: DialogContext, session: CourseSession) -> str:
    return courses.when_text(ctx.uow, ctx.client.locale, session.starts_at)


def _session_lines(
    ctx: DialogContext,
    group: CourseGroup,
    sessions: list[CourseSession],
    skipped: frozenset[int] | set[int] = frozenset(),
) -> str:
    lines = []
    for session in sessions:
        place = session.place if session.place and session.place != group.place else ""
        key = "course-session-line-skipped" if session.id in skipped else "course-session-line"
        line = ctx.t(key, when=_when(ctx, session), topic=session.topic or "—")
        lines.append(f"{line} ({place})" if place else line)
    return "\n".join(lines) if lines else ctx.t("course-no-sessions")


def _optional(ctx: DialogContext, key: str, value: str | None) -> str:
    """An optional line of a screen ("Для кого: …"), empty when there is nothing to say."""
    return ctx.t(key, value=value) + "\n" if value else ""


def _nav(ctx: DialogContext, *, mine: bool = True) -> list[list[Button]]:
    rows = []
    if mine:
        rows.append([ctx.button("course-btn-my", "c:my")])
    rows.append([ctx.button("course-btn-groups", "c:list"), ctx.button("btn-menu", "menu")])
    return rows


def _ids(parts: list[str], count: int) -> list[int] | None:
    values = parts[2 : 2 + count]
    if len(values) != count or not all(v.isdigit() and len(v) <= 18 for v in values):
        return None
    return [int(v) for v in values]


async def _refused(ctx: DialogContext, error: DomainError) -> None:
    """A refusal of the core: its words (``error-<code>``) and where to go from here."""
    key = f"error-{error.code}"
    if not ctx.uow.i18n.has(key):
        key = "course-error-generic"
    ctx.say(key, *_nav(ctx), **{k: str(v) for k, v in error.params.items()})


# --- the course and its groups ----------------------------------------------------------------


async def entry(ctx: DialogContext) -> None:
    """What the course is, and the groups open for enrolment."""
    if ctx.client.dialog_state in STATES:
        ctx.go("menu")
    views = await courses.list_groups(ctx.uow, open_only=True)
    mine = await courses.my_enrollments(ctx.uow, ctx.client.id)
    if not views:
        ctx.say("course-intro-no-groups", *_nav(ctx, mine=bool(mine)))
        return
    lines = []
    rows = []
    for view in views:
        upcoming = view.upcoming
        first, last = upcoming[0], upcoming[-1]
        lines.append(
            ctx.t(
                "course-group-line",
                title=view.group.title,
                audience=_optional(ctx, "course-audience", view.group.audience),
                first=_when(ctx, first),
                last=courses.local(ctx.uow, last.starts_at).strftime("%d.%m"),
                count=len(upcoming),
                place=view.group.place or first.place or "—",
                free=view.free,
            )
        )
        rows.append([Button(view.group.title[:60], f"c:g:{view.group.id}")])
    if mine:
        rows.append([ctx.button("course-btn-my", "c:my")])
    rows.append([ctx.button("btn-menu", "menu")])
    ctx.say("course-intro", *rows, groups="\n\n".join(lines))


async def show_group(ctx: DialogContext, group_id: int) -> None:
    try:
        view = await courses.group_view(ctx.uow, group_id)
    except DomainError:
        ctx.say("course-group-gone", *_nav(ctx, mine=False))
        return
    group = view.group
    mine = await courses.live_enrollment(ctx.uow, client_id=ctx.client.id, group_id=group.id)
    rows: list[list[Button]] = []
    if mine is not None:
        rows.append([ctx.button("course-btn-my", "c:my")])
    elif group.status != GroupStatus.open or not view.upcoming:
        ctx.say("course-group-not-open", *_nav(ctx), title=group.title)
        return
    elif view.free > 0:
        rows.append([ctx.button("course-btn-enrol", f"c:e:{group.id}")])
    else:
        rows.append([ctx.button("course-btn-waitlist", f"c:w:{group.id}")])
    rows.append([ctx.button("course-btn-groups", "c:list"), ctx.button("btn-menu", "menu")])
    ctx.say(
        "course-group-detail",
        *rows,
        title=group.title,
        audience=_optional(ctx, "course-audience", group.audience),
        place=group.place or "—",
        leader=_optional(ctx, "course-leader", view.leader),
        sessions=_session_lines(ctx, group, view.upcoming),
        free=view.free,
        capacity=group.capacity,
        waiting=view.waiting,
    )


# --- enrolment --------------------------------------------------------------------------------


async def start_enrolment(ctx: DialogContext, group_id: int, wait: bool) -> None:
    try:
        group = await courses.get_group(ctx.uow, group_id)
    except DomainError:
        ctx.say("course-group-gone", *_nav(ctx, mine=False))
        return
    if group.status != GroupStatus.open:
        ctx.say("course-group-not-open", *_nav(ctx), title=group.title)
        return
    if await courses.live_enrollment(ctx.uow, client_id=ctx.client.id, group_id=group.id):
        ctx.say("course-already-enrolled", *_nav(ctx))
        return
    if not await has_consent(ctx.uow, client_id=ctx.client.id, purpose="course"):
        ctx.go("course_consent", group=group.id, wait=wait)
        _consent_screen(ctx, group.id, wait)
        return
    _ask_name(ctx, group.id, wait)


def _consent_screen(ctx: DialogContext, group_id: int, wait: bool) -> None:
    ctx.say(
        "course-consent",
        [ctx.button("course-btn-consent-yes", f"c:ok:{group_id}:{'w' if wait else 'e'}")],
        [ctx.button("course-btn-consent-no", "c:list")],
        centre=ctx.uow.settings.centre_name,
        days=ctx.uow.settings.course_roll_retention_days,
    )


def _ask_name(ctx: DialogContext, group_id: int, wait: bool) -> None:
    ctx.go("course_name", group=group_id, wait=wait)
    ctx.say("course-ask-name", [ctx.button("course-btn-stop", "c:list")], limit=courses.MAX_NAME)


async def consent_given(ctx: DialogContext, group_id: int, wait: bool) -> None:
    group = await ctx.uow.session.get(CourseGroup, group_id)
    if group is None:
        ctx.say("course-group-gone", *_nav(ctx, mine=False))
        return
    if group.status != GroupStatus.open:
        ctx.say("course-group-not-open", *_nav(ctx), title=group.title)
        return
    await give_consent(ctx.uow, client_id=ctx.client.id, purpose="course")
    _ask_name(ctx, group_id, wait)


async def on_text(ctx: DialogContext) -> bool:
    """Free text while she is in one of this section's steps; False when not ours."""
    state = ctx.client.dialog_state
    if state not in STATES:
        return False
    data = ctx.client.dialog_data
    group_id = data.get("group")
    if not isinstance(group_id, int):
        await entry(ctx)
        return True
    wait = bool(data.get("wait"))
    if state == "course_consent":
        ctx.say("course-press-a-button")
        _consent_screen(ctx, group_id, wait)
    elif state == "course_name":
        try:
            name = courses.clean_roll_name(ctx.incoming.text)
        except InvalidInput:
            ctx.say(
                "course-name-invalid",
                [ctx.button("course-btn-stop", "c:list")],
                limit=courses.MAX_NAME,
            )
            return True
        ctx.go("course_due", group=group_id, wait=wait, name=ctx.uow.vault.encrypt(name))
        ctx.say("course-ask-due", [ctx.button("course-btn-skip", "c:skip")], name=name)
    elif state == "course_due":
        try:
            due = courses.clean_due_info(ctx.incoming.text)
        except InvalidInput:
            ctx.say(
                "course-due-invalid",
                [ctx.button("course-btn-skip", "c:skip")],
                limit=courses.MAX_DUE,
            )
            return True
        await finish(ctx, due)
    else:  # course_full: she writes instead of choosing
        ctx.say(
            "course-full-now",
            [ctx.button("course-btn-waitlist", f"c:wl:{group_id}")],
            [ctx.button("course-btn-groups", "c:list")],
        )
    return True


async def finish(ctx: DialogContext, due: str | None, *, wait: bool | None = None) -> None:
    data = ctx.client.dialog_data
    group_id = int(data["group"])
    name_enc = data.get("name")
    if not isinstance(name_enc, str):
        await start_enrolment(ctx, group_id, bool(wait))
        return
    waitlist = bool(data.get("wait")) if wait is None else wait
    name = ctx.uow.vault.decrypt(name_enc)
    try:
        enrollment = await courses.enrol(
            ctx.uow,
            client_id=ctx.client.id,
            group_id=group_id,
            roll_name=name,
            due_info=due,
            waitlist=waitlist,
        )
    except Conflict as error:
        if error.code == "course-group-full":
            # She keeps her answers (encrypted) for one tap onto the waiting list.
            ctx.go("course_full", group=group_id, name=name_enc, due=due or "")
            ctx.say(
                "course-full-now",
                [ctx.button("course-btn-waitlist", f"c:wl:{group_id}")],
                [ctx.button("course-btn-groups", "c:list")],
            )
            return
        ctx.go("menu")
        await _refused(ctx, error)
        return
    except Forbidden:
        ctx.go("course_consent", group=group_id, wait=waitlist)
        _consent_screen(ctx, group_id, waitlist)
        return
    ctx.go("menu")
    await _confirmation(ctx, enrollment, name=name)


async def _confirmation(ctx: DialogContext, enrollment: Enrollment, *, name: str = "") -> None:
    group = await courses.get_group(ctx.uow, enrollment.group_id)
    if enrollment.status == EnrollmentStatus.waiting:
        position = await courses.waiting_position(ctx.uow, enrollment)
        ctx.say(
            "course-waiting-joined",
            *_nav(ctx),
            title=group.title,
            position=position,
            hours=ctx.uow.settings.course_offer_hold_hours,
        )
        return
    sessions = await courses.upcoming_sessions(ctx.uow, group.id)
    ctx.say(
        "course-enrolled",
        *_nav(ctx),
        name=name or courses.roll_name(ctx.uow, enrollment) or "",
        title=group.title,
        place=group.place or "—",
        sessions=_session_lines(ctx, group, sessions),
    )
    link = courses.ics_url(ctx.uow, enrollment.id)
    if link:
        ctx.say("course-calendar-link", url=link)


async def waitlist_now(ctx: DialogContext, group_id: int) -> None:
    """One tap onto the waiting list after the group filled while she was typing."""
    data = ctx.client.dialog_data
    if ctx.client.dialog_state == "course_full" and data.get("group") == group_id:
        await finish(ctx, data.get("due") or None, wait=True)
        return
    await start_enrolment(ctx, group_id, True)


# --- "My course" ------------------------------------------------------------------------------


async def my_course(ctx: DialogContext) -> None:
    mine = await courses.my_enrollments(ctx.uow, ctx.client.id)
    if not mine:
        ctx.say("course-my-none", *_nav(ctx, mine=False))
        return
    for enrollment in mine:
        group = enrollment.group
        if enrollment.status == EnrollmentStatus.offered and enrollment.offer_expires_at:
            ctx.say(
                "course-my-offered",
                [ctx.button("course-btn-take", f"c:take:{enrollment.id}")],
                [ctx.button("course-btn-pass", f"c:pass:{enrollment.id}")],
                title=group.title,
                until=courses.when_text(ctx.uow, ctx.client.locale, enrollment.offer_expires_at),
            )
        elif enrollment.status == EnrollmentStatus.waiting:
            ctx.say(
                "course-my-waiting",
                [ctx.button("course-btn-leave-waitlist", f"c:cx:{enrollment.id}")],
                title=group.title,
                position=await courses.waiting_position(ctx.uow, enrollment),
            )
        else:
            sessions = await courses.upcoming_sessions(ctx.uow, group.id)
            skipped = await courses.skipped_sessions(ctx.uow, enrollment.id)
            coming = [s for s in sessions if s.id not in skipped]
            rows = []
            if coming:
                rows.append([ctx.button("course-btn-skip-session", f"c:sk:{enrollment.id}")])
            rows.append([ctx.button("course-btn-cancel-enrolment", f"c:cx:{enrollment.id}")])
            ctx.say(
                "course-my-active",
                *rows,
                title=group.title,
                next=(
                    ctx.t(
                        "course-next-session",
                        when=_when(ctx, coming[0]),
                        topic=coming[0].topic or "—",
                        place=coming[0].place or group.place or "—",
                    )
                    if coming
                    else ctx.t("course-no-next-session")
                ),
                sessions=_session_lines(ctx, group, sessions, skipped),
            )
            link = courses.ics_url(ctx.uow, enrollment.id)
            if link:
                ctx.say("course-calendar-link", url=link)
    ctx.say(
        "course-my-footer",
        [ctx.button("course-btn-withdraw", "c:wd")],
        [ctx.button("course-btn-groups", "c:list"), ctx.button("btn-menu", "menu")],
    )


async def choose_session_to_skip(ctx: DialogContext, enrollment_id: int) -> None:
    enrollment = await _mine(ctx, enrollment_id)
    if enrollment is None:
        return
    sessions = await courses.upcoming_sessions(ctx.uow, enrollment.group_id)
    skipped = await courses.skipped_sessions(ctx.uow, enrollment.id)
    rows = [
        [
            Button(
                f"{_when(ctx, s)} {s.topic}"[:60],
                f"c:no:{enrollment.id}:{s.id}",
            )
        ]
        for s in sessions
        if s.id not in skipped
    ][:10]
    if not rows:
        ctx.say("course-no-next-session", *_nav(ctx))
        return
    rows.append([ctx.button("btn-back", "c:my")])
    ctx.say("course-choose-skip", *rows)


async def _mine(ctx: DialogContext, enrollment_id: int) -> Enrollment | None:
    enrollment = await ctx.uow.session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.client_id != ctx.client.id:
        ctx.say("error-course-enrollment-not-found", *_nav(ctx))
        return None
    if enrollment.status not in courses.LIVE:
        ctx.say("course-enrollment-ended", *_nav(ctx))
        return None
    return enrollment


async def ask_cancel(ctx: DialogContext, enrollment_id: int) -> None:
    enrollment = await _mine(ctx, enrollment_id)
    if enrollment is None:
        return
    group = await courses.get_group(ctx.uow, enrollment.group_id)
    key = (
        "course-confirm-leave-waitlist"
        if enrollment.status == EnrollmentStatus.waiting
        else "course-confirm-cancel"
    )
    ctx.say(
        key,
        [ctx.button("course-btn-cancel-yes", f"c:cxy:{enrollment.id}")],
        [ctx.button("course-btn-cancel-no", "c:my")],
        title=group.title,
    )


async def cancel(ctx: DialogContext, enrollment_id: int) -> None:
    enrollment = await courses.cancel_enrollment(
        ctx.uow, enrollment_id=enrollment_id, client_id=ctx.client.id
    )
    group = await courses.get_group(ctx.uow, enrollment.group_id)
    ctx.say("course-cancelled", *_nav(ctx, mine=False), title=group.title)


async def answer(ctx: DialogContext, enrollment_id: int, session_id: int, coming: bool) -> None:
    outcome = await courses.answer_reminder(
        ctx.uow,
        client_id=ctx.client.id,
        enrollment_id=enrollment_id,
        session_id=session_id,
        coming=coming,
    )
    session = await courses.get_session(ctx.uow, session_id)
    group = await courses.get_group(ctx.uow, session.group_id)
    key = {
        "yes": "course-answer-yes",
        "no": "course-answer-no-drop-ins" if group.drop_ins else "course-answer-no",
        "seat-given": "course-answer-seat-given",
    }[outcome]
    ctx.say(
        key,
        *_nav(ctx),
        when=_when(ctx, session),
        topic=session.topic or "—",
        place=session.place or group.place or "—",
    )


async def take(ctx: DialogContext, enrollment_id: int) -> None:
    enrollment = await courses.confirm_seat(
        ctx.uow, client_id=ctx.client.id, enrollment_id=enrollment_id
    )
    await _confirmation(ctx, enrollment)


async def pass_offer(ctx: DialogContext, enrollment_id: int) -> None:
    enrollment = await courses.decline_offer(
        ctx.uow, client_id=ctx.client.id, enrollment_id=enrollment_id
    )
    group = await courses.get_group(ctx.uow, enrollment.group_id)
    ctx.say("course-offer-declined", *_nav(ctx, mine=False), title=group.title)


async def drop_in(ctx: DialogContext, enrollment_id: int, session_id: int) -> None:
    session = await courses.take_drop_in(
        ctx.uow, client_id=ctx.client.id, enrollment_id=enrollment_id, session_id=session_id
    )
    group = await courses.get_group(ctx.uow, session.group_id)
    ctx.say(
        "course-drop-in-taken",
        *_nav(ctx),
        when=_when(ctx, session),
        topic=session.topic or "—",
        place=session.place or group.place or "—",
    )


async def ask_withdraw(ctx: DialogContext) -> None:
    ctx.say(
        "course-confirm-withdraw",
        [ctx.button("course-btn-withdraw-yes", "c:wdy")],
        [ctx.button("course-btn-cancel-no", "c:my")],
    )


async def withdraw(ctx: DialogContext) -> None:
    count = await courses.withdraw(ctx.uow, client_id=ctx.client.id)
    if ctx.client.dialog_state in STATES:
        ctx.go("menu")
    ctx.say("course-withdrawn", *_nav(ctx, mine=False), count=count)


# --- the buttons ------------------------------------------------------------------------------

Action = Callable[[DialogContext, list[int]], Awaitable[None]]

ACTIONS: dict[str, tuple[int, Action]] = {
    "g": (1, lambda ctx, ids: show_group(ctx, ids[0])),
    "e": (1, lambda ctx, ids: start_enrolment(ctx, ids[0], False)),
    "w": (1, lambda ctx, ids: start_enrolment(ctx, ids[0], True)),
    "wl": (1, lambda ctx, ids: waitlist_now(ctx, ids[0])),
    "sk": (1, lambda ctx, ids: choose_session_to_skip(ctx, ids[0])),
    "cx": (1, lambda ctx, ids: ask_cancel(ctx, ids[0])),
    "cxy": (1, lambda ctx, ids: cancel(ctx, ids[0])),
    "take": (1, lambda ctx, ids: take(ctx, ids[0])),
    "pass": (1, lambda ctx, ids: pass_offer(ctx, ids[0])),
    "yes": (2, lambda ctx, ids: answer(ctx, ids[0], ids[1], True)),
    "no": (2, lambda ctx, ids: answer(ctx, ids[0], ids[1], False)),
    "drop": (2, lambda ctx, ids: drop_in(ctx, ids[0], ids[1])),
}


async def on_button(ctx: DialogContext, payload: str) -> bool:
    """Handles a `c:…` button; False when the payload is not one of ours."""
    parts = payload.split(":")
    verb = parts[1] if len(parts) > 1 else ""
    try:
        if verb == "list":
            await entry(ctx)
        elif verb == "my":  # c:my and c:my:<enrolment> (from a notice)
            await my_course(ctx)
        elif verb == "ok" and len(parts) == 4 and parts[2].isdigit() and parts[3] in ("e", "w"):
            await consent_given(ctx, int(parts[2]), parts[3] == "w")
        elif verb == "skip":
            if ctx.client.dialog_state == "course_due":
                await finish(ctx, None)
            else:
                await entry(ctx)
        elif verb == "wd":
            await ask_withdraw(ctx)
        elif verb == "wdy":
            await withdraw(ctx)
        elif verb in ACTIONS:
            count, action = ACTIONS[verb]
            ids = _ids(parts, count)
            if ids is None or len(parts) != 2 + count:
                return False
            await action(ctx, ids)
        else:
            return False
    except DomainError as error:
        await _refused(ctx, error)
    return True
