"""Triage quality and speed on the project's labelled evaluation set.

    .venv/bin/python bench/triage.py

"Urgent" means emergency or crisis. Figures are printed for every fourth line of
tests/data/triage_eval.tsv ("holdout") and the rest ("dev"), and the whole set. Honest note:
one tuning round (2026-11-24) looked at the misses of the whole set, hold-out included, so the
hold-out is not independent any more; new phrases belong in a fresh hold-out file before the
next tuning. The last line is JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.triage import assess

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "triage_eval.tsv"
URGENT = {"emergency", "crisis"}


def load() -> list[tuple[int, str, str, set[str]]]:
    rows = []
    for number, line in enumerate(DATA.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        groups = {g for g in (parts[2] if len(parts) > 2 else "").split(",") if g}
        rows.append((number, parts[0], parts[1].strip(), groups))
    return rows


def scores(pairs: list[tuple[bool, bool]]) -> tuple[float, float, int, int, int]:
    tp = sum(1 for want, got in pairs if want and got)
    fn = sum(1 for want, got in pairs if want and not got)
    fp = sum(1 for want, got in pairs if got and not want)
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    return recall, precision, tp, fn, fp


def main() -> None:
    rows = load()
    assess("прогрев")  # the morphology dictionary loads once, outside the timing
    started = time.perf_counter()
    results = [assess(text) for _, text, _, _ in rows]
    elapsed = time.perf_counter() - started
    repeat_started = time.perf_counter()
    for _ in range(5):
        for _, text, _, _ in rows:
            assess(text)
    per_s = 5 * len(rows) / (time.perf_counter() - repeat_started)

    parts: dict[str, list[tuple[bool, bool]]] = {"dev": [], "holdout": [], "all": []}
    misses = []
    for (index, text, want, groups), result in zip(rows, results, strict=True):
        pair = (want in URGENT, result.level in URGENT)
        parts["holdout" if index % 4 == 0 else "dev"].append(pair)
        parts["all"].append(pair)
        got_groups = {s.group for s in result.signals}
        if pair[0] != pair[1] or (want in URGENT and not groups & got_groups):
            misses.append((text, want, sorted(groups), result.level, sorted(got_groups)))

    print(f"{len(rows)} messages, {sum(1 for r in rows if r[2] in URGENT)} urgent")
    figures = {}
    for name, pairs in parts.items():
        recall, precision, tp, fn, fp = scores(pairs)
        figures[name] = (recall, precision)
        print(
            f"{name:8} n={len(pairs):4}  recall={recall:.3f}  precision={precision:.3f}  (tp={tp} fn={fn} fp={fp})"
        )
    by_group: dict[str, list[bool]] = {}
    for (_, _, _want, groups), result in zip(rows, results, strict=True):
        for group in groups:
            by_group.setdefault(group, []).append(
                result.level in URGENT or group in {s.group for s in result.signals}
            )
    print("per group (share of labelled messages that raised an alarm or named the group):")
    for group, hits in sorted(by_group.items()):
        print(f"  {group:18} {sum(hits)}/{len(hits)}")
    print(f"first pass {len(rows) / elapsed:.0f} msg/s (cold caches), repeated {per_s:.0f} msg/s")
    if misses:
        print("misclassified:")
        for text, want, groups, got, got_groups in misses:
            print(
                f"  want {want:9} {','.join(groups):28} got {got:9} {','.join(got_groups):28} | {text}"
            )
    print(
        json.dumps(
            {
                "bench": "triage",
                "recall": round(figures["all"][0], 4),
                "precision": round(figures["all"][1], 4),
                "dev_recall": round(figures["dev"][0], 4),
                "dev_precision": round(figures["dev"][1], 4),
                "holdout_recall": round(figures["holdout"][0], 4),
                "holdout_precision": round(figures["holdout"][1], 4),
                "msg_per_s": round(per_s),
            }
        )
    )


if __name__ == "__main__":
    main()
