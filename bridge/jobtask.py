"""Following a GP job outside Processing (the console, the job monitor): a QgsTask that polls it.

    from remote_gp.bridge.jobtask import follow
    task = follow(job)                      # polls in the background
    task.messageReceived.connect(print)
    task.taskCompleted.connect(lambda: print(job.output("Output_Polygons")))

QGIS runs a QgsTask only while Python holds a reference to it: `follow` keeps one until the task
has finished, so a caller may drop its own. Every followed job is recorded in the job store (the
job monitor's list); cancelling it there cancels the task, and the job on the server. When the
plugin unloads, `stop_following` only stops the polling: the jobs go on on the server and are
followed again at the next start (see jobresume).
"""

from __future__ import annotations

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..gp_core import AnyJob, GPError, Message, Severity, TaskJob, landing_url, rest_root, warnings_to
from . import descriptions
from .connections import ConnectionStore
from .feedback import contained
from .i18n import tr
from .jobstore import CONSOLE, JobStore, jobs

_following: set[JobTask] = set()


class _Detached(Exception):
    """Ends a wait without cancelling the job: its follower was detached."""


class JobTask(QgsTask):
    """Polls `job` until it ends; cancelling the task cancels the job on the server."""

    messageReceived = pyqtSignal(str, int)  # noqa: N815 (Qt's names) — description, Severity
    statusChanged = pyqtSignal(str)  # noqa: N815

    def __init__(self, job: AnyJob, cancel: bool = False, store: JobStore | None = None):
        super().__init__(tr("{task} (job {id})").format(task=job.task.display_name, id=job.id), QgsTask.CanCancel)
        self.job = job
        self.store = store if store is not None else jobs()
        self.error: GPError | None = None
        self._status = job.status
        self._cancel = cancel
        self._ran = False
        self._detached = False

    def detach(self) -> None:
        """Stop polling, leaving the job running on the server."""
        self._detached = True

    def run(self) -> bool:
        self._ran = True
        with contained(self._failed):
            try:
                with warnings_to(lambda text: self.messageReceived.emit(text, Severity.WARNING)):
                    self.job.wait(on_update=self._update, cancelled=self._cancelled)
            except _Detached:
                return False
            return self.job.succeeded
        return False

    def _failed(self, error: GPError, foreseen: bool) -> None:
        self.error = error
        self.store.failed(self.job.id, error)

    def finished(self, result: bool) -> None:
        """A task cancelled while still queued never ran: the job's cancel goes out from a new one."""
        self.store.release(self.job, self)
        if self.isCanceled() and not self._ran and not self._detached and not self.job.is_ended:
            follow(self.job, cancel=True, store=self.store)

    def _cancelled(self) -> bool:
        if self._detached:
            raise _Detached
        return self._cancel or self.isCanceled()

    def _update(self, job: AnyJob, new: list[Message]) -> None:
        for message in new:
            self.messageReceived.emit(message.description, message.severity)
        if job.status != self._status:
            self._status = job.status
            self.statusChanged.emit(job.status)
        if job.progress is not None and job.progress.percent is not None:
            self.setProgress(job.progress.percent)
        self.store.update(job, new)  # after the signals: it writes a file


def follow(job: AnyJob, cancel: bool = False, store: JobStore | None = None) -> JobTask:
    """Start polling `job` in QGIS's task manager (and cancel it on the server, with `cancel`),
    recording it in `store` (the plugin's by default)."""
    task = JobTask(job, cancel, store)
    task.store.track(job, connection_key(job), CONSOLE, task)
    _following.add(task)
    task.taskCompleted.connect(lambda: _following.discard(task))
    task.taskTerminated.connect(lambda: _following.discard(task))
    QgsApplication.taskManager().addTask(task)
    return task


def stop_following() -> None:
    """Plugin unload: every follower stops polling; the jobs go on on the server."""
    for task in list(_following):
        task.detach()


def connection_key(job: AnyJob) -> str:
    """The connection a console job runs on: one to the same server whose cached descriptions have
    the job's task (a service behind a sign-in is described only for connections that can read it);
    "" when no connection fits, as for a Server made by hand."""
    for connection in ConnectionStore().all():
        try:
            if isinstance(job, TaskJob):
                same_server = connection.is_ogc and landing_url(connection.url) == job.server.url
            else:
                same_server = not connection.is_ogc and rest_root(connection.url) == job.server.rest_root
        except GPError:
            continue
        cached = descriptions.load(connection.key) if same_server else None
        service = cached.services.get(job.task.service.name) if cached else None
        if service is not None and job.task.name in service.tasks:
            return connection.key
    return ""
