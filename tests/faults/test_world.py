"""The hostile world does what the matrix says it does, seen on the wire with plain HTTP (no gp_core):
so a cell that fails is the client's doing."""

from __future__ import annotations

import json
import socket
import ssl
import struct
import time
import zlib
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from .injections import ADMIN_TARGET, BOMB_SEGMENT, BOMB_SEGMENTS, DEEP
from .phases import CANCEL, DISCOVERY, POLL, RESULT, TOKEN
from .process import World, plain_host, running_world
from .terms import BUFFER, PASSWORD, USERNAME
from .wire import TRICKLE_SECONDS

pytest.importorskip("pytest_qgis", reason="the fault matrix and its world run once, in .venv (make test)")

TIMEOUT = 30
CATALOG = "/rest/services/Secure?f=json"


@pytest.fixture(scope="module")
def world(gp_server, certificates) -> Iterator[World]:
    with running_world(gp_server, certificates, plain_host()) as running:
        yield running


class Https:
    """requests that trust the test CA alone (not the environment's bundle), each with a timeout."""

    def __init__(self, ca: str):
        self._session = requests.Session()
        self._session.trust_env = False
        self._session.verify = ca

    def get(self, url: str, **named) -> requests.Response:
        return self._session.get(url, timeout=TIMEOUT, **named)

    def post(self, url: str, **named) -> requests.Response:
        return self._session.post(url, timeout=TIMEOUT, **named)

    def close(self) -> None:
        self._session.close()


@pytest.fixture(scope="module")
def https(certificates) -> Iterator[Https]:
    client = Https(str(certificates.ca))
    yield client
    client.close()


@pytest.fixture(scope="module")
def token(world: World, https: Https) -> str:
    world.disarm()
    return https.post(
        world.server + "/tokens/generateToken",
        data={"username": USERNAME, "password": PASSWORD, "client": "requestip", "f": "json"},
    ).json()["token"]


def _signed(token: str) -> dict[str, str]:
    return {"X-Esri-Authorization": f"Bearer {token}"}


def test_the_reference_server_answers_through_it_and_every_token_is_noted(world, https, token):
    world.arm("", None)
    answer = https.get(world.server + CATALOG, headers=_signed(token))
    assert [s["name"] for s in answer.json()["services"]][:1] == ["Secure/BufferByVal"]
    assert token in world.report()["tokens"]


def test_urls_in_answers_point_back_to_the_hostile_server(world, https, token, prepared):
    job = f"{world.server}/rest/services/SlopeByVal/GPServer/RunSlope/jobs/{prepared.slope_job}"
    raster = https.get(job + "/results/Output_Slope?f=json", headers=_signed(token)).json()["value"]["url"]
    assert raster.startswith(world.server + "/rest/directories/")
    assert https.get(raster, headers=_signed(token)).content[:4] in (b"II*\x00", b"MM\x00*")


@pytest.mark.parametrize(
    "fault, status, location",
    [
        ("302 elsewhere", 302, "{elsewhere}/arcgis/rest/services/Secure?f=json"),
        ("307 elsewhere", 307, "{elsewhere}/arcgis/rest/services/Secure?f=json"),
        ("302 to http", 302, "http://{host}/arcgis/rest/services/Secure?f=json"),
        ("relative 307", 307, "Secure?f=json"),
        ("redirect loop", 302, "https://{host}/arcgis/rest/services/Secure?f=json"),
    ],
)
def test_redirects(world, https, fault, status, location):
    world.arm(DISCOVERY, fault)
    answer = https.get(world.server + CATALOG, allow_redirects=False)
    host = urlsplit(world.server).netloc
    assert (answer.status_code, answer.headers["Location"]) == (
        status,
        location.format(elsewhere=world.elsewhere, host=host),
    )


