"""Trains triage's statistical reader, reproducibly, from the corpus's training writers.

    .venv/bin/python -m aist.train_triage        (or: scripts/train-triage)

Reads ``tests/data/triage/train/*.tsv`` and ``validation/*.tsv`` (never a hold-out folder), fits
scikit-learn's tf-idf over the features of ``core/triage/features.py`` and a multinomial
logistic regression, and chooses the thresholds recall first on predictions for writers the
model did not see: each writer in turn is left out, a model is fitted on the others, and the
left-out writer's lines are scored. The final model is then fitted on every training writer
and written to ``core/triage/model.json.gz`` as plain numbers. The same corpus gives the same
file, byte for byte (lbfgs is deterministic, the JSON is sorted, gzip has no time stamp).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.triage.classifier import DANGER, NEVER, SUICIDE

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "data" / "triage"
OUT = ROOT / "core" / "triage" / "model.json.gz"
URGENT = {"emergency", "crisis"}
# The project's first evaluation set names its groups as the rules do.
OLD_GROUPS = {"child_abuse": "child_danger", "medical_emergency": "pregnancy_emergency"}
# Recall first: the thresholds are the highest that keep this recall for unseen writers.
TARGET_RECALL = 0.993
# ... and no danger category below this for unseen writers.
CATEGORY_RECALL = 0.97
UNSURE_RECALL = 0.8


@dataclass(frozen=True)
class Line:
    writer: str
    text: str
    level: str
    category: str

    @property
    def urgent(self) -> bool:
        return self.level in URGENT

    @property
    def label(self) -> str:
        if self.urgent:
            return (
                self.category
                if self.category in DANGER
                else OLD_GROUPS.get(self.category, "violence")
            )
        return "distress" if self.level == "unsure" or self.category == "distress" else "other"


def read_corpus(path: Path, writer: str | None = None) -> list[Line]:
    """One ``text<TAB>level<TAB>category`` line a message; ``#`` lines are comments."""
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) < 2:
            continue
        category = parts[2].split(",")[0].strip() if len(parts) > 2 else ""
        lines.append(Line(writer or path.stem, parts[0], parts[1].strip(), category))
    return lines


def training_lines() -> list[Line]:
    lines: list[Line] = []
    for folder in ("train", "validation"):
        for path in sorted((CORPUS / folder).glob("*.tsv")):
            lines += read_corpus(path)
    old = ROOT / "tests" / "data" / "triage_eval.tsv"
    if old.exists():
        lines += read_corpus(old, writer="project")
    return lines


def corpus_digest(lines: Iterable[Line]) -> str:
    digest = hashlib.sha256()
    for line in lines:
        digest.update(f"{line.writer}\t{line.text}\t{line.level}\t{line.category}\n".encode())
    return digest.hexdigest()


def fit(lines: Sequence[Line], c: float) -> tuple[object, object]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from core.triage.features import features

    vectorizer = TfidfVectorizer(analyzer=features, sublinear_tf=True, min_df=2, lowercase=False)
    matrix = vectorizer.fit_transform([line.text for line in lines])
    labels = [line.label for line in lines]
    model = LogisticRegression(C=c, max_iter=3000, class_weight=class_weights(labels))
    model.fit(matrix, labels)
    return vectorizer, model


def class_weights(labels: Sequence[str]) -> dict[str, float]:
    """Rarer classes weigh more, by the square root of how much rarer: "balanced" weights
    (the full ratio) made every short message about a pregnancy week look like an emergency,
    no weights let the big "other" class swallow the quiet dangers (measured on unseen
    writers, see docs/triage.md)."""
    counts = Counter(labels)
    most = max(counts.values())
    return {label: (most / n) ** 0.5 for label, n in sorted(counts.items())}


def scores(vectorizer: object, model: object, texts: Sequence[str]) -> list[dict[str, float]]:
    matrix = vectorizer.transform(texts)  # type: ignore[attr-defined]
    probs = model.predict_proba(matrix)  # type: ignore[attr-defined]
    classes = list(model.classes_)  # type: ignore[attr-defined]
    return [dict(zip(classes, row, strict=True)) for row in probs]


def unseen_writer_scores(lines: Sequence[Line], c: float) -> list[dict[str, float]]:
    """Each line scored by a model that never saw its writer's lines."""
    out: list[dict[str, float] | None] = [None] * len(lines)
    for writer in sorted({line.writer for line in lines if not _projects(line.writer)}):
        train = [line for line in lines if line.writer != writer]
        held = [i for i, line in enumerate(lines) if line.writer == writer]
        vectorizer, model = fit(train, c)
        for i, probs in zip(
            held, scores(vectorizer, model, [lines[i].text for i in held]), strict=True
        ):
            out[i] = probs
    return [p or {} for p in out]


def _projects(writer: str) -> bool:
    """The project's own lines (its first set, the bot's step inputs) always train; only the
    independent writers are left out in turn."""
    return writer.startswith("project")


