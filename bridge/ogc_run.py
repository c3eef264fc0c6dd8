"""One run of an OGC API - Processes process as a Processing algorithm: the inputs Processing read
sent to the server (gp_core's ogc_task), the job followed with its progress and messages (a
cancel dismisses it), and the outputs placed as a GP task's are (features, rasters, values)."""

from __future__ import annotations

from typing import Any, Callable

from qgis.core import QgsProcessingFeedback

from ..gp_core import Message, OgcJob, OgcResults, OgcServer, Task
from ..gp_core.ogc_task import Outcome, execute
from .feedback import report, user_cancelled
from .i18n import tr


def run(
    server: OgcServer, task: Task, inputs: dict[str, Any], feedback: QgsProcessingFeedback, lifted: Callable
) -> tuple[Outcome | None, str]:
    """The finished run's outcome, and its job's id ("" for a synchronous run). None for a job that
    was cancelled (dismissed) or did not end. A failed job raises its JobError."""
    answer = execute(server, task, inputs)
    if isinstance(answer, OgcResults):
        return Outcome(task, answer), ""
    job = answer
    feedback.pushInfo(tr("Job {id} submitted.").format(id=job.id))
    with lifted():  # the dismiss itself has to reach the server
        job.wait(on_update=_echo(feedback), cancelled=lambda: user_cancelled(feedback))
    if not job.is_ended or feedback.isCanceled():
        feedback.pushInfo(tr("Job {id}: the job is {status}.").format(id=job.id, status=job.status))
        return None, job.id
    job.check()  # raises, with the server's message
    return Outcome(task, job.results()), job.id


def _echo(feedback: QgsProcessingFeedback) -> Callable[[OgcJob, list[Message]], None]:
    """An OgcJob.wait callback: each new message once, and the percent done."""

    def update(job: OgcJob, new: list[Message]) -> None:
        for message in new:
            if not job.is_ended or job.succeeded:  # a failure's message is the run's error
                report(feedback, message)
        if job.progress is not None:
            feedback.setProgress(job.progress)

    return update
