"""QgisTransport: gp_core over QGIS's network stack, in real QGIS against the reference GP server."""

from __future__ import annotations

import json
import select
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Callable, TypeVar
from urllib.parse import urlsplit

import pytest
from pytest_qgis.utils import wait_until
from qgis.core import QgsApplication, QgsFeedback, QgsNetworkAccessManager, QgsTask
from qgis.PyQt.QtCore import QCoreApplication, QUrl
from qgis.PyQt.QtWidgets import QTableWidget

import qgis_helpers as helpers
from qgis_helpers import new_token
from remote_gp.bridge.network import QgisTransport
from remote_gp.gp_core import (
    Cancelled,
    ConnectionFailed,
    Limits,
    RemoteFile,
    RetryPolicy,
    Server,
    ServerError,
    TimedOut,
    TokenRequired,
    execute,
    submit,
)
from remote_gp.gp_core.answers import read_json

T = TypeVar("T")
PASSWORD = "gp-password-1"
REFERER = "https://app.example/map"
MIB = 1024 * 1024
# Everything form encoding can get wrong: +, &, =, %, spaces, non-ASCII, JSON, a fragment sign.
TRICKY = 'a+b & c=d; 100% sure %41? ü 東京 {"x": [1, "y z"]} #1 \\ /'
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def port(gp_server: str) -> int:
    return urlsplit(gp_server).port


@pytest.fixture(scope="module")
def qgis_server(gp_server: str) -> Server:
    return Server(gp_server, transport=QgisTransport())


@pytest.fixture(scope="module")
def echo(qgis_server: Server):
    return qgis_server.task("GP/DataTypes", "EchoTypes")


@pytest.fixture(scope="module")
def esri_token_authcfg(qgis_app, gp_server: str) -> Iterator[str]:
    """A QGIS authentication configuration of the EsriToken method (the X-Esri-Authorization header)."""
    authcfg = helpers.esri_token_authcfg(gp_server)
    yield authcfg
    QgsApplication.authManager().removeAuthenticationConfig(authcfg)


@pytest.fixture
def silent_host() -> Iterator[socket.socket]:
    """A host that takes connections (the kernel completes them) and never answers."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield listener


class InTask:
    """`work()` run on a QGIS task's worker thread, as Processing runs algorithms."""

    def __init__(self, work: Callable[[], T]):
        self._done = threading.Event()
        self._outcome: dict[str, object] = {}
        self._task = QgsTask.fromFunction("Remote GP network test", self._run, work)  # referenced until done
        QgsApplication.taskManager().addTask(self._task)

    def _run(self, task: QgsTask, work: Callable[[], T]) -> None:
        self._outcome["thread"] = threading.current_thread()
        try:
            self._outcome["value"] = work()
        except Exception as error:  # noqa: BLE001 — handed over to the test's thread
            self._outcome["error"] = error
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def result(self) -> T:
        """What `work()` returned or raised; the main thread processes events meanwhile."""
        assert wait_until(self._done.is_set, timeout_milliseconds=WAIT_MS), "the task did not finish"
        assert self._outcome["thread"] is not threading.main_thread()
        if "error" in self._outcome:
            raise self._outcome["error"]
        return self._outcome["value"]


def in_task(work: Callable[[], T]) -> T:
    return InTask(work).result()


# --- discovery, encoding, execute --------------------------------------------------------------------


def test_the_catalog_and_a_task_are_read_through_qgis(qgis_server: Server, echo) -> None:
    root = qgis_server.catalog()
    assert root.folders == ["GP", "Hosted", "Secure"] and root.gp_services == ["SlopeByVal"]
    assert echo.service.supports_uploads and echo.is_synchronous
    assert echo.parameter("in_file").data_type.name == "GPDataFile"


def test_get_parameters_reach_the_server_intact(echo) -> None:
    answer = QgisTransport().request(
        "GET", f"{echo.url}/execute", params={"f": "json", "in_string": TRICKY, "in_strings": json.dumps([TRICKY, "b"])}
    )
    results = {r["paramName"]: r["value"] for r in read_json(answer)["results"]}
    assert results["in_string_out"] == TRICKY
    assert results["in_strings_out"] == [TRICKY, "b"]
    assert results["received"] == ["in_string", "in_strings"]
    assert answer.status == 200 and "json" in answer.content_type and answer.url == f"{echo.url}/execute"


