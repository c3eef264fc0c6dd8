"""gp_core's `Transport` on QGIS's network stack, so requests honour the user's proxy, SSL settings,
custom CAs, network timeout and authentication configurations (authcfg).

Built on QgsNetworkAccessManager rather than QgsBlockingNetworkRequest, which (QGIS 3.22) follows
redirects itself, to any host, re-applying the authcfg and re-sending POST bodies there, cannot
resolve a relative Location, holds whole answers in memory, knows no deadline, and lets Qt answer
a 5xx from the disk cache. Here each request is one exchange: a redirect comes back as it is (gp_core's
Server decides where to go next and with which credentials), the body is read as it arrives (counted
against a limit, or written to the caller's file), and a deadline ends it however slowly the server
sends.

An exchange runs in the calling thread (Processing's worker thread, a QgsTask's), with an event loop
and a network access manager of its own (so no connection is kept between two requests); from the
main thread it runs in a helper thread while the main thread waits, so no event of the GUI (a click,
a timer, a finished task) is handled mid-request.
"""

from __future__ import annotations

import io
import re
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable
from urllib.parse import urlencode

from qgis.core import QgsApplication, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QByteArray, QEventLoop, Qt, QTemporaryFile, QTimer, QUrl, pyqtBoundSignal
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..gp_core import (
    Cancelled,
    ConnectionFailed,
    CredentialsUnavailable,
    DataError,
    FileField,
    HttpResponse,
    Limits,
    ResponseTooLarge,
    TimedOut,
    describe_host,
    origin,
)
from .i18n import tr

_FORM = "application/x-www-form-urlencoded"
_COPY_CHUNK = 1 << 20
#: How often a request under way looks whether it is cancelled (Processing asks for 250 ms at most).
_CANCEL_CHECK_MS = 100
#: Bytes Qt may hold for a reply before it stops reading the socket (the body is read as it comes).
_READ_BUFFER = 4 << 20
_LONGEST_TIMER_MS = 2**31 - 1
# What follows the path of a URL quoted in a message from Qt or QGIS: a query may hold a token.
_QUERY_IN_TEXT = re.compile(r"(\b[a-zA-Z][\w+.-]*://[^\s?#]*)[?#]\S*")
# Failures that leave no doubt the request never reached the server.
_NOT_SENT = (
    QNetworkReply.ConnectionRefusedError,
    QNetworkReply.HostNotFoundError,
    QNetworkReply.SslHandshakeFailedError,
    QNetworkReply.ProxyConnectionRefusedError,
    QNetworkReply.ProxyNotFoundError,
    QNetworkReply.ProtocolUnknownError,
)


class QgisTransport:
    """Sends gp_core's requests through QGIS.

    `authcfg` (a QGIS authentication configuration id) is added to a request only when the caller
    allows credentials for it and the request goes to the origin (scheme, host, port) of `auth_url`,
    the connection's URL. When `cancelled()` turns true (a Processing feedback's `isCanceled`, a
    QgsTask's), the request under way is aborted and the next ones are not sent, as `Transport`
    declares. QGIS's own network timeout (Settings > Options > Network) applies besides each
    request's deadline.
    """

    def __init__(self, authcfg: str = "", auth_url: str = "", cancelled: Callable[[], bool] | None = None):
        self._authcfg = authcfg
        self._auth_origin = origin(auth_url) if auth_url else None
        self._cancel_hook = cancelled

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        files: Mapping[str, FileField] | None = None,
        headers: Mapping[str, str] | None = None,
        limits: Limits = Limits(),  # noqa: B008 — a frozen dataclass
        credentials: bool = False,
        body: bytes | None = None,
    ) -> HttpResponse:
        """Send one GET or POST (a form, or `body` as it is: a JSON document), or a DELETE. An HTTP
        error status or a redirect comes back as an answer with its body; no whole answer raises
        ConnectionFailed (TimedOut, Cancelled) or ResponseTooLarge."""
        if method.upper() not in ("GET", "POST", "DELETE"):
            raise ValueError(f"QgisTransport sends GET, POST and DELETE requests, not {method}.")
        return self._exchange(method.upper(), url, params, data, files, headers, limits, credentials, None, body)

    def download(
        self,
        url: str,
        destination: Path,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        limits: Limits = Limits(),  # noqa: B008 — a frozen dataclass
        credentials: bool = False,
    ) -> HttpResponse:
        """Write a successful (2xx) body to `destination` as it arrives; the answer comes back with an
        empty content. Any other answer comes back with its body and leaves `destination` alone. When
        no whole body came, what was written is removed before the error is raised."""
        return self._exchange("GET", url, params, None, None, headers, limits, credentials, destination, None)

    def cancelled(self) -> bool:
        return bool(self._cancel_hook and self._cancel_hook())

    def _exchange(
        self,
        method: str,
        url: str,
        params: Mapping[str, str] | None,
        data: Mapping[str, str] | None,
        files: Mapping[str, FileField] | None,
        headers: Mapping[str, str] | None,
        limits: Limits,
        credentials: bool,
        destination: Path | None,
        body: bytes | None,
    ) -> HttpResponse:
        if self.cancelled():
            raise Cancelled(tr("The request to {url} was cancelled.").format(url=describe_host(url)), reached=False)
        authcfg = self._authcfg if credentials and self._authcfg and origin(url) == self._auth_origin else ""
        request = _request(url, params, headers, limits)
        # Here, in the calling thread: the authentication database may ask for its master password.
        if authcfg and not _applied(request, authcfg):
            raise CredentialsUnavailable(_not_applied(url, authcfg))
        outgoing = _Outgoing(method, url, request, data or {}, files or {}, destination, authcfg, body)
        exchange = _Exchange(outgoing, limits, self.cancelled)
        if threading.current_thread() is threading.main_thread():
            _beside_main_thread(exchange)
        else:
            exchange.run()
        return exchange.answer()


