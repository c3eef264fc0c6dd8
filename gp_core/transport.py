"""The HTTP seam: gp_core speaks to servers only through a `Transport`.

Outside QGIS the default is `RequestsTransport`; inside QGIS the plugin plugs in
a transport built on QGIS's network stack (proxy, SSL settings, authcfg) without
gp_core knowing.
"""

from __future__ import annotations

import http.client
import io
import logging
import math
import socket
import threading
import time
import weakref
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Callable, Protocol
from urllib.parse import urlsplit

import requests
import requests.adapters
import urllib3

from .errors import BadResponse, Cancelled, ConnectionFailed, ResponseTooLarge, TimedOut, scrub

#: (connect, read) seconds: to connect, and the longest silence while an answer comes.
DEFAULT_TIMEOUT = (15.0, 300.0)


class HideTokens(logging.Filter):
    """urllib3 logs every request line at DEBUG level, query string included: tokens are blanked
    out before any handler sees them."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        hidden = scrub(text)
        if hidden != text:
            record.msg, record.args = hidden, ()
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
        body: bytes | None = None,
    ) -> HttpResponse:
        """Send one request and read the whole answer. `body`, when given, is sent as it is (a JSON
        document, its Content-Type in `headers`) in place of a form; `method` may then be any."""

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
        """Whether the caller has cancelled (checked before each send and while waiting to retry).
        A transport is made with the caller's `cancelled` callable (`RequestsTransport(cancelled=...)`,
        the plugin's `QgisTransport(cancelled=...)`), asks it here and while an answer comes, and
        then raises Cancelled."""


def describe_host(url: str) -> str:
    """The part of a URL that is safe to show: scheme and host, never the query (tokens live there)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


# -- the requests transport -------------------------------------------------------------------------
#
# requests' timeouts bound each socket operation, not an exchange: a server sending one byte every
# half second never times out. The connections below give every send and every recv of a socket no
# more than what is left of the exchange's deadline (kept per thread while an exchange is under way).

_CHUNK = 1 << 16
#: What this transport decodes itself, in bounded steps (urllib3 would inflate a whole chunk at once,
#: and nested encodings without limit).
_ENCODINGS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
_exchange = threading.local()


def _time_left() -> float:
    return getattr(_exchange, "deadline", math.inf) - time.monotonic()


def _bounded(sock: socket.socket, idle: float | None) -> None:
    """Give the socket's next operation no more than the time left (and no more than `idle`)."""
    left = _time_left()
    if left <= 0:
        raise socket.timeout("the exchange's deadline has passed")
    if left != math.inf or idle is not None:
        sock.settimeout(min(left, idle if idle is not None else math.inf))


class _DeadlineReader(io.RawIOBase):
    """A response's socket reads, each bounded by the time left of the exchange."""

    def __init__(self, sock: socket.socket):
        self._sock = sock
        self._raw = sock.makefile("rb", buffering=0)
        self._idle = sock.gettimeout()  # the read timeout urllib3 set before reading the answer

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int | None:
        _bounded(self._sock, self._idle)
        return self._raw.readinto(buffer)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _DeadlineResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args: Any, **kwargs: Any):
        super().__init__(sock, *args, **kwargs)
        self.fp.close()  # nothing was read from it yet
        self.fp = io.BufferedReader(_DeadlineReader(sock))


class _Deadlines:
    """For urllib3's connections: sends and the answer's reads within the exchange's deadline."""

    response_class: type[http.client.HTTPResponse] = _DeadlineResponse
    sock: socket.socket | None

    def send(self, data: Any) -> None:
        if self.sock is not None:
            _bounded(self.sock, None)
        super().send(data)  # type: ignore[misc]


class _HTTPConnection(_Deadlines, urllib3.connection.HTTPConnection):
    pass


class _HTTPSConnection(_Deadlines, urllib3.connection.HTTPSConnection):
    pass


