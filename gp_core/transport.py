"""The HTTP seam: gp_core speaks to servers only through a `Transport`.

Outside QGIS the default is `RequestsTransport`; inside QGIS the plugin plugs in
a transport built on QGIS's network stack (proxy, SSL settings, authcfg) without
gp_core knowing.
"""
from __future__ import annotations

import logging
import re
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Mapping, Protocol
from urllib.parse import urlsplit

import requests

from .errors import ConnectionFailed

#: (connect, read) seconds. A GP status poll is quick; a big result may take a while to start.
DEFAULT_TIMEOUT = (15.0, 300.0)

_TOKEN = re.compile(r"(?i)(token=)[^&\s\"']+")


class HideTokens(logging.Filter):
    """urllib3 logs every request line at DEBUG level, query string included: tokens are blanked
    out before any handler sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if "token=" in text.lower():
            record.msg, record.args = _TOKEN.sub(r"\1***", text), ()
        return True


logging.getLogger("urllib3.connectionpool").addFilter(HideTokens())

FileField = tuple[str, BinaryIO, str]
"""A multipart file: (file name, open binary file, content type)."""


@dataclass(frozen=True)
class HttpResponse:
    status: int
    content: bytes
    content_type: str
    url: str
    """The URL that answered (never shown with its query: see describe_host)."""
    headers: Mapping[str, str] = field(default_factory=dict)
    """The answer's headers, names in lower case (location, retry-after, content-length...)."""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


@dataclass(frozen=True)
class Limits:
    """What one exchange may take: every transport enforces both."""

    deadline: float = 300.0
    """Seconds for the whole exchange, from connecting to the last byte of the body, however the
    server trickles it; then TimedOut."""
    max_body_bytes: int = 1 << 29
    """Bytes of an answer held in memory, counted after decompression; then ResponseTooLarge.
    Downloads to a file are not limited."""


class Transport(Protocol):
    """One HTTP exchange at a time. A transport never follows a redirect (a 3xx answer comes back
    as it is, with its Location header: the Server decides where credentials may go), never
    answers from a cache, and raises ConnectionFailed (TimedOut, Cancelled) when no whole answer
    came. `credentials` says whether the transport may add credentials of its own (a QGIS
    authentication configuration) to this request: the Server says so only for its own origin."""

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        files: Mapping[str, FileField] | None = None,
        headers: Mapping[str, str] | None = None,
        limits: Limits = Limits(),
        credentials: bool = False,
    ) -> HttpResponse:
        """Send one request and read the whole answer."""

    def download(
        self,
        url: str,
        destination: Path,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        limits: Limits = Limits(),
        credentials: bool = False,
    ) -> HttpResponse:
        """Stream a successful (2xx) body to `destination`, a file of the caller's that is checked and
        moved into place afterwards; the returned response has an empty content. Any other answer
        comes back with its body and leaves `destination` alone."""

    def cancelled(self) -> bool:
        """Whether the caller has cancelled (checked before each send and while waiting to retry)."""


def describe_host(url: str) -> str:
    """The part of a URL that is safe to show: scheme and host, never the query (tokens live there)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


class RequestsTransport:
    """The default transport, on a keep-alive `requests.Session`."""

    def __init__(self, timeout: tuple[float, float] = DEFAULT_TIMEOUT, verify: bool | str = True):
        self._session = requests.Session()
        weakref.finalize(self, self._session.close)  # pooled connections are closed with the transport
        self._timeout = timeout
        self._verify = verify

    def request(self, method, url, *, params=None, data=None, files=None, headers=None) -> HttpResponse:
        with self._send(method, url, params, data, files, headers, stream=False) as answer:
            return HttpResponse(answer.status_code, answer.content, answer.headers.get("Content-Type", ""), url)

    def download(self, url, destination, *, params=None, headers=None) -> HttpResponse:
        with self._send("GET", url, params, None, None, headers, stream=True) as answer:
            if answer.ok:
                with open(destination, "wb") as out:
                    for chunk in answer.iter_content(1 << 20):
                        out.write(chunk)
                return HttpResponse(answer.status_code, b"", answer.headers.get("Content-Type", ""), url)
            return HttpResponse(answer.status_code, answer.content, answer.headers.get("Content-Type", ""), url)

    def _send(self, method, url, params, data, files, headers, stream: bool) -> requests.Response:
        try:
            return self._session.request(
                method, url, params=params, data=data, files=files, headers=headers,
                timeout=self._timeout, verify=self._verify, stream=stream,
            )
        except requests.exceptions.SSLError:
            raise ConnectionFailed(f"The SSL certificate of {describe_host(url)} could not be verified.") from None
        except requests.exceptions.Timeout:
            raise ConnectionFailed(f"{describe_host(url)} did not answer in time.") from None
        except requests.exceptions.RequestException as error:
            reason = type(error).__name__
            raise ConnectionFailed(f"Could not reach {describe_host(url)} ({reason}).") from None
