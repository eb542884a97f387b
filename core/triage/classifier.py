"""The second opinion: a linear classifier over character n-grams and lemmas, trained on the
training writers' part of the corpus (``aist/train_triage.py``) and stored as plain numbers in
``model.json.gz`` — no pickle, nothing executed on load. Reading a message is the arithmetic
scikit-learn does (sublinear tf-idf, L2 norm, one dot product per class, softmax), on NumPy
arrays, so the scores match the trained model to the last digit that matters."""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from core.triage.features import has_words, lemma_features, normalise, word_grams

MODEL_FILE = Path(__file__).with_name("model.json.gz")
# The classes that mean danger; "distress" is the "not sure" class, "other" everything else.
DANGER = (
    "suicide_selfharm",
    "violence",
    "child_danger",
    "abandonment",
    "pregnancy_emergency",
    "basic_needs",
    "minor_pregnancy",
)
Floats = npt.NDArray[np.float64]
WORD_CACHE = 200_000


SUICIDE = "suicide_selfharm"
# A threshold no probability reaches: a model trained without one never uses it.
NEVER = 1.1


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    intercept: Floats
    index: dict[str, int]  # feature -> its row
    idf: Floats
    weights: Floats  # one row a feature, one column a class
    urgent_threshold: float
    unsure_threshold: float
    # Suicidal thoughts said indirectly are the danger the model is least sure of: its own
    # probability raises the alarm from a lower point than the sum of all dangers.
    suicide_threshold: float
    # word -> its n-grams' rows, filled as messages are read (bounded by WORD_CACHE)
    word_rows: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)


def load_model(path: Path = MODEL_FILE) -> Model | None:
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = json.load(handle)
    names = sorted(raw["features"])
    table = np.array([raw["features"][name] for name in names], dtype=np.float64)
    return Model(
        classes=tuple(raw["classes"]),
        intercept=np.array(raw["intercept"], dtype=np.float64),
        index={name: row for row, name in enumerate(names)},
        idf=table[:, 0].copy(),
        weights=np.ascontiguousarray(table[:, 1:]),
        urgent_threshold=float(raw["thresholds"]["urgent"]),
        unsure_threshold=float(raw["thresholds"]["unsure"]),
        suicide_threshold=float(raw["thresholds"].get("suicide", NEVER)),
    )


@lru_cache(maxsize=1)
def model() -> Model | None:
    """Loaded once, on the first message (or at start, by ``core.triage.warm_up``)."""
    return load_model()


@dataclass(frozen=True)
class _Vector:
    rows: npt.NDArray[np.intp]
    values: Floats  # tf-idf, L2-normalised


@dataclass(frozen=True)
class Opinion:
    urgent: float  # the probability that the message is about a danger
    unsure: float  # the probability of distress without a clear danger
    group: str  # the most likely danger
    urgent_threshold: float
    unsure_threshold: float
    suicide: float = 0.0  # the probability of suicidal thoughts or self-harm alone
    suicide_threshold: float = NEVER
    # What ``phrase`` is worked out from, only when someone asks for it.
    text: str = field(default="", repr=False)
    reader: Model | None = field(default=None, repr=False, compare=False)
    vector: _Vector | None = field(default=None, repr=False, compare=False)

    @property
    def alarm(self) -> bool:
        return self.urgent >= self.urgent_threshold or self.suicide >= self.suicide_threshold

    @property
    def doubt(self) -> bool:
        return not self.alarm and self.unsure >= self.unsure_threshold

    @cached_property
    def phrase(self) -> str:
        """The words that weighed most towards ``group``; worked out on the first ask (the
        lexicon often names the danger already, and then nobody asks)."""
        if self.reader is None or self.vector is None:
            return ""
        return _phrase(self.reader, self.text, self.vector, self.group)


def _rows(model: Model, feats: tuple[str, ...] | list[str]) -> list[int]:
    index = model.index
    return [row for row in map(index.get, feats) if row is not None]


def _word_rows(model: Model, word: str) -> tuple[int, ...]:
    """A word's n-gram rows, looked up once: most words of a chat come again and again."""
    rows = model.word_rows.get(word)
    if rows is None:
        if len(model.word_rows) > WORD_CACHE:
            model.word_rows.clear()
        rows = model.word_rows[word] = tuple(_rows(model, word_grams(word)))
    return rows


def _vector(model: Model, text: str) -> _Vector:
    rows: list[int] = []
    for word in normalise(text).split():
        rows.extend(_word_rows(model, word))
    rows.extend(_rows(model, lemma_features(text)))
    if not rows:
        return _Vector(np.zeros(0, dtype=np.intp), np.zeros(0))
    counts = Counter(rows)
    unique = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
    tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
    values = tf * model.idf[unique]
    norm = math.sqrt(float(values @ values)) or 1.0
    return _Vector(unique, values / norm)


def _softmax(model: Model, vector: _Vector) -> dict[str, float]:
    scores = model.intercept + vector.values @ model.weights[vector.rows]
    exps = np.exp(scores - scores.max())
    probs = exps / exps.sum()
    return {name: float(p) for name, p in zip(model.classes, probs, strict=True)}


def probabilities(model: Model, text: str) -> dict[str, float]:
    return _softmax(model, _vector(model, text))


def _phrase(model: Model, text: str, vector: _Vector, group: str) -> str:
    """The run of up to three words whose n-grams pushed hardest towards ``group``."""
    column = model.weights[:, model.classes.index(group)]
    weight = dict(
        zip(vector.rows.tolist(), (vector.values * column[vector.rows]).tolist(), strict=True)
    )
    words = normalise(text).split()
    pushes = [sum(weight.get(row, 0.0) for row in set(_word_rows(model, w))) for w in words]
    if not pushes:
        return ""
    best, best_at, best_size = -math.inf, 0, 1
    for start in range(len(pushes)):
        for size in (1, 2, 3):
            if start + size <= len(pushes):
                total = sum(pushes[start : start + size]) / (1 + 0.35 * (size - 1))
                if total > best:
                    best, best_at, best_size = total, start, size
    return " ".join(words[best_at : best_at + best_size])


def read(text: str, loaded: Model | None = None) -> Opinion | None:
    """The classifier's opinion of one message, or None when no model is installed or the
    message has no words (a phone number, a date, an emoji)."""
    current = loaded or model()
    if current is None or not has_words(text):
        return None
    vector = _vector(current, text)
    probs = _softmax(current, vector)
    danger = {name: probs.get(name, 0.0) for name in DANGER}
    group = max(danger, key=lambda name: danger[name])
    return Opinion(
        urgent=sum(danger.values()),
        unsure=probs.get("distress", 0.0),
        group=group,
        urgent_threshold=current.urgent_threshold,
        unsure_threshold=current.unsure_threshold,
        suicide=danger.get(SUICIDE, 0.0),
        suicide_threshold=current.suicide_threshold,
        text=text,
        reader=current,
        vector=vector,
    )
