"""Asynchronous jobs: status, messages, progress, cancellation and results.

Polling is sequential (one request at a time, never overlapping) and never faster than the policy's
`first` interval, whatever the server does. A job that reports how much of its work is done (a
percent, or "step i of n") is polled towards the end its pace predicts, closer as that end nears; a
job that does not is polled at `first`, backing off while nothing changes and going back to `first`
whenever it moves.
"""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass
from enum import Enum, IntEnum
from typing import TYPE_CHECKING, Any, Callable
from urllib.parse import unquote, urljoin, urlsplit

from .errors import (
    BadResponse,
    Cancelled,
    ConnectionFailed,
    JobError,
    JobNotFound,
    ServerError,
    TransferLimitExceeded,
    WaitTimedOut,
    notice,
    scrub,
    warn,
)
from .json_fields import number_of, text_of
from .mapquery import every_feature
from .model import DataType, Task
from .transport import describe_host
from .urls import job_url
from .values import is_pageable, read_output

if TYPE_CHECKING:
    from .server import Server

log = logging.getLogger(__name__)


class JobStatus(str, Enum):  # enum.StrEnum, but Python 3.9's (QGIS 3.22 on Windows) has none
    """The REST job states, in arcpy's Result.status order (0..10; 4 = succeeded). Each is the text
    servers send, which it equals; a job's `status` is the server's text, which may name a state not
    listed here."""

    NEW = "esriJobNew"
    SUBMITTED = "esriJobSubmitted"
    WAITING = "esriJobWaiting"
    EXECUTING = "esriJobExecuting"
    SUCCEEDED = "esriJobSucceeded"
    FAILED = "esriJobFailed"
    TIMED_OUT = "esriJobTimedOut"
    CANCELLING = "esriJobCancelling"
    CANCELLED = "esriJobCancelled"
    DELETING = "esriJobDeleting"
    DELETED = "esriJobDeleted"

    __str__ = str.__str__  # the text itself, as StrEnum gives
    __format__ = str.__format__  # type: ignore[assignment]  # (str's signature is the same)


class Severity(IntEnum):
    """arcpy's message severities."""

    INFO = 0
    WARNING = 1
    ERROR = 2


STATUSES = tuple(JobStatus)
#: A final state seen in the wild, not in Esri's list: the job ran and its results are there, but
#: part of its work failed, which its (warning or error) messages tell. A success for this client.
PARTIAL_SUCCEEDED = "esriJobPartialSucceeded"
_SUCCEEDED = {JobStatus.SUCCEEDED, PARTIAL_SUCCEEDED}
_KNOWN = {*STATUSES, PARTIAL_SUCCEEDED}
_ENDED = {*_SUCCEEDED, JobStatus.FAILED, JobStatus.TIMED_OUT, JobStatus.CANCELLED, JobStatus.DELETED}
#: A succeeded job may briefly come without its result list; poll this many more times for it.
_RESULTS_PATIENCE = 10
#: Status requests in a row that may fail (a dropped connection) before waiting gives up.
_CONNECTION_PATIENCE = 5


def is_ended(status: str) -> bool:
    """Ended states, and any state this client does not know (it would otherwise poll forever)."""
    return status in _ENDED or status not in _KNOWN


def is_succeeded(status: str) -> bool:
    """Succeeded, wholly or in part (see PARTIAL_SUCCEEDED): the job has results."""
    return status in _SUCCEEDED


def status_code(status: str) -> int:
    """arcpy's number for a state: a partial success counts as succeeded (4: its outputs are there),
    an unknown state as failed (5), so `while status < 4` ends."""
    if status == PARTIAL_SUCCEEDED:
        return STATUSES.index(JobStatus.SUCCEEDED)
    return STATUSES.index(status) if status in STATUSES else 5


@dataclass(frozen=True)
class Message:
    type: str
    description: str

    @property
    def severity(self) -> Severity:
        lowered = self.type.lower()
        if "error" in lowered or "abort" in lowered:
            return Severity.ERROR
        return Severity.WARNING if "warning" in lowered else Severity.INFO


