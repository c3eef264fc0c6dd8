"""The real-world server bodies copied into tests/fixtures/real (see its README)."""

from __future__ import annotations

import json
from pathlib import Path

REAL_BODIES = Path(__file__).parent / "fixtures" / "real"


def real_body(fragment: str) -> dict:
    """The one real-world body whose file name contains `fragment`."""
    matches = sorted(REAL_BODIES.glob(f"*{fragment}*.json"))
    assert len(matches) == 1, f"{fragment!r} matches {[m.name for m in matches]}"
    return json.loads(matches[0].read_text(encoding="utf-8"))
