"""Remote GP: ArcGIS geoprocessing services in QGIS Processing.

Importing this package loads nothing of QGIS, so `remote_gp.gp_core` works in plain Python.
"""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """The plugin, or where it cannot run safely (a package missing, or a shapely whose GEOS would
    crash QGIS) a stand-in that registers nothing and says why: checked before anything imports shapely."""
    from .bridge.dependencies import MissingDependencies, problems

    found = problems()
    if found:
        return MissingDependencies(iface, found)
    from .plugin import RemoteGpPlugin

    return RemoteGpPlugin(iface)


_standalone = []  # the plugin load_provider made: QGIS keeps no Python reference to it or its provider


def load_provider():
    """For standalone PyQGIS scripts, where QGIS starts no plugin: register the `remotegp` Processing
    provider (nothing needs `iface`) and return it; the provider already registered, if any. Call it
    after `QgsApplication.initQgis()` and `Processing.initialize()` (see the README's "Standalone
    PyQGIS scripts"). RuntimeError, with the commands that fix it, where the plugin cannot run safely."""
    from qgis.core import QgsApplication

    from .bridge.dependencies import advice, problems
    from .bridge.product import PROVIDER_ID

    registered = QgsApplication.processingRegistry().providerById(PROVIDER_ID)
    if registered is not None:
        return registered
    found = problems()
    if found:
        raise RuntimeError("\n\n".join(part for part in advice(found) if part))
    from .plugin import RemoteGpPlugin

    plugin = RemoteGpPlugin(None)
    plugin.initProcessing()
    _standalone.append(plugin)
    return plugin.provider
