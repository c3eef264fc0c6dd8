"""Reading a server's answer: the JSON object, or the error it holds.

Servers send errors in the body, mostly with HTTP 200, as `{"error": {...}}` or as a bare
`{"code", "message", "details"}`; a wrong URL often brings a web page instead of JSON. Whatever
the server said goes into an error scrubbed of the token and password.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import BadResponse, ServerError, TokenRequired, quoted, scrub
from .gcpause import gc_paused
from .json_decode import loads
from .transport import HttpResponse, describe_host

_LEADING_SPACE = re.compile(rb"\s*")
_HEAD_BYTES = 512
_ERROR_KEYS = {"code", "message", "details", "messageCode"}
_PART = r"/([^/]+)"
#: What a request was for, from the end of its URL's path: the phase named in an error.
_PHASES = [
    (re.compile(r"/generateToken$", re.I), "signing in"),
    (re.compile(r"/rest/info$", re.I), "reading the server's information"),
    (re.compile(r"/uploads/upload$", re.I), "uploading a file"),
    (re.compile(r"/MapServer/jobs" + _PART, re.I), "drawing the result map of job {0}"),
    (re.compile(_PART + "/execute$", re.I), "running task '{0}'"),
    (re.compile(_PART + "/submitJob$", re.I), "submitting a job of task '{0}'"),
    (re.compile(_PART + "/jobs" + _PART + "/cancel$", re.I), "cancelling job {1} of task '{0}'"),
    (
        re.compile(_PART + "/jobs" + _PART + "/results" + _PART + "$", re.I),
        "reading output '{2}' of job {1} of task '{0}'",
    ),
    (re.compile(_PART + "/jobs" + _PART + "$", re.I), "reading the status of job {1} of task '{0}'"),
    (re.compile(r"/GPServer" + _PART + "$", re.I), "reading the description of task '{0}'"),
    (re.compile(r"/rest/services/(.+)/GPServer$", re.I), "reading the description of service '{0}'"),
]


def read_json(answer: HttpResponse, secrets: Iterable[str | None] = ()) -> dict[str, Any]:
    """The JSON object of an answer; error bodies (with any HTTP status), web pages and broken JSON
    are raised as errors that say what came back, from where, and while doing what. `secrets`
    (a token, a password) never appear in them."""
    where = describe_request(answer.url)
    head = _head(answer.content)
    if answer.status >= 400 and not head.startswith("{"):  # a proxy's or web server's error page, or nothing
        hint = ": check that the address is an ArcGIS REST address" if answer.status == 404 else ""
        raise ServerError(answer.status, f"HTTP error {answer.status}{hint}", (), describe_host(answer.url))
    if head.startswith("<"):
        raise BadResponse(
            f"{where} answered a web page (HTTP {answer.status}) instead of JSON: "
            "check that the address is an ArcGIS REST address."
        )
    try:
        with gc_paused():  # big results are millions of small objects: the collector would walk them all
            body = loads(answer.content)
    except ValueError:
        excerpt = scrub(head[:120], secrets)
        raise BadResponse(f"{where} answered something that is not JSON (HTTP {answer.status}): {excerpt!r}") from None
    except RecursionError:
        raise BadResponse(f"{where} answered JSON nested too deeply to read (HTTP {answer.status}).") from None
    if not isinstance(body, dict):
        raise BadResponse(f"{where} answered {type(body).__name__} JSON where an object was expected.")
    error = error_of(body)
    if error is not None:
        code, message, details = error
        kind = TokenRequired if code in (498, 499) else ServerError
        raise kind(
            code, scrub(message, secrets), [scrub(detail, secrets) for detail in details], describe_host(answer.url)
        )
    if answer.status >= 400:
        raise ServerError(answer.status, f"HTTP error {answer.status}", (), describe_host(answer.url))
    return body


def _head(content: bytes) -> str:
    """The start of the body as text, without the white space before it: what it is is told from it
    without decoding a body of many megabytes."""
    start = _LEADING_SPACE.match(content)
    begin = start.end() if start else 0
    return content[begin : begin + _HEAD_BYTES].decode("utf-8", errors="replace").lstrip()


def describe_request(url: str) -> str:
    """The URL (never its query) and, where its path tells, what the request was for."""
    path = urlsplit(url).path.rstrip("/")
    for pattern, phase in _PHASES:
        found = pattern.search(path)
        if found:
            return f"{describe_host(url)} ({phase.format(*map(unquote, found.groups()))})"
    return describe_host(url)


def error_of(body: dict[str, Any]) -> tuple[int | None, str, list[str]] | None:
    """`{"error": {...}}`, or the bare `{"code", "message", "details"}` some servers send."""
    error = body.get("error")
    if isinstance(error, dict):
        source = error
    elif "code" in body and "message" in body and set(body) <= _ERROR_KEYS:
        source = body
    else:
        return None
    code = source.get("code")
    details: Any = source.get("details") or []
    return (
        code if isinstance(code, int) and not isinstance(code, bool) else None,
        _text(source.get("message") or "Unknown error"),
        [_text(detail) for detail in details] if isinstance(details, list) else [_text(details)],
    )


def _text(value: object) -> str:
    """Text a server sent, or a short rendering of anything else it sent in its place."""
    return value if isinstance(value, str) else quoted(value)
