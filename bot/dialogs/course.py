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

from bot.dialogs import callbacks as cb
from bot.dialogs import consent, words
from bot.dialogs.context import DialogContext
from bot.dialogs.steps import COURSE_STEPS, Step
from core.errors import Conflict, DomainError, Forbidden, InvalidInput
from core.messages import Button
from core.models import CourseGroup, CourseSession, Enrollment, EnrollmentStatus, GroupStatus
from core.services import courses

STATES = COURSE_STEPS


# --- small helpers ----------------------------------------------------------------------------


def _when(ctx: DialogContext, session: CourseSession) -> str:
    return words.course_when(ctx.uow.i18n, ctx.uow.settings, ctx.client.locale, session.starts_at)


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
        rows.append([ctx.button("course-btn-my", cb.C_MINE())])
    rows.append([ctx.button("course-btn-groups", cb.C_LIST()), ctx.button("btn-menu", cb.MENU())])
    return rows


async def _refused(ctx: DialogContext, error: DomainError) -> None:
    """A refusal of the core: its words (``error-<code>``) and where to go from here."""
    ctx.say_text(ctx.refusal(error, fallback="course-error-generic"), *_nav(ctx))


# --- the course and its groups ----------------------------------------------------------------


async def entry(ctx: DialogContext) -> None:
    """What the course is, and the groups open for enrolment."""
    if ctx.client.dialog_state in STATES:
        ctx.go(Step.MENU)
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
        rows.append([Button(view.group.title[:60], cb.C_GROUP(view.group.id))])
    if mine:
        rows.append([ctx.button("course-btn-my", cb.C_MINE())])
    rows.append([ctx.button("btn-menu", cb.MENU())])
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
        rows.append([ctx.button("course-btn-my", cb.C_MINE())])
    elif group.status != GroupStatus.open or not view.upcoming:
        ctx.say("course-group-not-open", *_nav(ctx), title=group.title)
        return
    elif view.free > 0:
        rows.append([ctx.button("course-btn-enrol", cb.C_ENROL(group.id))])
    else:
        rows.append([ctx.button("course-btn-waitlist", cb.C_WAIT(group.id))])
    rows.append([ctx.button("course-btn-groups", cb.C_LIST()), ctx.button("btn-menu", cb.MENU())])
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
    if not await consent.already_given(ctx, consent.COURSE):
        ctx.go(Step.COURSE_CONSENT, group=group.id, wait=wait)
        _consent_screen(ctx, group.id, wait)
        return
    _ask_name(ctx, group.id, wait)


def _consent_screen(ctx: DialogContext, group_id: int, wait: bool) -> None:
    yes = cb.C_CONSENT(group_id, "w" if wait else "e")
    days = ctx.uow.settings.course_roll_retention_days
    consent.ask(ctx, consent.COURSE, yes, cb.C_LIST(), days=days)


def _ask_name(ctx: DialogContext, group_id: int, wait: bool) -> None:
    ctx.go(Step.COURSE_NAME, group=group_id, wait=wait)
    ctx.say("course-ask-name", [ctx.button("course-btn-stop", cb.C_LIST())], limit=courses.MAX_NAME)


