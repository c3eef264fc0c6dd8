"""What gp_core says, told to the user: through a Processing feedback, job messages and progress as
they arrive, and gp_core's warnings (a result cut at the transfer limit, an unknown data type, a
status request tried again...); job states by their names."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Callable

from qgis.core import QgsApplication, QgsProcessingException, QgsProcessingFeedback
from qgis.PyQt.QtCore import QCoreApplication, QThread

from ..gp_core import PARTIAL_SUCCEEDED, AnyJob, GPError, JobStatus, Message, Severity, warnings_to
from .i18n import tr


@contextmanager
def contained(failed: Callable[[GPError, bool], None]) -> Iterator[None]:
    """For code no exception may leave (QgsTask.run, where one ends QGIS itself; a Browser item's
    worker thread): the block ends at an exception, which goes to `failed` — a GPError as it is
    (foreseen: True), any other as a GPError naming its type (foreseen: False)."""
    try:
        yield
    except GPError as error:
        failed(error, True)
    except Exception as error:  # noqa: BLE001 — the one place that catches everything
        failed(GPError(f"{type(error).__name__}: {error}"), False)


@contextmanager
def relayed_to(feedback: QgsProcessingFeedback) -> Iterator[None]:
    """gp_core's warnings on this thread go to the feedback (other algorithms keep theirs)."""
    with warnings_to(feedback.pushWarning):
        yield


@contextmanager
def processing_run(feedback: QgsProcessingFeedback) -> Iterator[None]:
    """The body of an algorithm's run: gp_core's warnings go to the feedback, and its errors end the
    run as Processing errors (their message, no traceback)."""
    with relayed_to(feedback):
        try:
            yield
        except GPError as error:
            raise QgsProcessingException(str(error)) from None


def user_cancelled(feedback: QgsProcessingFeedback) -> bool:
    """Whether the user cancelled. On the main thread (models run there in 3.22) the events are
    processed too, or the click on Cancel would wait for the job to end."""
    if QThread.currentThread() == QCoreApplication.instance().thread():
        QCoreApplication.processEvents()
    return feedback.isCanceled()


def failed(job: AnyJob) -> bool:
    """Whether the job ended without success, and not by a cancel: its run fails with the job's
    error messages (`Job.check`'s JobError)."""
    return job.is_ended and not job.succeeded and job.status != JobStatus.CANCELLED


def in_qgis_process() -> bool:
    """Whether this is qgis_process, which prints what the desktop shows (help as it is, the log's
    Critical messages on stderr, each error reported twice and an exception three times)."""
    return QgsApplication.platform() == "qgis_process"


def errors_said_as_they_come() -> bool:
    """Where a failed job's error messages are said. qgis_process prints a run's exception three
    times (as for any algorithm): there they are said once, as they come, and the run's exception
    only names the job. Elsewhere the exception carries them (it is what a script calling
    processing.run gets, and what the dialog shows) and they are not said before it."""
    return in_qgis_process()


def echo(feedback: QgsProcessingFeedback):
    """A `Job.wait` callback: each new message once, with its severity, and the progress; the error
    messages that come with a failed end are left to the failure (see `errors_said_as_they_come`)."""

    def update(job: AnyJob, new: list[Message]) -> None:
        for message in new:
            if not (message.severity == Severity.ERROR and failed(job) and not errors_said_as_they_come()):
                report(feedback, message)
        progress = job.progress
        if progress is not None and progress.percent is not None:
            feedback.setProgress(progress.percent)
        if progress is not None and progress.message:
            feedback.setProgressText(progress.message)

    return update


def report(feedback: QgsProcessingFeedback, message: Message) -> None:
    if message.severity == Severity.ERROR:
        feedback.reportError(message.description, False)
    elif message.severity == Severity.WARNING:
        feedback.pushWarning(message.description)
    else:
        feedback.pushInfo(message.description)


def status_name(status: str) -> str:
    """A job state as the user reads it (Executing, Succeeded...)."""
    texts: dict[str, str] = {
        JobStatus.NEW: tr("New"),
        JobStatus.SUBMITTED: tr("Submitted"),
        JobStatus.WAITING: tr("Waiting"),
        JobStatus.EXECUTING: tr("Executing"),
        JobStatus.SUCCEEDED: tr("Succeeded"),
        PARTIAL_SUCCEEDED: tr("Partly succeeded"),
        JobStatus.FAILED: tr("Failed"),
        JobStatus.TIMED_OUT: tr("Timed out"),
        JobStatus.CANCELLING: tr("Cancelling"),
        JobStatus.CANCELLED: tr("Cancelled"),
        JobStatus.DELETING: tr("Deleting"),
        JobStatus.DELETED: tr("Deleted"),
    }
    return texts.get(status, status)  # a state the server made up is shown as it is
