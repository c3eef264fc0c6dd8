"""Shared fixtures: the reference GP server as a real process, plain HTTP, a gp_core Server.

Nothing here needs QGIS: the tests outside tests/qgis also run in plain Python venvs without QGIS's
pytest plugin (`make test-core`). QGIS's own fixtures are in tests/qgis/conftest.py.
"""
from __future__ import annotations

from typing import Iterator

import pytest
import requests

from gp_server.process import running_server

@pytest.fixture(scope="session")
def gp_server() -> Iterator[str]:
    """The context root of a reference GP server on 127.0.0.1, e.g. http://127.0.0.1:40123/arcgis."""
    with running_server() as url:
        yield url


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
