"""The API under schemathesis (issue #16): requests generated from the app's own OpenAPI
document, the valid and the invalid, sent in-process to the ASGI app as each role (specialist,
coordinator, admin), and the one check that matters here: no answer is a 5xx.

Reproducible (``derandomize=True``) and bounded (``EXAMPLES`` per operation and mode), so the
whole test stays well under two minutes on two cores. The cases are drawn first (hypothesis
runs synchronously) and then sent through httpx's ASGI transport in the test's own event
loop: the app, its core and its database connections live in one loop.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup

from admin.app import create_app
from core.bootstrap import Core
from core.services import rental
from tests.factories import make_item, make_staff
from tests.integration.conftest import token_for
from tests.integration.test_api import open_case
from tests.integration.test_course import group_with
from tests.integration.test_rental_panel import booked

EXAMPLES = 20  # per operation and generation mode
ROLES = ("specialist", "coordinator", "admin")
BASE = "http://panel.test"
# Generated values rarely land on the ends of a range, where overflows live: every parameter
# and body also gets its extremes as explicit examples (the first and the last day Python
# knows, a moment at the end of time in the farthest zone, the largest integer it allows).
EXTREMES = {
    "low": {"date": "0001-01-01", "date-time": "0001-01-01T00:00:00+14:00", "integer": 0},
    "high": {"date": "9999-12-31", "date-time": "9999-12-31T23:59:59-14:00", "integer": 10**20},
}


def extreme(schema: dict[str, Any], components: dict[str, Any], end: str) -> Any:
    """A value of ``schema`` at one end of its range (``end``: "low" or "high")."""
    if "$ref" in schema:
        return extreme(components[schema["$ref"].rsplit("/", 1)[1]], components, end)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [o for o in schema[key] if o.get("type") != "null"] or schema[key]
            return extreme(options[0], components, end)
    kind, values = schema.get("type"), EXTREMES[end]
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "object":
        return {k: extreme(v, components, end) for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        return [extreme(schema.get("items", {}), components, end)]
    if kind == "integer":
        bound = schema.get("minimum" if end == "low" else "maximum")
        return values["integer"] if bound is None else bound
    if kind == "number":
        return -1e308 if end == "low" else 1e308
    if kind == "boolean":
        return end == "high"
    if schema.get("format") in ("date", "date-time"):
        return values[schema["format"]]
    return schema.get("default") or "x"


def with_extremes(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with ``EXTREMES`` as the examples of every parameter and body."""
    components = document.get("components", {}).get("schemas", {})
    for operations in document["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                parameter["examples"] = {
                    end: {"value": extreme(parameter["schema"], components, end)}
                    for end in EXTREMES
                }
            for media in operation.get("requestBody", {}).get("content", {}).values():
                media["examples"] = {
                    end: {"value": extreme(media["schema"], components, end)} for end in EXTREMES
                }
    return document


def draw_cases(schema: Any, mode: GenerationMode) -> list[Any]:
    """``EXAMPLES`` cases for every operation of the document, the same ones every run, and in
    the positive mode the explicit examples too (``with_extremes``)."""
    drawn: list[Any] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        strategies = [operation.as_strategy(generation_mode=mode)]
        if mode == GenerationMode.POSITIVE:
            strategies += operation.get_strategies_from_examples()
        for strategy in strategies:
            drawn += draw(strategy)
    return drawn


def draw(strategy: Any) -> list[Any]:
    drawn: list[Any] = []

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def collect(case: Any) -> None:
        drawn.append(case)

    try:
        collect()
    except Unsatisfiable:  # nothing invalid to send (an operation without parameters)
        pass
    return drawn


def request_of(case: Any, token: str) -> dict[str, Any]:
    """httpx's arguments for a case, with the role's bearer token."""
    kwargs = case.as_transport_kwargs(base_url=BASE, headers={"Authorization": f"Bearer {token}"})
    sent: dict[str, Any] = {
        k: kwargs[k] for k in ("method", "url", "params", "headers") if k in kwargs
    }
    if "json" in kwargs:
        sent["json"] = kwargs["json"]
    data = kwargs.get("data")
    if isinstance(data, (bytes, str)):
        sent["content"] = data
    elif data is not None:
        sent["data"] = data
    if kwargs.get("files"):
        sent["files"] = kwargs["files"]
    return sent


async def seed(core: Core) -> None:
    """A row behind the first ids of each kind, so that generated ids find something."""
    await open_case(core)
    coordinator = await make_staff(core, role="coordinator")
    item = await make_item(core, "Кроватки", by=coordinator)
    booking_id = await booked(core, item.id)
    async with core.uow() as uow:
        await rental.confirm_booking(uow, staff_id=coordinator.id, booking_id=booking_id)
        await uow.commit()
    await group_with(core, capacity=3)


@pytest.mark.timeout(300)
async def test_no_generated_request_gets_a_server_error(core: Core) -> None:
    await seed(core)
    app = create_app(core.settings, core)
    schema = schemathesis.openapi.from_dict(with_extremes(app.openapi()))
    cases = [
        *draw_cases(schema, GenerationMode.POSITIVE),
        *draw_cases(schema, GenerationMode.NEGATIVE),
    ]
    assert len(cases) > 50

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    failures: list[str] = []
    sent = 0
    started = time.monotonic()
    async with httpx.AsyncClient(transport=transport, base_url=BASE, timeout=30) as http:
        tokens = {}
        for role in ROLES:
            staff = await make_staff(core, role=role)
            tokens[role] = (await token_for(http, staff.login))["Authorization"].split()[1]
        for role in ROLES:
            for case in cases:
                request = request_of(case, tokens[role])
                response = await http.request(**request)
                sent += 1
                try:
                    case.validate_response(response, checks=[not_a_server_error])
                except FailureGroup:  # this case got a 5xx
                    failures.append(
                        f"{role}: {response.status_code} {request['method']} {response.url} "
                        f"{request.get('json', request.get('data', request.get('content', '')))!r:.300}"
                    )
    took = time.monotonic() - started
    print(f"\nfuzz: {sent} requests ({len(cases)} cases x {len(ROLES)} roles) in {took:.1f} s")
    assert failures == [], "\n".join(failures)
