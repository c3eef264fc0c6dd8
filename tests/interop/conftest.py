"""Fixtures of the interoperability tests: Esri's ArcGIS API for Python (``arcgis``) and gp_core make the
same calls to the reference server, and the tests compare what each got.

They run in .build/interop's venv (``make interop``), where arcgis is installed; in the other venvs it is
not, and pytest collects nothing here. The whole run is offline: a guard refuses any connection or name
lookup beyond 127.0.0.0/8 and ::1, and every test fails that made one. The reference server runs in
.venv's Python: it needs Debian's GDAL, which cannot load beside the numpy 2 that arcgis needs.
"""

from __future__ import annotations

import importlib.util
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gp_server.process import TESTS_DIR, running_server
from remote_gp.gp_core import Server

from .offline import offline

if importlib.util.find_spec("arcgis") is None:
    collect_ignore_glob = ["test_*.py"]

SERVER_PYTHON = TESTS_DIR.parent / ".venv" / "bin" / "python"
USERNAME, PASSWORD = "gpuser", "gp-password-1"  # the reference server's one account (gp_server.security)
SUBPROCESS_TIMEOUT = 120


@pytest.fixture(scope="session", autouse=True)
def offline_attempts() -> Iterator[list[str]]:
    """What tried to reach beyond this computer during the run (refused, so nothing did)."""
    with offline() as attempts:
        yield attempts


@pytest.fixture(autouse=True)
def stays_offline(offline_attempts: list[str]) -> Iterator[None]:
    """A test that tried to reach beyond this computer fails, even where the code it ran swallowed the
    refusal."""
    before = len(offline_attempts)
    yield
    assert offline_attempts[before:] == [], "the test tried to reach beyond 127.0.0.1"


@pytest.fixture(scope="session")
def gp_server() -> Iterator[str]:
    """The reference server, run by .venv's Python (see the module's docstring)."""
    if not SERVER_PYTHON.exists():
        pytest.fail(f"{SERVER_PYTHON} is missing: the reference server runs in .venv (`make interop` makes it)")
    with running_server(str(SERVER_PYTHON)) as url:
        yield url


@pytest.fixture(scope="session")
def signed_in(gp_server: str) -> Server:
    """gp_core's Server signed in with the server's account (the Secure folder needs a token)."""
    return Server(gp_server, username=USERNAME, password=PASSWORD)


@pytest.fixture(scope="session")
def esri_session() -> Any:
    """An anonymous arcgis session, as import_toolbox makes one when given no GIS."""
    from arcgis.auth import EsriSession

    return EsriSession()


@pytest.fixture(scope="session")
def esri_signed_in(gp_server: str) -> Any:
    """An arcgis session signed in the way arcgis signs in to a stand-alone ArcGIS Server: its token
    service (found through rest/info) exchanges the account for a token.

    arcgis quirk: EsriGenTokenAuth posts through its own session with EsriSession's ``drop_auth``
    argument, so without ``session=EsriSession()`` it uses a plain requests Session, which fails with a
    TypeError (and import_toolbox then recurses until RecursionError)."""
    from arcgis.auth import EsriGenTokenAuth, EsriSession

    return EsriSession(
        auth=EsriGenTokenAuth(
            token_url=gp_server, referer="http", username=USERNAME, password=PASSWORD, session=EsriSession()
        )
    )


@pytest.fixture
def local_result_maps(gp_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """arcgis quirk: a task with a result map service returns a MapImageLayer built with no GIS, and a
    MapImageLayer without a GIS signs in anonymously to www.arcgis.com (``GIS()``) before it reads
    the map. Here it gets an anonymous connection to the reference server instead (plain http: a
    GIS would switch the URL to https)."""
    import arcgis.layers
    from arcgis.gis._impl._con import Connection

    connection = Connection(baseurl=gp_server, product="SERVER", all_ssl=False)

    class MapImageLayer(arcgis.layers.MapImageLayer):  # the generated toolboxes name the class
        def __init__(self, url: str, gis: Any = None):
            super().__init__(url, connection)

    monkeypatch.setattr(arcgis.layers, "MapImageLayer", MapImageLayer)


@pytest.fixture(scope="session")
def dem(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's DEM (a GeoTIFF with a known slope), written by .venv's Python: this venv has no GDAL."""
    path = tmp_path_factory.mktemp("dem") / "dem.tif"
    made = subprocess.run(
        [
            str(SERVER_PYTHON),
            "-c",
            "import sys, pathlib; from demo.demo_data import make_dem; make_dem(pathlib.Path(sys.argv[1]))",
            str(path),
        ],
        cwd=TESTS_DIR,
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    assert made.returncode == 0, made.stderr
    return path
