"""`aist triage`: one message per line in, one JSON object per line out (the contract in docs/architecture.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

AIST = Path(sys.executable).with_name("aist")


def test_triage_reads_lines_and_prints_json_lines(tmp_path: Path) -> None:
    lines = ["муж бьёт меня прямо сейчас", "нужна коляска", "", "I want to kill myself"]
    result = subprocess.run(
        [str(AIST), "triage"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "AIST_SECRET_KEY": ""},
        check=True,
    )
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["level"] for o in out] == ["emergency", "none", "none", "emergency"]
    assert out[0]["signals"][0] == {"group": "violence", "phrase": "муж бьёт", "level": "emergency"}
    assert all(set(o) == {"level", "signals"} for o in out)
