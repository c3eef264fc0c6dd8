"""Small HTTP servers on 127.0.0.1 whose every answer a test writes, for what the reference server
cannot do on purpose: redirect anywhere, trickle, reset, fail once, refuse a header. Each records
every request it receives, so a test can count them and prove what was (not) sent where."""

from __future__ import annotations

import json
import socket
import ssl
import struct
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True)
class Received:
    method: str
    target: str
    """The request target as sent: path and query."""
    headers: Mapping[str, str]
    """Names in lower case."""
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def fields(self) -> dict[str, str]:
        """Query and form fields together."""
        fields = dict(parse_qsl(urlsplit(self.target).query))
        if self.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            fields.update(parse_qsl(self.body.decode("utf-8")))
        return fields

    def text(self) -> str:
        """Everything the request carried, for proving a secret was not in it."""
        head = "".join(f"{name}: {value}\n" for name, value in self.headers.items())
        return f"{self.method} {self.target}\n{head}\n{self.body.decode('utf-8', 'replace')}"


@dataclass
class Reply:
    status: int = 200
    body: Any = b""
    """bytes as they are; anything else is sent as JSON."""
    headers: Mapping[str, str] = field(default_factory=dict)
    every: float = 0.0
    """Seconds between two bytes of the body (a trickle); with `slow_head`, of the status line and headers too."""
    slow_head: bool = False
    cut_after: int | None = None
    """Send only this many bytes of the body, then reset the connection."""

    def content(self) -> bytes:
        return self.body if isinstance(self.body, bytes) else json.dumps(self.body).encode()


Handler = Callable[[Received], Reply]


def in_turn(*replies: Reply) -> Handler:
    """A handler answering each request with the next reply, the last one for ever after."""
    left = list(replies)

    def handler(request: Received) -> Reply:
        return left.pop(0) if len(left) > 1 else left[0]

    return handler


class ScriptedServer:
    """`with ScriptedServer(handler) as server:` — `server.url` is its root (`http://127.0.0.1:<port>`),
    `server.received` what came. `tls` (cert, key) serves https instead."""

    def __init__(self, handler: Handler, tls: tuple[Path, Path] | None = None):
        self.handler = handler
        self.received: list[Received] = []
        self._closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _RequestHandler)
        self._httpd.scripted = self  # type: ignore[attr-defined]
        self._httpd.handle_error = lambda request, address: None  # a client that went away is no news
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*map(str, tls))
            self._httpd.socket = context.wrap_socket(self._httpd.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self._httpd.server_port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=10)

    def paths(self) -> list[str]:
        return [request.path for request in self.received]

    def everything(self) -> str:
        return "\n".join(request.text() for request in self.received)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_DELETE(self) -> None:
        self._answer()

    def _answer(self) -> None:
        scripted: ScriptedServer = self.server.scripted  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        request = Received(
            self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length)
        )
        scripted.received.append(request)
        reply = scripted.handler(request)
        content = reply.content()
        head = f"HTTP/1.1 {reply.status} Scripted\r\n"
        headers = {
            "Content-Type": "application/json" if not isinstance(reply.body, bytes) else "text/plain",
            "Content-Length": str(len(content)),
            **reply.headers,
        }
        head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
        try:
            self._write(head.encode("latin-1"), reply.every if reply.slow_head else 0.0, scripted)
            self._write(content[: reply.cut_after], reply.every, scripted)
        except OSError:
            self.close_connection = True
            return
        if headers.get("Connection", "").lower() == "close":
            self.close_connection = True
        if reply.cut_after is not None:  # a reset, not a clean end: no linger, no FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

    def _write(self, data: bytes, every: float, scripted: ScriptedServer) -> None:
        if not every:
            self.wfile.write(data)
            return
        for byte in data:
            if scripted._closing.is_set():
                raise OSError("closing")
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(every)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with openssl."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    return cert, key
