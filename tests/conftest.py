"""Shared fixtures: the reference GP server and the pygeoapi OGC API - Processes server as real processes,
plain HTTP, a gp_core Server, and shapely's PyPI wheel.

Nothing here needs QGIS: the tests outside tests/qgis also run in plain Python venvs without QGIS's
pytest plugin (`make test-core`). QGIS's own fixtures are in tests/qgis/conftest.py.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from gp_server.process import running_server
from ogc_server.process import OGCServerMissing, running_ogc_server


@pytest.fixture(scope="session")
def gp_server() -> Iterator[str]:
    """The context root of a reference GP server on 127.0.0.1, e.g. http://127.0.0.1:40123/arcgis."""
    with running_server() as url:
        yield url


@pytest.fixture(scope="session")
def ogc_server() -> Iterator[str]:
    """The base URL of a pygeoapi OGC API - Processes server on 127.0.0.1 (tests/ogc_server), e.g.
    http://127.0.0.1:40123. It runs in its own venv, .build/pygeoapi, which `make test` builds."""
    try:
        with running_ogc_server() as url:
            yield url
    except OGCServerMissing as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def http() -> Iterator[requests.Session]:
    """Plain HTTP, for tests of the reference server itself."""
    with requests.Session() as session:
        yield session


@pytest.fixture(scope="session")
def server(gp_server: str):
    """gp_core's Server for the reference server (anonymous)."""
    from remote_gp.gp_core import Server

    return Server(gp_server)


@pytest.fixture(scope="session")
def shapely_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """shapely 2.1.2 as PyPI's wheel installs it (with its own GEOS 3.13.1 in shapely.libs), in a folder
    of its own: the install that crashed QGIS (issue 8)."""
    folder = tmp_path_factory.mktemp("wheel")
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "--only-binary",
            ":all:",
            "--no-deps",
            "--target",
            str(folder),
            "shapely==2.1.2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert installed.returncode == 0, installed.stderr
    return folder