def test_plain_http_on_the_servers_port_and_the_other_host_record_everything(world, https):
    world.arm("", None)
    plain = world.server.replace("https://", "http://")
    for url in (plain + CATALOG, world.elsewhere + "/arcgis/rest/services?f=json"):
        answer = https.get(url, headers={"X-Marker": f"marker for {url}"})
        assert answer.status_code == 404 and "is not the GP server" in answer.json()["error"]["message"]
    received = world.report()["received"]
    assert f"marker for {plain}" in received["server over plain http"]
    assert f"marker for {world.elsewhere}" in received["elsewhere"]


def test_the_plain_host_serves_the_reference_server_and_records_it(world):
    if world.plain is None:
        pytest.skip("this machine has no address outside loopback")
    world.arm("", None)
    assert requests.get(world.plain + CATALOG, timeout=TIMEOUT).json()["error"]["code"] == 499
    assert "GET /arcgis/rest/services/Secure?f=json" in world.report()["received"]["plain"]


def test_a_fault_marked_once_strikes_once_and_lets_the_request_act_first(world, https, token):
    world.arm(DISCOVERY, "500 once")
    assert https.get(world.server + CATALOG, headers=_signed(token)).status_code == 500
    assert https.get(world.server + CATALOG, headers=_signed(token)).status_code == 200
    assert [(r["fault"], r["forwarded"]) for r in world.report()["requests"]] == [("500 once", True), (None, True)]


def test_503_and_429_come_before_the_server_acts(world, https):
    for fault, status in (("503 once", 503), ("503 Retry-After", 503), ("429 once", 429)):
        world.arm(DISCOVERY, fault)
        answer = https.get(world.server + CATALOG)
        assert answer.status_code == status
        assert answer.headers.get("Retry-After") == ("1" if "Retry-After" in fault else None)
        assert not world.report()["requests"][0]["forwarded"]


def test_the_echo_quotes_headers_and_form(world, https):
    world.arm(TOKEN, "error echoes request")
    answer = https.post(
        world.server + "/tokens/generateToken",
        data={"username": USERNAME, "password": PASSWORD},
        headers={"X-Esri-Authorization": "Bearer secret-header"},
    ).json()["error"]
    assert "POST /arcgis/tokens/generateToken" in answer["message"]
    assert "x-esri-authorization: Bearer secret-header" in answer["details"]
    assert f"password={PASSWORD}" in answer["details"][-1]


def _raw_get(world: World, certificates, path: str, seconds: float = TIMEOUT) -> tuple[bytes, bytes, str]:
    """Head, body and how the connection ended, read for at most `seconds` (a TLS socket read by
    hand: no client's leniency)."""
    parts = urlsplit(world.server)
    context = ssl.create_default_context(cafile=str(certificates.ca))
    data, ending, ends = b"", "closed", time.monotonic() + seconds
    with socket.create_connection((parts.hostname, parts.port), timeout=seconds) as raw:
        with context.wrap_socket(raw, server_hostname=parts.hostname) as tls:
            tls.sendall(f"GET {parts.path}{path} HTTP/1.1\r\nHost: {parts.netloc}\r\n\r\n".encode())
            try:
                while chunk := tls.recv(65536):
                    data += chunk
                    if time.monotonic() > ends:
                        ending = "still sending"
                        break
            except ConnectionResetError:
                ending = "reset"
    head, _, body = data.partition(b"\r\n\r\n")
    return head, body, ending


def _declared(head: bytes) -> int:
    return int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))


def test_reset_mid_body(world, certificates):
    world.arm(DISCOVERY, "reset mid-body")
    head, body, ending = _raw_get(world, certificates, CATALOG)
    assert len(body) == _declared(head) // 2 and ending in ("reset", "closed")  # TLS readers may see an EOF


def test_short_body(world, certificates):
    world.arm(DISCOVERY, "short body")
    head, body, ending = _raw_get(world, certificates, CATALOG)
    assert len(body) == _declared(head) - 1024 and ending == "closed"
    assert json.loads(body)  # the whole real answer, announced longer than it is


