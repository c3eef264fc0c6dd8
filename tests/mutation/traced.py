"""pytest with a record of the lines of one source file that ran, and of the tests that ran each:
`python traced.py FILE OUT [pytest arguments]` writes {"lines": {line: [test node ids]}, "seconds": {test
node id: duration}} to OUT as JSON ("" for code that ran outside any test: imports, collection) and exits
with pytest's code.

The mutation run uses it once per module, on the unchanged code: a mutant runs only the tests that
ran its lines (no other test can see it), and one on a line no test runs is a survivor, not run.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest

Tracer = Callable[[FrameType, str, Any], Any]


class Recorder:
    """The test that runs now (a pytest plugin), and the tests that ran each line."""

    def __init__(self) -> None:
        self.test = ""
        self.lines: dict[int, set[str]] = {}
        self.seconds: dict[str, float] = {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
        self.test = item.nodeid
        yield
        self.test = ""

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[report.nodeid] = self.seconds.get(report.nodeid, 0.0) + report.duration

    def add(self, line: int) -> None:
        self.lines.setdefault(line, set()).add(self.test)


def _tracer(target: str, recorder: Recorder) -> Tracer:
    known: dict[str, bool] = {}

    def in_frame(frame: FrameType, event: str, arg: Any) -> Tracer:
        if event == "line":
            recorder.add(frame.f_lineno)
        return in_frame

    def on_call(frame: FrameType, event: str, arg: Any) -> Tracer | None:
        filename = frame.f_code.co_filename
        if filename not in known:
            known[filename] = os.path.realpath(filename) == target
        if not known[filename]:
            return None
        recorder.add(frame.f_lineno)
        return in_frame

    return on_call


def main() -> int:
    target, out, *arguments = sys.argv[1:]
    recorder = Recorder()
    tracer = _tracer(os.path.realpath(target), recorder)
    threading.settrace(tracer)
    sys.settrace(tracer)
    try:
        code = pytest.main(arguments, plugins=[recorder])
    finally:
        sys.settrace(None)
        threading.settrace(None)  # type: ignore[arg-type]
    with open(out, "w", encoding="utf-8") as file:
        json.dump(
            {
                "lines": {line: sorted(tests) for line, tests in sorted(recorder.lines.items())},
                "seconds": recorder.seconds,
            },
            file,
        )
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
