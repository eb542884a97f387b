"""Text preparation for triage: tokens with their spans, lemmas from pymorphy3, Latin
transliteration of Russian ("ne hochu zhit")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

WORD = re.compile(r"[a-zа-яё0-9]+(?:-[a-zа-яё]+)?", re.IGNORECASE)

# Longest first: "shch" before "sh", "zh" before "z".
_TRANSLIT = [
    ("shch", "щ"),
    ("sch", "щ"),
    ("yo", "ё"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("yu", "ю"),
    ("ju", "ю"),
    ("ya", "я"),
    ("ja", "я"),
    ("a", "а"),
    ("b", "б"),
    ("v", "в"),
    ("w", "в"),
    ("g", "г"),
    ("d", "д"),
    ("e", "е"),
    ("z", "з"),
    ("i", "и"),
    ("j", "й"),
    ("y", "ы"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("f", "ф"),
    ("h", "х"),
    ("c", "к"),
    ("x", "кс"),
    ("q", "к"),
    ("'", "ь"),
]
# Typed fast on a phone: common misspellings of the words triage listens for.
_TYPOS = {
    "жыть": "жить",
    "жит": "жить",
    "жыву": "живу",
    "убю": "убью",
    "збил": "избил",
    "бъет": "бьет",
    "бьеть": "бьет",
    "выгнол": "выгнал",
    "берменна": "беременна",
    "беремена": "беременна",
    "беременая": "беременная",
    "кравотечение": "кровотечение",
    "кравь": "кровь",
    "суецид": "суицид",
    "суецыд": "суицид",
    "самоубиство": "самоубийство",
    "незнаю": "не знаю",
    "нехочу": "не хочу",
    "немогу": "не могу",
    "нехочется": "не хочется",
    "щас": "сейчас",
}


@dataclass(frozen=True)
class Token:
    text: str
    lemma: str
    # Every reading pymorphy3 offers: "выпью" is both "выпить" and the bird "выпь".
    lemmas: frozenset[str]
    start: int
    end: int


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=50_000)
def lemmas_of(word: str) -> tuple[str, ...]:
    """The most likely lemma first, then the other readings."""
    if not re.search("[а-я]", word):
        return (word,)
    morph = _morph()
    # Transliteration and hurried typing drop the soft sign ("zhit", "razvelis", "teper").
    if not morph.word_is_known(word) and morph.word_is_known(word + "ь"):
        word += "ь"
    forms = [str(p.normal_form).replace("ё", "е") for p in morph.parse(word)]
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=1024)
def transliterate(text: str) -> str:
    out = text.lower()
    for latin, cyr in _TRANSLIT:
        out = out.replace(latin, cyr)
    return out


@lru_cache(maxsize=1024)
def is_latin(text: str) -> bool:
    latin = len(re.findall("[a-z]", text, re.IGNORECASE))
    cyrillic = len(re.findall("[а-яё]", text, re.IGNORECASE))
    return latin > cyrillic


def cyrillic(text: str) -> str:
    """The text the lexicon reads: transliterated when it is written in Latin letters."""
    return transliterate(text) if is_latin(text) else text


def tokens(text: str) -> list[Token]:
    """The words of ``text`` with their lemmas; the same text read twice is read once."""
    return list(_tokens(text))


@lru_cache(maxsize=256)
def _tokens(text: str) -> tuple[Token, ...]:
    result = []
    normal = text.lower().replace("ё", "е")
    for match in WORD.finditer(normal):
        word = match.group(0)
        fixed = _TYPOS.get(word, word)
        for part in fixed.split(" "):
            forms = lemmas_of(part)
            result.append(Token(part, forms[0], frozenset(forms), match.start(), match.end()))
    return tuple(result)