def test_a_form_post_reaches_the_server_intact(qgis_server: Server, echo) -> None:
    result = execute(qgis_server, echo, {"in_string": TRICKY, "in_strings": [TRICKY, "=&"], "in_long": -7})
    assert result.output("in_string_out") == TRICKY
    assert result.output("in_strings_out") == [TRICKY, "=&"]
    assert result.output("in_long_out") == -7
    assert result.output("received") == ["in_long", "in_string", "in_strings"]


def test_a_local_file_is_uploaded_as_multipart_and_the_result_file_downloaded(
    qgis_server: Server, echo, tmp_path: Path
) -> None:
    content = bytes(range(256)) * 64 + b'\r\n--RemoteGP-\r\nContent-Disposition: form-data; name="x"\r\n\r\n'
    local = tmp_path / "field notes 1+1.txt"
    local.write_bytes(content)
    result = execute(qgis_server, echo, {"in_file": local})
    remote = result.output("in_file_out")
    assert isinstance(remote, RemoteFile) and remote.name == local.name
    saved = remote.download(tmp_path / "back")
    assert saved.read_bytes() == content


def test_the_form_fields_of_an_upload_travel_with_the_file(echo) -> None:
    service = echo.service.url
    with open(Path(__file__), "rb") as stream:
        answer = QgisTransport().request(
            "POST",
            f"{service}/uploads/upload",
            data={"f": "json", "description": TRICKY},
            files={"file": ("test_network.py", stream, "text/x-python")},
        )
    item = read_json(answer)["item"]
    assert (item["itemName"], item["description"]) == ("test_network.py", TRICKY)
    described = read_json(QgisTransport().request("GET", f"{service}/uploads/{item['itemID']}", params={"f": "json"}))
    assert described["itemName"] == "test_network.py"


def test_a_job_status_is_asked_for_anew_each_time(qgis_server: Server) -> None:
    """QGIS would answer a repeated GET from its cache; a job followed that way would never end."""
    task = qgis_server.task("GP/Lifecycle", "RunScenario")
    job = submit(qgis_server, task, {"scenario": "queued", "steps": 1})
    seen = []
    for _ in range(3):
        job.refresh()
        seen.append(job.status)
    assert seen == ["esriJobSubmitted", "esriJobWaiting", "esriJobExecuting"]


def test_the_transport_works_from_a_task_worker_thread(gp_server: str, esri_token_authcfg: str) -> None:
    server = Server(gp_server, transport=QgisTransport(esri_token_authcfg, gp_server))

    def describe_and_execute() -> tuple[list[str], int]:
        task = server.task("Secure/DataTypes", "EchoTypes")
        return task.service.tasks, execute(server, task, {"in_long": 42}).output("in_long_out")

    assert in_task(describe_and_execute) == (["EchoTypes"], 42)


def test_requests_on_worker_threads_never_deadlock_with_the_main_thread_building_widgets(gp_server: str) -> None:
    """QGIS tears down each request's event loop under a Qt lock; had sip to ask Python then whether
    the request overrides `disconnectNotify`, it would wait for the GIL there while the main thread,
    holding the GIL, waits for that lock (seen as a hang of the job monitor dock's table)."""
    catalog = f"{gp_server}/rest/services"

    def many_requests() -> int:
        transport = QgisTransport()
        return sum(transport.request("GET", catalog, params={"f": "json"}).status == 200 for _ in range(300))

    workers = [InTask(many_requests) for _ in range(2)]
    while not all(worker.done for worker in workers):
        QTableWidget(0, 6).deleteLater()  # dozens of connects and disconnects under those locks
        QCoreApplication.processEvents()
    assert [worker.result() for worker in workers] == [300, 300]


# --- HTTP errors are answers -------------------------------------------------------------------------


def test_an_error_body_is_raised_as_a_server_error(qgis_server: Server) -> None:
    with pytest.raises(ServerError) as caught:
        qgis_server.task("GP/DataTypes", "NoSuchTask")
    assert caught.value.code == 404


