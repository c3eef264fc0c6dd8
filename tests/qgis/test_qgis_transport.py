"""QgisTransport's contract (gp_core/transport.py) in real QGIS, against small purpose-made HTTP servers
on 127.0.0.1 that misbehave as the reference server cannot: one exchange per call, credentials only
where the caller allows them, never an answer from QGIS's cache, bodies read as they come, a deadline
however slowly the server sends. Most requests run on a QgsTask's thread, as Processing runs algorithms."""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
import uuid
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, NamedTuple
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_qgis.utils import wait_until
from qgis.core import QgsApplication, QgsBlockingNetworkRequest, QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QCoreApplication, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

import qgis_helpers as helpers
from remote_gp.bridge.network import QgisTransport
from remote_gp.gp_core import (
    Cancelled,
    ConnectionFailed,
    CredentialsUnavailable,
    Limits,
    ResponseTooLarge,
    Server,
    TimedOut,
)
from test_network import WAIT_MS, InTask, in_task

MIB = 1 << 20
TOKEN = "esri-token-in-authcfg"
SECRETS = {"password": "gp-password-1", "token": "form-token-1"}
ERROR = b'{"error": {"code": 500, "message": "Server busy"}}'


class Received(NamedTuple):
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Scripted(BaseHTTPRequestHandler):
    """Answers by path: /json, /redirect?code=&to=, /flip?key=, /bytes?size=&status=, /gzip, /trickle,
    /stall, /cut, /challenge. Records every request it gets."""

    protocol_version = "HTTP/1.1"
    server: ScriptedServer

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {name.lower(): value for name, value in self.headers.items()}
        self.server.received.append(Received(self.command, self.path, headers, body))
        parts = urlsplit(self.path)
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        getattr(self, "_" + parts.path.strip("/"))(query)

    def _send(self, status: int, body: bytes, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, query: dict[str, str]) -> None:
        self._send(200, b'{"ok": true}', Content_Type="application/json")

    def _redirect(self, query: dict[str, str]) -> None:
        self._send(int(query["code"]), b"moved", Location=query["to"])

    def _flip(self, query: dict[str, str]) -> None:
        """200, cacheable for an hour, the first time; 500 after."""
        first = self.server.flips.setdefault(query["key"], 0) == 0
        self.server.flips[query["key"]] += 1
        if first:
            self._send(
                200, b'{"jobStatus": "esriJobExecuting"}', Content_Type="application/json", Cache_Control="max-age=3600"
            )
        else:
            self._send(500, ERROR, Content_Type="application/json")

    def _bytes(self, query: dict[str, str]) -> None:
        size = int(query["size"])
        self.send_response(int(query.get("status", 200)))
        self.send_header("Content-Length", str(size))
        self.end_headers()
        for _ in range(size // MIB):
            self.wfile.write(b"x" * MIB)
        self.wfile.write(b"x" * (size % MIB))

    def _gzip(self, query: dict[str, str]) -> None:
        self._send(200, self.server.bomb, Content_Encoding="gzip", Content_Type="application/json")

    def _trickle(self, query: dict[str, str]) -> None:
        """A byte every 0.1 s of a body that would take 100 s."""
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        for _ in range(1000):
            if not self._write(b"x"):
                return
            time.sleep(0.1)

    def _stall(self, query: dict[str, str]) -> None:
        """Half of the body, then nothing until the test ends."""
        self.send_response(200)
        self.send_header("Content-Length", str(2 * MIB))
        self.end_headers()
        self._write(b"x" * MIB)
        self.server.stalled.set()
        self.server.released.wait(WAIT_MS / 1000)

    def _cut(self, query: dict[str, str]) -> None:
        """10 bytes of 1000, then the connection closes."""
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self._write(b"x" * 10)
        self.close_connection = True

    def _challenge(self, query: dict[str, str]) -> None:
        self._send(
            401,
            b'{"error": {"code": 401, "message": "Sign in"}}',
            WWW_Authenticate='Basic realm="gp"',
            Content_Type="application/json",
        )

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except OSError:  # the client went away
            return False

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class ScriptedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, bomb: bytes):
        super().__init__(("127.0.0.1", 0), Scripted)
        self.bomb = bomb
        self.received: list[Received] = []
        self.flips: dict[str, int] = {}
        self.stalled, self.released = threading.Event(), threading.Event()

    def handle_error(self, request: socket.socket, client_address: tuple[str, int]) -> None:
        """Clients that go away mid-answer are what these tests are about: not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A gzip body of 256 KB that inflates to 256 MB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)  # the gzip format
    return b"".join(packer.compress(bytes(16 * MIB)) for _ in range(16)) + packer.flush()


@pytest.fixture(scope="module")
def servers(bomb: bytes) -> Iterator[tuple[ScriptedServer, ScriptedServer]]:
    running = [ScriptedServer(bomb) for _ in range(2)]
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in running]
    for thread in threads:
        thread.start()
    yield running[0], running[1]
    for server, thread in zip(running, threads):
        server.released.set()
        server.shutdown()
        thread.join()
        server.server_close()


class Site(NamedTuple):
    url: str
    server: ScriptedServer

    @property
    def received(self) -> list[Received]:
        return self.server.received


@pytest.fixture
def own(servers) -> Site:
    """The GP server's origin: http://127.0.0.1:<port>."""
    server = servers[0]
    server.received.clear()
    return Site(f"http://127.0.0.1:{server.server_address[1]}", server)


