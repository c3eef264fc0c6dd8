"""Real QGIS fixtures: the plugin loaded through qgis.utils, connections to the reference server."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
import qgis.utils

from qgis_helpers import demo_data

import remote_gp
from remote_gp.bridge.connections import ConnectionStore
from qgis_helpers import connect, plugin_modules_kept

PLUGINS = str(Path(remote_gp.__path__[0]).parent)


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
def data(tmp_path_factory) -> Path:
    """The demo's towers (points) and DEM, made on the spot."""
    folder = tmp_path_factory.mktemp("inputs")
    demo_data.make_points(folder / "towers.shp")
    demo_data.make_dem(folder / "dem.tif")
    return folder