@dataclass(frozen=True)
class Progress:
    type: str
    message: str = ""
    percent: float | None = None


@dataclass(frozen=True)
class PollPolicy:
    """Seconds between status requests: never fewer than `first` nor more than `longest`. Without a
    predicted end: `first` after any change, growing by `factor`. With one (see `Forecast`): half the
    time left until it, down to `precision` of the job's predicted length, then at the predicted end;
    past it, that much again, growing by `factor`."""

    first: float = 1.0
    factor: float = 1.5
    longest: float = 5.0
    #: How often a wait checks its `cancelled` callback.
    tick: float = 0.1
    #: Seconds a wait goes on after the cancel was asked for, for the job to end, before it returns
    #: anyway (the server refused the cancel, or took it and goes on): the job may then still run.
    cancel_grace: float = 30.0
    #: The share of a job's length by which its end may be seen late, when its progress predicts it.
    precision: float = 0.01


@dataclass(frozen=True)
class JobState:
    """What one job-status answer says."""

    job_id: str
    status: str
    messages: list[Message]
    progress: Progress | None
    result_urls: dict[str, str] | None
    """Output name → its `paramUrl`; None while the answer lists no results."""

    @classmethod
    def from_json(cls, body: dict[str, Any]) -> JobState:
        results = body.get("results")
        urls = (
            {
                name: entry["paramUrl"]
                for name, entry in results.items()
                if isinstance(entry, dict) and isinstance(entry.get("paramUrl"), str)
            }
            if isinstance(results, dict) and results
            else None
        )
        return cls(
            text_of(body.get("jobId")),
            text_of(body.get("jobStatus")),
            parse_messages(body.get("messages")),
            _progress(body.get("progress")),
            urls,
        )


UpdateCallback = Callable[["Job", list[Message]], None]


class Polled:
    """What every kind of job shares: its status request (`refresh`), riding out a few dropped
    connections in a row when polled (the job goes on on the server; only its id is needed to
    follow it again). `name` says which job it is in messages ("job j1")."""

    name: str
    _failed_polls: int = 0

    def refresh(self) -> tuple[bool, list[Message]]:
        """One status request: whether the state changed, and the new messages."""
        raise NotImplementedError

    def poll(self) -> tuple[bool, list[Message]]:
        """`refresh`, riding out up to _CONNECTION_PATIENCE dropped connections in a row."""
        try:
            outcome = self.refresh()
        except Cancelled:
            raise
        except ConnectionFailed as error:
            self._failed_polls += 1
            if self._failed_polls > _CONNECTION_PATIENCE:
                said = self.name[:1].upper() + self.name[1:]
                raise ConnectionFailed(f"{error} {said} may still be running on the server.") from None
            notice(f"Status of {self.name} not read ({error}); trying again.", log)
            return False, []
        self._failed_polls = 0
        return outcome


