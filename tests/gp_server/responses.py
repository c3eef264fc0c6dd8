"""Answers: REST errors the ArcGIS way, and the JSON / pretty JSON / HTML renderings of a payload.

ArcGIS answers errors with HTTP 200 and ``{"error": {"code", "message", "details"}}`` in the body.
Without ``f`` (or with ``f=html``) it answers an HTML page, which is what a client that forgot
``f=json`` gets here too.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

JSON_TYPE = "application/json; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Response:
    body: bytes
    content_type: str
    status: int = 200


class RestError(Exception):
    """An error answered in the body: 400 bad request, 404 not found, 500 server error."""

    def __init__(self, code: int, message: str, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = list(details)

    def to_json(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message, "details": self.details}}


def json_response(payload: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(payload).encode(), JSON_TYPE, status)


def not_found(what: str) -> RestError:
    return RestError(404, f"{what} not found", [f"{what} not found"])


def render(payload: dict[str, Any], f: str | None, title: str) -> Response:
    """The payload in the format the request asked for (``f``)."""
    if f == "json":
        return Response(json.dumps(payload).encode(), JSON_TYPE)
    if f == "pjson":
        return Response(json.dumps(payload, indent=2).encode(), JSON_TYPE)
    if f in (None, "", "html"):
        return Response(_html_page(payload, title).encode(), HTML_TYPE)
    if "error" in payload:  # an error asked for as an image (export) or another format: JSON all the same
        return Response(json.dumps(payload).encode(), JSON_TYPE)
    error = RestError(400, "Unable to complete operation.", [f"Invalid or unsupported format: f={f}"])
    return Response(json.dumps(error.to_json()).encode(), JSON_TYPE)


def _html_page(payload: dict[str, Any], title: str) -> str:
    body = html.escape(json.dumps(payload, indent=2))
    return (
        "<!DOCTYPE html>\n<html><head><title>" + html.escape(title) + " (ArcGIS REST Services Directory)"
        "</title></head>\n<body><h2>" + html.escape(title) + "</h2>\n"
        "<p>This is the HTML view. Add <code>f=json</code> to the request for JSON.</p>\n"
        "<pre>" + body + "</pre></body></html>\n"
    )
