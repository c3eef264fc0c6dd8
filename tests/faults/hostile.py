"""The hostile world: a server that misbehaves on purpose, and the places a client must not
send its secrets to. It stands in front of a reference GP server (kind "gp") or of the pygeoapi
OGC API - Processes server (kind "ogc"); the kind chooses how requests are told into phases.

- server      https://127.0.0.1:<port>/arcgis (GP) or https://127.0.0.1:<port> (OGC): the real server
              behind a proxy that injects the armed fault into the requests of the armed phase (see
              injections and phases).
              Plain http on the same port is a downgrade: it is recorded and answered "not here".
- elsewhere   https://127.0.0.2:<port>: another host. It records every byte it receives and
              answers every request with a 404 error body.
- plain       http://<a non-loopback address>:<port>/arcgis: the reference server over plain http
              on a host that is not this machine's loopback, recorded (a client must not sign in
              there: a password would cross the network in clear).
- control     http://127.0.0.1:<port>: POST /arm {"phase", "fault"} (clears the records), POST
              /disarm, GET /report (what every listener received, the tokens the server issued).

Secrets belong only to the server's own origin over TLS: everything the other listeners receive is
kept, to be searched for tokens and passwords.
"""

from __future__ import annotations

import http.client
import json
import ssl
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .injections import BY_NAME, Armed, Exchange
from .phases import ADMIN, CLASSIFIERS, TOKEN
from .wire import Answer, Listener, Request, forwarded_headers

UPSTREAM_TIMEOUT = 120.0
RECORD_LIMIT = 8 << 20
"""Bytes kept per recording listener between two reports."""
JSON_TYPE = {"Content-Type": "application/json; charset=utf-8"}
_TEXT = ("json", "text", "html", "javascript", "xml")
ROOTS = {"gp": "/arcgis", "ogc": ""}
"""The path of each kind of server's root on its origin."""


@dataclass(frozen=True)
class Seen:
    """One request as a listener saw it."""

    listener: str
    secure: bool
    method: str
    target: str
    phase: str | None
    fault: str | None
    forwarded: bool
    time: float


