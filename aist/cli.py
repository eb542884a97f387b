"""The ``aist`` console script: demo, run, db upgrade, user create|disable|enable|password|2fa, triage.

Every line it prints comes from locales/<lang>/cli.ftl (Russian unless AIST_DEFAULT_LOCALE
says otherwise). Expected failures — a missing key, a taken login, a database that does not
answer — end with one clear line on stderr and exit code 1 (2 for unusable settings), never
a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from pydantic import SecretStr, ValidationError
from sqlalchemy.engine import make_url

from bot.bootstrap import create_core
from core.errors import DomainError
from core.i18n import Translator
from core.settings import Settings

_t = Translator.load(default=os.environ.get("AIST_DEFAULT_LOCALE", "ru"))
# Stands in for the secret key where a command needs only the database URL.
_URL_ONLY_KEY = "url-only-" + "x" * 40


class CliError(Exception):
    """An expected failure: ``message`` is printed as it is, the process exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def t(key: str, **args: object) -> str:
    return _t(_t.default, key, **args)


def say(key: str, **args: object) -> None:
    print(t(key, **args), flush=True)


def _settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        raise CliError(_settings_problem(error), code=2) from None


def _settings_problem(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        msg = str(item.get("msg", "")).removeprefix("Value error, ")
        if "AIST_SECRET_KEY must be set" in msg:
            problems.append(t("cli-no-secret-key"))
        elif "AIST_SECRET_KEY must be at least" in msg:
            problems.append(t("cli-short-secret-key"))
        else:
            where = ".".join(str(part) for part in item.get("loc", ()))
            field = f"AIST_{where.upper()}: " if where else ""
            problems.append(t("cli-bad-settings", problem=field + msg))
    return " ".join(problems)


def _url_settings(demo: bool) -> Settings:
    """Settings for a command that needs only the database URL, not the secret key."""
    if demo:
        return _settings(demo=True)
    return _settings(secret_key=SecretStr(_URL_ONLY_KEY))


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _upgrade(database_url: str) -> None:
    from core.migrate import upgrade

    try:
        upgrade(database_url)
    except Exception as error:  # the database does not answer, or refuses
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise CliError(t("cli-db-failed", url=_shown(database_url), reason=reason)) from None


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = _url_settings(args.demo)
    _upgrade(settings.database_url)
    say("cli-db-upgraded", url=_shown(settings.database_url))
    return 0


def _read_password() -> str:
    if sys.stdin.isatty():
        password = getpass.getpass(t("cli-password-prompt"))
        if password != getpass.getpass(t("cli-password-again")):
            raise CliError(t("cli-password-mismatch"))
        return password
    line = sys.stdin.readline()
    if not line:
        raise CliError(t("cli-password-missing"))
    return line.rstrip("\r\n")


def _domain_message(error: DomainError) -> str:
    key = f"error-{error.code}"
    return _t(_t.default, key, **error.params) if _t.has(key) else error.code


def cmd_user_create(args: argparse.Namespace) -> int:
    settings = _settings(demo=True) if args.demo else _settings()
    password = _read_password()
    _upgrade(settings.database_url)

    async def create() -> None:
        from core.services.staff import create_staff

        core = create_core(settings)
        try:
            async with core.uow() as uow:
                staff = await create_staff(
                    uow,
                    login=args.login,
                    password=password,
                    role=args.role,
                    display_name=args.name,
                )
                await uow.commit()
        except DomainError as error:
            raise CliError(_domain_message(error)) from None
        finally:
            await core.dispose()
        say("cli-user-created", login=staff.login, role=t(f"cli-role-{staff.role}"))

    asyncio.run(create())
    return 0


def cmd_keys_rotate(args: argparse.Namespace) -> int:
    """Every encrypted field under the current AIST_SECRET_KEY; resumable."""
    settings = _settings()
    if not settings.previous_secret_keys:
        say("cli-keys-nothing-to-rotate")
    _upgrade(settings.database_url)

    async def rotate() -> None:
        from core.services.keys import count_stale, rotate_keys

        core = create_core(settings)
        try:
            done = await rotate_keys(core.uow, batch=args.batch)
            async with core.uow() as uow:
                left = await count_stale(uow)
        finally:
            await core.dispose()
        for table, count in done.fields.items():
            if count:
                say("cli-keys-table", table=table, count=count)
        say("cli-keys-rotated", count=done.total, left=left)

    asyncio.run(rotate())
    return 0


def _run_on_staff(args: argparse.Namespace, change: Callable[..., Awaitable[object]]) -> object:
    """``change(uow, staff)`` on the account ``--login``, committed; a refusal of the core is
    one line on stderr."""
    settings = _settings(demo=True) if args.demo else _settings()
    _upgrade(settings.database_url)

    async def run() -> object:
        from core.services.staff import find_login

        core = create_core(settings)
        try:
            async with core.uow() as uow:
                staff = await find_login(uow, args.login)
                result = await change(uow, staff)
                await uow.commit()
            return result
        except DomainError as error:
            raise CliError(_domain_message(error)) from None
        finally:
            await core.dispose()

    return asyncio.run(run())


def cmd_user_disable(args: argparse.Namespace) -> int:
    from core.services.staff import disable_staff

    async def change(uow: Any, staff: Any) -> object:
        return await disable_staff(uow, staff_id=staff.id, by_staff_id=None)

    _run_on_staff(args, change)
    say("cli-user-disabled", login=args.login.strip().lower())
    return 0


def cmd_user_enable(args: argparse.Namespace) -> int:
    from core.services.staff import enable_staff

    async def change(uow: Any, staff: Any) -> object:
        return await enable_staff(uow, staff_id=staff.id, by_staff_id=None)

    _run_on_staff(args, change)
    say("cli-user-enabled", login=args.login.strip().lower())
    return 0


def cmd_user_password(args: argparse.Namespace) -> int:
    from core.services.staff import set_password

    password = _read_password()

    async def change(uow: Any, staff: Any) -> object:
        return await set_password(uow, staff_id=staff.id, password=password, by_staff_id=None)

    _run_on_staff(args, change)
    say("cli-user-password-set", login=args.login.strip().lower())
    return 0


def cmd_user_2fa(args: argparse.Namespace) -> int:
    """Enrols (or re-enrols) her second factor; the otpauth:// address and the recovery
    codes are printed this once and kept nowhere in clear text."""
    from core.services.two_factor import enrol_now, otpauth_uri

    async def change(uow: Any, staff: Any) -> object:
        secret, codes = await enrol_now(uow, staff_id=staff.id, by_staff_id=None)
        return otpauth_uri(uow, staff, secret), codes

    uri, codes = _run_on_staff(args, change)  # type: ignore[misc]
    say("cli-user-2fa-enrolled", login=args.login.strip().lower())
    print(uri, flush=True)
    say("cli-user-2fa-codes")
    for code in codes:
        print(f"  {code}", flush=True)
    return 0


def cmd_triage(args: argparse.Namespace) -> int:
    from core.triage import assess, to_json, warm_up

    warm_up()
    for line in sys.stdin:
        text = line.rstrip("\r\n")
        print(json.dumps(to_json(assess(text)), ensure_ascii=False), flush=True)
    return 0


def _serve(settings: Settings, *, demo: bool, host: str | None, port: int | None) -> int:
    from aist.runtime import build_runtime

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    _upgrade(settings.database_url)
    host = host or settings.admin_host
    port = port if port is not None else settings.admin_port
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    base = f"http://{shown_host}:{port}"

    # The morphology dictionary and the classifier load once, now, not on her first message.
    from core.triage import warm_up

    warm_up()

    async def main() -> int:
        core = create_core(settings)
        if demo:
            from aist.demo import logins_file, seed

            state = await seed(core)
            say("cli-demo-ready", panel=base, chat=f"{base}/chat")
            if state.passwords_lost:
                say("cli-demo-passwords-lost", file=str(logins_file(core)))
            else:
                say("cli-demo-accounts", file=str(logins_file(core)))
                width = max((len(a.login) for a in state.accounts), default=0)
                for account in state.accounts:
                    say(
                        "cli-demo-login",
                        login=account.login.ljust(width),
                        password=account.password,
                        role=t(f"cli-role-{account.role}"),
                        name=account.name,
                    )
                say("cli-demo-hint", chat=f"{base}/chat", panel=base)
        else:
            say("cli-run-ready", panel=base)
        say("cli-stop-hint")
        runtime = build_runtime(settings, core=core)
        return await runtime.serve(host=host, port=port)

    return asyncio.run(main())


def cmd_demo(args: argparse.Namespace) -> int:
    settings = _settings(demo=True)
    return _serve(settings, demo=True, host=args.host, port=args.port)


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    return _serve(settings, demo=False, host=args.host, port=args.port)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="aist", description=t("cli-description"))
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    for name, func, help_key in (
        ("demo", cmd_demo, "cli-help-demo"),
        ("run", cmd_run, "cli-help-run"),
    ):
        p = sub.add_parser(name, help=t(help_key), description=t(help_key))
        p.add_argument("--host", default=None, help=t("cli-help-host"))
        p.add_argument("--port", type=int, default=None, help=t("cli-help-port"))
        p.set_defaults(func=func)

    db = sub.add_parser("db", help=t("cli-help-db"))
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    up = db_sub.add_parser("upgrade", help=t("cli-help-db-upgrade"))
    up.add_argument("--demo", action="store_true", help=t("cli-help-demo-flag"))
    up.set_defaults(func=cmd_db_upgrade)

    user = sub.add_parser("user", help=t("cli-help-user"))
    user_sub = user.add_subparsers(dest="user_command", required=True, metavar="COMMAND")
    create = user_sub.add_parser(
        "create", help=t("cli-help-user-create"), description=t("cli-help-user-create")
    )
    create.add_argument("--login", required=True, help=t("cli-help-login"))
    create.add_argument(
        "--role",
        required=True,
        choices=["specialist", "coordinator", "admin"],
        help=t("cli-help-role"),
    )
    create.add_argument("--name", default=None, help=t("cli-help-name"))
    create.add_argument("--demo", action="store_true", help=t("cli-help-demo-flag"))
    create.set_defaults(func=cmd_user_create)
    for name, func, help_key in (
        ("disable", cmd_user_disable, "cli-help-user-disable"),
        ("enable", cmd_user_enable, "cli-help-user-enable"),
        ("password", cmd_user_password, "cli-help-user-password"),
        ("2fa", cmd_user_2fa, "cli-help-user-2fa"),
    ):
        command = user_sub.add_parser(name, help=t(help_key), description=t(help_key))
        command.add_argument("--login", required=True, help=t("cli-help-login"))
        command.add_argument("--demo", action="store_true", help=t("cli-help-demo-flag"))
        command.set_defaults(func=func)

    keys = sub.add_parser("keys", help=t("cli-help-keys"))
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="COMMAND")
    rotate = keys_sub.add_parser("rotate", help=t("cli-help-keys-rotate"))
    rotate.add_argument("--batch", type=int, default=500, help=t("cli-help-keys-batch"))
    rotate.set_defaults(func=cmd_keys_rotate)

    triage = sub.add_parser("triage", help=t("cli-help-triage"))
    triage.set_defaults(func=cmd_triage)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as error:
        print(error.message, file=sys.stderr, flush=True)
        return error.code
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
