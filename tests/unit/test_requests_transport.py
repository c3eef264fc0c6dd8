"""RequestsTransport does one exchange within its Limits, against real misbehaving servers on 127.0.0.1."""

from __future__ import annotations

import gzip
import socket

import pytest

from remote_gp.gp_core import (
    BadResponse,
    Cancelled,
    ConnectionFailed,
    Limits,
    RequestsTransport,
    ResponseTooLarge,
    TimedOut,
)
from scripted_http import Reply, ScriptedServer, in_turn

MiB = 1 << 20


def bomb(members: int) -> bytes:
    """gzip members of 64 MiB of zeros each, one after the other (as gzip allows): about 64 kB apiece."""
    return gzip.compress(b"\0" * (64 * MiB), compresslevel=9) * members


@pytest.mark.timeout(60)
@pytest.mark.parametrize("slow_head", [False, True], ids=["body", "status line and headers"])
def test_a_server_trickling_one_byte_every_half_second_ends_in_timed_out(slow_head):
    reply = Reply(body=b"x" * 200, every=0.5, slow_head=slow_head)  # 100 s in all
    with ScriptedServer(in_turn(reply)) as server:
        with pytest.raises(TimedOut) as caught:
            RequestsTransport().request("GET", f"{server.url}/slow", limits=Limits(deadline=2))
    assert caught.value.reached
    assert "2 s" in str(caught.value) and f"{server.url}/slow" in str(caught.value)


def test_a_2_mb_gzip_body_inflating_to_2_gib_stops_at_the_limit_counted_after_decompression():
    body = bomb(32)
    assert len(body) < 3 * MiB
    reply = Reply(body=body, headers={"Content-Encoding": "gzip"})
    with ScriptedServer(in_turn(reply)) as server:
        with pytest.raises(ResponseTooLarge, match="more than 100 MiB"):
            RequestsTransport().request("GET", server.url, limits=Limits(max_body_bytes=100 * MiB))


def test_nested_encodings_are_undone_in_bounded_steps_too():
    body = gzip.compress(bomb(16))
    with ScriptedServer(in_turn(Reply(body=body, headers={"Content-Encoding": "gzip, gzip"}))) as server:
        with pytest.raises(
            ResponseTooLarge,
            match=rf"^{server.url} answered more than 10 MiB, the limit for one "
            r"answer: it was not read further\.$",
        ):
            RequestsTransport().request("GET", server.url, limits=Limits(max_body_bytes=10 * MiB))


def test_a_gzip_answer_comes_decoded():
    reply = Reply(body=gzip.compress(b'{"a": 1}'), headers={"Content-Encoding": "gzip"})
    with ScriptedServer(in_turn(reply)) as server:
        assert RequestsTransport().request("GET", server.url).content == b'{"a": 1}'
    assert "gzip" in server.received[0].headers["accept-encoding"]


def test_an_encoding_that_was_not_asked_for_is_a_bad_response():
    with ScriptedServer(in_turn(Reply(body=b"abc", headers={"Content-Encoding": "br"}))) as server:
        with pytest.raises(BadResponse, match=r"encoding .*\(br\)"):
            RequestsTransport().request("GET", server.url)


def test_a_declared_length_above_the_limit_is_refused_before_reading():
    with ScriptedServer(in_turn(Reply(body=b"x" * 2000))) as server:
        with pytest.raises(
            ResponseTooLarge,
            match=rf"^{server.url} answered more than 0\.000953674 MiB, the limit for "
            r"one answer: it was not read further\.$",
        ):
            RequestsTransport().request("GET", server.url, limits=Limits(max_body_bytes=1000))


def test_a_reset_in_the_middle_of_the_body_reached_the_server():
    with ScriptedServer(in_turn(Reply(body=b"x" * 100_000, cut_after=1000))) as server:
        with pytest.raises(
            ConnectionFailed,
            match=rf"^The connection to {server.url} broke before the whole answer "
            r"came \(ConnectionResetError\)\.$",
        ) as caught:
            RequestsTransport().request("GET", server.url)
    assert caught.value.reached and not isinstance(caught.value, TimedOut)


def test_a_refused_connection_did_not_reach_the_server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens there once the socket is closed
    with pytest.raises(
        ConnectionFailed,
        match=rf"^Could not reach http://127\.0\.0\.1:{port}/submitJob: no connection "
        r"could be made\.$",
    ) as caught:
        RequestsTransport().request("POST", f"http://127.0.0.1:{port}/submitJob", data={"a": "1"})
    assert not caught.value.reached


def test_a_redirect_comes_back_as_it_is_with_lower_case_header_names():
    reply = Reply(status=307, headers={"Location": "/elsewhere", "Retry-After": "3"})
    with ScriptedServer(in_turn(reply)) as server:
        answer = RequestsTransport().request("POST", f"{server.url}/a", data={"f": "json"})
    assert (answer.status, answer.header("Location"), answer.headers["retry-after"]) == (307, "/elsewhere", "3")
    assert server.paths() == ["/a"]


def test_a_cancelled_transport_sends_nothing():
    with ScriptedServer(in_turn(Reply(body={}))) as server:
        with pytest.raises(Cancelled, match=rf"^The request to {server.url} was cancelled\.$") as caught:
            RequestsTransport(cancelled=lambda: True).request("GET", server.url)
    assert not caught.value.reached and server.received == []


def test_a_download_streams_a_success_and_leaves_the_file_alone_otherwise(tmp_path):
    target = tmp_path / "out.bin"
    with ScriptedServer(in_turn(Reply(body=b"data" * 50_000), Reply(status=404, body={"error": {}}))) as server:
        answer = RequestsTransport().download(f"{server.url}/file", target)
        assert (answer.status, answer.content, target.read_bytes()) == (200, b"", b"data" * 50_000)
        target.unlink()
        answer = RequestsTransport().download(f"{server.url}/file", target)
    assert answer.status == 404 and answer.content == b'{"error": {}}' and not target.exists()
