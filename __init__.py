"""Remote GP: ArcGIS geoprocessing services in QGIS Processing.

Importing this package loads nothing of QGIS, so `remote_gp.gp_core` works in plain Python.
"""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .bridge.dependencies import MissingDependencies, missing

    problems = missing()
    if problems:
        return MissingDependencies(iface, problems)
    from .plugin import RemoteGpPlugin

    return RemoteGpPlugin(iface)
