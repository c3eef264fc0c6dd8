"""Redirects are followed by the Server: credentials only to its own origin, POSTs never elsewhere."""

from __future__ import annotations

import pytest

from remote_gp.gp_core import BadResponse, RequestsTransport, Server, ServerError
from scripted_http import Received, Reply, ScriptedServer, in_turn, self_signed_certificate

TOKEN = "TOKEN-0123456789"
SERVICES = "/arcgis/rest/services"


def moved(location: str, status: int = 302) -> Reply:
    return Reply(status=status, headers={"Location": location})


def signed(request: Received) -> bool:
    return request.headers.get("x-esri-authorization") == f"Bearer {TOKEN}"


def carries_credentials(request: Received) -> bool:
    return "x-esri-authorization" in request.headers or "referer" in request.headers or TOKEN in request.text()


@pytest.fixture
def other():
    """Another origin, recording what reaches it."""
    with ScriptedServer(in_turn(Reply(body={"folders": [], "services": []}))) as server:
        yield server


def test_a_redirect_on_the_same_origin_is_followed_with_the_token_in_a_header():
    answers = in_turn(moved(f"{SERVICES}/Moved?f=json"), Reply(body={"folders": ["GP"], "services": []}))
    with ScriptedServer(answers) as own:
        server = Server(f"{own.url}/arcgis", token=TOKEN)
        assert server.catalog().folders == ["GP"]
    assert own.paths() == [SERVICES, f"{SERVICES}/Moved"]
    assert all(signed(request) and "token" not in request.fields for request in own.received)


def test_a_get_redirected_to_another_origin_is_followed_without_any_credential(other):
    with ScriptedServer(in_turn(moved(f"{other.url}{SERVICES}?f=json"))) as own:
        server = Server(f"{own.url}/arcgis", token=TOKEN, referer="https://app.example")
        assert server.catalog().services == []
    assert signed(own.received[0]) and own.received[0].headers["referer"] == "https://app.example"
    assert len(other.received) == 1 and not carries_credentials(other.received[0])


def test_an_error_after_a_redirect_names_the_host_that_answered():
    with ScriptedServer(in_turn(Reply(body={"error": {"code": 400, "message": "Bad"}}))) as elsewhere:
        with ScriptedServer(in_turn(moved(f"{elsewhere.url}/x"))) as own:
            with pytest.raises(ServerError) as caught:
                Server(f"{own.url}/arcgis").catalog()
    assert elsewhere.url in str(caught.value) and own.url not in str(caught.value)


@pytest.mark.parametrize("status", [307, 308])
def test_a_post_redirected_with_307_or_308_on_the_same_origin_is_sent_again_whole(status):
    answers = in_turn(moved(f"{SERVICES}/GP/Other/GPServer/T/submitJob", status), Reply(body={"jobId": "j1"}))
    with ScriptedServer(answers) as own:
        Server(f"{own.url}/arcgis", token=TOKEN).post(f"{own.url}{SERVICES}/GP/S/GPServer/T/submitJob", {"a": "1"})
    first, second = own.received
    assert second.method == "POST" and second.body == first.body and first.fields["a"] == "1"
    assert signed(second)


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_post_redirected_with_301_302_or_303_becomes_a_get_as_http_says(status):
    with ScriptedServer(in_turn(moved(f"{SERVICES}/status?f=json", status), Reply(body={"ok": True}))) as own:
        assert Server(f"{own.url}/arcgis").post(f"{own.url}{SERVICES}/x/submitJob", {"a": "1"}) == {"ok": True}
    assert [(r.method, r.path, r.body) for r in own.received][1] == ("GET", f"{SERVICES}/status", b"")


@pytest.mark.parametrize("status", [302, 307])
def test_a_post_redirected_to_another_origin_is_not_sent_there(other, status):
    with ScriptedServer(in_turn(moved(f"{other.url}/steal", status))) as own:
        server = Server(f"{own.url}/arcgis", token=TOKEN)
        with pytest.raises(BadResponse, match=f"another server, {other.url}: it was not sent there"):
            server.post(f"{own.url}{SERVICES}/GP/S/GPServer/T/execute", {"a": "1"})
    assert other.received == []


def test_a_relative_location_is_resolved_against_the_url_that_answered():
    answers = in_turn(moved(f"{SERVICES}/moved/here"), moved("there?f=json"), Reply(body={"ok": 1}))
    with ScriptedServer(answers) as own:
        Server(f"{own.url}/arcgis").get(f"{own.url}{SERVICES}/start")
    assert own.paths() == [f"{SERVICES}/start", f"{SERVICES}/moved/here", f"{SERVICES}/moved/there"]


def test_more_than_five_redirects_are_not_followed():
    with ScriptedServer(in_turn(moved(f"{SERVICES}/loop"))) as own:
        with pytest.raises(BadResponse, match="redirected more than 5 times"):
            Server(f"{own.url}/arcgis").catalog()
    assert len(own.received) == 6


def test_an_https_server_redirecting_to_plain_http_sends_no_token_there(other, tmp_path):
    cert, key = self_signed_certificate(tmp_path)
    with ScriptedServer(in_turn(moved(f"{other.url}{SERVICES}?f=json")), tls=(cert, key)) as own:
        server = Server(f"{own.url}/arcgis", token=TOKEN, transport=RequestsTransport(verify=str(cert)))
        assert server.is_own(f"{own.url}/x") and not server.is_own(f"{own.url.replace('https', 'http')}/x")
        server.catalog()
    assert signed(own.received[0]) and not carries_credentials(other.received[0])


def test_a_sign_in_redirected_to_another_origin_sends_the_password_nowhere_else(other):
    def own_server(request: Received) -> Reply:
        if request.path.endswith("/rest/info"):
            return Reply(
                body={"authInfo": {"isTokenBasedSecurity": True, "tokenServicesUrl": f"{own.url}/arcgis/tokens/"}}
            )
        return moved(f"{other.url}/generateToken", 307)

    with ScriptedServer(own_server) as own:
        server = Server(f"{own.url}/arcgis", username="gpuser", password="pass-SECRET-1")
        with pytest.raises(BadResponse) as caught:
            server.catalog()
    assert other.received == [] and "pass-SECRET-1" not in str(caught.value)
    assert own.paths() == ["/arcgis/rest/info", "/arcgis/tokens/generateToken"]
