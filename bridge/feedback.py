"""What gp_core says, told to the user through a Processing feedback: job messages and progress as
they arrive, and gp_core's warnings (a result cut at the transfer limit, an unknown data type...)."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from qgis.core import QgsProcessingFeedback

from ..gp_core import Job, Message, warnings_to

LOG_TAG = "Remote GP"


@contextmanager
def relayed_to(feedback: QgsProcessingFeedback) -> Iterator[None]:
    """gp_core's warnings on this thread go to the feedback (other algorithms keep theirs)."""
    with warnings_to(feedback.pushWarning):
        yield


def echo(feedback: QgsProcessingFeedback):
    """A `Job.wait` callback: each new message once, with its severity, and the progress."""
    def update(job: Job, new: list[Message]) -> None:
        for message in new:
            report(feedback, message)
        progress = job.progress
        if progress is not None and progress.percent is not None:
            feedback.setProgress(progress.percent)
        if progress is not None and progress.message:
            feedback.setProgressText(progress.message)

    return update


def report(feedback: QgsProcessingFeedback, message: Message) -> None:
    if message.severity == 2:
        feedback.reportError(message.description, False)
    elif message.severity == 1:
        feedback.pushWarning(message.description)
    else:
        feedback.pushInfo(message.description)