def test_a_missing_file_answers_404_and_leaves_the_destination_alone(
    gp_server: str, qgis_server: Server, tmp_path: Path
) -> None:
    url = f"{gp_server}/rest/directories/arcgisoutput/nowhere/missing.tif"
    answer = QgisTransport().download(url, tmp_path / "missing.tif")
    assert answer.status == 404 and read_error(answer)["code"] == 404
    assert not (tmp_path / "missing.tif").exists()
    with pytest.raises(ServerError) as caught:
        RemoteFile(url, qgis_server).download(tmp_path / "missing.tif")
    assert caught.value.code == 404 and not (tmp_path / "missing.tif").exists()


def test_a_post_over_the_server_limit_answers_413_with_its_error_body(echo) -> None:
    answer = QgisTransport().request(
        "POST", f"{echo.url}/execute", data={"f": "json", "in_string": "x" * (10 * MIB + 1)}
    )
    assert answer.status == 413
    with pytest.raises(ServerError) as caught:
        read_json(answer)
    assert caught.value.code == 413 and "10 MB" in str(caught.value)


def read_error(answer) -> dict:
    return json.loads(answer.content)["error"]


# --- no answer at all ----------------------------------------------------------------------------------


def test_a_refused_connection_names_the_host_and_never_the_token() -> None:
    transport = QgisTransport()
    with pytest.raises(ConnectionFailed) as caught:
        transport.request("GET", "http://127.0.0.1:9/arcgis/rest/services", params={"token": "secret-token"})
    message = str(caught.value)
    assert "http://127.0.0.1:9/arcgis/rest/services" in message and "refused" in message.lower()
    assert "secret-token" not in message
    with pytest.raises(ConnectionFailed, match="127.0.0.1:9"):
        Server("http://127.0.0.1:9/arcgis", transport=transport, retry=RetryPolicy(attempts=1)).catalog()


@pytest.fixture
def qgis_timeout(qgis_app) -> Iterator[Callable[[int], None]]:
    """Sets QGIS's own network timeout (Settings > Options > Network; 0: none) for one test."""
    before = QgsNetworkAccessManager.timeout()
    yield QgsNetworkAccessManager.setTimeout
    QgsNetworkAccessManager.setTimeout(before)


def test_qgis_network_timeout_applies_by_default(silent_host: socket.socket, qgis_timeout) -> None:
    qgis_timeout(300)
    url = f"http://127.0.0.1:{silent_host.getsockname()[1]}/arcgis/rest/services"
    expected = r"did not answer in time \(nothing came for 0.3 s, QGIS's network timeout"
    with pytest.raises(ConnectionFailed, match=expected) as caught:
        QgisTransport().request("GET", url, params={"token": "secret-token"})  # from the main thread
    assert url in str(caught.value) and "secret-token" not in str(caught.value)
    with pytest.raises(ConnectionFailed, match=expected):
        in_task(lambda: QgisTransport().request("GET", url))


def test_the_deadline_stops_a_silent_request(silent_host: socket.socket, qgis_timeout) -> None:
    qgis_timeout(0)  # only the request's deadline can end it
    url = f"http://127.0.0.1:{silent_host.getsockname()[1]}/arcgis/rest/services"
    with pytest.raises(TimedOut, match=r"did not answer in time \(the whole answer has to come within 0.3 s\)"):
        in_task(lambda: QgisTransport().request("GET", url, limits=Limits(deadline=0.3)))


def test_a_cancelled_feedback_stops_the_request_under_way(silent_host: socket.socket) -> None:
    feedback = QgsFeedback()
    transport = QgisTransport(cancelled=feedback.isCanceled)
    url = f"http://127.0.0.1:{silent_host.getsockname()[1]}/arcgis/rest/services"
    running = InTask(lambda: transport.request("GET", url, params={"f": "json"}))
    assert wait_until(lambda: bool(select.select([silent_host], [], [], 0)[0]), timeout_milliseconds=WAIT_MS)
    connection, _ = silent_host.accept()
    with connection:
        connection.settimeout(WAIT_MS / 1000)
        assert connection.recv(4096).startswith(b"GET /arcgis/rest/services?f=json ")  # the request is out
        feedback.cancel()
        with pytest.raises(Cancelled, match="was cancelled") as caught:
            running.result()
    assert url in str(caught.value)


