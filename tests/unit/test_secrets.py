"""Tokens and passwords go to the server that issued them and nowhere else: not to another host,
not into logs, not into error messages."""

from __future__ import annotations

import logging

import pytest

from remote_gp.gp_core import Server, TokenRequired, execute

PASSWORD = "gp-password-1"


def test_a_result_file_on_another_host_is_fetched_without_the_token(gp_server, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    server = Server(gp_server, username="gpuser", password=PASSWORD)
    task = server.task("Secure/DataTypes", "EchoTypes")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    result = execute(server, task, {"in_file": notes})
    remote = result.output("in_file_out")
    assert remote.url.startswith(gp_server.replace("127.0.0.1", "localhost"))  # another host
    # The server refuses any request to that host that carries a token (HTTP 403): this succeeds
    # only because none was sent.
    assert remote.download(tmp_path / "back.txt").read_text() == "hello"
    token = server.auth.current()
    assert token and token not in caplog.text and PASSWORD not in caplog.text
    assert "GET /arcgis/rest/services/Secure/DataTypes/GPServer?f=json " in caplog.text  # urllib3's request lines
    assert "token=" not in caplog.text  # the token travels in a header, never in a URL


def test_errors_never_show_the_password_or_the_token(gp_server):
    server = Server(gp_server, username="gpuser", password="wrong-" + PASSWORD)
    with pytest.raises(TokenRequired) as caught:
        server.service("Secure/DataTypes")
    assert PASSWORD not in str(caught.value) and "wrong-" not in str(caught.value)
    assert PASSWORD not in repr(server.auth._credentials)
