"""For tests, the client side of the server's ``testing`` area (no ArcGIS has it)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

from .jobs import AWAIT_RUN_SECONDS

REQUEST_MARGIN_SECONDS = 30


def await_run(job_url: str) -> None:
    """Return once the run of the job at ``job_url`` (``<root>/rest/services/.../jobs/<jobId>``) has
    ended: its next status request shows the end. Status requests are answered at once, as on ArcGIS,
    so a test that must see the end with its next request awaits it here rather than polling."""
    body = _ask(job_url, "awaitRun", AWAIT_RUN_SECONDS + REQUEST_MARGIN_SECONDS)
    if body.get("runEnded") is not True:
        raise AssertionError(f"The run of job {body.get('jobId')} has not ended: {body}")


def job_requests(job_url: str) -> dict[str, int]:
    """How many status requests (``status``) and cancel requests (``cancel``, refused ones too) the
    job at ``job_url`` has received."""
    body = _ask(job_url, "jobRequests", REQUEST_MARGIN_SECONDS)
    return {"status": body["status"], "cancel": body["cancel"]}


def job_order(job_url: str) -> tuple[int, int | None]:
    """The job's place in the server's sequence of job events: the number of its submitJob, and of
    the status request that first showed it ended (None while none has)."""
    body = _ask(job_url, "jobRequests", REQUEST_MARGIN_SECONDS)
    return body["submitted"], body["endShown"]


def drop_status_requests(root_url: str, count: int) -> None:
    """Close the connection of the next ``count`` job status requests (of any job) without an answer."""
    query = urllib.parse.urlencode({"f": "json", "count": count})
    with urllib.request.urlopen(f"{root_url}/testing/dropStatusRequests?{query}", timeout=REQUEST_MARGIN_SECONDS):
        pass


def _ask(job_url: str, operation: str, timeout: float) -> dict[str, Any]:
    root, _, path = job_url.partition("/rest/services/")
    job_id = path.rstrip("/").rsplit("/", 1)[-1]
    query = urllib.parse.urlencode({"f": "json", "jobId": job_id})
    with urllib.request.urlopen(f"{root}/testing/{operation}?{query}", timeout=timeout) as answer:
        return json.load(answer)
