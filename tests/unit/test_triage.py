"""Triage behaviour on phrases chosen to break it; the figures live in bench/triage.py."""

from __future__ import annotations

import pytest

from core.triage import assess, to_json


@pytest.mark.parametrize(
    ("text", "level", "group", "phrase"),
    [
        ("муж бьёт меня прямо сейчас, я заперлась в ванной", "emergency", "violence", "муж бьёт"),
        ("муж бьет меня когда выпьет", "crisis", "violence", "муж бьет"),
        ("не хочу больше жить", "emergency", "suicide_selfharm", "не хочу больше жить"),
        ("жить не хочется совсем", "emergency", "suicide_selfharm", "жить не хочется"),
        ("я выпью все таблетки", "emergency", "suicide_selfharm", "выпью все таблетки"),
        ("он сказал что убьёт меня если я рожу", "emergency", "violence", "убьёт меня"),
        ("отчим бьёт моего сына ремнём", "crisis", "child_abuse", "бьёт моего сына"),
        ("не знаю оставлять ли ребенка", "crisis", "abandonment", "оставлять ли"),
        ("мне 15 и я беременна", "crisis", "minor_pregnancy", "мне 15 и я беременна"),
        ("малыш не дышит!!!", "emergency", "medical_emergency", "не дышит"),
        ("отошли воды, я одна дома", "emergency", "medical_emergency", "отошли воды"),
        # Two days without food is no means of subsistence (criterion 7): crisis, and the
        # lexicon names the phrase.
        ("нам нечего есть уже второй день", "crisis", "basic_needs", "нечего есть"),
        ("муж выгнал нас на улицу ночью", "crisis", "basic_needs", "выгнал нас на улицу"),
    ],
)
def test_russian_alarms_name_the_phrase(text: str, level: str, group: str, phrase: str) -> None:
    result = assess(text)
    assert result.level == level
    signal = next(s for s in result.signals if s.group == group)
    assert signal.phrase == phrase
    assert signal.phrase in text


@pytest.mark.parametrize(
    "text",
    [
        "умираю от любопытства, какая коляска у вас есть?",
        "убийственно удобная коляска, спасибо!",
        "смертельно устала за этот день",
        "я не хочу умирать, хочу жить и растить сына",
        "муж меня не бьёт, просто кричит иногда",
        "я не хочу больше жить с родителями мужа",
        "я не собираюсь отказываться от ребенка",
        "я беременна, срок 12 недель, встаю на учет",
        "часы бьют полночь, а он не спит",
        "хочу записаться на курс по подготовке к родам",
    ],
)
def test_everyday_words_raise_no_alarm(text: str) -> None:
    assert not assess(text).urgent


def test_inflection_ye_and_typos() -> None:
    for text in ("муж избил меня", "мужа избивает... меня", "муж бъет меня", "муж бьет меня"):
        assert assess(text).level == "crisis", text
    assert assess("нехочу жить").level == "emergency"


def test_latin_transliteration_and_english() -> None:
    assert assess("ne hochu zhit").level == "emergency"
    assert assess("muzh b'et menya").signals[0].group == "violence"
    assert assess("I want to kill myself").level == "emergency"
    assert assess("my husband beats me").level == "crisis"
    assert not assess("I'm dying of curiosity about the course").urgent


def test_the_strongest_signal_sets_the_level_and_each_group_appears_once() -> None:
    result = assess("муж бьёт меня и ребенка, у меня кровотечение, не хочу жить")
    assert result.level == "emergency"
    groups = [s.group for s in result.signals]
    assert len(groups) == len(set(groups))
    assert {"violence", "medical_emergency", "suicide_selfharm"} <= set(groups)


def test_json_shape_and_odd_input() -> None:
    assert to_json(assess("")) == {"level": "none", "signals": []}
    data = to_json(assess("не хочу жить"))
    assert data["level"] == "emergency"
    assert data["signals"] == [
        {"group": "suicide_selfharm", "phrase": "не хочу жить", "level": "emergency"}
    ]
    assert assess("🙏" * 10_000).level == "none"


# --- the situation, not the verb (concept lexicons) -------------------------------------------


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("стою на крыше пятиэтажки", "suicide_selfharm"),
        ("таблетки коплю уже месяц", "suicide_selfharm"),
        ("всем без меня будет лучше", "suicide_selfharm"),
        ("не знаю как дальше жить", "suicide_selfharm"),
        ("нож у него", "violence"),
        ("заперлась с дочкой в ванной", "violence"),
        ("муж телефон отобрал, пишу с планшета", "violence"),
        ("ребенок проглотил батарейку", "child_danger"),
        ("губы синие у малыша", "medical_emergency"),
        ("где ближайший беби бокс", "abandonment"),
        ("малыш не шевелится с утра", "medical_emergency"),
        ("проводка загорелась, дети спят", "basic_needs"),
        ("дочке 15, беременна", "minor_pregnancy"),
    ],
)
def test_danger_described_by_the_situation(text: str, group: str) -> None:
    result = assess(text)
    assert result.urgent, text
    assert group in {s.group for s in result.signals if s.by == "rules"}, result


@pytest.mark.parametrize(
    "text",
    [
        "лет пять назад муж бил, мы развелись, сейчас всё хорошо, хочу на курс",
        "в сериале героиня оставила ребёнка в роддоме, так бывает?",
        'сын 4 года кричит сестре "я тебя убью", это нормально в таком возрасте?',
        "повешусь от этой очереди в поликлинике 😂",
        "где жертвам насилия получить юридическую помощь? для реферата",
        "хочу отказаться от прививки БЦЖ в роддоме, как оформить?",
    ],
)
def test_the_lexicon_stands_down_for_the_past_a_film_a_joke_or_a_quoted_child(text: str) -> None:
    from core.triage.engine import assess_rules

    assert not assess_rules(text).urgent, assess_rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "повешусь от этой очереди ахах. хотя если честно мне давно жить не хочется",
        "в прошлом месяце брала коляску, спасибо. Вещи раздайте, мне больше не понадобятся, я всё решила",
        "я воспитатель, у мальчика из группы опять синяки, мама говорит упал",
    ],
)
def test_context_does_not_cancel_a_danger_said_beside_it(text: str) -> None:
    from core.triage.engine import assess_rules

    assert assess_rules(text).urgent, text


def test_distress_without_danger_is_unsure_and_says_so_in_json() -> None:
    result = assess("мне очень плохо и страшно")
    assert not result.urgent and result.unsure
    assert to_json(result) == {"level": result.level, "signals": [], "unsure": True}
    assert "unsure" not in to_json(assess("нужна коляска"))


def test_the_classifier_names_the_words_that_weighed() -> None:
    from core.triage import classifier
    from core.triage.features import words_of

    model = classifier.model()
    assert model is not None, "core/triage/model.json.gz is missing: run scripts/train-triage"
    assert set(classifier.DANGER) <= set(model.classes)
    text = "мне кажется я больше не выдержу и уйду туда где тихо навсегда"
    opinion = classifier.read(text)
    assert opinion is not None and opinion.alarm
    # The words it names are words of her message (normalised: lower case, "ё" as "е").
    assert opinion.phrase and set(opinion.phrase.split()) <= set(words_of(text))
    assert opinion.group == "suicide_selfharm"


def test_the_classifier_skips_what_has_no_words() -> None:
    from core.triage import classifier

    for text in ("8 (900) 123-45-67", "25.11", "🙏🙏", "+79001112233"):
        assert classifier.read(text) is None, text
        assert not assess(text).urgent, text