def test_trickle(world, certificates):
    world.arm(DISCOVERY, "trickle")
    head, body, ending = _raw_get(world, certificates, CATALOG, seconds=2.0)
    assert ending == "still sending" and not body
    assert b"HTTP/1.1 200".startswith(head) and len(head) <= 2.0 / TRICKLE_SECONDS + 1


def test_gzip_bomb_inflates_from_2_mb_to_2_gib(world, https):
    world.arm(DISCOVERY, "gzip bomb")
    with https.get(world.server + CATALOG, stream=True) as answer:
        assert answer.headers["Content-Encoding"] == "gzip"
        packed = answer.raw.read(decode_content=False)
    assert len(packed) < 3_000_000
    inflater, size = zlib.decompressobj(16 + zlib.MAX_WBITS), 0
    for start in range(0, len(packed), 1 << 16):
        chunk = packed[start : start + (1 << 16)]
        while chunk:
            size += len(inflater.decompress(chunk, 1 << 26))
            chunk = inflater.unconsumed_tail
    size += len(inflater.flush())
    assert inflater.eof and size == BOMB_SEGMENT * BOMB_SEGMENTS == 2 << 30
    assert struct.unpack("<I", packed[-4:])[0] == 2 << 30  # the gzip trailer's size (mod 2^32) agrees


def test_deep_json(world, https):
    world.arm(DISCOVERY, "deep JSON")
    text = https.get(world.server + CATALOG).text
    assert text.startswith('{"a":' * 10) and text.count("{") == DEEP
    with pytest.raises(RecursionError):
        json.loads(text)


def _job_url(world: World, job_id: str) -> str:
    return f"{world.server}/rest/services/{BUFFER[0]}/GPServer/{BUFFER[1]}/jobs/{job_id}"


def test_param_urls_lead_out_of_the_job_and_no_request_goes_there_unseen(world, https, token, prepared):
    world.arm(POLL, "paramUrl escapes job")
    job = _job_url(world, prepared.buffer_job)
    url = https.get(job + "?f=json", headers=_signed(token)).json()["results"]["Output_Polygons"]["paramUrl"]
    escaped = urljoin(job + "/", url)
    assert urlsplit(escaped).path == f"/arcgis/rest/{ADMIN_TARGET}"
    assert https.get(escaped, headers=_signed(token)).status_code == 403
    assert [r["phase"] for r in world.report()["requests"]] == [POLL, "admin"]


@pytest.mark.parametrize("fault", ["attributes not object", "features as string"])
def test_result_bodies_are_rewritten(world, https, token, prepared, fault):
    world.arm(RESULT, fault)
    value = https.get(
        _job_url(world, prepared.buffer_job) + "/results/Output_Polygons",
        params={"f": "json", "returnType": "data"},
        headers=_signed(token),
    ).json()["value"]
    if fault == "features as string":
        assert isinstance(value, str)
    else:
        assert {json.dumps(f["attributes"]) for f in value["features"]} == {'["not", "an", "object"]'}


def test_progress_changes_on_every_status_request(world, https, token, prepared):
    world.arm(POLL, "progress every poll")
    states = [
        https.get(_job_url(world, prepared.buffer_job) + "?f=json", headers=_signed(token)).json() for _ in range(3)
    ]
    assert {state["jobStatus"] for state in states} == {"esriJobExecuting"}
    assert len({state["progress"]["percent"] for state in states}) == 3
    assert not any("results" in state for state in states)


def test_cancels_taken_or_refused_without_the_server_knowing(world, https, token, prepared):
    cancel = _job_url(world, prepared.buffer_job) + "/cancel"
    world.arm(CANCEL, "cancel not honoured")
    assert https.post(cancel, data={"f": "json"}, headers=_signed(token)).json() == {
        "jobId": prepared.buffer_job,
        "jobStatus": "esriJobCancelling",
    }
    world.arm(CANCEL, "cancel refused")
    assert https.post(cancel, data={"f": "json"}, headers=_signed(token)).json()["error"]["code"] == 400
    assert not any(r["forwarded"] for r in world.report()["requests"])