class Records:
    """What the world saw since the last arm: requests, raw bytes where secrets must not go, tokens."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.requests: list[Seen] = []
        self.received: dict[str, bytearray] = {}
        self.tokens: set[str] = set()
        """Every token the server issued, ever: all of them are secrets."""

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()
            self.received.clear()

    def seen(self, entry: Seen) -> None:
        with self._lock:
            self.requests.append(entry)

    def receive(self, where: str, data: bytes) -> None:
        with self._lock:
            kept = self.received.setdefault(where, bytearray())
            kept += data[: max(0, RECORD_LIMIT - len(kept))]

    def issued(self, token: str) -> None:
        with self._lock:
            self.tokens.add(token)

    def report(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": [asdict(seen) for seen in self.requests],
                "received": {where: data.decode("latin-1") for where, data in self.received.items()},
                "tokens": sorted(self.tokens),
            }


class _Forwarding:
    """The world as one fault sees it, noting whether the fault let the real server act."""

    def __init__(self, world: HostileWorld):
        self._world = world
        self.elsewhere = world.elsewhere
        self.forwarded = False

    def forward(self, request: Request) -> Answer:
        self.forwarded = True
        return self._world.forward(request)


def _not_here(request: Request) -> Answer:
    body = {"error": {"code": 404, "message": f"{request.host} is not the GP server.", "details": []}}
    return Answer(404, json.dumps(body).encode(), JSON_TYPE)


class HostileWorld:
    """The listeners, the armed fault and the records (see the module's docstring)."""

    def __init__(self, target_root: str, certificate: Path, key: Path, plain_host: str | None = None, kind: str = "gp"):
        self.kind = kind
        self._classify = CLASSIFIERS[kind]
        target = urlsplit(target_root)
        self._target_host, self._target_port = target.hostname or "127.0.0.1", target.port or 80
        self.records = Records()
        self.armed = Armed()
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(certificate, key)
        self.server = Listener(("127.0.0.1", 0), "server", self._serve, tls, self._record_unsafe)
        self.other = Listener(("127.0.0.2", 0), "elsewhere", self._elsewhere, tls, self._record_unsafe)
        self.plain = Listener((plain_host, 0), "plain", self._serve, None, self._record_unsafe) if plain_host else None
        self.control = Listener(("127.0.0.1", 0), "control", self._control)
        self.elsewhere = f"https://127.0.0.2:{self.other.port}"
        self._threads: list[threading.Thread] = []

    @property
    def listeners(self) -> list[Listener]:
        return [listener for listener in (self.server, self.other, self.plain, self.control) if listener]

    def urls(self) -> dict[str, str | None]:
        root = ROOTS[self.kind]
        return {
            "server": f"https://127.0.0.1:{self.server.port}{root}",
            "elsewhere": self.elsewhere,
            "plain": f"http://{self.plain.server_address[0]}:{self.plain.port}{root}" if self.plain else None,
            "control": f"http://127.0.0.1:{self.control.port}",
        }

    def start(self) -> None:
        for listener in self.listeners:
            thread = threading.Thread(target=listener.serve_forever, args=(0.05,), name=listener.name)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        for listener in self.listeners:
            listener.shutdown()
            listener.server_close()
        for thread in self._threads:
            thread.join()

    # -- the listeners' answers --------------------------------------------------------------------

    def _record_unsafe(self, listener: str, secure: bool, data: bytes) -> None:
        """Bytes that reached a place where no secret may go: all but the server's own TLS traffic."""
        if listener == "server" and secure:
            return
        self.records.receive("server over plain http" if listener == "server" else listener, data)

    def _serve(self, request: Request) -> Answer:
        if request.listener == "server" and not request.secure:
            self._seen(request, None, None, False)
            return _not_here(request)
        phase = self._phase(request)
        if phase == ADMIN:
            self._seen(request, phase, None, False)
            return Answer(403, b'{"error": {"code": 403, "message": "Admin area."}}', JSON_TYPE)
        struck = self.armed.take(phase) if request.listener == "server" else None
        if struck is None:
            self._seen(request, phase, None, True)
            return self.forward(request)
        fault, hits, first_hit = struck
        world = _Forwarding(self)
        answer = fault.answer(Exchange(request, world, hits, first_hit))
        self._seen(request, phase, fault.name, world.forwarded)
        return answer

    def _elsewhere(self, request: Request) -> Answer:
        self._seen(request, self._phase(request), None, False)
        return _not_here(request)

    def _phase(self, request: Request) -> str | None:
        return self._classify(request.method, request.target, request.headers)

    def _seen(self, request: Request, phase: str | None, fault: str | None, forwarded: bool) -> None:
        self.records.seen(
            Seen(
                request.listener,
                request.secure,
                request.method,
                request.target,
                phase,
                fault,
                forwarded,
                time.monotonic(),
            )
        )

    def forward(self, request: Request) -> Answer:
        """The reference server's answer, its URLs made to point back here."""
        host = request.host.rsplit(":", 1)[0] if request.host.startswith("localhost") else self._target_host
        headers = {
            name: value
            for name, value in forwarded_headers(request.headers).items()
            if name != "accept-encoding" and name != "host"
        }
        headers["Host"] = f"{host}:{self._target_port}"
        connection = http.client.HTTPConnection(self._target_host, self._target_port, timeout=UPSTREAM_TIMEOUT)
        try:
            connection.request(request.method, request.target, body=request.body or None, headers=headers)
            upstream = connection.getresponse()
            body = upstream.read()
        finally:
            connection.close()
        answer = self._pointing_here(
            Answer(upstream.status, body, forwarded_headers(dict(upstream.getheaders()))), request
        )
        self._note_token(request, answer)
        return answer

    def _pointing_here(self, answer: Answer, request: Request) -> Answer:
        """The answer with the reference server's URLs made the listener's: in text answers, and in
        a Location header (pygeoapi's job)."""
        listener = self.server if request.listener == "server" else self.plain
        assert listener is not None
        public_host = listener.server_address[0]
        port, scheme = listener.port, request.scheme
        replacements = [
            (f"http://{upstream_host}:{self._target_port}", f"{scheme}://{here}:{port}")
            for upstream_host, here in ((self._target_host, public_host), ("localhost", "localhost"))
        ]
        headers = dict(answer.headers)
        for name, value in answer.headers.items():
            if name.lower() == "location":
                for upstream, here_url in replacements:
                    value = value.replace(upstream, here_url)
                headers[name] = value
        body = answer.body
        if any(kind in answer.content_type.lower() for kind in _TEXT):
            for upstream, here_url in replacements:
                body = body.replace(upstream.encode(), here_url.encode())
        return Answer(answer.status, body, headers)

    def _note_token(self, request: Request, answer: Answer) -> None:
        if self._phase(request) != TOKEN:
            return
        try:
            body = json.loads(answer.body)
        except ValueError:
            return
        if isinstance(body, dict) and isinstance(body.get("token"), str):
            self.records.issued(body["token"])

    def _control(self, request: Request) -> Answer:
        path = request.target.split("?", 1)[0]
        if request.method == "POST" and path == "/arm":
            order = json.loads(request.body)
            self.armed.arm(BY_NAME[order["fault"]] if order.get("fault") else None, order.get("phase", ""))
            self.records.clear()
        elif request.method == "POST" and path == "/disarm":
            self.armed.arm(None)
        elif request.method == "GET" and path == "/report":
            return Answer(200, json.dumps(self.records.report()).encode(), JSON_TYPE)
        else:
            return _not_here(request)
        return Answer(200, b"{}", JSON_TYPE)