@dataclass(frozen=True)
class _Outgoing:
    """A request ready to go: a form POST when `files` is empty, else a multipart one; a download
    when there is a `destination`."""

    method: str
    url: str
    request: QNetworkRequest
    fields: Mapping[str, str]
    files: Mapping[str, FileField]
    destination: Path | None
    authcfg: str
    body: bytes | None = None
    """Sent as it is, its Content-Type among the request's headers (a JSON document)."""


class _Exchange:
    """One request and its answer, from start to end in one thread: the Qt objects it makes live
    there. `run()` records the answer or the failure; `answer()` hands either over."""

    def __init__(self, outgoing: _Outgoing, limits: Limits, cancelled: Callable[[], bool]):
        self._out, self._limits, self._cancelled = outgoing, limits, cancelled
        self._reply: QNetworkReply | None = None
        self._upload: QTemporaryFile | None = None
        self._body = io.BytesIO()  # getvalue() hands over its buffer without a copy
        self._file: BinaryIO | None = None
        self._stopped = ""
        """Why the exchange aborted the reply itself: "cancel", "deadline", "size" or "file"."""
        self._file_error: DataError | None = None
        self._uploaded = False
        self._result: HttpResponse | None = None
        self._failure: Exception | None = None

    def answer(self) -> HttpResponse:
        if self._failure is not None:
            raise self._failure
        assert self._result is not None
        return self._result

    def run(self, main_thread_needed: Callable[[], None] | None = None) -> None:
        """Send and read everything. `main_thread_needed` runs when QGIS asks the (waiting) main
        thread to handle something for this request: an SSL error, a server or proxy asking for a password."""
        try:
            self._result = self._run(main_thread_needed)
        except Exception as error:  # noqa: BLE001 — handed to the thread that asked
            self._failure = _detached(error)
            self._close_file(complete=False)

    def _run(self, main_thread_needed: Callable[[], None] | None) -> HttpResponse:
        loop = QEventLoop()  # first: it gives a thread Qt did not start an event dispatcher, which timers need
        nam = _network_access_manager(Qt.DirectConnection if main_thread_needed else Qt.BlockingQueuedConnection)
        wake = (lambda *_: main_thread_needed()) if main_thread_needed else None
        for signal in _main_thread_signals(nam) if wake else ():
            signal.connect(wake, Qt.DirectConnection)
        deadline = _timer(self._limits.deadline * 1000, lambda: self._stop("deadline"), single_shot=True)
        watch = _timer(_CANCEL_CHECK_MS, self._watch)
        try:
            self._reply = reply = self._send(nam)
            reply.readyRead.connect(self._read)
            reply.uploadProgress.connect(self._upload_progress)
            reply.finished.connect(loop.quit)
            try:
                authcfg = self._out.authcfg
                if authcfg and not QgsApplication.authManager().updateNetworkReply(reply, authcfg):
                    reply.abort()
                    raise CredentialsUnavailable(_not_applied(self._out.url, authcfg))
                reply.setReadBufferSize(_READ_BUFFER)
                deadline.start()
                watch.start()
                if not reply.isFinished():
                    loop.exec()
                deadline.stop()
                watch.stop()
                if not self._stopped:
                    self._read()
                return self._conclude(reply)
            finally:
                reply.readyRead.disconnect(self._read)
                reply.uploadProgress.disconnect(self._upload_progress)
                self._reply = None
                _release(reply)
        finally:
            for signal in _main_thread_signals(nam) if wake else ():
                signal.disconnect(wake)

    def _send(self, nam: QgsNetworkAccessManager) -> QNetworkReply:
        out = self._out
        if out.method == "GET":
            return nam.get(out.request)
        if out.method == "DELETE":
            return nam.deleteResource(out.request)
        if out.body is not None:
            return nam.post(out.request, QByteArray(out.body))
        if out.files:
            self._upload, content_type = _multipart(out.fields, out.files)  # kept until the reply ends
            out.request.setHeader(QNetworkRequest.ContentTypeHeader, content_type)
            return nam.post(out.request, self._upload)
        out.request.setHeader(QNetworkRequest.ContentTypeHeader, _FORM)
        return nam.post(out.request, QByteArray(urlencode(out.fields).encode("ascii")))

    def _watch(self) -> None:
        if self._cancelled():
            self._stop("cancel")

    def _stop(self, why: str) -> None:
        if self._reply is not None and not self._reply.isFinished():
            self._stopped = why
            self._reply.abort()

    def _upload_progress(self, sent: int, _total: int) -> None:
        self._uploaded = self._uploaded or sent > 0

    def _read(self) -> None:
        """Takes what came: into the download file (a successful answer to a download), else into
        memory up to the limit. Never raises: an exception in a Qt slot would end QGIS."""
        data = bytes(self._reply.readAll())  # type: ignore[union-attr]  # called by the reply itself
        if self._out.destination is not None and _successful(self._reply):
            try:
                if self._file is None:
                    self._file = open(self._out.destination, "wb")
                self._file.write(data)
            except OSError as error:
                self._file_error = _cannot_write(self._out.destination, error)
                self._stop("file")
            return
        if self._body.tell() + len(data) > self._limits.max_body_bytes:
            self._stop("size")
            return
        self._body.write(data)

    def _conclude(self, reply: QNetworkReply) -> HttpResponse:
        """The answer, or the exception that says why there is none."""
        where = describe_host(self._out.url)
        status, error = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute), reply.error()
        aborted = bool(self._stopped) or error in (QNetworkReply.OperationCanceledError, QNetworkReply.TimeoutError)
        reached = error not in _NOT_SENT and (status is not None or self._uploaded or not aborted)
        if self._stopped == "cancel":
            raise Cancelled(tr("The request to {url} was cancelled.").format(url=where), reached=reached)
        if self._stopped == "deadline":
            raise TimedOut(_deadline_text(where, self._limits), reached=reached)
        if self._stopped == "size":
            raise ResponseTooLarge(
                tr("{url} sent an answer larger than {size}: it was not read further.").format(
                    url=where, size=_size_text(self._limits.max_body_bytes)
                )
            )
        if self._stopped == "file":
            raise self._file_error  # type: ignore[misc]  # set with _stopped = "file"
        if aborted:
            raise TimedOut(_timeout_text(where, self._limits), reached=reached)
        if status is None or _broken(error):
            reason = _QUERY_IN_TEXT.sub(r"\1", reply.errorString()).rstrip(".")
            text = (
                tr("Could not reach {url} with the authentication configuration '{authcfg}': {reason}.")
                if self._out.authcfg
                else tr("Could not reach {url}: {reason}.")
            )
            raise ConnectionFailed(text.format(url=where, authcfg=self._out.authcfg, reason=reason), reached=reached)
        headers = {
            bytes(name).decode("latin-1").lower(): bytes(value).decode("latin-1")
            for name, value in reply.rawHeaderPairs()
        }
        content_type = headers.get("content-type", "")
        if self._out.destination is not None and _successful(reply):
            self._close_file(complete=True)
            return HttpResponse(int(status), b"", content_type, self._out.url, headers)
        return HttpResponse(int(status), self._body.getvalue(), content_type, self._out.url, headers)

    def _close_file(self, complete: bool) -> None:
        """Closes the download; an incomplete one is removed. An empty body still makes a file."""
        destination = self._out.destination
        if destination is None:
            return
        if self._file is None and complete:
            try:
                self._file = open(destination, "wb")
            except OSError as error:
                raise _cannot_write(destination, error) from None
        if self._file is not None:
            self._file.close()
            if not complete:
                destination.unlink(missing_ok=True)


