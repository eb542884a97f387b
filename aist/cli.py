"""The ``aist`` console script: demo, run, db upgrade, user create, triage."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import sys
from collections.abc import Sequence

from pydantic import ValidationError

from core.bootstrap import Core, create_core
from core.errors import DomainError
from core.i18n import Translator
from core.migrate import upgrade
from core.settings import Settings

_t = Translator.load()


def t(key: str, **args: object) -> str:
    return _t(_t.default, key, **args)


def _settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        messages = "; ".join(str(e.get("msg", "")).removeprefix("Value error, ") for e in error.errors())
        print(t("cli-bad-settings", problem=messages), file=sys.stderr)
        raise SystemExit(2) from None


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = _settings(demo=args.demo)
    upgrade(settings.database_url)
    print(t("cli-db-upgraded"))
    return 0


def cmd_user_create(args: argparse.Namespace) -> int:
    settings = _settings(demo=args.demo)
    if sys.stdin.isatty():
        password = getpass.getpass(t("cli-password-prompt"))
        if password != getpass.getpass(t("cli-password-again")):
            print(t("cli-password-mismatch"), file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    upgrade(settings.database_url)

    async def create() -> int:
        from core.services.staff import create_staff

        core = create_core(settings)
        try:
            async with core.uow() as uow:
                staff = await create_staff(
                    uow, login=args.login, password=password, role=args.role,
                    display_name=args.name,
                )
                await uow.commit()
            print(t("cli-user-created", login=staff.login, role=staff.role))
            return 0
        except DomainError as error:
            key = f"error-{error.code}"
            message = _t(_t.default, key, **error.params) if _t.has(key) else error.code
            print(message, file=sys.stderr)
            return 1
        finally:
            await core.dispose()

    return asyncio.run(create())


def cmd_triage(args: argparse.Namespace) -> int:
    from core.triage import assess, to_json

    for line in sys.stdin:
        text = line.rstrip("\r\n")
        print(json.dumps(to_json(assess(text)), ensure_ascii=False), flush=True)
    return 0


def _serve(settings: Settings, *, demo: bool, host: str | None, port: int | None) -> int:
    from aist.runtime import build_runtime

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    upgrade(settings.database_url)

    async def main() -> None:
        core: Core = create_core(settings)
        if demo:
            from aist.demo import seed

            accounts = await seed(core)
            base = f"http://{host or settings.admin_host}:{port or settings.admin_port}"
            print(t("cli-demo-ready", panel=base, chat=f"{base}/chat"))
            for login, password, role, name in accounts:
                print(t("cli-demo-login", login=login, password=password, role=t(f"role-{role}"), name=name))
            print(t("cli-demo-stop"), flush=True)
        runtime = build_runtime(settings, core=core)
        await runtime.serve(host=host, port=port)

    asyncio.run(main())
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    settings = _settings(demo=True)
    return _serve(settings, demo=True, host=args.host, port=args.port)


def cmd_run(args: argparse.Namespace) -> int:
    settings = _settings()
    return _serve(settings, demo=False, host=args.host, port=args.port)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="aist", description=t("cli-description"))
    sub = root.add_subparsers(dest="command", required=True)

    for name, func, help_key in (("demo", cmd_demo, "cli-help-demo"), ("run", cmd_run, "cli-help-run")):
        p = sub.add_parser(name, help=t(help_key))
        p.add_argument("--host", default=None)
        p.add_argument("--port", type=int, default=None)
        p.set_defaults(func=func)

    db = sub.add_parser("db", help=t("cli-help-db"))
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help=t("cli-help-db-upgrade"))
    up.add_argument("--demo", action="store_true", help=t("cli-help-demo-flag"))
    up.set_defaults(func=cmd_db_upgrade)

    user = sub.add_parser("user", help=t("cli-help-user"))
    user_sub = user.add_subparsers(dest="user_command", required=True)
    create = user_sub.add_parser("create", help=t("cli-help-user-create"))
    create.add_argument("--login", required=True)
    create.add_argument("--role", required=True, choices=["specialist", "coordinator", "admin"])
    create.add_argument("--name", default=None)
    create.add_argument("--demo", action="store_true", help=t("cli-help-demo-flag"))
    create.set_defaults(func=cmd_user_create)

    triage = sub.add_parser("triage", help=t("cli-help-triage"))
    triage.set_defaults(func=cmd_triage)
    return root


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