def urgent_probability(probs: dict[str, float]) -> float:
    return sum(probs.get(name, 0.0) for name in DANGER)


def choose_thresholds(lines: Sequence[Line], probs: Sequence[dict[str, float]]) -> dict[str, float]:
    """The highest thresholds that keep the target recall on unseen writers, overall and in
    every category, counting what the rules already catch (the classifier only has to find
    the rest)."""
    from core.triage.engine import assess_rules

    ruled = [assess_rules(line.text).urgent for line in lines]
    danger = [urgent_probability(p) for p in probs]
    suicide = [p.get(SUICIDE, 0.0) for p in probs]
    # Of the pairs (all dangers, suicide alone) that keep the recall, the most precise.
    best, best_suicide, best_precision = 0.05, NEVER, -1.0
    for step in range(95, 4, -1):
        threshold = step / 100
        for suicide_step in (*range(40, 3, -2), None):
            suicide_threshold = NEVER if suicide_step is None else suicide_step / 100
            caught: dict[str, list[bool]] = {}
            false_alarms = 0
            for i, line in enumerate(lines):
                hit = ruled[i] or danger[i] >= threshold or suicide[i] >= suicide_threshold
                if line.urgent:
                    caught.setdefault(line.label, []).append(hit)
                elif hit:
                    false_alarms += 1
            every = [hit for hits in caught.values() for hit in hits]
            overall = sum(every) / max(1, len(every))
            worst = min((sum(h) / len(h) for h in caught.values()), default=1.0)
            precision = sum(every) / max(1, sum(every) + false_alarms)
            if overall >= TARGET_RECALL and worst >= CATEGORY_RECALL and precision > best_precision:
                best, best_suicide, best_precision = threshold, suicide_threshold, precision
    distressed = sorted(
        p.get("distress", 0.0)
        for line, p in zip(lines, probs, strict=True)
        if line.label == "distress"
    )
    unsure = distressed[int(len(distressed) * (1 - UNSURE_RECALL))] if distressed else 0.5
    return {
        "urgent": best,
        "suicide": best_suicide,
        "unsure": round(max(0.05, min(0.9, unsure)), 3),
    }


def export(
    vectorizer: object, model: object, thresholds: dict[str, float], meta: dict[str, object]
) -> bytes:
    vocabulary: dict[str, int] = vectorizer.vocabulary_  # type: ignore[attr-defined]
    idf = vectorizer.idf_  # type: ignore[attr-defined]
    coef = model.coef_  # type: ignore[attr-defined]
    classes = [str(c) for c in model.classes_]  # type: ignore[attr-defined]
    weights = {}
    for feat, index in vocabulary.items():
        # Every feature is kept, even one with tiny weights: its idf is part of the vector's
        # length, and the bot must divide by the same length as scikit-learn.
        column = [float(coef[k][index]) for k in range(len(classes))]
        weights[feat] = [round(float(idf[index]), 5), *(round(v, 5) for v in column)]
    payload = {
        "classes": classes,
        "intercept": [round(float(v), 6) for v in model.intercept_],  # type: ignore[attr-defined]
        "features": weights,
        "thresholds": thresholds,
        "trained_on": meta,
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), mtime=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Train triage's classifier")
    parser.add_argument("--c", type=float, default=6.0, help="inverse regularisation strength")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    lines = training_lines()
    if not lines:
        print("no training lines under tests/data/triage/train", file=sys.stderr)
        return 1
    probs = unseen_writer_scores(lines, args.c)
    scored = [(line, p) for line, p in zip(lines, probs, strict=True) if not _projects(line.writer)]
    independent, independent_probs = [x for x, _ in scored], [p for _, p in scored]
    thresholds = choose_thresholds(independent, independent_probs)
    vectorizer, model = fit(lines, args.c)
    meta = {
        "lines": len(lines),
        "writers": sorted({line.writer for line in lines}),
        "sha256": corpus_digest(lines),
        "c": args.c,
    }
    args.out.write_bytes(export(vectorizer, model, thresholds, meta))
    urgent = [line.urgent for line in independent]
    flagged = [
        urgent_probability(p) >= thresholds["urgent"]
        or p.get(SUICIDE, 0.0) >= thresholds["suicide"]
        for p in independent_probs
    ]
    tp = sum(1 for u, f in zip(urgent, flagged, strict=True) if u and f)
    fp = sum(1 for u, f in zip(urgent, flagged, strict=True) if f and not u)
    print(
        json.dumps(
            {
                "lines": len(lines),
                "thresholds": thresholds,
                "unseen_writer_recall_classifier_alone": round(tp / max(1, sum(urgent)), 3),
                "unseen_writer_precision_classifier_alone": round(tp / max(1, tp + fp), 3),
                "model_bytes": args.out.stat().st_size,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