@pytest.fixture
def other(servers) -> Site:
    """Another origin (http://localhost:<another port>), which records whatever it gets."""
    server = servers[1]
    server.received.clear()
    return Site(f"http://localhost:{server.server_address[1]}", server)


@pytest.fixture(scope="module")
def esri_token(qgis_app) -> Iterator[str]:
    authcfg = helpers.stored_authcfg("EsriToken", "GP token (transport)", token=TOKEN)
    yield authcfg
    QgsApplication.authManager().removeAuthenticationConfig(authcfg)


@pytest.fixture(scope="module")
def basic(qgis_app) -> Iterator[str]:
    authcfg = helpers.basic_authcfg()
    yield authcfg
    QgsApplication.authManager().removeAuthenticationConfig(authcfg)


def credentials_sent(received: Received) -> list[str]:
    """The credentials an authcfg adds, as they arrived (QGIS 3.22's EsriToken method ends its header
    with a space)."""
    return [
        received.headers[name].strip() for name in ("authorization", "x-esri-authorization") if name in received.headers
    ]


# --- one exchange: redirects come back to the caller ---------------------------------------------------


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_a_redirect_comes_back_as_it_is(own: Site, other: Site, esri_token: str, code: int) -> None:
    transport = QgisTransport(esri_token, own.url)
    answer = in_task(
        lambda: transport.request(
            "GET", f"{own.url}/redirect", credentials=True, params={"code": str(code), "to": f"{other.url}/json"}
        )
    )
    assert (answer.status, answer.content, answer.header("Location")) == (code, b"moved", f"{other.url}/json")
    assert answer.url == f"{own.url}/redirect"
    assert len(own.received) == 1 and other.received == []


@pytest.mark.parametrize("code", [302, 307])
def test_a_redirected_post_is_never_sent_again(own: Site, other: Site, esri_token: str, code: int) -> None:
    transport = QgisTransport(esri_token, own.url)
    answer = in_task(
        lambda: transport.request(
            "POST", f"{own.url}/redirect?code={code}&to={other.url}/json", data=SECRETS, credentials=True
        )
    )
    assert (answer.status, answer.header("location")) == (code, f"{other.url}/json")
    assert [(r.method, r.body) for r in own.received] == [("POST", b"password=gp-password-1&token=form-token-1")]
    assert other.received == []


def test_a_relative_location_is_left_to_the_caller(own: Site) -> None:
    answer = QgisTransport().request("GET", f"{own.url}/redirect", params={"code": "302", "to": "../jobs/j1?f=json"})
    assert (answer.status, answer.header("location")) == (302, "../jobs/j1?f=json")
    assert len(own.received) == 1


