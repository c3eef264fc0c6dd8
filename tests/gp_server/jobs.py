"""Asynchronous GP jobs, and the rule that makes their states visible deterministically.

Every status request is answered at once, as ArcGIS does: nothing waits for the run. The rule (tests
rely on it, so it does not depend on how fast anything runs):

* A job SHOWS every frame of its script (see ``job_script``): ``submitJob`` answers esriJobSubmitted;
  each status request (``.../jobs/<jobId>``) moves the shown frame at most one step on, then answers it.
  First come the script's running frames, in order (the standard script has one:
  esriJobExecuting); the last running frame is shown until the worker thread has finished the run,
  however many status requests come meanwhile. Then a failed run shows esriJobFailed with its
  errors; a successful run shows the script's ending frames in order, the last of them final
  (standard: esriJobSucceeded). A script without ending frames shows its last running frame until
  the job is cancelled. (GP/Lifecycle's scripts, one per scenario, are in ``lifecycle_tool``.)
* The run starts at submitJob (on one of ``WORKER_THREADS`` workers) and lasts as long as the tool
  takes (GP/Lifecycle's ``seconds`` sets it). A test that must see the run's end with its next status
  request first calls ``<context>/testing/awaitRun?jobId=<jobId>`` (no ArcGIS has it), which answers
  once the run has ended (see ``JobStore.await_run`` and ``hooks.await_run``). Tests count the status
  and cancel requests a job received with ``<context>/testing/jobRequests?jobId=<jobId>`` (see
  ``hooks.job_requests``), which also gives the job's place in the server's sequence of events: the
  number of its submitJob, and of the status request that first showed it ended (see ``hooks.job_order``).
  A client that has all its jobs in flight at once submits them all before any of them is shown ended.
* ``progress`` is shown with esriJobExecuting only (as ArcGIS 10.8.1+): the frame's own, else the
  run's step progressor as the tool last set it (``ToolContext.step_progress``), else the default
  progressor.
* ``cancel`` on a job shown Submitted answers an error and the job goes on (as ArcGIS does); on a job
  shown Waiting or Executing it answers esriJobCancelling and the next status requests show
  esriJobCancelling until the worker has stopped, then esriJobCancelled -- even when the worker had
  already finished: what the client saw is what counts. ``cancel`` on a final job answers an error.
* The results are listed, and readable, only while the shown frame lists them.
* Messages shown are those of the frames shown so far (``Submitted.``, ``Executing...``, the closing
  ones: ``Succeeded at``, the errors and ``Failed to execute``, ``Cancelled``), with the tool's own
  messages, as it logs them, right after the first Executing frame's. A status request gets them
  unless it says ``returnMessages=false`` (the default is true, as on ArcGIS).
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from .gp_values import parse_inputs
from .job_script import (
    CANCELLED_FRAME,
    CANCELLING,
    CANCELLING_FRAME,
    DEFAULT_PROGRESS,
    EXECUTING,
    FAILED,
    STANDARD,
    SUBMITTED,
    SUBMITTED_FRAME,
    WAITING,
    Frame,
    Script,
)
from .messages import Message
from .model import ServiceDef, TaskDef
from .responses import RestError
from .tool_errors import JobCancelled, ToolError
from .toolrun import Outcome, ToolContext, run_task

# Runs that wait (GP/Lifecycle's timed runs) hold a worker without computing: enough workers that a few
# long runs do not hold up the other jobs.
WORKER_THREADS = 8
# The longest a testing/awaitRun request waits: longer than the longest run a test asks for.
AWAIT_RUN_SECONDS = 150.0
CANCELABLE = (WAITING, EXECUTING, CANCELLING)
UNENDED = (SUBMITTED, WAITING, EXECUTING, CANCELLING)


class Job:
    def __init__(
        self,
        job_id: str,
        service: ServiceDef,
        task: TaskDef,
        params: Mapping[str, str],
        job_dir: Path,
        find_upload: Callable[[str], Path | None],
        script: Script,
        events: Callable[[], int],
        extra_seconds: float = 0.0,
    ) -> None:
        self.id = job_id
        self.service = service
        self.task = task
        self.params = dict(params)
        self.job_dir = job_dir
        self._find_upload = find_upload
        self._script = script
        self._lock = threading.Lock()
        self._shown: list[Frame] = [SUBMITTED_FRAME]
        self._to_show: list[Frame] = list(script.running)
        self._ended = False  # the frames after the run are queued in _to_show
        self._cancel = threading.Event()
        self._worker_done = threading.Event()
        self._outcome: Outcome | None = None
        self._tool_log: list[Message] = []
        self._run_progress: Mapping[str, Any] | None = None
        self._requests = {"status": 0, "cancel": 0}
        self._events = events
        self._order: dict[str, int | None] = {"submitted": events(), "endShown": None}
        self._extra_seconds = extra_seconds

    def work(self) -> None:
        """The worker thread's part: run the task, keep its outcome (None when cancelled)."""
        ctx = ToolContext(
            log=self._log,
            scratch_dir=self.job_dir / "scratch",
            find_upload=self._find_upload,
            sent_names=self.params,
            cancel=self._cancel,
            progress=self._set_progress,
        )
        try:
            if self._extra_seconds:
                ctx.work(self._extra_seconds)
            self._outcome = run_task(self.task, self.params, ctx)
        except JobCancelled:
            self._outcome = None
        finally:
            self._worker_done.set()

    def _log(self, message: Message) -> None:
        with self._lock:
            self._tool_log.append(message)

    def _set_progress(self, progress: Mapping[str, Any]) -> None:
        with self._lock:
            self._run_progress = progress

    def await_run(self, timeout: float) -> bool:
        """Wait until the run has ended (for tests, never for a status request); whether it has."""
        return self._worker_done.wait(timeout)

    def step(self) -> str:
        """A status request: move the shown frame at most one step on, at once; answer its state."""
        with self._lock:
            self._requests["status"] += 1
            frame = self._next_frame()
            if frame is not None:
                self._shown.append(frame)
                if frame.status not in UNENDED and self._order["endShown"] is None:
                    self._order["endShown"] = self._events()
            return self._frame.status

    def _next_frame(self) -> Frame | None:
        """The frame the next answer shows, if it is not the one shown now (under the lock)."""
        status = self._frame.status
        if status == CANCELLING:
            return CANCELLED_FRAME if self._worker_done.is_set() else None
        if self._cancel.is_set():  # nothing but cancelling is shown any more
            return CANCELLING_FRAME if status in CANCELABLE else None
        if not self._to_show and not self._ended and self._worker_done.is_set() and self._script.ending is not None:
            self._to_show, self._ended = self._after_run(), True
        return self._to_show.pop(0) if self._to_show else None

    def _after_run(self) -> list[Frame]:
        outcome = self._outcome
        assert outcome is not None and self._script.ending is not None
        if not outcome.succeeded:
            return [Frame(FAILED, messages=outcome.closing)]
        return [replace(f, messages=(*f.messages, *outcome.closing)) if f.closing else f for f in self._script.ending]

    @property
    def _frame(self) -> Frame:
        return self._shown[-1]

    def cancel(self) -> str:
        with self._lock:
            self._requests["cancel"] += 1
            if self._frame.status in CANCELABLE:
                self._cancel.set()
                return CANCELLING
            raise RestError(
                400,
                "Unable to complete operation.",
                [f"Unable to cancel the job {self.id}: the job is not in a cancelable state ({self._frame.status})."],
            )

    def requests(self) -> dict[str, int | None]:
        """How many status and cancel requests the job received (refused cancels too), and its order."""
        with self._lock:
            return {**self._requests, **self._order}

    @property
    def shown(self) -> str:
        with self._lock:
            return self._frame.status

    def readable_outcome(self) -> Outcome:
        """The outcome, whose outputs are readable only while the shown frame lists the results."""
        with self._lock:
            if not self._frame.results or self._outcome is None:
                raise RestError(
                    400,
                    "Unable to complete operation.",
                    [f"Job {self.id} has no results to read: its status is {self._frame.status}."],
                )
            return self._outcome

    def to_json(self, return_messages: bool) -> dict[str, Any]:
        with self._lock:
            frame = self._frame
            out: dict[str, Any] = {"jobId": self.id, "jobStatus": frame.status}
            if frame.status == EXECUTING:
                out["progress"] = dict(frame.progress or self._run_progress or DEFAULT_PROGRESS)
            if frame.results:
                out["results"] = {p.name: {"paramUrl": f"results/{p.name}"} for p in self.task.outputs}
            out["inputs"] = {p.name: {"paramUrl": f"inputs/{p.name}"} for p in self.task.inputs}
            out["messages"] = [m.to_json() for m in self._messages()] if return_messages else []
            return out

    def _messages(self) -> list[Message]:
        """The shown frames' messages, the tool's log after the first Executing frame's (under the lock)."""
        messages: list[Message] = []
        executed = False
        for frame in self._shown:
            messages.extend(frame.messages)
            if frame.status == EXECUTING and not executed:
                messages.extend(self._tool_log)
                executed = True
        return messages

    def stop(self) -> None:
        """Ask the worker to stop at its next check (server shutdown)."""
        self._cancel.set()


