"""The rules every request to a server obeys, whatever the transport: where credentials may go,
redirects, retries, deadlines and cancel.

A transport does one exchange and never follows a redirect; `Exchange` follows them here, so that
credentials (a token header, a Referer, the transport's own authentication) go only to the
server's own origin — scheme, host and port — and never over plain http except to this computer,
and a request that changes something (a POST) is never re-sent to another origin.
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urljoin, urlsplit

from .errors import BadResponse, Cancelled, ConnectionFailed, TimedOut
from .transport import FileField, HttpResponse, Limits, Transport, describe_host

log = logging.getLogger(__name__)

#: Redirects followed for one request.
MAX_REDIRECTS = 5
_REDIRECTS = {301, 302, 303, 307, 308}
_DEFAULT_PORTS = {"http": 80, "https": 443}
#: Seconds between two checks for a cancel while waiting to retry.
_PAUSE_SLICE = 0.25


@dataclass
class Settings:
    """What a server's requests may take. One object may be shared by many servers (arcpy.env's is)."""

    request_deadline: float = 600.0
    """Seconds for a request and its whole answer (a status, a description, a result of 150 MB)."""
    download_deadline: float = 3600.0
    """Seconds for a file going either way: a download (a result raster) or an upload."""
    max_body_bytes: int = 1 << 29
    """Bytes of one answer held in memory (counted after decompression); downloads are not limited."""


@dataclass(frozen=True)
class RetryPolicy:
    """When a request that failed is sent again. A GET (discovery, status, results, downloads, map
    images) is retried after a dropped connection, HTTP 429 and any 5xx; a POST (execute, submitJob,
    upload, cancel, sign-in) only when the server cannot have acted on it: no connection was made,
    429, 503. Waits grow from `first` by `factor`, each at most `longest`, jittered (between half
    and all of the step); a Retry-After the server sends is honoured up to `longest`. No retry starts
    once `total` seconds have passed since the first try."""

    attempts: int = 4
    first: float = 0.5
    factor: float = 2.0
    longest: float = 30.0
    total: float = 120.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)
    """How to wait (tests give one that records instead)."""
    jitter: Callable[[], float] = field(default=random.random, compare=False)

    def wait(self, attempt: int, started: float, retry_after: float | None) -> float | None:
        """Seconds to wait before try `attempt + 1`, or None when no retry may follow."""
        if attempt >= self.attempts:
            return None
        step = min(self.longest, self.first * self.factor**attempt)
        seconds = step / 2 + self.jitter() * step / 2
        if retry_after is not None:
            if retry_after > self.longest:
                return None
            seconds = max(seconds, retry_after)
        return seconds if time.monotonic() - started + seconds <= self.total else None


@dataclass(frozen=True)
class Signature:
    """What goes with a request to one URL: fields (a token in a query or form, where a server
    needs it there), headers, and whether the transport may add credentials of its own."""

    fields: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    credentials: bool = False


Signer = Callable[[str], Signature]


def unsigned(url: str) -> Signature:
    return Signature()


def origin(url: str) -> tuple[str, str, int | None]:
    """Scheme, host and port (the scheme's default when not written): what must match for a URL to
    be on the same server."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        return scheme, "", None
    return scheme, (parts.hostname or "").lower(), port or _DEFAULT_PORTS.get(scheme)


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: plain http never leaves this computer."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_secure(url: str) -> bool:
    """Whether credentials may travel to `url`: https, or plain http to this computer."""
    scheme, host, _ = origin(url)
    return scheme == "https" or (scheme == "http" and is_loopback(host))


def describe_origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def retry_after(answer: HttpResponse) -> float | None:
    """The answer's Retry-After in seconds (written as seconds or as an HTTP date), or None."""
    text = answer.header("retry-after").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class Exchange:
    """Sends requests through a transport with the rules above."""

    def __init__(self, transport: Transport, settings: Settings, retry: RetryPolicy):
        self.transport = transport
        self.settings = settings
        self.retry = retry

    def send(
        self,
        method: str,
        url: str,
        fields: Mapping[str, str],
        *,
        own: str,
        sign: Signer = unsigned,
        files: Mapping[str, FileField] | None = None,
        destination: Path | None = None,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """Send `fields` (the query of a GET, the form of a POST) to `url`, following redirects:
        at most MAX_REDIRECTS, each signed by `sign` for the URL it goes to; a POST only within the
        origin of `own`. `destination`: a GET whose successful body is streamed to that file.
        `body`: a document sent as it is instead of a form (its Content-Type in `headers`);
        `headers`: sent with every request, under the signature's own."""
        first = url
        for _ in range(MAX_REDIRECTS + 1):
            signature = sign(url)
            if headers:
                signature = Signature(signature.fields, {**headers, **signature.headers}, signature.credentials)
            answer = self._retrying(method, url, fields, signature, files, destination, body)
            location = answer.header("location")
            if answer.status not in _REDIRECTS or not location:
                return answer
            target = urljoin(answer.url, location.strip())
            _check_redirect(method, answer.url, target, own)
            if method == "POST" and answer.status in (301, 302, 303):  # HTTP's rule: the POST becomes a GET
                method, files, body = "GET", None, None
            if method == "GET":
                fields = {}  # the Location is the whole new address, query included
            url = target
        raise BadResponse(
            f"{describe_host(first)} redirected more than {MAX_REDIRECTS} times "
            f"(last to {describe_host(url)}): not followed further."
        )

    def _retrying(
        self,
        method: str,
        url: str,
        fields: Mapping[str, str],
        signature: Signature,
        files: Mapping[str, FileField] | None,
        destination: Path | None,
        body: bytes | None = None,
    ) -> HttpResponse:
        """One exchange, sent again while the retry rules allow."""
        idempotent, started = method == "GET", time.monotonic()
        attempt = 0
        while True:
            try:
                answer = self._once(method, url, fields, signature, files, destination, body)
            except Cancelled:
                raise
            except ConnectionFailed as failure:
                spent = isinstance(failure, TimedOut) and failure.reached  # the whole deadline went by already
                allowed = not spent and (idempotent or not failure.reached)
                wait = self.retry.wait(attempt, started, None) if allowed else None
                if wait is None:
                    raise
                reason = str(failure)
            else:
                if not _retryable(answer.status, idempotent):
                    return answer
                wait = self.retry.wait(attempt, started, retry_after(answer))
                if wait is None:
                    return answer
                reason = f"HTTP {answer.status}"
            log.info("%s %s: %s; sent again in %.1f s.", method, describe_host(url), reason, wait)
            self._pause(wait, url)
            attempt += 1

    def _once(
        self,
        method: str,
        url: str,
        fields: Mapping[str, str],
        signature: Signature,
        files: Mapping[str, FileField] | None,
        destination: Path | None,
        body: bytes | None = None,
    ) -> HttpResponse:
        if self.transport.cancelled():
            raise Cancelled(f"The request to {describe_host(url)} was cancelled.", reached=False)
        values = {**fields, **signature.fields}
        long = destination is not None or bool(files)
        limits = Limits(
            self.settings.download_deadline if long else self.settings.request_deadline, self.settings.max_body_bytes
        )
        if destination is not None:
            return self.transport.download(
                url,
                destination,
                params=values,
                headers=signature.headers,
                limits=limits,
                credentials=signature.credentials,
            )
        if method == "GET":
            return self.transport.request(
                "GET", url, params=values, headers=signature.headers, limits=limits, credentials=signature.credentials
            )
        if body is not None or method not in ("POST",):  # a document (JSON), or a DELETE
            return self.transport.request(
                method,
                url,
                params=values,
                headers=signature.headers,
                limits=limits,
                credentials=signature.credentials,
                body=body if body is not None else b"",
            )
        for _, stream, _ in (files or {}).values():
            stream.seek(0)  # a file sent again goes from its start
        return self.transport.request(
            method,
            url,
            data=values,
            files=files,
            headers=signature.headers,
            limits=limits,
            credentials=signature.credentials,
        )

    def _pause(self, seconds: float, url: str) -> None:
        """Wait before a retry, ending at once (Cancelled) when the transport is cancelled."""
        while seconds > 0:
            if self.transport.cancelled():
                raise Cancelled(f"The request to {describe_host(url)} was cancelled.", reached=False)
            self.retry.sleep(min(seconds, _PAUSE_SLICE))
            seconds -= _PAUSE_SLICE


def _retryable(status: int, idempotent: bool) -> bool:
    return status == 429 or (status >= 500 if idempotent else status == 503)


def _check_redirect(method: str, source: str, target: str, own: str) -> None:
    if origin(target)[0] not in _DEFAULT_PORTS:
        raise BadResponse(f"{describe_host(source)} redirected to a non-web address: not followed.")
    if method != "GET" and origin(target) != origin(own):
        raise BadResponse(
            f"{describe_host(source)} redirected the request to another server, "
            f"{describe_origin(target)}: it was not sent there."
        )
