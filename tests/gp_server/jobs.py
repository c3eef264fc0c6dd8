"""Asynchronous GP jobs, and the rule that makes their states visible deterministically.

The rule (tests rely on it, so it does not depend on how fast anything runs):

* A job SHOWS every state it passes through. ``submitJob`` answers ``esriJobSubmitted``; each status
  request (``.../jobs/<jobId>``) moves the shown state at most one step on, then answers it:
  Submitted -> Executing -> final (esriJobSucceeded / esriJobFailed). The step to a final state is
  taken only once the worker thread has finished; until then the job stays Executing. (To spare
  pollers idle answers, that request waits up to ``FINISH_WAIT_SECONDS`` for the worker first.)
* ``cancel`` on a job shown Submitted answers an error and the job goes on (as ArcGIS does); on a job
  shown Executing it answers esriJobCancelling and the next status requests show esriJobCancelling,
  then esriJobCancelled (once the worker has stopped) -- even when the worker had already finished:
  what the client saw is what counts. ``cancel`` on a final job answers an error.
* Messages shown are those logged up to the shown state: ``Submitted.`` from the start; ``Executing...``
  and the tool's messages from Executing on; the closing ones (``Succeeded at``, the errors and
  ``Failed to execute``, ``Cancelled``) from the final state on.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .messages import INFORMATIVE, Message
from .model import ServiceDef, TaskDef
from .responses import RestError
from .tool_errors import JobCancelled
from .toolrun import Outcome, ToolContext, run_task

SUBMITTED = "esriJobSubmitted"
EXECUTING = "esriJobExecuting"
SUCCEEDED = "esriJobSucceeded"
FAILED = "esriJobFailed"
CANCELLING = "esriJobCancelling"
CANCELLED = "esriJobCancelled"
FINISH_WAIT_SECONDS = 1.0
WORKER_THREADS = 2


class Job:
    def __init__(self, job_id: str, service: ServiceDef, task: TaskDef, params: Mapping[str, str],
                 job_dir: Path, find_upload: Callable[[str], Path | None]) -> None:
        self.id = job_id
        self.service = service
        self.task = task
        self.params = dict(params)
        self.job_dir = job_dir
        self._find_upload = find_upload
        self._lock = threading.Lock()
        self._shown = SUBMITTED
        self._cancel = threading.Event()
        self._worker_done = threading.Event()
        self._outcome: Outcome | None = None
        # (shown from Submitted?, message): everything else shows from Executing on.
        self._messages: list[tuple[bool, Message]] = [(True, Message(INFORMATIVE, "Submitted.")),
                                                      (False, Message(INFORMATIVE, "Executing..."))]

    def work(self) -> None:
        """The worker thread's part: run the task, keep its outcome (None when cancelled)."""
        ctx = ToolContext(log=self._log, scratch_dir=self.job_dir / "scratch",
                          find_upload=self._find_upload, cancel=self._cancel)
        try:
            self._outcome = run_task(self.task, self.params, ctx)
        except JobCancelled:
            self._outcome = None
        finally:
            self._worker_done.set()

    def _log(self, message: Message) -> None:
        with self._lock:
            self._messages.append((False, message))

    def step(self) -> str:
        """A status request: move the shown state at most one step on; answer it."""
        with self._lock:
            needs_worker = self._shown == CANCELLING or (self._shown == EXECUTING and not self._cancel.is_set())
        if needs_worker:
            self._worker_done.wait(FINISH_WAIT_SECONDS)
        with self._lock:
            if self._shown == SUBMITTED:
                self._shown = EXECUTING
            elif self._shown == EXECUTING and self._cancel.is_set():
                self._shown = CANCELLING
            elif self._shown == EXECUTING and self._worker_done.is_set():
                assert self._outcome is not None
                self._shown = SUCCEEDED if self._outcome.succeeded else FAILED
                self._messages.extend((False, m) for m in self._outcome.closing)
            elif self._shown == CANCELLING and self._worker_done.is_set():
                self._shown = CANCELLED
                self._messages.append((False, Message(INFORMATIVE, "Cancelled")))
            return self._shown

    def cancel(self) -> str:
        with self._lock:
            if self._shown in (EXECUTING, CANCELLING):
                self._cancel.set()
                return CANCELLING
            raise RestError(400, "Unable to complete operation.",
                            [f"Unable to cancel the job {self.id}: the job is not in a cancelable state "
                             f"({self._shown})."])

    @property
    def shown(self) -> str:
        with self._lock:
            return self._shown

    def outcome_if_succeeded(self) -> Outcome:
        """The outputs are readable only once the client was shown the success."""
        with self._lock:
            if self._shown != SUCCEEDED or self._outcome is None:
                raise RestError(400, "Unable to complete operation.",
                                [f"Job {self.id} has not succeeded: its status is {self._shown}."])
            return self._outcome

    def to_json(self, return_messages: bool) -> dict[str, Any]:
        with self._lock:
            out: dict[str, Any] = {"jobId": self.id, "jobStatus": self._shown}
            if self._shown == EXECUTING:
                out["progress"] = {"type": "default", "message": "Executing..."}
            if self._shown == SUCCEEDED:
                out["results"] = {p.name: {"paramUrl": f"results/{p.name}"} for p in self.task.outputs}
            out["inputs"] = {p.name: {"paramUrl": f"inputs/{p.name}"} for p in self.task.inputs}
            shown_from_start = self._shown == SUBMITTED
            out["messages"] = [m.to_json() for early, m in self._messages
                               if return_messages and (early or not shown_from_start)]
            return out

    def stop(self) -> None:
        """Ask the worker to stop at its next check (server shutdown)."""
        self._cancel.set()


class JobStore:
    """All jobs of the server; their workers run on a small thread pool."""

    def __init__(self, data_dir: Path, find_upload: Callable[[ServiceDef, str], Path | None]) -> None:
        self._data_dir = data_dir
        self._find_upload = find_upload
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=WORKER_THREADS, thread_name_prefix="gp-job")

    def submit(self, service: ServiceDef, task: TaskDef, params: Mapping[str, str]) -> Job:
        job_id = "j" + uuid.uuid4().hex
        job_dir = self._data_dir / "arcgisjobs" / service.jobs_dir_name / job_id
        job = Job(job_id, service, task, params, job_dir, lambda item: self._find_upload(service, item))
        with self._lock:
            self._jobs[job_id] = job
        self._pool.submit(job.work)
        return job

    def find(self, service: ServiceDef, task: TaskDef | None, job_id: str) -> Job:
        """The job, if it is one of this service's (and task's); else the 'Job not found' error."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.service is not service or (task is not None and job.task is not task):
            raise RestError(404, "Job not found", [f"Job '{job_id}' does not exist or is inaccessible."])
        return job

    def shutdown(self) -> None:
        with self._lock:
            jobs = list(self._jobs.values())
        for job in jobs:
            job.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
