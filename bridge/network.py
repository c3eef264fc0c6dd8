"""gp_core's `Transport` on QGIS's network stack, so requests honour the user's proxy, SSL settings,
custom CAs, network timeout and authentication configurations (authcfg).

Every request is one `QgsBlockingNetworkRequest`, made in the calling thread: Processing's worker
thread, a QgsTask, or the main thread (QGIS then runs the request in a helper thread of its own).
"""
from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Mapping
from urllib.parse import urlencode, urlsplit

from qgis.core import QgsBlockingNetworkRequest, QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QByteArray, Qt, QTemporaryFile, QUrl, pyqtBoundSignal
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..gp_core.errors import ConnectionFailed, DataError
from ..gp_core.transport import FileField, HttpResponse, describe_host

_FORM = "application/x-www-form-urlencoded"
_COPY_CHUNK = 1 << 20
# What follows the path of a URL quoted in a message from Qt or QGIS: a query may hold a token.
_QUERY_IN_TEXT = re.compile(r"(\b[a-zA-Z][\w+.-]*://[^\s?#]*)[?#]\S*")
_Answer = tuple[int, QByteArray, str]
"""Status, body and content type."""


class QgisTransport:
    """Sends gp_core's requests through QGIS.

    `authcfg` (a QGIS authentication configuration id) is applied only to requests whose host
    (`host[:port]`, without case) is `auth_host`, so a result URL on another host never receives
    the credentials. A cancelled `feedback` aborts the request under way and stops the next ones;
    `feedback` may be replaced or set to None between requests, since a job's cancel has to reach
    the server after the user cancelled. `timeout_ms` stops a request that receives nothing for that
    long; QGIS's own network timeout (Settings > Options > Network) applies in any case, so
    `timeout_ms` can only shorten it.
    """

    def __init__(self, authcfg: str = "", auth_host: str = "", feedback: QgsFeedback | None = None,
                 timeout_ms: int | None = None):
        self._authcfg = authcfg
        self._auth_host = auth_host.lower()
        self.feedback = feedback
        self._timeout_ms = timeout_ms

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
        """Send one GET or POST. An HTTP error status comes back as an answer with its body; no
        answer at all raises ConnectionFailed."""
        status, content, content_type = self._exchange(method, url, params, data, files, headers)
        return HttpResponse(status, bytes(content), content_type, url)

    def download(
        self,
        url: str,
        destination: Path,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> HttpResponse:
        """Write the body to `destination`. QgsBlockingNetworkRequest cannot stream: the body is held
        in memory first. An HTTP error leaves `destination` alone and comes back with its body."""
        status, content, content_type = self._exchange("GET", url, params, None, None, headers)
        if status >= 400:
            return HttpResponse(status, bytes(content), content_type, url)
        with open(destination, "wb") as out:
            out.write(content)
        return HttpResponse(status, b"", content_type, url)

    def _exchange(self, method: str, url: str, params: Mapping[str, str] | None, data: Mapping[str, str] | None,
                  files: Mapping[str, FileField] | None, headers: Mapping[str, str] | None) -> _Answer:
        feedback = self.feedback  # one feedback for the whole request, whatever happens to the attribute
        if _is_cancelled(feedback):
            raise ConnectionFailed(f"The request to {describe_host(url)} was cancelled.")
        params, headers = _token_in_header(params, headers)
        request = QNetworkRequest(_qurl(url, params))
        for name, value in (headers or {}).items():
            request.setRawHeader(name.encode("utf-8"), value.encode("utf-8"))
        if self._timeout_ms is not None:
            request.setTransferTimeout(self._timeout_ms)
        sender = QgsBlockingNetworkRequest()
        prime_notifications(sender.finished)
        if feedback is not None:
            prime_notifications(feedback.canceled)
        authenticated = bool(self._authcfg) and urlsplit(url).netloc.lower() == self._auth_host
        if authenticated:
            sender.setAuthCfg(self._authcfg)
        code = _send_cancellable(sender, request, method, data or {}, files, feedback)
        reply = sender.reply()
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
        if status is None or _broken(reply.error()) or code == QgsBlockingNetworkRequest.TimeoutError:
            raise self._failure(sender, code, url, authenticated, feedback)
        return int(status), reply.content(), bytes(reply.rawHeader(b"Content-Type")).decode("latin-1")

    def _failure(self, sender: QgsBlockingNetworkRequest, code: QgsBlockingNetworkRequest.ErrorCode, url: str,
                 authenticated: bool, feedback: QgsFeedback | None) -> ConnectionFailed:
        """Why no answer came, naming the host but never the query (it may hold a token)."""
        where = describe_host(url)
        if _is_cancelled(feedback):
            return ConnectionFailed(f"The request to {where} was cancelled.")
        aborted = sender.reply().error() == QNetworkReply.OperationCanceledError
        if code == QgsBlockingNetworkRequest.TimeoutError or (aborted and self._timeout_note()):
            return ConnectionFailed(f"{where} did not answer in time ({self._timeout_note()}).")
        reason = _QUERY_IN_TEXT.sub(r"\1", sender.errorMessage() or sender.reply().errorString()).rstrip(".")
        using = f" with the authentication configuration '{self._authcfg}'" if authenticated else ""
        return ConnectionFailed(f"Could not reach {where}{using}: {reason}.")

    def _timeout_note(self) -> str:
        """The timeout that stops a silent request: the shorter of `timeout_ms` and QGIS's (0: none);
        both count from the last data received. Empty when there is none."""
        qgis_ms = QgsNetworkAccessManager.timeout()
        if self._timeout_ms is not None and not 0 < qgis_ms <= self._timeout_ms:
            return f"nothing came for {self._timeout_ms / 1000:g} s"
        if qgis_ms > 0:
            return (f"nothing came for {qgis_ms / 1000:g} s, QGIS's network timeout, "
                    "set in Settings > Options > Network")
        return ""


def prime_notifications(signal: pyqtBoundSignal) -> None:
    """Make sure C++ never needs Python to notify the signal's object of a connect or disconnect.

    An object made from Python is a sip subclass: the first time C++ calls one of its virtual
    methods, sip takes the GIL to look for a Python override, then remembers there is none. QGIS
    connects the request (and the feedback) to objects of its own in the thread that sends, and Qt
    calls `disconnectNotify` when it destroys them while holding one of its shared signal-slot
    locks: a first look there waits for the GIL under that lock, and a thread holding the GIL that
    wants the same lock (the main thread building a widget) deadlocks with it. A connect and a
    disconnect from Python, with the GIL held, make sip remember beforehand.
    """
    signal.connect(_nothing)
    signal.disconnect(_nothing)


def _nothing() -> None:
    """What `prime_notifications` connects for a moment."""


def _token_in_header(params: Mapping[str, str] | None, headers: Mapping[str, str] | None
                     ) -> tuple[dict[str, str], dict[str, str]]:
    """QGIS writes the URL of a failed request to its Network log and keeps answers, by URL, in its
    disk cache: a token never goes in a URL here. ArcGIS takes it as `X-Esri-Authorization: Bearer
    <token>` too (a POST keeps it in its body, which is neither logged nor cached)."""
    query, extra = dict(params or {}), dict(headers or {})
    token = query.pop("token", None)
    if token:
        extra["X-Esri-Authorization"] = f"Bearer {token}"
    return query, extra


def _is_cancelled(feedback: QgsFeedback | None) -> bool:
    return feedback is not None and feedback.isCanceled()


def _send_cancellable(sender: QgsBlockingNetworkRequest, request: QNetworkRequest, method: str,
                      data: Mapping[str, str], files: Mapping[str, FileField] | None,
                      feedback: QgsFeedback | None) -> QgsBlockingNetworkRequest.ErrorCode:
    """`_send`, ended by a cancel whenever it comes. QGIS 3.22 waits forever when the feedback is
    cancelled after the request started but before QGIS tied the reply to the feedback (the reply
    is deleted without ever finishing): a cancel also ends the wait from here."""
    if feedback is None:
        return _send(sender, request, method, data, files, None)
    feedback.canceled.connect(sender.finished, Qt.QueuedConnection)
    try:
        return _send(sender, request, method, data, files, feedback)
    finally:
        feedback.canceled.disconnect(sender.finished)


def _send(sender: QgsBlockingNetworkRequest, request: QNetworkRequest, method: str, data: Mapping[str, str],
          files: Mapping[str, FileField] | None, feedback: QgsFeedback | None) -> QgsBlockingNetworkRequest.ErrorCode:
    """forceRefresh is on: QGIS would otherwise answer a repeated GET (a job's status) from its cache."""
    if method.upper() == "GET":
        return sender.get(request, True, feedback)
    if method.upper() != "POST":
        raise ValueError(f"QgisTransport sends GET and POST requests, not {method}.")
    if files:
        body, content_type = _multipart(data, files)
        request.setHeader(QNetworkRequest.ContentTypeHeader, content_type)
        return sender.post(request, body, True, feedback)
    request.setHeader(QNetworkRequest.ContentTypeHeader, _FORM)
    return sender.post(request, urlencode(data).encode("ascii"), True, feedback)


def _broken(error: QNetworkReply.NetworkError) -> bool:
    """Errors of the connection (refused, closed, aborted, timed out, SSL...), of a proxy, or a broken
    HTTP answer: whatever body came is cut short or is not the server's. Qt's other errors only
    mirror an HTTP error status (404, 500...), whose body is the server's answer."""
    return 0 < error <= QNetworkReply.UnknownProxyError or error == QNetworkReply.ProtocolFailure


def _qurl(url: str, params: Mapping[str, str] | None) -> QUrl:
    """The URL with `params` form-encoded into its query. Encoded here rather than with QUrlQuery,
    which leaves `+` as it is (servers read it as a space)."""
    if params:
        url += ("&" if "?" in url else "?") + urlencode(params)
    return QUrl.fromEncoded(url.encode("utf-8"))


def _multipart(fields: Mapping[str, str], files: Mapping[str, FileField]) -> tuple[QTemporaryFile, str]:
    """A multipart/form-data body and its content type. The body is written to a temporary file, so
    a large upload is streamed from disk instead of held in memory."""
    boundary = f"RemoteGP-{uuid.uuid4().hex}"
    body = QTemporaryFile()
    if not body.open():
        raise DataError(f"Cannot prepare an upload in the temporary folder: {body.errorString()}.")
    for name, value in fields.items():
        _write(body, _part_head(boundary, name) + b"\r\n" + value.encode("utf-8") + b"\r\n")
    for name, (file_name, stream, content_type) in files.items():
        _write(body, _part_head(boundary, name, file_name) + f"Content-Type: {content_type}\r\n\r\n".encode("utf-8"))
        while chunk := stream.read(_COPY_CHUNK):
            _write(body, chunk)
        _write(body, b"\r\n")
    _write(body, f"--{boundary}--\r\n".encode("ascii"))
    body.seek(0)
    prime_notifications(body.readyRead)  # Qt's upload device reads it in the sending thread
    return body, f"multipart/form-data; boundary={boundary}"


def _part_head(boundary: str, name: str, file_name: str | None = None) -> bytes:
    """A part's boundary line and Content-Disposition, names written as browsers write them (UTF-8,
    with `"`, CR and LF percent-escaped), which is what servers' upload pages receive."""
    disposition = f'form-data; name="{_escaped(name)}"'
    if file_name is not None:
        disposition += f'; filename="{_escaped(file_name)}"'
    return f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode("utf-8")


def _escaped(text: str) -> str:
    return text.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _write(body: QTemporaryFile, chunk: bytes) -> None:
    if body.write(chunk) != len(chunk):
        raise DataError(f"Cannot prepare an upload in the temporary folder: {body.errorString()}.")