class _HTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class _DeadlineAdapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> urllib3.PoolManager:
        manager: urllib3.PoolManager = super().proxy_manager_for(proxy, **kwargs)
        if isinstance(manager, urllib3.ProxyManager):  # not a SOCKS proxy, whose pools are its own
            manager.pool_classes_by_scheme = _POOLS
        return manager


class RequestsTransport:
    """The default transport, on a keep-alive `requests.Session`. `timeout` is (connect, read):
    the seconds to connect, and the longest silence while an answer comes; `Limits.deadline` bounds
    the whole exchange in any case. `cancelled`, when given, is asked before each request and between
    the chunks of an answer (a cancelled exchange raises Cancelled). It has no credentials of its own:
    `credentials` changes nothing."""

    def __init__(
        self,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        verify: bool | str = True,
        cancelled: Callable[[], bool] | None = None,
    ):
        self._session = requests.Session()
        self._session.headers["Accept-Encoding"] = "gzip, deflate"  # what _inflated undoes
        adapter = _DeadlineAdapter()
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        weakref.finalize(self, self._session.close)  # pooled connections are closed with the transport
        self._timeout = timeout
        self._verify = verify
        self._cancel_hook = cancelled

    def cancelled(self) -> bool:
        return bool(self._cancel_hook and self._cancel_hook())

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
        body: bytes | None = None,
    ) -> HttpResponse:
        content = body if body is not None else data
        with self._exchange(method, url, params, content, files, headers, limits) as answer:
            return _response(answer, url, self._body(answer, url, limits))

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
        with self._exchange("GET", url, params, None, None, headers, limits) as answer:
            if not 200 <= answer.status_code < 300:
                return _response(answer, url, self._body(answer, url, limits))
            with open(destination, "wb") as out:
                for chunk in self._read(answer, url):
                    out.write(chunk)
            return _response(answer, url, b"")

    @contextmanager
    def _exchange(
        self,
        method: str,
        url: str,
        params: Mapping[str, str] | None,
        data: Mapping[str, str] | bytes | None,
        files: Mapping[str, FileField] | None,
        headers: Mapping[str, str] | None,
        limits: Limits,
    ) -> Iterator[requests.Response]:
        """The answer, its headers read, within `limits.deadline` from here to its last byte."""
        if self.cancelled():
            raise Cancelled(f"The request to {describe_host(url)} was cancelled.", reached=False)
        previous = getattr(_exchange, "deadline", math.inf)
        _exchange.deadline = time.monotonic() + limits.deadline
        connect, read = self._timeout
        try:
            with self._session.request(
                method,
                url,
                params=params,
                data=data,
                files=files,
                headers=headers,
                timeout=(min(connect, limits.deadline), min(read, limits.deadline)),
                verify=self._verify,
                stream=True,
                allow_redirects=False,
            ) as answer:
                yield answer
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as error:
            raise _failure(error, url, limits.deadline) from None
        finally:
            _exchange.deadline = previous

    def _body(self, answer: requests.Response, url: str, limits: Limits) -> bytes:
        """The whole body in memory, no more than `limits.max_body_bytes` of it once decoded."""
        declared = _declared_length(answer)
        if declared is not None and not _encodings(answer) and declared > limits.max_body_bytes:
            raise _too_large(url, limits)
        body = io.BytesIO()
        for chunk in self._read(answer, url):
            body.write(chunk)
            if body.tell() > limits.max_body_bytes:
                raise _too_large(url, limits)
        return body.getvalue()

    def _read(self, answer: requests.Response, url: str) -> Iterator[bytes]:
        """The decoded body in chunks of bounded size; a body shorter than its Content-Length raises."""
        chunks: Iterator[bytes] = answer.raw.stream(_CHUNK, decode_content=False)
        for encoding in reversed(_encodings(answer)):
            chunks = _inflated(chunks, encoding, url)
        for chunk in chunks:
            if self.cancelled():
                raise Cancelled(f"The request to {describe_host(url)} was cancelled.")
            yield chunk
        declared = _declared_length(answer)
        if declared is not None and answer.raw.tell() < declared:
            raise ConnectionFailed(
                f"{describe_host(url)} closed the connection before the whole answer came "
                f"({answer.raw.tell()} of {declared} bytes)."
            )


