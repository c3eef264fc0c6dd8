"""Real QGIS fixtures: QGIS in English, the plugin loaded through qgis.utils, connections to the
reference server.

pytest-qgis starts one headless QgsApplication for the session before this file is imported
(QT_QPA_PLATFORM=offscreen comes from the Makefile).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import qgis.utils

import remote_gp
from qgis_helpers import connect, demo_data, plugin_modules_kept, wait_for
from remote_gp.bridge.connections import OGC, ConnectionStore

PLUGINS = str(Path(remote_gp.__path__[0]).parent)


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


@pytest.fixture
def new_york_local_time(monkeypatch):
    """A local time zone other than UTC, so that a date moved by the local time zone is seen."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture(scope="module")
def plugin(qgis_app, qgis_processing, qgis_iface) -> Iterator:
    """remote_gp started as QGIS starts plugins, and unloaded at the end of the module."""
    qgis.utils.plugin_paths.insert(0, PLUGINS)
    qgis.utils.updateAvailablePlugins()
    with plugin_modules_kept():
        assert qgis.utils.loadPlugin("remote_gp") and qgis.utils.startPlugin("remote_gp")
        yield qgis.utils.plugins["remote_gp"]
        qgis.utils.unloadPlugin("remote_gp")
    qgis.utils.plugin_paths.remove(PLUGINS)


@pytest.fixture(scope="module")
def local(plugin, gp_server):
    connection = connect(plugin, "Local GP", gp_server)
    yield connection
    ConnectionStore().remove(connection.key)  # the plugin object may have been reloaded meanwhile


@pytest.fixture(scope="module")
def ogc(plugin, ogc_server):
    """A connection to the pygeoapi OGC API - Processes server, its processes' descriptions fetched."""
    connection = plugin.provider.store.add("Local OGC", ogc_server, "", OGC)
    wait_for(plugin.provider.refresh([connection]))
    yield connection
    ConnectionStore().remove(connection.key)


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """The demo's towers (points) and DEM, made on the spot."""
    folder = tmp_path_factory.mktemp("inputs")
    demo_data.make_points(folder / "towers.shp")
    demo_data.make_dem(folder / "dem.tif")
    return folder
