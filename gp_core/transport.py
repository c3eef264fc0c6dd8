"""The HTTP seam: gp_core speaks to servers only through a `Transport`.

Outside QGIS the default is `RequestsTransport`; inside QGIS the plugin plugs in
a transport built on QGIS's network stack (proxy, SSL settings, authcfg) without
gp_core knowing.
"""
from __future__ import annotations

import logging
import re
import weakref
from dataclasses import dataclass
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


class Transport(Protocol):
    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        files: Mapping[str, FileField] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """Send one request; raise ConnectionFailed when no answer came."""

    def download(
        self,
        url: str,
        destination: Path,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """Stream the body to `destination`; the returned response has an empty content."""


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
