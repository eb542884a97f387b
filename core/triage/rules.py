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
        unless=S("мясо", "подальше", "вилка", "ящик", "блокиратор", "кухонный", "точить"),
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
        unless=S(
            "прививка",
            "бцж",
            "палата",
            "алименты",
            "курс",
            "кроватка",
            "прокат",
            "услуга",
            "вакцинация",
            "вакцина",
            "гепатит",
            "осмотр",
            "процедура",
            "кесарев",
            "выписка",
        ),
    ),
    Rule(
        "abandonment",
        CRISIS,
        (
            S("оставить", "оставлять", "бросить"),
            S("роддом", "больница", "детдом", "дом", "подъезд"),
        ),
        window=4,
        unless=S("вещь", "коляска", "сумка", "пакет", "заявление", "машина"),
    ),
    Rule(
        "abandonment",
        CRISIS,
        (
            S("отдать", "сдать", "подкинуть"),
            S("детдом", "приют", "малютка", "чужой", "кто-нибудь"),
        ),
        window=4,
        unless=S("вещь", "носочки", "одежда", "игрушка", "связать", "коляска"),
    ),
    Rule("abandonment", CRISIS, (S("аборт", "прерывание", "прервать", "абортировать"),)),
    Rule(
        "abandonment",
        CRISIS,
        (S("оставлять", "оставить", "рожать", "родить"), S("ли", "или")),
        window=4,
        unless=S(
            "сетка", "окно", "вещь", "коляска", "старый", "шкаф", "работа", "квартира", "место"
        ),
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
        "medical_emergency",
        EMERGENCY,
        (S("не"), S("дышать")),
        negatable=False,
        ordered=True,
        gap=1,
        unless=S("закатываться", "невролог", "приступ", "аффективный", "плакать"),
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
        unless=S(
            "счастие",
            "счастье",
            "смех",
            "радость",
            "жара",
            "духота",
            "запах",
            "рыба",
            "вонь",
            "восторг",
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
        window=4,
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
        (S("нечего", "ничего"), S("есть", "еда", "кушать", "смесь", "продукт", "покушать")),
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
MINOR_WORDS = S(
    "школьница", "несовершеннолетний", "класс", "девятиклассница", "ученица", "старшеклассница"
)

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

# "Today / tonight": a need that cannot wait until the centre opens.
TODAY = S(
    "целый",
    "сегодня",
    "сейчас",
    "ночь",
    "ночевать",
    "вечер",
    "завтра",
    "зима",
    "мороз",
    "холод",
    "холодно",
    "уже",
    "совсем",
    "второй",
    "третий",
)
EN_TODAY = re.compile(r"\b(today|tonight|right now|now|winter|freezing|cold)\b", re.IGNORECASE)
EN_CHILD = re.compile(
    r"\b(baby|babies|child|children|kids?|son|daughter|newborn|toddler)\b", re.IGNORECASE
)
# Distress without a clear danger: asked once whether she is safe.
DISTRESS = S(
    "страшно",
    "страх",
    "бояться",
    "паника",
    "паниковать",
    "плохо",
    "тяжело",
    "устать",
    "сил",
    "плакать",
    "реветь",
    "рыдать",
    "одиноко",
    "отчаяние",
    "безысходность",
    "тревога",
    "тревожно",
    "кошмар",
    "ужас",
    "сломаться",
    "рушиться",
    "разваливаться",
)
EN_DISTRESS = re.compile(
    r"\b(scared|afraid|panic\w*|terrified|can'?t cope|overwhelmed|exhausted|crying|desperate|hopeless|falling apart)\b",
    re.IGNORECASE,
)

# --- context that turns a matched phrase into something else ------------------------------
# A danger told as the past and settled: "лет пять назад муж бил, мы развелись, всё хорошо".
PAST = S(
    "назад",
    "раньше",
    "когда-то",
    "детство",
    "юность",
    "давно",
    "прошлое",
    "прошлый",
    "позади",
    "помнить",
    "вспоминать",
    "война",
    "подросток",
    "первый",
)
RU_PAST = re.compile(
    r"(\bв (19|20)\d\d\b|\bв \d0-х|\d+ (год|года|лет) назад|когда (я )?был|\d+ было,? когда)",
    re.IGNORECASE,
)
SETTLED = S(
    "хорошо",
    "позади",
    "развестись",
    "развести",
    "лечение",
    "терапия",
    "вылечиться",
    "наладиться",
    "теперь",
    "здоровый",
    "спасибо",
    "норм",
    "нормально",
    "закодироваться",
    "пройти",
    "справиться",
    "обойтись",
    "передумать",
    "стабильно",
    "спокойно",
    "отлично",
    "счастливый",
    "рад",
    "осудить",
    "безопасность",
    "лечиться",
    "остановиться",
    "зажить",
    "смеяться",
    "обошлось",
)
# Looking back from now: "сейчас мне 25", "дочке уже 5", "много лет назад".
RU_RETRO = re.compile(
    r"((сейчас|теперь) (мне|ей|ему|дочке|сыну|дочери) \d+|(мне|ей|ему|дочке|сыну|дочери) (сейчас|уже) \d+|много лет назад)",
    re.IGNORECASE,
)
RU_SETTLED = re.compile(
    r"((сейчас|теперь) (мне|ей|ему|дочке|сыну|дочери|малышу) \d+|(мне|ей|ему|дочке|сыну|дочери) (сейчас|уже) \d+|уже \d+ (год|года|лет)|(сейчас|теперь) (у нас |у меня )?(свой|своя|своё|все|всё|новая|новый))",
    re.IGNORECASE,
)
# Words that bring a past story back to now; with them, it stays an alarm.
AGAIN = S(
    "опять",
    "снова",
    "начаться",
    "начинаться",
    "продолжаться",
    "вернуться",
    "каждый",
    "сейчас-то",
    "бояться",
    "боюсь",
    "страшно",
)
# A question for study, work or a story, or plainly not about her: "для курсовой", "в сериале".
INFO = S(
    "статья",
    "реферат",
    "курсовой",
    "курсовая",
    "доклад",
    "сценарий",
    "эссе",
    "сочинение",
    "волонтер",
    "волонтерство",
    "гипотетически",
    "теоретически",
    "профилактика",
    "обучение",
    "лекция",
    "сериал",
    "фильм",
    "кино",
    "книга",
    "новость",
    "документалка",
    "тикток",
    "пост",
    "роман",
    "героиня",
    "герой",
    "игра",
    "диплом",
    "дипломный",
    "проект",
    "памятка",
    "материал",
    "список",
    "супервизор",
    "тренинг",
    "семинар",
    "интервью",
    "мультик",
    "мультфильм",
    "шоу",
    "триллер",
    "финал",
    "конфиденциальность",
    "чат",
    "сериальный",
    "документальный",
    "радио",
    "презентация",
    "приемный",
)
RU_NOT_ME = re.compile(
    r"(жертвам|это я так|не про (меня|нас|конкретн)|не со мной|у нас вс[её] (нормально|хорошо|в порядке|ок|норм)|я в безопасности|ничего срочного|просто (спросить|интересно|хочу (знать|понять|спросить))|чисто (гипотетически|теоретически)|у меня их нет)",
    re.IGNORECASE,
)
# A laugh, a wink or joy: "повешусь от этой очереди 😂", "задыхаюсь от счастья 🎉".
JOKING = re.compile(
    r"(😂|🤣|😅|😄|😆|🙈|🙄|🙃|😹|😤|😡|🍫|😁|😜|😉|😊|🥰|😍|🎉|💕|🤢|xd\b|\bjk\b|\bах+а|\bхаха|\bхехе|\blol\b|\bшуч|шутки шутками|хохот|\)\)+)",
    re.IGNORECASE,
)
DESPAIR = S(
    "устать",
    "сил",
    "надоесть",
    "смысл",
    "незачем",
    "безнадежно",
    "выход",
    "конец",
    "никто",
    "никому",
    "депрессия",
    "плакать",
    "реветь",
    "честно",
    "серьезно",
    "реально",
    "держаться",
    "проще",
    "легче",
)
# A small child's angry words, quoted by the mother.
QUOTED_CHILD = re.compile(
    r"(\b([1-9]|1[0-2])\s*(год|года|лет|годик)|\(\d\)|сын|доч|малой|малая|малыш|ребен|ребён|сестр|брат|трехлетк|трёхлетк|son|daughter|kid|toddler)",
    re.IGNORECASE,
)
NORMAL_QUESTION = S(
    "нормально",
    "реагировать",
    "кризис",
    "манипуляция",
    "истерика",
    "характер",
    "смешной",
    "психолог",
    "возраст",
    "возрастной",
    "объяснить",
    "отучить",
    "фаза",
    "нормальный",
)
EN_PAST = re.compile(
    r"\b(years? ago|back in (19|20)\d\d|when i was (a )?(teen|young|\d+)|used to|in the past|long ago|we divorced|i'?ve remarried|last year)\b",
    re.IGNORECASE,
)
EN_SETTLED = re.compile(
    r"\b(now (i'?m|we'?re|we have|all|everything|i have)|everything is (fine|ok|good)|all good|fine now|happy now|doing well|remarried|thank you|thanks|new life|zero contact|moved abroad|another country)\b",
    re.IGNORECASE,
)
EN_INFO = re.compile(
    r"\b(article|essay|paper|research|volunteer|hypothetical\w*|just curious|in the (movie|film|book|news|show)|asking for (our|a) (church|school|class)|for (a|my) (class|course|project)|school project|noticeboard|workshop|train(ing)? (social workers|staff)|documentary|nobody'?s in danger|just asking|saw it in|lecture|the course)\b",
    re.IGNORECASE,
)

# --- concept lexicons: the situation, not the verb ------------------------------------------
HEIGHT = S(
    "окно",
    "подоконник",
    "крыша",
    "мост",
    "балкон",
    "этаж",
    "высота",
    "обрыв",
    "путь",
    "рельс",
    "электричка",
    "поезд",
    "карниз",
    "парапет",
    "многоэтажка",
    "девятиэтажка",
)
BE_AT = S("стоять", "сидеть", "залезть", "забраться", "подняться", "выйти", "стою", "сижу")
WEAPON = S("нож", "топор", "ружье", "пистолет", "ствол", "обрез", "молоток", "травмат", "тесак")
MAN = S(
    "он",
    "муж",
    "сожитель",
    "брат",
    "отец",
    "отчим",
    "бывший",
    "сосед",
    "парень",
    "пьяный",
    "схватить",
    "достать",
    "кидаться",
    "ходить",
    "бегать",
    "угрожать",
    "взять",
    "размахивать",
    "у",
)
POISON = S(
    "батарейка",
    "таблетка",
    "магнит",
    "средство",
    "уксус",
    "отрава",
    "химия",
    "бусина",
    "монета",
    "монетка",
    "порошок",
    "капсула",
    "хлорка",
    "белизна",
    "отбеливатель",
    "растворитель",
    "бензин",
    "яд",
    "лекарство",
    "жидкость",
    "шарик",
    "гель",
    "ацетон",
    "спирт",
    "керосин",
    "таблетки",
)
SWALLOW = S(
    "проглотить",
    "съесть",
    "выпить",
    "наглотаться",
    "сожрать",
    "засунуть",
    "нахлебаться",
    "глотнуть",
    "наесться",
    "хлебнуть",
    "лизнуть",
)
HIDE = S("запереться", "закрыться", "спрятаться", "прятаться", "сбежать", "убежать")
HIDING_PLACE = S(
    "ванная",
    "туалет",
    "комната",
    "баня",
    "сарай",
    "подвал",
    "соседка",
    "ребенок",
    "дочка",
    "сын",
    "дети",
    "малыш",
)
PAPERS = S("телефон", "паспорт", "документ", "свидетельство", "карта", "деньги", "ключ")
TAKE_AWAY = S("отобрать", "забрать", "отнять", "разбить", "спрятать", "забирать", "отбирать")
STALK = S("караулить", "следить", "преследовать", "поджидать", "выслеживать", "стеречь")
GROPE = S("трогать", "приставать", "лапать", "домогаться", "зажимать", "раздевать")
NOISE = S("крик", "удар", "кричать", "стук", "грохот", "визг", "вопль", "плач")
WALL = S("стена", "стенка", "сосед", "соседка", "соседи", "за")
SYMPTOM_VOMIT = S("рвать", "рвота", "тошнить", "вырвать", "стошнить")
NONSTOP = S("фонтан", "весь", "остановка", "переставать", "постоянно", "каждый", "сутки")
FALL = S("упасть", "удариться", "свалиться", "грохнуться")
DROWSY = S("спать", "сонный", "вялый", "реагировать", "вырвать", "рвать", "сознание", "плакать")
BURN = S("обвариться", "ошпариться", "ошпарить", "кипяток", "ожог", "обжечься", "обжечь")
ALONE = S("один", "одни", "одна", "сам", "одних", "одну")
LEAVE_AT = S(
    "коробка",
    "церковь",
    "пожарная",
    "дверь",
    "больница",
    "роддом",
    "чужой",
    "люди",
    "подъезд",
    "где-нибудь",
    "вокзал",
    "порог",
    "мусорка",
    "лес",
    "магазин",
    "приют",
)
RID = S("избавиться", "избавляться")
PREG_PAIN = S("болеть", "боль", "тянуть", "резать", "каменный", "колоть", "схватить")
BELLY = S("живот", "низ", "поясница", "матка")
FIRE = S("пожар", "загореться", "сгореть", "гореть", "угар", "угореть", "дымить", "задымление")
UTILITY = S(
    "вода",
    "электричество",
    "свет",
    "дрова",
    "тепло",
    "газ",
    "отопление",
    "печка",
    "уголь",
    "батарея",
)
RUN_OUT = S(
    "нет",
    "отключить",
    "кончиться",
    "закончиться",
    "замерзнуть",
    "перемерзнуть",
    "нечем",
    "нечего",
    "отрезать",
)
FOOD = S("смесь", "памперс", "подгузник", "молоко", "хлеб", "еда", "продукт", "каша", "питание")
PREG_MARK = re.compile(
    r"\b(\d{1,2})\s*-?\s*(?:я|й|ая)?\s*(?:нед|неделя|недели|недель|недел|н\b|мес|месяц|месяце|месяца|wk|weeks?)",
    re.IGNORECASE,
)

RU_CONCEPTS: tuple[Rule, ...] = (
    # suicide said indirectly
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (BE_AT, HEIGHT),
        window=4,
        unless=S("ремонт", "мыть", "рассада", "кот", "фото"),
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("исчезнуть", "раствориться", "испариться"),),
        unless=S("день", "спа", "выходной", "отпуск"),
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S("проснуться", "просыпаться", "проснутся"),
            S("не"),
            S("хотеть", "бы", "больше", "никогда", "хотеться"),
        ),
        window=4,
        negatable=False,
    ),
    Rule(
        "suicide_selfharm", EMERGENCY, (S("лучше"), S("без"), S("меня", "мать", "мама")), window=4
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S("записка", "прощальный", "письмо", "записку"),
            S("оставить", "написать", "оставлять", "писать", "простите", "прощайте"),
        ),
        window=5,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S("прощайте", "прощай", "простить", "попрощаться"),
            S("все", "всех", "меня", "мама", "дети", "простите"),
        ),
        window=3,
        negatable=False,
        unless=S("опоздание", "беспокойство"),
    ),
    Rule(
        "suicide_selfharm",
        CRISIS,
        (S("раздать", "раздавать"), S("вещь", "кольцо", "все")),
        window=4,
        unless=S(
            "бесплатно",
            "даром",
            "переезжать",
            "сын",
            "дочь",
            "ребенок",
            "малыш",
            "после",
            "переезд",
            "отдать",
            "отдам",
            "детский",
            "коляска",
            "одежда",
            "нуждающийся",
        ),
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S("таблетка", "снотворное", "лекарство"),
            S("копить", "накопить", "собрать", "запасти", "набраться", "насобирать", "припрятать"),
        ),
        window=5,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S("веревка", "петля"),
            S(
                "приготовить",
                "купить",
                "повесить",
                "сделать",
                "лежать",
                "привязать",
                "крюк",
                "сарай",
            ),
        ),
        window=5,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("не"), S("знать"), S("как", "зачем"), S("жить")),
        ordered=True,
        gap=3,
        negatable=False,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("не"), S("мочь", "смочь"), S("жить")),
        ordered=True,
        gap=3,
        negatable=False,
        unless_next=S("с", "у", "в", "здесь", "там", "вместе"),
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("не"), S("видеть"), S("смысл")),
        ordered=True,
        gap=2,
        negatable=False,
        unless_next=S("покупать", "брать", "ехать", "идти", "платить", "записываться"),
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("уйти", "уходить"), S("насовсем", "навсегда", "совсем")),
        window=2,
        unless=S("уходи", "ненавидеть"),
    ),
    Rule(
        "suicide_selfharm",
        CRISIS,
        (
            S("порезаться", "резаться", "жечь", "прижигать", "бить"),
            S("себя", "рука", "сигарета", "опять", "снова"),
        ),
        window=4,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("конец", "покончить", "закончить"), S("всё", "все", "это", "мучение", "жизнь")),
        window=2,
        unless=S("рабочий", "день", "неделя", "ремонт", "курс", "срок"),
    ),
    # violence by the situation
    Rule(
        "violence",
        EMERGENCY,
        (WEAPON, MAN),
        window=5,
        unless=S(
            "вилка",
            "давать",
            "ложка",
            "возраст",
            "мясо",
            "подальше",
            "купить",
            "кухонный",
            "точить",
            "резать",
            "хлеб",
            "овощ",
            "подарить",
            "набор",
        ),
    ),
    Rule(
        "violence",
        EMERGENCY,
        (HIDE, HIDING_PLACE),
        window=5,
        unless=S("игра", "прятки", "сюрприз", "подарок"),
    ),
    Rule(
        "violence",
        CRISIS,
        (
            S("не"),
            S("выпускать", "пускать", "отпускать"),
            S("дом", "квартира", "улица", "одна", "никуда"),
        ),
        window=4,
        negatable=False,
    ),
    Rule(
        "violence",
        CRISIS,
        (S("запирать", "запереть", "закрывать"), S("меня", "нас", "дом", "квартира")),
        window=4,
    ),
    Rule(
        "violence",
        CRISIS,
        (TAKE_AWAY, PAPERS),
        window=4,
        unless=S(
            "мфц",
            "проверка",
            "вернуть",
            "оформление",
            "соцзащита",
            "пенсионный",
            "банк",
            "почта",
            "ремонт",
            "сервис",
            "починить",
            "забыть",
            "потерять",
        ),
    ),
    Rule(
        "violence",
        EMERGENCY,
        (S("сжечь", "спалить", "поджечь"), S("дом", "нас", "меня", "квартира", "вместе", "машина")),
        window=5,
    ),
    Rule(
        "violence",
        EMERGENCY,
        (S("мне", "тебе", "нам", "тебя"), S("конец", "крышка", "хана", "капец", "не жить")),
        window=2,
        unless=S("экзамен", "сессия", "работа", "начальник"),
    ),
    Rule(
        "violence",
        CRISIS,
        (
            STALK,
            S("подъезд", "работа", "дом", "дверь", "окно", "школа", "сад", "меня", "нас", "бывший"),
        ),
        window=5,
    ),
    Rule(
        "violence",
        CRISIS,
        (GROPE, S("меня", "я", "мне", "нас", "ее", "дочь", "дочка")),
        window=4,
        unless=S("кот", "собака", "нервы"),
    ),
    Rule(
        "violence",
        CRISIS,
        (NOISE, WALL),
        window=5,
        unless=S(
            "шуметь",
            "застолье",
            "песня",
            "петь",
            "праздник",
            "ремонт",
            "дрель",
            "музыка",
            "праздник",
            "футбол",
            "телевизор",
        ),
    ),
    Rule(
        "violence",
        EMERGENCY,
        (S("держать", "схватить", "сжимать", "сдавить", "душить"), S("горло", "шея")),
        window=4,
    ),
    Rule(
        "violence",
        CRISIS,
        (
            S("сломать", "разбить", "выбить"),
            S("мне", "меня", "мой"),
            S("рука", "нос", "ребро", "челюсть", "нога", "губа", "зуб", "голова"),
        ),
        window=4,
    ),
    Rule("violence", CRISIS, (S("буянить", "бушевать", "дебоширить", "звереть", "озвереть"),)),
    Rule(
        "violence",
        CRISIS,
        (
            S(
                "изнасиловать",
                "изнасилование",
                "насиловать",
                "принудить",
                "заставлять",
                "заставить",
            ),
            S("меня", "секс", "спать", "близость", "я"),
        ),
        window=4,
    ),
    # a child in danger
    Rule(
        "child_danger",
        EMERGENCY,
        (SWALLOW, POISON),
        window=5,
        unless=S("кот", "собака", "кошка", "кукла", "витамин"),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("не"), S("реагировать", "откликаться", "отвечать")),
        ordered=True,
        gap=1,
        negatable=False,
        unless=S("телефон", "звонок", "сообщение", "письмо", "заявка", "поликлиника", "врач"),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("синий", "посинеть", "синеть", "посинелый", "бледный", "серый"),
            S("губа", "лицо", "ребенок", "малыш", "кожа", "ручка"),
        ),
        window=3,
    ),
    Rule("medical_emergency", EMERGENCY, (SYMPTOM_VOMIT, NONSTOP), window=4),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("писать", "мочить", "писаться", "пописать"),
            S("не"),
            S("памперс", "подгузник", "утро", "вечер", "час", "сутки", "ночь", "пеленка"),
        ),
        window=5,
        negatable=False,
        unless=S(
            "зачем",
            "знать",
            "потому",
            "кому",
            "сообщение",
            "ответ",
            "смс",
            "вам",
            "некому",
            "поговорить",
        ),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("горячий", "температура", "жар", "температурить"),
            S(
                "вялый",
                "сыпь",
                "судорога",
                "спит",
                "рвать",
                "сбиваться",
                "сбить",
                "высокий",
                "второй",
                "третий",
            ),
        ),
        window=6,
        unless=S("нет", "без"),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            FALL,
            S("голова", "головой", "затылок", "пеленальный", "высота", "упасть"),
            S(
                "рвать",
                "вырвать",
                "спать",
                "сонный",
                "вялый",
                "сознание",
                "реагировать",
                "кровь",
                "шишка",
                "синий",
            ),
        ),
        window=8,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (BURN,),
        unless=S(
            "как",
            "подскочить",
            "вскочить",
            "чуть-чуть",
            "пустяк",
            "слегка",
            "немного",
            "солнце",
            "крапива",
        ),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("засунуть", "застрять"), S("нос", "ухо", "горло")),
        window=4,
    ),
    Rule(
        "child_danger",
        CRISIS,
        (
            CHILD | S("дети", "девочка", "мальчик"),
            ALONE,
            S(
                "дома",
                "сутки",
                "день",
                "ночь",
                "квартира",
                "закрыть",
                "запереть",
                "оставить",
                "бросить",
            ),
        ),
        window=5,
        unless=S(
            "кричать",
            "плакать",
            "предел",
            "уставать",
            "справляться",
            "засыпать",
            "играть",
            "спать",
            "садик",
            "школа",
        ),
    ),
    Rule(
        "child_danger",
        EMERGENCY,
        (
            S("боюсь", "бояться", "страшно"),
            S("сделать", "навредить", "ударить", "придушить", "выбросить", "сорваться"),
            CHILD | S("он", "его", "ее", "ним"),
        ),
        window=6,
    ),
    Rule(
        "child_danger",
        EMERGENCY,
        (S("подушка", "одеяло"), S("накрыть", "придушить", "задушить", "прижать")),
        window=4,
    ),
    Rule(
        "child_danger",
        EMERGENCY,
        (S("трясти", "встряхнуть", "тряхнуть", "трясу"), CHILD | S("его", "ее")),
        window=4,
        unless=S(
            "разговор",
            "меня",
            "нервный",
            "нервы",
            "озноб",
            "страх",
            "звонок",
            "погремушка",
            "бутылочка",
        ),
    ),
    Rule(
        "child_danger",
        EMERGENCY,
        (S("выкинуть", "выбросить", "скинуть"), S("окно", "балкон")),
        window=4,
        unless=S(
            "телефон", "ноутбук", "планшет", "компьютер", "будильник", "вещь", "мусор", "игрушка"
        ),
    ),
    Rule(
        "child_danger",
        CRISIS,
        (
            S("мороз", "холод", "холодно"),
            S("девочка", "мальчик", "ребенок", "дети", "малыш"),
            S("улица", "крыльцо", "подъезд", "одна", "один", "кофта", "раздетый"),
        ),
        window=6,
    ),
    Rule(
        "child_abuse",
        CRISIS,
        (S("запирать", "запереть", "закрывать", "привязывать"), CHILD | S("внук", "внучка")),
        window=5,
        unless=S("шкафчик", "замок", "химия"),
    ),
    Rule(
        "child_abuse",
        CRISIS,
        (S("ожог", "синяк", "след", "шрам"), CHILD | S("племянник", "племянница")),
        window=5,
    ),
    # giving up a baby in other words
    Rule(
        "abandonment", CRISIS, (S("беби", "бэби", "бейби", "бэйби", "бейби"), S("бокс")), window=2
    ),
    Rule(
        "abandonment",
        CRISIS,
        (S("бэбибокс", "бебибокс", "беби-бокс", "бэби-бокс", "babybox", "бейбибокс"),),
    ),
    Rule(
        "abandonment",
        CRISIS,
        (RID,),
        unless=S(
            "запах",
            "пятно",
            "растяжка",
            "токсикоз",
            "изжога",
            "вещь",
            "хлам",
            "коляска",
            "кашель",
            "колики",
            "лишний",
            "вес",
        ),
    ),
    Rule(
        "abandonment",
        CRISIS,
        (S("отказ", "отказная", "отказной"), S("написать", "писать", "оформить", "подписать")),
        window=4,
        unless=S(
            "курс",
            "алименты",
            "мфц",
            "кроватка",
            "занятие",
            "прививка",
            "палата",
            "вакцина",
            "услуга",
            "госпитализация",
            "осмотр",
            "процедура",
            "вакцинация",
            "страховка",
            "работа",
        ),
    ),
    Rule(
        "abandonment",
        CRISIS,
        (S("оставить", "подбросить", "подкинуть", "отнести", "оставлять"), LEAVE_AT),
        window=5,
        unless=S("коляска", "пакет", "сумка", "вещи", "заявление", "документ"),
    ),
    Rule(
        "abandonment",
        CRISIS,
        (
            S("отдать", "продать"),
            S(
                "люди",
                "авито",
                "новорожденный",
                "кому",
                "чужой",
                "малыш",
                "ребенок",
                "дочка",
                "сын",
                "дочь",
            ),
        ),
        window=4,
        unless=S(
            "носочек",
            "вязать",
            "связать",
            "центр",
            "для",
            "коляска",
            "кроватка",
            "вещь",
            "одежда",
            "игрушка",
            "стульчик",
            "манеж",
            "котенок",
            "щенок",
            "отдам",
        ),
    ),
    Rule(
        "abandonment",
        CRISIS,
        (S("забрать"), S("его", "ее", "ребенок", "малыш", "кто-нибудь")),
        window=3,
        unless=S(
            "кроватка",
            "столик",
            "вещь",
            "отдавать",
            "бесплатно",
            "переезжать",
            "коляска",
            "манеж",
            "садик",
            "сад",
            "школа",
            "из",
        ),
    ),
    Rule(
        "abandonment",
        CRISIS,
        (S("уйти", "сбежать", "выписаться"), S("без"), CHILD | S("него", "нее")),
        window=4,
    ),
    # pregnancy and birth emergencies
    Rule("medical_emergency", EMERGENCY, (S("кровить", "кровянистый", "кровянка"),)),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("шевеление", "шевелиться", "толкаться", "пинаться", "шевелится"),
            S("не", "нет", "почти", "перестать", "перестал", "затихнуть", "тихо"),
        ),
        window=4,
        negatable=False,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("сердцебиение", "сердце"),
            S("не", "нет"),
            S("слышать", "слушаться", "прослушиваться", "доплер"),
        ),
        window=4,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (FALL, S("живот", "беременный", "неделя", "срок", "лед", "лестница", "спина")),
        window=5,
        unless=S("ребенок", "сын", "дочь"),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("течь", "подтекать", "подтекание"), S("вода", "воды", "нога", "жидкость")),
        window=3,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("давление"), S("160", "150", "170", "180", "высокий", "скакать", "скачет", "подняться")),
        window=4,
        unless=S("норма", "нормальный", "пониженный", "низкий"),
    ),
    Rule("medical_emergency", EMERGENCY, (S("мушка", "пятно", "искра"), S("глаз")), window=3),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("отекать", "отек", "отечь", "опухнуть"), S("лицо", "рука", "голова", "давление")),
        window=6,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("схватка"),
            S("пойти", "начаться", "каждый", "минута", "регулярный", "рано", "сильный", "частый"),
        ),
        window=4,
        unless=S("тренировочный", "ложный", "курс", "занятие", "лекция"),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("родить", "рожать"),
            S("дома", "одна", "сама", "ванная", "туалет", "машина", "лес", "сейчас"),
        ),
        window=4,
        unless=S(
            "курс",
            "подготовка",
            "сериал",
            "фильм",
            "когда",
            "планировать",
            "хотеть",
            "где",
            "лучше",
        ),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("послед", "плацента"), S("не", "выходить", "выйти", "отделяться")),
        window=3,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (
            S("сознание", "обморок", "отключиться", "упасть"),
            S("беременный", "беременна", "жена", "неделя", "срок"),
        ),
        window=5,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("гноиться", "гной", "разойтись", "кровоточить"), S("шов", "рана", "кесарев")),
        window=4,
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("скорая"), S("не", "нет", "ехать", "едет", "вызвать", "отказаться")),
        window=3,
        unless=S("курс", "лекция"),
    ),
    # basic needs today
    Rule(
        "basic_needs",
        BASIC,
        (
            S("нечего", "нечем", "не на что"),
            S("кормить", "накормить", "дать", "топить", "платить", "купить", "кушать"),
        ),
        window=3,
        negatable=False,
    ),
    Rule(
        "basic_needs",
        BASIC,
        (FOOD, S("закончиться", "кончиться", "нет", "пропасть", "последний", "ноль", "не на что")),
        window=4,
        negatable=False,
        unless=S("аллергия", "какой", "лучше", "посоветовать", "выбрать", "отдам"),
    ),
    Rule(
        "basic_needs",
        EMERGENCY,
        (FIRE,),
        unless=S(
            "отчет",
            "работа",
            "тревога",
            "учебный",
            "горим",
            "чат",
            "страсти",
            "страсть",
            "свеча",
            "глаз",
            "щека",
            "сроки",
            "путевка",
            "желание",
            "курс",
            "нетерпение",
            "прошлый",
            "погорелец",
        ),
    ),
    Rule(
        "basic_needs",
        EMERGENCY,
        (S("газ"), S("вонять", "пахнуть", "запах", "утечка", "пахнет")),
        window=3,
    ),
    Rule(
        "basic_needs",
        BASIC,
        (UTILITY, RUN_OUT),
        window=4,
        negatable=False,
        unless=S("счет", "квитанция", "горячий", "график", "плановый"),
    ),
    Rule(
        "basic_needs",
        BASIC,
        (S("минус", "мороз", "холод", "ледяной"), S("дом", "квартира", "комната", "изба")),
        window=4,
    ),
    Rule(
        "basic_needs",
        CRISIS,
        (
            S("выселить", "выгнать", "выставить", "съехать", "выкинуть"),
            S("сегодня", "вечер", "ночь", "некуда", "дверь", "завтра", "мороз"),
        ),
        window=6,
        unless=S("кот", "собака"),
    ),
    Rule(
        "basic_needs",
        CRISIS,
        (
            S("ночевать", "ночуем", "спать", "жить"),
            S("машина", "подъезд", "вокзал", "улица", "гараж", "лавочка", "остановка"),
        ),
        window=3,
        unless=S("кот", "собака"),
    ),
)
RU_MORE: tuple[Rule, ...] = (
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("вниз"), S("смотреть", "прикидывать", "тянуть", "манить", "глядеть")),
        window=3,
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (S("продумать", "решить", "решиться", "придумать"), S("всё", "все", "уже")),
        window=2,
        unless=S("вопрос", "документ", "ремонт", "покупка", "коляска", "курс"),
    ),
    Rule(
        "suicide_selfharm",
        EMERGENCY,
        (
            S("наверняка", "насмерть", "разбиться"),
            S("высота", "этаж", "таблетка", "сколько", "нужно", "надо"),
        ),
        window=5,
    ),
    Rule(
        "child_danger",
        CRISIS,
        (S("не"), S("остановиться", "сдержаться", "сдержать")),
        ordered=True,
        gap=1,
        negatable=False,
        unless=S("сердце", "успеть", "поймать", "дождь", "кашель", "смех", "смеяться", "икота"),
    ),
    Rule(
        "medical_emergency",
        EMERGENCY,
        (S("не"), S("мочь", "смочь"), S("дышать", "вздохнуть", "продышаться")),
        ordered=True,
        gap=2,
        negatable=False,
    ),
    Rule(
        "basic_needs",
        BASIC,
        (S("ничего"), S("не"), S("есть", "поесть", "кушать", "покушать")),
        ordered=True,
        gap=2,
        negatable=False,
    ),
    Rule(
        "violence",
        CRISIS,
        (S("следить", "идти", "ходить", "преследовать"), S("за"), S("я", "мной", "нами", "мы")),
        ordered=True,
        gap=1,
        negatable=False,
    ),
)
RU_RULES = RU_RULES + RU_CONCEPTS + RU_MORE

