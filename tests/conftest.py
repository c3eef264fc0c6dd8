"""Shared fixtures: the reference GP server as a real process, plain HTTP, a gp_core Server.

pytest-qgis starts one headless QgsApplication for the session before this file is imported
(QT_QPA_PLATFORM=offscreen comes from the Makefile).
"""
from __future__ import annotations

from typing import Iterator

import pytest
import requests

from gp_server.process import running_server

@pytest.fixture(scope="session", autouse=True)
def english_qgis(qgis_app) -> None:
    """The tests read English messages: QGIS's interface language is English for them, whatever the
    machine's locale (the plugin installs the translation of that language when it loads)."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "en_US")


@pytest.fixture(scope="session", autouse=True)
def application_notifications_primed(qgis_app) -> None:
    """pytest-qgis makes QGIS's application object from Python (QGIS itself makes it in C++), so it
    is a sip subclass, which QGIS connects to every request's event loop in the sending thread:
    primed like the plugin primes its requests, or workers and the main thread can deadlock."""
    from qgis.core import QgsApplication

    from remote_gp.bridge.network import prime_notifications

    prime_notifications(QgsApplication.instance().aboutToQuit)


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
