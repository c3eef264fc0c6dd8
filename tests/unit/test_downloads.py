"""A download is written beside its destination and renamed only when whole: nothing partial is left."""

from __future__ import annotations

import pytest

from remote_gp.gp_core import ConnectionFailed, RetryPolicy, Server, ServerError
from scripted_http import Reply, ScriptedServer, in_turn

DATA = bytes(range(256)) * 4000
FILE = "/arcgis/rest/directories/arcgisjobs/j1/out.tif"


def download(tmp_path, *replies: Reply) -> ScriptedServer:
    """Download FILE into tmp_path/out.tif from a server answering `replies` in turn."""
    with ScriptedServer(in_turn(*replies)) as scripted:
        server = Server(f"{scripted.url}/arcgis", retry=RetryPolicy(sleep=lambda seconds: None))
        server.download(f"{scripted.url}{FILE}", tmp_path / "out.tif")
    return scripted


def test_a_whole_file_is_saved(tmp_path):
    download(tmp_path, Reply(body=DATA, headers={"Content-Type": "image/tiff"}))
    assert (tmp_path / "out.tif").read_bytes() == DATA and [p.name for p in tmp_path.iterdir()] == ["out.tif"]


def test_a_download_cut_once_is_fetched_again_whole(tmp_path):
    scripted = download(tmp_path, Reply(body=DATA, cut_after=1000), Reply(body=DATA))
    assert len(scripted.received) == 2 and (tmp_path / "out.tif").read_bytes() == DATA


@pytest.mark.parametrize(
    "reply",
    [
        Reply(body=DATA, cut_after=1000),
        Reply(body=DATA, headers={"Content-Length": "2000000", "Connection": "close"}),
    ],
    ids=["reset", "shorter than its length"],
)
def test_a_download_that_never_comes_whole_leaves_nothing(tmp_path, reply):
    earlier = tmp_path / "out.tif"
    earlier.write_bytes(b"an earlier result")
    with pytest.raises(
        ConnectionFailed,
        match=r"/arcgis/rest/directories/arcgisjobs/j1/out\.tif (broke|closed the "
        r"connection) before the whole answer came \((ConnectionResetError|IncompleteRead|"
        r"1024000 of 2000000 bytes)\)\.$",  # which one depends on when the client sees the close
    ):
        download(tmp_path, reply)
    assert [p.name for p in tmp_path.iterdir()] == ["out.tif"] and earlier.read_bytes() == b"an earlier result"


def test_an_error_body_in_place_of_the_file_is_raised_and_not_kept(tmp_path):
    error = Reply(body={"error": {"code": 404, "message": "File not found"}})
    with pytest.raises(ServerError, match="File not found"):
        download(tmp_path, error)
    assert list(tmp_path.iterdir()) == []
