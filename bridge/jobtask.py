"""Following a GP job outside Processing (the console, the job monitor): a QgsTask that polls it.

    from remote_gp.bridge.jobtask import follow
    task = follow(job)                      # polls in the background
    task.messageReceived.connect(print)
    task.taskCompleted.connect(lambda: print(job.output("Output_Polygons")))

QGIS runs a QgsTask only while Python holds a reference to it: `follow` keeps one until the task
has finished, so a caller may drop its own.
"""
from __future__ import annotations

from qgis.core import QgsApplication, QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..gp_core import GPError, Job, Message

_following: set[JobTask] = set()


class JobTask(QgsTask):
    """Polls `job` until it ends; cancelling the task cancels the job on the server."""

    messageReceived = pyqtSignal(str, int)  # description, severity (0 informative, 1 warning, 2 error)
    statusChanged = pyqtSignal(str)

    def __init__(self, job: Job, cancel: bool = False):
        super().__init__(f"{job.task.display_name} (job {job.id})", QgsTask.CanCancel)
        self.job = job
        self.error: GPError | None = None
        self._status = job.status
        self._cancel = cancel
        self._ran = False

    def run(self) -> bool:
        self._ran = True
        try:
            self.job.wait(on_update=self._update, cancelled=lambda: self._cancel or self.isCanceled())
        except Exception as error:  # noqa: BLE001 — an exception out of QgsTask.run ends QGIS itself
            self.error = error if isinstance(error, GPError) else GPError(f"{type(error).__name__}: {error}")
            return False
        return self.job.succeeded

    def finished(self, result: bool) -> None:
        """A task cancelled while still queued never ran: the job's cancel goes out from a new one."""
        if self.isCanceled() and not self._ran and not self.job.is_ended:
            follow(self.job, cancel=True)

    def _update(self, job: Job, new: list[Message]) -> None:
        for message in new:
            self.messageReceived.emit(message.description, message.severity)
        if job.status != self._status:
            self._status = job.status
            self.statusChanged.emit(job.status)
        if job.progress is not None and job.progress.percent is not None:
            self.setProgress(job.progress.percent)


def follow(job: Job, cancel: bool = False) -> JobTask:
    """Start polling `job` in QGIS's task manager (and cancel it on the server, with `cancel`)."""
    task = JobTask(job, cancel)
    _following.add(task)
    task.taskCompleted.connect(lambda: _following.discard(task))
    task.taskTerminated.connect(lambda: _following.discard(task))
    QgsApplication.taskManager().addTask(task)
    return task
