"""What the test processes share: their job (progress, dismissal) and the files they serve."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from pygeoapi.process.base import BaseProcessor, JobNotFoundError, ProcessorExecuteError
from pygeoapi.process.manager.tinydb_ import TinyDBManager

JOB_CONTROL = ["sync-execute", "async-execute"]
OUTPUT_TRANSMISSION = ["value", "reference"]


class TestProcessor(BaseProcessor):
    """A pygeoapi processor that knows its job (for progress and dismissal) and where to write served files.

    pygeoapi 0.21 gives a processor its job id (``set_job_id``) but not its manager: the processor
    opens the same TinyDB database (``jobs_db`` in its definition; TinyDB's file lock makes that safe).
    """

    def __init__(self, processor_def: dict[str, Any], metadata: dict[str, Any]) -> None:
        super().__init__(processor_def, metadata)
        self.supports_outputs = True
        self.jobs = TinyDBManager({"name": "TinyDB", "connection": processor_def["jobs_db"]})
        self.files_dir = Path(processor_def["files_dir"])
        self.files_url = processor_def["files_url"]
        self.job_id = ""

    def set_job_id(self, job_id: str) -> None:
        self.job_id = job_id

    def report(self, progress: int, message: str) -> None:
        """Set the job running at ``progress`` percent with ``message``, as GET /jobs/{id} shows it."""
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self.jobs.update_job(
            self.job_id, {"status": "running", "progress": progress, "message": message, "updated": now}
        )

    def dismissed(self) -> bool:
        """Whether the job was dismissed (DELETE /jobs/{id} removes it from the database)."""
        try:
            self.jobs.get_job(self.job_id)
        except JobNotFoundError:
            return True
        return False

    def serve(self, name: str, content: bytes) -> str:
        """Write ``content`` to the served files; return its URL."""
        (self.files_dir / name).write_bytes(content)
        return f"{self.files_url}/{name}"


def wants_reference(outputs: dict[str, Any] | None, output_id: str) -> bool:
    """Whether the execute request's ``outputs`` ask ``output_id`` by reference (OGC 1.0 ``transmissionMode``)."""
    if not isinstance(outputs, dict):
        return False
    requested = outputs.get(output_id)
    return isinstance(requested, dict) and requested.get("transmissionMode") == "reference"


def required(data: dict[str, Any], name: str, what: str) -> Any:
    """The input ``name``, or a ProcessorExecuteError saying it is missing and what it is."""
    if data.get(name) is None:
        raise ProcessorExecuteError(f"The input '{name}' is required: {what}.")
    return data[name]


def number(data: dict[str, Any], name: str, default: float | None = None) -> float:
    """The input ``name`` as a number (not a boolean), or ``default`` when it is absent."""
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ProcessorExecuteError(f"The input '{name}' must be a number, not {value!r}.")
    return float(value)


def integer(data: dict[str, Any], name: str, default: int | None = None) -> int:
    """The input ``name`` as an integer, or ``default`` when it is absent."""
    value = data.get(name, default)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProcessorExecuteError(f"The input '{name}' must be an integer, not {value!r}.")
    return value
