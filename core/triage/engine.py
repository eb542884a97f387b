"""Triage of one message: the level of danger and the phrases that show it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.triage import classifier
from core.triage.rules import (
    AGAIN,
    BABY_THINGS,
    BASIC,
    CHILD,
    CRISIS,
    DESPAIR,
    DISTRESS,
    EMERGENCY,
    EN_CHILD,
    EN_DESPAIR,
    EN_DISTRESS,
    EN_IDIOMS,
    EN_INFO,
    EN_PAST,
    EN_RULES,
    EN_SETTLED,
    EN_TODAY,
    ENGLISH_WORDS,
    EVERYDAY_CARE,
    IMMEDIATE,
    INFO,
    JOKING,
    MINOR_WORDS,
    NORMAL_QUESTION,
    PAST,
    PREG_MARK,
    PREGNANCY_ROUTINE,
    PREGNANT,
    QUOTED_CHILD,
    REQUEST,
    RU_NOT_ME,
    RU_PAST,
    RU_RETRO,
    RU_RULES,
    RU_SETTLED,
    SETTLED,
    SMALL_CHILD,
    TODAY,
    Rule,
    S,
)
from core.triage.text import Token, cyrillic, is_latin, tokens, transliterate

LEVELS = ("none", "basic", "crisis", "emergency")
RANK = {level: rank for rank, level in enumerate(LEVELS)}
MAX_CHARS = 5000
# "мне 15", "15 лет": an age, not "12 недель" of pregnancy.
MINOR_AGE = re.compile(
    r"(?:\b(?:мне|дочке|дочери|дочь|сестре|сестренке|сестрёнке|подруге|ей|девочке|внучке|племяннице)\s+(?:уже\s+|только\s+|всего\s+)?(1[1-7])\b"
    r"|\b(1[1-7])\s*(?:лет|годиков|год|летняя|летней|-летняя)\b|\b(1[1-7])\s*(?:и|,)\s*я\b)"
)
# A pregnancy said without the word: weeks or months, a late period, a birth.
PREGNANCY_HINT = S("задержка", "родить", "рожать", "тошнить", "живот", "аборт")


@dataclass(frozen=True)
class Signal:
    group: str
    phrase: str
    level: str
    # Who raised it: "rules" (a lexicon matched the phrase) or "model" (the classifier; the
    # phrase is the words that weighed most).
    by: str = "rules"


@dataclass(frozen=True)
class Assessment:
    level: str
    signals: tuple[Signal, ...]
    # Distress without a clear danger: the bot asks once whether she is safe right now.
    unsure: bool = False

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


def _match(
    rule: Rule, toks: list[Token], explained: set[str] | None = None
) -> tuple[int, int] | None:
    """The span of the first match of ``rule``. Matches turned down by a negation or by their
    context add their words to ``explained``: the classifier may not raise an alarm on them."""
    for i, token in enumerate(toks):
        if not _is(token, rule.slots[0]):
            continue
        if rule.negatable and _negated(toks, i):
            if explained is not None:
                explained.update(t.text for t in toks[max(0, i - 2) : i + 1 + rule.window // 2])
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
        after = max(used) + 1
        if (rule.unless and any(_is(t, rule.unless) for t in toks[low:high])) or (
            rule.unless_next and after < len(toks) and _is(toks[after], rule.unless_next)
        ):
            if explained is not None:
                explained.update(t.text for t in toks[min(used) : after + 1])
            continue
        return toks[min(used)].start, toks[max(used)].end
    return None


@lru_cache(maxsize=1)
def _rules_by_word() -> dict[str, tuple[int, ...]]:
    """Each word to the rules whose first slot holds it, in the rules' order."""
    index: dict[str, list[int]] = {}
    for number, rule in enumerate(RU_RULES):
        for word in rule.slots[0]:
            index.setdefault(word, []).append(number)
    return {word: tuple(numbers) for word, numbers in index.items()}


def _russian(text: str, explained: set[str] | None = None) -> list[Signal]:
    toks = tokens(text)
    immediate = any(_is(t, IMMEDIATE) for t in toks)
    # Every word and lemma of the message: a rule with a slot none of them fills cannot match,
    # and most rules are passed over with a few set look-ups.
    present = frozenset().union(*(t.lemmas | {t.text} for t in toks)) if toks else frozenset()
    index = _rules_by_word()
    candidates = sorted({i for word in present for i in index.get(word, ())})
    found = []
    for rule in (RU_RULES[i] for i in candidates):
        if any(present.isdisjoint(slot) for slot in rule.slots[1:]):
            continue
        span = _match(rule, toks, explained)
        if span is None:
            continue
        level = rule.level
        if rule.group in ("violence", "child_abuse") and level == CRISIS and immediate:
            level = EMERGENCY
        found.append(Signal(rule.group, text[span[0] : span[1]], level))
    pregnant = _pregnancy_marks(text, toks)
    if pregnant:
        age = MINOR_AGE.search(text.lower())
        minor = next((t for t in toks if _is(t, MINOR_WORDS)), None)
        if age is not None or minor is not None:
            start = age.start() if age is not None else minor.start  # type: ignore[union-attr]
            end = pregnant[0].end
            low, high = min(start, pregnant[0].start), max(end, age.end() if age else 0)
            found.append(Signal("minor_pregnancy", text[low:high], CRISIS))
    return found


