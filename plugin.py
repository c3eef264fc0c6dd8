"""The QGIS plugin: registers the `remotegp` Processing provider, and removes it again on unload."""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

ICON = Path(__file__).parent / "ui" / "icons" / "remote_gp.svg"


class RemoteGpProvider(QgsProcessingProvider):
    """The Processing provider holding one algorithm per remote GP task."""

    def id(self) -> str:
        return "remotegp"

    def name(self) -> str:
        return "Remote GP"

    def longName(self) -> str:
        return "Remote GP (ArcGIS geoprocessing services)"

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def svgIconPath(self) -> str:
        return str(ICON)

    def loadAlgorithms(self) -> None:
        """Algorithms come from cached task descriptions (no network at start-up)."""


class RemoteGpPlugin:
    """What QGIS's classFactory returns. `initProcessing` has no GUI code, so qgis_process
    can load the provider too."""

    def __init__(self, iface):
        self.iface = iface
        self.provider: RemoteGpProvider | None = None

    def initProcessing(self) -> None:  # noqa: N802 (QGIS's name)
        if self.provider is None:
            self.provider = RemoteGpProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self) -> None:  # noqa: N802
        self.initProcessing()

    def unload(self) -> None:
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