def _response(answer: requests.Response, url: str, content: bytes) -> HttpResponse:
    return HttpResponse(
        answer.status_code,
        content,
        answer.headers.get("Content-Type", ""),
        url,
        {name.lower(): value for name, value in answer.headers.items()},
    )


def _declared_length(answer: requests.Response) -> int | None:
    text = answer.headers.get("Content-Length", "")
    return int(text) if text.strip().isdigit() else None


def _encodings(answer: requests.Response) -> list[str]:
    """The content codings of the body, in the order they were applied (identity left out)."""
    names = [name.strip().lower() for name in answer.headers.get("Content-Encoding", "").split(",")]
    return [name for name in names if name and name != "identity"]


def _inflated(chunks: Iterator[bytes], encoding: str, url: str) -> Iterator[bytes]:
    """One content coding undone, never more than _CHUNK bytes at a time whatever the ratio."""
    if encoding not in _ENCODINGS:
        raise BadResponse(f"{describe_host(url)} answered in an encoding this client did not ask for ({encoding}).")
    decoder = zlib.decompressobj(_ENCODINGS[encoding])
    try:
        for chunk in chunks:
            while chunk:
                out = decoder.decompress(chunk, _CHUNK)
                if out:
                    yield out
                if decoder.eof:  # gzip allows several members one after the other
                    chunk, decoder = decoder.unused_data, zlib.decompressobj(_ENCODINGS[encoding])
                else:
                    chunk = decoder.unconsumed_tail
        yield decoder.flush()
    except zlib.error:
        raise BadResponse(f"{describe_host(url)} answered a damaged {encoding} body.") from None


def _too_large(url: str, limits: Limits) -> ResponseTooLarge:
    return ResponseTooLarge(
        f"{describe_host(url)} answered more than {limits.max_body_bytes / 2**20:g} MiB, the "
        "limit for one answer: it was not read further."
    )


def _failure(error: Exception, url: str, deadline: float) -> ConnectionFailed:
    """What went wrong, and whether the request can have reached the server."""
    where, cause = describe_host(url), _cause(error)
    if isinstance(error, requests.exceptions.ConnectTimeout):
        return TimedOut(f"{where} could not be reached in time.", reached=False)
    if isinstance(cause, urllib3.exceptions.NewConnectionError):
        return ConnectionFailed(f"Could not reach {where}: no connection could be made.", reached=False)
    if isinstance(error, requests.exceptions.SSLError) or isinstance(cause, urllib3.exceptions.SSLError):
        problem = "certificate could not be verified" if "CERTIFICATE_VERIFY" in str(cause) else "connection failed"
        return ConnectionFailed(f"The secure (SSL) {problem} for {where}.", reached=False)
    if isinstance(
        error,
        (
            requests.exceptions.ProxyError,
            requests.exceptions.InvalidURL,
            requests.exceptions.InvalidSchema,
            requests.exceptions.MissingSchema,
        ),
    ):
        return ConnectionFailed(f"Could not reach {where} ({type(error).__name__}).", reached=False)
    if isinstance(error, requests.exceptions.Timeout) or isinstance(
        cause, (socket.timeout, urllib3.exceptions.TimeoutError)
    ):
        return TimedOut(f"{where} did not send its whole answer within the time allowed ({deadline:g} s at most).")
    return ConnectionFailed(f"The connection to {where} broke before the whole answer came ({type(cause).__name__}).")


def _cause(error: BaseException) -> BaseException:
    """The innermost error that requests and urllib3 wrapped (MaxRetryError's reason, a first argument)."""
    while True:
        inner = getattr(error, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next((arg for arg in getattr(error, "args", ()) if isinstance(arg, BaseException)), None)
        if inner is None or inner is error:
            return error
        error = inner