def _beside_main_thread(exchange: _Exchange) -> None:
    """Runs the exchange in a helper thread while the main thread waits without running its event
    loop (which would handle clicks and timers mid-request, and run code that sends again). Only when
    QGIS needs the main thread for this request (an SSL error to accept, a password to ask for) does
    the main thread handle its events, from then on until the exchange ends, as QGIS's own blocking
    requests do."""
    needed, finished = threading.Event(), threading.Event()

    def run() -> None:
        try:
            exchange.run(needed.set)
        finally:
            finished.set()
            needed.set()

    helper = threading.Thread(target=run, name="Remote GP request", daemon=True)
    helper.start()
    needed.wait()
    while not finished.is_set():
        QgsApplication.processEvents()
        finished.wait(0.01)
    helper.join()


def _network_access_manager(connection_type: Qt.ConnectionType) -> QgsNetworkAccessManager:
    """A network access manager for one exchange, set up as QGIS sets up its per-thread ones (proxy,
    SSL, timeout, the Network Logger), and deleted with the exchange.

    Made from Python rather than taken from QgsNetworkAccessManager.instance(): PyQt5 watches the
    destruction of every QObject made by C++ that Python has seen, from the main thread, and can take
    an object made later at the same address for the destroyed one; QGIS destroys its per-thread
    instances when their threads end. One per exchange, since Python cannot delete one at the end of
    a thread it did not start. It has no cache: Qt answers a 5xx with the cached copy of the URL,
    whatever the request says about the cache (QNetworkReplyHttpImplPrivate::replyDownloadMetaData,
    Qt 5.15), and such a reply never finishes (QgsBlockingNetworkRequest returns the error glued to
    the copy, as HTTP 200)."""
    nam = QgsNetworkAccessManager()
    prime_notifications(nam.proxyAuthenticationRequired)  # QGIS connects it to the main thread's
    nam.setupDefaultProxyAndCache(connection_type)
    nam.setCache(None)
    return nam


