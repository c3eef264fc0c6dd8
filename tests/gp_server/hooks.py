"""For tests, the client side of the server's ``testing`` area (no ArcGIS has it)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

from .jobs import AWAIT_RUN_SECONDS

REQUEST_MARGIN_SECONDS = 30


def await_run(job_url: str) -> None:
    """Return once the run of the job at ``job_url`` (``<root>/rest/services/.../jobs/<jobId>``) has
    ended: its next status request shows the end. Status requests are answered at once, as on ArcGIS,
    so a test that must see the end with its next request awaits it here rather than polling."""
    root, _, path = job_url.partition("/rest/services/")
    job_id = path.rstrip("/").rsplit("/", 1)[-1]
    query = urllib.parse.urlencode({"f": "json", "jobId": job_id})
    with urllib.request.urlopen(f"{root}/testing/awaitRun?{query}",
                                timeout=AWAIT_RUN_SECONDS + REQUEST_MARGIN_SECONDS) as answer:
        body = json.load(answer)
    if body.get("runEnded") is not True:
        raise AssertionError(f"The run of job {job_id} has not ended: {body}")
