"""Exceptions raised by gp_core.

Every message is written for a GIS user: it names the server, task, parameter,
file or feature concerned and says what was expected. None of them ever
contains a token or a password.
"""

from __future__ import annotations

import logging
import re
import reprlib
import threading
import warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Callable

#: Secrets a server may echo: `token=...`, `password=...`, `Bearer ...`.
_SECRET_VALUES = re.compile(r"(?i)\b(token=|password=|bearer\s+)[^&\s\"',;]+")


def scrub(text: str, secrets: Iterable[str | None] = ()) -> str:
    """`text` with each of `secrets` and any token or password value in it replaced by `***`: for
    whatever a server said that goes into an exception or a log."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _SECRET_VALUES.sub(r"\1***", text)


_QUOTE = reprlib.Repr()
_QUOTE.maxlevel, _QUOTE.maxstring, _QUOTE.maxother, _QUOTE.maxlong = 3, 60, 60, 30


def quoted(value: Any, limit: int = 200) -> str:
    """A value a server sent, as a message may quote it: short, however long or deeply nested
    the value is (a plain repr of a body nested a thousand levels deep raises RecursionError)."""
    text = _QUOTE.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class GPError(Exception):
    """Base class of every error gp_core raises on purpose."""


class ConnectionFailed(GPError):
    """The server could not be reached, or the connection dropped. `reached` is False when the
    request cannot have reached the server (no connection was made): only then may a request that
    changes something (execute, submitJob, an upload) be sent again."""

    def __init__(self, message: str, reached: bool = True):
        self.reached = reached
        super().__init__(message)


class TimedOut(ConnectionFailed):
    """A request did not end within its deadline (a server that trickles its answer, or none)."""


class Cancelled(ConnectionFailed):
    """The caller cancelled while a request was under way or waiting to be sent again."""


class InsecureConnection(GPError):
    """Credentials would travel over plain http to a host other than this computer."""


class CredentialsUnavailable(GPError):
    """The transport's own credentials (a QGIS authentication configuration) cannot be applied to a
    request: sending it again would not help, so it is not retried."""


class CredentialsUnreadable(CredentialsUnavailable):
    """A connection's stored credentials (a QGIS authentication configuration) could not be read: the
    store is locked (no master password given) or holds no such configuration. Nothing is sent
    without them: the answer would only be a sign-in error that hides the cause."""


class BadResponse(GPError):
    """The server answered something that is not a GP REST answer (HTML, broken JSON, missing keys)."""


class NotOgcProcesses(BadResponse):
    """A server that does not declare the Core conformance class of OGC API - Processes (Part 1):
    not a server this client can run processes on."""


class ResponseTooLarge(BadResponse):
    """An answer larger than the limit set for answers (Limits.max_body_bytes), counted after
    decompression: it was not read further."""


class ServerError(GPError):
    """The server answered with an error body (`{"error": {...}}`), whatever the HTTP status."""

    def __init__(self, code: int | None, message: str, details: Sequence[str] = (), url: str = ""):
        self.code = code
        self.message = message
        self.details = list(details)
        self.url = url
        text = f"The server answered error {code}: {message}" if code else f"The server answered: {message}"
        extra = [d for d in self.details if d and d != message]
        if extra:
            text += " (" + "; ".join(extra) + ")"
        if url:
            text += f" [{url}]"
        super().__init__(text)


class TokenRequired(ServerError):
    """498 (invalid or expired token) or 499 (token required)."""


class ParameterError(GPError):
    """A value given for a task parameter cannot be sent as that parameter."""

    def __init__(self, parameter: str, problem: str):
        self.parameter = parameter
        self.problem = problem
        super().__init__(f"Parameter '{parameter}': {problem}")


class UnknownParameter(GPError, KeyError):
    """A task has no parameter of that name (a KeyError too, as a lookup by name)."""

    def __str__(self) -> str:
        return Exception.__str__(self)  # not KeyError's, which quotes the message


class JobError(GPError):
    """A job ended without success (failed, timed out, cancelled, deleted), or its results are unusable."""

    def __init__(self, message: str, status: str = "", messages: Sequence[str] = ()):
        self.status = status
        self.messages = list(messages)
        super().__init__(message)


class JobNotFound(JobError):
    """The server no longer knows a job (deleted, purged, or never one of this task's): asking again
    cannot help."""


class TransferLimitExceeded(GPError):
    """A feature output larger than the server returns in one answer (it came flagged
    `exceededTransferLimit`) whose features could not be fetched another way. Never a shorter result:
    the message names the output, the limit (the service's maximumRecords, when it says) and what
    raises it."""

    def __init__(self, output: str, limit: int | None, reason: str):
        self.output = output
        self.limit = limit
        records = f"its limit: {limit} records, maximumRecords" if limit else "its maximumRecords"
        super().__init__(
            f"Output '{output}' has more features than the service returns in one answer ({records}), so they "
            f"were not returned. {reason} To get them, ask for less (a smaller extent, fewer input features), or "
            "ask the service's administrator to raise its 'Maximum number of records returned by the server'."
        )


class WaitTimedOut(JobError):
    """`Job.wait(timeout=...)` gave up: the job had not ended in time (it may still run on the server)."""


class GeometryError(GPError):
    """A geometry cannot be read or written (bad Esri JSON, invalid shape); names the feature, whose
    index is `feature` where one feature of many is to blame."""

    def __init__(self, message: str, feature: int | None = None):
        self.feature = feature
        super().__init__(message)


class DataError(GPError):
    """A local file cannot be read or written as features or as a raster."""


class AddressError(GPError):
    """A service address that cannot be understood."""


class GPWarning(UserWarning):
    """Something a user must know although nothing failed: a data type sent as it is, a result
    without a spatial reference."""


_listeners = threading.local()


def warn(message: str) -> None:
    """Tell the user something: to this thread's listener (see `warnings_to`), else as a GPWarning."""
    listener = getattr(_listeners, "current", None)
    if listener is not None:
        listener(message)
    else:
        warnings.warn(GPWarning(message), stacklevel=3)


def notice(message: str, logger: logging.Logger) -> None:
    """Tell the user of something under way that is no failure (a request tried again): to this
    thread's listener (see `warnings_to`), else to `logger` as a warning, which a script sees on
    stderr unless it configured logging otherwise."""
    listener = getattr(_listeners, "current", None)
    if listener is not None:
        listener(message)
    else:
        logger.warning("%s", message)


@contextmanager
def warnings_to(listener: Callable[[str], None]) -> Iterator[None]:
    """Send the warnings gp_core gives on this thread to `listener` (a Processing feedback's
    pushWarning, a log) instead of Python's warnings; other threads are not affected."""
    previous = getattr(_listeners, "current", None)
    _listeners.current = listener
    try:
        yield
    finally:
        _listeners.current = previous


class MissingDependency(GPError):
    """An optional library (GDAL's Python bindings) is needed for this and is not installed."""