class JobStore:
    """All jobs of the server; their workers run on a small thread pool."""

    def __init__(
        self,
        data_dir: Path,
        find_upload: Callable[[ServiceDef, str], Path | None],
        workers: int = WORKER_THREADS,
        extra_seconds: float = 0.0,
    ) -> None:
        """``workers`` jobs run at once (the others wait for a worker); every run takes
        ``extra_seconds`` more than its tool does (a slow server farm, for benchmarks)."""
        self._data_dir = data_dir
        self._find_upload = find_upload
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="gp-job")
        self._extra_seconds = extra_seconds
        self._events = itertools.count(1)
        self._events_lock = threading.Lock()

    def submit(self, service: ServiceDef, task: TaskDef, params: Mapping[str, str]) -> Job:
        job_id = "j" + uuid.uuid4().hex
        job_dir = self._data_dir / "arcgisjobs" / service.jobs_dir_name / job_id
        job = Job(
            job_id,
            service,
            task,
            params,
            job_dir,
            lambda item: self._find_upload(service, item),
            _script(task, params),
            self._next_event,
            self._extra_seconds,
        )
        with self._lock:
            self._jobs[job_id] = job
        self._pool.submit(job.work)
        return job

    def _next_event(self) -> int:
        """The next number of the server's sequence of job events (submits, ends shown)."""
        with self._events_lock:
            return next(self._events)

    def find(self, service: ServiceDef, task: TaskDef | None, job_id: str) -> Job:
        """The job, if it is one of this service's (and task's); else the 'Job not found' error."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.service is not service or (task is not None and job.task is not task):
            raise _not_found(job_id)
        return job

    def await_run(self, job_id: str) -> dict[str, Any]:
        """``testing/awaitRun``: answer once the job's run has ended (at most ``AWAIT_RUN_SECONDS``)."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise _not_found(job_id)
        return {"jobId": job.id, "runEnded": job.await_run(AWAIT_RUN_SECONDS)}

    def requests(self, job_id: str) -> dict[str, Any]:
        """``testing/jobRequests``: the status and cancel requests the job received so far."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise _not_found(job_id)
        return {"jobId": job.id, **job.requests()}

    def shutdown(self) -> None:
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            job.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)


def _not_found(job_id: str) -> RestError:
    return RestError(404, "Job not found", [f"Job '{job_id}' does not exist or is inaccessible."])


def _script(task: TaskDef, params: Mapping[str, str]) -> Script:
    """The task's script for these inputs; the standard one when they cannot be read (the run fails)."""
    if task.script is None:
        return STANDARD
    try:
        return task.script(parse_inputs(task, params))
    except ToolError:
        return STANDARD
