"""The demo's rental point: a small catalogue and a few bookings, so every screen has
something to show on the first run."""

from __future__ import annotations

import secrets
from datetime import timedelta

from core.services import rental
from core.services.clients import identify_client
from core.services.consent import give_consent
from core.uow import UnitOfWork

CATALOGUE = [
    (
        "Кроватки",
        "Кроватка с маятником, светлый бук",
        "УА-0101",
        "хорошее, матрас новый",
        "Укачивает сама, три уровня дна. Матрас в чехле, бортики постираны.",
    ),
    (
        "Кроватки",
        "Кроватка-трансформер белая",
        "УА-0102",
        "как новая",
        "С ящиком для белья; потом станет подростковой кроватью.",
    ),
    (
        "Коляски",
        "Коляска 2-в-1 зимняя",
        "УА-0201",
        "хорошее",
        "Люлька и прогулочный блок, дождевик и москитная сетка в комплекте.",
    ),
    (
        "Коляски",
        "Прогулочная коляска-трость",
        "УА-0202",
        "следы использования",
        "Лёгкая, складывается одной рукой, для ребёнка от 6 месяцев.",
    ),
    ("Манежи", "Манеж складной", "УА-0301", "хорошее", "С матрасиком, складывается в сумку."),
    (
        "Стульчики для кормления",
        "Стульчик с регулировкой высоты",
        "УА-0401",
        "хорошее",
        "Семь положений высоты, съёмный столик моется.",
    ),
    (
        "Пеленальные столики",
        "Пеленальный комод",
        "УА-0501",
        "хорошее",
        "Четыре ящика, мягкий матрасик с бортиками.",
    ),
    (
        "Развивающие коврики",
        "Коврик с дугами и погремушками",
        "УА-0601",
        "чистый, после обработки",
        "Для малышей с рождения, игрушки отстёгиваются.",
    ),
    ("Ходунки", "Ходунки-каталка", "УА-0701", "хорошее", "С игровой панелью и стопорами."),
    (
        "Средства реабилитации",
        "Вертикализатор детский",
        "УА-0801",
        "проверен мастером",
        "Для детей 3–7 лет; подберём по росту вместе с реабилитологом.",
    ),
]


async def seed_rental(uow: UnitOfWork, *, staff_id: int) -> None:
    items = []
    for category, name, number, condition, description in CATALOGUE:
        items.append(
            await rental.add_item(
                uow,
                staff_id=staff_id,
                category=category,
                name=name,
                inventory_no=number,
                condition=condition,
                description=description,
                branch="ул. Садовая, 12, пункт проката",
            )
        )
    # One request to confirm and one crib on loan, from two anonymous demo guests.
    for index, item in enumerate((items[0], items[2])):
        client, _ = await identify_client(
            uow,
            channel="web",
            user_id=secrets.token_urlsafe(24),
            address=secrets.token_urlsafe(24),
            locale="ru",
        )
        await give_consent(uow, client_id=client.id, purpose="rental")
        day = (await rental.pickup_days(uow, count=2))[-1]
        booking = await rental.book_item(
            uow,
            client=client,
            item_id=item.id,
            pickup_date=day,
            name="Ольга" if index else "Мария",
            phone="+79000000000",
        )
        if index:
            await uow.session.flush()
            await rental.issue_item(
                uow,
                staff_id=staff_id,
                booking_id=booking.id,
                due_date=rental.local_today(uow) + timedelta(days=30),
            )
