"""HTTP on the wire for the hostile world: listeners, requests as received, answers delivered well
or badly on purpose (reset mid-body, cut short, trickled).

A listener with a certificate serves https AND plain http on the same port (it looks at the first
byte of each connection: a TLS handshake starts with 0x16), so `http://host:port` is the same host
and port as `https://host:port`, only without TLS: the downgrade a client must not follow with its
credentials.
"""

from __future__ import annotations

import fcntl
import socket
import ssl
import struct
import termios
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

TLS_HANDSHAKE = 0x16
IDLE_SECONDS = 60.0
"""How long a connection may stay silent (keep-alive, or a client that hung) before it is closed."""
TRICKLE_SECONDS = 0.5
TRICKLE_LIMIT_SECONDS = 300.0
"""A trickle ends at the latest then, so a hung client cannot keep a thread here for ever."""
DRAIN_SECONDS = 2.0
"""How long a reset waits for what it sent to leave (else the reset would discard it)."""
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"}

WHOLE, RESET, SHORT, TRICKLE = "whole", "reset mid-body", "short body", "trickle"


@dataclass(frozen=True)
class Request:
    listener: str
    secure: bool
    method: str
    target: str
    """Path and query, as sent."""
    headers: Mapping[str, str]
    """Names in lower case."""
    body: bytes

    @property
    def host(self) -> str:
        return self.headers.get("host", "")

    @property
    def scheme(self) -> str:
        return "https" if self.secure else "http"


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    """Without Content-Length: it is written from the body (SHORT announces more than it sends)."""
    delivery: str = WHOLE

    @property
    def content_type(self) -> str:
        return next((v for k, v in self.headers.items() if k.lower() == "content-type"), "")


def forwarded_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """End-to-end headers only (no hop-by-hop ones, no length: a proxy writes its own)."""
    return {
        name: value
        for name, value in headers.items()
        if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length"
    }


class Listener(ThreadingHTTPServer):
    """One listening socket of the world. `answer` makes the answer to each request; `record`, when
    given, receives every byte read from a connection (before any parsing)."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        name: str,
        answer: Callable[[Request], Answer],
        tls: ssl.SSLContext | None = None,
        record: Callable[[str, bool, bytes], None] | None = None,
    ):
        self.name = name
        self.answer = answer
        self.tls = tls
        self.record = record
        super().__init__(address, _Handler)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def finish_request(self, request: socket.socket, client_address) -> None:  # type: ignore[override]
        """Runs in the connection's own thread: sniff TLS there, so a silent client blocks nobody."""
        request.settimeout(IDLE_SECONDS)
        if self.tls is not None and _starts_tls(request):
            request = self.tls.wrap_socket(request, server_side=True)
        _Handler(request, client_address, self)

    def handle_error(self, request, client_address) -> None:
        """Quiet: clients that give up, reset or fail the TLS handshake are the point here."""


def _starts_tls(connection: socket.socket) -> bool:
    try:
        first = connection.recv(1, socket.MSG_PEEK)
    except OSError:
        return False
    return bool(first) and first[0] == TLS_HANDSHAKE


class _Recorded:
    """A connection's read side that hands every byte it reads to `record` too."""

    def __init__(self, stream, record: Callable[[bytes], None]):
        self._stream = stream
        self._record = record

    def readline(self, limit: int = -1) -> bytes:
        return self._seen(self._stream.readline(limit))

    def read(self, size: int = -1) -> bytes:
        return self._seen(self._stream.read(size))

    def _seen(self, data: bytes) -> bytes:
        if data:
            self._record(data)
        return data

    def close(self) -> None:
        self._stream.close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: Listener

    def setup(self) -> None:
        super().setup()
        self.secure = isinstance(self.connection, ssl.SSLSocket)
        if self.server.record is not None:
            record, name, secure = self.server.record, self.server.name, self.secure
            self.rfile = _Recorded(self.rfile, lambda data: record(name, secure, data))

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (OSError, ssl.SSLError):
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        body = self._body()
        request = Request(
            self.server.name,
            self.secure,
            self.command,
            self.path,
            {name.lower(): value for name, value in self.headers.items()},
            body,
        )
        self._deliver(self.server.answer(request))

    do_POST = do_PUT = do_DELETE = do_HEAD = do_GET  # noqa: N815 (http.server's names)

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while size := int(self.rfile.readline().split(b";")[0].strip() or b"0", 16):
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            while self.rfile.readline().strip():  # trailers, up to the blank line
                pass
            return b"".join(chunks)
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _deliver(self, answer: Answer) -> None:
        announced = len(answer.body) + (1024 if answer.delivery == SHORT else 0)
        head = f"HTTP/1.1 {answer.status} {HTTPStatus(answer.status).phrase}\r\n"
        head += "".join(f"{name}: {value}\r\n" for name, value in answer.headers.items())
        head += f"Content-Length: {announced}\r\n\r\n"
        data = head.encode("latin-1") + answer.body
        if answer.delivery == WHOLE:
            self.wfile.write(data)
            return
        self.close_connection = True
        if answer.delivery == TRICKLE:
            _trickle(self.connection, data)
        elif answer.delivery == SHORT:
            self.wfile.write(data)
            self.connection.shutdown(socket.SHUT_WR)
        elif answer.delivery == RESET:
            self.wfile.write(data[: len(head) + len(answer.body) // 2])
            _reset(self.connection)


def _trickle(connection: socket.socket, data: bytes) -> None:
    """One byte every TRICKLE_SECONDS, until the client goes away (or the limit)."""
    ends = time.monotonic() + TRICKLE_LIMIT_SECONDS
    for index in range(len(data)):
        if time.monotonic() > ends:
            return
        try:
            connection.sendall(data[index : index + 1])
        except OSError:
            return
        time.sleep(TRICKLE_SECONDS)


def _reset(connection: socket.socket) -> None:
    """Close with a TCP reset, once what was sent has left (a reset discards what is still queued)."""
    ends = time.monotonic() + DRAIN_SECONDS
    while _unsent(connection) and time.monotonic() < ends:
        time.sleep(0.001)
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def _unsent(connection: socket.socket) -> int:
    """Bytes in the socket's send queue that the peer has not acknowledged yet (Linux)."""
    return struct.unpack("i", fcntl.ioctl(connection.fileno(), termios.TIOCOUTQ, b"\0\0\0\0"))[0]
