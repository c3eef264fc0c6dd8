"""``slow``: simulated work of ``seconds`` in ``steps`` steps, reporting the job's progress and message
at each step; it stops at the next step once its job is dismissed (DELETE /jobs/{id})."""

from __future__ import annotations

import threading
from typing import Any

from pygeoapi.process.base import ProcessorExecuteError

from .common import JOB_CONTROL, TestProcessor, integer, number

MAX_SECONDS = 300.0

PROCESS_METADATA = {
    "version": "1.0.0",
    "id": "slow",
    "title": "Slow job",
    "description": "Waits the given seconds in steps, reporting its progress; a job to follow and to dismiss.",
    "jobControlOptions": JOB_CONTROL,
    "outputTransmission": ["value"],
    "keywords": ["test", "progress"],
    "inputs": {
        "seconds": {
            "title": "Seconds",
            "description": "How long the job runs.",
            "schema": {"type": "number", "minimum": 0, "maximum": MAX_SECONDS, "default": 2},
            "minOccurs": 0,
            "maxOccurs": 1,
        },
        "steps": {
            "title": "Steps",
            "description": "In how many steps, each reporting progress.",
            "schema": {"type": "integer", "minimum": 1, "default": 4},
            "minOccurs": 0,
            "maxOccurs": 1,
        },
    },
    "outputs": {
        "slept": {
            "title": "What was done",
            "description": "The seconds and steps, as JSON.",
            "schema": {"type": "object", "contentMediaType": "application/json"},
        }
    },
}


class SlowProcessor(TestProcessor):
    def __init__(self, processor_def: dict[str, Any]) -> None:
        super().__init__(processor_def, PROCESS_METADATA)

    def execute(self, data: dict[str, Any], outputs: dict[str, Any] | None = None) -> tuple[str, Any]:
        seconds = number(data, "seconds", 2)
        steps = integer(data, "steps", 4)
        if not 0 <= seconds <= MAX_SECONDS or steps < 1:
            raise ProcessorExecuteError(
                f"'seconds' must be from 0 to {MAX_SECONDS:g} and 'steps' at least 1 (were {seconds:g} and {steps})."
            )
        pause = threading.Event()  # never set: wait() is the simulated work of one step
        for step in range(steps):
            if self.dismissed():
                raise ProcessorExecuteError("The job was dismissed.")
            self.report(int(100 * step / steps), f"Step {step + 1} of {steps}")
            pause.wait(seconds / steps)
        return "application/json", {"seconds": seconds, "steps": steps}
