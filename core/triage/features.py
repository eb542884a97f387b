"""The features the statistical reader sees: character n-grams of the normalised text (so typos,
missing spaces and inflections still share most of their pieces) and the lemmas of its words.

Training (``aist/train_triage.py``) and reading (``classifier.py``) call the same function, so the
model can never see other features at run time than it was trained on."""

from __future__ import annotations

import re

from core.triage.text import is_latin, tokens, transliterate

_REPEATS = re.compile(r"(.)\1{2,}")
_NOT_WORD = re.compile(r"[^a-zа-я0-9]+")
# A phone number or a long code says nothing about danger: "8 (900) 123-45-67".
_LONG_NUMBER = re.compile(r"\+?\d[\d\s()\-]{6,}\d")
_LETTERS = re.compile(r"[a-zа-я]{2,}")
NGRAM_MIN, NGRAM_MAX = 2, 5
# The classifier reads the start of a long message; the rules read all of it.
MAX_CHARS = 1500


def normalise(text: str) -> str:
    """Lower case, ``ё`` as ``е``, runs of one letter squeezed ("пожалуйстааааа"), Latin
    transliteration of Russian appended so "ne hochu" and "не хочу" share their n-grams."""
    text = text[:MAX_CHARS].lower().replace("ё", "е")
    text = _LONG_NUMBER.sub(" ", text)
    text = _REPEATS.sub(r"\1", text)
    if is_latin(text):
        text = f"{text} {transliterate(text)}"
    return _NOT_WORD.sub(" ", text).strip()


def words_of(text: str) -> list[str]:
    return normalise(text).split()


def features(text: str) -> list[str]:
    """Every feature of one message, with repeats (the counts are the term frequencies)."""
    normal = normalise(text)
    out: list[str] = []
    for word in normal.split():
        padded = f" {word} "
        for size in range(NGRAM_MIN, NGRAM_MAX + 1):
            if size > len(padded):
                break
            out.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    previous = ""
    for token in tokens(normal):
        lemma = "L:" + token.lemma
        out.append(lemma)
        if previous:
            out.append(previous + "+" + token.lemma)
        previous = lemma
    return out


def word_spans(text: str) -> list[tuple[str, list[str]]]:
    """Each word of the normalised text with its own features, to name the words that weighed."""
    normal = normalise(text)
    result: list[tuple[str, list[str]]] = []
    for token in tokens(normal):
        padded = f" {token.text} "
        grams = [
            padded[i : i + size]
            for size in range(NGRAM_MIN, NGRAM_MAX + 1)
            for i in range(len(padded) - size + 1)
        ]
        result.append((token.text, [*grams, "L:" + token.lemma]))
    return result


def has_words(text: str) -> bool:
    """The classifier reads only messages with words in them (not a phone, a date, an emoji)."""
    return bool(_LETTERS.search(normalise(text)))