def _pregnancy_marks(text: str, toks: list[Token]) -> list[Token]:
    """The words that name a pregnancy, or else its weeks ("34 неделя") as one token."""
    pregnant = [t for t in toks if _is(t, PREGNANT) or _is(t, PREGNANCY_HINT)]
    if not pregnant and (weeks := PREG_MARK.search(text)) is not None:
        pregnant = [Token(weeks.group(0), "", frozenset(), weeks.start(), weeks.end())]
    return pregnant


def _english(text: str) -> list[Signal]:
    if EN_IDIOMS.search(text):
        text = EN_IDIOMS.sub(" ", text)
    return [
        Signal(group, match.group(0), level)
        for group, level, pattern in EN_RULES
        if (match := pattern.search(text))
    ]


def _rule_signals(text: str, explained: set[str] | None = None) -> list[Signal]:
    signals = _russian(text, explained)
    if is_latin(text):
        signals += _english(text)
        if len(ENGLISH_WORDS.findall(text)) < 2:
            signals += _russian(transliterate(text), explained)
    kept = [s for s in signals if not _told_as_something_else(text, s.phrase)]
    return [_today_and_a_child(text, s) for s in kept]


_SAYING = re.compile(
    r"[\"«»“”]|кричит|крикнул|сказал|говорит|заявил|орет|орёт|грозится|said|shout|yell|scream",
    re.I,
)
# Words of a danger happening now; a joke, a film or an old story does not have them.
_NOW = S("ломиться", "спасти", "срочно", "помогите", "помочь-то", "скорее", "умоляю")


_SENTENCE_END = re.compile(r"[.!?;\n]+")


def _sentence_of(text: str, phrase: str) -> str:
    """The sentence of ``text`` that holds ``phrase`` (the whole text when it is not found)."""
    for source in (text, transliterate(text)):
        at = source.find(phrase) if phrase else -1
        if at >= 0:
            ends = [m.end() for m in _SENTENCE_END.finditer(source)]
            start = max((e for e in ends if e <= at), default=0)
            stop = min((e for e in ends if e > at), default=len(source))
            return source[start:stop]
    return text


@dataclass(frozen=True)
class _Context:
    """What the whole message says around its phrases, read once a message."""

    now: bool
    again: bool
    settled: bool
    requested: bool
    retro: bool
    not_about_her: bool
    joking: bool
    small_child: bool
    quoted_child: bool


@lru_cache(maxsize=256)
def _context(text: str) -> _Context:
    source = cyrillic(text)
    whole = tokens(source)
    despair = any(_is(t, DESPAIR) for t in whole) or bool(EN_DESPAIR.search(text))
    normal_question = any(_is(t, NORMAL_QUESTION) for t in whole)
    return _Context(
        now=any(_is(t, _NOW) for t in whole),
        again=any(_is(t, AGAIN) for t in whole),
        settled=any(_is(t, SETTLED) for t in whole)
        or bool(RU_SETTLED.search(text) or EN_SETTLED.search(text)),
        requested=any(_is(t, REQUEST) for t in whole),
        retro=bool(RU_RETRO.search(text)),
        not_about_her=bool(RU_NOT_ME.search(text)),
        joking=bool(JOKING.search(text)) and not despair,
        small_child=bool(SMALL_CHILD.search(source)) and normal_question,
        quoted_child=bool(_SAYING.search(source) and QUOTED_CHILD.search(source))
        and normal_question,
    )


@lru_cache(maxsize=512)
def _sentence_tells(sentence: str) -> tuple[bool, bool]:
    """(a past, a film or a paper) in one sentence."""
    toks = tokens(cyrillic(sentence))
    past = any(_is(t, PAST) for t in toks) or bool(
        RU_PAST.search(sentence) or EN_PAST.search(sentence)
    )
    info = any(_is(t, INFO) for t in toks) or bool(EN_INFO.search(sentence))
    return past, info


def _told_as_something_else(text: str, phrase: str) -> bool:
    """The phrase is there, but its sentence tells a settled past, a film, a course paper or
    a question plainly not about her, or the message is a joke or a small child's words
    quoted: the lexicon stands down (the classifier still reads it). A word of now ("help,
    quickly"), of it coming back ("again", "I'm afraid") or of despair keeps the alarm."""
    context = _context(text)
    if context.now:
        return False
    past, info = _sentence_tells(_sentence_of(text, phrase))
    past = past or context.retro
    if not context.again and past and (context.settled or context.requested):
        return True
    if info or context.not_about_her:
        return True
    return context.joking or context.small_child or context.quoted_child


