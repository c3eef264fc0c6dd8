"""pytest with a record of the lines of one source file that ran: `python traced.py FILE OUT [pytest
arguments]` writes the line numbers to OUT as JSON and exits with pytest's code.

The mutation run uses it once per module, on the unchanged code: a mutant on a line no test runs
cannot be killed, so it is counted as a survivor without running the tests.
"""
from __future__ import annotations

import json
import os
import sys
import threading
from types import FrameType
from typing import Any, Callable

import pytest

Tracer = Callable[[FrameType, str, Any], Any]


def _tracer(target: str, lines: set[int]) -> Tracer:
    known: dict[str, bool] = {}

    def in_frame(frame: FrameType, event: str, arg: Any) -> Tracer:
        if event == "line":
            lines.add(frame.f_lineno)
        return in_frame

    def on_call(frame: FrameType, event: str, arg: Any) -> Tracer | None:
        filename = frame.f_code.co_filename
        if filename not in known:
            known[filename] = os.path.realpath(filename) == target
        if not known[filename]:
            return None
        lines.add(frame.f_lineno)
        return in_frame

    return on_call


def main() -> int:
    target, out, *arguments = sys.argv[1:]
    lines: set[int] = set()
    tracer = _tracer(os.path.realpath(target), lines)
    threading.settrace(tracer)
    sys.settrace(tracer)
    try:
        code = pytest.main(arguments)
    finally:
        sys.settrace(None)
        threading.settrace(None)  # type: ignore[arg-type]
    with open(out, "w", encoding="utf-8") as file:
        json.dump(sorted(lines), file)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
