"""Triage on the frozen hold-out: recall and precision overall and per category, the "not sure"
answer, and the time a message takes.

    .venv/bin/python bench/triage.py

The hold-out (tests/data/triage/holdout5/) is 1,260 messages by three writers who saw only the
policy (docs/triage.md); nothing was tuned on it, and this script prints only figures, never a
line of it. "Urgent" is emergency or crisis. Its checksum is checked against SHA256SUMS first:
a changed hold-out is not a hold-out any more. The timing reads every message once to warm the
caches, then times each call to ``assess`` alone (both opinions, the rules and the classifier);
p50/p99 are per message on this machine. The last line is JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aist.train_triage import Line, read_corpus
from core.triage import assess

HOLDOUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "triage" / "holdout5"
URGENT = {"emergency", "crisis"}
TIMING_ROUNDS = 3


def holdout(folder: Path = HOLDOUT) -> tuple[list[Line], str]:
    files = sorted(folder.glob("*.tsv"))
    expected = {
        Path(name).name: digest
        for digest, name in (
            line.split() for line in (folder / "SHA256SUMS").read_text().splitlines() if line
        )
    }
    whole = hashlib.sha256()
    for path in files:
        content = path.read_bytes()
        if hashlib.sha256(content).hexdigest() != expected.get(path.name):
            raise SystemExit(
                f"{path.name} differs from its SHA256SUMS: not the frozen hold-out"
            )
        whole.update(content)
    return [line for path in files for line in read_corpus(path)], whole.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--holdout",
        type=Path,
        default=HOLDOUT,
        help="a frozen hold-out folder with its SHA256SUMS (default: tests/data/triage/holdout5)",
    )
    folder = parser.parse_args().holdout
    lines, checksum = holdout(folder)
    writers = len(list(folder.glob("*.tsv")))
    assess("прогрев")  # the dictionary and the model load once, outside the timing
    results = [assess(line.text) for line in lines]

    tp = sum(1 for line, r in zip(lines, results, strict=True) if line.urgent and r.urgent)
    fn = sum(1 for line, r in zip(lines, results, strict=True) if line.urgent and not r.urgent)
    fp = sum(1 for line, r in zip(lines, results, strict=True) if r.urgent and not line.urgent)
    recall = tp / max(1, tp + fn)
    precision = tp / max(1, tp + fp)
    per_total: Counter[str] = Counter()
    per_hit: Counter[str] = Counter()
    for line, result in zip(lines, results, strict=True):
        if line.urgent:
            per_total[line.label] += 1
            per_hit[line.label] += result.urgent
    per_category = {c: round(per_hit[c] / per_total[c], 3) for c in sorted(per_total)}
    false_alarms: Counter[str] = Counter(
        line.category
        for line, r in zip(lines, results, strict=True)
        if r.urgent and not line.urgent
    )
    distress = [r for line, r in zip(lines, results, strict=True) if line.category == "distress"]
    calm = [
        r
        for line, r in zip(lines, results, strict=True)
        if line.category in ("service", "small_talk", "hard_negative")
    ]
    distress_asked = sum(1 for r in distress if r.unsure or r.urgent) / max(1, len(distress))
    calm_asked = sum(1 for r in calm if r.unsure) / max(1, len(calm))
    by_rules = sum(
        1
        for line, r in zip(lines, results, strict=True)
        if line.urgent and any(s.by == "rules" for s in r.signals)
    )

    durations = []
    for _ in range(TIMING_ROUNDS):
        for line in lines:
            started = time.perf_counter()
            assess(line.text)
            durations.append(time.perf_counter() - started)
    durations.sort()
    p50 = statistics.median(durations) * 1000
    p99 = durations[int(len(durations) * 0.99)] * 1000
    per_s = len(durations) / sum(durations)

    print(
        f"hold-out {folder.name}: {len(lines)} messages by {writers} writers, sha256 {checksum[:16]}…"
    )
    print(f"  urgent {tp + fn}: recall {recall:.3f}, precision {precision:.3f} ({fp} false alarms)")
    for category, value in per_category.items():
        print(f"    {category:20s} recall {value:.3f} ({per_hit[category]}/{per_total[category]})")
    print(f"  false alarms by kind: {dict(false_alarms)}")
    print(f"  urgent messages the rules named: {by_rules}/{tp + fn}; the rest the classifier")
    print(
        f"  distress: asked 'are you safe' or urgent {distress_asked:.3f}; "
        f"calm messages asked {calm_asked:.3f}"
    )
    print(
        f"  time a message: p50 {p50:.3f} ms, p99 {p99:.3f} ms, {per_s:,.0f} msg/s "
        f"({platform.python_version()}, {os.cpu_count()} cores)"
    )
    print(
        json.dumps(
            {
                "bench": "triage",
                "holdout": folder.name,
                "holdout_sha256": checksum,
                "holdout_size": len(lines),
                "holdout_urgent": tp + fn,
                "recall": round(recall, 4),
                "precision": round(precision, 4),
                "per_category_recall": per_category,
                "false_alarms": fp,
                "distress_asked": round(distress_asked, 3),
                "calm_asked": round(calm_asked, 3),
                "p50_ms": round(p50, 3),
                "p99_ms": round(p99, 3),
                "msg_per_s": round(per_s),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
