"""What triage listens for. Russian rules match lemmas (any inflection, free word order within
a small window); English rules are regular expressions. Each rule names its signal group and
the level it alone implies."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

EMERGENCY, CRISIS, BASIC = "emergency", "crisis", "basic"


def S(*lemmas: str) -> frozenset[str]:
    return frozenset(lemmas)


@dataclass(frozen=True)
class Rule:
    group: str
    level: str
    slots: tuple[frozenset[str], ...]
    window: int = 5
    # A "не" right before the first slot turns the meaning around ("не бьёт").
    negatable: bool = True
    # Slots in this order, at most ``gap`` words apart ("не хочу жить", not "не хочу
    # умирать, хочу жить").
    ordered: bool = False
    gap: int = 2
    # A word right after the match that changes the sense ("не хочу жить с родителями").
    unless_next: frozenset[str] = field(default_factory=frozenset)
    # Words that, inside the window, show a figure of speech or another meaning.
    unless: frozenset[str] = field(default_factory=frozenset)


PERSON = S(
    "я",
    "мы",
    "меня",
    "ребенок",
    "сын",
    "дочь",
    "дочка",
    "дети",
    "малыш",
    "муж",
    "он",
    "она",
    "сожитель",
    "парень",
    "отец",
    "отчим",
    "мать",
    "мама",
    "свекровь",
    "брат",
    "они",
    "бывший",
    "нас",
    "ее",
    "его",
    "дочери",
    "сыночек",
    "сынок",
    "ребеночек",
    "мой",
    "моя",
)
CHILD = S(
    "ребенок",
    "сын",
    "дочь",
    "дочка",
    "дети",
    "малыш",
    "ребеночек",
    "сынок",
    "младенец",
    "новорожденный",
    "малышка",
    "внук",
    "внучка",
)
HIT = S(
    "бить",
    "избить",
    "избивать",
    "ударить",
    "ударять",
    "душить",
    "задушить",
    "пинать",
    "пнуть",
    "колотить",
    "лупить",
    "бить-то",
)
JOKE = S(
    "смех",
    "смеяться",
    "любопытство",
    "скука",
    "шоколадка",
    "шутка",
    "шутить",
    "время",
    "рекорд",
    "часы",
    "полночь",
    "баклуши",
)

RU_RULES: tuple[Rule, ...] = (
    # --- suicide and self-harm -----------------------------------------------------------
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("не"), S("хотеть", "хотеться"), S("жить")),
        negatable=False,
        ordered=True,
        unless_next=S("с", "у", "в", "здесь", "там", "вместе", "одна", "так"),
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("жить"), S("не"), S("хотеть", "хотеться")),
        negatable=False,
        ordered=True,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("хотеть", "хотеться"), S("умереть", "сдохнуть", "помереть", "умирать")),
        ordered=True,
        unless=JOKE,
    ),
    Rule("suicide_selfharm", EMERGENCY, (S("покончить"), S("собой", "себя", "жизнь")), window=4),
    Rule("suicide_selfharm", EMERGENCY, (S("убить", "убивать"), S("себя", "себе")), window=3),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S(
                "повеситься",
                "отравиться",
                "застрелиться",
                "утопиться",
                "вскрыться",
                "наглотаться",
                "удавиться",
                "самоубийство",
                "суицид",
                "суицидальный",
                "выпилиться",
                "роскомнадзориться",
            ),
        ),
    ),
    Rule(
        "suicide_selfharm", EMERGENCY, (S("вскрыть", "перерезать", "резать"), S("вена")), window=4
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S("прыгнуть", "спрыгнуть", "выпрыгнуть", "шагнуть", "выброситься", "броситься"),
            S("окно", "крыша", "мост", "балкон", "этаж", "поезд", "под"),
        ),
        window=4,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S("выпить", "наглотаться", "принять", "выпить-то"),
            S("таблетка", "снотворное", "упаковка", "пачка"),
        ),
        window=4,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("уйти", "свести", "расстаться"), S("жизнь", "счет")),
        window=4,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("жить"), S("незачем", "надоесть", "устать", "смысл", "зачем", "нечем", "больше")),
        window=4,
        unless=S("где", "негде", "квартира", "комната"),
        unless_next=S("с", "у", "в", "здесь", "там", "вместе"),
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("лучше"), S("я", "меня", "мы"), S("умереть", "не")),
        window=4,
    ),
    Rule(
        "suicide_selfharm",
        CRISIS,
        (
            S("резать", "порезать", "резаться", "царапать", "поранить", "наносить"),
            S("себя", "рука", "руки", "запястье", "нога"),
        ),
        window=4,
    ),
    Rule("suicide_selfharm", CRISIS, (S("самоповреждение", "селфхарм"),)),
    Rule("suicide_selfharm", CRISIS, (S("мысль", "думать"), S("смерть", "суицид")), window=4),
    # --- violence against her ------------------------------------------------------------
    Rule("violence", CRISIS, (HIT, PERSON), window=5, unless=JOKE),
    Rule("violence", CRISIS, (S("поднять", "поднимать"), S("рука")), window=3),
    Rule(
        "violence",
        CRISIS,
        (
            S(
                "насилие",
                "побои",
                "изнасиловать",
                "насиловать",
                "изнасилование",
                "тиран",
                "абьюзер",
                "избиение",
                "синяк",
            ),
        ),
        unless=S("фильм", "сериал", "книга"),
    ),
    Rule(
        "violence",
        EMERGENCY,
        (
            S("убить", "зарезать", "прибить", "придушить"),
            S("я", "меня", "нас", "ребенок", "дети", "сын", "дочь", "малыш"),
        ),
        window=5,
        unless=JOKE,
    ),
    Rule(
        "violence",
        EMERGENCY,
        (S("угрожать", "грозиться", "угроза"), S("убить", "нож", "убийство", "зарезать")),
        window=6,
    ),
    Rule("violence", EMERGENCY, (S("ломиться", "выломать"), S("дверь")), window=4),
    Rule(
        "violence",
        EMERGENCY,
        (
            S("нож", "топор"),
            S(
                "угрожать",
                "кидаться",
                "бросаться",
                "махать",
                "приставить",
                "держать",
                "искать",
                "гоняться",
                "бегать",
            ),
        ),
        window=5,
    ),
    # --- a child hurt -------------------------------------------------------------------
    Rule("child_abuse", CRISIS, (HIT, CHILD), window=5, unless=JOKE),
    Rule(
        "child_abuse",
        CRISIS,
        (S("трогать", "приставать", "домогаться", "совращать"), CHILD),
        window=5,
    ),
    # --- giving up the newborn, doubts about the pregnancy ------------------------------
    Rule(
        "abandonment",
        CRISIS,
        (
            S("отказаться", "отказ", "отказываться", "отказник"),
            S("ребенок", "малыш", "он", "сын", "дочь", "младенец", "роддом", "новорожденный"),
        ),
        window=5,
    ),
    Rule(
        "abandonment",
        CRISIS,
        (
            S("оставить", "оставлять", "бросить"),
            S("роддом", "больница", "детдом", "дом", "подъезд"),
        ),
        window=4,
    ),
    Rule(
        "abandonment",
        CRISIS,
        (
            S("отдать", "сдать", "подкинуть"),
            S("детдом", "детский", "приют", "малютка", "чужой", "кто-нибудь"),
        ),
        window=4,
    ),
    Rule("abandonment", CRISIS, (S("аборт", "прерывание", "прервать", "абортировать"),)),
    Rule(
        "abandonment",
        CRISIS,
        (S("оставлять", "оставить", "рожать", "родить"), S("ли", "или")),
        window=4,
    ),
    Rule(
        "abandonment",
        CRISIS,
        (S("не"), S("хотеть", "нужный", "нужен"), S("ребенок", "малыш", "беременность", "рожать")),
        negatable=False,
        ordered=True,
        gap=3,
    ),
    Rule(
        "abandonment",
        CRISIS,
        (
            S("не"),
            S("смочь", "мочь", "потянуть"),
            S("растить", "вырастить", "родить", "содержать", "прокормить"),
        ),
        negatable=False,
        ordered=True,
        gap=3,
    ),
    Rule(
        "abandonment",
        EMERGENCY,
        (
            S("выбросить", "выкинуть", "оставить"),
            CHILD | S("он", "его", "ее"),
            S("улица", "мусорка", "помойка", "мороз", "снег"),
        ),
        window=6,
    ),
    Rule(
        "abandonment",
        CRISIS,
        (
            CHILD | S("его", "беременность"),
            S("не"),
            S("оставить", "оставлять", "сохранить", "сохранять"),
        ),
        negatable=False,
        ordered=True,
        gap=2,
    ),
    # --- a medical emergency ------------------------------------------------------------
    Rule("medical_emergency", EMERGENCY, (S("кровотечение", "кровить"),)),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("кровь"), S("идти", "течь", "пойти", "много", "сильно", "хлестать", "сгусток")),
        window=4,
        unless=S("нос", "носовой", "десна", "палец"),
    ),
    Rule(
        "medical_emergency", EMERGENCY, (S("не"), S("дышать")), negatable=False, ordered=True, gap=1
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S(
                "судорога",
                "судорожить",
                "посинеть",
                "синеть",
                "захлебнуться",
                "задыхаться",
                "задохнуться",
            ),
        ),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("сознание"), S("потерять", "без", "терять", "упасть")),
        window=3,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("отойти", "отходить", "подтекать"), S("вода", "воды")),
        window=3,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("схватка", "рожать", "роды"),
            S("одна", "один", "сейчас", "начаться", "дома", "никого", "скорая"),
        ),
        window=8,
        unless=S("курс", "подготовка", "занятие", "записаться", "когда", "страшно", "бояться"),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("температура"), S("40", "41", "39", "судорога")),
        window=4,
    ),
    # --- a pregnant minor: needs the age, handled in engine.py ------------------------------
    # --- basic needs --------------------------------------------------------------------
    Rule(
        "basic_needs",
        BASIC,
        (S("нечего", "нет", "ничего"), S("есть", "еда", "кушать", "смесь", "продукт", "покушать")),
        window=3,
        negatable=False,
    ),
    Rule("basic_needs", BASIC, (S("голодать", "голодный"),)),
    Rule(
        "basic_needs",
        BASIC,
        (S("негде", "некуда"), S("жить", "ночевать", "спать", "идти", "пойти")),
        window=3,
        negatable=False,
    ),
    Rule("basic_needs", BASIC, (S("выселять", "выселить", "выселение"),)),
    Rule(
        "basic_needs",
        BASIC,
        (S("отключить", "нет", "отрезать"), S("отопление", "свет", "газ", "тепло", "батарея")),
        window=4,
        negatable=False,
    ),
    Rule(
        "basic_needs",
        BASIC,
        (S("замерзать", "мерзнуть", "холодно"),),
        unless=S("коляска", "комбинезон", "одежда", "зима"),
    ),
    Rule(
        "basic_needs",
        CRISIS,
        (
            S("выгнать", "выставить", "выкинуть"),
            S("улица", "дом", "квартира", "ночь", "мороз", "ребенок"),
        ),
        window=5,
        unless=S("кот", "собака"),
    ),
    Rule(
        "basic_needs",
        CRISIS,
        (S("ночевать", "сидеть", "оказаться", "стоять"), S("улица", "вокзал", "подъезд")),
        window=4,
        unless=S("кот", "собака"),
    ),
)

IMMEDIATE = S(
    "сейчас",
    "прямо",
    "ломиться",
    "запереться",
    "закрыться",
    "прятаться",
    "спрятаться",
    "спасти",
    "срочно",
    "нож",
    "убить",
    "кровь",
)
PREGNANT = S(
    "беременный",
    "беременность",
    "залететь",
    "забеременеть",
    "беремена",
    "положительный",
    "две",
    "полоска",
)
MINOR_WORDS = S("школьница", "несовершеннолетний", "класс", "школа", "девятиклассница", "подросток")

EN_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (group, level, re.compile(pattern, re.IGNORECASE))
    for group, level, pattern in (
        (
            "suicide_selfharm",
            EMERGENCY,
            r"\b(kill(ing)? myself|end(ing)? (my|it) (life|all)|suicid\w*|want(ed)? to die|don'?t want to (live|be alive)|better off dead|take all (the|my) pills|overdose)\b",
        ),
        ("suicide_selfharm", CRISIS, r"\b(cut(ting)? myself|hurt(ing)? myself|self[- ]harm\w*)\b"),
        (
            "violence",
            EMERGENCY,
            r"\b((going to|gonna|will|threaten\w* to) kill (me|us|the baby|my (son|daughter|child|kids))|has a knife|breaking (down )?the door|locked myself in)\b",
        ),
        (
            "violence",
            CRISIS,
            r"\b((beats?|beating|hits?|hitting|chok\w+|kick\w*|punch\w*) (me|us)|(domestic )?(violence|abuse|abusive)|rap(ed|e))\b",
        ),
        (
            "child_abuse",
            CRISIS,
            r"\b(beats?|hits?|hurts?|touch\w*) (my|the) (child|son|daughter|baby|kids)\b",
        ),
        (
            "abandonment",
            CRISIS,
            r"\b(give (up|away) (the|my|this) (baby|child)|abortion|don'?t want (this|the|a) (baby|child|pregnancy)|leave (the|my) baby|put (the|my) baby up for adoption)\b",
        ),
        (
            "medical_emergency",
            EMERGENCY,
            r"\b(bleeding( heavily| a lot)?|(baby|he|she) (is )?not breathing|seizures?|convulsions?|(water|waters) (broke|has broken)|in labou?r alone|passed out|unconscious)\b",
        ),
        (
            "basic_needs",
            BASIC,
            r"\b(no food|nothing to eat|can'?t afford (food|formula)|nowhere to (live|stay|sleep)|no heating|evict\w*|homeless)\b",
        ),
        ("basic_needs", CRISIS, r"\b(kicked (me|us) out|threw (me|us) out|on the street)\b"),
        (
            "minor_pregnancy",
            CRISIS,
            r"\b(i'?m|i am) 1[2-7]\b.*\bpregnant\b|\bpregnant\b.*\b(i'?m|i am) 1[2-7]\b",
        ),
    )
)
EN_IDIOMS = re.compile(
    r"\b(dying (of|from) (curiosity|laughter|boredom)|killing time|to die for|kill for a)\b",
    re.IGNORECASE,
)
