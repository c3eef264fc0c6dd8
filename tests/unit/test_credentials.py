"""The token travels in a header, falls back to the query or form only where a server needs it, goes
only over https or to this computer, and never shows in an error."""

from __future__ import annotations

import pytest

from remote_gp.gp_core import BadResponse, InsecureConnection, Server, ServerError, TokenRequired
from scripted_http import Received, Reply, ScriptedServer, in_turn

TOKEN = "TOKEN-0123456789"
PASSWORD = "pass-SECRET-1"
SERVICES = "/arcgis/rest/services"
TOKEN_REQUIRED = {"error": {"code": 499, "message": "Token Required", "details": []}}


def test_every_request_to_the_server_carries_the_token_in_a_header_and_no_url_or_form_does():
    with ScriptedServer(in_turn(Reply(body={"jobId": "j1"}))) as own:
        server = Server(f"{own.url}/arcgis", token=TOKEN)
        server.get(f"{own.url}{SERVICES}/GP/S/GPServer")
        server.post(f"{own.url}{SERVICES}/GP/S/GPServer/T/submitJob", {"a": "1"})
    assert [r.headers.get("x-esri-authorization") for r in own.received] == [f"Bearer {TOKEN}"] * 2
    assert all("token" not in r.fields and TOKEN not in r.target + r.body.decode() for r in own.received)


def test_a_server_that_does_not_read_the_header_gets_the_token_in_the_query_or_form_from_then_on():
    def old_server(request: Received) -> Reply:
        return Reply(body={"ok": 1} if request.fields.get("token") == TOKEN else TOKEN_REQUIRED)

    with ScriptedServer(old_server) as own:
        server = Server(f"{own.url}/arcgis", token=TOKEN)
        server.get(f"{own.url}{SERVICES}/a")
        server.get(f"{own.url}{SERVICES}/b")
        server.post(f"{own.url}{SERVICES}/c", {"x": "1"})
    assert [(r.method, r.path, "token" in r.fields) for r in own.received] == [
        ("GET", f"{SERVICES}/a", False),
        ("GET", f"{SERVICES}/a", True),
        ("GET", f"{SERVICES}/b", True),
        ("POST", f"{SERVICES}/c", True),
    ]
    assert TOKEN not in own.received[3].target  # a POST's token is in its form


def test_a_token_the_server_keeps_refusing_says_so_after_one_fallback():
    with ScriptedServer(in_turn(Reply(body=TOKEN_REQUIRED))) as own:
        with pytest.raises(TokenRequired, match="give a new token"):
            Server(f"{own.url}/arcgis", token=TOKEN).get(f"{own.url}{SERVICES}/a")
    assert len(own.received) == 2


def test_what_the_server_echoes_never_shows_the_token_or_the_password():
    def echoing(request: Received) -> Reply:
        if request.path.endswith("/rest/info"):
            return Reply(body={})
        if request.path.endswith("/generateToken"):
            return Reply(body={"token": TOKEN, "expires": 9_999_999_999_999})
        echo = f"Bad request token={TOKEN}&password={PASSWORD} from {request.headers['x-esri-authorization']}"
        return Reply(body={"error": {"code": 400, "message": echo, "details": [TOKEN, f"password: {PASSWORD}"]}})

    with ScriptedServer(echoing) as own:
        with pytest.raises(ServerError) as caught:
            Server(f"{own.url}/arcgis", username="gpuser", password=PASSWORD).catalog()
    shown = f"{caught.value} {caught.value.message} {caught.value.details}"
    assert TOKEN not in shown and PASSWORD not in shown and "Bad request token=***" in shown


def test_a_broken_answer_quoting_the_token_does_not_show_it():
    with ScriptedServer(in_turn(Reply(body=f"oops {TOKEN} ".encode()))) as own:
        with pytest.raises(BadResponse) as caught:
            Server(f"{own.url}/arcgis", token=TOKEN).catalog()
    assert "oops ***" in str(caught.value) and TOKEN not in str(caught.value)


@pytest.mark.parametrize("credentials", [{"token": TOKEN}, {"username": "gpuser", "password": PASSWORD}])
def test_credentials_never_go_over_plain_http_to_another_computer(credentials):
    server = Server("http://gp.invalid/arcgis", **credentials)  # .invalid never resolves: nothing could be sent
    with pytest.raises(InsecureConnection, match="https"):
        server.catalog()


@pytest.mark.parametrize(
    "url, other, same",
    [
        ("https://h/arcgis", "http://h/arcgis/rest/services/x", False),
        ("https://h/arcgis", "https://h:443/arcgis/x", True),
        ("http://h:8080/arcgis", "http://h:8081/x", False),
        ("http://H/arcgis", "http://h:80/x", True),
        ("https://h/arcgis", "https://h.evil/x", False),
    ],
)
def test_own_means_the_same_scheme_host_and_port(url, other, same):
    assert Server(url).is_own(other) is same
