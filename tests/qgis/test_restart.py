"""QGIS restarted: the plugin loads its algorithms from the cache, with the same ids, and no network."""

from __future__ import annotations

import qgis.utils
from qgis.core import QgsApplication, QgsSettings

from qgis_helpers import plugin_modules_kept


def remote_ids() -> set[str]:
    return {a.id() for a in QgsApplication.processingRegistry().providerById("remotegp").algorithms()}


def test_algorithm_ids_are_the_same_after_a_restart_with_the_server_down(plugin, local, gp_server):
    before = remote_ids()
    assert before
    with plugin_modules_kept():
        qgis.utils.unloadPlugin("remote_gp")
        assert QgsApplication.processingRegistry().providerById("remotegp") is None
        # The connection now points at a port where nothing answers: loading must not need it.
        qgis.utils.plugins.pop("remote_gp", None)
        QgsSettings().setValue(f"remote_gp/connections/{local.key}/url", "http://127.0.0.1:9/arcgis")
        assert qgis.utils.loadPlugin("remote_gp") and qgis.utils.startPlugin("remote_gp")
        assert remote_ids() == before