def test_after_a_cancel_requests_stop_until_the_cancel_is_lifted(gp_server: str) -> None:
    cancelled = [False]
    transport = QgisTransport(cancelled=lambda: cancelled[0])
    server = Server(gp_server, transport=transport)
    job = submit(server, server.task("GP/Lifecycle", "RunScenario"), {"scenario": "endless"})
    job.refresh()
    assert job.status == "esriJobExecuting"  # a queued job cannot be cancelled yet
    cancelled[0] = True
    with pytest.raises(ConnectionFailed, match="was cancelled"):
        job.refresh()
    cancelled[0] = False  # as a run lifts it while it follows a job: the job's cancel has to reach the server
    assert job.cancel() and job.status in ("esriJobCancelling", "esriJobCancelled")


# --- authentication configurations -------------------------------------------------------------------


def test_an_esri_token_authcfg_opens_a_secure_service(gp_server: str, esri_token_authcfg: str) -> None:
    with pytest.raises(TokenRequired):
        Server(gp_server, transport=QgisTransport()).service("Secure/SummarizeSync")
    transport = QgisTransport(esri_token_authcfg, gp_server)
    assert Server(gp_server, transport=transport).service("Secure/SummarizeSync").tasks == ["Summarize"]


def test_the_authcfg_is_not_sent_to_another_host(
    gp_server: str, esri_token_authcfg: str, port: int, tmp_path: Path
) -> None:
    """Secure/DataTypes publishes its files on localhost, where the server answers 403 to any request
    that carries a token."""
    server = Server(gp_server, transport=QgisTransport(esri_token_authcfg, gp_server))
    local = tmp_path / "notes.txt"
    local.write_text("secret notes")
    remote = execute(server, server.task("Secure/DataTypes", "EchoTypes"), {"in_file": local}).output("in_file_out")
    assert urlsplit(remote.url).netloc == f"localhost:{port}"
    assert remote.download(tmp_path / "back.txt").read_text() == "secret notes"
    # The same authcfg meant for that host (matched without case) is sent, and refused there.
    meant_there = QgisTransport(esri_token_authcfg, f"http://LocalHost:{port}")
    refused = meant_there.download(remote.url, tmp_path / "refused.txt", credentials=True)
    assert refused.status == 403 and read_error(refused)["code"] == 403
    assert not (tmp_path / "refused.txt").exists()


def test_request_headers_are_sent(gp_server: str) -> None:
    """A referer token is valid only with its Referer header."""
    token = new_token(gp_server, client="referer", referer=REFERER)
    referred = Server(gp_server, token=token, referer=REFERER, transport=QgisTransport())
    assert referred.service("Secure/SummarizeSync").tasks == ["Summarize"]
    with pytest.raises(TokenRequired):
        Server(gp_server, token=token, transport=QgisTransport()).service("Secure/SummarizeSync")


def test_a_token_never_lands_in_qgis_logs_or_its_disk_cache(
    gp_server: str, silent_host: socket.socket, qgis_timeout
) -> None:
    """QGIS logs the whole URL of a request its network timeout stopped, and keeps answers on disk by
    URL: the token travels in a header, and no answer is kept."""
    token = new_token(gp_server)
    logged: list[str] = []

    def log(message: str, tag: str, level: int) -> None:
        logged.append(message)

    QgsApplication.messageLog().messageReceived.connect(log)
    try:
        server = Server(gp_server, transport=QgisTransport(), token=token)
        assert server.service("Secure/DataTypes").tasks == ["EchoTypes"]  # the token opens it
        qgis_timeout(300)
        silent = f"http://127.0.0.1:{silent_host.getsockname()[1]}/arcgis"
        with pytest.raises(TimedOut):
            Server(silent, transport=QgisTransport(), token=token, retry=RetryPolicy(attempts=1)).catalog()
        QCoreApplication.processEvents()  # the message log is told through the event loop
    finally:
        QgsApplication.messageLog().messageReceived.disconnect(log)
    assert any(silent in message for message in logged) and not any(token in message for message in logged)
    cache = QgsNetworkAccessManager.instance().cache()
    assert not cache.metaData(QUrl(f"{gp_server}/rest/services/Secure/DataTypes/GPServer?f=json")).isValid()
    cached = Path(cache.cacheDirectory())
    assert not any(token.encode() in path.read_bytes() for path in cached.rglob("*") if path.is_file())
