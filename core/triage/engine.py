"""Triage of one message: the level of danger and the phrases that show it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.triage.rules import (
    CRISIS,
    EMERGENCY,
    EN_IDIOMS,
    EN_RULES,
    IMMEDIATE,
    MINOR_WORDS,
    PREGNANT,
    RU_RULES,
    Rule,
)
from core.triage.text import Token, is_latin, tokens, transliterate

LEVELS = ("none", "basic", "crisis", "emergency")
RANK = {level: rank for rank, level in enumerate(LEVELS)}
MAX_CHARS = 5000
# "мне 15", "15 лет": an age, not "12 недель" of pregnancy.
MINOR_AGE = re.compile(
    r"(?:\bмне\s+(?:уже\s+|только\s+)?(1[1-7])\b|\b(1[1-7])\s*(?:лет|годиков|год)\b|\b(1[1-7])\s*(?:и|,)\s*я\b)"
)


@dataclass(frozen=True)
class Signal:
    group: str
    phrase: str
    level: str


@dataclass(frozen=True)
class Assessment:
    level: str
    signals: tuple[Signal, ...]

    @property
    def urgent(self) -> bool:
        return self.level in (EMERGENCY, CRISIS)


def _is(token: Token, words: frozenset[str]) -> bool:
    return token.text in words or not token.lemmas.isdisjoint(words)


MODAL = frozenset({"собираться", "хотеть", "стать", "быть", "думать", "планировать", "буду"})


def _negated(toks: list[Token], i: int) -> bool:
    """ "не бьёт", and "не собираюсь отказываться" as well."""
    if i > 0 and toks[i - 1].lemma == "не":
        return True
    return i > 1 and toks[i - 2].lemma == "не" and toks[i - 1].lemma in MODAL


def _match(rule: Rule, toks: list[Token]) -> tuple[int, int] | None:
    for i, token in enumerate(toks):
        if not _is(token, rule.slots[0]):
            continue
        if rule.negatable and _negated(toks, i):
            continue
        used = [i]
        if rule.ordered:
            for slot in rule.slots[1:]:
                found = next(
                    (
                        j
                        for j in range(used[-1] + 1, min(len(toks), used[-1] + rule.gap + 1))
                        if _is(toks[j], slot)
                    ),
                    None,
                )
                if found is None:
                    break
                used.append(found)
        else:
            low, high = max(0, i - rule.window), min(len(toks), i + rule.window + 1)
            # The nearest word that fits, so the phrase stays short.
            nearest = sorted(range(low, high), key=lambda j: abs(j - i))
            for slot in rule.slots[1:]:
                found = next((j for j in nearest if j not in used and _is(toks[j], slot)), None)
                if found is None:
                    break
                used.append(found)
        if len(used) < len(rule.slots):
            continue
        low, high = max(0, min(used) - 3), min(len(toks), max(used) + 4)
        if rule.unless and any(_is(t, rule.unless) for t in toks[low:high]):
            continue
        after = max(used) + 1
        if rule.unless_next and after < len(toks) and _is(toks[after], rule.unless_next):
            continue
        return toks[min(used)].start, toks[max(used)].end
    return None


def _russian(text: str) -> list[Signal]:
    toks = tokens(text)
    immediate = any(_is(t, IMMEDIATE) for t in toks)
    found = []
    for rule in RU_RULES:
        span = _match(rule, toks)
        if span is None:
            continue
        level = rule.level
        if rule.group in ("violence", "child_abuse") and level == CRISIS and immediate:
            level = EMERGENCY
        found.append(Signal(rule.group, text[span[0] : span[1]], level))
    pregnant = [t for t in toks if _is(t, PREGNANT)]
    if pregnant:
        age = MINOR_AGE.search(text.lower())
        minor = next((t for t in toks if _is(t, MINOR_WORDS)), None)
        if age is not None or minor is not None:
            start = age.start() if age is not None else minor.start  # type: ignore[union-attr]
            end = pregnant[0].end
            low, high = min(start, pregnant[0].start), max(end, age.end() if age else 0)
            found.append(Signal("minor_pregnancy", text[low:high], CRISIS))
    return found


def _english(text: str) -> list[Signal]:
    if EN_IDIOMS.search(text):
        text = EN_IDIOMS.sub(" ", text)
    return [
        Signal(group, match.group(0), level)
        for group, level, pattern in EN_RULES
        if (match := pattern.search(text))
    ]


def assess(text: str) -> Assessment:
    """Reads one message; never raises on odd input."""
    text = (text or "")[:MAX_CHARS]
    if not text.strip():
        return Assessment("none", ())
    signals = _russian(text)
    if is_latin(text):
        signals += _english(text)
        signals += _russian(transliterate(text))
    best: dict[str, Signal] = {}
    for signal in signals:
        kept = best.get(signal.group)
        if kept is None or RANK[signal.level] > RANK[kept.level]:
            best[signal.group] = signal
    chosen = tuple(sorted(best.values(), key=lambda s: -RANK[s.level]))
    level = chosen[0].level if chosen else "none"
    return Assessment(level, chosen)


def to_json(assessment: Assessment) -> dict[str, object]:
    """The ``aist triage`` contract: ``{"level": ..., "signals": [...]}``."""
    return {
        "level": assessment.level,
        "signals": [
            {"group": s.group, "phrase": s.phrase, "level": s.level} for s in assessment.signals
        ],
    }
