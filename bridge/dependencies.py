"""What Remote GP needs in the Python QGIS runs: shapely 2.0 or later and pyshp. Checked before
anything that imports them, so a QGIS without them gets a message saying what to install instead
of a plugin that fails to load."""
from __future__ import annotations

import importlib.util
from importlib import metadata

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication

from . import translation

TAG = "Remote GP"


def missing() -> list[str]:
    """The packages to install or upgrade, as a user would name them; empty when all is there."""
    problems = []
    shapely = _version("shapely")
    if shapely is None:
        problems.append(QCoreApplication.translate("RemoteGp", "shapely (2.0 or later)"))
    elif int(shapely.split(".")[0]) < 2:
        problems.append(QCoreApplication.translate("RemoteGp", "shapely 2.0 or later (this QGIS has {version})")
                        .format(version=shapely))
    if importlib.util.find_spec("shapefile") is None:
        problems.append("pyshp")
    return problems


def advice(problems: list[str]) -> str:
    return QCoreApplication.translate(
        "RemoteGp",
        "Remote GP needs Python packages this QGIS does not have: {}. Install them for QGIS's Python, then "
        "restart QGIS: on Linux or macOS run  python3 -m pip install --user \"shapely>=2\" pyshp ; on "
        "Windows, in the OSGeo4W Shell, run  python -m pip install \"shapely>=2\" pyshp").format(", ".join(problems))


class MissingDependencies:
    """Stands in for the plugin when its dependencies are missing: it says what to install."""

    def __init__(self, iface, problems: list[str]):
        self.iface = iface
        self.translator = translation.install()
        self.message = advice(problems)

    def initProcessing(self) -> None:  # noqa: N802 (QGIS's names)
        QgsMessageLog.logMessage(self.message, TAG, Qgis.Critical)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()
        if self.iface is not None:
            self.iface.messageBar().pushMessage(TAG, self.message, Qgis.Critical, 0)

    def unload(self) -> None:
        translation.remove(self.translator)


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
