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
