"""Wording rules of the catalogues: Russian text that does not guess anyone's gender, replies to
each danger that carry the phone numbers, and counts that take the right Russian plural form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fluent.syntax import FluentParser, FluentSerializer, ast

from core.i18n import Translator

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ROOT / "locales"

# «взял(а)», «сделал(ла)», «один(на)»: the reader's or the staff member's gender guessed in brackets.
BRACKET_FORMS = ("(а)", "(ла)", "(на)")
# Words that assume a woman is reading (a button «Согласна», «Рада вас видеть»).
FEMININE_WORDS = re.compile(r"(?<!\w)(?:Согласна|согласна|рада|Рада)(?!\w)")
# In the replies to a danger, nothing said to her may be in a feminine-only form either.
DANGER_FEMININE = re.compile(
    r"(?<!\w)(?:[Сс]огласна|[Рр]ада|[Сс]ама|[Оо]дна|[Гг]отова|[Уу]верена|[Дд]олжна|[Вв]иновата)(?!\w)"
)

DANGER_KEYS = {
    "danger-violence",
    "danger-suicide",
    "danger-child-medical",
    "danger-child-abuse",
    "danger-pregnancy",
    "danger-abandonment",
    "danger-basic-needs",
    "danger-minor",
    "danger-general",
}

# Counts rendered next to a word: (key, the number's placeable). The Russian message must pick
# the word by the number (one / few / many), not show a fixed one.
PLURAL_COUNTS = [
    ("panel-stat-waiting", "count"),
    ("panel-stat-urgent", "count"),
    ("panel-rental-stat-requested", "count"),
    ("panel-rental-stat-pickup", "count"),
    ("panel-rental-extended-times", "n"),
    ("panel-inbox-shown", "shown"),
    ("panel-duty-coming", "days"),
    ("course-consent", "days"),
    ("error-rental-too-many", "limit"),
]


def messages(lang: str) -> dict[str, list[tuple[Path, ast.Message]]]:
    """Every message of a language by key (a key may, by mistake, occur twice)."""
    found: dict[str, list[tuple[Path, ast.Message]]] = {}
    parser = FluentParser()
    for path in sorted((LOCALES / lang).glob("*.ftl")):
        resource = parser.parse(path.read_text(encoding="utf-8"))
        for entry in resource.body:
            if isinstance(entry, ast.Message):
                found.setdefault(entry.id.name, []).append((path, entry))
    return found


def value_text(message: ast.Message) -> str:
    """The message as written, without its comment."""
    message = message.clone()
    message.comment = None
    return FluentSerializer().serialize_entry(message)


def variables(node: ast.BaseNode) -> set[str]:
    names: set[str] = set()

    def visit(n: object) -> None:
        if isinstance(n, ast.VariableReference):
            names.add(n.id.name)
        if isinstance(n, ast.BaseNode):
            for value in vars(n).values():
                if isinstance(value, list):
                    for item in value:
                        visit(item)
                else:
                    visit(value)

    visit(node)
    return names


def selectors_on(node: ast.BaseNode, variable: str) -> list[ast.SelectExpression]:
    found: list[ast.SelectExpression] = []

    def visit(n: object) -> None:
        if isinstance(n, ast.SelectExpression):
            if isinstance(n.selector, ast.VariableReference) and n.selector.id.name == variable:
                found.append(n)
        if isinstance(n, ast.BaseNode):
            for value in vars(n).values():
                if isinstance(value, list):
                    for item in value:
                        visit(item)
                else:
                    visit(value)

    visit(node)
    return found


def plain(text: str) -> str:
    """Fluent wraps placeables in Unicode isolation marks; the person does not see them."""
    return text.replace("\u2068", "").replace("\u2069", "")


@pytest.fixture(scope="module")
def tr() -> Translator:
    return Translator.load()


def test_russian_wording_guesses_no_gender():
    problems = []
    for key, found in messages("ru").items():
        for path, message in found:
            text = value_text(message)
            for form in BRACKET_FORMS:
                if form in text:
                    problems.append(f"{path.name}: {key} holds {form!r}")
            for word in FEMININE_WORDS.findall(text):
                problems.append(f"{path.name}: {key} holds {word!r}")
    assert problems == []


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_danger_reply_exists_and_holds_the_numbers_on_a_line_of_their_own(lang):
    found = messages(lang)
    assert sorted(DANGER_KEYS - found.keys()) == []
    for key in sorted(DANGER_KEYS):
        [(_, message)] = found[key]
        assert "numbers" in variables(message), key
        lines = [line.strip() for line in value_text(message).splitlines()]
        assert "{ $numbers }" in lines, f"{key}: {{ $numbers }} is not on a line of its own"
    basic = found["danger-basic-needs"][0][1]
    assert {"centre_phone", "shelters"} <= variables(basic)
    assert "{ $shelters }" in [line.strip() for line in value_text(basic).splitlines()]


def test_danger_replies_in_russian_use_no_feminine_only_forms():
    found = messages("ru")
    problems = []
    for key in sorted(DANGER_KEYS):
        text = value_text(found[key][0][1])
        problems += [f"{key}: {word!r}" for word in DANGER_FEMININE.findall(text)]
        problems += [f"{key}: {form!r}" for form in BRACKET_FORMS if form in text]
    assert problems == []


def test_danger_replies_render_with_the_numbers(tr):
    numbers = "• 112 — единый номер экстренных служб"
    for lang in ("ru", "en"):
        for key in sorted(DANGER_KEYS):
            text = plain(
                tr(lang, key, numbers=numbers, centre_phone="+7 000 000-00-00", shelters="")
            )
            assert numbers in text.splitlines(), (lang, key)
            assert "{" not in text and "$" not in text, (lang, key, text)


@pytest.mark.parametrize(("key", "variable"), PLURAL_COUNTS)
def test_counts_take_the_russian_plural_forms(key, variable):
    [(_, message)] = messages("ru")[key]
    selects = selectors_on(message, variable)
    assert selects, f"{key}: no plural selector on ${variable}"
    for select in selects:
        names = {v.key.name for v in select.variants if isinstance(v.key, ast.Identifier)}
        assert {"one", "few", "many"} <= names, f"{key}: variants {sorted(names)}"


@pytest.mark.parametrize(
    ("key", "args", "expected"),
    [
        ("panel-stat-urgent", {"count": 1}, "срочное"),
        ("panel-stat-urgent", {"count": 2}, "срочных"),
        ("panel-stat-urgent", {"count": 5}, "срочных"),
        ("panel-stat-urgent", {"count": 21}, "срочное"),
        ("panel-stat-waiting", {"count": 1}, "ждёт ответа"),
        ("panel-stat-waiting", {"count": 3}, "ждут ответа"),
        ("panel-stat-waiting", {"count": 11}, "ждут ответа"),
        ("panel-rental-stat-requested", {"count": 1}, "ждёт подтверждения"),
        ("panel-rental-stat-pickup", {"count": 5}, "ждут выдачи"),
        ("panel-rental-extended-times", {"n": 1}, "продлевали 1 раз"),
        ("panel-rental-extended-times", {"n": 2}, "продлевали 2 раза"),
        ("panel-rental-extended-times", {"n": 5}, "продлевали 5 раз"),
        ("panel-duty-coming", {"days": 14}, "Смены на 14 дней вперёд"),
        ("panel-duty-coming", {"days": 21}, "Смены на 21 день вперёд"),
        ("panel-duty-coming", {"days": 22}, "Смены на 22 дня вперёд"),
        ("panel-inbox-shown", {"shown": 100, "total": 105}, "Показаны 100 самых срочных из 105."),
        (
            "panel-inbox-shown",
            {"shown": 21, "total": 30},
            "Показано 21 самое срочное обращение из 30.",
        ),
    ],
)
def test_plurals_render_through_the_translator(tr, key, args, expected):
    assert plain(tr("ru", key, **args)) == expected


def test_too_many_bookings_reads_right_for_any_limit(tr):
    assert "3 активные брони" in plain(tr("ru", "error-rental-too-many", limit=3))
    assert "5 активных броней" in plain(tr("ru", "error-rental-too-many", limit=5))
    assert "1 активная бронь" in plain(tr("ru", "error-rental-too-many", limit=1))
    assert "1 active booking " in plain(tr("en", "error-rental-too-many", limit=1))
