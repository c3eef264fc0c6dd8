"""What an asynchronous job shows, answer by answer: job states, frames and scripts.

A frame is what one status answer shows: the jobStatus, the progress, the messages that appear with
it and whether the results are listed. A script lists the frames a job shows while it runs and after
it has run successfully; ``jobs`` plays it, one frame per status request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .messages import INFORMATIVE, Message

SUBMITTED = "esriJobSubmitted"
WAITING = "esriJobWaiting"
EXECUTING = "esriJobExecuting"
SUCCEEDED = "esriJobSucceeded"
FAILED = "esriJobFailed"
TIMED_OUT = "esriJobTimedOut"
CANCELLING = "esriJobCancelling"
CANCELLED = "esriJobCancelled"
DEFAULT_PROGRESS = {"type": "default", "message": "Executing..."}


@dataclass(frozen=True)
class Frame:
    status: str
    progress: Mapping[str, Any] | None = None
    """Shown with esriJobExecuting only; None: the run's own progressor (see ``jobs``)."""
    messages: tuple[Message, ...] = ()
    results: bool = False
    """The results are listed, and readable, while this frame is shown."""
    closing: bool = False
    """The run's closing messages (``Succeeded at ...``) appear with this frame."""


@dataclass(frozen=True)
class Script:
    running: tuple[Frame, ...]
    """Shown after the Submitted answer of submitJob; the last one is held until the run has ended."""
    ending: tuple[Frame, ...] | None
    """Shown after a successful run; the last one is final. None: the job runs until it is cancelled."""


SUBMITTED_FRAME = Frame(SUBMITTED, messages=(Message(INFORMATIVE, "Submitted."),))
EXECUTING_FRAME = Frame(EXECUTING, messages=(Message(INFORMATIVE, "Executing..."),))
SUCCEEDED_FRAME = Frame(SUCCEEDED, results=True, closing=True)
CANCELLING_FRAME = Frame(CANCELLING)
CANCELLED_FRAME = Frame(CANCELLED, messages=(Message(INFORMATIVE, "Cancelled"),))
STANDARD = Script(running=(EXECUTING_FRAME,), ending=(SUCCEEDED_FRAME,))
