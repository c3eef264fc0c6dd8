"""``fail``: always fails, with a message a user can read (pygeoapi's ProcessorExecuteError)."""

from __future__ import annotations

from typing import Any

from pygeoapi.process.base import ProcessorExecuteError

from .common import JOB_CONTROL, TestProcessor

FAILURE = "The 'fail' process always fails"

PROCESS_METADATA = {
    "version": "1.0.0",
    "id": "fail",
    "title": "Failing process",
    "description": "Always fails with a clear message, synchronous or asynchronous.",
    "jobControlOptions": JOB_CONTROL,
    "outputTransmission": ["value"],
    "keywords": ["test", "failure"],
    "inputs": {
        "message": {
            "title": "Message",
            "description": "Added to the failure's message.",
            "schema": {"type": "string"},
            "minOccurs": 0,
            "maxOccurs": 1,
        }
    },
    "outputs": {
        "never": {
            "title": "Never produced",
            "schema": {"type": "string"},
        }
    },
}


class FailProcessor(TestProcessor):
    def __init__(self, processor_def: dict[str, Any]) -> None:
        super().__init__(processor_def, PROCESS_METADATA)

    def execute(self, data: dict[str, Any], outputs: dict[str, Any] | None = None) -> tuple[str, Any]:
        message = data.get("message")
        raise ProcessorExecuteError(f"{FAILURE}: {message}." if message else f"{FAILURE}.")