def _today_and_a_child(text: str, signal: Signal) -> Signal:
    """No food or no roof is basic in general, crisis when it is about tonight and a child."""
    if signal.group != "basic_needs" or signal.level != BASIC:
        return signal
    toks = tokens(cyrillic(text))
    if any(_is(t, CHILD) or _is(t, BABY_THINGS) for t in toks) and any(_is(t, TODAY) for t in toks):
        return Signal(signal.group, signal.phrase, CRISIS, signal.by)
    if EN_TODAY.search(text) and EN_CHILD.search(text):
        return Signal(signal.group, signal.phrase, CRISIS, signal.by)
    return signal


def _combine(signals: list[Signal], unsure: bool) -> Assessment:
    best: dict[str, Signal] = {}
    for signal in signals:
        kept = best.get(signal.group)
        if kept is None or RANK[signal.level] > RANK[kept.level]:
            best[signal.group] = signal
    chosen = tuple(sorted(best.values(), key=lambda s: -RANK[s.level]))
    level = chosen[0].level if chosen else "none"
    return Assessment(level, chosen, unsure=unsure and level not in (EMERGENCY, CRISIS))


def _distressed(text: str) -> bool:
    toks = tokens(cyrillic(text))
    return any(_is(t, DISTRESS) for t in toks) or bool(EN_DISTRESS.search(text))


def assess_rules(text: str) -> Assessment:
    """The first opinion alone: the lexicons."""
    text = (text or "")[:MAX_CHARS]
    if not text.strip():
        return Assessment("none", ())
    return _combine(_rule_signals(text), _distressed(text))


def assess(text: str) -> Assessment:
    """Reads one message with both opinions; urgent when either says so. Never raises on odd
    input."""
    text = (text or "")[:MAX_CHARS]
    if not text.strip():
        return Assessment("none", ())
    explained: set[str] = set()
    signals = _rule_signals(text, explained)
    unsure = _distressed(text)
    opinion = classifier.read(text)
    if opinion is not None:
        if opinion.alarm:
            group = MODEL_GROUPS.get(opinion.group, opinion.group)
            level = _model_level(opinion.group, text)
            ruled = {s.group: s.level for s in signals}
            # The words are looked for only when the model's signal is kept (the lexicon may
            # already name this danger at this level).
            if group not in ruled or RANK[level] > RANK[ruled[group]]:
                # Raising a danger the lexicon already named, the model keeps its words.
                named = [s.phrase for s in signals if s.group == group]
                phrase = named[0] if named else opinion.phrase
                words = set(phrase.split())
                # "муж меня не бьёт": the lexicon knows this negation; the n-grams do not.
                # "я не хочу умирать, хочу жить": beside a cancelled wish to die, wanting to
                # live is not a danger either.
                affirmed = explained | LIFE_AFFIRMED if explained else explained
                vetoed = not signals and (
                    (bool(words) and words <= affirmed) or _everyday_care(text)
                )
                if not vetoed:
                    signals.append(Signal(group, phrase, level, "model"))
        unsure = unsure or opinion.doubt
    return _combine(signals, unsure)


def mentions_pregnancy(text: str) -> bool:
    """A pregnancy or a birth is named (the word, its weeks, contractions): a medical danger
    is then the pregnancy's, not a child's."""
    source = cyrillic((text or "")[:MAX_CHARS])
    return bool(_pregnancy_marks(source, tokens(source)))


LIFE_AFFIRMED = frozenset({"хочу", "хочется", "жить", "живу", "буду", "растить", "дальше"})


def _everyday_care(text: str) -> bool:
    """Every word of the message is of a baby's everyday troubles (``EVERYDAY_CARE``) or of a
    pregnancy's calm routine (``PREGNANCY_ROUTINE``)."""
    toks = [t for t in tokens(cyrillic(text)) if not t.text.isdigit()]
    return bool(toks) and all(_is(t, EVERYDAY_CARE) or _is(t, PREGNANCY_ROUTINE) for t in toks)


# The classifier's classes are the corpus's categories; the signal groups are the rules' names
# (the helplines and topics are chosen by them).
MODEL_GROUPS = {"pregnancy_emergency": "medical_emergency"}
# A child's danger may be abuse (crisis) or a swallowed battery (emergency, which the lexicon
# names); only these two classes are an emergency by themselves.
_MODEL_EMERGENCY = {"suicide_selfharm", "pregnancy_emergency"}


def _model_level(group: str, text: str) -> str:
    if group in _MODEL_EMERGENCY:
        return EMERGENCY
    if group in ("violence", "child_danger"):
        toks = tokens(cyrillic(text))
        if any(_is(t, IMMEDIATE) for t in toks):
            return EMERGENCY
    return CRISIS


def to_json(assessment: Assessment) -> dict[str, object]:
    """The ``aist triage`` contract: ``{"level": ..., "signals": [...]}``, and ``"unsure": true``
    only when the bot would ask whether she is safe (so other lines keep their exact shape)."""
    out: dict[str, object] = {
        "level": assessment.level,
        "signals": [
            {"group": s.group, "phrase": s.phrase, "level": s.level} for s in assessment.signals
        ],
    }
    if assessment.unsure:
        out["unsure"] = True
    return out
