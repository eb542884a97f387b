"""The phone she gives for a pickup: read with phonenumbers as a Russian number unless it
carries another country's code, kept in E.164, and a wrong one is refused kindly."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput
from core.services.rental import normalize_phone


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("+79001234567", "+79001234567"),
        ("+7 900 123-45-67", "+79001234567"),
        ("+7 (900) 123 45 67", "+79001234567"),
        ("8 (900) 123-45-67", "+79001234567"),
        ("8-900-123-45-67", "+79001234567"),
        ("8.900.123.45.67", "+79001234567"),
        ("89001234567", "+79001234567"),
        ("79001234567", "+79001234567"),
        ("9001234567", "+79001234567"),  # ten digits: a Russian number without its 8 or +7
        ("  900 123 45 67 ", "+79001234567"),
        ("8 (495) 123-45-67", "+74951234567"),  # a landline in Moscow
        ("8 800 555-35-35", "+78005553535"),
        ("+380 44 123 4567", "+380441234567"),  # another country's number, written in full
    ],
)
def test_a_russian_number_in_any_usual_writing_is_kept_in_one_form(typed: str, kept: str) -> None:
    assert normalize_phone(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "123",
        "12345",
        "+7 900 123-45-6",  # a digit short
        "8 900 123-45-678",  # a digit too many
        "+7 000 123-45-67",  # no such Russian code
        "8 900 CALLNOW",  # letters are not read as digits
        "+7 900 123-45-67 доб. 12",  # nor an extension
        "+7 900 123+45-67",
        "телефон",
        "+" + "9" * 16,
    ],
)
def test_a_wrong_number_is_refused_with_the_rental_error(typed: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        normalize_phone(typed)
    assert refused.value.code == "rental-bad-phone"
