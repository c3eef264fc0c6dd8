"""Reading a server's answer: the JSON object, or the error it holds.

Servers send errors in the body, mostly with HTTP 200, as `{"error": {...}}` or as a bare
`{"code", "message", "details"}`; a wrong URL often brings a web page instead of JSON.
"""
from __future__ import annotations

import json

from .errors import BadResponse, ServerError, TokenRequired, quoted
from .gcpause import gc_paused
from .transport import HttpResponse, describe_host

_ERROR_KEYS = {"code", "message", "details", "messageCode"}


def read_json(answer: HttpResponse) -> dict:
    """The JSON object of an answer; error bodies (with any HTTP status), web pages and broken JSON
    are raised as errors that say what came back."""
    where = describe_host(answer.url)
    text = answer.content.decode("utf-8", errors="replace").strip()
    if text.startswith("<"):
        raise BadResponse(
            f"{where} answered a web page (HTTP {answer.status}) instead of JSON: "
            "check that the address is an ArcGIS REST address."
        )
    try:
        with gc_paused():  # big results are millions of small lists: the collector would walk them all
            body = json.loads(text)
    except ValueError:
        raise BadResponse(f"{where} answered something that is not JSON (HTTP {answer.status}): {text[:120]!r}") from None
    except RecursionError:
        raise BadResponse(f"{where} answered JSON nested too deeply to be a GP REST answer (HTTP {answer.status}).") \
            from None
    if not isinstance(body, dict):
        raise BadResponse(f"{where} answered {type(body).__name__} JSON where an object was expected.")
    error = error_of(body)
    if error is not None:
        code, message, details = error
        kind = TokenRequired if code in (498, 499) else ServerError
        raise kind(code, message, details, where)
    if answer.status >= 400:
        raise ServerError(answer.status, f"HTTP error {answer.status}", (), where)
    return body


def error_of(body: dict) -> tuple[int | None, str, list[str]] | None:
    """`{"error": {...}}`, or the bare `{"code", "message", "details"}` some servers send."""
    error = body.get("error")
    if isinstance(error, dict):
        source = error
    elif "code" in body and "message" in body and set(body) <= _ERROR_KEYS:
        source = body
    else:
        return None
    code = source.get("code")
    details = source.get("details") or []
    return (
        code if isinstance(code, int) and not isinstance(code, bool) else None,
        _text(source.get("message") or "Unknown error"),
        [_text(detail) for detail in details] if isinstance(details, list) else [_text(details)],
    )


def _text(value: object) -> str:
    """Text a server sent, or a short rendering of anything else it sent in its place."""
    return value if isinstance(value, str) else quoted(value)