class Job(Polled):
    """One submitted job of `task` on `server`."""

    def __init__(self, server: Server, task: Task, job_id: str, status: str = JobStatus.SUBMITTED):
        self.server = server
        self.task = task
        self.id = job_id
        self.url = job_url(task.url, job_id)
        self.status = status
        self.messages: list[Message] = []
        self.progress: Progress | None = None
        self.result_urls: dict[str, str] | None = None
        """Output name → its `paramUrl`, once the server lists the results."""
        self._outputs: dict[str, Any] = {}
        self._waits_for_results = 0
        self._cancel_sent = False
        self._cancel_refusal = ""
        self._failed_polls = 0

    def __repr__(self) -> str:
        return f"Job({self.id!r}, {self.status})"

    @property
    def name(self) -> str:  # type: ignore[override]  # a property for Polled's attribute
        return f"job {self.id}"

    @property
    def is_ended(self) -> bool:
        return is_ended(self.status)

    @property
    def succeeded(self) -> bool:
        """Whether the job succeeded, wholly or in part (see PARTIAL_SUCCEEDED)."""
        return is_succeeded(self.status)

    @property
    def state(self) -> str:
        """The status in words: Executing, Succeeded..."""
        return self.status.replace("esriJob", "") or "an unknown state"

    def refresh(self) -> tuple[bool, list[Message]]:
        """One status request. Returns whether the status or progress changed, and the new messages.
        Raises JobNotFound when the server no longer knows the job."""
        try:
            body = self.server.get(self.url, {"returnMessages": "true"})
        except ServerError as error:
            if _no_such_job(error):
                raise JobNotFound(
                    f"The server no longer knows job {self.id} of task '{self.task.name}': it was deleted "
                    f"or purged, and cannot be followed any more ({error}).",
                    self.status,
                ) from None
            raise
        state = JobState.from_json(body)
        before = (self.status, self.progress)
        status = state.status
        if (
            status in _SUCCEEDED
            and state.result_urls is None
            and self.task.outputs
            and self._waits_for_results < _RESULTS_PATIENCE
        ):
            self._waits_for_results += 1
            status = JobStatus.EXECUTING  # results not listed yet: the job is not really done for us
        if status != self.status:
            self._warn_of_end(status)
        self.status = status
        if state.result_urls is not None:
            self.result_urls = state.result_urls
        self.progress = state.progress
        new = state.messages[len(self.messages) :]
        self.messages.extend(new)
        return (self.status, self.progress) != before, new

    def _warn_of_end(self, status: str) -> None:
        """A partial success, or a state this client does not know, is said once, when it is first seen."""
        if status == PARTIAL_SUCCEEDED:
            warn(
                f"Job {self.id} of task '{self.task.name}' succeeded only in part: its results are kept; "
                "its messages say what went wrong."
            )
        elif status not in _KNOWN:
            warn(
                f"Job {self.id} reports the state '{status}', which is not one of the documented ones: "
                "it is taken as the end of the job."
            )

    def wait(
        self,
        on_update: UpdateCallback | None = None,
        cancelled: Callable[[], bool] | None = None,
        policy: PollPolicy = PollPolicy(),
        timeout: float | None = None,
    ) -> str:
        """Poll until the job ends and return its final state (at once for an ended job).

        When `cancelled()` turns true the job is cancelled on the server (asked again at each poll
        while the server refuses, as it does while the job is queued) and polled until it ends, or
        for `policy.cancel_grace` seconds: then the wait returns the state the job is in, with a
        warning that it may go on on the server. After `timeout` seconds (None: no limit) a job
        that has not ended raises WaitTimedOut; it goes on on the server."""
        started, interval = time.monotonic(), policy.first
        cancel_asked: float | None = None
        forecast = Forecast()
        while not self.is_ended:
            cancel_asked = self._cancel_if_asked(cancelled, cancel_asked)
            polled = time.monotonic()
            changed, new = self.poll()
            forecast.see(polled, done_fraction(self.progress, self.messages))
            if on_update and (changed or new):
                on_update(self, new)
            if self.is_ended:
                break
            now = time.monotonic()
            if cancel_asked is not None and now - cancel_asked >= policy.cancel_grace:
                warn(self._not_cancelled(policy.cancel_grace))
                break
            if timeout is not None and now - started >= timeout:
                raise WaitTimedOut(
                    f"Job {self.id} of task '{self.task.name}' has not ended after {timeout:g} s "
                    f"(it is {self.state}); it goes on on the server.",
                    self.status,
                )
            interval = next_interval(policy, interval, changed or bool(new), forecast.predict(), now)
            left = started + timeout - now if timeout is not None else interval
            self._pause(min(interval, left), cancelled if cancel_asked is None else None, policy.tick)
        return self.status

    def cancel(self) -> bool:
        """Ask the server to cancel. Returns False when the server refused, as it does while the job is
        still queued (Submitted): call again later; `wait` does so at every poll."""
        try:
            body = self.server.post(f"{self.url}/cancel")
        except ServerError as error:
            log.info("Job %s (%s) could not be cancelled yet: %s", self.id, self.status, error.message)
            self._cancel_refusal = error.message
            return False
        self._cancel_sent = True
        self.status = text_of(body.get("jobStatus")) or JobStatus.CANCELLING
        return True

    def _cancel_if_asked(self, cancelled: Callable[[], bool] | None, asked: float | None) -> float | None:
        """Send the cancel once it is asked for, until the server takes it; when it was first asked."""
        if asked is None and not self._cancel_requested(cancelled):
            return None
        if not self._cancel_sent:
            self.cancel()
        return time.monotonic() if asked is None else asked

    def _not_cancelled(self, grace: float) -> str:
        if self._cancel_sent:
            return (
                f"Job {self.id} was cancelled, and the server took the cancel, but the job is still "
                f"{self.state} after {grace:g} s: it may go on on the server."
            )
        return (
            f"The server refused to cancel job {self.id} ({self._cancel_refusal}); the job is still "
            f"{self.state} after {grace:g} s and may go on on the server."
        )

    def check(self) -> None:
        """Raise a JobError carrying the job's error messages unless it succeeded."""
        if self.succeeded:
            return
        errors = [m.description for m in self.messages if m.severity == Severity.ERROR]
        text = f"Job {self.id} of task '{self.task.name}' ended as {self.state}"
        raise JobError(text + (": " + " ".join(errors) if errors else "."), self.status, errors)

    def output(self, name: str) -> Any:
        """An output's value (fetched once, with returnType=data so a result map service sends the data,
        and with the Z and M values of features, which ArcGIS leaves out unless asked). Features the
        server cut at its transfer limit are fetched from the job's result map service, page by page
        (see mapquery); without one, they are a TransferLimitExceeded."""
        parameter = self.task.parameter(name)
        if parameter.name not in self._outputs:
            if not (self.status not in _KNOWN and self.result_urls):  # an unknown end that lists results
                self.check()
            url = self._result_url(parameter.name)
            body = self.server.get(url, {"returnType": "data", "returnZ": "true", "returnM": "true"})
            data_type = DataType(body["dataType"]) if text_of(body.get("dataType")) else parameter.data_type
            value: Any = body.get("value")
            try:
                self._outputs[parameter.name] = read_output(self.task, parameter.name, data_type, value, self.server)
            except TransferLimitExceeded:
                if not is_pageable(self.task, data_type):
                    raise
                value = every_feature(self, parameter.name, value)
                self._outputs[parameter.name] = read_output(self.task, parameter.name, data_type, value, self.server)
        return self._outputs[parameter.name]

    def _result_url(self, name: str) -> str:
        """Where the server lists the output (its `paramUrl`), which must be under this job's URL: a
        result is never fetched, token and all, from anywhere else on the server."""
        path = (self.result_urls or {}).get(name, f"results/{name}")
        url, job = urlsplit(urljoin(self.url + "/", path)), urlsplit(self.url)
        inside, prefix = unquote(url.path), unquote(job.path) + "/"
        below = inside[len(prefix) :].replace("\\", "/").split("/") if inside.startswith(prefix) else [".."]
        if (url.scheme, url.netloc) != (job.scheme, job.netloc) or {".", ".."} & set(below):
            raise BadResponse(
                f"{describe_host(self.url)}: job {self.id} lists its output '{name}' at "
                f"'{scrub(path[:200])}', outside the job: it was not fetched."
            )
        return url.geturl()

    def _cancel_requested(self, cancelled: Callable[[], bool] | None) -> bool:
        return bool(cancelled and cancelled())

    def _pause(self, seconds: float, cancelled: Callable[[], bool] | None, tick: float) -> None:
        """Sleep between polls, cutting the sleep short when a cancel has to be sent."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self._cancel_requested(cancelled) and not self._cancel_sent:
                return
            time.sleep(min(tick, left))


def next_interval(
    policy: PollPolicy, previous: float, moved: bool, prediction: tuple[float, float] | None, now: float
) -> float:
    """Seconds until the next status request, `previous` the last pause; `prediction` is the job's
    predicted end and length (see Forecast). Halving the time left to a predicted end keeps the
    requests few while it is far and the end seen soon after it comes, even when a job speeds up.
    A job still running at its predicted end is slower than predicted, most often only a little:
    the pauses start again from the finest and grow."""
    end, length = prediction or (None, 0.0)
    fine = max(policy.first, policy.precision * length)
    if end is not None and end > now:
        left = end - now
        interval = left / 2 if left / 2 >= fine else left
    elif moved or (end is not None and now - previous < end):  # moved, or just past the predicted end
        interval = fine
    else:
        interval = previous * policy.factor
    return min(max(interval, policy.first), policy.longest)


_STEP_OF = re.compile(r"\bstep\s+(\d+)\s+of\s+(\d+)\b", re.IGNORECASE)


def done_fraction(progress: Progress | None, messages: list[Message]) -> float | None:
    """The share of its work (0..1) a job says it has done: its progress percent, else the "step i
    of n" its progress text or newest message names (step i has begun: i - 1 of n steps are done);
    None when it says nothing measurable."""
    if progress is not None and progress.percent is not None:
        return progress.percent / 100
    texts = ([progress.message] if progress else []) + ([messages[-1].description] if messages else [])
    for text in texts:
        found = _STEP_OF.search(text)
        if found and 0 < int(found[1]) <= int(found[2]):
            return (int(found[1]) - 1) / int(found[2])
    return None


class Forecast:
    """When a job will end, from the pace of its progress between the share done first seen (the
    anchor) and the latest share seen. A share is dated halfway between the poll that first showed
    it and the poll before, since it was reached in between: dating it at the poll would make a job
    seem slower than it is, and its end be seen late."""

    def __init__(self) -> None:
        self._anchor: tuple[float, float] | None = None
        self._latest: tuple[float, float] | None = None
        self._polled: float | None = None

    def see(self, polled: float, fraction: float | None) -> None:
        """A poll at `polled` showed `fraction` of the work done (None: nothing measurable)."""
        when = polled if self._polled is None else (self._polled + polled) / 2
        self._polled = polled
        if fraction is None:
            return
        if self._latest is None or fraction < self._latest[1]:  # the first share, or a new phase
            self._anchor = self._latest = (when, fraction)
        elif fraction > self._latest[1]:
            self._latest = (when, fraction)

    def predict(self) -> tuple[float, float] | None:
        """The job's predicted end (by the clock `see` was given) and length; None until its progress
        has moved."""
        if self._anchor is None or self._latest is None or self._latest[0] <= self._anchor[0]:
            return None
        (start, begun), (latest, done) = self._anchor, self._latest
        pace = (done - begun) / (latest - start)
        end = latest + (1 - done) / pace
        return end, end - (start - begun / pace)


def _no_such_job(error: ServerError) -> bool:
    """Whether a status request's error says the job is unknown: ArcGIS answers a 404, or a 400/500
    whose text says the job "does not exist or is inaccessible"."""
    text = " ".join([error.message, *error.details]).lower()
    return error.code == 404 or "does not exist or is inaccessible" in text


def parse_messages(raw: Any) -> list[Message]:
    if not isinstance(raw, list):
        return []
    return [Message(text_of(m.get("type")), text_of(m.get("description"))) for m in raw if isinstance(m, dict)]


def _progress(raw: Any) -> Progress | None:
    if not isinstance(raw, dict):
        return None
    return Progress(text_of(raw.get("type")) or "default", text_of(raw.get("message")), _percent(raw.get("percent")))


def _percent(value: Any) -> float | None:
    """A progress percentage, kept within 0..100."""
    percent = number_of(value)
    return None if percent is None else min(max(percent, 0.0), 100.0)
