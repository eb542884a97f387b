"""The features the statistical reader sees: character n-grams of the normalised text (so typos,
missing spaces and inflections still share most of their pieces) and the lemmas of its words.

Training (``aist/train_triage.py``) and reading (``classifier.py``) call the same function, so the
model can never see other features at run time than it was trained on."""

from __future__ import annotations

import re
from functools import lru_cache

from core.triage.text import is_latin, tokens, transliterate

_REPEATS = re.compile(r"(.)\1{2,}")
_NOT_WORD = re.compile(r"[^a-zа-я0-9]+")
# A phone number or a long code says nothing about danger: "8 (900) 123-45-67".
_LONG_NUMBER = re.compile(r"\+?\d[\d\s()\-]{6,}\d")
_LETTERS = re.compile(r"[a-zа-я]{2,}")
# Every digit is read as "0": the shape of a number ("15", "39.5", "2026") is a hint, its value
# is learned too easily ("15" once meant a pregnant girl and then every "Сообщение 15-2" did);
# the lexicon reads the values that matter (an age under 18, a fever of 39).
_DIGIT = re.compile(r"\d")
NGRAM_MIN, NGRAM_MAX = 2, 5
# The classifier reads the start of a long message; the rules read all of it.
MAX_CHARS = 1500


@lru_cache(maxsize=256)
def normalise(text: str) -> str:
    """Lower case, ``ё`` as ``е``, runs of one letter squeezed ("пожалуйстааааа"), Latin
    transliteration of Russian appended so "ne hochu" and "не хочу" share their n-grams."""
    text = text[:MAX_CHARS].lower().replace("ё", "е")
    text = _LONG_NUMBER.sub(" ", text)
    text = _REPEATS.sub(r"\1", text)
    text = _DIGIT.sub("0", text)
    if is_latin(text):
        text = f"{text} {transliterate(text)}"
    return _NOT_WORD.sub(" ", text).strip()


def words_of(text: str) -> list[str]:
    return normalise(text).split()


@lru_cache(maxsize=100_000)
def word_grams(word: str) -> tuple[str, ...]:
    """The character n-grams of one word, with its edges marked (" мос", "ост ")."""
    padded = f" {word} "
    return tuple(
        padded[i : i + size]
        for size in range(NGRAM_MIN, NGRAM_MAX + 1)
        for i in range(len(padded) - size + 1)
    )


def lemma_features(text: str) -> list[str]:
    """Lemma unigrams and bigrams of the message (and of its transliteration when it is
    written in Latin letters): the same tokens the lexicon reads, so they are read once."""
    out: list[str] = []
    sources = [text[:MAX_CHARS]]
    if is_latin(sources[0]):
        sources.append(transliterate(sources[0]))
    for source in sources:
        previous = ""
        for token in tokens(source):
            lemma = "L:" + _DIGIT.sub("0", token.lemma)
            out.append(lemma)
            if previous:
                out.append(previous + "+" + lemma[2:])
            previous = lemma
    return out


def features(text: str) -> list[str]:
    """Every feature of one message, with repeats (the counts are the term frequencies)."""
    out: list[str] = []
    for word in normalise(text).split():
        out.extend(word_grams(word))
    out.extend(lemma_features(text))
    return out


def has_words(text: str) -> bool:
    """The classifier reads only messages with words in them (not a phone, a date, an emoji)."""
    return bool(_LETTERS.search(normalise(text)))