EN_CONCEPTS: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (group, level, re.compile(pattern, re.IGNORECASE))
    for group, level, pattern in (
        (
            "suicide_selfharm",
            EMERGENCY,
            r"\b(don'?t see the point|no point (in )?(living|going on)|can'?t go on|(better|easier) (off )?without me|not wake up|disappear forever|(wrote|left|writing) (a |the )?(letters?|notes?|goodbye)|say(ing)? goodbye|saving (up )?(the |my )?pills|on the (roof|bridge|ledge|window ?sill)|jump(ing)? off|rope|end it|turn(ing)? the wheel|tired of (existing|living)|want to disappear|(burn|cut)(ing|s)? (her|him|my)sel(f|ves))\b",
        ),
        (
            "violence",
            EMERGENCY,
            r"\b(knife|gun|rifle|axe|strangl\w*|chok\w+ me|locked (me|us|myself)|hiding (in|with)|he'?s coming|threaten\w* to (kill|burn|find|take)|burn the house|kill (me|us|you))\b",
        ),
        (
            "violence",
            CRISIS,
            r"\b(takes? my phone|took my (phone|passport|documents)|won'?t let me (leave|out|go)|stalk\w*|follow(s|ing)? me|waiting (by|outside|at) (the|my)|showing up at|screaming next door|rap\w+|forced me|touch(es|ed)? me|scared of (him|my husband|my partner))\b",
        ),
        (
            "child_danger",
            EMERGENCY,
            r"\b(swallow\w*|drank (the|some)|ate (some|the|my) (pills|tablets)|not (responding|breathing|waking)|blue lips|lips (are|went|turned) blue|shook the baby|shaking the baby|fell (off|from|down).{0,40}(head|sleepy|vomit)|no wet (diapers|nappies)|hasn'?t (peed|wet)|high fever|fever of (39|40|10[2-5])|alone (since|for|all)|left (alone|the kids|them alone)|afraid (i'?ll|i might|of what i) (hurt|do|shake)|(hurt|smother) (the|my) baby|scald\w*|burn(ed|t) (his|her))\b",
        ),
        (
            "abandonment",
            CRISIS,
            r"\b(baby ?box|leave (the|my|it|him|her) baby|leave (it|him|her) (somewhere|at|on)|leaving the baby|get rid of (it|the baby|the pregnancy|him|her)|sign (him|her|it) over|give (him|her|it) away|don'?t want (him|her|it|this baby))\b",
        ),
        (
            "medical_emergency",
            EMERGENCY,
            r"\b(spotting|bleed\w*|stopped moving|not moving|hasn'?t moved|no movement|fell (on|down).{0,30}(belly|stomach|pregnant|weeks)|contractions|waters? (broke|broken|leak\w*)|giving birth|gave birth (at home|alone)|severe (pain|headache)|(really |very )?bad pain|pain in my (belly|stomach)|swelling|blurred vision|fainted|passed out)\b",
        ),
        (
            "basic_needs",
            CRISIS,
            r"\b(nothing (left )?(to eat|for (them|the kids|the baby))|no (formula|food|heating|electricity|power|water|heat)|nowhere to (go|sleep|stay)|evicted|kicked (us|me) out|sleeping in (the|a|my) car|fire|smell (of )?gas|freezing)\b",
        ),
        (
            "minor_pregnancy",
            CRISIS,
            r"\b(i'?m|i am|she'?s|she is|is) (1[1-7])\b.*\b(pregnant|expecting|late period|missed (my|her) period)\b|\b(pregnant|expecting)\b.*\b(i'?m|i am|she'?s|she is|is) (1[1-7])\b",
        ),
    )
)
EN_RULES = EN_RULES + EN_CONCEPTS
BABY_THINGS = S(
    "смесь",
    "памперс",
    "подгузник",
    "малой",
    "малая",
    "малые",
    "грудной",
    "грудничок",
    "дети",
    "детский",
    "детей",
    "новорожденный",
    "младенец",
)

# Asking for a service: with a past story, the story is context, not an alarm.
REQUEST = S(
    "можно",
    "подсказать",
    "вопрос",
    "записаться",
    "планировать",
    "где",
    "курс",
    "узнать",
    "посоветовать",
    "купить",
    "нужный",
    "оформить",
    "консультация",
    "прокат",
)
# A small child as the one who does it: "внук (3 года) бьёт маму ладошкой".
SMALL_CHILD = re.compile(
    r"(\((\d|полтора)( год| года| лет)?\)|\b(ему|ей) (\d|полтора|два|три|четыре|пять)\b)",
    re.IGNORECASE,
)
# Common English words: an English message is not read as transliterated Russian.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|is|my|you|to|of|it|was|he|she|his|her|what|with|for|this|that|are|i'?m|don'?t)\b",
    re.IGNORECASE,
)
EN_DESPAIR = re.compile(
    r"\b(not wake up|how easy|no point|tired of|can'?t (go on|do this|take)|honestly|seriously|for real)\b",
    re.IGNORECASE,
)