# --- credentials -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["basic", "esri_token"])
def test_an_authcfg_goes_only_where_the_caller_allows_it(
    own: Site, other: Site, method: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    authcfg = request.getfixturevalue(method)
    transport = QgisTransport(authcfg, f"{own.url}/arcgis")

    def send() -> None:
        transport.request("GET", f"{own.url}/json", credentials=True)
        transport.request("GET", f"{own.url}/json", credentials=False)
        transport.request("POST", f"{own.url}/json", data={"f": "json"}, credentials=True)
        transport.request("GET", f"{other.url}/json", credentials=True)  # another origin: never
        transport.download(f"{other.url}/json", tmp_path / "x.json", credentials=True)

    in_task(send)
    sent = [credentials_sent(received) for received in own.received]
    expected = "Basic " if method == "basic" else f"Bearer {TOKEN}"
    assert [bool(s) for s in sent] == [True, False, True] and all(s[0].startswith(expected) for s in sent if s)
    assert len(other.received) == 2 and not any(credentials_sent(r) for r in other.received)


def test_an_authcfg_is_not_sent_to_the_same_host_under_another_scheme(own: Site, esri_token: str) -> None:
    transport = QgisTransport(esri_token, own.url.replace("http://", "https://"))
    transport.request("GET", f"{own.url}/json", credentials=True)
    assert credentials_sent(own.received[0]) == []


def test_an_authcfg_qgis_cannot_apply_is_said_and_not_tried_again(own: Site) -> None:
    transport = QgisTransport("nosuchcfg", own.url)
    with pytest.raises(
        CredentialsUnavailable, match="with the authentication configuration 'nosuchcfg': QGIS could not apply it"
    ):
        Server(own.url + "/arcgis", transport=transport).get(f"{own.url}/json")
    assert own.received == []  # nothing sent, and no retry


def test_no_credentials_go_unless_the_caller_says_so(own: Site, esri_token: str) -> None:
    """Headers and parameters go as given: gp_core's Server puts the token in a header, or in the
    query for a server that answered 499 to the header."""
    transport = QgisTransport(esri_token, own.url)
    transport.request("GET", f"{own.url}/json", params={"f": "json"})
    transport.request("GET", f"{own.url}/json", headers={"X-Esri-Authorization": "Bearer header-token"})
    transport.request("GET", f"{own.url}/json", params={"token": "query-token"})
    bare, header, query = own.received
    assert credentials_sent(bare) == [] and credentials_sent(header) == ["Bearer header-token"]
    assert query.path == "/json?token=query-token" and credentials_sent(query) == []


# --- never from the cache ---------------------------------------------------------------------------


def test_a_server_error_is_never_answered_from_qgis_disk_cache(own: Site) -> None:
    """Qt answers a 5xx with the cached copy of the URL, whatever the request says about the cache.
    The copy is made as QGIS makes them, by a QgsBlockingNetworkRequest (another part of QGIS, or
    this plugin before issue 9)."""
    url = f"{own.url}/flip?key={uuid.uuid4().hex}"
    cached = QgsBlockingNetworkRequest()
    assert cached.get(QNetworkRequest(QUrl(url)), True) == QgsBlockingNetworkRequest.NoError
    assert QgsNetworkAccessManager.instance().cache().metaData(QUrl(url)).isValid()
    answer = in_task(lambda: QgisTransport().request("GET", url))
    assert (answer.status, answer.content) == (500, ERROR)
    assert QgisTransport().request("GET", url).status == 500  # from the main thread too
    assert len(own.received) == 3


# --- bodies ------------------------------------------------------------------------------------------


def test_a_download_larger_than_the_memory_limit_is_streamed_to_its_file(own: Site, tmp_path: Path) -> None:
    destination = tmp_path / "result.tif"
    limits = Limits(max_body_bytes=MIB)
    answer = in_task(
        lambda: QgisTransport().download(f"{own.url}/bytes?size={64 * MIB + 7}", destination, limits=limits)
    )
    assert (answer.status, answer.content, answer.header("content-length")) == (200, b"", str(64 * MIB + 7))
    assert destination.stat().st_size == 64 * MIB + 7
    with open(destination, "rb") as data:
        assert all(chunk == b"x" * len(chunk) for chunk in iter(lambda: data.read(MIB), b""))


@pytest.mark.parametrize("path", ["/bytes?size=8388608", "/gzip"])
def test_an_answer_larger_than_the_limit_is_not_read(own: Site, path: str) -> None:
    """Counted as it arrives, after decompression: 256 KB of gzip that inflate to 256 MB stop at 1 MB."""
    with pytest.raises(ResponseTooLarge, match=rf"{own.url}/(bytes|gzip) sent an answer larger than 1 MB"):
        in_task(lambda: QgisTransport().request("GET", f"{own.url}{path}", limits=Limits(max_body_bytes=MIB)))


def test_an_error_answer_to_a_download_is_held_to_the_limit(own: Site, tmp_path: Path) -> None:
    destination = tmp_path / "result.tif"
    with pytest.raises(ResponseTooLarge):
        in_task(
            lambda: QgisTransport().download(
                f"{own.url}/bytes?size={2 * MIB}&status=500", destination, limits=Limits(max_body_bytes=MIB)
            )
        )
    assert not destination.exists()


def test_a_trickling_answer_ends_at_the_deadline(own: Site, tmp_path: Path) -> None:
    """A byte every 0.1 s keeps resetting QGIS's own timeout; the deadline ends it, long before the
    100 s the body would take."""
    limits = Limits(deadline=1)
    with pytest.raises(TimedOut, match="within 1 s") as caught:
        in_task(lambda: QgisTransport().request("GET", f"{own.url}/trickle", limits=limits))
    assert caught.value.reached
    with pytest.raises(TimedOut):
        in_task(lambda: QgisTransport().download(f"{own.url}/trickle", tmp_path / "slow.bin", limits=limits))
    assert list(tmp_path.iterdir()) == []


def test_a_cancel_mid_body_stops_the_download_and_leaves_nothing(own: Site, tmp_path: Path) -> None:
    own.server.stalled.clear()
    feedback = QgsFeedback()
    destination = tmp_path / "result.tif"
    running = InTask(lambda: QgisTransport(cancelled=feedback.isCanceled).download(f"{own.url}/stall", destination))
    assert wait_until(own.server.stalled.is_set, timeout_milliseconds=WAIT_MS)
    feedback.cancel()
    with pytest.raises(Cancelled, match=f"The request to {own.url}/stall was cancelled"):
        running.result()
    assert not destination.exists()


def test_a_connection_cut_mid_body_is_a_failure_and_leaves_nothing(own: Site, tmp_path: Path) -> None:
    with pytest.raises(ConnectionFailed, match=f"Could not reach {own.url}/cut") as caught:
        in_task(lambda: QgisTransport().request("GET", f"{own.url}/cut"))
    assert caught.value.reached
    destination = tmp_path / "result.tif"
    with pytest.raises(ConnectionFailed):
        in_task(lambda: QgisTransport().download(f"{own.url}/cut", destination))
    assert not destination.exists()


# --- whether a request reached the server --------------------------------------------------------------


def test_a_refused_connection_never_reached_the_server() -> None:
    with socket.create_server(("127.0.0.1", 0)) as closed:
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/arcgis/rest/services/GP/X/GPServer/T/submitJob"
    for send in (
        lambda: QgisTransport().request("POST", url, data={"f": "json"}),
        lambda: QgisTransport().request("GET", url),
    ):
        with pytest.raises(ConnectionFailed, match="refused") as caught:
            in_task(send)
        assert not caught.value.reached and not isinstance(caught.value, TimedOut)


def test_a_post_that_went_out_unanswered_reached_the_server() -> None:
    with socket.create_server(("127.0.0.1", 0)) as silent:  # the kernel takes the connection and the body
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/arcgis/rest/services/GP/X/GPServer/T/submitJob"
        with pytest.raises(TimedOut) as caught:
            in_task(lambda: QgisTransport().request("POST", url, data={"f": "json"}, limits=Limits(deadline=0.5)))
    assert caught.value.reached


# --- threads --------------------------------------------------------------------------------------------


def test_a_request_from_the_main_thread_runs_no_event_of_the_gui(own: Site) -> None:
    """Clicks, timers and finished tasks wait until the request is over: none of them can send
    another request in the middle of this one."""
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    assert QgisTransport().request("GET", f"{own.url}/json").status == 200
    assert fired == []
    QCoreApplication.processEvents()
    assert fired == [True]


@pytest.mark.parametrize("thread", ["main", "task"])
def test_a_server_asking_for_a_password_gets_its_answer_back(own: Site, thread: str) -> None:
    """Qt hands a 401 with a challenge to QGIS's authentication handler, on the main thread, while
    the request waits: the main thread handles it even when it is the one waiting."""
    run: Callable = in_task if thread == "task" else (lambda send: send())
    answer = run(lambda: QgisTransport().request("GET", f"{own.url}/challenge"))
    assert answer.status == 401 and json.loads(answer.content)["error"]["code"] == 401
