"""GETs are sent again after passing failures; POSTs only when the server cannot have acted on them.
Waits are recorded instead of slept: the number of requests is what is asserted."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from remote_gp.gp_core import Cancelled, ConnectionFailed, RequestsTransport, RetryPolicy, Server, ServerError
from scripted_http import Reply, ScriptedServer, in_turn

SERVICES = "/arcgis/rest/services"
CATALOG = Reply(body={"folders": [], "services": []})
SUBMITTED = Reply(body={"jobId": "j1", "jobStatus": "esriJobSubmitted"})


class Waits(list):
    """A RetryPolicy's sleep that only records."""

    def policy(self, **options) -> RetryPolicy:
        return RetryPolicy(sleep=self.append, **options)


def catalog_through(*replies: Reply, **options) -> tuple[ScriptedServer, Waits]:
    waits = Waits()
    with ScriptedServer(in_turn(*replies)) as scripted:
        Server(f"{scripted.url}/arcgis", retry=waits.policy(**options)).catalog()
    return scripted, waits


@pytest.mark.parametrize(
    "failure",
    [
        Reply(status=500, body={}),
        Reply(status=502, body=b"Bad gateway"),
        Reply(status=429),
        Reply(body=b"x" * 5000, cut_after=10),
    ],
    ids=["500", "502", "429", "reset"],
)
def test_a_get_is_sent_again_after_one_failure(failure):
    scripted, waits = catalog_through(failure, CATALOG)
    assert len(scripted.received) == 2 and waits


def test_a_retry_after_in_seconds_is_honoured():
    scripted, waits = catalog_through(Reply(status=503, headers={"Retry-After": "3"}), CATALOG)
    assert len(scripted.received) == 2 and sum(waits) >= 3


def test_a_retry_after_as_an_http_date_is_honoured():
    when = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=20), usegmt=True)
    scripted, waits = catalog_through(Reply(status=429, headers={"Retry-After": when}), CATALOG)
    assert len(scripted.received) == 2 and sum(waits) >= 15


def test_a_retry_after_longer_than_the_policy_allows_ends_at_once():
    with pytest.raises(ServerError, match="503"):
        catalog_through(Reply(status=503, headers={"Retry-After": "3600"}), CATALOG)


def test_retries_are_bounded_in_number():
    waits = Waits()
    with ScriptedServer(in_turn(Reply(status=502, body=b""))) as scripted:
        with pytest.raises(ServerError, match="502"):
            Server(f"{scripted.url}/arcgis", retry=waits.policy(attempts=3)).catalog()
    assert len(scripted.received) == 4 and len(set(waits)) > 1  # jittered, growing waits


def test_a_cancel_while_waiting_to_retry_ends_at_once():
    waits = Waits()  # the user cancels during the first moment of waiting
    with ScriptedServer(in_turn(Reply(status=503, headers={"Retry-After": "10"}), CATALOG)) as scripted:
        server = Server(
            f"{scripted.url}/arcgis", transport=RequestsTransport(cancelled=lambda: bool(waits)), retry=waits.policy()
        )
        with pytest.raises(Cancelled):
            server.catalog()
    assert len(scripted.received) == 1 and len(waits) == 1


@pytest.mark.parametrize(
    "failure",
    [Reply(status=500, body={}), Reply(status=502), Reply(body=b"x" * 5000, cut_after=10)],
    ids=["500", "502", "reset after reading it"],
)
def test_a_submit_the_server_may_have_acted_on_is_never_sent_twice(failure):
    with ScriptedServer(in_turn(failure, SUBMITTED)) as scripted:
        server = Server(f"{scripted.url}/arcgis", retry=Waits().policy())
        with pytest.raises((ServerError, ConnectionFailed)):
            server.post(f"{scripted.url}{SERVICES}/GP/S/GPServer/T/submitJob", {"a": "1"})
    assert len(scripted.received) == 1


@pytest.mark.parametrize(
    "refusal", [Reply(status=503, body=b"Busy"), Reply(status=429, headers={"Retry-After": "1"})], ids=["503", "429"]
)
def test_a_submit_the_server_refused_before_acting_is_sent_again(refusal):
    with ScriptedServer(in_turn(refusal, SUBMITTED)) as scripted:
        server = Server(f"{scripted.url}/arcgis", retry=Waits().policy())
        assert server.post(f"{scripted.url}{SERVICES}/GP/S/GPServer/T/submitJob", {"a": "1"})["jobId"] == "j1"
    assert len(scripted.received) == 2 and scripted.received[0].body == scripted.received[1].body
