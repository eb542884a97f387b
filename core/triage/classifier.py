"""The second opinion: a linear classifier over character n-grams and lemmas, trained on the
training writers' part of the corpus (``aist/train_triage.py``) and stored as plain numbers in
``model.json.gz`` — no pickle, nothing executed on load. Reading a message is a few hundred
dictionary look-ups (tf-idf, then one dot product per class and a softmax), the same arithmetic
scikit-learn does, so the scores match the trained model to the last digit that matters."""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.triage.features import features, has_words, word_spans

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


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature -> (idf, one weight per class)
    urgent_threshold: float
    unsure_threshold: float


@dataclass(frozen=True)
class Opinion:
    urgent: float  # the probability that the message is about a danger
    unsure: float  # the probability of distress without a clear danger
    group: str  # the most likely danger
    phrase: str  # the words that weighed most towards it
    urgent_threshold: float
    unsure_threshold: float

    @property
    def alarm(self) -> bool:
        return self.urgent >= self.urgent_threshold

    @property
    def doubt(self) -> bool:
        return not self.alarm and self.unsure >= self.unsure_threshold


def load_model(path: Path = MODEL_FILE) -> Model | None:
    if not path.exists():
        return None
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        raw = json.load(handle)
    return Model(
        classes=tuple(raw["classes"]),
        intercept=tuple(raw["intercept"]),
        weights={key: tuple(value) for key, value in raw["features"].items()},
        urgent_threshold=float(raw["thresholds"]["urgent"]),
        unsure_threshold=float(raw["thresholds"]["unsure"]),
    )


@lru_cache(maxsize=1)
def model() -> Model | None:
    """Loaded once, on the first message (or at start, by ``warm_up``)."""
    return load_model()


def _vector(model: Model, feats: list[str]) -> dict[str, float]:
    counts = Counter(feats)
    vector: dict[str, float] = {}
    for feat, count in counts.items():
        entry = model.weights.get(feat)
        if entry is not None:
            vector[feat] = (1.0 + math.log(count)) * entry[0]
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {feat: value / norm for feat, value in vector.items()}


def probabilities(model: Model, text: str) -> dict[str, float]:
    vector = _vector(model, features(text))
    scores = list(model.intercept)
    for feat, value in vector.items():
        entry = model.weights[feat]
        for k in range(len(scores)):
            scores[k] += value * entry[k + 1]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return {name: e / total for name, e in zip(model.classes, exps, strict=True)}


def _phrase(model: Model, text: str, group: str) -> str:
    """The run of up to three words whose features pushed hardest towards ``group``."""
    k = model.classes.index(group) + 1
    vector = _vector(model, features(text))
    spans = word_spans(text)
    pushes = [
        sum(vector.get(f, 0.0) * model.weights[f][k] for f in feats if f in vector)
        for _, feats in spans
    ]
    if not pushes:
        return ""
    best, best_at, best_size = -math.inf, 0, 1
    for start in range(len(pushes)):
        for size in (1, 2, 3):
            if start + size <= len(pushes):
                total = sum(pushes[start : start + size]) / (1 + 0.35 * (size - 1))
                if total > best:
                    best, best_at, best_size = total, start, size
    return " ".join(word for word, _ in spans[best_at : best_at + best_size])


def read(text: str, loaded: Model | None = None) -> Opinion | None:
    """The classifier's opinion of one message, or None when no model is installed."""
    current = loaded or model()
    if current is None or not has_words(text):
        return None
    probs = probabilities(current, text)
    danger = {name: probs.get(name, 0.0) for name in DANGER}
    group = max(danger, key=lambda name: danger[name])
    urgent = sum(danger.values())
    opinion = Opinion(
        urgent=urgent,
        unsure=probs.get("distress", 0.0),
        group=group,
        phrase="",
        urgent_threshold=current.urgent_threshold,
        unsure_threshold=current.unsure_threshold,
    )
    if opinion.alarm:
        return Opinion(**{**opinion.__dict__, "phrase": _phrase(current, text, group)})
    return opinion
