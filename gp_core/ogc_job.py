"""Jobs of OGC API - Processes servers: `/jobs/{id}` status, waiting, results and dismiss.

Waiting polls on the same schedule as GP jobs (job.py's PollPolicy, Forecast and next_interval):
a job that reports its progress percent is polled towards the end its pace predicts. A cancel is
a dismiss (DELETE), the standard's way of stopping a job.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import urljoin

from .errors import (
    BadResponse,
    JobError,
    JobNotFound,
    ServerError,
    WaitTimedOut,
    quoted,
    scrub,
    warn,
)
from .job import Forecast, Message, Polled, PollPolicy, Progress, done_fraction, next_interval
from .json_fields import number_of
from .ogc_model import Process
from .transport import describe_host

if TYPE_CHECKING:
    from .ogc_server import OgcResults, OgcServer

log = logging.getLogger(__name__)

ACCEPTED = "accepted"
RUNNING = "running"
SUCCESSFUL = "successful"
FAILED = "failed"
DISMISSED = "dismissed"
STATES = (ACCEPTED, RUNNING, SUCCESSFUL, FAILED, DISMISSED)
_ENDED = {SUCCESSFUL, FAILED, DISMISSED}
REL_RESULTS = "http://www.opengis.net/def/rel/ogc/1.0/results"


@dataclass(frozen=True)
class StatusInfo:
    """What one `/jobs/{id}` answer (a statusInfo) says."""

    job_id: str
    status: str
    message: str = ""
    progress: float | None = None
    """Percent done, 0..100, when the server says."""
    created: str = ""
    started: str = ""
    finished: str = ""
    updated: str = ""
    results_url: str = ""

    @classmethod
    def from_json(cls, body: Any, where: str) -> StatusInfo:
        if not isinstance(body, dict):
            raise BadResponse(f"{where} answered a job status that is not a JSON object: {quoted(body)}.")
        status = body.get("status")
        if not isinstance(status, str) or not status:
            raise BadResponse(f"{where} answered a job status without a state ('status'): {quoted(body)}.")
        percent = number_of(body.get("progress"))
        results = ""
        links = body.get("links")
        for link in links if isinstance(links, list) else []:
            if (
                isinstance(link, dict)
                and link.get("rel") in (REL_RESULTS, "results")
                and isinstance(link.get("href"), str)
            ):
                results = link["href"]
        return cls(
            _text(body.get("jobID")),
            status.strip().lower(),
            _text(body.get("message")),
            None if percent is None else min(max(percent, 0.0), 100.0),
            _text(body.get("created")),
            _text(body.get("started")),
            _text(body.get("finished")),
            _text(body.get("updated")),
            results,
        )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


UpdateCallback = Callable[["OgcJob", list[Message]], None]


class OgcJob(Polled):
    """One job on an OGC API - Processes server, at `url` (`.../jobs/{id}`)."""

    def __init__(self, server: OgcServer, url: str, process: Process | None, job_id: str, status: str = ACCEPTED):
        self.server = server
        self.url = url
        self.process = process
        self.id = job_id
        self.status = status
        self.message = ""
        self.progress: float | None = None
        self.created = self.started = self.finished = self.updated = ""
        self.messages: list[Message] = []
        """Each new status message the server gave, in order."""
        self._results_url = ""
        self._failed_polls = 0

    def __repr__(self) -> str:
        return f"OgcJob({self.id!r}, {self.status})"

    @property
    def name(self) -> str:  # type: ignore[override]  # a property for Polled's attribute
        return f"job {self.id}" + (f" of process '{self.process.id}'" if self.process else "")

    @property
    def is_ended(self) -> bool:
        """Ended, or in a state this client does not know (it would otherwise wait forever)."""
        return self.status in _ENDED or self.status not in STATES

    @property
    def succeeded(self) -> bool:
        return self.status == SUCCESSFUL

    def update(self, info: StatusInfo) -> tuple[bool, list[Message]]:
        """Take what a statusInfo says; whether the state or progress changed, and the new message."""
        before = (self.status, self.progress)
        if info.status != self.status and info.status not in STATES:
            warn(
                f"{self.name.capitalize()} reports the state '{info.status}', which is not one of the standard's: "
                "it is taken as the end of the job."
            )
        self.status, self.progress = info.status, info.progress
        self.created, self.started = info.created or self.created, info.started or self.started
        self.finished, self.updated = info.finished or self.finished, info.updated or self.updated
        self._results_url = info.results_url or self._results_url
        new: list[Message] = []
        if info.message and info.message != self.message:
            kind = "error" if info.status == FAILED else "info"
            new.append(Message(kind, info.message))
            self.messages.extend(new)
        self.message = info.message or self.message
        return (self.status, self.progress) != before, new

    def refresh(self) -> tuple[bool, list[Message]]:
        """One status request. Raises JobNotFound when the server no longer knows the job (naming
        the host that said so: a status request redirected elsewhere may end at another one)."""
        try:
            body = self.server.get(self.url, f"reading the status of {self.name}")
        except ServerError as error:
            if error.code in (404, 410):
                raise JobNotFound(
                    f"The server at {error.url or describe_host(self.url)} no longer knows {self.name}: it was "
                    f"dismissed or purged, and cannot be followed any more ({error.message}).",
                    self.status,
                ) from None
            raise
        try:
            info = StatusInfo.from_json(body, describe_host(self.url))
        except BadResponse as error:  # it quotes the server's answer
            raise BadResponse(scrub(str(error), self.server.secrets())) from None
        return self.update(info)

    def wait(
        self,
        on_update: UpdateCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        policy: PollPolicy = PollPolicy(),  # noqa: B008 — frozen
        timeout: float | None = None,
    ) -> str:
        """Poll until the job ends; its final state. When `cancelled()` turns true the job is dismissed
        (DELETE) and the wait returns its state. After `timeout` seconds a job that has not ended
        raises WaitTimedOut (it goes on on the server)."""
        started, interval = time.monotonic(), policy.first
        forecast = Forecast()
        while not self.is_ended:
            if cancelled is not None and cancelled():
                if not self.dismiss():
                    warn(f"The server does not dismiss jobs: the {self.name} may go on on the server.")
                break
            polled = time.monotonic()
            changed, new = self.poll()
            forecast.see(polled, done_fraction(self.progress_report, []))
            if on_update and (changed or new):
                on_update(self, new)
            if self.is_ended:
                break
            now = time.monotonic()
            if timeout is not None and now - started >= timeout:
                raise WaitTimedOut(
                    f"The {self.name} has not ended after {timeout:g} s (it is {self.status}); "
                    "it goes on on the server.",
                    self.status,
                )
            interval = next_interval(policy, interval, changed or bool(new), forecast.predict(), now)
            left = started + timeout - now if timeout is not None else interval
            _pause(min(interval, left), cancelled, policy.tick)
        return self.status

    @property
    def progress_report(self) -> Progress | None:
        """The percent done and message as a GP job's progress."""
        return None if self.progress is None else Progress("percent", self.message, self.progress)

    def dismiss(self) -> bool:
        """Stop the job and drop its results on the server (DELETE). Returns False when the server
        does not dismiss jobs (the job goes on)."""
        from .ogc_server import read_ogc_json

        try:
            answer = self.server.send("DELETE", self.url)
            empty = answer.status < 300 and not answer.content.strip()  # 204 No Content
            body = None if empty else read_ogc_json(answer, f"dismissing {self.name}", self.server.secrets())
        except ServerError as error:
            if error.code in (404, 410):
                raise JobNotFound(
                    f"The server at {error.url or describe_host(self.url)} no longer knows {self.name} "
                    f"({error.message}).",
                    self.status,
                ) from None
            if error.code in (405, 501):
                log.info("%s not dismissed: %s", self.name, error.message)
                return False
            raise
        if isinstance(body, dict) and isinstance(body.get("status"), str):
            self.update(StatusInfo.from_json(body, describe_host(self.url)))
        else:
            self.status = DISMISSED
        return True

    def check(self) -> None:
        """Raise a JobError with the server's message unless the job succeeded."""
        if self.succeeded:
            return
        said = f": {self.message}" if self.message else "."
        raise JobError(
            f"The {self.name} ended as {self.status}{said}", self.status, [self.message] if self.message else []
        )

    def results(self) -> OgcResults:
        """The outputs of the succeeded job (`/jobs/{id}/results`)."""
        from .ogc_server import OgcResults

        self.check()
        url = urljoin(self.url + "/", self._results_url) if self._results_url else self.url + "/results"
        if not self.server.is_own(url):
            url = self.url + "/results"  # never fetched, credentials and all, from another server
        answer = self.server.send("GET", url)
        if answer.status >= 300:
            from .ogc_server import read_ogc_json

            read_ogc_json(answer, f"reading the results of {self.name}", self.server.secrets())
            raise BadResponse(
                f"{describe_host(answer.url)} did not send the results of {self.name} (HTTP {answer.status})."
            )
        return OgcResults.from_answer(self.server, self.process, answer)


def _pause(seconds: float, cancelled: Callable[[], bool] | None, tick: float) -> None:
    """Sleep between polls, cut short when a cancel is asked for."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        if cancelled is not None and cancelled():
            return
        time.sleep(min(tick, left))