def _detached(error: Exception) -> Exception:
    """The error without its traceback and the errors it came from, whose frames hold _run's: the
    network access manager must be deleted in the thread of the exchange, and the reply's Python
    wrapper must not outlive the reply (see _release)."""
    error.__traceback__, error.__context__, error.__cause__ = None, None, None
    return error


def _release(reply: QNetworkReply) -> None:
    """Has Qt delete the reply (with its network access manager at the latest). PyQt5 learns that a
    C++ object it wrapped was destroyed through a connection to its `destroyed` signal, queued to the
    main thread when the object dies in another thread: by the time the main thread gets to it, a
    new reply may have been made at the same address, and PyQt5 would declare that one deleted. So
    the reply is cut from that connection first (nothing else of QGIS or Qt listens to it)."""
    reply.destroyed.disconnect()
    reply.deleteLater()


def _main_thread_signals(nam: QgsNetworkAccessManager) -> list[pyqtBoundSignal]:
    """The signals of a thread's network access manager that come before QGIS asks the main thread
    to handle something for one of its requests."""
    return [nam.requestRequiresAuth, nam.requestEncounteredSslErrors, nam.proxyAuthenticationRequired]


def _timer(milliseconds: float, action: Callable[[], None], single_shot: bool = False) -> QTimer:
    timer = QTimer()
    prime_notifications(timer.timeout)
    timer.setInterval(min(int(milliseconds), _LONGEST_TIMER_MS))
    timer.setSingleShot(single_shot)
    timer.timeout.connect(action)
    return timer


def _request(
    url: str, params: Mapping[str, str] | None, headers: Mapping[str, str] | None, limits: Limits
) -> QNetworkRequest:
    """The request as QGIS gets it: redirects not followed, no cache (there is none either), and
    Qt's own idle timeout set to the deadline (QGIS's, from its settings, applies too)."""
    request = QNetworkRequest(_qurl(url, params))
    for name, value in (headers or {}).items():
        request.setRawHeader(name.encode("utf-8"), value.encode("utf-8"))
    request.setAttribute(QNetworkRequest.RedirectPolicyAttribute, QNetworkRequest.ManualRedirectPolicy)
    request.setAttribute(QNetworkRequest.CacheLoadControlAttribute, QNetworkRequest.AlwaysNetwork)
    request.setAttribute(QNetworkRequest.CacheSaveControlAttribute, False)
    request.setTransferTimeout(min(int(limits.deadline * 1000), _LONGEST_TIMER_MS))
    return request


