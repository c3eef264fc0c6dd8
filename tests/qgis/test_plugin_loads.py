"""The plugin loads, registers its provider and unloads cleanly in real QGIS, through qgis.utils
as QGIS loads plugins, under the package name it is installed as."""

from __future__ import annotations

from pathlib import Path

import pytest
import qgis.utils
from qgis.core import QgsApplication

import remote_gp
from qgis_helpers import plugin_modules_kept


@pytest.fixture
def plugin_folder(qgis_app, qgis_iface):
    """QGIS's plugin search path with the folder our plugin is installed in."""
    qgis.utils.plugin_paths.insert(0, str(Path(remote_gp.__path__[0]).parent))
    qgis.utils.updateAvailablePlugins()
    with plugin_modules_kept():
        yield
    qgis.utils.plugin_paths.pop(0)


def test_metadata_carries_what_the_plugin_repository_requires(plugin_folder):
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email", "repository"):
        assert qgis.utils.pluginMetadata("remote_gp", key) not in ("", "__error__"), key
    assert qgis.utils.pluginMetadata("remote_gp", "qgisMinimumVersion") == "3.22"
    assert qgis.utils.pluginMetadata("remote_gp", "hasProcessingProvider") == "yes"
    assert qgis.utils.pluginMetadata("remote_gp", "category") == "Web"
    icon = Path(remote_gp.__path__[0]) / qgis.utils.pluginMetadata("remote_gp", "icon")
    assert icon.is_file()


def browser_providers() -> tuple[int, int]:
    from qgis.gui import QgsGui

    return (
        [p.name() for p in QgsApplication.dataItemProviderRegistry().providers()].count("Remote GP"),
        [p.name() for p in QgsGui.dataItemGuiProviderRegistry().providers()].count("Remote GP"),
    )


def test_the_plugin_registers_its_providers_and_removes_them_on_unload(plugin_folder):
    registry = QgsApplication.processingRegistry()
    assert qgis.utils.loadPlugin("remote_gp")
    assert qgis.utils.startPlugin("remote_gp")
    provider = registry.providerById("remotegp")
    assert provider is not None and provider.name() == "Remote GP"
    assert not provider.icon().isNull()
    assert browser_providers() == (1, 1)
    assert qgis.utils.unloadPlugin("remote_gp")
    assert registry.providerById("remotegp") is None
    assert browser_providers() == (0, 0)


def test_processing_alone_can_start_the_plugin_without_its_gui(plugin_folder):
    registry = QgsApplication.processingRegistry()
    assert qgis.utils.loadPlugin("remote_gp")
    assert qgis.utils.startProcessingPlugin("remote_gp")
    assert registry.providerById("remotegp") is not None
    assert qgis.utils.unloadPlugin("remote_gp")
    assert registry.providerById("remotegp") is None