async def consent_given(ctx: DialogContext, group_id: int, wait: bool) -> None:
    group = await courses.find_group(ctx.uow, group_id)
    if group is None:
        ctx.say("course-group-gone", *_nav(ctx, mine=False))
        return
    if group.status != GroupStatus.open:
        ctx.say("course-group-not-open", *_nav(ctx), title=group.title)
        return
    await consent.record(ctx, consent.COURSE)
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
    if state == Step.COURSE_CONSENT:
        ctx.say("course-press-a-button")
        _consent_screen(ctx, group_id, wait)
    elif state == Step.COURSE_NAME:
        try:
            name = courses.clean_roll_name(ctx.incoming.text)
        except InvalidInput:
            ctx.say(
                "course-name-invalid",
                [ctx.button("course-btn-stop", cb.C_LIST())],
                limit=courses.MAX_NAME,
            )
            return True
        ctx.go(Step.COURSE_DUE, group=group_id, wait=wait, name=ctx.uow.vault.encrypt(name))
        ctx.say("course-ask-due", [ctx.button("course-btn-skip", cb.C_SKIP())], name=name)
    elif state == Step.COURSE_DUE:
        try:
            due = courses.clean_due_info(ctx.incoming.text)
        except InvalidInput:
            ctx.say(
                "course-due-invalid",
                [ctx.button("course-btn-skip", cb.C_SKIP())],
                limit=courses.MAX_DUE,
            )
            return True
        await finish(ctx, due)
    else:  # course_full: she writes instead of choosing
        ctx.say(
            "course-full-now",
            [ctx.button("course-btn-waitlist", cb.C_WAITLIST(group_id))],
            [ctx.button("course-btn-groups", cb.C_LIST())],
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
            ctx.go(Step.COURSE_FULL, group=group_id, name=name_enc, due=due or "")
            ctx.say(
                "course-full-now",
                [ctx.button("course-btn-waitlist", cb.C_WAITLIST(group_id))],
                [ctx.button("course-btn-groups", cb.C_LIST())],
            )
            return
        ctx.go(Step.MENU)
        await _refused(ctx, error)
        return
    except Forbidden:
        ctx.go(Step.COURSE_CONSENT, group=group_id, wait=waitlist)
        _consent_screen(ctx, group_id, waitlist)
        return
    ctx.go(Step.MENU)
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
    if ctx.client.dialog_state == Step.COURSE_FULL and data.get("group") == group_id:
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
                [ctx.button("course-btn-take", cb.C_TAKE(enrollment.id))],
                [ctx.button("course-btn-pass", cb.C_PASS(enrollment.id))],
                title=group.title,
                until=words.course_when(
                    ctx.uow.i18n, ctx.uow.settings, ctx.client.locale, enrollment.offer_expires_at
                ),
            )
        elif enrollment.status == EnrollmentStatus.waiting:
            ctx.say(
                "course-my-waiting",
                [ctx.button("course-btn-leave-waitlist", cb.C_CANCEL(enrollment.id))],
                title=group.title,
                position=await courses.waiting_position(ctx.uow, enrollment),
            )
        else:
            sessions = await courses.upcoming_sessions(ctx.uow, group.id)
            skipped = await courses.skipped_sessions(ctx.uow, enrollment.id)
            coming = [s for s in sessions if s.id not in skipped]
            rows = []
            if coming:
                rows.append(
                    [ctx.button("course-btn-skip-session", cb.C_SKIP_SESSION(enrollment.id))]
                )
            rows.append([ctx.button("course-btn-cancel-enrolment", cb.C_CANCEL(enrollment.id))])
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
        [ctx.button("course-btn-withdraw", cb.C_WITHDRAW())],
        [ctx.button("course-btn-groups", cb.C_LIST()), ctx.button("btn-menu", cb.MENU())],
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
                cb.C_NO(enrollment.id, s.id),
            )
        ]
        for s in sessions
        if s.id not in skipped
    ][:10]
    if not rows:
        ctx.say("course-no-next-session", *_nav(ctx))
        return
    rows.append([ctx.button("btn-back", cb.C_MINE())])
    ctx.say("course-choose-skip", *rows)


async def _mine(ctx: DialogContext, enrollment_id: int) -> Enrollment | None:
    enrollment = await courses.find_her_enrollment(
        ctx.uow, client_id=ctx.client.id, enrollment_id=enrollment_id
    )
    if enrollment is None:
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
        [ctx.button("course-btn-cancel-yes", cb.C_CANCEL_YES(enrollment.id))],
        [ctx.button("course-btn-cancel-no", cb.C_MINE())],
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
        [ctx.button("course-btn-withdraw-yes", cb.C_WITHDRAW_YES())],
        [ctx.button("course-btn-cancel-no", cb.C_MINE())],
    )


async def withdraw(ctx: DialogContext) -> None:
    count = await courses.withdraw(ctx.uow, client_id=ctx.client.id)
    if ctx.client.dialog_state in STATES:
        ctx.go(Step.MENU)
    ctx.say("course-withdrawn", *_nav(ctx, mine=False), count=count)


# --- the buttons ------------------------------------------------------------------------------


async def _skip(ctx: DialogContext) -> None:
    if ctx.client.dialog_state == Step.COURSE_DUE:
        await finish(ctx, None)
    else:
        await entry(ctx)


async def _my_course_of(ctx: DialogContext, enrollment_id: int) -> None:
    await my_course(ctx)


async def _consent(ctx: DialogContext, group_id: int, kind: str) -> None:
    await consent_given(ctx, group_id, kind == "w")


async def _enrol(ctx: DialogContext, group_id: int) -> None:
    await start_enrolment(ctx, group_id, False)


async def _wait(ctx: DialogContext, group_id: int) -> None:
    await start_enrolment(ctx, group_id, True)


async def _yes(ctx: DialogContext, enrollment_id: int, session_id: int) -> None:
    await answer(ctx, enrollment_id, session_id, True)


async def _no(ctx: DialogContext, enrollment_id: int, session_id: int) -> None:
    await answer(ctx, enrollment_id, session_id, False)


ROUTES = cb.Routes(
    {
        cb.C_LIST: entry,
        cb.C_MINE: my_course,
        cb.C_MINE_OF: _my_course_of,
        cb.C_CONSENT: _consent,
        cb.C_SKIP: _skip,
        cb.C_WITHDRAW: ask_withdraw,
        cb.C_WITHDRAW_YES: withdraw,
        cb.C_GROUP: show_group,
        cb.C_ENROL: _enrol,
        cb.C_WAIT: _wait,
        cb.C_WAITLIST: waitlist_now,
        cb.C_SKIP_SESSION: choose_session_to_skip,
        cb.C_CANCEL: ask_cancel,
        cb.C_CANCEL_YES: cancel,
        cb.C_TAKE: take,
        cb.C_PASS: pass_offer,
        cb.C_YES: _yes,
        cb.C_NO: _no,
        cb.C_DROP_IN: drop_in,
    }
)


async def on_button(ctx: DialogContext, payload: str) -> bool:
    """Handles a ``c:…`` button; False when the payload is not one of ours."""
    return await cb.answer(ctx, ROUTES, payload, _refused)