def prime_notifications(signal: pyqtBoundSignal) -> None:
    """Make sure C++ never needs Python to notify the signal's object of a connect or disconnect.

    An object made from Python is a sip subclass: the first time C++ calls one of its virtual
    methods, sip takes the GIL to look for a Python override, then remembers there is none. Qt and
    QGIS connect and disconnect objects in the thread that sends, and Qt calls `disconnectNotify`
    when it destroys a receiver while holding one of its shared signal-slot locks: a first look there
    waits for the GIL under that lock, and a thread holding the GIL that wants the same lock (the main
    thread building a widget) deadlocks with it. A connect and a disconnect from Python, with the GIL
    held, make sip remember beforehand.
    """
    signal.connect(_nothing)
    signal.disconnect(_nothing)


def _nothing() -> None:
    """What `prime_notifications` connects for a moment."""


def _successful(reply: QNetworkReply) -> bool:
    status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
    return status is not None and 200 <= int(status) < 300


def _broken(error: QNetworkReply.NetworkError) -> bool:
    """Errors of the connection (refused, closed, aborted, timed out, SSL...), of a proxy, or a broken
    HTTP answer: whatever body came is cut short or is not the server's. Qt's other errors only
    mirror an HTTP error status (404, 500...), whose body is the server's answer."""
    return 0 < error <= QNetworkReply.UnknownProxyError or error == QNetworkReply.ProtocolFailure


def _deadline_text(where: str, limits: Limits) -> str:
    return tr("{url} did not answer in time (the whole answer has to come within {seconds:g} s).").format(
        url=where, seconds=limits.deadline
    )


def _timeout_text(where: str, limits: Limits) -> str:
    """Why a request was aborted that the exchange did not stop itself: QGIS's network timeout
    (nothing came for that long), else Qt's idle timeout, which is the deadline."""
    qgis_ms = QgsNetworkAccessManager.timeout()
    if qgis_ms > 0:
        return tr(
            "{url} did not answer in time (nothing came for {seconds:g} s, QGIS's network timeout, "
            "set in Settings > Options > Network)."
        ).format(url=where, seconds=qgis_ms / 1000)
    return _deadline_text(where, limits)


def _applied(request: QNetworkRequest, authcfg: str) -> bool:
    """Whether the authentication configuration exists and went into the request (QGIS 3.22 may say
    it did for an id it does not know, once its database is open)."""
    manager = QgsApplication.authManager()
    return authcfg in manager.configIds() and manager.updateNetworkRequest(request, authcfg)


def _not_applied(url: str, authcfg: str) -> str:
    return tr(
        "Could not reach {url} with the authentication configuration '{authcfg}': QGIS could not apply it."
    ).format(url=describe_host(url), authcfg=authcfg)


def _cannot_write(path: Path, error: OSError) -> DataError:
    return DataError(tr("Cannot write the file {path}: {reason}.").format(path=path, reason=error.strerror or error))


def _size_text(size: int) -> str:
    return f"{size / (1 << 20):g} MB" if size >= 1 << 20 else f"{size} bytes"


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
        _write(body, _part_head(boundary, name, file_name) + f"Content-Type: {content_type}\r\n\r\n".encode())
        while chunk := stream.read(_COPY_CHUNK):
            _write(body, chunk)
        _write(body, b"\r\n")
    _write(body, f"--{boundary}--\r\n".encode("ascii"))
    body.seek(0)
    prime_notifications(body.readyRead)  # Qt's upload device connects to it in the sending thread
    return body, f"multipart/form-data; boundary={boundary}"


def _part_head(boundary: str, name: str, file_name: str | None = None) -> bytes:
    """A part's boundary line and Content-Disposition, names written as browsers write them (UTF-8,
    with `"`, CR and LF percent-escaped), which is what servers' upload pages receive."""
    disposition = f'form-data; name="{_escaped(name)}"'
    if file_name is not None:
        disposition += f'; filename="{_escaped(file_name)}"'
    return f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()


def _escaped(text: str) -> str:
    return text.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def _write(body: QTemporaryFile, chunk: bytes) -> None:
    if body.write(chunk) != len(chunk):
        raise DataError(f"Cannot prepare an upload in the temporary folder: {body.errorString()}.")
